//! `tollgate verify`: runs Rego unit tests (`test_*` rules in `*_test.rego`), like `opa test` /
//! `conftest verify`. A test passes when its rule evaluates to `true`.

use super::PolicySource;
use crate::input::{Locations, kubernetes, terraform, yaml};
use regex::Regex;
use regorus::{Engine, Value};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static TEST_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m-u)^(test_[A-Za-z0-9_]+)\b").unwrap());

#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    pub file: String,
    /// Line of the test rule in its file.
    pub line: u32,
    pub name: String,
    pub passed: bool,
    /// Why it failed: `false`/undefined, or the runtime error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// For a test that did not hold: the first expression of its body that was false, as
    /// `opa test --explain fails` shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<super::explain::Explanation>,
}

/// Loads `policies` (rules and tests together) and runs every test whose `package.name`
/// matches `filter`. Policies that fail to load are an `Err` naming file and line.
pub fn run(
    policies: &[PolicySource],
    filter: Option<&Regex>,
    root: &Path,
) -> Result<Vec<TestResult>, String> {
    run_with_coverage(policies, filter, root, false).map(|(results, _)| results)
}

/// Lines of one policy file the tests evaluated, and those they did not.
#[derive(Debug, Clone, Serialize)]
pub struct FileCoverage {
    pub file: String,
    pub covered: usize,
    pub not_covered: Vec<u32>,
}

/// Runs the tests; with `coverage`, also which lines of the (non-test) policies they evaluated.
pub fn run_with_coverage(
    policies: &[PolicySource],
    filter: Option<&Regex>,
    root: &Path,
    coverage: bool,
) -> Result<(Vec<TestResult>, Vec<FileCoverage>), String> {
    let mut engine = Engine::new();
    add_conftest_helpers(&mut engine)?;
    engine.set_enable_coverage(coverage);
    // `rego.metadata.rule()` / `chain()` become the annotations they name, as in `scan`.
    let rewritten: Vec<PolicySource> = policies
        .iter()
        .map(|p| {
            let mut p = p.clone();
            if p.text.contains("rego.metadata.") {
                if let Ok(blocks) = super::metadata::blocks(&p.text) {
                    p.text =
                        super::metadata::inline_calls(&p.text, p.package().unwrap_or(""), &blocks);
                }
            }
            p
        })
        .collect();
    let policies = &rewritten[..];
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
        let Some(package) = p.package().map(str::to_string) else {
            continue;
        };
        let mut names: Vec<(String, u32)> = TEST_RE
            .captures_iter(&p.text)
            .map(|c| {
                let at = c.get(0).map_or(0, |m| m.start());
                let line = p.text[..at].matches('\n').count() as u32 + 1;
                (c[1].to_string(), line)
            })
            .collect();
        names.dedup_by(|a, b| a.0 == b.0);
        // `parse_config_file` paths are relative to the test's own file, as in conftest.
        let dir = root
            .join(&p.path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        TEST_DIR.with(|d| *d.borrow_mut() = dir);
        for (name, line) in names {
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
                Err(e) => (false, Some(summarize_error(&e.to_string()))),
            };
            let undefined = error.as_deref().is_some_and(|e| e.starts_with("undefined"));
            let explain = undefined
                .then(|| super::explain::first_failing(&engine, &p.text, &package, &name, line))
                .flatten();
            results.push(TestResult {
                file: p.path.clone(),
                line,
                name: full,
                passed,
                error,
                explain,
            });
        }
    }
    let mut files = Vec::new();
    if coverage {
        let report = engine.get_coverage_report().map_err(|e| e.to_string())?;
        for f in report.files {
            if f.path.ends_with("_test.rego") || f.path.starts_with("builtin:") {
                continue;
            }
            files.push(FileCoverage {
                file: f.path,
                covered: f.covered.len(),
                not_covered: f.not_covered.into_iter().collect(),
            });
        }
        files.sort_by(|a, b| a.file.cmp(&b.file));
    }
    Ok((results, files))
}

/// conftest's test helpers, backed by tollgate's own parsers so tests see what `scan` sees:
/// `parse_config(parser, text)`, `parse_config_file(path)` and `parse_combined_config_files(paths)`.
fn add_conftest_helpers(engine: &mut Engine) -> Result<(), String> {
    let err = |e: anyhow::Error| e.to_string();
    engine
        .add_extension(
            "parse_config".into(),
            2,
            Box::new(|args: Vec<Value>| {
                let parser = args[0].as_string()?.to_string();
                let text = args[1].as_string()?.to_string();
                parse_text(&parser, "config", &text)
            }),
        )
        .map_err(err)?;
    engine
        .add_extension(
            "parse_config_file".into(),
            1,
            Box::new(|args: Vec<Value>| {
                let path = args[0].as_string()?.to_string();
                parse_file(&path)
            }),
        )
        .map_err(err)?;
    engine
        .add_extension(
            "parse_combined_config_files".into(),
            1,
            Box::new(|args: Vec<Value>| {
                let mut out = Vec::new();
                for p in args[0].as_array()?.iter() {
                    let path = p.as_string()?.to_string();
                    let mut entry = std::collections::BTreeMap::new();
                    entry.insert(Value::from("path"), Value::from(path.as_str()));
                    entry.insert(Value::from("contents"), parse_file(&path)?);
                    out.push(Value::from(entry));
                }
                Ok(Value::from(out))
            }),
        )
        .map_err(err)?;
    Ok(())
}

