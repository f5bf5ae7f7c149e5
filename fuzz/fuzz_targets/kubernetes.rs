//! The YAML reader with Kubernetes semantics (aliases, merge keys, duplicate keys, List items).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = tollgate::input::kubernetes::parse("fuzz.yaml", text);
});
