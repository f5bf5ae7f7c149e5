//! The rule catalog: every conftest-style rule of the loaded policies with its facts (id, title,
//! severity, default enforcement, remediation, references, frameworks, resource types, package),
//! worked out once at load time.
//!
//! The judge, every report, `rules`, `explain` and `docs/rules.md` read rule facts from here and
//! nowhere else. The catalog knows nothing about documents or findings.

use super::metadata::{Enforcement, RuleMeta, Severity};
use super::{Namespaces, PolicySource};
use crate::input::Family;
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, LazyLock};

// ASCII-only (`-u`): Unicode `\w`/`\s`/`\b` tables made compiling these a third of the start-up
// time of a one-file scan, and Rego identifiers are ASCII.
static RULE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m-u)^(deny|violation|warn)(_[A-Za-z0-9_]+)?\s*(contains\b|\[|:=|=|if\b|\{)")
        .unwrap()
});
// An indented head is a rule too (Rego does not care about indentation); only the forms that
// cannot be a local assignment inside a body count, so `  deny_list := [...]` is not a rule.
static INDENTED_RULE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m-u)^[ \t]+(deny|violation|warn)(_[A-Za-z0-9_]+)?\s*(contains\b|if\b)").unwrap()
});
static EXCEPTION_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m-u)^exception\s*(contains\b|\[|:=|=|if\b|\{)").unwrap());

/// One conftest-style rule of a loaded package.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub package: String,
    /// `deny`, `violation`, `warn` or a suffixed form (`deny_run_as_root`).
    pub name: String,
    /// Enforcement implied by the rule's name: deny/violation block, warn warns.
    pub kind: Enforcement,
    pub meta: Option<Arc<RuleMeta>>,
    /// Policy file the rule is defined in.
    pub file: String,
    pub builtin: bool,
    /// The input family a built-in rule is for; `None` (user rules, shared packages): every
    /// document.
    pub family: Option<Family>,
    /// Facts as reports show them, derived once from the metadata and the rule's name.
    pub facts: RuleFacts,
    /// `package.name`, as findings name the rule that produced them.
    pub source_rule: Arc<str>,
    /// Run in the interpreter, not the VM: the rule may call a function with several
    /// definitions, whose conflicting outputs regorus' VM turns into "undefined" where OPA (and
    /// the interpreter) stop with an error.
    pub needs_interpreter: bool,
}

/// What every consumer needs to know about a rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleFacts {
    /// `custom.id`, else `package.rule`.
    pub id: String,
    pub title: Arc<str>,
    pub description: String,
    /// `custom.severity`, else high for deny/violation and medium for warn.
    pub severity: Severity,
    /// `custom.enforcement`, else what the rule's name implies.
    pub enforcement: Enforcement,
    /// `custom.enforcement: off`: an opt-in rule, judged only when `tollgate.toml` enables it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub off_by_default: bool,
    pub remediation: String,
    pub references: Vec<String>,
    pub frameworks: Vec<String>,
    pub resource_types: Vec<String>,
    pub package: String,
    pub file: String,
    pub builtin: bool,
}

impl RuleInfo {
    fn new(
        package: &str,
        name: String,
        meta: Option<Arc<RuleMeta>>,
        source: &PolicySource,
    ) -> Self {
        let kind = if name.starts_with("warn") {
            Enforcement::Warn
        } else {
            Enforcement::Block
        };
        let m = meta.as_deref().cloned().unwrap_or_default();
        let facts = RuleFacts {
            id: if m.id.is_empty() {
                format!("{package}.{name}")
            } else {
                m.id
            },
            title: m.title.into(),
            description: m.description,
            severity: m.severity.unwrap_or(match kind {
                Enforcement::Block => Severity::High,
                Enforcement::Warn => Severity::Medium,
            }),
            enforcement: m.enforcement.unwrap_or(kind),
            off_by_default: m.off_by_default,
            remediation: m.remediation,
            references: m.references,
            frameworks: m.frameworks,
            resource_types: m.resource_types,
            package: package.to_string(),
            file: source.path.clone(),
            builtin: source.builtin,
        };
        RuleInfo {
            source_rule: format!("{package}.{name}").into(),
            package: package.to_string(),
            family: if source.builtin {
                Family::of_builtin_package(package)
            } else {
                None
            },
            name,
            kind,
            meta,
            file: source.path.clone(),
            builtin: source.builtin,
            facts,
            needs_interpreter: false,
        }
    }

    /// Does the rule concern documents of `family`?
    pub fn applies_to(&self, family: Family) -> bool {
        self.family.is_none_or(|f| f == family)
    }

    /// Whether the metadata declares an id (otherwise a result's `id` key may name the rule).
    pub fn has_declared_id(&self) -> bool {
        self.meta.as_deref().is_some_and(|m| !m.id.is_empty())
    }

    /// The suffix conftest's `exception` rule names (`run_as_root` for `deny_run_as_root`).
    pub fn exception_name(&self) -> Option<&str> {
        ["deny", "violation"].iter().find_map(|prefix| {
            let rest = self.name.strip_prefix(prefix)?;
            if rest.is_empty() {
                Some("")
            } else {
                rest.strip_prefix('_')
            }
        })
    }
}