thread_local! {
    // The directory of the test being run: relative paths given to `parse_config_file` resolve
    // from there first (conftest's behaviour), then from the current directory.
    static TEST_DIR: std::cell::RefCell<PathBuf> = std::cell::RefCell::new(PathBuf::new());
}

fn parse_file(path: &str) -> anyhow::Result<Value> {
    let near_test = TEST_DIR.with(|d| d.borrow().join(path));
    let resolved = if Path::new(path).is_relative() && near_test.is_file() {
        near_test
    } else {
        PathBuf::from(path)
    };
    let text = std::fs::read_to_string(&resolved)
        .map_err(|e| anyhow::anyhow!("parse_config_file: {path}: {e}"))?;
    let lower = path.to_ascii_lowercase();
    let parser = if lower.ends_with(".tf") || lower.ends_with(".hcl") {
        "hcl2"
    } else if lower.ends_with(".json") {
        "json"
    } else {
        "yaml"
    };
    parse_text(parser, path, &text)
}

/// Parses like `scan` does; several YAML documents give an array, as in conftest.
fn parse_text(parser: &str, name: &str, text: &str) -> anyhow::Result<Value> {
    match parser {
        "hcl2" | "hcl" | "tf" | "terraform" => {
            let file = terraform::SourceFile {
                path: format!("{name}.tf"),
                text: text.to_string(),
                judge: true,
            };
            let mut parsed = terraform::parse_module(&[file], &[]);
            if let Some(e) = parsed.errors.pop() {
                anyhow::bail!("parse_config: {e}");
            }
            Ok(parsed
                .documents
                .pop()
                .map(|d| d.value)
                .unwrap_or_else(Value::new_object))
        }
        "yaml" | "yml" | "json" | "k8s" | "kubernetes" => {
            if parser == "k8s" || parser == "kubernetes" {
                let mut parsed = kubernetes::parse(name, text);
                if let Some(e) = parsed.errors.pop() {
                    anyhow::bail!("parse_config: {e}");
                }
                return Ok(parsed
                    .documents
                    .pop()
                    .map(|d| d.value)
                    .unwrap_or(Value::Null));
            }
            let docs = yaml::parse_stream(text).map_err(|e| {
                anyhow::anyhow!("parse_config: {}:{}: {}", e.line, e.column, e.message)
            })?;
            let mut values = Vec::new();
            for doc in &docs {
                values.push(
                    yaml::to_value(&doc.root, &mut String::new(), &mut Locations::default())
                        .map_err(|e| {
                            anyhow::anyhow!("parse_config: {}:{}: {}", e.line, e.column, e.message)
                        })?,
                );
            }
            Ok(if values.len() == 1 {
                values.pop().unwrap_or(Value::Null)
            } else {
                Value::from(values)
            })
        }
        other => anyhow::bail!("parse_config: unsupported parser `{other}` (hcl2, yaml, json)"),
    }
}

/// A regorus error on one line: its location line and its `error:` line (a compile error starts
/// with an empty line and a source snippet, which left failing tests with an empty reason).
fn summarize_error(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let location = lines.first().copied().unwrap_or("evaluation failed");
    match lines.iter().find(|l| l.starts_with("error:")) {
        Some(error) if *error != location => format!("{location} {error}"),
        _ => location.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn compile_errors_keep_their_reason() {
        let message =
            "\n --> lib.rego:3:9\n  |\n3 | x := y\n  |      ^\nerror: var `y` is unsafe\n";
        assert_eq!(
            super::summarize_error(message),
            "--> lib.rego:3:9 error: var `y` is unsafe"
        );
        assert_eq!(super::summarize_error("time limit"), "time limit");
    }

    use super::*;

    #[test]
    fn conftest_helpers_and_failing_tests() {
        let sources = vec![
            PolicySource {
                path: "p.rego".into(),
                text: "package main\nimport rego.v1\ndeny contains \"priv\" if input.resource.x.y[0].privileged == true\n".into(),
                builtin: false,
            },
            PolicySource {
                path: "p_test.rego".into(),
                text: "package main\nimport rego.v1\ntest_hcl if {\n  cfg := parse_config(\"hcl2\", `resource \"x\" \"y\" {\n  privileged = true\n}`)\n  deny[\"priv\"] with input as cfg\n}\ntest_yaml if parse_config(\"yaml\", \"a: yes\").a == true\ntest_fails if 1 == 2\n".into(),
                builtin: false,
            },
        ];
        let results = run(&sources, None, Path::new(".")).unwrap();
        let outcome: Vec<(String, bool)> =
            results.iter().map(|r| (r.name.clone(), r.passed)).collect();
        assert_eq!(
            outcome,
            vec![
                ("main.test_hcl".into(), true),
                ("main.test_yaml".into(), true),
                ("main.test_fails".into(), false)
            ]
        );
        let filtered = run(&sources, Some(&Regex::new("yaml").unwrap()), Path::new(".")).unwrap();
        assert_eq!(filtered.len(), 1);
    }
}
