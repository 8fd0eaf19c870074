#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shared::fuzz::json_bodies(data));
