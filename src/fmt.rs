//! `publist fmt`: the library in canonical form, losing nothing.
//!
//! Canonical means: entries newest first (the CV order; entries that others
//! `crossref` go last, as BibTeX requires), one blank line between items,
//! lower-case entry types and field names, fields in one order with their
//! `=` aligned, values in braces, and equal-contribution marks typed into
//! names moved to `author+an`. Everything else is kept as written: values
//! (LaTeX included) byte for byte, unknown fields, `@comment`s, `@string`s
//! (never expanded), `@preamble`s and `%` comment lines, which travel with
//! the entry they precede. Entries with `%` lines between their fields are
//! copied verbatim, since reformatting them would drop the comments.
//!
//! The output loads to the same publications, and formatting it again
//! changes nothing.

use crate::normalize::venue::FastMap;
use std::borrow::Cow;
use std::sync::LazyLock;

use crate::library::{Library, lower_key};
use crate::normalize::names;
use crate::normalize::parse_annotations;
use crate::syntax::{Field, Item, ItemKind, Part, value_parts};

/// Field order of canonical entries; fields not listed follow in their
/// original order.
const FIELD_ORDER: &[&str] = &[
    "author",
    "author+an",
    "editor",
    "editor+an",
    "translator",
    "title",
    "subtitle",
    "titleaddon",
    "journal",
    "journaltitle",
    "journalsubtitle",
    "booktitle",
    "booksubtitle",
    "booktitleaddon",
    "maintitle",
    "eventtitle",
    "eventdate",
    "venue",
    "series",
    "volume",
    "number",
    "issue",
    "edition",
    "chapter",
    "publisher",
    "organization",
    "institution",
    "school",
    "address",
    "location",
    "year",
    "date",
    "month",
    "day",
    "pages",
    "pagetotal",
    "eprint",
    "eprinttype",
    "archiveprefix",
    "eprintclass",
    "primaryclass",
    "doi",
    "isbn",
    "issn",
    "url",
    "urldate",
    "pubstate",
    "addendum",
    "note",
    "keywords",
    "crossref",
    "xref",
    "related",
    "abstract",
];

/// One output block: an item plus the comment text that precedes it, and
/// the text after an entry's closing delimiter on its line (`} % note`).
struct Block {
    leading: String,
    body: Body,
    trailing: String,
}

/// What a block prints: text already made, or an entry rendered when the
/// output is written (so no second copy of every entry is held).
enum Body {
    Text(String),
    Entry(usize),
}

