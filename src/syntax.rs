//! A span-preserving BibTeX/BibLaTeX parser: text in, a flat list of items
//! with byte spans out.
//!
//! Nothing here allocates per field: an entry is a span plus a range into one
//! shared field table, and field values stay raw value expressions
//! (`{...}`, `"..."`, numbers, macros joined by `#`) until a caller asks for
//! their text. This is what lets `fmt` rewrite a file without losing a byte it
//! does not understand and lets the loader skip what a command never reads.
//! A broken entry becomes an [`ItemKind::Broken`] item holding its verbatim
//! text, and parsing resumes at the next line that starts an entry.

use std::ops::Range;

/// A byte range in the source. `u32` keeps the tables small; the loader
/// refuses files of 4 GiB and more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The spanned text.
    pub fn of<'s>(&self, text: &'s str) -> &'s str {
        &text[self.start as usize..self.end as usize]
    }

    /// The span as a `usize` range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// What a top-level item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `@type{key, field = value, ...}`.
    Entry,
    /// `@string{name = value}`; its one field holds the definition.
    String,
    /// `@preamble{value}`; its one field has an empty name.
    Preamble,
    /// `@comment{...}` or `@comment` up to the end of the line.
    Comment,
    /// Text between items, which BibTeX ignores (often `%` comment lines).
    Text,
    /// An item that failed to parse, kept verbatim.
    Broken,
}

/// One top-level item of a `.bib` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What the item is.
    pub kind: ItemKind,
    /// The whole item, from `@` to the closing delimiter.
    pub span: Span,
    /// The entry type after `@` (empty for [`ItemKind::Text`]).
    pub ty: Span,
    /// The citation key (entries only).
    pub key: Span,
    /// The item's fields, as a range into [`RawBib::fields`].
    pub fields: Range<u32>,
    /// Whether `%` comment lines stand between the fields; such entries
    /// cannot be reformatted without losing them.
    pub inner_comments: bool,
}

/// One `name = value` pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The field name as written.
    pub name: Span,
    /// The raw value expression, e.g. `{Title}` or `ack # " and " # jan`.
    pub value: Span,
    /// Whether the value joins parts with `#` (known from parsing, so
    /// readers of a single `{...}` need not scan it for one).
    pub concatenated: bool,
}

/// Why an item failed to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// `@type` not followed by `{` or `(`.
    ExpectedOpening,
    /// The entry has no key before its first field.
    MissingKey,
    /// The key contains whitespace.
    KeyWithSpace,
    /// The key is followed by a field (`name =`) without a comma between.
    ExpectedCommaAfterKey,
    /// Something other than a field name where one should start.
    ExpectedFieldName,
    /// A field name not followed by `=`.
    ExpectedEquals,
    /// `=` or `#` not followed by a value.
    ExpectedValue,
    /// A value not followed by `,`, `#` or the closing delimiter.
    ExpectedComma,
    /// A `{` that is never closed.
    UnclosedBrace,
    /// A `"` that is never closed.
    UnclosedQuote,
    /// The file ends inside the entry.
    UnclosedEntry,
    /// A `}` with no `{` inside a quoted value.
    UnbalancedBrace,
    /// The next entry starts where a `,` or `}` was expected: this entry
    /// lacks its closing `}`, usually because a value's `{` is unclosed.
    RunsIntoNextEntry,
}

/// A syntax error: what, where, and the item it broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// The offending bytes (or the point where something was expected).
    pub span: Span,
    /// Where the broken item starts (its `@`).
    pub item_start: u32,
}

/// The items of a file plus every field of every item, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawBib {
    /// Top-level items in file order; together they cover the whole text.
    pub items: Vec<Item>,
    /// Fields of all items; an item's `fields` range indexes this table.
    pub fields: Vec<Field>,
    /// Syntax errors, one per broken item.
    pub errors: Vec<ParseError>,
}

impl RawBib {
    /// The fields of `item`.
    pub fn fields_of(&self, item: &Item) -> &[Field] {
        &self.fields[item.fields.start as usize..item.fields.end as usize]
    }

    /// Which of `item`'s values hold `byte`: bit `k` for field `k` (every
    /// bit, so "maybe", past 64 fields). One scan of the entry answers for
    /// all its values: a scan per value costs a call each, and few values
    /// hold the byte (an `@`, for the swallowed-entry check).
    pub fn values_holding(&self, text: &str, item: &Item, byte: u8) -> u64 {
        let fields = self.fields_of(item);
        let (Some(first), Some(last)) = (fields.first(), fields.last()) else {
            return 0;
        };
        if fields.len() > 64 {
            return u64::MAX;
        }
        let (start, end) = (first.name.start as usize, last.value.end as usize);
        let mut bits = 0u64;
        let mut k = 0;
        for at in memchr::memchr_iter(byte, &text.as_bytes()[start..end]) {
            let at = (start + at) as u32;
            while k < fields.len() && fields[k].value.end <= at {
                k += 1;
            }
            if k == fields.len() {
                break;
            }
            if fields[k].value.start <= at {
                bits |= 1 << k;
            }
        }
        bits
    }
}

