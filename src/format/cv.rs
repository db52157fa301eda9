//! CV sections: the numbered publication list as plain text, Markdown,
//! LaTeX or HTML, optionally grouped by year or kind.
//!
//! One format-neutral step builds each entry as [`Piece`]s (authors, text,
//! arXiv ids) following the CV's citation rules; each format only escapes
//! text and marks up those pieces. Numbers are the global CV numbers unless
//! [`CvOptions::renumber`] asks for 1..n over the selection.

use std::io::{self, Write};

use unicode_normalization::UnicodeNormalization;

use super::write_in_pieces;
use crate::model::{Kind, Publication, Status};
use crate::normalize::names::Identity;

/// The output language of a CV section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CvFormat {
    /// The CV's own plain-text list ("12. Authors. Title. Venue. Year.").
    Text,
    /// A Markdown numbered list.
    Markdown,
    /// A LaTeX section that compiles with pdflatex.
    Latex,
    /// An HTML fragment or page.
    Html,
}

/// How entries are grouped under headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One list.
    None,
    /// One group per year ("2024", "2023", ...).
    Year,
    /// One group per kind ("Journal articles", "Conference papers", ...).
    Kind,
}

/// The order of entries (and of year groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest (highest number) first, as CVs usually list papers.
    Desc,
    /// Oldest first.
    Asc,
}

/// Whose name is emphasized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Highlight {
    /// The library's owner (`Person::owner`).
    Owner,
    /// Whoever matches one of these identities ("Lei Wu", "Wu, L."), the
    /// readings of one name ([`crate::normalize::names::query_identities`]).
    Person(Vec<Identity>),
}

/// Everything that shapes a CV section.
#[derive(Debug, Clone)]
pub struct CvOptions {
    /// Output language.
    pub format: CvFormat,
    /// Grouping under headings.
    pub group_by: GroupBy,
    /// Entry order.
    pub order: Order,
    /// Number the selection 1..n instead of showing global numbers.
    pub renumber: bool,
    /// A whole document (preamble, page) instead of a section.
    pub standalone: bool,
    /// Whose name is emphasized.
    pub highlight: Highlight,
}

/// Writes the CV section for `pubs` (any order; they are sorted here).
pub fn write_cv(out: &mut dyn Write, pubs: &[&Publication], opts: &CvOptions) -> io::Result<()> {
    let cv = Cv::build(pubs, opts);
    match opts.format {
        CvFormat::Text => write_text(out, &cv),
        CvFormat::Markdown => write_markdown(out, &cv, opts),
        CvFormat::Latex => write_latex(out, &cv, opts),
        CvFormat::Html => write_html(out, &cv, opts),
    }
}

/// The CV's plain-text form of one entry, without its number.
///
/// ```
/// # use std::path::Path;
/// # use publist::library::{Library, LoadOptions};
/// let bib = r"@inproceedings{a, author = {Wang, Mingze and E, Weinan},
///   title = {A Title}, booktitle = {NeurIPS 2024}, year = 2024, pagetotal = 76}";
/// let lib = Library::from_text(Path::new("x.bib"), bib.into(), LoadOptions::default());
/// assert_eq!(
///     publist::format::cv::entry_text(&lib.publications()[0]),
///     "Mingze Wang, Weinan E. A Title. Conference on Neural Information Processing Systems (NeurIPS 2024), 1-76. 2024."
/// );
/// ```
pub fn entry_text(p: &Publication) -> String {
    inline(&entry_pieces(p, &Highlight::Owner), &Plain)
}

/// The venue as the CV names it, without award: "Conference on Neural
/// Information Processing Systems (NeurIPS 2024)". `None` for arXiv
/// preprints and papers without a venue.
pub fn venue_text(p: &Publication) -> Option<String> {
    venue_phrase(p, false)
}

/// The sentence that explains the equal-contribution mark.
const EQUAL_NOTE: &str = " indicates equal contribution.";

/// The heading of a whole document.
const TITLE: &str = "Publications";

// ---------------------------------------------------------------------------
// The format-neutral structure.

/// A CV section: groups of numbered entries.
struct Cv<'p> {
    groups: Vec<Group<'p>>,
    /// Whether any listed paper has equal contributors.
    equal_note: bool,
    /// Whether labels run downwards (for `<ol reversed>`).
    descending: bool,
}

struct Group<'p> {
    heading: Option<String>,
    entries: Vec<Entry<'p>>,
}

struct Entry<'p> {
    label: usize,
    pieces: Vec<Piece<'p>>,
}

/// A part of an entry that formats mark up differently.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'p> {
    /// Text, escaped by each format.
    Text(String),
    /// An author: emphasized when highlighted, with a mark when equal.
    Author {
        name: &'p str,
        highlight: bool,
        equal: bool,
    },
    /// An arXiv identifier, a link where the format has links.
    Arxiv(&'p str),
}