/// Formats the whole library. Syntax errors are the caller's business:
/// broken items are copied verbatim where they stood.
pub fn format_library(lib: &Library) -> String {
    let len = lib.source.text().len();
    let mut out = String::with_capacity(len + len / 8);
    let Ok(()) = write_library(lib, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// Blocks [`write_library`] renders into one piece: about 32 KiB, which
/// stays in the cache while it is written out.
const STREAM_BLOCKS: usize = 64;

/// Below twice this many blocks, [`write_library`] renders on one core:
/// starting a thread costs more than it saves.
const PARALLEL_BLOCKS: usize = 1000;

/// [`format_library`], handed to `sink` in consecutive pieces as they are
/// rendered: a large library is rendered by all cores, a few blocks at a
/// time, and written out without ever holding its whole canonical form.
pub fn write_library<E>(
    lib: &Library,
    mut sink: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let text = lib.source.text();
    let redefined_macros = lib.redefines_a_macro();

    let mut header: Vec<Block> = Vec::new();
    let mut entries: Vec<(usize, Block)> = Vec::new();
    let mut pending = String::new();
    let mut seen_entry = false;
    for (index, item) in lib.raw.items.iter().enumerate() {
        match item.kind {
            ItemKind::Text | ItemKind::Comment => {
                let chunk = item.span.of(text);
                // The byte order mark stays the file's first bytes (written
                // below), whatever moves with the text after it.
                let mut chunk = match item.span.start {
                    0 => chunk.strip_prefix('\u{feff}').unwrap_or(chunk),
                    _ => chunk,
                };
                // Text on an entry's last line (`} % note`) is the entry's.
                let after_entry = index > 0
                    && matches!(
                        lib.raw.items[index - 1].kind,
                        ItemKind::Entry | ItemKind::Broken
                    );
                if item.kind == ItemKind::Text
                    && after_entry
                    && let Some((_, block)) = entries.last_mut()
                {
                    let line_end = chunk.find('\n').unwrap_or(chunk.len());
                    let on_its_line = chunk[..line_end].trim();
                    if !on_its_line.is_empty() {
                        block.trailing = on_its_line.to_string();
                        chunk = &chunk[line_end..];
                    }
                }
                let next_is_entry = lib
                    .raw
                    .items
                    .get(index + 1)
                    .is_some_and(|n| n.kind == ItemKind::Entry);
                if seen_entry {
                    push_text(&mut pending, chunk);
                } else if item.kind == ItemKind::Text && next_is_entry {
                    // Before the first entry, only lines directly above it
                    // (no blank line between) belong to it; the rest is the
                    // file's header and stays on top.
                    let (head, attached) = split_attached(chunk);
                    push_block(&mut header, String::new(), trim_blank_lines(head));
                    push_text(&mut pending, attached);
                } else {
                    push_block(&mut header, String::new(), chunk_text(item, chunk));
                }
            }
            // A redefined macro means what its last `@string` above says:
            // the `@string`s then stay among the entries, where they are.
            ItemKind::String if redefined_macros && seen_entry => {
                let leading = std::mem::take(&mut pending);
                let body = Body::Text(render_macro_item(lib, item));
                entries.push((
                    index,
                    Block {
                        leading,
                        body,
                        trailing: String::new(),
                    },
                ));
            }
            ItemKind::String | ItemKind::Preamble => {
                let body = render_macro_item(lib, item);
                push_block(&mut header, std::mem::take(&mut pending), body);
            }
            ItemKind::Entry => {
                seen_entry = true;
                let leading = std::mem::take(&mut pending);
                entries.push((
                    index,
                    Block {
                        leading,
                        body: Body::Entry(index),
                        trailing: String::new(),
                    },
                ));
            }
            ItemKind::Broken => {
                seen_entry = true;
                let leading = std::mem::take(&mut pending);
                entries.push((
                    index,
                    Block {
                        leading,
                        body: Body::Text(item.span.of(text).trim_end().to_string()),
                        trailing: String::new(),
                    },
                ));
            }
        }
    }
    let trailer = pending;

    order_entries(lib, redefined_macros, &mut entries);

    let blocks: Vec<&Block> = header
        .iter()
        .chain(entries.iter().map(|(_, b)| b))
        .collect();
    // Pieces end with a newline, so no CRLF pair straddles two of them.
    let crlf = mostly_crlf(text);
    if text.starts_with('\u{feff}') {
        sink("\u{feff}")?;
    }
    // Canonical entries are about as long as the originals: growing a
    // piece by doubling would copy it several times.
    let per_block = text.len() / blocks.len().max(1) * 9 / 8;
    crate::par::stream(
        blocks.len(),
        STREAM_BLOCKS,
        PARALLEL_BLOCKS,
        |r, out: &mut String| {
            out.reserve(per_block * r.len());
            for k in r {
                if k > 0 {
                    out.push('\n');
                }
                render_block(lib, blocks[k], out);
            }
            // The same buffer comes back unless line endings change.
            *out = with_line_endings(std::mem::take(out), crlf);
        },
        |out| {
            let written = sink(out);
            out.clear();
            written
        },
    )?;
    let trailer = trailer.trim();
    if !trailer.is_empty() {
        let mut out = String::new();
        if !blocks.is_empty() {
            out.push('\n');
        }
        out.push_str(trailer);
        out.push('\n');
        sink(&with_line_endings(out, crlf))?;
    }
    Ok(())
}

/// One block: its leading comment lines, its body, a newline.
fn render_block(lib: &Library, block: &Block, out: &mut String) {
    if !block.leading.is_empty() {
        out.push_str(&block.leading);
        out.push('\n');
    }
    match &block.body {
        Body::Text(t) => out.push_str(t),
        Body::Entry(i) => render_entry_into(lib, &lib.raw.items[*i], out),
    }
    if !block.trailing.is_empty() {
        out.push(' ');
        out.push_str(&block.trailing);
    }
    out.push('\n');
}

/// Puts `entries` (item index, and what goes with it), in file order, in
/// the order `fmt` writes them: newest first, as the CV reads, with
/// entries sharing a key in file order and crossref targets after their
/// children. Nothing moves in a file with a syntax error, or when a macro
/// is defined twice (`redefined_macros`): hoisting `@string`s would change
/// what entries mean.
fn order_entries<T>(lib: &Library, redefined_macros: bool, entries: &mut Vec<(usize, T)>) {
    if redefined_macros || !lib.raw.errors.is_empty() {
        return;
    }
    // Item index → CV number (0 for items that are not entries); crossref
    // containers keep the place a number would give them.
    let mut number = vec![0; lib.raw.items.len()];
    for (i, n) in lib.numbers_with_containers() {
        number[i] = n;
    }
    // Sorts (key, position) pairs and then moves each block once.
    entries.sort_by_cached_key(|(i, _)| std::cmp::Reverse(number[*i]));
    keep_duplicate_keys_in_file_order(lib, entries);
    keep_crossref_targets_after_children(lib, entries);
}

/// BibTeX and biber use the first of two entries with one key (in any
/// case) and skip the rest: entries sharing a key keep their file order
/// among the places the newest-first order gives them, so the key still
/// names the paper it named.
fn keep_duplicate_keys_in_file_order<T>(lib: &Library, entries: &mut Vec<(usize, T)>) {
    if lib.items_by_unique_key().is_some() {
        return;
    }
    let text = lib.source.text();
    // Lower-case key → positions in `entries` of the entries sharing it.
    let mut positions: FastMap<String, Vec<usize>> = FastMap::default();
    for (at, &(item, _)) in entries.iter().enumerate() {
        let key = lower_key(lib.raw.items[item].key.of(text));
        positions.entry(key).or_default().push(at);
    }
    // Position → the position whose block goes there.
    let mut from: Vec<usize> = (0..entries.len()).collect();
    for places in positions.values().filter(|p| p.len() > 1) {
        let mut by_file = places.clone();
        by_file.sort_by_key(|&at| entries[at].0);
        for (&at, &source) in places.iter().zip(&by_file) {
            from[at] = source;
        }
    }
    let mut slots: Vec<Option<(usize, T)>> =
        std::mem::take(entries).into_iter().map(Some).collect();
    *entries = from
        .iter()
        .filter_map(|&source| slots[source].take())
        .collect();
}

/// BibTeX reads a cross-referenced entry only if it comes after the entries
/// that name it; moves each such target just after its last child. The
/// newest-first order already satisfies this unless a child is older than
/// its target, so numbers change only for files BibTeX could not read.
fn keep_crossref_targets_after_children<T>(lib: &Library, entries: &mut Vec<(usize, T)>) {
    let text = lib.source.text();
    // Target key → item indexes of the entries naming it.
    let mut children: FastMap<String, Vec<usize>> = FastMap::default();
    for &(item, _) in entries.iter() {
        let it = &lib.raw.items[item];
        for f in lib.raw.fields_of(it) {
            let n = f.name.of(text);
            if matches!(n.len(), 4 | 8)
                && (n.eq_ignore_ascii_case("crossref") || n.eq_ignore_ascii_case("xref"))
            {
                for k in lib.macros.resolve(text, f).split(',') {
                    children.entry(lower_key(k.trim())).or_default().push(item);
                }
            }
        }
    }
    if children.is_empty() {
        return;
    }
    // Item index → the children naming it, found once: through the
    // loader's key index, unless two entries share a key (then each is a
    // target, and only the first is in the index).
    let mut kids_of: Vec<Option<&Vec<usize>>> = vec![None; lib.raw.items.len()];
    match lib.items_by_unique_key() {
        Some(by_key) => {
            for (key, kids) in &children {
                if let Some(&item) = by_key.get(key) {
                    kids_of[item] = Some(kids);
                }
            }
        }
        None => {
            for &(item, _) in entries.iter() {
                let key = lower_key(lib.raw.items[item].key.of(text));
                kids_of[item] = children.get(&key);
            }
        }
    }
    // Item index → position in `entries`.
    let mut position = vec![usize::MAX; lib.raw.items.len()];
    // One move per round; a cycle of crossrefs must not loop forever.
    for _ in 0..4 * children.len() + 8 {
        for (p, &(item, _)) in entries.iter().enumerate() {
            position[item] = p;
        }
        let mut moved = false;
        for (p, &(item, _)) in entries.iter().enumerate() {
            let Some(kids) = kids_of[item] else {
                continue;
            };
            let last_child = kids
                .iter()
                .map(|&k| position[k])
                .filter(|&k| k != usize::MAX)
                .max();
            if let Some(last) = last_child.filter(|&last| last > p) {
                let block = entries.remove(p);
                entries.insert(last, block);
                moved = true;
                break;
            }
        }
        if !moved {
            return;
        }
    }
}

/// Header text: comments kept, blank runs dropped.
fn chunk_text(item: &Item, chunk: &str) -> String {
    match item.kind {
        ItemKind::Comment => chunk.trim_end().to_string(),
        _ => trim_blank_lines(chunk),
    }
}

fn push_block(blocks: &mut Vec<Block>, leading: String, body: String) {
    if !body.is_empty() || !leading.is_empty() {
        if body.is_empty() {
            blocks.push(Block {
                leading: String::new(),
                body: Body::Text(leading),
                trailing: String::new(),
            });
        } else {
            blocks.push(Block {
                leading,
                body: Body::Text(body),
                trailing: String::new(),
            });
        }
    }
}

/// Splits text before an entry into (header, lines directly above the entry).
fn split_attached(chunk: &str) -> (&str, &str) {
    let mut cut = chunk.len();
    let mut start = chunk.len();
    for line in chunk.split_inclusive('\n').rev() {
        start -= line.len();
        // The piece on the entry's own line (no newline) always goes with it.
        if line.ends_with('\n') && line.trim().is_empty() {
            break;
        }
        cut = start;
    }
    (&chunk[..cut], &chunk[cut..])
}

/// Appends text that precedes the next entry, without blank runs.
fn push_text(pending: &mut String, chunk: &str) {
    let t = trim_blank_lines(chunk);
    if t.is_empty() {
        return;
    }
    if !pending.is_empty() {
        pending.push('\n');
    }
    pending.push_str(&t);
}

/// Drops leading and trailing blank lines and trailing spaces.
fn trim_blank_lines(chunk: &str) -> String {
    // Between entries there is usually nothing but line breaks.
    if chunk.bytes().all(|b| b.is_ascii_whitespace()) {
        return String::new();
    }
    let lines: Vec<&str> = chunk.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].join("\n"),
        _ => String::new(),
    }
}