/// One part of a value expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `{...}`: the span is the inside of the braces.
    Braced(Span),
    /// `"..."`: the span is the inside of the quotes.
    Quoted(Span),
    /// A bare number.
    Number(Span),
    /// A bare macro name (`@string` or month abbreviation).
    Macro(Span),
}

/// Splits a raw value expression (as stored in [`Field::value`]) into its
/// parts. The expression was validated by [`parse`], so this cannot fail.
/// An iterator, not a `Vec`: it runs for values read again and again
/// (macro expansion, `fmt`), and most have one part.
pub fn value_parts(text: &str, value: Span) -> ValueParts<'_> {
    ValueParts {
        bytes: text.as_bytes(),
        at: value.start as usize,
        end: value.end as usize,
    }
}

/// The parts of one value expression, in order: see [`value_parts`].
#[derive(Clone)]
pub struct ValueParts<'t> {
    bytes: &'t [u8],
    at: usize,
    end: usize,
}

impl ValueParts<'_> {
    /// The only part, if there is exactly one.
    pub fn single(mut self) -> Option<Part> {
        let first = self.next()?;
        self.next().is_none().then_some(first)
    }
}

impl Iterator for ValueParts<'_> {
    type Item = Part;

    fn next(&mut self) -> Option<Part> {
        let (bytes, end) = (self.bytes, self.end);
        while self.at < end {
            let i = self.at;
            match bytes[i] {
                b'{' => {
                    let close = match_braces(bytes, i, end).unwrap_or(end);
                    self.at = close;
                    let inner = Span::new(i + 1, close.saturating_sub(1).max(i + 1));
                    return Some(Part::Braced(inner));
                }
                b'"' => {
                    let close = scan_quote(bytes, i, end).map_or(end, |(c, _)| c);
                    self.at = close;
                    let inner = Span::new(i + 1, close.saturating_sub(1).max(i + 1));
                    return Some(Part::Quoted(inner));
                }
                b'#' => self.at += 1,
                b if is_space(b) => self.at += 1,
                b if b.is_ascii_digit() => {
                    let mut j = i;
                    while j < end && bytes[j].is_ascii_digit() {
                        j += 1;
                    }
                    self.at = j;
                    return Some(Part::Number(Span::new(i, j)));
                }
                _ => {
                    let mut j = i;
                    while j < end && is_name_byte(bytes[j]) {
                        j += 1;
                    }
                    if j == i {
                        // Unreachable for validated input; never loop forever.
                        self.at = i + 1;
                    } else {
                        self.at = j;
                        return Some(Part::Macro(Span::new(i, j)));
                    }
                }
            }
        }
        None
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Bytes allowed in entry types, field names and macro names.
fn is_name_byte(b: u8) -> bool {
    NAME_BYTES[b as usize]
}

/// [`is_name_byte`] as a table: names are scanned byte by byte, and one
/// lookup beats a chain of comparisons.
static NAME_BYTES: [bool; 256] = {
    let mut table = [true; 256];
    let excluded = b" \t\n\r\x0b\x0c{}(),=#\"%@'~\\";
    let mut i = 0;
    while i < excluded.len() {
        table[excluded[i] as usize] = false;
        i += 1;
    }
    table
};

/// Position just past the `}` matching the `{` at `open`, or `None` at `end`.
/// Values are most of a file's bytes, so this jumps from brace to brace
/// with `memchr3` instead of looking at every byte.
fn match_braces(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < end {
        let at = i + memchr::memchr3(b'{', b'}', b'\\', &bytes[i..end])?;
        match bytes[at] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {
                i = at + 2; // `\{` and `\}` do not count
                continue;
            }
        }
        i = at + 1;
    }
    None
}

/// Scans the quoted value whose `"` is at `open`: the position just past
/// its closing `"` (one inside braces does not close it) and the first `}`
/// inside that closes nothing, or `None` at `end`. A backslash escapes the
/// byte after it. Jumps from brace to brace with `memchr3`, as
/// [`match_braces`] does: a file of quoted values is mostly their text.
fn scan_quote(bytes: &[u8], open: usize, end: usize) -> Option<(usize, Option<usize>)> {
    let mut depth = 0usize;
    let mut unbalanced = None;
    let mut i = open + 1;
    while i < end {
        let at = i + memchr::memchr3(b'{', b'}', b'"', &bytes[i..end])?;
        // Escaped by an odd run of backslashes right before it (the run
        // starts after `i`: the byte before `i` was one of these three).
        let run = bytes[i..at]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        i = at + 1;
        if run % 2 == 1 {
            continue;
        }
        match bytes[at] {
            b'{' => depth += 1,
            b'}' if depth == 0 => {
                unbalanced.get_or_insert(at);
            }
            b'}' => depth -= 1,
            _ if depth == 0 => return Some((at + 1, unbalanced)),
            _ => {}
        }
    }
    None
}

