//! Terminal tables drawn line for line as comfy-table draws them
//! (`UTF8_FULL_CONDENSED`, dynamic arrangement to a given width, ANSI-aware
//! as with its `custom_styling` feature), but in a stream and on every
//! core: comfy-table builds every line of the table in memory before the
//! first is written, which took 3 s and 800 MB for a 100,000-row `list`.
//!
//! The layout rules are comfy-table's own (`utils/arrangement/dynamic.rs`
//! and `utils/formatting` in comfy-table 8.0): the tests draw random tables
//! both ways and compare them byte for byte.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Ends every ANSI style.
const RESET: &str = "\x1b[0m";

/// Spaces on each side of a cell's content.
const PADDING: usize = 1;

/// A line with fewer free columns than this is full (comfy-table's
/// `MIN_FREE_CHARS`).
const MIN_FREE_CHARS: usize = 2;

/// Rows are drawn on every core from this many on.
const PARALLEL_ROWS: usize = 1000;

/// A table of `N` columns: a header, rows, and how wide to draw it.
#[derive(Debug)]
pub(crate) struct Grid<const N: usize> {
    pub header: [String; N],
    pub rows: Vec<[String; N]>,
    /// The whole table's width, borders included.
    pub width: u16,
    /// The least width of each column, padding included (comfy-table's
    /// `ColumnConstraint::LowerBoundary(Width::Fixed(_))`).
    pub lower_bounds: [Option<u16>; N],
}