impl<'p> Cv<'p> {
    fn build(pubs: &[&'p Publication], opts: &CvOptions) -> Cv<'p> {
        let mut sorted: Vec<&Publication> = pubs.to_vec();
        sorted.sort_by_key(|p| p.number);
        // Renumbering ranks the selection chronologically, like the global numbers.
        let rank = |p: &Publication| {
            if opts.renumber {
                sorted
                    .binary_search_by_key(&p.number, |q| q.number)
                    .unwrap_or(0)
                    + 1
            } else {
                p.number
            }
        };
        let mut ordered = sorted.clone();
        if opts.order == Order::Desc {
            ordered.reverse();
        }
        // Each paper's pieces, made on every core for a large selection.
        let mut pieces: Vec<Vec<Piece>> = crate::par::map(ordered.len(), PARALLEL_ENTRIES, |k| {
            entry_pieces(ordered[k], &opts.highlight)
        });
        let mut groups: Vec<Group> = Vec::new();
        for key in group_keys(&ordered, opts) {
            let entries = ordered
                .iter()
                .enumerate()
                .filter(|(_, p)| group_of(p, opts.group_by) == key)
                .map(|(k, p)| Entry {
                    label: rank(p),
                    // A paper falls in one group (`group_of`), and each
                    // group is listed once: its pieces move there.
                    pieces: std::mem::take(&mut pieces[k]),
                })
                .collect();
            groups.push(Group {
                heading: heading(&key),
                entries,
            });
        }
        Cv {
            groups,
            equal_note: pubs.iter().any(|p| p.has_equal_contributors()),
            descending: opts.order == Order::Desc,
        }
    }

    fn entries(&self) -> impl Iterator<Item = &Entry<'p>> {
        self.groups.iter().flat_map(|g| &g.entries)
    }
}

/// Entries rendered into one piece of output.
const ENTRIES_PER_PIECE: usize = 64;

/// Below twice this many entries, a CV's entries are made on one core, and
/// a group's written on one core.
const PARALLEL_ENTRIES: usize = 1000;

/// Writes a group's entries in order, `line(k, entry, out)` writing entry
/// `k`; a large group on every core (see [`write_in_pieces`]).
fn write_entries(
    out: &mut dyn Write,
    entries: &[Entry],
    line: impl Fn(usize, &Entry, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    write_in_pieces(
        out,
        entries.len(),
        ENTRIES_PER_PIECE,
        PARALLEL_ENTRIES,
        |k, piece| line(k, &entries[k], &mut piece.bytes),
    )
}

/// The group a paper falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKey {
    All,
    Year(Option<i32>),
    Kind(Kind),
}

fn group_of(p: &Publication, by: GroupBy) -> GroupKey {
    match by {
        GroupBy::None => GroupKey::All,
        GroupBy::Year => GroupKey::Year(p.year),
        GroupBy::Kind => GroupKey::Kind(p.venue.kind),
    }
}

/// The groups present, in print order: years follow the entry order (undated
/// last), kinds the fixed order of [`Kind::ALL`].
fn group_keys(ordered: &[&Publication], opts: &CvOptions) -> Vec<GroupKey> {
    let mut keys: Vec<GroupKey> = Vec::new();
    for p in ordered {
        let key = group_of(p, opts.group_by);
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    match opts.group_by {
        GroupBy::None => {}
        GroupBy::Year => keys.sort_by_key(|k| match k {
            GroupKey::Year(Some(y)) if opts.order == Order::Desc => (0, -i64::from(*y)),
            GroupKey::Year(Some(y)) => (0, i64::from(*y)),
            _ => (1, 0),
        }),
        GroupBy::Kind => keys.sort_by_key(|k| match k {
            GroupKey::Kind(kind) => Kind::ALL.iter().position(|x| x == kind),
            _ => None,
        }),
    }
    keys
}

fn heading(key: &GroupKey) -> Option<String> {
    Some(match key {
        GroupKey::All => return None,
        GroupKey::Year(Some(y)) => y.to_string(),
        GroupKey::Year(None) => "Undated".to_string(),
        GroupKey::Kind(kind) => match kind {
            Kind::Journal => "Journal articles",
            Kind::Conference => "Conference papers",
            Kind::Workshop => "Workshop papers",
            Kind::Preprint => "Preprints",
            Kind::Book => "Books and chapters",
            Kind::Thesis => "Theses",
            Kind::Report => "Reports",
            Kind::Other => "Other",
        }
        .to_string(),
    })
}

// ---------------------------------------------------------------------------
// Citation rules.

/// One entry as pieces: "Authors. Title. Venue sentence(s), pages. Year."
fn entry_pieces<'p>(p: &'p Publication, highlight: &Highlight) -> Vec<Piece<'p>> {
    let mut sentences: Vec<Vec<Piece>> = Vec::new();
    if !p.authors.is_empty() {
        let mut authors = Vec::new();
        for (i, a) in p.authors.iter().enumerate() {
            if i > 0 {
                authors.push(Piece::Text(", ".to_string()));
            }
            authors.push(Piece::Author {
                name: &a.name,
                highlight: match highlight {
                    Highlight::Owner => a.owner,
                    Highlight::Person(who) => {
                        who.iter().any(|w| w.matches_names(&a.given, &a.family))
                    }
                },
                equal: a.equal,
            });
        }
        sentences.push(authors);
    }
    if !p.title.trim().is_empty() {
        sentences.push(vec![Piece::Text(p.title.trim().to_string())]);
    }
    let mut body = body_sentences(p);
    if let Some(pages) = pages(p) {
        // A journal's volume and pages follow its name; otherwise pages
        // close the venue part, after the arXiv id as on the CV.
        let journal = p.venue.kind == Kind::Journal
            && !matches!(p.status, Status::Submitted | Status::Inpreparation);
        let at = if journal {
            body.first_mut()
        } else {
            body.last_mut()
        };
        match at {
            Some(sentence) => sentence.push(Piece::Text(format!(", {pages}"))),
            None => body.push(vec![Piece::Text(pages)]),
        }
    }
    sentences.extend(body);
    if let Some(note) = p.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        sentences.push(vec![Piece::Text(note.to_string())]);
    }
    if let Some(year) = p.year {
        sentences.push(vec![Piece::Text(year.to_string())]);
    }
    if sentences.is_empty() {
        // An entry with nothing to show is still findable by its key.
        sentences.push(vec![Piece::Text(format!("[{}]", p.key))]);
    }
    join_sentences(sentences)
}