/// Whether most of the input's lines end in CRLF.
fn mostly_crlf(input: &str) -> bool {
    let bytes = input.as_bytes();
    // Counted from the `\r`s, which an LF file lacks: one SIMD count for
    // the lines instead of visiting each.
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    let crlf = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) == Some(&b'\n'))
        .count();
    crlf * 2 > lf
}

/// `out` with CRLF line endings if `crlf`, else LF.
fn with_line_endings(out: String, crlf: bool) -> String {
    let out = if memchr::memchr(b'\r', out.as_bytes()).is_some() {
        out.replace("\r\n", "\n")
    } else {
        out
    };
    if crlf { out.replace('\n', "\r\n") } else { out }
}

/// `@string{name = value}` and `@preamble{value}` with canonical values.
fn render_macro_item(lib: &Library, item: &Item) -> String {
    let text = lib.source.text();
    if item.inner_comments {
        return item.span.of(text).trim_end().to_string();
    }
    let fields = lib.raw.fields_of(item);
    // Pushed piece by piece: `format!` costs more than the pieces (IRIDIA
    // has 1,716 macros).
    let mut out = String::with_capacity(item.span.range().len() + 8);
    match (item.kind, fields.first()) {
        (ItemKind::String, Some(f)) => {
            out.push_str("@string{");
            out.push_str(f.name.of(text));
            out.push_str(" = ");
            canonical_value(text, f).push_to(&mut out);
            out.push('}');
        }
        (ItemKind::Preamble, Some(f)) => {
            out.push_str("@preamble{");
            canonical_value(text, f).push_to(&mut out);
            out.push('}');
        }
        _ => out.push_str(item.span.of(text).trim_end()),
    }
    out
}

