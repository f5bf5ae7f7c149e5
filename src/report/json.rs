//! The JSON report, schema version 1.
//!
//! Stable fields: `schema_version`, `tool`, `verdict`, `summary`, `findings`, `errors`, `skipped`.
//! No timestamps or durations, so the same input gives byte-identical output.

use super::ReportContext;
use serde_json::json;

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(ctx: &ReportContext) -> String {
    let o = ctx.outcome;
    let counts = o.counts();
    let report = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {
            "name": "tollgate",
            "version": super::tool_version(),
            "policy_library": crate::policy::builtin::library_hash(),
        },
        "verdict": o.verdict().as_str(),
        "summary": {
            "blocking": counts.blocking,
            "warnings": counts.warnings,
            "excepted": counts.excepted,
            "errors": o.errors.len(),
            "files_scanned": o.stats.files_scanned,
            "documents": o.stats.documents,
            "files_skipped": o.skipped.len(),
            "files_unsupported": o.stats.files_unsupported,
            "files_excluded": o.stats.files_excluded,
            "exceptions_expired": o.exceptions.count(crate::judge::ExceptionState::Expired),
            "exceptions_unused": o.exceptions.count(crate::judge::ExceptionState::Unused),
            "exceptions_expiring": o.exceptions.count(crate::judge::ExceptionState::Expiring),
        },
        "findings": o.findings,
        "errors": o.errors,
        "skipped": o.skipped.iter().map(|s| json!({"path": s.path, "reason": s.reason})).collect::<Vec<_>>(),
        "exceptions": o.exceptions.entries,
        "warnings": o.exceptions.warnings(),
    });
    let mut s = serde_json::to_string_pretty(&report).expect("report serializes");
    s.push('\n');
    s
}