/// Joins sentences with ". " (no extra period after "?", "!" or ".").
fn join_sentences(sentences: Vec<Vec<Piece>>) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, sentence) in sentences.into_iter().enumerate() {
        if i > 0 {
            out.push(Piece::Text(" ".to_string()));
        }
        let ends_with_stop = match sentence.last() {
            Some(Piece::Text(t)) => t.ends_with(['.', '?', '!']),
            // "et al.", "Jr."
            Some(Piece::Author {
                name, equal: false, ..
            }) => name.ends_with('.'),
            _ => false,
        };
        out.extend(sentence);
        if !ends_with_stop {
            out.push(Piece::Text(".".to_string()));
        }
    }
    merge_text(out)
}

/// Merges adjacent text pieces, so formats see whole phrases.
fn merge_text(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(Piece::Text(prev)), Piece::Text(next)) => prev.push_str(&next),
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// The sentences between title and year: status, venue, arXiv.
fn body_sentences(p: &Publication) -> Vec<Vec<Piece<'_>>> {
    let mut out = Vec::new();
    let mut award_used = false;
    match p.status {
        Status::Submitted => out.push(text_sentence("Under review")),
        Status::Inpreparation => out.push(text_sentence("In preparation")),
        _ => {
            let venue = venue_phrase(p, true);
            award_used = venue.is_some();
            let phrase = match (p.status, venue) {
                (Status::Forthcoming, Some(v)) => Some(format!("To appear in {v}")),
                (Status::Forthcoming, None) => Some("To appear".to_string()),
                (Status::Inpress, Some(v)) => Some(format!("{v}, in press")),
                (Status::Inpress, None) => Some("In press".to_string()),
                (_, v) => v,
            };
            out.extend(phrase.map(|v| vec![Piece::Text(v)]));
        }
    }
    if let Some(id) = p.arxiv.as_deref() {
        out.push(vec![
            Piece::Text("arXiv preprint: ".to_string()),
            Piece::Arxiv(id),
        ]);
    }
    if !award_used && let Some(award) = &p.award {
        out.push(text_sentence(award));
    }
    out
}

fn text_sentence(text: &str) -> Vec<Piece<'static>> {
    vec![Piece::Text(text.to_string())]
}

/// The venue as the CV names it: "Full Name (ABBR YEAR[, Track][, Award])",
/// "HOST YEAR Workshop on Name (HOST YEAR Workshop SHORT)", "PhD thesis,
/// School", or an unknown venue's own name. `None` when there is no venue
/// to name (or the arXiv sentence names it).
fn venue_phrase(p: &Publication, with_award: bool) -> Option<String> {
    let v = &p.venue;
    let name = v.name.trim();
    let mut extras: Vec<String> = Vec::new();
    if let Some(track) = &v.track {
        extras.push(format!("{track} Track"));
    }
    extras.extend(p.award.clone().filter(|_| with_award));
    let (main, label): (String, Option<String>) = match (v.kind, v.abbr.as_deref(), &v.workshop) {
        (Kind::Preprint, _, _) if p.arxiv.is_some() => return None,
        (_, Some(host), Some(ws)) => (ws.title(host, v.year), ws.short.as_ref().map(|_| v.label())),
        (_, Some(abbr), None) if !name.is_empty() && !name.eq_ignore_ascii_case(abbr) => {
            (name.to_string(), Some(v.label()))
        }
        (_, Some(_), None) => (v.label(), None),
        (_, None, _) if name.is_empty() => return None,
        (Kind::Thesis, None, _) => (format!("{}, {name}", thesis_word(p)), None),
        (Kind::Report, None, _) => (format!("Technical report, {name}"), None),
        // A chapter's venue is its book; other book-like entries name their publisher.
        (Kind::Book, None, _) if is_part_of_collection(&p.entry_type) => {
            (format!("In {name}"), None)
        }
        (_, None, _) => (name.to_string(), None),
    };
    let paren: Vec<String> = label.into_iter().chain(extras).collect();
    Some(if paren.is_empty() {
        main
    } else {
        format!("{main} ({})", paren.join(", "))
    })
}

fn is_part_of_collection(entry_type: &str) -> bool {
    matches!(
        entry_type,
        "incollection" | "inreference" | "suppcollection"
    )
}

fn thesis_word(p: &Publication) -> &'static str {
    match p.entry_type.as_str() {
        "phdthesis" => "PhD thesis",
        "mastersthesis" => "Master's thesis",
        _ => "Thesis",
    }
}

/// Pages: the range when given, else "1-N" from the page count; a journal
/// article's volume and issue go first, as in "47(2):1–30".
fn pages(p: &Publication) -> Option<String> {
    let nonempty = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let range =
        nonempty(&p.pages).or_else(|| p.pagetotal.filter(|&n| n > 0).map(|n| format!("1-{n}")));
    let volume = nonempty(&p.volume).filter(|_| p.venue.kind == Kind::Journal);
    let Some(volume) = volume else {
        return range;
    };
    let issue = nonempty(&p.issue).map_or(String::new(), |i| format!("({i})"));
    Some(match range {
        Some(range) => format!("{volume}{issue}:{range}"),
        None => format!("{volume}{issue}"),
    })
}

// ---------------------------------------------------------------------------
// Inline markup.

/// How one format writes text, authors and arXiv ids.
trait Inline {
    /// Escapes text for the format.
    fn text(&self, text: &str) -> String;
    /// An author, emphasized or marked.
    fn author(&self, name: &str, highlight: bool, equal: bool) -> String;
    /// An arXiv identifier.
    fn arxiv(&self, id: &str) -> String;
}

fn inline(pieces: &[Piece], style: &dyn Inline) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(t) => style.text(t),
            Piece::Author {
                name,
                highlight,
                equal,
            } => style.author(name, *highlight, *equal),
            Piece::Arxiv(id) => style.arxiv(id),
        })
        .collect()
}