/// A value in canonical form, made without copying in the common cases.
enum Value<'t> {
    /// Written as it stands: a braced value, a macro.
    Verbatim(&'t str),
    /// Written inside braces: a quoted string's inside, a number.
    Braced(&'t str),
    /// Rebuilt: several parts, names without their equal marks.
    Made(String),
}

impl Value<'_> {
    /// The value as text (for the few places that need it whole).
    fn text(&self) -> String {
        let mut out = String::new();
        self.push_to(&mut out);
        out
    }

    fn push_to(&self, out: &mut String) {
        match self {
            Value::Verbatim(s) => out.push_str(s),
            Value::Made(s) => out.push_str(s),
            Value::Braced(s) => {
                out.push('{');
                out.push_str(s);
                out.push('}');
            }
        }
    }
}

/// A value expression in canonical form: braced parts, bare macros, ` # `
/// between parts. Quoted strings become braced (same meaning in BibTeX).
/// A single braced value, by far the most common, is kept as it is.
fn canonical_value<'t>(text: &'t str, field: &Field) -> Value<'t> {
    let raw = field.value.of(text);
    // A value the parser saw no `#` join in, starting and ending with a
    // delimiter, is a single braced or quoted part.
    let single = raw.len() >= 2 && !field.concatenated;
    if single && raw.starts_with('{') && raw.ends_with('}') {
        return Value::Verbatim(raw);
    }
    if single && raw.starts_with('"') && raw.ends_with('"') {
        return Value::Braced(&raw[1..raw.len() - 1]);
    }
    // One bare macro (`month = jan`) or number (`year = 2024`), the next
    // most common.
    if !raw.is_empty()
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
    {
        if raw.bytes().all(|b| b.is_ascii_digit()) {
            return Value::Braced(raw);
        }
        // `2024a` is a number then a macro: two parts.
        if !raw.as_bytes()[0].is_ascii_digit() {
            return Value::Verbatim(raw);
        }
    }
    canonical_parts(text, field)
}

