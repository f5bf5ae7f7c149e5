//! Load-time checks of policy text that regorus leaves to evaluation time: calls to functions
//! that neither a policy nor tollgate provides. (regorus notices only when the call is first
//! evaluated, which could be never in a test run and in the middle of a scan in CI.)

use super::PolicySource;
use super::context::CONTEXT_FUNCTION;
use super::engine::PolicyError;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

// ASCII-only (`-u`): Unicode tables made compiling these a third of a one-file scan's start-up.
static FUNC_DEF_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m-u)^(?:default\s+)?([A-Za-z_][\w]*)\s*\(").unwrap());
static IMPORT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m-u)^\s*import\s+(data(?:\.[A-Za-z_]\w*)+)(?:\s+as\s+([A-Za-z_]\w*))?").unwrap()
});
static CALL_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\(").unwrap());

/// Rego keywords and operators that look like calls in `x(` form.
const NOT_CALLS: &[&str] = &[
    "if", "not", "some", "every", "in", "contains", "else", "with", "as", "default", "import",
    "package", "print", "set",
];

/// The functions a policy file defines, as `data.<package>.<name>`.
pub(super) fn defined_functions<'a>(
    source: &'a PolicySource,
    package: &'a str,
) -> impl Iterator<Item = String> + 'a {
    FUNC_DEF_RE
        .captures_iter(&source.text)
        .map(move |cap| format!("data.{package}.{}", &cap[1]))
}

/// User packages that define some function more than once (several heads `f(x) := ... if`):
/// legal Rego, but the definitions may conflict for some input.
pub(super) fn packages_with_multiple_definitions(
    sources: &[PolicySource],
    packages: &[(usize, String)],
) -> Vec<String> {
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    for (index, package) in packages {
        let source = &sources[*index];
        if source.builtin {
            continue;
        }
        for cap in FUNC_DEF_RE.captures_iter(&source.text) {
            if cap[0].trim_start().starts_with("default") {
                continue;
            }
            *counts
                .entry((package.clone(), cap[1].to_string()))
                .or_default() += 1;
        }
    }
    let mut out: Vec<String> = counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|((package, _), _)| package)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Rejects calls to functions that no policy defines and regorus does not provide, at load time.
/// regorus itself only notices when the call is first evaluated, which could be never in a test
/// run and in the middle of a scan in CI. (Network and runtime builtins such as `http.send` and
/// `opa.runtime` are not compiled into tollgate, so policies that call them fail here.)
pub(super) fn check_calls(
    source: &PolicySource,
    package: &str,
    defined: &BTreeSet<String>,
) -> Result<(), PolicyError> {
    let mut aliases: HashMap<String, String> = HashMap::new();
    for cap in IMPORT_RE.captures_iter(&source.text) {
        let target = cap[1].to_string();
        let alias = cap
            .get(2)
            .map(|m| m.as_str().to_string())
            .unwrap_or_else(|| target.rsplit('.').next().unwrap_or_default().to_string());
        aliases.insert(alias, target);
    }
    for (line_no, line) in source.text.lines().enumerate() {
        let code = strip_strings_and_comments(line);
        for cap in CALL_RE.captures_iter(&code) {
            let m = cap.get(1).expect("group 1");
            let name = m.as_str();
            // A preceding `.` or `]` means this is part of a longer reference, e.g. `x[0].f(`.
            if code[..m.start()].ends_with(['.', ']']) || NOT_CALLS.contains(&name) {
                continue;
            }
            if line.trim_start().starts_with("package ") || line.trim_start().starts_with("import ")
            {
                continue;
            }
            let first = name.split('.').next().unwrap_or_default();
            let resolved = if let Some(target) = aliases.get(first) {
                format!("{target}{}", &name[first.len()..])
            } else if name.starts_with("data.") {
                name.to_string()
            } else {
                format!("data.{package}.{name}")
            };
            let known = defined.contains(&resolved)
                || regorus::unstable::BUILTINS.contains_key(name)
                || name == CONTEXT_FUNCTION
                || name == "print";
            if !known {
                return Err(PolicyError::load(
                    &source.path,
                    line_no as u32 + 1,
                    m.start() as u32 + 1,
                    format!(
                        "call to unknown function `{name}` (not defined by any loaded policy and not a builtin tollgate provides)"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Blanks out string literals and comments so calls are only looked for in code.
fn strip_strings_and_comments(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' && q == '"' {
                    chars.next();
                    out.push_str("  ");
                    continue;
                }
                if c == q {
                    quote = None;
                }
                out.push(' ');
            }
            None => match c {
                '"' | '`' => {
                    quote = Some(c);
                    out.push(' ');
                }
                '#' => break,
                c => out.push(c),
            },
        }
    }
    out
}
