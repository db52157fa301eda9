//! Fuzz target: any bytes as a research statement, through `tags` checking,
//! `cite` and renumbering against a small library (see `publist::fuzz_tags`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    publist::fuzz_tags(data);
});
