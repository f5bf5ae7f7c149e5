//! The built-in policy library, embedded at build time from `policies/` (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));

use super::PolicySource;
use crate::discover::Families;

/// Every embedded policy file (rules and `lib/` helpers; unit tests are not embedded).
pub fn sources() -> Vec<PolicySource> {
    sources_for(Families::ALL)
}

/// The embedded policy files for the given input families: a scan of YAML files alone need not
/// parse and compile the Terraform rules (most of the start-up time of a one-file run).
pub fn sources_for(families: Families) -> Vec<PolicySource> {
    BUILTIN_POLICIES
        .iter()
        .filter(|(path, _)| {
            let rest = path.strip_prefix("policies/").unwrap_or(path);
            let rest = rest.strip_prefix("lib/").unwrap_or(rest);
            if rest.starts_with("kubernetes") {
                families.kubernetes
            } else if rest.starts_with("terraform") {
                families.terraform
            } else {
                true
            }
        })
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