/// [`canonical_value`] the long way, part by part.
fn canonical_parts<'t>(text: &'t str, field: &Field) -> Value<'t> {
    let raw = field.value.of(text);
    let parts = value_parts(text, field.value);
    if let Some(Part::Number(s)) = parts.clone().single() {
        return Value::Braced(s.of(text));
    }
    let mut out = String::with_capacity(raw.len() + 2);
    for (i, p) in parts.enumerate() {
        if i > 0 {
            out.push_str(" # ");
        }
        match p {
            Part::Braced(s) | Part::Quoted(s) => {
                out.push('{');
                out.push_str(s.of(text));
                out.push('}');
            }
            Part::Number(s) | Part::Macro(s) => out.push_str(s.of(text)),
        }
    }
    Value::Made(out)
}

/// A name of [`FIELD_ORDER`] with its place there.
#[derive(Clone)]
struct Ranked {
    /// [`head_word`] of the name.
    head: u64,
    name: &'static str,
    rank: usize,
}

/// Where a field goes in a canonical entry.
fn field_rank(name: &str) -> usize {
    // By length, then by the first eight bytes as one integer: few names
    // share a length, and an integer compare settles nearly every
    // candidate without calling `memcmp` (this runs for every field).
    static BY_LENGTH: LazyLock<Vec<Vec<Ranked>>> = LazyLock::new(|| {
        let longest = FIELD_ORDER.iter().map(|n| n.len()).max().unwrap_or(0);
        let mut table = vec![Vec::new(); longest + 1];
        for (rank, name) in FIELD_ORDER.iter().enumerate() {
            let head = head_word(name);
            table[name.len()].push(Ranked { head, name, rank });
        }
        table
    });
    let Some(names) = BY_LENGTH.get(name.len()) else {
        return FIELD_ORDER.len();
    };
    let head = head_word(name);
    names
        .iter()
        .find(|r| {
            r.head == head && (name.len() <= 8 || r.name.as_bytes()[8..] == name.as_bytes()[8..])
        })
        .map_or(FIELD_ORDER.len(), |r| r.rank)
}

/// The first eight bytes of `name` (zero-padded) as one integer.
fn head_word(name: &str) -> u64 {
    // Byte by byte: a copy of a variable length would call `memcpy`.
    name.bytes()
        .take(8)
        .enumerate()
        .fold(0, |head, (i, b)| head | u64::from(b) << (8 * i))
}

/// How many columns `name` takes (field names are nearly always ASCII).
fn display_width(name: &str) -> usize {
    if name.is_ascii() {
        name.len()
    } else {
        name.chars().count()
    }
}

/// Appends `n` spaces (the padding that aligns `=`), a slice at a time.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let chunk = n.min(SPACES.len());
        out.push_str(&SPACES[..chunk]);
        n -= chunk;
    }
}

