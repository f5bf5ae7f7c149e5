//! `tollgate verify`: runs Rego unit tests (`test_*` rules in `*_test.rego`), like `opa test` /
//! `conftest verify`. A test passes when its rule evaluates to `true`.

use super::PolicySource;
use regex::Regex;
use regorus::{Engine, Value};
use serde::Serialize;
use std::sync::LazyLock;

static TEST_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^(test_[A-Za-z0-9_]+)\b").unwrap());
static PACKAGE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*package\s+([A-Za-z_][\w.]*)").unwrap());

#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    pub file: String,
    pub name: String,
    pub passed: bool,
    /// Why it failed: `false`/undefined, or the runtime error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Loads `policies` (rules and tests together) and runs every test whose `package.name`
/// matches `filter`. Policies that fail to load are an `Err` naming file and line.
pub fn run(policies: &[PolicySource], filter: Option<&Regex>) -> Result<Vec<TestResult>, String> {
    let mut engine = Engine::new();
    for p in policies {
        engine.set_rego_v0(false);
        if let Err(v1) = engine.add_policy(p.path.clone(), p.text.clone()) {
            engine.set_rego_v0(true);
            let v0 = engine.add_policy(p.path.clone(), p.text.clone());
            engine.set_rego_v0(false);
            if v0.is_err() {
                return Err(format!("{}: {}", p.path, v1));
            }
        }
    }
    let mut results = Vec::new();
    for p in policies.iter().filter(|p| p.path.ends_with("_test.rego")) {
        let Some(package) = PACKAGE_RE.captures(&p.text).map(|c| c[1].to_string()) else {
            continue;
        };
        let mut names: Vec<String> = TEST_RE
            .captures_iter(&p.text)
            .map(|c| c[1].to_string())
            .collect();
        names.dedup();
        for name in names {
            let full = format!("{package}.{name}");
            if filter.is_some_and(|f| !f.is_match(&full)) {
                continue;
            }
            engine.set_input(Value::new_object());
            let (passed, error) = match engine.eval_rule(format!("data.{full}")) {
                Ok(Value::Bool(true)) => (true, None),
                Ok(Value::Undefined) => (
                    false,
                    Some("undefined (a condition did not hold)".to_string()),
                ),
                Ok(other) => (
                    false,
                    Some(format!(
                        "evaluated to {}",
                        other.to_json_str().unwrap_or_default().trim()
                    )),
                ),
                Err(e) => (
                    false,
                    Some(e.to_string().lines().next().unwrap_or_default().to_string()),
                ),
            };
            results.push(TestResult {
                file: p.path.clone(),
                name: full,
                passed,
                error,
            });
        }
    }
    Ok(results)
}