/// Parses a whole file. Never fails: broken items are recorded in
/// [`RawBib::errors`] and kept as [`ItemKind::Broken`]. A large file is
/// parsed in pieces on several threads, with the same result.
pub fn parse(text: &str) -> RawBib {
    let pieces = crate::par::threads()
        .min(text.len() / MIN_PIECE_BYTES)
        .max(1);
    parse_in_pieces(text, pieces)
}

/// Below this, a piece is not worth a thread: parsing 1 MiB takes about
/// 3 ms, and a thread costs up to a tenth of that to start.
const MIN_PIECE_BYTES: usize = 1 << 20;

/// Parses `text` as up to `pieces` pieces in parallel, each starting at a
/// line that starts an item (`@name{` after blanks), joined into exactly
/// what one pass from the start gives.
///
/// A piece is a guess: BibTeX lets a value run over lines that look like
/// entries, so the piece before may not end where this one starts. Each
/// piece's parse is kept only if the parse of everything before it paused
/// exactly at its start, in the state a fresh parser starts in (not
/// bounded); otherwise parsing continues from where the previous pieces
/// stopped, one piece at a time, and the guess is dropped.
pub fn parse_in_pieces(text: &str, pieces: usize) -> RawBib {
    let bytes = text.as_bytes();
    let mut cuts = vec![0];
    for k in 1..pieces {
        let target = (text.len() * k / pieces).max(cuts[cuts.len() - 1] + 1);
        match next_item_line(bytes, target) {
            Some(cut) if cut > cuts[cuts.len() - 1] => cuts.push(cut),
            _ => break,
        }
    }
    cuts.push(text.len());
    let ranges = (0..cuts.len() - 1).map(|k| k..k + 1).collect();
    let mut parsed = crate::par::run(ranges, |k| {
        let mut p = Parser::new(text, cuts[k.start], cuts[k.start + 1] - cuts[k.start]);
        p.run(cuts[k.start + 1]);
        p
    })
    .into_iter();
    let mut whole = parsed.next().expect("at least one piece");
    whole.out.items.reserve(text.len() / 400);
    whole.out.fields.reserve(text.len() / 40);
    for (k, piece) in parsed.enumerate() {
        let (start, end) = (cuts[k + 1], cuts[k + 2]);
        if whole.pos == start && !whole.bounded {
            whole.append(piece);
        } else {
            whole.run(end);
        }
    }
    whole.out
}

/// The first `@` at or after `from` that starts a line (after blanks) and
/// an item.
fn next_item_line(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let line = i + memchr::memchr(b'\n', bytes.get(i..)?)? + 1;
        let mut j = line;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'@' && starts_item(bytes, j) {
            return Some(j);
        }
        i = line;
    }
}

struct Parser<'s> {
    text: &'s str,
    bytes: &'s [u8],
    pos: usize,
    out: RawBib,
    line: LineScan,
    /// Whether values and comments stop at the next line that starts an
    /// entry; see [`Parser::scan_end`].
    bounded: bool,
    /// `(from, to)`: for any position in `from..to`, the next line that
    /// starts an entry begins at `to`.
    next_entry_line: (usize, usize),
}

/// How far [`Parser::percent_before`] has scanned, and whether the line it
/// stopped in has a `%` so far.
#[derive(Default)]
struct LineScan {
    scanned_to: usize,
    percent: bool,
}

type Step<T> = Result<T, (ParseErrorKind, Span)>;

impl<'s> Parser<'s> {
    /// A parser that starts at `pos`, which is 0 or an `@` preceded on its
    /// line by blanks only (so no `%` comment is open there), sized for
    /// about `len` bytes of items.
    fn new(text: &'s str, pos: usize, len: usize) -> Parser<'s> {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos,
            out: RawBib {
                items: Vec::with_capacity(len / 400 + 4),
                fields: Vec::with_capacity(len / 40 + 4),
                errors: Vec::new(),
            },
            line: LineScan {
                scanned_to: pos,
                percent: false,
            },
            bounded: false,
            next_entry_line: (0, 0),
        }
    }

    /// Parses items until `pos` reaches `stop` (or passes it, inside an
    /// item that runs over it). Pausing changes nothing: running on to a
    /// later stop gives what one run to that stop gives.
    fn run(&mut self, stop: usize) {
        while self.pos < stop {
            let text_start = self.pos;
            let Some(at) = self.next_at(self.pos) else {
                self.push_text(text_start, self.bytes.len());
                self.pos = self.bytes.len();
                break;
            };
            self.push_text(text_start, at);
            self.pos = at;
            if at >= stop {
                break;
            }
            self.item(at);
        }
    }

    /// Takes over the items of `next`, a parser that started where this
    /// one stopped, and its state.
    fn append(&mut self, next: Parser<'s>) {
        let offset = self.out.fields.len() as u32;
        self.out
            .items
            .extend(next.out.items.into_iter().map(|mut item| {
                item.fields = item.fields.start + offset..item.fields.end + offset;
                item
            }));
        self.out.fields.extend(next.out.fields);
        self.out.errors.extend(next.out.errors);
        self.pos = next.pos;
        self.line = next.line;
        self.bounded = next.bounded;
        self.next_entry_line = next.next_entry_line;
    }

