//! The built-in policy library, embedded at build time from `policies/` (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_policies.rs"));

use super::PolicySource;
use super::load::Selection;
use crate::input::Family;

/// Every embedded policy file (rules and `lib/` helpers; unit tests are not embedded).
pub fn sources() -> Vec<PolicySource> {
    sources_for(&Selection::default())
}

/// The embedded policy files a scan can need: a scan of YAML files alone need not parse and
/// compile the Terraform rules, and when the named files' document types are known, a rule whose
/// declared `resource_types` include none of them cannot fire (rules are skipped per document on
/// the same declaration) — compiling the rest is most of the start-up time of a one-file run.
pub fn sources_for(selection: &Selection) -> Vec<PolicySource> {
    BUILTIN_POLICIES
        .iter()
        .filter(|(path, text)| {
            let rest = path.strip_prefix("policies/").unwrap_or(path);
            let is_lib = rest.starts_with("lib/");
            let family =
                Family::of_builtin_path(rest).is_none_or(|f| selection.families.contains(&f));
            family && (is_lib || may_fire(text, selection.types.as_ref()))
        })
        .map(|(path, text)| PolicySource {
            path: format!("builtin:{path}"),
            text: text.to_string(),
            builtin: true,
        })
        .collect()
}

/// Whether a rule file can report on documents of these types: it declares no
/// `resource_types`, or one of them is among the types.
fn may_fire(policy: &str, types: Option<&std::collections::HashSet<String>>) -> bool {
    let Some(types) = types else {
        return true;
    };
    match super::metadata::parse(policy) {
        Ok(Some(meta)) if !meta.resource_types.is_empty() => {
            meta.resource_types.iter().any(|t| types.contains(t))
        }
        _ => true,
    }
}

/// The rule ids of the whole embedded library, whatever a scan loads (a named-file scan loads
/// only some rules; a configuration may still name the others).
pub fn all_ids() -> &'static [String] {
    static IDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut ids: Vec<String> = BUILTIN_POLICIES
            .iter()
            .filter_map(|(_, text)| super::metadata::parse(text).ok().flatten())
            .map(|m| m.id)
            .filter(|id| !id.is_empty())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    });
    &IDS
}

/// Fingerprint of the embedded library, shown by `tollgate --version`.
pub fn library_hash() -> &'static str {
    LIBRARY_HASH
}

/// Number of embedded files.
pub fn file_count() -> usize {
    BUILTIN_POLICIES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(selection: &Selection) -> Vec<String> {
        sources_for(selection).into_iter().map(|s| s.path).collect()
    }

    #[test]
    fn document_types_leave_out_rules_that_cannot_fire() {
        let service_only = Selection {
            families: [Family::Kubernetes].into_iter().collect(),
            types: Some(["Service".to_string()].into_iter().collect()),
        };
        let loaded = paths(&service_only);
        assert!(loaded.contains(&"builtin:policies/lib/kubernetes.rego".to_string()));
        assert!(
            loaded
                .iter()
                .any(|p| p.ends_with("service_exposed_externally.rego"))
        );
        assert!(
            !loaded
                .iter()
                .any(|p| p.ends_with("privileged_container.rego") || p.contains("rbac"))
        );
        assert!(!loaded.iter().any(|p| p.contains("terraform")));
        // Without the types, every Kubernetes rule loads.
        let all_kubernetes = paths(&Selection {
            types: None,
            ..service_only
        });
        assert!(
            all_kubernetes
                .iter()
                .any(|p| p.ends_with("privileged_container.rego"))
        );
        assert_eq!(sources().len(), file_count());
    }
}