fn arxiv_url(id: &str) -> String {
    format!("https://arxiv.org/abs/{id}")
}

// ---------------------------------------------------------------------------
// Text.

/// Plain text: no emphasis (it would not survive a paste), `*` marks.
struct Plain;

impl Inline for Plain {
    fn text(&self, text: &str) -> String {
        text.to_string()
    }
    fn author(&self, name: &str, _highlight: bool, equal: bool) -> String {
        format!("{name}{}", if equal { "*" } else { "" })
    }
    fn arxiv(&self, id: &str) -> String {
        id.to_string()
    }
}

fn write_text(out: &mut dyn Write, cv: &Cv) -> io::Result<()> {
    if cv.equal_note {
        writeln!(out, "*{EQUAL_NOTE}")?;
    }
    for (i, group) in cv.groups.iter().enumerate() {
        if let Some(h) = &group.heading {
            if i > 0 || cv.equal_note {
                writeln!(out)?;
            }
            writeln!(out, "{h}")?;
        }
        write_entries(out, &group.entries, |_, e, line| {
            writeln!(line, "{}. {}", e.label, inline(&e.pieces, &Plain))
        })?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Markdown.

/// CommonMark: owner in `**bold**`, `\*` marks, arXiv ids as links.
struct Markdown;

impl Inline for Markdown {
    fn text(&self, text: &str) -> String {
        escape_markdown(text)
    }
    fn author(&self, name: &str, highlight: bool, equal: bool) -> String {
        let name = escape_markdown(name);
        let name = if highlight {
            format!("**{name}**")
        } else {
            name
        };
        format!("{name}{}", if equal { "\\*" } else { "" })
    }
    fn arxiv(&self, id: &str) -> String {
        format!("[{}]({})", escape_markdown(id), arxiv_url(id))
    }
}

/// Backslash-escapes the ASCII punctuation that Markdown could read as
/// markup (emphasis, links, code, HTML, math, superscripts, tables), and an
/// `&` that would start an entity (`&amp;`); "R&D" stays as it is.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '$' | '|' | '~' | '^'
        ) || (c == '&' && starts_entity(&text[i + 1..]))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (after an `&`) reads as an entity: `name;` or `#123;`.
fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// Escapes what would open a block inside the list item: "- x", "+ x",
/// "# x", "2020. x", "2020) x".
fn protect_block_start(body: String) -> String {
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let marker_at = if digits > 0 {
        Some(digits).filter(|&d| body[d..].starts_with(['.', ')']))
    } else {
        Some(0).filter(|_| body.starts_with(['-', '+', '#', '=']))
    };
    match marker_at {
        Some(at) => format!("{}\\{}", &body[..at], &body[at..]),
        None => body,
    }
}

fn write_markdown(out: &mut dyn Write, cv: &Cv, opts: &CvOptions) -> io::Result<()> {
    let level = if opts.standalone { "#" } else { "##" };
    writeln!(out, "{level} {TITLE}\n")?;
    if cv.equal_note {
        writeln!(out, "\\*{EQUAL_NOTE}\n")?;
    }
    for (i, group) in cv.groups.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if let Some(h) = &group.heading {
            writeln!(out, "{level}# {}\n", escape_markdown(h))?;
        }
        write_entries(out, &group.entries, |k, e, line| {
            // Markdown renderers number a list upwards from its first item,
            // so a label that does not follow on starts a new list; an empty
            // comment between blank lines ends the previous list in every
            // dialect (CommonMark, GFM, pandoc, kramdown).
            if k > 0 && e.label != group.entries[k - 1].label + 1 {
                writeln!(line, "\n<!-- -->\n")?;
            }
            let body = protect_block_start(inline(&e.pieces, &Markdown));
            writeln!(line, "{}. {body}", e.label)
        })?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// LaTeX.

/// LaTeX: special characters escaped, math passed through, owner in
/// `\textbf`, marks as `$^*$`.
struct Latex;

impl Inline for Latex {
    fn text(&self, text: &str) -> String {
        escape_latex(text)
    }
    fn author(&self, name: &str, highlight: bool, equal: bool) -> String {
        let name = escape_latex(name);
        let name = if highlight {
            format!("\\textbf{{{name}}}")
        } else {
            name
        };
        format!("{name}{}", if equal { "$^*$" } else { "" })
    }
    fn arxiv(&self, id: &str) -> String {
        escape_latex(id)
    }
}

/// Escapes `text` for LaTeX, keeping `$...$` math verbatim. Math follows
/// pandoc's rule, so "costs $5 and $10" stays text: the opening `$` has a
/// non-space on its right, the closing one a non-space on its left and no
/// digit after it.
pub fn escape_latex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find('$') {
        out.push_str(&escape_latex_text(&rest[..start]));
        match math_end(&rest[start..]) {
            Some(len) => {
                out.push_str(&rest[start..start + len]);
                rest = &rest[start + len..];
            }
            None => {
                out.push_str("\\$");
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(&escape_latex_text(rest));
    out
}

/// The length of the math span `$...$` at the start of `text`, if it is one.
fn math_end(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('$')?;
    if inner.starts_with(char::is_whitespace) || inner.starts_with('$') {
        return None;
    }
    let mut prev = '$';
    for (i, c) in inner.char_indices() {
        if c == '$' && prev != '\\' {
            let after = inner[i + 1..].chars().next();
            if prev.is_whitespace() || after.is_some_and(|a| a.is_ascii_digit()) {
                return None;
            }
            return Some(1 + i + 1);
        }
        prev = c;
    }
    None
}

fn escape_latex_text(text: &str) -> String {
    // Most text is ASCII without a special character: it goes in as is
    // (no ASCII character is a combining mark).
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b"&%$#_{}~^\\<>|".contains(&b))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '–' => out.push_str("--"),
            '—' => out.push_str("---"),
            '\u{a0}' => out.push('~'),
            _ if !c.is_ascii() && latex_symbol(c).is_some() => {
                out.push_str(latex_symbol(c).unwrap_or_default());
            }
            _ if (c.is_ascii() || latex_knows(c))
                && !chars.peek().is_some_and(|n| is_combining(*n)) =>
            {
                out.push(c);
            }
            _ => {
                // A letter LaTeX's UTF-8 support lacks ("ȧ", "P̄"): as an
                // accent command when it is a Latin letter with accents.
                let mut cluster = String::from(c);
                while let Some(&m) = chars.peek().filter(|m| is_combining(**m)) {
                    cluster.push(m);
                    chars.next();
                }
                out.push_str(&accent_commands(&cluster).unwrap_or(cluster));
            }
        }
    }
    out
}

/// Characters pdflatex's UTF-8 input reads with T1 fonts: Latin-1, Latin
/// Extended-A and common punctuation (the few in these ranges it lacks
/// are in [`latex_symbol`], which is asked first).
fn latex_knows(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{17f}' | '\u{2010}'..='\u{2026}' | '€' | '™')
}

/// What pdflatex without packages reads for a character its UTF-8 input
/// lacks: math symbols and Greek letters as `\ensuremath` commands of
/// LaTeX's own fonts (titles copied from arXiv hold `≤`, `−`, `α`), other
/// characters as their nearest text.
fn latex_symbol(c: char) -> Option<&'static str> {
    latex_math_symbol(c)
        .or_else(|| latex_greek(c))
        .or_else(|| latex_text_symbol(c))
}