    /// The next `@` at or after `from` that can start an item (BibTeX
    /// ignores everything else). An `@` inside a word (an e-mail address) or
    /// after a `%` on its line is text.
    fn next_at(&mut self, mut from: usize) -> Option<usize> {
        loop {
            let at = from + self.bytes[from..].iter().position(|&b| b == b'@')?;
            let in_word = at > 0 && self.bytes[at - 1].is_ascii_alphanumeric();
            if !in_word && !self.percent_before(at) {
                return Some(at);
            }
            from = at + 1;
        }
    }

    /// Whether a `%` stands between the start of `at`'s line and `at`.
    /// Positions only move forward, so the scan resumes where it stopped:
    /// a 1 MB line full of `@` costs one pass, not one pass per `@`.
    fn percent_before(&mut self, at: usize) -> bool {
        let line = &mut self.line;
        if at < line.scanned_to {
            // Never happens while parsing forward; recompute to stay correct.
            let start = self.bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            *line = LineScan {
                scanned_to: start,
                percent: false,
            };
        }
        // Only the part of `at`'s line not yet scanned matters: jump to its
        // start from the end (the text since the last `@` is mostly the
        // last item, already parsed).
        let unscanned = &self.bytes[line.scanned_to..at];
        let tail = match memchr::memrchr(b'\n', unscanned) {
            Some(nl) => {
                line.percent = false;
                &unscanned[nl + 1..]
            }
            None => unscanned,
        };
        line.percent |= memchr::memchr(b'%', tail).is_some();
        line.scanned_to = at;
        line.percent
    }

    fn push_text(&mut self, start: usize, end: usize) {
        if start < end {
            // An empty field range, but at its place in the table, as for
            // every item (so pieces parsed apart join by one offset).
            self.push(
                ItemKind::Text,
                start,
                end,
                Span::default(),
                Span::default(),
                self.out.fields.len(),
                false,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: ItemKind,
        start: usize,
        end: usize,
        ty: Span,
        key: Span,
        first_field: usize,
        inner_comments: bool,
    ) {
        let fields_end = if matches!(kind, ItemKind::Text | ItemKind::Broken) {
            first_field
        } else {
            self.out.fields.len()
        };
        self.out.items.push(Item {
            kind,
            span: Span::new(start, end),
            ty,
            key,
            fields: first_field as u32..fields_end as u32,
            inner_comments,
        });
    }

    /// Parses the item starting at the `@` at `start`.
    fn item(&mut self, start: usize) {
        let first_field = self.out.fields.len();
        let mut inner_comments = false;
        let result = self.item_body(start, &mut inner_comments);
        match result {
            Ok((kind, ty, key)) => {
                self.push(kind, start, self.pos, ty, key, first_field, inner_comments);
            }
            Err((mut kind, span)) => {
                if matches!(
                    kind,
                    ParseErrorKind::ExpectedComma | ParseErrorKind::ExpectedFieldName
                ) && self.at_line_start(span.start as usize)
                    && self.starts_item(span.start as usize)
                {
                    kind = ParseErrorKind::RunsIntoNextEntry;
                }
                self.out.fields.truncate(first_field);
                self.out.errors.push(ParseError {
                    kind,
                    span,
                    item_start: start as u32,
                });
                let resume = self.resync(start);
                if resume < span.end as usize {
                    // The items after `resume` are parsed again although
                    // this one's scan already went past them.
                    self.bounded = true;
                }
                self.pos = resume;
                self.push(
                    ItemKind::Broken,
                    start,
                    resume,
                    Span::default(),
                    Span::default(),
                    first_field,
                    false,
                );
            }
        }
    }

    /// Where to resume after a broken item starting at `start`: the next line
    /// that begins (after blanks) with `@name{` or `@name(`, or the end.
    fn resync(&self, start: usize) -> usize {
        let bytes = self.bytes;
        let mut i = start + 1;
        while let Some(nl) = bytes[i.min(bytes.len())..].iter().position(|&b| b == b'\n') {
            let line = i + nl + 1;
            let mut j = line;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'@' && self.starts_item(j) {
                return line;
            }
            i = line;
        }
        bytes.len()
    }

    /// How far a value or comment starting at `from` may reach. Normally the
    /// end of the file: BibTeX lets a value run as far as its braces do. Once
    /// a delimiter has been found unclosed (or a broken item scanned past
    /// entries that are now parsed again), letting every later value scan to
    /// the end again would make parsing quadratic, so from then on a value
    /// stops at the next line that starts an entry.
    fn scan_end(&mut self, from: usize) -> usize {
        if !self.bounded {
            return self.bytes.len();
        }
        let (lo, hi) = self.next_entry_line;
        if lo <= from && from < hi {
            return hi;
        }
        let hi = self.resync(from);
        self.next_entry_line = (from, hi);
        hi
    }

    /// Whether only blanks stand between the start of the line and `at`.
    fn at_line_start(&self, at: usize) -> bool {
        self.bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|&b| b == b' ' || b == b'\t')
    }

    /// Whether `@name` followed by `{` or `(` starts at `at`.
    fn starts_item(&self, at: usize) -> bool {
        starts_item(self.bytes, at)
    }

    fn skip_space(&mut self) {
        while self.pos < self.bytes.len() && is_space(self.bytes[self.pos]) {
            self.pos += 1;
        }
    }

    /// Skips blanks and `%` comment lines; returns whether a comment was seen.
    fn skip_space_and_comments(&mut self) -> bool {
        let mut seen = false;
        loop {
            self.skip_space();
            if self.pos < self.bytes.len() && self.bytes[self.pos] == b'%' {
                seen = true;
                while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
                    self.pos += 1;
                }
            } else {
                return seen;
            }
        }
    }

