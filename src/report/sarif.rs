//! SARIF 2.1.0 for GitHub code scanning.
//!
//! Every loaded rule is listed in `tool.driver.rules` (so alerts close when a rule stops firing),
//! with help text and `security-severity`. Results carry `partialFingerprints` derived from rule
//! id, file, resource and occurrence, never line numbers, so an alert survives edits above it.
//! Excepted findings are left out: GitHub does not dismiss alerts from SARIF `suppressions`.

use super::{ReportContext, fnv1a};
use crate::judge::{Finding, Status};
use crate::policy::{Enforcement, Severity};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

struct RuleDoc {
    title: String,
    description: String,
    remediation: String,
    references: Vec<String>,
    severity: Severity,
    enforcement: Enforcement,
    off_by_default: bool,
    frameworks: Vec<String>,
}

/// The SARIF log's top level; `results` are built and written one at a time.
#[derive(serde::Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    automation_details: Value,
    invocations: Value,
    column_kind: &'static str,
    /// What was left out or weakened, so a reader of the SARIF file sees it too.
    properties: Value,
    results: Results<'a>,
}

/// (finding, index of its rule, occurrence of its rule/file/resource) per result.
struct Results<'a>(Vec<(&'a Finding, usize, usize)>);

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for &(finding, rule_index, occurrence) in &self.0 {
            seq.serialize_element(&result_json(finding, rule_index, occurrence))?;
        }
        seq.end()
    }
}

pub fn render(ctx: &ReportContext) -> String {
    let mut out = Vec::new();
    write(ctx, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

pub fn write(ctx: &ReportContext, out: &mut dyn Write) -> io::Result<()> {
    let mut rules: BTreeMap<String, RuleDoc> = BTreeMap::new();
    for rule in ctx.rules {
        let f = &rule.facts;
        rules.entry(f.id.clone()).or_insert_with(|| RuleDoc {
            title: f.title.to_string(),
            description: f.description.clone(),
            remediation: f.remediation.clone(),
            references: f.references.clone(),
            severity: f.severity,
            enforcement: f.enforcement,
            off_by_default: f.off_by_default,
            frameworks: f.frameworks.clone(),
        });
    }
    // Results may name rule ids no metadata declares (an `id` key in a result object).
    for f in &ctx.outcome.findings {
        rules.entry(f.rule_id.clone()).or_insert_with(|| RuleDoc {
            title: f.title.to_string(),
            description: String::new(),
            remediation: String::new(),
            references: Vec::new(),
            severity: f.severity,
            enforcement: f.enforcement,
            off_by_default: false,
            frameworks: Vec::new(),
        });
    }
    let index: HashMap<&str, usize> = rules
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let rules_json: Vec<Value> = rules.iter().map(|(id, r)| rule_json(id, r)).collect();

    let mut occurrences: HashMap<(String, String, String), usize> = HashMap::new();
    let mut results = Vec::new();
    for f in ctx
        .outcome
        .findings
        .iter()
        .filter(|f| f.status == Status::Failed || ctx.sarif_include_excepted)
    {
        let n = occurrences
            .entry((f.rule_id.clone(), f.file.to_string(), f.resource.clone()))
            .or_insert(0);
        *n += 1;
        results.push((&**f, index[f.rule_id.as_str()], *n));
    }

    let notifications: Vec<Value> = ctx
        .outcome
        .errors
        .iter()
        .map(|e| {
            let mut n = json!({
                "level": "error",
                "message": {"text": format!("{} error: {}", e.kind, e.message)},
                "descriptor": {"id": format!("tollgate/{}-error", e.kind)},
            });
            if !e.path.is_empty() {
                let mut region = json!({});
                if e.line > 0 {
                    region = json!({"startLine": e.line, "startColumn": e.column.max(1)});
                }
                n["locations"] = json!([{"physicalLocation": {
                    "artifactLocation": artifact_location(&e.path),
                    "region": region,
                }}]);
                if e.line == 0 {
                    n["locations"][0]["physicalLocation"]
                        .as_object_mut()
                        .expect("object")
                        .remove("region");
                }
            }
            n
        })
        .collect();

    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": "tollgate",
                "informationUri": "https://github.com/tollgate-dev/tollgate",
                "version": super::tool_version(),
                "semanticVersion": super::tool_version(),
                "rules": rules_json,
            }}),
            automation_details: json!({"id": "tollgate/"}),
            invocations: json!([{
                "executionSuccessful": ctx.outcome.errors.is_empty(),
                "toolExecutionNotifications": notifications,
                "toolConfigurationNotifications": configuration_notifications(ctx.outcome),
            }]),
            column_kind: "unicodeCodePoints",
            properties: json!({
                "filesSkipped": ctx.outcome.skipped.len(),
                "filesUnsupported": ctx.outcome.stats.files_unsupported,
                "filesExcluded": ctx.outcome.stats.files_excluded,
                "filesIgnored": ctx.outcome.stats.files_ignored,
                "directoriesSkipped": ctx.outcome.stats.directories_skipped,
            }),
            results: Results(results),
        }],
    };
    super::write_pretty(&log, out)
}

