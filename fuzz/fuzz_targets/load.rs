//! Fuzz target: any bytes as a `.bib` library, through loading, every
//! diagnostic and every read-only output (see `publist::fuzz_load`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    publist::fuzz_load(data);
});