impl<const N: usize> Grid<N> {
    /// Writes the table, a `\n` after every line.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let widths = self.arrange();
        let mut head = Vec::new();
        border(&mut head, &widths, ['┌', '─', '┬', '┐']);
        draw_row(&mut head, &self.header, &widths, ['│', '┆', '│']);
        border(&mut head, &widths, ['╞', '═', '╪', '╡']);
        out.write_all(&head)?;
        super::write_in_pieces(out, self.rows.len(), 64, PARALLEL_ROWS, |k, piece| {
            draw_row(&mut piece.bytes, &self.rows[k], &widths, ['│', '┆', '│']);
            Ok(())
        })?;
        let mut foot = Vec::new();
        border(&mut foot, &widths, ['└', '─', '┴', '┘']);
        out.write_all(&foot)
    }

    /// Each column's content width, as comfy-table's dynamic arrangement
    /// decides it.
    fn arrange(&self) -> [usize; N] {
        let max_widths = self.max_content_widths();
        // Lower bounds the content already respects decide a column at once.
        let decided: [Option<usize>; N] = std::array::from_fn(|c| {
            self.lower_bounds[c]
                .filter(|&min| max_widths[c] + 2 * PADDING <= usize::from(min))
                .map(without_padding)
        });
        // What borders (left, right and between columns) and paddings leave.
        let remaining_width = decided.iter().fold(
            usize::from(self.width).saturating_sub(N + 1),
            |left, decided| left.saturating_sub(decided.unwrap_or(0) + 2 * PADDING),
        );
        let mut state = Arrangement {
            decided,
            remaining_width,
            remaining_columns: decided.iter().filter(|d| d.is_none()).count(),
        };

        // Columns whose lower bound is above the average space get it.
        if state.remaining_columns > 0 {
            let mut again = true;
            while again {
                again = false;
                for c in 0..N {
                    let Some(min) = self.lower_bounds[c] else {
                        continue;
                    };
                    if state.decided[c].is_some() || state.average() >= usize::from(min) {
                        continue;
                    }
                    if !state.fix(c, without_padding(min)) {
                        break;
                    }
                    again = true;
                }
            }
        }
        // Columns whose content fits into the average space get their content's width.
        let mut found = true;
        while found {
            found = false;
            if state.remaining_columns == 0 || state.average() == 0 {
                break;
            }
            for (c, &max) in max_widths.iter().enumerate() {
                if state.decided[c].is_some() || max > state.average() {
                    continue;
                }
                if !state.fix(c, max) {
                    break;
                }
                found = true;
            }
        }
        // Columns that need noticeably less than the average once wrapped
        // get what they need.
        if state.remaining_columns > 0 {
            let mut found = true;
            while found {
                found = false;
                for c in 0..N {
                    if state.decided[c].is_some() {
                        continue;
                    }
                    let average = state.average();
                    let longest = self.longest_line_after_split(average, c);
                    if average.saturating_sub(longest) >= 3 {
                        if !state.fix(c, longest.min(usize::from(u16::MAX))) {
                            break;
                        }
                        found = true;
                    }
                }
            }
        }
        // The others share what is left evenly, the first ones one more.
        if state.remaining_columns > 0 {
            let left = state.remaining_width.max(state.remaining_columns);
            let (even, excess) = (
                left / state.remaining_columns,
                left % state.remaining_columns,
            );
            let mut k = 0;
            for decided in &mut state.decided {
                if decided.is_none() {
                    let width = (even + usize::from(k < excess)).min(usize::from(u16::MAX));
                    *decided = Some(width.max(1));
                    k += 1;
                }
            }
        }
        state.decided.map(|w| w.unwrap_or(1))
    }

    /// The widest line of each column's cells, header included: at least 1.
    fn max_content_widths(&self) -> [usize; N] {
        let widest = |cells: &[String; N], max: &mut [usize; N]| {
            for (c, cell) in cells.iter().enumerate() {
                let width = cell_lines(cell).iter().map(measure).max().unwrap_or(0);
                max[c] = max[c].max(width.clamp(1, usize::from(u16::MAX)));
            }
        };
        let mut max = [0; N];
        widest(&self.header, &mut max);
        let parts = crate::par::run(crate::par::ranges(self.rows.len(), PARALLEL_ROWS), |r| {
            let mut max = [0; N];
            for row in &self.rows[r] {
                widest(row, &mut max);
            }
            max
        });
        for part in parts {
            for c in 0..N {
                max[c] = max[c].max(part[c]);
            }
        }
        max
    }

    /// The widest line of column `c` once its lines wider than `average`
    /// are wrapped to it. As in comfy-table, widths here count the
    /// characters of ANSI escapes.
    fn longest_line_after_split(&self, average: usize, c: usize) -> usize {
        let width = average.clamp(1, usize::from(u16::MAX));
        let longest = |cell: &String| {
            cell_lines(cell)
                .iter()
                .map(|line| {
                    let line_width = raw_width(line);
                    if line_width > average {
                        split_line(line, width)
                            .iter()
                            .map(|p| raw_width(p))
                            .max()
                            .unwrap_or(0)
                    } else {
                        line_width
                    }
                })
                .max()
                .unwrap_or(0)
        };
        let parts = crate::par::run(crate::par::ranges(self.rows.len(), PARALLEL_ROWS), |r| {
            self.rows[r]
                .iter()
                .map(|row| longest(&row[c]))
                .max()
                .unwrap_or(0)
        });
        parts.into_iter().fold(longest(&self.header[c]), usize::max)
    }
}

/// The arrangement's running state: what is decided, and what is left.
struct Arrangement<const N: usize> {
    decided: [Option<usize>; N],
    remaining_width: usize,
    remaining_columns: usize,
}

impl<const N: usize> Arrangement<N> {
    /// The space each undecided column would get now.
    fn average(&self) -> usize {
        self.remaining_width
            .checked_div(self.remaining_columns)
            .unwrap_or(0)
    }

    /// Decides column `c`; false when no column is left undecided.
    fn fix(&mut self, c: usize, width: usize) -> bool {
        self.decided[c] = Some(width.max(1));
        self.remaining_width = self.remaining_width.saturating_sub(width);
        self.remaining_columns -= 1;
        self.remaining_columns > 0
    }
}

/// A width that includes padding, without it (at least 1).
fn without_padding(width: u16) -> usize {
    usize::from(width).saturating_sub(2 * PADDING).max(1)
}