/// Relaxations in force and warnings about the run, as configuration notifications, so a
/// reader of the SARIF file sees what weakened the gate.
fn configuration_notifications(o: &crate::outcome::Outcome) -> Vec<Value> {
    let relaxations = o.governance.iter().map(|r| {
        json!({
            "level": "warning",
            "message": {"text": sentence(&super::relaxation_text(r))},
            "descriptor": {"id": "tollgate/relaxation"},
        })
    });
    let warnings = super::warnings(o).into_iter().map(|w| {
        json!({
            "level": "warning",
            "message": {"text": sentence(&w)},
            "descriptor": {"id": "tollgate/warning"},
        })
    });
    relaxations.chain(warnings).collect()
}

/// A SARIF artifact location: relative to `%SRCROOT%` for paths inside the repository, an
/// absolute `file://` URI for paths outside it; either way percent-encoded, as URIs must be.
fn artifact_location(path: &str) -> Value {
    let encoded = encode_uri_path(path);
    if path.starts_with('/') {
        json!({"uri": format!("file://{encoded}")})
    } else {
        json!({"uri": encoded, "uriBaseId": "%SRCROOT%"})
    }
}

/// Percent-encodes everything but unreserved characters and `/` (RFC 3986).
fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn level(e: Enforcement) -> &'static str {
    match e {
        Enforcement::Block => "error",
        Enforcement::Warn => "warning",
    }
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn rule_json(id: &str, r: &RuleDoc) -> Value {
    let title = if r.title.is_empty() {
        id.to_string()
    } else {
        r.title.clone()
    };
    let description = if r.description.is_empty() {
        title.clone()
    } else {
        r.description.clone()
    };
    let mut help_text = sentence(&description);
    let mut help_md = format!("**{}**\n\n{}", title, sentence(&description));
    if !r.remediation.is_empty() {
        help_text.push_str(&format!("\n\nRemediation:\n{}", r.remediation));
        help_md.push_str(&format!("\n\n### Remediation\n\n{}", r.remediation));
    }
    if !r.references.is_empty() {
        help_md.push_str("\n\n### References\n\n");
        for reference in &r.references {
            help_md.push_str(&format!("- <{reference}>\n"));
        }
    }
    let mut tags = vec!["security".to_string()];
    tags.extend(r.frameworks.iter().cloned());
    let mut rule = json!({
        "id": id,
        "name": pascal_case(&title),
        "shortDescription": {"text": sentence(&title)},
        "fullDescription": {"text": sentence(&description)},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": level(r.enforcement)},
        "properties": {
            "tags": tags,
            "precision": "high",
            "problem.severity": if r.enforcement == Enforcement::Block { "error" } else { "warning" },
            "security-severity": r.severity.score(),
        },
    });
    if let Some(uri) = r.references.first() {
        rule["helpUri"] = json!(uri);
    }
    if r.off_by_default {
        // Opt-in rules are listed but off until the configuration enables them.
        rule["defaultConfiguration"]["enabled"] = json!(false);
    }
    rule
}

