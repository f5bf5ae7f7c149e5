//! A Markdown summary for `$GITHUB_STEP_SUMMARY` (or any Markdown viewer): verdict, counts, and a
//! table of the findings that need action.

use super::ReportContext;

/// Findings listed in full; the rest are counted (job summaries are limited to 1 MiB).
const MAX_ROWS: usize = 200;

fn cell(s: &str) -> String {
    super::clean(s).replace('|', "\\|").replace('`', "'")
}

pub fn render(ctx: &ReportContext) -> String {
    let o = ctx.outcome;
    let crate::outcome::Counts {
        blocking,
        warnings,
        excepted,
        ..
    } = o.counts();
    let icon = match o.verdict() {
        crate::judge::Verdict::Pass => "✅",
        crate::judge::Verdict::Warn => "⚠️",
        crate::judge::Verdict::Block => "❌",
        crate::judge::Verdict::Error => "🛑",
    };
    let mut out = format!("## {icon} tollgate: {}\n\n", o.verdict().as_str());
    out.push_str("| blocking | warnings | excepted | errors | files | documents | skipped |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    out.push_str(&format!(
        "| {blocking} | {warnings} | {excepted} | {} | {} | {} | {} |\n\n",
        o.errors.len(),
        o.stats.files_scanned,
        o.stats.documents,
        o.skipped.len()
    ));
    out.push_str(&format!("Left out: {}.\n\n", super::left_out(o)));
    // Every blocking finding is listed; warnings fill the rows left (job summaries are limited
    // to 1 MiB), and what is left out is said.
    let blocking: Vec<_> = o.findings.iter().filter(|f| f.blocks()).collect();
    let warnings: Vec<_> = o.findings.iter().filter(|f| f.warns()).collect();
    let room = MAX_ROWS.saturating_sub(blocking.len());
    if !blocking.is_empty() || !warnings.is_empty() {
        out.push_str(
            "| | rule | severity | resource | location | message |\n|---|---|---|---|---|---|\n",
        );
        for f in blocking.iter().chain(warnings.iter().take(room)) {
            let mark = if f.blocks() { "❌" } else { "⚠️" };
            out.push_str(&format!(
                "| {mark} | `{}` | {} | `{}` | `{}:{}` | {} |\n",
                cell(&f.rule_id),
                f.severity,
                cell(&f.resource),
                cell(&f.file),
                f.line,
                cell(&f.message)
            ));
        }
        if warnings.len() > room {
            out.push_str(&format!(
                "\n…and {} more warning(s) not listed here (every blocking finding is); the JSON and SARIF reports have them all.\n",
                warnings.len() - room
            ));
        }
        out.push('\n');
    }
    if !o.compliance.is_empty() {
        out.push_str(&format!(
            "Policy compliance: {:.1}% of {} resource evaluation(s) pass",
            o.compliance_rate() * 100.0,
            o.compliance.iter().map(|c| c.evaluated).sum::<usize>()
        ));
        let m = &o.exception_metrics;
        if m.count > 0 {
            out.push_str(&format!(
                "; exceptions: {} ({} expiring, {} expired, {} unused, {:.0}% older than {} days)",
                m.count,
                m.expiring,
                m.expired,
                m.unused,
                m.aged_share * 100.0,
                m.aged_days
            ));
        }
        out.push_str(".\n\n");
    }
    if let Some(line) = super::base_line(o) {
        out.push_str(&format!("{}\n\n", super::clean(&line)));
    }
    if !o.governance_changes.is_empty() {
        out.push_str("### Governance changes in this pull request\n\n");
        for c in &o.governance_changes {
            out.push_str(&format!("- {}\n", super::clean(&super::change_text(c))));
        }
        out.push('\n');
    }
    if !o.governance.is_empty() {
        out.push_str("### Relaxations in force\n\n");
        for r in &o.governance {
            out.push_str(&format!("- {}\n", super::clean(&super::relaxation_text(r))));
        }
        out.push('\n');
    }
    let warnings = super::warnings(o);
    if !warnings.is_empty() {
        out.push_str("### Warnings\n\n");
        for w in &warnings {
            out.push_str(&format!("- {}\n", super::clean(w)));
        }
        out.push('\n');
    }
    if !o.errors.is_empty() {
        out.push_str("### Could not judge\n\n");
        for e in &o.errors {
            out.push_str(&format!(
                "- `{}:{}`: {} ({})\n",
                cell(&e.path),
                e.line,
                cell(&e.message),
                e.kind
            ));
        }
        out.push('\n');
    }
    out
}