/// A horizontal line: left end, fill, junction, right end.
fn border(out: &mut Vec<u8>, widths: &[usize], [left, fill, junction, right]: [char; 4]) {
    let mut buf = [0; 4];
    out.extend_from_slice(left.encode_utf8(&mut buf).as_bytes());
    for (c, &width) in widths.iter().enumerate() {
        if c > 0 {
            out.extend_from_slice(junction.encode_utf8(&mut buf).as_bytes());
        }
        let fill = fill.encode_utf8(&mut buf).as_bytes();
        for _ in 0..width + 2 * PADDING {
            out.extend_from_slice(fill);
        }
    }
    out.extend_from_slice(right.encode_utf8(&mut buf).as_bytes());
    out.push(b'\n');
}

/// One row, as many lines as its tallest cell: cells wrapped to their
/// column and padded, between `left`, `junction`s and `right`.
fn draw_row<const N: usize>(
    out: &mut Vec<u8>,
    cells: &[String; N],
    widths: &[usize; N],
    [left, junction, right]: [char; 3],
) {
    let texts: [Lines<'_>; N] = std::array::from_fn(|c| cell_lines(&cells[c]));
    // Every column's lines in one list; column c has lines[spans[c]].
    let mut lines: Vec<Cow<'_, str>> = Vec::new();
    let mut spans = [(0, 0); N];
    for (c, text) in texts.iter().enumerate() {
        let start = lines.len();
        for line in text.iter() {
            if measure(line) > widths[c] {
                split_line_into(line, widths[c], &mut lines);
            } else {
                lines.push(Cow::Borrowed(line));
            }
        }
        spans[c] = (start, lines.len());
    }
    let height = spans.iter().map(|(a, b)| b - a).max().unwrap_or(0);
    let mut buf = [0; 4];
    for k in 0..height {
        out.extend_from_slice(left.encode_utf8(&mut buf).as_bytes());
        for c in 0..N {
            if c > 0 {
                out.extend_from_slice(junction.encode_utf8(&mut buf).as_bytes());
            }
            let (start, end) = spans[c];
            match lines.get(start + k).filter(|_| start + k < end) {
                Some(line) => {
                    let pad = widths[c].saturating_sub(measure(line)) + PADDING;
                    out.extend(std::iter::repeat_n(b' ', PADDING));
                    out.extend_from_slice(line.as_bytes());
                    out.extend(std::iter::repeat_n(b' ', pad));
                }
                None => out.extend(std::iter::repeat_n(b' ', widths[c] + 2 * PADDING)),
            }
        }
        out.extend_from_slice(right.encode_utf8(&mut buf).as_bytes());
        out.push(b'\n');
    }
}

/// Whether `s` is printable ASCII: one column per byte, no escapes.
fn plain(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// The columns `s` takes with its escapes counted as text, as comfy-table
/// counts them when it tries a column's wrapped width.
fn raw_width(s: &str) -> usize {
    if plain(s) { s.len() } else { s.width() }
}

/// The columns `s` takes on a terminal, ANSI escapes taking none.
fn measure(s: &str) -> usize {
    if plain(s) {
        return s.len();
    }
    if !s.contains('\x1b') {
        return s.width();
    }
    // An ESC that starts no escape takes no column either (as comfy-table
    // measures): a bold word cut into a column one wide leaves one alone.
    let text: String = ansi_segments(s)
        .filter(|&(_, esc)| !esc)
        .flat_map(|(t, _)| t.chars())
        .filter(|&c| c != '\x1b')
        .collect();
    text.width()
}

/// `s` cut into runs of text and ANSI CSI escapes (`ESC [ … final`), each
/// with whether it is an escape. An `ESC` that starts no escape is text.
fn ansi_segments(s: &str) -> impl Iterator<Item = (&str, bool)> {
    let bytes = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        if let Some(end) = escape_end(bytes, at) {
            at = end;
            return Some((&s[start..end], true));
        }
        // Text runs to the next escape.
        let mut i = at + 1;
        while i < bytes.len() && escape_end(bytes, i).is_none() {
            i += 1;
        }
        at = i;
        Some((&s[start..i], false))
    })
}