fn pascal_case(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn result_json(f: &Finding, rule_index: usize, occurrence: usize) -> Value {
    let occurrence = occurrence.to_string();
    let mut message = sentence(&f.message);
    if let Some(ex) = &f.expired_exception {
        message.push_str(&format!(
            " Exception `{}` expired on {} and no longer applies.",
            ex.id, ex.expired_on
        ));
    }
    let mut result = json!({
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": level(f.enforcement),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&f.file),
                "region": {
                    "startLine": f.line.max(1),
                    "startColumn": f.column.max(1),
                    "endLine": f.end_line.max(f.line).max(1),
                },
            },
            "logicalLocations": [{"fullyQualifiedName": f.resource, "kind": "resource"}],
        }],
        "partialFingerprints": {
            "tollgate/v1": fnv1a(&[&f.rule_id, &f.file, &f.resource, &occurrence]),
        },
        "properties": {
            "severity": f.severity.as_str(),
            "enforcement": f.enforcement.as_str(),
            "resource": f.resource,
        },
    });
    if !f.module_calls.is_empty() {
        result["relatedLocations"] = Value::Array(
            f.module_calls
                .iter()
                .enumerate()
                .map(|(i, call)| {
                    json!({
                        "id": i,
                        "message": {"text": format!("called as `{}`", call.address)},
                        "physicalLocation": {
                            "artifactLocation": artifact_location(&call.file),
                            "region": {"startLine": call.line.max(1)},
                        },
                    })
                })
                .collect(),
        );
    }
    if let Some(state) = f.baseline {
        result["baselineState"] = json!(match state {
            crate::judge::BaselineState::New => "new",
            crate::judge::BaselineState::Existing => "unchanged",
        });
    }
    // GitHub ignores SARIF suppressions (alerts are dismissed in the UI), so excepted findings
    // only appear here on request, marked as suppressed for other SARIF consumers.
    if let (Status::Excepted, Some(ex)) = (f.status, &f.exception) {
        let mut justification = ex.reason.clone();
        if let Some(expires) = ex.expires {
            justification.push_str(&format!(" (exception {}, expires {expires})", ex.id));
        }
        result["suppressions"] =
            json!([{"kind": "external", "status": "accepted", "justification": justification}]);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::{ExceptionHealth, ExceptionRef};
    use crate::outcome::{Outcome, Problem, ProblemKind, Stats, Timings};
    use crate::policy::{Namespaces, PolicySet, PolicySource};

    fn finding(line: u32, resource: &str, status: Status) -> Finding {
        Finding {
            title: "Team label".into(),
            message: "Pod `p` has no team label".into(),
            status,
            column: 3,
            resource: resource.into(),
            source_rule: "main.warn".into(),
            exception: (status == Status::Excepted).then(|| {
                Box::new(ExceptionRef {
                    id: "e1".into(),
                    reason: "migrating".into(),
                    owner: "team".into(),
                    expires: None,
                    days_left: None,
                    kind: None,
                })
            }),
            ..Finding::sample("ORG-1", "k/p.yaml", line)
        }
    }

    fn log(findings: Vec<Finding>, include_excepted: bool) -> Value {
        let rules = PolicySet::load(
            &[PolicySource {
                path: "p.rego".into(),
                text: "# METADATA\n# title: Team label\n# custom:\n#   id: ORG-1\n#   severity: low\npackage main\nimport rego.v1\nwarn contains \"x\" if false\n".into(),
                builtin: false,
            }],
            vec![],
            &Namespaces::All,
            None,
            true,
        )
        .unwrap()
        .rules;
        let outcome = Outcome {
            findings: findings.into_iter().map(Box::new).collect(),
            skipped: vec![],
            errors: vec![Problem {
                path: "bad.yaml".into(),
                line: 4,
                column: 2,
                kind: ProblemKind::Parse,
                message: "invalid YAML".into(),
            }],
            stats: Stats::default(),
            timings: Timings::default(),
            exceptions: ExceptionHealth::default(),
            strict_exceptions: false,
            governance: vec![],
            notices: vec![],
            base: None,
            governance_changes: vec![],
            fail_on_governance_change: false,
            compliance: vec![],
            exception_metrics: Default::default(),
            shard: None,
        };
        let ctx = ReportContext {
            outcome: &outcome,
            rules: &rules,
            root: std::path::Path::new("."),
            color: false,
            sarif_include_excepted: include_excepted,
            view: Default::default(),
            today: crate::date::Date::parse("2026-11-30").unwrap(),
            revision: None,
        };
        serde_json::from_str(&render(&ctx)).unwrap()
    }

    #[test]
    fn rules_results_fingerprints_and_notifications() {
        let log = log(
            vec![
                finding(3, "Pod/p", Status::Failed),
                finding(9, "Pod/p", Status::Failed),
                finding(12, "Pod/q", Status::Excepted),
            ],
            false,
        );
        let run = &log["runs"][0];
        let rule = &run["tool"]["driver"]["rules"][0];
        assert_eq!(rule["id"], "ORG-1");
        assert_eq!(rule["properties"]["security-severity"], "3.0");
        assert_eq!(rule["defaultConfiguration"]["level"], "warning");
        let results = run["results"].as_array().unwrap();
        // Excepted findings stay out unless asked for.
        assert_eq!(results.len(), 2);
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
            3
        );
        // Fingerprints count occurrences per rule, file and resource, never lines.
        let fp = |r: &Value| r["partialFingerprints"]["tollgate/v1"].clone();
        assert_eq!(
            fp(&results[0]),
            json!(fnv1a(&["ORG-1", "k/p.yaml", "Pod/p", "1"]))
        );
        assert_eq!(
            fp(&results[1]),
            json!(fnv1a(&["ORG-1", "k/p.yaml", "Pod/p", "2"]))
        );
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        assert_eq!(
            invocation["toolExecutionNotifications"][0]["descriptor"]["id"],
            "tollgate/parse-error"
        );
    }

    #[test]
    fn excepted_findings_on_request_carry_a_suppression() {
        let log = log(vec![finding(12, "Pod/q", Status::Excepted)], true);
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["suppressions"][0]["kind"], "external");
        assert_eq!(result["suppressions"][0]["justification"], "migrating");
    }
}
