//! Large library files are mapped into memory, not copied.
//!
//! Copying a file into a fresh buffer costs a page fault and a zeroed page
//! for every 4 KiB (about 1 ms for 1.6 MB and 25 ms for 38 MB on the
//! benchmark machine); a mapping hands over the pages the kernel already
//! caches. This is the only `unsafe` code in publist, as in every program
//! that maps files (ripgrep too): the text must not change while it is
//! read. publist itself never writes to a file in place (it writes a new
//! file and renames it over the old one, as editors do), but a program that
//! rewrites the file in place while publist runs leaves the results
//! undefined.

use std::fs::File;
use std::io;

/// The text of a UTF-8 file, mapped read-only.
#[derive(Debug)]
pub struct MappedText(memmap2::Mmap);

impl MappedText {
    /// Maps `file`; when its bytes are not UTF-8, hands them back as a copy
    /// instead (the loader reports and replaces the bad bytes).
    pub fn new(file: &File) -> io::Result<Result<MappedText, Vec<u8>>> {
        // SAFETY: the map is only read, and publist does not write the file
        // while it holds the map (see the module comment).
        let map = unsafe { memmap2::Mmap::map(file)? };
        Ok(match std::str::from_utf8(&map) {
            Ok(_) => Ok(MappedText(map)),
            Err(_) => Err(map.to_vec()),
        })
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        // SAFETY: `new` checked that the bytes are UTF-8, and they do not
        // change (see the module comment).
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn maps_utf8_and_hands_back_other_bytes() {
        let mut utf8 = tempfile::NamedTempFile::new().unwrap();
        utf8.write_all("@misc{k, title = {M\u{fc}ller}}\n".as_bytes())
            .unwrap();
        let mapped = MappedText::new(utf8.as_file()).unwrap().unwrap();
        assert_eq!(mapped.as_str(), "@misc{k, title = {M\u{fc}ller}}\n");

        let mut latin1 = tempfile::NamedTempFile::new().unwrap();
        latin1
            .write_all(b"@misc{k, title = {M\xfcller}}\n")
            .unwrap();
        let bytes = MappedText::new(latin1.as_file()).unwrap().unwrap_err();
        assert_eq!(bytes, b"@misc{k, title = {M\xfcller}}\n");
    }
}
