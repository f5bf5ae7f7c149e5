//! The built-in policy library, embedded at build time from `policies/` (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));

use super::PolicySource;

/// Every embedded policy file (rules and `lib/` helpers; unit tests are not embedded).
pub fn sources() -> Vec<PolicySource> {
    BUILTIN_POLICIES
        .iter()
        .map(|(path, text)| PolicySource {
            path: format!("builtin:{path}"),
            text: text.to_string(),
            builtin: true,
        })
        .collect()
}

/// Fingerprint of the embedded library, shown by `tollgate --version`.
pub fn library_hash() -> &'static str {
    LIBRARY_HASH
}

/// Number of embedded files.
pub fn file_count() -> usize {
    BUILTIN_POLICIES.len()
}
