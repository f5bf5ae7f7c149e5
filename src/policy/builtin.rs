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
/// compile the Terraform rules, and when the named files' text is known, a rule whose declared
/// `resource_types` appear nowhere in it cannot fire (rules are skipped per document on the same
/// declaration) — compiling the rest is most of the start-up time of a one-file run.
pub fn sources_for(selection: &Selection) -> Vec<PolicySource> {
    BUILTIN_POLICIES
        .iter()
        .filter(|(path, text)| {
            let rest = path.strip_prefix("policies/").unwrap_or(path);
            let is_lib = rest.starts_with("lib/");
            let family =
                Family::of_builtin_path(rest).is_none_or(|f| selection.families.contains(&f));
            family && (is_lib || may_fire(text, selection.named_text.as_deref()))
        })
        .map(|(path, text)| PolicySource {
            path: format!("builtin:{path}"),
            text: text.to_string(),
            builtin: true,
        })
        .collect()
}

/// Whether a rule file can report on `named_text`: it declares no `resource_types`, or one of
/// them occurs in the text (a substring test, so never narrower than the per-document check).
fn may_fire(policy: &str, named_text: Option<&str>) -> bool {
    let Some(named_text) = named_text else {
        return true;
    };
    match super::metadata::parse(policy) {
        Ok(Some(meta)) if !meta.resource_types.is_empty() => meta
            .resource_types
            .iter()
            .any(|t| named_text.contains(t.as_str())),
        _ => true,
    }
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
    fn named_text_leaves_out_rules_that_cannot_fire() {
        let service_only = Selection {
            families: [Family::Kubernetes].into_iter().collect(),
            named_text: Some("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n".into()),
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
                .any(|p| p.ends_with("privileged_container.rego"))
        );
        assert!(!loaded.iter().any(|p| p.contains("terraform")));
        // Without the text, every Kubernetes rule loads.
        let all_kubernetes = paths(&Selection {
            named_text: None,
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
