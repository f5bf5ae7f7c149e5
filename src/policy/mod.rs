//! Policies: loading Rego (built-in and the user's), the rule catalog, evaluating documents.
//!
//! This module knows Rego and conftest's conventions; it turns a [`crate::input::Document`] into
//! raw rule results. Locating a result in the source and deciding what it means for the run is
//! the judge's business.
//!
//! - [`load`]: where policies and data come from (built-in selection, `-p`, `-d`);
//! - [`catalog`]: the rules found and their facts, worked out once;
//! - [`metadata`]: OPA `# METADATA` blocks;
//! - [`lint`]: load-time checks regorus leaves to evaluation time;
//! - [`aggregate`]: the generated one-pass rule per family, for both evaluators;
//! - [`context`]: per-document context (`data.conftest.file`, `data.tollgate.module`);
//! - `parse`: policy files into regorus, errors with file and line;
//! - [`engine`] and `vm`: compiling and evaluating; `cache`: compiled programs kept on disk;
//!   [`verify`]: Rego unit tests.

mod aggregate;
pub mod builtin;
mod cache;
pub mod catalog;
mod context;
pub mod engine;
pub mod explain;
mod lint;
pub(crate) mod load;
pub mod metadata;
mod parse;
pub mod verify;
mod vm;

pub use catalog::{RuleFacts, RuleInfo};
pub use engine::{Evaluation, Evaluator, PolicyError, PolicySet, RawResult, RuleError};
pub use metadata::{Enforcement, RuleMeta, Severity};

/// The text of one policy file and where it came from.
#[derive(Debug, Clone)]
pub struct PolicySource {
    /// Path shown in messages: relative to the repository root, or `builtin:policies/...`.
    pub path: String,
    pub text: String,
    pub builtin: bool,
}

// ASCII-only (`-u`): Unicode classes make the regex slow to compile; Rego identifiers are ASCII.
static PACKAGE_RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?m-u)^\s*package\s+([A-Za-z_][\w.]*)").expect("valid regex")
});

impl PolicySource {
    /// The Rego package the file declares (`package a.b` gives `a.b`).
    pub fn package(&self) -> Option<&str> {
        PACKAGE_RE
            .captures(&self.text)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str())
    }
}

/// Packages and data roots that belong to the built-in library and tollgate's generated rules:
/// a user policy or data file that defines anything there is refused at load time, because it
/// could replace or empty built-in rules.
pub(crate) fn is_reserved(name: &str) -> bool {
    name == "tollgate" || name.starts_with("tollgate.") || name.starts_with("tollgate_")
}

/// Which user packages are evaluated (built-in packages always are).
#[derive(Debug, Clone)]
pub enum Namespaces {
    All,
    /// conftest-style patterns: exact names, or globs where `*` may cross dots.
    Matching(Vec<String>),
}

impl Namespaces {
    pub fn includes(&self, package: &str) -> bool {
        match self {
            Namespaces::All => true,
            Namespaces::Matching(patterns) => patterns.iter().any(|p| glob_match(p, package)),
        }
    }
}

/// `*` matches any run of characters (dots included, as in conftest), `?` one character.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_globs_cross_dots() {
        assert!(glob_match("main", "main"));
        assert!(!glob_match("main", "main.sub"));
        assert!(glob_match("main.*", "main.sub.deep"));
        assert!(glob_match("*", "a.b"));
        assert!(glob_match("k8s.?b", "k8s.ab"));
    }
}