/// Which rules declare which resource types, worked out once: a document holds one to a few
/// types, so asking "which rules can fire here" through this index replaces a hash lookup per
/// rule and declared type on every document (168 rules × their types was ~7 % of a scan).
#[derive(Debug, Default)]
pub struct TypeIndex {
    /// Declared type → rules declaring it (a rule listing a type twice appears twice).
    by_type: std::collections::HashMap<String, Vec<usize>>,
    /// Rules declaring no type: they may fire on anything.
    untyped: Vec<usize>,
    rules: usize,
}

impl TypeIndex {
    pub fn new(rules: &[RuleInfo]) -> TypeIndex {
        let mut index = TypeIndex {
            rules: rules.len(),
            ..TypeIndex::default()
        };
        for (i, rule) in rules.iter().enumerate() {
            if rule.facts.resource_types.is_empty() {
                index.untyped.push(i);
            }
            for t in &rule.facts.resource_types {
                index.by_type.entry(t.clone()).or_default().push(i);
            }
        }
        index
    }

    /// Per rule: whether it can fire on a document of these types (`None`: not known, every
    /// rule may).
    pub fn may_fire(&self, types: Option<&HashSet<String>>) -> Vec<bool> {
        let Some(types) = types else {
            return vec![true; self.rules];
        };
        let mut out = vec![false; self.rules];
        for &i in &self.untyped {
            out[i] = true;
        }
        for t in types {
            for &i in self.declaring(t) {
                out[i] = true;
            }
        }
        out
    }

    /// The rules declaring `t`, once per declaration.
    pub fn declaring(&self, t: &str) -> &[usize] {
        self.by_type.get(t).map_or(&[], Vec::as_slice)
    }
}

/// The evaluated rules of one policy file (empty when its package is not selected), and
/// whether the package has a conftest `exception` rule.
pub(super) fn rules_of(
    source: &PolicySource,
    package: &str,
    blocks: &[super::metadata::Block],
    namespaces: &Namespaces,
) -> (Vec<RuleInfo>, bool) {
    // The package's block (or, without one, the file's first block) covers rules that have no
    // block of their own.
    let package_meta = blocks
        .iter()
        .find(|b| b.rule.is_none())
        .or(blocks.first())
        .map(|b| Arc::new(b.meta.clone()));
    let meta_of = |name: &str| {
        blocks
            .iter()
            .find(|b| b.rule.as_deref() == Some(name))
            .map(|b| Arc::new(b.meta.clone()))
            .or_else(|| package_meta.clone())
    };
    if !(source.builtin || namespaces.includes(package)) {
        return (Vec::new(), false);
    }
    let names: BTreeSet<String> = RULE_RE
        .captures_iter(&source.text)
        .chain(INDENTED_RULE_RE.captures_iter(&source.text))
        .map(|cap| format!("{}{}", &cap[1], cap.get(2).map_or("", |m| m.as_str())))
        .collect();
    let rules = names
        .into_iter()
        .map(|name| {
            let meta = meta_of(&name);
            RuleInfo::new(package, name, meta, source)
        })
        .collect();
    (rules, EXCEPTION_RE.is_match(&source.text))
}

/// One row per rule id, sorted by id: what `rules`, `explain` and `docs/rules.md` list (a
/// package with several rules under one id is listed once).
pub fn rows(rules: &[RuleInfo]) -> Vec<&RuleFacts> {
    let mut rows = std::collections::BTreeMap::new();
    for rule in rules {
        rows.entry(rule.facts.id.as_str()).or_insert(&rule.facts);
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str, path: &str) -> Vec<RuleInfo> {
        let source = PolicySource {
            path: path.into(),
            text: text.into(),
            builtin: false,
        };
        let blocks = super::super::metadata::blocks(text).unwrap();
        rules_of(&source, "main", &blocks, &Namespaces::All).0
    }

    #[test]
    fn the_type_index_names_the_rules_a_documents_types_concern() {
        let typed = "# METADATA\n# custom:\n#   id: T-1\n#   resource_types: [Pod, Deployment, Pod]\npackage main\n\ndeny contains \"a\" if { true }\n";
        let untyped = "package main\n\nwarn contains \"b\" if { true }\n";
        let mut all = rules(typed, "t.rego");
        all.extend(rules(untyped, "u.rego"));
        assert_eq!(all.len(), 2);
        let index = TypeIndex::new(&all);
        let types = |ts: &[&str]| ts.iter().map(|t| t.to_string()).collect::<HashSet<_>>();
        assert_eq!(index.may_fire(Some(&types(&["Pod"]))), [true, true]);
        assert_eq!(index.may_fire(Some(&types(&["Service"]))), [false, true]);
        assert_eq!(index.may_fire(None), [true, true]);
        // A type declared twice is counted twice, as summing over the declaration did.
        assert_eq!(index.declaring("Pod"), [0, 0]);
        assert!(index.declaring("Service").is_empty());
    }
}
