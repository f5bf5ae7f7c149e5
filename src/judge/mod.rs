//! Judging: raw rule results become [`Finding`]s with a rule id, a source location, a resource
//! and an enforcement, and the run gets a [`Verdict`].
//!
//! Location hints are honoured in this order: the result's `path` (or a `_loc` array), a
//! `resource` address, a resource address named in the message, then the document's first line.
//! Every finding has a file and a line.

pub mod locate;

use crate::input::Document;
use crate::policy::{Enforcement, PolicySet, RawResult, Severity};
use regorus::Value;
use serde::Serialize;

/// What became of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Counts against the run according to its enforcement.
    Failed,
    /// Covered by an exception; shown, never blocking.
    Excepted,
}

/// Why a finding is excepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ExceptionRef {
    /// Exception id, or `conftest:<package>` for a policy's own `exception` rule.
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub title: String,
    pub message: String,
    pub severity: Severity,
    pub enforcement: Enforcement,
    pub status: Status,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub resource: String,
    /// Rego package and rule that produced it (`main.deny`).
    pub source_rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<ExceptionRef>,
    /// Keys of an object result other than the ones tollgate interprets.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub details: serde_json::Map<String, serde_json::Value>,
}

impl Finding {
    /// Does this finding stop the run?
    pub fn blocks(&self) -> bool {
        self.status == Status::Failed && self.enforcement == Enforcement::Block
    }

    pub fn warns(&self) -> bool {
        self.status == Status::Failed && self.enforcement == Enforcement::Warn
    }

    /// Total order used for every report, so output never depends on thread timing.
    pub fn sort_key(&self) -> (&str, u32, &str, &str, &str, u32) {
        (
            &self.file,
            self.line,
            &self.rule_id,
            &self.resource,
            &self.message,
            self.column,
        )
    }
}

/// Keys of a result object that tollgate interprets rather than passing through.
const RESERVED_KEYS: &[&str] = &["msg", "path", "_loc", "resource", "id", "severity"];

/// Turns one raw result into a finding located in `doc`.
pub fn finding(set: &PolicySet, doc: &Document, raw: &RawResult) -> Finding {
    let rule = &set.rules[raw.rule];
    let meta = rule.meta.as_deref();
    let value = &raw.value;
    let (message, object) = match value {
        Value::String(s) => (s.to_string(), None),
        Value::Object(_) => {
            let msg = value["msg"]
                .as_string()
                .map(|s| s.to_string())
                .unwrap_or_else(|_| value.to_json_str().unwrap_or_default());
            (msg, Some(value))
        }
        other => (
            other.to_json_str().unwrap_or_default().trim().to_string(),
            None,
        ),
    };
    let result_str =
        |key: &str| object.and_then(|o| o[key].as_string().ok().map(|s| s.to_string()));
    let rule_id = meta
        .map(|m| m.id.clone())
        .filter(|id| !id.is_empty())
        .or_else(|| result_str("id"))
        .unwrap_or_else(|| format!("{}.{}", rule.package, rule.name));
    let severity = result_str("severity")
        .and_then(|s| Severity::parse(&s))
        .or(meta.and_then(|m| m.severity))
        .unwrap_or(match rule.kind {
            Enforcement::Block => Severity::High,
            Enforcement::Warn => Severity::Medium,
        });
    let enforcement = meta.and_then(|m| m.enforcement).unwrap_or(rule.kind);
    let location = locate::locate(doc, object, &message);
    let mut details = serde_json::Map::new();
    if let Some(Value::Object(o)) = object {
        for (k, v) in o.iter() {
            let Ok(k) = k.as_string() else { continue };
            if RESERVED_KEYS.contains(&k.as_ref()) {
                continue;
            }
            if let Ok(json) = serde_json::to_value(v) {
                details.insert(k.to_string(), json);
            }
        }
    }
    Finding {
        rule_id,
        title: meta.map(|m| m.title.clone()).unwrap_or_default(),
        message,
        severity,
        enforcement,
        status: if raw.conftest_exception {
            Status::Excepted
        } else {
            Status::Failed
        },
        file: doc.path.to_string(),
        line: location.span.line,
        column: location.span.column,
        end_line: location.span.end_line,
        resource: location.resource,
        source_rule: format!("{}.{}", rule.package, rule.name),
        exception: raw.conftest_exception.then(|| ExceptionRef {
            id: format!("conftest:{}", rule.package),
            reason: "the policy's `exception` rule names this rule for this input".into(),
        }),
        details,
    }
}

/// The run's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Block,
    /// Something could not be judged (parse error, policy error): fail closed.
    Error,
}

impl Verdict {
    pub fn of(findings: &[Finding], errors: usize) -> Verdict {
        if errors > 0 {
            Verdict::Error
        } else if findings.iter().any(Finding::blocks) {
            Verdict::Block
        } else if findings.iter().any(Finding::warns) {
            Verdict::Warn
        } else {
            Verdict::Pass
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Block => "block",
            Verdict::Error => "error",
        }
    }
}