/// Math symbols of LaTeX's own fonts (no `amssymb`).
fn latex_math_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '≤' | '≦' => r"\ensuremath{\leq}",
        '≥' | '≧' => r"\ensuremath{\geq}",
        '≠' => r"\ensuremath{\neq}",
        '≈' => r"\ensuremath{\approx}",
        '≡' => r"\ensuremath{\equiv}",
        '∼' => r"\ensuremath{\sim}",
        '≃' => r"\ensuremath{\simeq}",
        '≅' => r"\ensuremath{\cong}",
        '∝' => r"\ensuremath{\propto}",
        '≪' => r"\ensuremath{\ll}",
        '≫' => r"\ensuremath{\gg}",
        '≺' => r"\ensuremath{\prec}",
        '≻' => r"\ensuremath{\succ}",
        '⪯' | '≼' => r"\ensuremath{\preceq}",
        '⪰' | '≽' => r"\ensuremath{\succeq}",
        '≍' => r"\ensuremath{\asymp}",
        '≐' => r"\ensuremath{\doteq}",
        '≔' => r"\ensuremath{:=}",
        '⊂' => r"\ensuremath{\subset}",
        '⊃' => r"\ensuremath{\supset}",
        '⊆' => r"\ensuremath{\subseteq}",
        '⊇' => r"\ensuremath{\supseteq}",
        '∈' => r"\ensuremath{\in}",
        '∉' => r"\ensuremath{\notin}",
        '∋' => r"\ensuremath{\ni}",
        '⊥' => r"\ensuremath{\perp}",
        '∥' => r"\ensuremath{\parallel}",
        '∣' => r"\ensuremath{\mid}",
        '⊢' => r"\ensuremath{\vdash}",
        '⊨' => r"\ensuremath{\models}",
        '−' => r"\ensuremath{-}",
        '∓' => r"\ensuremath{\mp}",
        '∗' => r"\ensuremath{\ast}",
        '∘' => r"\ensuremath{\circ}",
        '∙' => r"\ensuremath{\bullet}",
        '⋅' => r"\ensuremath{\cdot}",
        '⋆' => r"\ensuremath{\star}",
        '⊕' => r"\ensuremath{\oplus}",
        '⊖' => r"\ensuremath{\ominus}",
        '⊗' => r"\ensuremath{\otimes}",
        '⊙' => r"\ensuremath{\odot}",
        '∧' => r"\ensuremath{\wedge}",
        '∨' => r"\ensuremath{\vee}",
        '∩' => r"\ensuremath{\cap}",
        '∪' => r"\ensuremath{\cup}",
        '∖' => r"\ensuremath{\setminus}",
        '⊔' => r"\ensuremath{\sqcup}",
        '⋄' => r"\ensuremath{\diamond}",
        '∑' => r"\ensuremath{\sum}",
        '∏' => r"\ensuremath{\prod}",
        '∫' => r"\ensuremath{\int}",
        '∮' => r"\ensuremath{\oint}",
        '⋂' => r"\ensuremath{\bigcap}",
        '⋃' => r"\ensuremath{\bigcup}",
        '∞' => r"\ensuremath{\infty}",
        '√' => r"\ensuremath{\surd}",
        '∂' => r"\ensuremath{\partial}",
        '∇' => r"\ensuremath{\nabla}",
        '∀' => r"\ensuremath{\forall}",
        '∃' => r"\ensuremath{\exists}",
        '∅' => r"\ensuremath{\emptyset}",
        '∆' => r"\ensuremath{\Delta}",
        'ℓ' => r"\ensuremath{\ell}",
        'ℏ' => r"\ensuremath{\hbar}",
        '℘' => r"\ensuremath{\wp}",
        'ℑ' => r"\ensuremath{\Im}",
        'ℜ' => r"\ensuremath{\Re}",
        'ℵ' => r"\ensuremath{\aleph}",
        '∠' => r"\ensuremath{\angle}",
        '△' => r"\ensuremath{\triangle}",
        '⊤' => r"\ensuremath{\top}",
        '′' => r"\ensuremath{^{\prime}}",
        '″' => r"\ensuremath{^{\prime\prime}}",
        '‴' => r"\ensuremath{^{\prime\prime\prime}}",
        '⋯' => r"\ensuremath{\cdots}",
        '⋮' => r"\ensuremath{\vdots}",
        '⋱' => r"\ensuremath{\ddots}",
        'ℕ' => r"\ensuremath{\mathbf{N}}",
        'ℤ' => r"\ensuremath{\mathbf{Z}}",
        'ℚ' => r"\ensuremath{\mathbf{Q}}",
        'ℝ' => r"\ensuremath{\mathbf{R}}",
        'ℂ' => r"\ensuremath{\mathbf{C}}",
        'ℙ' => r"\ensuremath{\mathbf{P}}",
        '𝔼' => r"\ensuremath{\mathbf{E}}",
        '⌈' => r"\ensuremath{\lceil}",
        '⌉' => r"\ensuremath{\rceil}",
        '⌊' => r"\ensuremath{\lfloor}",
        '⌋' => r"\ensuremath{\rfloor}",
        '⟨' | '〈' => r"\ensuremath{\langle}",
        '⟩' | '〉' => r"\ensuremath{\rangle}",
        '‖' => r"\ensuremath{\|}",
        '→' => r"\ensuremath{\rightarrow}",
        '←' => r"\ensuremath{\leftarrow}",
        '↔' => r"\ensuremath{\leftrightarrow}",
        '⇒' => r"\ensuremath{\Rightarrow}",
        '⇐' => r"\ensuremath{\Leftarrow}",
        '⇔' => r"\ensuremath{\Leftrightarrow}",
        '↦' => r"\ensuremath{\mapsto}",
        '↑' => r"\ensuremath{\uparrow}",
        '↓' => r"\ensuremath{\downarrow}",
        '⟶' => r"\ensuremath{\longrightarrow}",
        '⟵' => r"\ensuremath{\longleftarrow}",
        '⟹' => r"\ensuremath{\Longrightarrow}",
        '⟸' => r"\ensuremath{\Longleftarrow}",
        '⟺' => r"\ensuremath{\Longleftrightarrow}",
        '↪' => r"\ensuremath{\hookrightarrow}",
        '‣' => r"\ensuremath{\triangleright}",
        '₀' => r"\ensuremath{_0}",
        '₁' => r"\ensuremath{_1}",
        '₂' => r"\ensuremath{_2}",
        '₃' => r"\ensuremath{_3}",
        '₄' => r"\ensuremath{_4}",
        '₅' => r"\ensuremath{_5}",
        '₆' => r"\ensuremath{_6}",
        '₇' => r"\ensuremath{_7}",
        '₈' => r"\ensuremath{_8}",
        '₉' => r"\ensuremath{_9}",
        '⁰' => r"\ensuremath{^0}",
        '⁴' => r"\ensuremath{^4}",
        '⁵' => r"\ensuremath{^5}",
        '⁶' => r"\ensuremath{^6}",
        '⁷' => r"\ensuremath{^7}",
        '⁸' => r"\ensuremath{^8}",
        '⁹' => r"\ensuremath{^9}",
        '⁺' => r"\ensuremath{^+}",
        '⁻' => r"\ensuremath{^-}",
        _ => return None,
    })
}

