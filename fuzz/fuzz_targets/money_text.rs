#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| shared::fuzz::money_text(text));