    fn name(&mut self) -> Span {
        let start = self.pos;
        while self.pos < self.bytes.len() && is_name_byte(self.bytes[self.pos]) {
            self.pos += 1;
        }
        Span::new(start, self.pos)
    }

    /// Whether `name =` starts at `at` (a field, not more of a key).
    fn field_starts_at(&self, at: usize) -> bool {
        let bytes = &self.bytes[at..];
        let name = bytes.iter().take_while(|&&b| is_name_byte(b)).count();
        name > 0
            && bytes[name..]
                .iter()
                .find(|&&b| !is_space(b))
                .is_some_and(|&b| b == b'=')
    }

    fn here(&self) -> Span {
        self.char_span(self.pos)
    }

    /// The span of the character at `at`; empty at the end of the text (or
    /// off a character boundary), so a span never cuts a character.
    fn char_span(&self, at: usize) -> Span {
        let len = self
            .text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        Span::new(at, at + len)
    }

    fn item_body(
        &mut self,
        start: usize,
        inner_comments: &mut bool,
    ) -> Step<(ItemKind, Span, Span)> {
        self.pos = start + 1;
        let ty = self.name();
        let ty_text = ty.of(self.text);
        if ty.is_empty() {
            // A lone `@` in running text (an e-mail address in a `%` line,
            // say): BibTeX skips it, and so do we.
            self.pos = start + 1;
            return Ok((ItemKind::Text, ty, Span::default()));
        }
        let is_comment = ty_text.eq_ignore_ascii_case("comment");
        self.skip_space();
        let open = self.bytes.get(self.pos).copied();
        let close = match open {
            Some(b'{') => b'}',
            Some(b'(') => b')',
            _ if is_comment => {
                // `@comment` without delimiters runs to the end of the line.
                while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
                    self.pos += 1;
                }
                return Ok((ItemKind::Comment, ty, Span::default()));
            }
            _ => return Err((ParseErrorKind::ExpectedOpening, self.here())),
        };
        let open_at = self.pos;
        self.pos += 1;
        if is_comment {
            let limit = self.scan_end(open_at);
            let end = if close == b'}' {
                match_braces(self.bytes, open_at, limit)
            } else {
                find_paren_close(self.bytes, open_at, limit)
            };
            return match end {
                Some(end) => {
                    self.pos = end;
                    Ok((ItemKind::Comment, ty, Span::default()))
                }
                None => {
                    self.bounded = true;
                    Err((ParseErrorKind::UnclosedEntry, Span::new(start, open_at + 1)))
                }
            };
        }
        if ty_text.eq_ignore_ascii_case("preamble") {
            self.skip_space();
            let (value, concatenated) = self.value(close)?;
            self.out.fields.push(Field {
                name: Span::new(value.start as usize, value.start as usize),
                value,
                concatenated,
            });
            self.skip_space();
            return self
                .expect_close(start, close)
                .map(|_| (ItemKind::Preamble, ty, Span::default()));
        }
        if ty_text.eq_ignore_ascii_case("string") {
            *inner_comments |= self.skip_space_and_comments();
            self.field(close)?;
            *inner_comments |= self.skip_space_and_comments();
            if self.bytes.get(self.pos) == Some(&b',') {
                self.pos += 1;
                *inner_comments |= self.skip_space_and_comments();
            }
            return self
                .expect_close(start, close)
                .map(|_| (ItemKind::String, ty, Span::default()));
        }
        let key = self.key(close)?;
        loop {
            *inner_comments |= self.skip_space_and_comments();
            match self.bytes.get(self.pos) {
                None => return Err((ParseErrorKind::UnclosedEntry, Span::new(start, open_at + 1))),
                Some(&b) if b == close => {
                    self.pos += 1;
                    return Ok((ItemKind::Entry, ty, key));
                }
                Some(_) => {}
            }
            self.field(close)?;
            *inner_comments |= self.skip_space_and_comments();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(&b) if b == close => {}
                None => return Err((ParseErrorKind::UnclosedEntry, Span::new(start, open_at + 1))),
                Some(_) => return Err((ParseErrorKind::ExpectedComma, self.here())),
            }
        }
    }

    fn expect_close(&mut self, start: usize, close: u8) -> Step<()> {
        match self.bytes.get(self.pos) {
            Some(&b) if b == close => {
                self.pos += 1;
                Ok(())
            }
            None => Err((ParseErrorKind::UnclosedEntry, Span::new(start, start + 1))),
            Some(_) => Err((ParseErrorKind::ExpectedComma, self.here())),
        }
    }

    fn key(&mut self, close: u8) -> Step<Span> {
        self.skip_space();
        let start = self.pos;
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b',' || b == close || is_space(b) || (close == b'}' && b == b'{') {
                break;
            }
            if b == b'=' {
                // `@article{title = ...`: what we took for the key is a field.
                return Err((ParseErrorKind::MissingKey, self.char_span(start)));
            }
            self.pos += 1;
        }
        let key = Span::new(start, self.pos);
        self.skip_space();
        match self.bytes.get(self.pos) {
            Some(b',') if !key.is_empty() => {
                self.pos += 1;
                Ok(key)
            }
            Some(&b) if b == close && !key.is_empty() => Ok(key),
            Some(b'=') => Err((ParseErrorKind::MissingKey, self.char_span(start))),
            None => Err((ParseErrorKind::UnclosedEntry, Span::new(start, start))),
            _ if key.is_empty() => Err((ParseErrorKind::MissingKey, self.here())),
            _ if self.field_starts_at(self.pos) => {
                // `@article{key author = ...`: the comma is missing; the
                // span is the field's name.
                let name = self.bytes[self.pos..]
                    .iter()
                    .take_while(|&&b| is_name_byte(b))
                    .count();
                Err((
                    ParseErrorKind::ExpectedCommaAfterKey,
                    Span::new(self.pos, self.pos + name),
                ))
            }
            _ => {
                // `@article{my key, ...`: whitespace inside the key.
                Err((
                    ParseErrorKind::KeyWithSpace,
                    Span::new(start, self.char_span(self.pos).end as usize),
                ))
            }
        }
    }

    /// `name = value`, pushed onto the field table.
    fn field(&mut self, close: u8) -> Step<()> {
        let name = self.name();
        if name.is_empty() {
            return Err((ParseErrorKind::ExpectedFieldName, self.here()));
        }
        self.skip_space();
        if self.bytes.get(self.pos) != Some(&b'=') {
            return Err((ParseErrorKind::ExpectedEquals, self.here()));
        }
        self.pos += 1;
        self.skip_space();
        let (value, concatenated) = self.value(close)?;
        self.out.fields.push(Field {
            name,
            value,
            concatenated,
        });
        Ok(())
    }

    /// A value expression: parts joined by `#`, and whether there are
    /// several. Leaves `pos` after the last part.
    fn value(&mut self, close: u8) -> Step<(Span, bool)> {
        let start = self.pos;
        let mut end;
        let mut concatenated = false;
        loop {
            match self.bytes.get(self.pos) {
                Some(b'{') => match match_braces(self.bytes, self.pos, self.scan_end(self.pos)) {
                    Some(e) => self.pos = e,
                    None => {
                        self.bounded = true;
                        return Err((
                            ParseErrorKind::UnclosedBrace,
                            Span::new(self.pos, self.pos + 1),
                        ));
                    }
                },
                Some(b'"') => {
                    let open = self.pos;
                    match scan_quote(self.bytes, open, self.scan_end(open)) {
                        Some((e, unbalanced)) => {
                            if let Some(bad) = unbalanced {
                                return Err((
                                    ParseErrorKind::UnbalancedBrace,
                                    Span::new(bad, bad + 1),
                                ));
                            }
                            self.pos = e;
                        }
                        None => {
                            self.bounded = true;
                            return Err((ParseErrorKind::UnclosedQuote, Span::new(open, open + 1)));
                        }
                    }
                }
                Some(b) if b.is_ascii_digit() || is_name_byte(*b) => {
                    let name = self.name();
                    if name.is_empty() {
                        return Err((ParseErrorKind::ExpectedValue, self.here()));
                    }
                }
                _ => return Err((ParseErrorKind::ExpectedValue, self.here())),
            }
            end = self.pos;
            self.skip_space();
            if self.bytes.get(self.pos) == Some(&b'#') {
                concatenated = true;
                self.pos += 1;
                self.skip_space();
                if matches!(self.bytes.get(self.pos), Some(&b) if b == close || b == b',')
                    || self.pos >= self.bytes.len()
                {
                    return Err((ParseErrorKind::ExpectedValue, self.here()));
                }
            } else {
                break;
            }
        }
        self.pos = end;
        Ok((Span::new(start, end), concatenated))
    }
}