/// Greek letters without accents, as math: `α` → `\ensuremath{\alpha}`;
/// capitals that look Latin are upright Latin letters.
fn latex_greek(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => r"\ensuremath{\alpha}",
        'β' => r"\ensuremath{\beta}",
        'γ' => r"\ensuremath{\gamma}",
        'δ' => r"\ensuremath{\delta}",
        'ε' => r"\ensuremath{\varepsilon}",
        'ϵ' => r"\ensuremath{\epsilon}",
        'ζ' => r"\ensuremath{\zeta}",
        'η' => r"\ensuremath{\eta}",
        'θ' => r"\ensuremath{\theta}",
        'ϑ' => r"\ensuremath{\vartheta}",
        'ι' => r"\ensuremath{\iota}",
        'κ' => r"\ensuremath{\kappa}",
        'λ' => r"\ensuremath{\lambda}",
        'μ' => r"\ensuremath{\mu}",
        'ν' => r"\ensuremath{\nu}",
        'ξ' => r"\ensuremath{\xi}",
        'ο' => r"\ensuremath{o}",
        'π' => r"\ensuremath{\pi}",
        'ϖ' => r"\ensuremath{\varpi}",
        'ρ' => r"\ensuremath{\rho}",
        'ϱ' => r"\ensuremath{\varrho}",
        'σ' => r"\ensuremath{\sigma}",
        'ς' => r"\ensuremath{\varsigma}",
        'τ' => r"\ensuremath{\tau}",
        'υ' => r"\ensuremath{\upsilon}",
        'φ' => r"\ensuremath{\varphi}",
        'ϕ' => r"\ensuremath{\phi}",
        'χ' => r"\ensuremath{\chi}",
        'ψ' => r"\ensuremath{\psi}",
        'ω' => r"\ensuremath{\omega}",
        'Γ' => r"\ensuremath{\Gamma}",
        'Δ' => r"\ensuremath{\Delta}",
        'Θ' => r"\ensuremath{\Theta}",
        'Λ' => r"\ensuremath{\Lambda}",
        'Ξ' => r"\ensuremath{\Xi}",
        'Π' => r"\ensuremath{\Pi}",
        'Σ' => r"\ensuremath{\Sigma}",
        'Υ' => r"\ensuremath{\Upsilon}",
        'Φ' => r"\ensuremath{\Phi}",
        'Ψ' => r"\ensuremath{\Psi}",
        'Ω' | '\u{2126}' => r"\ensuremath{\Omega}",
        'Α' => r"\ensuremath{\mathrm{A}}",
        'Β' => r"\ensuremath{\mathrm{B}}",
        'Ε' => r"\ensuremath{\mathrm{E}}",
        'Ζ' => r"\ensuremath{\mathrm{Z}}",
        'Η' => r"\ensuremath{\mathrm{H}}",
        'Ι' => r"\ensuremath{\mathrm{I}}",
        'Κ' => r"\ensuremath{\mathrm{K}}",
        'Μ' => r"\ensuremath{\mathrm{M}}",
        'Ν' => r"\ensuremath{\mathrm{N}}",
        'Ο' => r"\ensuremath{\mathrm{O}}",
        'Ρ' => r"\ensuremath{\mathrm{P}}",
        'Τ' => r"\ensuremath{\mathrm{T}}",
        'Χ' => r"\ensuremath{\mathrm{X}}",
        _ => return None,
    })
}

