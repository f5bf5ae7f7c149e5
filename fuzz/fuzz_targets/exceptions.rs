//! The exceptions file validator: any input is either a list of exceptions or a positioned error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tollgate::date::Date;
use tollgate::judge::exceptions::{Limits, parse_file};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let limits = Limits { today: Date::parse("2026-11-26").unwrap(), max_days: 90 };
    let _ = parse_file("exceptions.yaml", text, limits);
});