/// A field's name in lower case, borrowed when it already is.
fn lower_name(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// One canonical entry, appended to `out`.
fn render_entry_into(lib: &Library, item: &Item, out: &mut String) {
    let text = lib.source.text();
    if item.inner_comments {
        out.push_str(item.span.of(text).trim_end());
        return;
    }
    let fields = lib.raw.fields_of(item);
    let mut rendered: Vec<(Cow<'_, str>, Value<'_>)> = fields
        .iter()
        .map(|f| (lower_name(f.name.of(text)), canonical_value(text, f)))
        .collect();
    move_equal_marks(text, fields, &mut rendered);
    // (rank, width) of each field, worked out once.
    let mut order: Vec<(usize, usize, usize)> = rendered
        .iter()
        .enumerate()
        .map(|(k, (name, _))| (field_rank(name), display_width(name), k))
        .collect();
    // Unknown fields and repeated fields keep their relative order (the
    // index breaks ties, so an unstable sort, which does not allocate, is
    // as good as a stable one).
    order.sort_unstable_by_key(|&(rank, _, k)| (rank, k));
    let width = order.iter().map(|&(_, w, _)| w).max().unwrap_or(0);
    // A key holding a brace (BibTeX allows one in an entry delimited by
    // parentheses) would end a braced entry early: such an entry keeps its
    // parentheses.
    let key = item.key.of(text);
    let (open, close) = if key.contains(['{', '}']) {
        ('(', ')')
    } else {
        ('{', '}')
    };
    out.push('@');
    out.push_str(&lower_name(item.ty.of(text)));
    out.push(open);
    out.push_str(key);
    for &(_, name_width, k) in &order {
        let (name, value) = &rendered[k];
        out.push_str(",\n  ");
        out.push_str(name);
        push_spaces(out, width - name_width);
        out.push_str(" = ");
        value.push_to(out);
    }
    if !rendered.is_empty() {
        out.push(',');
    }
    out.push('\n');
    out.push(close);
}

/// `Wang*, Mingze and Yu$^*$, Ruoxi` → clean names plus `author+an = {1=equal; 2=equal}`.
/// Only a single literal author value is rewritten (never one built from macros).
fn move_equal_marks<'t>(
    text: &'t str,
    fields: &[Field],
    rendered: &mut Vec<(Cow<'t, str>, Value<'t>)>,
) {
    let Some(pos) = rendered.iter().position(|(n, _)| n == "author") else {
        return;
    };
    let Some(Part::Braced(inner) | Part::Quoted(inner)) =
        value_parts(text, fields[pos].value).single()
    else {
        return;
    };
    let Some((clean, marked)) = names::without_equal_marks(inner.of(text)) else {
        return;
    };
    rendered[pos].1 = Value::Made(format!("{{{clean}}}"));
    let existing = rendered.iter().position(|(n, _)| n == "author+an");
    let mut specs: Vec<String> = match existing {
        Some(i) => {
            let old = rendered[i].1.text();
            let old = old.trim_matches(['{', '}']);
            old.split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        }
        None => Vec::new(),
    };
    let parsed = parse_annotations(&specs.join("; ")).unwrap_or_default();
    for n in marked {
        if parsed.has(n, "equal") {
            continue;
        }
        // biber keeps one annotation list per item: a second `1=` would
        // replace the first, so `equal` joins the item's list.
        let item = n.to_string();
        match specs
            .iter()
            .position(|s| s.split_once('=').is_some_and(|(t, _)| t.trim() == item))
        {
            Some(k) => specs[k].push_str(",equal"),
            None => specs.push(format!("{n}=equal")),
        }
    }
    let value = Value::Made(format!("{{{}}}", specs.join("; ")));
    match existing {
        Some(i) => rendered[i].1 = value,
        None => rendered.insert(pos + 1, (Cow::Borrowed("author+an"), value)),
    }
}

/// What `fmt --check` reports: the entries whose text would change and
/// whether their order would.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FmtReport {
    /// Item indexes (into `lib.raw.items`) of entries that would be
    /// rewritten, crossref containers included.
    pub rewritten: Vec<usize>,
    /// Whether entries would move to put the newest first.
    pub reordered: bool,
    /// Whether anything at all would change (spacing included).
    pub changed: bool,
}

/// Compares the library with its canonical form.
pub fn check_format(lib: &Library, formatted: &str) -> FmtReport {
    let text = lib.source.text();
    let mut report = FmtReport {
        changed: formatted != text,
        ..FmtReport::default()
    };
    if !report.changed {
        return report;
    }
    // Every entry item, crossref containers (no publications) included.
    let items: Vec<usize> = lib.entry_items().collect();
    let canonical = canonical_items(lib, &items);
    report.rewritten = items
        .iter()
        .zip(canonical)
        .filter(|&(_, canonical)| !canonical)
        .map(|(&i, _)| i)
        .collect();
    let mut order: Vec<(usize, ())> = items.iter().map(|&i| (i, ())).collect();
    order_entries(lib, lib.redefines_a_macro(), &mut order);
    report.reordered = order.iter().map(|&(i, ())| i).ne(items.iter().copied());
    report
}

/// For each entry (publication index), whether it is already canonical.
pub fn canonical_entries(lib: &Library) -> Vec<bool> {
    canonical_items(lib, &lib.items)
}

/// For each of the entry items `items`, whether it is already canonical.
/// Cores share them; each renders into one buffer it reuses.
fn canonical_items(lib: &Library, items: &[usize]) -> Vec<bool> {
    crate::par::concat(crate::par::run(crate::par::ranges(items.len(), 500), |r| {
        let mut rendered = String::new();
        items[r]
            .iter()
            .map(|&i| item_is_canonical(lib, &lib.raw.items[i], &mut rendered))
            .collect()
    }))
}

