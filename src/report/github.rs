//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding
//! and per error, so they show on the pull request diff, then the human summary line.

use super::ReportContext;

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
    // GitHub shows ten annotations of each level per step: blocking findings come first, then
    // warnings; excepted and existing findings are not annotated (they would take the slots).
    let annotated: Vec<&crate::judge::Finding> = o
        .findings
        .iter()
        .filter(|f| f.blocks())
        .chain(o.findings.iter().filter(|f| f.warns()))
        .map(|f| &**f)
        .collect();
    for f in &annotated {
        let level = if f.blocks() { "error" } else { "warning" };
        out.push_str(&format!(
            "::{level} file={},line={},endLine={},col={},title={}::{}\n",
            property(&f.file),
            f.line,
            f.end_line.max(f.line),
            f.column.max(1),
            property(&format!("{} ({}, {})", f.rule_id, f.severity, f.resource)),
            data(&f.message)
        ));
    }
    let blocking = annotated.iter().filter(|f| f.blocks()).count();
    let warnings = annotated.len() - blocking;
    let beyond = blocking.saturating_sub(10) + warnings.saturating_sub(10);
    let unannotated = o.findings.len() - annotated.len();
    if beyond > 0 || unannotated > 0 {
        out.push_str(&format!(
            "::notice title=tollgate::{}\n",
            data(&format!(
                "{} finding(s) in all: {blocking} blocking, {warnings} warning(s), {unannotated} excepted or existing (not annotated). GitHub shows at most 10 annotations of each level per step{}; the job summary and the SARIF report (code scanning) list every finding.",
                o.findings.len(),
                if beyond > 0 { format!(", so {beyond} are not shown on the diff") } else { String::new() }
            ))
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