/// Where the CSI escape starting at `at` ends, if one starts there.
fn escape_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&0x1b) || bytes.get(at + 1) != Some(&b'[') {
        return None;
    }
    let mut i = at + 2;
    while let Some(&b) = bytes.get(i) {
        match b {
            0x20..=0x3f => i += 1,
            0x40..=0x7e => return Some(i + 1),
            _ => return None,
        }
    }
    None
}

/// A cell's lines (its text cut at `\n`), each closing the styles it
/// leaves open and reopening those an earlier line left open. Most cells
/// are one line without escapes, borrowed as they are.
fn cell_lines(text: &str) -> Lines<'_> {
    if memchr::memchr2(b'\n', 0x1b, text.as_bytes()).is_none() {
        return Lines::One(text);
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    carry_styles(&mut lines);
    Lines::Many(lines)
}

/// What [`cell_lines`] returns.
enum Lines<'a> {
    One(&'a str),
    Many(Vec<String>),
}

impl Lines<'_> {
    fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, many) = match self {
            Lines::One(line) => (Some(*line), &[][..]),
            Lines::Many(lines) => (None, &lines[..]),
        };
        one.into_iter().chain(many.iter().map(String::as_str))
    }
}

/// comfy-table's `fix_style_in_split_str`: each part ends the styles open
/// at its end, and the next part starts by reopening them.
fn carry_styles(parts: &mut [String]) {
    let mut open: Vec<String> = Vec::new();
    for part in parts {
        let prepend = (!open.is_empty()).then(|| open.concat());
        for (esc, _) in ansi_segments(part).filter(|&(_, esc)| esc) {
            if esc == RESET {
                open.clear();
            } else {
                open.push(esc.to_string());
            }
        }
        if let Some(prepend) = prepend {
            part.insert_str(0, &prepend);
        }
        if !open.is_empty() {
            part.push_str(RESET);
        }
    }
}