/// Text characters pdflatex lacks even with T1 fonts, as their nearest
/// text: letters without a LaTeX command lose their stroke.
fn latex_text_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        'ſ' => "s",
        'Ħ' => "H",
        'ħ' => "h",
        'Ŧ' => "T",
        'ŧ' => "t",
        'ĸ' => "k",
        'Ŀ' => r"L\textperiodcentered{}",
        'ŀ' => r"l\textperiodcentered{}",
        'ŉ' => "'n",
        '‗' => r"\_",
        '‛' => r"\textquoteleft{}",
        '‟' => r"\textquotedblleft{}",
        '․' => ".",
        '‥' => "..",
        '‧' => r"\textperiodcentered{}",
        '⁄' => "/",
        '\u{200b}' | '\u{2060}' | '\u{feff}' => "",
        _ => return None,
    })
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// `ȧ` → `\.{a}`, `P̄` → `\={P}`: a Latin letter with accents LaTeX can
/// typeset, or `None`.
fn accent_commands(cluster: &str) -> Option<String> {
    let mut parts = cluster.nfd();
    let base = parts.next().filter(char::is_ascii_alphabetic)?;
    let mut out = base.to_string();
    for mark in parts {
        let command = match mark {
            '\u{300}' => "`",
            '\u{301}' => "'",
            '\u{302}' => "^",
            '\u{303}' => "~",
            '\u{304}' => "=",
            '\u{306}' => "u",
            '\u{307}' => ".",
            '\u{308}' => "\"",
            '\u{30a}' => "r",
            '\u{30b}' => "H",
            '\u{30c}' => "v",
            '\u{323}' => "d",
            '\u{327}' => "c",
            '\u{328}' => "k",
            '\u{331}' => "b",
            _ => return None,
        };
        out = format!("\\{command}{{{out}}}");
    }
    Some(out)
}

