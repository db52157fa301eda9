//! Large library files are read into a buffer of huge pages.
//!
//! Reading a file into a fresh buffer costs a page fault and a zeroed page
//! for every 4 KiB of it (about 1 ms for 1.6 MB and 25 ms for 44 MB on the
//! benchmark machine). A buffer the kernel backs with 2 MiB pages, where it
//! offers them (transparent huge pages), takes one fault per 2 MiB. The
//! buffer is memory of publist's own, like any other: a program that edits
//! or truncates the file meanwhile changes nothing publist has read. (A
//! mapping of the file itself would be faster still, but would see such
//! edits, and die of SIGBUS on a truncation.)

use std::fs::File;
use std::io::Read;

/// Size of a huge page on x86-64 and most ARM systems.
const HUGE_PAGE: usize = 2 << 20;

/// The text of a large UTF-8 file, read into a buffer of its own.
#[derive(Debug)]
pub struct LargeText {
    buffer: memmap2::Mmap,
    len: usize,
}

impl LargeText {
    /// Reads the `len` bytes of `file` from where it stands (its start).
    /// `None` when no buffer can be made, reading fails or the file is not
    /// `len` bytes long any more: the caller then reads it the usual way,
    /// from its start. Bytes that are not UTF-8 come back in a `Vec`, for
    /// the loader to report and replace.
    pub fn read(mut file: &File, len: usize) -> Option<Result<LargeText, Vec<u8>>> {
        let mut buffer = memmap2::MmapOptions::new()
            .len(len.max(1).next_multiple_of(HUGE_PAGE))
            .map_anon()
            .ok()?;
        // Advice only: without huge pages the buffer works as well, a small
        // page at a time.
        let _ = buffer.advise(memmap2::Advice::HugePage);
        file.read_exact(&mut buffer[..len]).ok()?;
        // One more byte means that the file grew since its size was read.
        if file.read(&mut [0]).ok()? != 0 {
            return None;
        }
        if std::str::from_utf8(&buffer[..len]).is_err() {
            return Some(Err(buffer[..len].to_vec()));
        }
        let buffer = buffer.make_read_only().ok()?;
        Some(Ok(LargeText { buffer, len }))
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        // SAFETY: `read` checked that these bytes are UTF-8. The buffer is
        // an anonymous mapping that only this value holds, read-only since
        // the check, so they cannot have changed.
        unsafe { std::str::from_utf8_unchecked(&self.buffer[..self.len]) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek, SeekFrom, Write};

    fn read(bytes: &[u8], len: usize) -> Option<Result<LargeText, Vec<u8>>> {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        LargeText::read(&file, len)
    }

    #[test]
    fn reads_utf8_and_hands_back_other_bytes() {
        let text = "@misc{k, title = {M\u{fc}ller}}\n";
        let read_text = read(text.as_bytes(), text.len()).unwrap().unwrap();
        assert_eq!(read_text.as_str(), text);

        let latin1 = b"@misc{k, title = {M\xfcller}}\n";
        let bytes = read(latin1, latin1.len()).unwrap().unwrap_err();
        assert_eq!(bytes, latin1);
    }

    /// A file longer or shorter than its size said is left to the caller.
    #[test]
    fn a_file_of_another_size_is_read_the_usual_way() {
        assert!(read(b"@misc{k}\n", 5).is_none());
        assert!(read(b"@misc{k}\n", 20).is_none());
    }

    /// What was read stays as it was when the file changes afterwards.
    #[test]
    fn later_edits_to_the_file_change_nothing_read() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"@misc{k, title = {Old}}\n").unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        let text = LargeText::read(&file, 24).unwrap().unwrap();
        file.seek(SeekFrom::Start(18)).unwrap();
        file.write_all(b"New").unwrap();
        file.set_len(5).unwrap();
        assert_eq!(text.as_str(), "@misc{k, title = {Old}}\n");
    }
}