/// Whether entry `item` is written as `fmt` writes it; `rendered` is a
/// buffer to reuse.
fn item_is_canonical(lib: &Library, item: &Item, rendered: &mut String) -> bool {
    let text = lib.source.text();
    if !item.inner_comments && !laid_out_as_canonical(text, item, lib.raw.fields_of(item)) {
        return false;
    }
    rendered.clear();
    render_entry_into(lib, item, rendered);
    *rendered == without_cr(item.span.of(text))
}

/// What an entry written as [`render_entry_into`] writes it must show,
/// read from where the parser found its parts: a lowercase type and
/// names, and every `=` one column after the longest name. Most entries
/// `fmt` would rewrite fail this, and are known without rendering them.
fn laid_out_as_canonical(text: &str, item: &Item, fields: &[Field]) -> bool {
    if item.ty.of(text).bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    // Each name looked at once, for its case and whether it is ASCII (its
    // width is then its length): `check` asks this of every entry.
    let (mut width, mut all_ascii) = (0, true);
    for f in fields {
        let name = f.name.of(text);
        let (mut upper, mut high) = (false, false);
        for b in name.bytes() {
            upper |= b.is_ascii_uppercase();
            high |= !b.is_ascii();
        }
        if upper {
            return false;
        }
        all_ascii &= !high;
        width = width.max(if high {
            display_width(name)
        } else {
            name.len()
        });
    }
    // Canonical `name<pad> = value` puts the value at the same distance
    // from each name's start, counted in characters: name, pad, ` = `.
    fields.iter().all(|f| {
        let name = f.name.of(text);
        let name_width = if all_ascii {
            name.len()
        } else {
            display_width(name)
        };
        let gap = f.value.start.checked_sub(f.name.end).map(|g| g as usize);
        gap.is_some_and(|g| name_width + g == width + 3)
    })
}

