//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding
//! and per error, so they show on the pull request diff, then the human summary line.

use super::ReportContext;
use crate::judge::Status;
use crate::policy::Enforcement;

/// Escapes a workflow command's message, as the runner's toolkit does.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(ctx: &ReportContext) -> String {
    let o = ctx.outcome;
    let mut out = String::new();
    for f in &o.findings {
        let level = match (f.status, f.enforcement) {
            (Status::Excepted, _) => "notice",
            _ if f.is_existing() => "notice",
            (_, Enforcement::Block) => "error",
            (_, Enforcement::Warn) => "warning",
        };
        let mut message = f.message.clone();
        if let Some(ex) = &f.exception {
            message.push_str(&format!(" (excepted by {}: {})", ex.id, ex.reason));
        }
        out.push_str(&format!(
            "::{level} file={},line={},endLine={},col={},title={}::{}\n",
            property(&f.file),
            f.line,
            f.end_line.max(f.line),
            f.column.max(1),
            property(&format!("{} ({}, {})", f.rule_id, f.severity, f.resource)),
            data(&message)
        ));
    }
    for e in &o.errors {
        let location = if e.line > 0 {
            format!(
                "file={},line={},col={},",
                property(&e.path),
                e.line,
                e.column.max(1)
            )
        } else {
            format!("file={},", property(&e.path))
        };
        out.push_str(&format!(
            "::error {location}title={}::{}\n",
            property(&format!("tollgate {} error", e.kind)),
            data(&e.message)
        ));
    }
    for c in &o.governance_changes {
        out.push_str(&format!(
            "::warning title=tollgate governance change::{}\n",
            data(&super::change_text(c))
        ));
    }
    if let Some(line) = super::base_line(o) {
        out.push_str(&format!("::notice title=tollgate::{}\n", data(&line)));
    }
    for r in &o.governance {
        out.push_str(&format!(
            "::warning title=tollgate relaxation::{}\n",
            data(&super::relaxation_text(r))
        ));
    }
    for w in super::warnings(o) {
        out.push_str(&format!("::warning title=tollgate::{}\n", data(&w)));
    }
    out.push_str(&super::human::summary_line(ctx, false));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("50% of\na"), "50%25 of%0Aa");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