/// Position just past the `)` closing the `(` of `@comment(` at `open`, or
/// `None` at `end`.
fn find_paren_close(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &b) in bytes[open..end].iter().enumerate() {
        match b {
            b'(' | b'{' => depth += 1,
            b')' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `@name` followed by `{` or `(` starts at `at`.
fn starts_item(bytes: &[u8], at: usize) -> bool {
    let mut j = at + 1;
    let name_start = j;
    while j < bytes.len() && is_name_byte(bytes[j]) {
        j += 1;
    }
    if j == name_start {
        return false;
    }
    while j < bytes.len() && is_space(bytes[j]) {
        j += 1;
    }
    j < bytes.len() && matches!(bytes[j], b'{' | b'(')
}

/// The first `@` inside `span` that starts a line (after blanks) and an
/// item (`@name{`), if any. A value holding one has almost certainly
/// swallowed the entries after an unclosed `{`: BibTeX reads them as text.
pub fn item_line_within(text: &str, span: Span) -> Option<usize> {
    let bytes = text.as_bytes();
    let (start, end) = (span.start as usize, span.end as usize);
    // An `@` is rarer than a newline: find each, then look back to its line's start.
    for at in memchr::memchr_iter(b'@', &bytes[start..end]).map(|i| start + i) {
        let Some(nl) = bytes[start..at].iter().rposition(|&b| b == b'\n') else {
            continue;
        };
        let blank = bytes[start + nl + 1..at]
            .iter()
            .all(|&b| matches!(b, b' ' | b'\t'));
        if blank && starts_item(bytes, at) {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte definition `match_braces` must agree with.
    fn match_braces_slowly(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut i = open;
        while i < end {
            match bytes[i] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                b'\\' => i += 1,
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// The byte-by-byte definition `scan_quote` must agree with: the
    /// closing quote, then the first unbalanced `}` inside.
    fn scan_quote_slowly(bytes: &[u8], open: usize, end: usize) -> Option<(usize, Option<usize>)> {
        let mut depth = 0usize;
        let mut i = open + 1;
        let close = loop {
            if i >= end {
                return None;
            }
            match bytes[i] {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'\\' => i += 1,
                b'"' if depth == 0 => break i + 1,
                _ => {}
            }
            i += 1;
        };
        let inner = &bytes[open + 1..close - 1];
        let (mut depth, mut i) = (0usize, 0);
        while i < inner.len() {
            match inner[i] {
                b'{' => depth += 1,
                b'}' if depth == 0 => return Some((close, Some(open + 1 + i))),
                b'}' => depth -= 1,
                b'\\' => i += 1,
                _ => {}
            }
            i += 1;
        }
        Some((close, None))
    }

    proptest::proptest! {
        #[test]
        fn quote_scanning_jumps_to_the_same_place(tail in "[{}\\\\\"ab]{0,30}", cut in 0usize..32) {
            let text = format!("\"{tail}");
            let end = cut.min(text.len());
            proptest::prop_assert_eq!(
                scan_quote(text.as_bytes(), 0, end),
                scan_quote_slowly(text.as_bytes(), 0, end)
            );
        }

        #[test]
        fn brace_matching_jumps_to_the_same_place(tail in "[{}\\\\ab]{0,30}", cut in 0usize..32) {
            let text = format!("{{{tail}");
            let end = cut.min(text.len());
            proptest::prop_assert_eq!(
                match_braces(text.as_bytes(), 0, end),
                match_braces_slowly(text.as_bytes(), 0, end)
            );
        }
    }

    /// Pieces of text that make parsing hard: values running over entry
    /// lines, unclosed delimiters, `%` lines, `@` in odd places.
    const FRAGMENTS: &[&str] = &[
        "@article{a,\n  title = {T},\n  year = 2020,\n}\n",
        "@string{me = \"Wang\"}\n",
        "@book{b, title = {Open {brace},\n  year = 2021}\n",
        "@misc{c, note = {runs over\n@article{d, title = {x}}\n still c}}\n",
        "% a comment with @article{e,\n",
        "  @inproceedings{f, author = me # { and Wu}}\n",
        "@comment{ten @article{g,\n}\n",
        "@article{h, title = \"quoted {\"} here\" }\n",
        "mail me@example.org\n",
        "@article{i, title = {unclosed\n",
        "@article(j, title = {paren}) \n",
        "@article{k title = {no comma}}\n",
        "\n\n",
        "@preamble{\"\\newcommand\"}\n",
    ];

    #[test]
    fn parsing_in_pieces_gives_what_one_pass_gives() {
        let texts: Vec<String> = (0..FRAGMENTS.len())
            .map(|start| {
                (0..40)
                    .map(|k| FRAGMENTS[(start + k * k + k / 3) % FRAGMENTS.len()])
                    .collect()
            })
            .collect();
        for text in &texts {
            let whole = parse_in_pieces(text, 1);
            for pieces in 2..9 {
                assert_eq!(
                    parse_in_pieces(text, pieces),
                    whole,
                    "{pieces} pieces of {text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_cut_of_any_soup_parses_the_same(
            picks in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..30),
            pieces in 2usize..7,
        ) {
            let text: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
            proptest::prop_assert_eq!(parse_in_pieces(&text, pieces), parse_in_pieces(&text, 1));
        }
    }

    proptest::proptest! {
        /// `values_holding` is a per-value `contains`, whatever stands
        /// between the values.
        #[test]
        fn values_holding_is_a_scan_of_each_value(
            picks in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..30),
            extra_fields in 0usize..70,
        ) {
            let mut text: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
            text.push_str("\n@misc{k,");
            for f in 0..extra_fields {
                text.push_str(&format!(" f{f} = {},", ["{a#b}", "{x@y}", "{plain}", "a # b", "\"q#\""][f % 5]));
            }
            text.push('}');
            let raw = parse(&text);
            for item in &raw.items {
                for byte in [b'#', b'@'] {
                    let bits = raw.values_holding(&text, item, byte);
                    let fields = raw.fields_of(item);
                    if fields.len() > 64 {
                        proptest::prop_assert_eq!(bits, u64::MAX, "past 64 fields, every value may");
                        continue;
                    }
                    for (k, f) in fields.iter().enumerate() {
                        let holds = f.value.of(&text).as_bytes().contains(&byte);
                        proptest::prop_assert_eq!(bits >> k & 1 == 1, holds, "field {} of {:?}", k, item);
                    }
                }
            }
        }
    }

    fn kinds(raw: &RawBib) -> Vec<ItemKind> {
        raw.items.iter().map(|i| i.kind).collect()
    }

    #[test]
    fn items_cover_the_whole_text() {
        let text = "% hi\n@string{me = \"Wang\"}\n@article{a,\n  author = me # { and Wu},\n  year = 2024,\n}\n@comment{x}\n";
        let raw = parse(text);
        assert!(raw.errors.is_empty());
        assert_eq!(
            kinds(&raw),
            [
                ItemKind::Text,
                ItemKind::String,
                ItemKind::Text,
                ItemKind::Entry,
                ItemKind::Text,
                ItemKind::Comment,
                ItemKind::Text
            ]
        );
        let joined: String = raw.items.iter().map(|i| i.span.of(text)).collect();
        assert_eq!(joined, text);
        let entry = &raw.items[3];
        assert_eq!(entry.key.of(text), "a");
        let fields = raw.fields_of(entry);
        assert_eq!(fields[0].name.of(text), "author");
        assert_eq!(fields[0].value.of(text), "me # { and Wu}");
        assert_eq!(fields[1].value.of(text), "2024");
        assert_eq!(
            value_parts(text, fields[0].value)
                .map(|p| match p {
                    Part::Macro(s) | Part::Braced(s) | Part::Quoted(s) | Part::Number(s) =>
                        s.of(text),
                })
                .collect::<Vec<_>>(),
            ["me", " and Wu"]
        );
    }

    #[test]
    fn a_broken_entry_does_not_take_the_next_one_with_it() {
        let text = "@article{a,\n  title = {Open,\n  year = 2020\n}\n@book{b, title = {Fine}}\n";
        let raw = parse(text);
        assert_eq!(raw.errors.len(), 1);
        assert_eq!(raw.errors[0].kind, ParseErrorKind::RunsIntoNextEntry);
        assert_eq!(
            kinds(&raw),
            [ItemKind::Broken, ItemKind::Entry, ItemKind::Text]
        );
        assert_eq!(raw.items[1].key.of(text), "b");
    }

    #[test]
    fn errors_name_what_was_expected() {
        let cases = [
            (
                "@article{a, title = {x} year = 1}",
                ParseErrorKind::ExpectedComma,
            ),
            ("@article{a, title {x}}", ParseErrorKind::ExpectedEquals),
            ("@article{title = {x}}", ParseErrorKind::MissingKey),
            (
                "@article{my key, title = {x}}",
                ParseErrorKind::KeyWithSpace,
            ),
            (
                "@article{key\n  title = {x}}",
                ParseErrorKind::ExpectedCommaAfterKey,
            ),
            ("@article{a, title = {x} # }", ParseErrorKind::ExpectedValue),
            ("@article{a, title = \"x}", ParseErrorKind::UnclosedQuote),
            ("@article{a, title = {x}", ParseErrorKind::UnclosedEntry),
            ("@article a", ParseErrorKind::ExpectedOpening),
            (
                "@article{a, title = \"x } y\"}",
                ParseErrorKind::UnbalancedBrace,
            ),
        ];
        for (text, kind) in cases {
            let raw = parse(text);
            assert_eq!(raw.errors.first().map(|e| e.kind), Some(kind), "{text}");
        }
    }

    #[test]
    fn parentheses_delimit_entries_too() {
        let text = "@article(a, title = {x (y)})";
        let raw = parse(text);
        assert!(raw.errors.is_empty(), "{:?}", raw.errors);
        assert_eq!(raw.fields[0].value.of(text), "{x (y)}");
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let text = format!(
            "@misc{{a, note = {}{}}}",
            "{".repeat(100_000),
            "}".repeat(100_000)
        );
        let raw = parse(&text);
        assert!(raw.errors.is_empty());
    }

    #[test]
    fn percent_lines_inside_entries_are_seen() {
        let text = "@misc{a,\n  % old = {x},\n  title = {T}\n}";
        let raw = parse(text);
        assert!(raw.errors.is_empty());
        assert!(raw.items[0].inner_comments);
        assert_eq!(raw.fields.len(), 1);
    }
}