/// `text` with CRLF line ends as LF, copied only when it has any.
fn without_cr(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::library::LoadOptions;

    fn fmt(text: &str) -> String {
        let lib = Library::from_text(Path::new("t.bib"), text.to_string(), LoadOptions::default());
        format_library(&lib)
    }

    #[test]
    fn line_endings_follow_the_majority() {
        assert!(mostly_crlf("a\r\nb\r\nc\n"));
        assert!(!mostly_crlf("a\nb\r\n"), "one of two is not a majority");
        assert!(mostly_crlf("\r\r\n"));
        assert!(!mostly_crlf("a\rb\n\r"), "a lone CR is not a line end");
        assert!(!mostly_crlf(""));
        assert_eq!(trim_blank_lines(" \n\t\r\n"), "");
        assert_eq!(trim_blank_lines("\n% note  \n\n"), "% note");
    }

    #[test]
    fn canonical_entry() {
        let input = "% mine\n@String{j = \"J. Mach. Learn. Res.\"}\n\n\n@ARTICLE{old, Year = 2020, title = \"Old {Paper}\", journal = j,}\n% about new\n@misc{new,title={New},year={2024},Author={Wang*, Mingze and Yu$^*$, Ruoxi}}\n";
        insta::assert_snapshot!(fmt(input), @r"
        % mine

        @string{j = {J. Mach. Learn. Res.}}

        % about new
        @misc{new,
          author    = {Wang, Mingze and Yu, Ruoxi},
          author+an = {1=equal; 2=equal},
          title     = {New},
          year      = {2024},
        }

        @article{old,
          title   = {Old {Paper}},
          journal = j,
          year    = {2020},
        }
        ");
    }

    #[test]
    fn text_on_an_entrys_last_line_stays_with_it() {
        let input = "@misc{old, title = {Old}, year = 2020} % end of old\n\n@misc{new, title = {New}, year = 2024}\n";
        let once = fmt(input);
        insta::assert_snapshot!(once, @r"
        @misc{new,
          title = {New},
          year  = {2024},
        }

        @misc{old,
          title = {Old},
          year  = {2020},
        } % end of old
        ");
        assert_eq!(fmt(&once), once);
    }

    #[test]
    fn a_key_with_a_brace_keeps_its_parentheses() {
        let input = "@misc(foo}bar, title = {A Title}, year = 2020)\n";
        let once = fmt(input);
        insta::assert_snapshot!(once, @r"
        @misc(foo}bar,
          title = {A Title},
          year  = {2020},
        )
        ");
        assert_eq!(fmt(&once), once);
    }

    #[test]
    fn equal_marks_join_an_items_annotations() {
        let input = "@misc{k, author = {Wang*, Mingze and Yu*, Ruoxi}, author+an = {1=highlight; 2:family=x}, title = {T}, year = 2024}\n";
        insta::assert_snapshot!(fmt(input), @r"
        @misc{k,
          author    = {Wang, Mingze and Yu, Ruoxi},
          author+an = {1=highlight,equal; 2:family=x; 2=equal},
          title     = {T},
          year      = {2024},
        }
        ");
    }

    #[test]
    fn idempotent_and_keeps_what_it_does_not_know() {
        let input = "@preamble{ \"\\newcommand{\\x}{y}\" # \"z\" }\n@comment{keep {me}}\n@weird{k, zzz = {1}, title = {T}, aaa = x # {y}}\ntrailing text\n";
        let once = fmt(input);
        assert_eq!(fmt(&once), once);
        assert!(once.contains("@comment{keep {me}}"));
        assert!(once.contains("zzz   = {1}"));
        assert!(once.contains("aaa   = x # {y}"));
        assert!(once.ends_with("trailing text\n"));
    }

    #[test]
    fn crossref_targets_go_last() {
        let input = "@proceedings{p, title = {P}, year = 2024}\n@inproceedings{c, title = {C}, crossref = {p}, year = 2020}\n";
        let out = fmt(input);
        assert!(out.find("@inproceedings{c").unwrap() < out.find("@proceedings{p").unwrap());
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn crossref_targets_match_keys_in_any_case() {
        let input = "@proceedings{Conf24, title = {P}, year = 2024}\n@inproceedings{c, title = {C}, crossref = {conf24}, year = 2020}\n";
        let out = fmt(input);
        assert!(out.find("@inproceedings{c").unwrap() < out.find("@proceedings{Conf24").unwrap());
    }

    #[test]
    fn every_copy_of_a_duplicated_target_goes_last() {
        let input = "@proceedings{P, title = {P1}, year = 2024}\n@proceedings{p, title = {P2}, year = 2023}\n@inproceedings{c, title = {C}, crossref = {p}, year = 2020}\n";
        let out = fmt(input);
        let child = out.find("@inproceedings{c").unwrap();
        assert!(child < out.find("@proceedings{P,").unwrap());
        assert!(child < out.find("@proceedings{p,").unwrap());
    }

    #[test]
    fn entries_with_inner_comments_are_verbatim() {
        let input = "@misc{a,\n  % title = {old},\n  title = {T}\n}\n";
        assert_eq!(fmt(input), input);
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let out = fmt("@misc{a,\r\n  title = {T},\r\n}\r\n");
        assert_eq!(out, "@misc{a,\r\n  title = {T},\r\n}\r\n");
    }

    /// Each entry's canonical verdict by rendering it, without the layout
    /// pretest.
    fn rendered_verdicts(lib: &Library) -> Vec<bool> {
        let text = lib.source.text();
        (0..lib.len())
            .map(|p| {
                let item = lib.item_of(p);
                let mut rendered = String::new();
                render_entry_into(lib, item, &mut rendered);
                rendered == without_cr(item.span.of(text))
            })
            .collect()
    }

    #[test]
    fn the_layout_pretest_only_rejects_entries_fmt_would_rewrite() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut inputs: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "bib"))
            .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
            .collect();
        assert!(inputs.len() >= 5, "the corpus is there");
        inputs.push("@misc{a,\r\n  title = {T},\r\n}\r\n@misc{b,\n  t\u{e9}tle = {T},\n  year  = {1},\n}\n@misc{c,\n  title = {T},\n  year  = 2024 # {a},\n}\n".into());
        let (mut rejected, mut canonical) = (0, 0);
        for input in inputs {
            for text in [fmt(&input), fmt(&input).replace('\n', "\r\n"), input] {
                let lib = Library::from_text(Path::new("t.bib"), text, LoadOptions::default());
                let expected = rendered_verdicts(&lib);
                let wrong = canonical_entries(&lib)
                    .iter()
                    .zip(&expected)
                    .position(|(got, want)| got != want);
                if let Some(p) = wrong {
                    panic!("{}", lib.item_of(p).span.of(lib.source.text()));
                }
                canonical += expected.iter().filter(|&&c| c).count();
                rejected += (0..lib.len())
                    .filter(|&p| {
                        let item = lib.item_of(p);
                        let fields = lib.raw.fields_of(item);
                        !laid_out_as_canonical(lib.source.text(), item, fields)
                    })
                    .count();
            }
        }
        // Both ways are taken: most of the unformatted entries are told
        // apart by their layout, and formatted ones pass it.
        assert!(
            rejected > 10_000 && canonical > 20_000,
            "{rejected} {canonical}"
        );
    }
}