/// `line` cut at spaces, keeping escapes with the text they style.
fn split_at_spaces(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for (run, esc) in ansi_segments(line) {
        if esc {
            current.push_str(run);
            continue;
        }
        let mut words = run.split(' ');
        current.push_str(words.next().unwrap_or(""));
        for word in words {
            parts.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    parts.push(current);
    carry_styles(&mut parts);
    parts
}

/// `line` wrapped to `width` columns: words (cut at spaces) fill a line
/// while they fit; a word wider than a line is cut.
fn split_line(line: &str, width: usize) -> Vec<Cow<'_, str>> {
    let mut lines = Vec::new();
    split_line_into(line, width, &mut lines);
    lines
}

/// [`split_line`], appending the lines to `out`.
fn split_line_into<'a>(line: &'a str, width: usize, out: &mut Vec<Cow<'a, str>>) {
    if plain(line) {
        split_plain(line, width, |l| out.push(Cow::Borrowed(l)));
        return;
    }
    let mut lines = Vec::new();
    let mut words = split_at_spaces(line);
    words.reverse();
    let mut current = String::new();
    let mut current_width = 0;
    while let Some(word) = words.pop() {
        let word_width = measure(&word);
        let gap = usize::from(!current.is_empty());
        if current_width + gap + word_width <= width {
            if gap == 1 {
                current.push(' ');
                current_width += 1;
            }
            current.push_str(&word);
            current_width += word_width;
            if current_width > width.saturating_sub(MIN_FREE_CHARS) {
                lines.push(std::mem::take(&mut current));
                current_width = 0;
            }
            continue;
        }
        let room = (width - current_width).saturating_sub(gap);
        if gap == 1 && room <= MIN_FREE_CHARS {
            words.push(word);
            lines.push(std::mem::take(&mut current));
            current_width = 0;
            continue;
        }
        if word_width > width {
            if gap == 1 {
                current.push(' ');
            }
            let (head, tail) = split_long_word(room, &word);
            if gap == 0 && head.is_empty() {
                let mut chars = tail.chars();
                current.extend(chars.next());
                words.push(chars.collect());
            } else {
                current.push_str(&head);
                words.push(tail);
            }
            lines.push(std::mem::take(&mut current));
            current_width = 0;
            continue;
        }
        lines.push(std::mem::replace(&mut current, word));
        current_width = word_width;
        if current_width > width.saturating_sub(MIN_FREE_CHARS) {
            lines.push(std::mem::take(&mut current));
            current_width = 0;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    out.extend(lines.into_iter().map(Cow::Owned));
}

/// [`split_line`] for printable ASCII, where every line is a slice of
/// `line` and every byte one column: each line goes to `emit`.
fn split_plain<'a>(line: &'a str, width: usize, mut emit: impl FnMut(&'a str)) {
    let offset = |w: &str| w.as_ptr() as usize - line.as_ptr() as usize;
    let mut words = line.split(' ');
    // A word (or the rest of one) put back for the next line.
    let mut pending: Option<&'a str> = None;
    // The current line, line[s..e]; None while it has no text (an empty
    // word adds none to an empty line).
    let mut current: Option<(usize, usize)> = None;
    while let Some(word) = pending.take().or_else(|| words.next()) {
        let start = offset(word);
        let (s, current_width) = current.map_or((start, 0), |(s, e)| (s, e - s));
        let gap = usize::from(current.is_some());
        if current_width + gap + word.len() <= width {
            let end = start + word.len();
            current = (end > s).then_some((s, end));
            if end - s > width.saturating_sub(MIN_FREE_CHARS) {
                emit(&line[s..end]);
                current = None;
            }
            continue;
        }
        let room = width.saturating_sub(current_width).saturating_sub(gap);
        if let Some((s, e)) = current
            && room <= MIN_FREE_CHARS
        {
            pending = Some(word);
            emit(&line[s..e]);
            current = None;
            continue;
        }
        if word.len() > width {
            let cut = word.len().min(room);
            if current.is_none() && cut == 0 {
                emit(&word[..1]);
                pending = Some(&word[1..]);
            } else {
                emit(&line[s..start + cut]);
                pending = Some(&word[cut..]);
            }
            current = None;
            continue;
        }
        emit(current.map_or("", |(s, e)| &line[s..e]));
        current = Some((start, start + word.len()));
        if word.len() > width.saturating_sub(MIN_FREE_CHARS) {
            emit(word);
            current = None;
        }
    }
    if let Some((s, e)) = current {
        emit(&line[s..e]);
    }
}

/// comfy-table's ANSI-aware `split_long_word`: the head of `word` that
/// fits into `width` columns (its open styles closed), and the rest (with
/// them reopened).
fn split_long_word(width: usize, word: &str) -> (String, String) {
    let mut head = String::with_capacity(word.len());
    let mut tail = String::with_capacity(word.len());
    let mut head_width = 0;
    // head's length without escapes after its last text, and how many
    // escapes were open then.
    let mut head_len_last = 0;
    let mut escapes_last = 0;
    let mut escapes: Vec<&str> = Vec::new();
    let mut runs = ansi_segments(word);
    for (run, esc) in runs.by_ref() {
        if esc {
            escapes.push(run);
            if run == RESET {
                escapes.clear();
            }
        }
        let run_width = if esc { 0 } else { run.width() };
        if head_width + run_width <= width {
            head.push_str(run);
            head_width += run_width;
            if !esc {
                head_len_last = head.len();
                escapes_last = escapes.len();
            }
            continue;
        }
        let mut graphemes = run.graphemes(true).peekable();
        while let Some(g) = graphemes.peek() {
            let w = g.width();
            if width < head_width + w {
                break;
            }
            head_width += w;
            head.push_str(g);
            graphemes.next();
            head_len_last = head.len();
            escapes_last = escapes.len();
        }
        head.truncate(head_len_last);
        if escapes_last != 0 {
            head.push_str(RESET);
        }
        for esc in &escapes {
            tail.push_str(esc);
        }
        tail.extend(graphemes);
        break;
    }
    runs.for_each(|(run, _)| tail.push_str(run));
    (head, tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use comfy_table::presets::UTF8_FULL_CONDENSED;
    use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};
    use proptest::prelude::*;

    /// The table as comfy-table draws it, with `writeln!`.
    fn comfy<const N: usize>(grid: &Grid<N>) -> String {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .force_no_tty()
            .enforce_styling()
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(grid.width)
            .set_header(grid.header.clone());
        for row in &grid.rows {
            table.add_row(row.clone());
        }
        for (c, bound) in grid.lower_bounds.iter().enumerate() {
            if let (Some(bound), Some(column)) = (bound, table.column_mut(c)) {
                column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(*bound)));
            }
        }
        format!("{table}\n")
    }

    fn ours<const N: usize>(grid: &Grid<N>) -> String {
        let mut out = Vec::new();
        grid.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Cell text from pieces that exercise each rule: spaces (runs of
    /// them too), long words, wide and zero-width characters, combining
    /// marks, line breaks, and bold runs as `list` writes them.
    fn cell() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("a".to_string()),
            Just("Word".to_string()),
            Just(" ".to_string()),
            Just("  ".to_string()),
            Just("é".to_string()),
            Just("e\u{301}".to_string()),
            Just("中文".to_string()),
            Just("👍".to_string()),
            Just("\n".to_string()),
            Just(",".to_string()),
            "[a-z]{8,40}",
            "[A-Za-z ]{0,30}",
            "[a-z]{1,9}".prop_map(|w| format!("\x1b[1m{w} {w}\x1b[0m")),
            "[a-z]{1,30}".prop_map(|w| format!("\x1b[1m{w}\x1b[0m")),
            "[中👍a-z é]{1,6}".prop_map(|w| format!("\x1b[1m{w}\x1b[0m")),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
    }

    fn grid<const N: usize>() -> impl Strategy<Value = Grid<N>> {
        (
            prop::array::uniform::<_, N>(cell()),
            prop::collection::vec(prop::array::uniform::<_, N>(cell()), 0..6),
            0u16..220,
            prop::array::uniform::<_, N>(prop::option::of(0u16..40)),
        )
            .prop_map(|(header, rows, width, lower_bounds)| Grid {
                header,
                rows,
                width,
                lower_bounds,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn draws_six_columns_as_comfy_table_does(grid in grid::<6>()) {
            prop_assert_eq!(ours(&grid), comfy(&grid));
        }

        #[test]
        fn draws_two_columns_as_comfy_table_does(grid in grid::<2>()) {
            prop_assert_eq!(ours(&grid), comfy(&grid));
        }
    }

    /// Enough rows to be drawn on several cores, wrapped at many widths.
    #[test]
    fn a_large_table_is_drawn_as_comfy_table_draws_it() {
        let words = [
            "graph",
            "neural",
            "a",
            "on",
            "Transformers",
            "\x1b[1mKnuth\x1b[0m",
            "中文",
            "e\u{301}t\u{e9}",
        ];
        let rows: Vec<[String; 3]> = (0..2500)
            .map(|k| {
                let text = |n: usize| {
                    (0..n)
                        .map(|j| words[(k * 7 + j * 3) % words.len()])
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                [k.to_string(), text(k % 13), text(k % 29)]
            })
            .collect();
        for width in [12, 40, 97, 300] {
            let grid = Grid {
                header: ["No.", "Title", "Authors"].map(String::from),
                rows: rows.clone(),
                width,
                lower_bounds: [Some(4), None, None],
            };
            assert_eq!(ours(&grid), comfy(&grid), "width {width}");
        }
    }

    #[test]
    fn escapes_take_no_columns() {
        assert_eq!(measure("\x1b[1mKnuth\x1b[0m"), 5);
        assert_eq!(measure("中文"), 4);
        // comfy-table counts a lone ESC as no column too.
        assert_eq!(measure("\x1b"), 0);
    }
}
