//! Inline suppressions in comments and annotations, through the document scanner that finds them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tollgate::date::Date;
use tollgate::judge::exceptions::{Limits, Origin, parse_inline};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let limits = Limits { today: Date::parse("2026-11-26").unwrap(), max_days: 90 };
    let _ = parse_inline(text, "fuzz:1".into(), Origin::Comment, limits);
    // Also as comments in a manifest, so anchoring logic runs.
    let manifest = format!("# tollgate:ignore {text}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
    for doc in tollgate::input::kubernetes::parse("fuzz.yaml", &manifest).documents {
        let _ = tollgate::judge::inline::suppressions(&doc, limits);
    }
});
