//! The JSON report, schema version 1.
//!
//! Stable fields: `schema_version`, `tool`, `verdict`, `summary`, `findings`, `errors`, `skipped`.
//! No timestamps or durations, so the same input gives byte-identical output.

use super::ReportContext;
use crate::judge::Finding;
use crate::outcome::Problem;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

/// The report's top level. Findings and errors are borrowed and serialized straight into the
/// writer: at 100,000 files the report is never held in memory as a whole.
#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Value,
    verdict: &'static str,
    summary: Value,
    findings: &'a [Box<Finding>],
    errors: &'a [Problem],
    skipped: Value,
    exceptions: Value,
    warnings: Value,
    /// Every relaxation in force (rules off, downgrades, rollouts, broad exceptions).
    governance: Value,
    notices: Value,
    /// With `--base`: the comparison and the pull request's governance changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    governance_changes: Option<Value>,
    /// The security team's numbers: compliance per rule and overall, exception health.
    metrics: Value,
    /// With `--shard I/N`: this shard's part of the run, for `tollgate merge`.
    #[serde(skip_serializing_if = "Option::is_none")]
    shard: Option<&'a crate::shard::ShardState>,
}

pub fn render(ctx: &ReportContext) -> String {
    let mut out = Vec::new();
    write(ctx, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

pub fn write(ctx: &ReportContext, out: &mut dyn Write) -> io::Result<()> {
    let o = ctx.outcome;
    let counts = o.counts();
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: json!({
            "name": "tollgate",
            "version": super::tool_version(),
            "policy_library": crate::policy::builtin::library_hash(),
        }),
        verdict: o.verdict().as_str(),
        summary: json!({
            "blocking": counts.blocking,
            "warnings": counts.warnings,
            "excepted": counts.excepted,
            "errors": o.errors.len(),
            "files_scanned": o.stats.files_scanned,
            "documents": o.stats.documents,
            "files_skipped": o.skipped.len(),
            "files_unsupported": o.stats.files_unsupported,
            "files_excluded": o.stats.files_excluded,
            "files_ignored": o.stats.files_ignored,
            "directories_skipped": o.stats.directories_skipped,
            "unresolved_values": o.stats.unresolved_values,
            "exceptions_expired": o.exceptions.count(crate::judge::ExceptionState::Expired),
            "exceptions_unused": o.exceptions.count(crate::judge::ExceptionState::Unused),
            "exceptions_expiring": o.exceptions.count(crate::judge::ExceptionState::Expiring),
        }),
        findings: &o.findings,
        errors: &o.errors,
        skipped: json!(
            o.skipped
                .iter()
                .map(|s| json!({"path": s.path, "reason": s.reason}))
                .collect::<Vec<_>>()
        ),
        exceptions: json!(o.exceptions.entries),
        warnings: json!(super::warnings(o)),
        governance: json!(o.governance),
        notices: json!(o.notices),
        base: o.base.as_ref().map(|b| json!(b)),
        governance_changes: o.base.as_ref().map(|_| json!(o.governance_changes)),
        metrics: json!({
            "compliance": {
                "rate": (o.compliance_rate() * 1000.0).round() / 1000.0,
                "rules": o.compliance.iter().map(|c| json!({
                    "rule_id": c.rule_id,
                    "title": c.title,
                    "evaluated": c.evaluated,
                    "failing": c.failing,
                    "excepted": c.excepted,
                    "rate": (c.rate() * 1000.0).round() / 1000.0,
                })).collect::<Vec<_>>(),
            },
            "exceptions": o.exception_metrics,
        }),
        shard: o.shard.as_ref(),
    };
    super::write_pretty(&report, out)
}