fn write_latex(out: &mut dyn Write, cv: &Cv, opts: &CvOptions) -> io::Result<()> {
    if opts.standalone {
        // T1 for accented names; amsmath for math in titles; Latin Modern
        // when installed, for scalable fonts (EC bitmap fonts otherwise).
        writeln!(
            out,
            "\\documentclass{{article}}\n\\usepackage[T1]{{fontenc}}\n\\usepackage[utf8]{{inputenc}}\n\\usepackage{{amsmath}}\n\\IfFileExists{{amssymb.sty}}{{\\usepackage{{amssymb}}}}{{}}\n\\IfFileExists{{lmodern.sty}}{{\\usepackage{{lmodern}}}}{{}}\n\\begin{{document}}\n"
        )?;
    }
    writeln!(out, "\\section*{{{TITLE}}}")?;
    if cv.equal_note {
        writeln!(out, "$^*${EQUAL_NOTE}")?;
    }
    let widest = cv
        .entries()
        .map(|e| e.label)
        .max()
        .map_or(String::new(), |n| format!("[{n}]"));
    for group in &cv.groups {
        writeln!(out)?;
        if let Some(h) = &group.heading {
            writeln!(out, "\\subsection*{{{}}}", escape_latex(h))?;
        }
        // A plain list with explicit labels, indented by the widest label:
        // kernel LaTeX only, so the section compiles in any preamble.
        writeln!(
            out,
            "\\begin{{list}}{{}}{{\\settowidth{{\\labelwidth}}{{{widest}}}\\setlength{{\\leftmargin}}{{\\labelwidth}}\\addtolength{{\\leftmargin}}{{\\labelsep}}}}"
        )?;
        write_entries(out, &group.entries, |_, e, line| {
            writeln!(
                line,
                "\\item[{{[{}]}}] {}",
                e.label,
                inline(&e.pieces, &Latex)
            )
        })?;
        writeln!(out, "\\end{{list}}")?;
    }
    if opts.standalone {
        writeln!(out, "\n\\end{{document}}")?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// HTML.

/// HTML5: escaped text, owner in `<strong>`, marks as `<sup>*</sup>`.
struct Html;

impl Inline for Html {
    fn text(&self, text: &str) -> String {
        escape_html(text)
    }
    fn author(&self, name: &str, highlight: bool, equal: bool) -> String {
        let name = escape_html(name);
        let name = if highlight {
            format!("<strong>{name}</strong>")
        } else {
            name
        };
        format!("{name}{}", if equal { "<sup>*</sup>" } else { "" })
    }
    fn arxiv(&self, id: &str) -> String {
        format!(
            "<a href=\"{}\">{}</a>",
            escape_html(&arxiv_url(id)),
            escape_html(id)
        )
    }
}

/// Escapes text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn write_html(out: &mut dyn Write, cv: &Cv, opts: &CvOptions) -> io::Result<()> {
    if opts.standalone {
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{TITLE}</title>\n</head>\n<body>"
        )?;
    }
    writeln!(out, "<section class=\"publications\">\n<h2>{TITLE}</h2>")?;
    if cv.equal_note {
        writeln!(out, "<p><sup>*</sup>{EQUAL_NOTE}</p>")?;
    }
    let reversed = if cv.descending { " reversed" } else { "" };
    for group in &cv.groups {
        if let Some(h) = &group.heading {
            writeln!(out, "<h3>{}</h3>", escape_html(h))?;
        }
        writeln!(out, "<ol{reversed}>")?;
        write_entries(out, &group.entries, |_, e, line| {
            writeln!(
                line,
                "<li value=\"{}\">{}</li>",
                e.label,
                inline(&e.pieces, &Html)
            )
        })?;
        writeln!(out, "</ol>")?;
    }
    writeln!(out, "</section>")?;
    if opts.standalone {
        writeln!(out, "</body>\n</html>")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_escapes_text_and_keeps_math() {
        let cases = [
            ("A & B 50% #1 a_b {x}", r"A \& B 50\% \#1 a\_b \{x\}"),
            (
                r"~ ^ \ <>|",
                r"\textasciitilde{} \textasciicircum{} \textbackslash{} \textless{}\textgreater{}\textbar{}",
            ),
            ("Bounds in $x^2$ time", "Bounds in $x^2$ time"),
            ("costs $5 and $10", r"costs \$5 and \$10"),
            ("pages 1–10 — ok", "pages 1--10 --- ok"),
            ("lone $ sign", r"lone \$ sign"),
            ("$a$ and $b_1$", "$a$ and $b_1$"),
            ("Müller Łukasz", "Müller Łukasz"),
            ("Tolenȧ and P\u{304}ot", r"Tolen\.{a} and \={P}ot"),
            ("Ǖ", r#"\={\"{U}}"#),
            ("東京", "東京"),
            ("Nguy\u{1ec5}n Qu\u{1ed1}c", r"Nguy\~{\^{e}}n Qu\'{\^{o}}c"),
            (
                "Step sizes ≤ 2/L and n − 1 samples",
                r"Step sizes \ensuremath{\leq} 2/L and n \ensuremath{-} 1 samples",
            ),
            (
                "α-divergence → ∞",
                r"\ensuremath{\alpha}-divergence \ensuremath{\rightarrow} \ensuremath{\infty}",
            ),
            (
                "ℓ′ ∗ ‛x‟",
                r"\ensuremath{\ell}\ensuremath{^{\prime}} \ensuremath{\ast} \textquoteleft{}x\textquotedblleft{}",
            ),
            (
                "Zagreb ſ × ± ≠ $a ≤ b$",
                r"Zagreb s × ± \ensuremath{\neq} $a ≤ b$",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_latex(input), expected, "{input}");
        }
    }

    #[test]
    fn markdown_and_html_escape_markup() {
        assert_eq!(
            escape_markdown("a*b_c [x](y) <b> $x^2$ R&D &amp; &#39 &"),
            r"a\*b\_c \[x\](y) \<b\> \$x\^2\$ R&D \&amp; &#39 &"
        );
        assert_eq!(
            escape_html(r#"<a href="x">R&D's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_items_cannot_open_blocks() {
        for (body, expected) in [
            ("- dash", r"\- dash"),
            ("# hash", r"\# hash"),
            ("2020. Year", r"2020\. Year"),
            ("3) Three", r"3\) Three"),
            ("2020 Year", "2020 Year"),
            ("Plain", "Plain"),
        ] {
            assert_eq!(protect_block_start(body.to_string()), expected);
        }
    }

    #[test]
    fn journal_articles_show_volume_issue_and_pages() {
        use crate::library::{Library, LoadOptions};
        let bib = r"@article{a, author = {Li, Xiaoyu}, title = {T}, journal = {Ann. Statist.},
              volume = 47, number = 2, pages = {1--30}, year = 2019}
            @article{b, author = {Li, Xiaoyu}, title = {U}, journal = {JMLR}, volume = 22, year = 2021}
            @inproceedings{c, author = {Li, Xiaoyu}, title = {V}, booktitle = {ICML},
              volume = 97, pages = {1--9}, year = 2019}
            @article{d, author = {Li, Xiaoyu}, title = {W}, journal = {CoRR},
              volume = {abs/2401.01234}, year = 2024}
            @article{e, author = {Li, Xiaoyu}, title = {X}, journaltitle = {Theory of Cats},
              volume = 12, pages = {423--491}, eprint = {math/0307200v3}, eprinttype = {arxiv},
              date = 2004}";
        let lib = Library::from_text(
            std::path::Path::new("x.bib"),
            bib.into(),
            LoadOptions::default(),
        );
        let texts: Vec<String> = lib.publications().iter().map(entry_text).collect();
        assert_eq!(
            texts,
            [
                "Xiaoyu Li. T. The Annals of Statistics (Ann. Statist. 2019), 47(2):1–30. 2019.",
                "Xiaoyu Li. U. Journal of Machine Learning Research (JMLR 2021), 22. 2021.",
                "Xiaoyu Li. V. International Conference on Machine Learning (ICML 2019), 1–9. 2019.",
                "Xiaoyu Li. W. arXiv preprint: 2401.01234. 2024.",
                // A journal article with an arXiv version is still a journal article.
                "Xiaoyu Li. X. Theory of Cats, 12:423–491. arXiv preprint: math/0307200v3. 2004.",
            ]
        );
    }

    #[test]
    fn sentences_do_not_double_stops() {
        let pieces = join_sentences(vec![
            text_sentence("Is it?"),
            text_sentence("Yes"),
            text_sentence("2024"),
        ]);
        assert_eq!(inline(&pieces, &Plain), "Is it? Yes. 2024.");
    }
}
