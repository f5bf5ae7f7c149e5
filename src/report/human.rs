//! Human diagnostics: one block per finding with the offending source line underlined, grouped
//! by file (findings are sorted by file and line), then errors, skipped files and a summary line.

use super::{ReportContext, clean};
use crate::judge::{Finding, Status};
use crate::policy::Enforcement;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

pub fn render(ctx: &ReportContext) -> String {
    let style = Style { color: ctx.color };
    let o = ctx.outcome;
    let mut out = String::new();
    let mut sources: HashMap<&str, Option<Vec<String>>> = HashMap::new();
    let view = ctx.view;
    let mut current_file: Option<&str> = None;
    // Excepted (and existing) findings not listed in full: one line per exception.
    let mut collapsed: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let (mut below_severity, mut not_listed) = (0usize, 0usize);
    let mut i = 0;
    while i < o.findings.len() {
        let f = &o.findings[i];
        i += 1;
        if !view.lists(f) {
            if view.min_severity.is_some_and(|min| f.severity < min) {
                below_severity += 1;
            } else if let Some(ex) = &f.exception {
                let entry = collapsed.entry(ex.id.clone()).or_insert_with(|| {
                    let mut text = format!("`{}`", ex.id);
                    if !ex.owner.is_empty() {
                        text.push_str(&format!(" (owner {})", ex.owner));
                    }
                    if let Some(expires) = ex.expires {
                        text.push_str(&format!(", expires {expires}"));
                    }
                    (0, text)
                });
                entry.0 += 1;
            } else {
                not_listed += 1;
            }
            continue;
        }
        if current_file != Some(&*f.file) {
            current_file = Some(&*f.file);
            let _ = writeln!(out, "{}", style.paint("1;4", &clean(&f.file)));
            out.push('\n');
        }
        let lines = sources.entry(&*f.file).or_insert_with(|| {
            std::fs::read_to_string(ctx.root.join(&*f.file))
                .ok()
                .map(|t| t.lines().map(str::to_string).collect())
        });
        // The same line judged for many instances (`count`, `for_each`, module instances) reads
        // as one finding with its instances listed.
        let mut others = Vec::new();
        while let Some(next) = o.findings.get(i) {
            if !(view.lists(next) && same_place(f, next)) {
                break;
            }
            others.push(next.resource.as_str());
            i += 1;
        }
        finding(&mut out, f, lines.as_deref(), &style);
        if !others.is_empty() {
            out.pop();
            let pad = " ".repeat(f.line.to_string().len());
            let _ = writeln!(
                out,
                "{pad} = {}\n",
                style.paint("2", &clean(&also_instances(&others)))
            );
        }
    }
    if !collapsed.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            style.paint("2", "excepted findings (`--show all` lists them):")
        );
        for (count, text) in collapsed.values() {
            let _ = writeln!(
                out,
                "{}",
                style.paint(
                    "2",
                    &clean(&format!("  {count} finding(s) excepted by {text}"))
                )
            );
        }
        out.push('\n');
    }
    for e in &o.errors {
        let at = if e.line > 0 {
            format!("{}:{}:{}", clean(&e.path), e.line, e.column)
        } else {
            clean(&e.path).into_owned()
        };
        let _ = writeln!(
            out,
            "{}: {}: {}\n",
            style.paint("1;31", &format!("error[{}]", e.kind)),
            at,
            clean(&e.message)
        );
    }
    let mut warnings = super::exception_warnings(&o.exceptions);
    if o.exception_metrics.above_target() {
        let m = &o.exception_metrics;
        warnings.push(format!(
            "{:.0}% of exceptions are older than {} days, above the {:.0}% target (exceptions.aged_share_target)",
            m.aged_share * 100.0,
            m.aged_days,
            m.aged_share_target * 100.0
        ));
    }
    for w in &warnings {
        let _ = writeln!(
            out,
            "{}: {}",
            style.paint("1;33", "warning[exception]"),
            clean(w)
        );
    }
    for n in &o.notices {
        let label = match n {
            crate::outcome::Notice::PolicyNotEvaluated { .. } => "warning[policy]",
            crate::outcome::Notice::UnknownRule { .. } => "warning[config]",
            crate::outcome::Notice::ModuleNotFollowed { .. } => "warning[module]",
            crate::outcome::Notice::ReadAsOpenTofu { .. } => "note[opentofu]",
            crate::outcome::Notice::CallerSearchStopped { .. } => "warning[caller-search]",
        };
        let _ = writeln!(
            out,
            "{}: {}",
            style.paint("1;33", label),
            clean(&super::notice_text(n))
        );
    }
    if !warnings.is_empty() || !o.notices.is_empty() {
        out.push('\n');
    }
    if !o.governance_changes.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            style.paint(
                "1;33",
                "governance changes in this change (not in force: the base's rules judged it):"
            )
        );
        for c in &o.governance_changes {
            let _ = writeln!(out, "  - {}", clean(&super::change_text(c)));
        }
        out.push('\n');
    }
    if let Some(line) = super::base_line(o) {
        let _ = writeln!(out, "{}\n", clean(&line));
    }
    if !o.governance.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            style.paint(
                "1;33",
                "relaxations in force (tollgate.toml and exceptions):"
            )
        );
        for r in &o.governance {
            let _ = writeln!(out, "  - {}", clean(&super::relaxation_text(r)));
        }
        out.push('\n');
    }
    if !o.skipped.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            style.paint("2", &format!("skipped {} file(s):", o.skipped.len()))
        );
        for s in &o.skipped {
            let _ = writeln!(
                out,
                "{}",
                style.paint("2", &format!("  {}: {}", clean(&s.path), clean(&s.reason)))
            );
        }
        out.push('\n');
    }
    if !view.quiet {
        rule_table(&mut out, o, &style);
    }
    let hidden: Vec<String> = [
        (below_severity, "below --min-severity"),
        (not_listed, "not listed (--show all lists them)"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, why)| format!("{n} finding(s) {why}"))
    .collect();
    if !hidden.is_empty() {
        let _ = writeln!(out, "{}", style.paint("2", &hidden.join("; ")));
    }
    out.push_str(&summary(ctx, &style));
    out
}

/// The closing tables: findings per rule, and the files with the most to fix.
fn rule_table(out: &mut String, o: &crate::outcome::Outcome, style: &Style) {
    // Per rule: blocking, warnings, excepted (or existing), title.
    type Row<'a> = (usize, usize, usize, &'a str);
    let mut rules: BTreeMap<&str, Row> = BTreeMap::new();
    let mut files: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for f in &o.findings {
        let r = rules.entry(&f.rule_id).or_insert((0, 0, 0, &f.title));
        let file = files.entry(&f.file).or_default();
        if f.blocks() {
            r.0 += 1;
            file.0 += 1;
        } else if f.warns() {
            r.1 += 1;
            file.1 += 1;
        } else {
            r.2 += 1;
        }
    }
    if rules.is_empty() {
        return;
    }
    let mut rows: Vec<(&str, Row)> = rules.into_iter().collect();
    rows.sort_by(|a, b| (b.1.0, b.1.1, a.0).cmp(&(a.1.0, a.1.1, b.0)));
    let _ = writeln!(
        out,
        "{}",
        style.paint(
            "1",
            &format!(
                "{:<16} {:>8} {:>8} {:>8}  {}",
                "RULE", "BLOCKING", "WARNINGS", "EXCEPTED", "TITLE"
            )
        )
    );
    for (id, (b, w, e, title)) in rows {
        let _ = writeln!(
            out,
            "{:<16} {:>8} {:>8} {:>8}  {}",
            clean(id),
            b,
            w,
            e,
            clean(title)
        );
    }
    out.push('\n');
    let mut top: Vec<(&str, (usize, usize))> =
        files.into_iter().filter(|(_, (b, w))| b + w > 0).collect();
    top.sort_by(|a, b| (b.1.0, b.1.1, a.0).cmp(&(a.1.0, a.1.1, b.0)));
    if !top.is_empty() {
        let _ = writeln!(out, "{}", style.paint("1", "top files:"));
        for (file, (b, w)) in top.iter().take(5) {
            let _ = writeln!(out, "  {} ({b} blocking, {w} warning(s))", clean(file));
        }
        out.push('\n');
    }
}

/// The one-line summary, for other formats that end with it.
pub fn summary_line(ctx: &ReportContext, color: bool) -> String {
    summary(ctx, &Style { color })
}

/// Findings of one rule at one place that differ only in the instance they judge.
fn same_place(a: &Finding, b: &Finding) -> bool {
    a.rule_id == b.rule_id
        && a.file == b.file
        && a.line == b.line
        && a.column == b.column
        && a.message == b.message
        && a.status == b.status
        && a.enforcement == b.enforcement
        && a.severity == b.severity
        && a.is_existing() == b.is_existing()
        && a.exception.as_ref().map(|e| &e.id) == b.exception.as_ref().map(|e| &e.id)
        && a.resource != b.resource
}

/// "also 3 more instances: a, b, c" (the first eight named).
fn also_instances(others: &[&str]) -> String {
    const NAMED: usize = 8;
    let mut text = format!(
        "also {} more instance{}: {}",
        others.len(),
        if others.len() == 1 { "" } else { "s" },
        others[..others.len().min(NAMED)].join(", ")
    );
    if others.len() > NAMED {
        text.push_str(&format!(", and {} more", others.len() - NAMED));
    }
    text
}

fn finding(out: &mut String, f: &Finding, lines: Option<&[String]>, style: &Style) {
    let (label, code) = match (f.status, f.enforcement) {
        (Status::Excepted, _) => ("excepted", "2"),
        _ if f.is_existing() => ("existing", "2"),
        (_, Enforcement::Block) => ("error", "1;31"),
        (_, Enforcement::Warn) => ("warning", "1;33"),
    };
    let _ = writeln!(
        out,
        "{}: {}",
        style.paint(code, &format!("{label}[{}]", clean(&f.rule_id))),
        style.paint("1", &clean(&f.message))
    );
    let width = f.line.to_string().len();
    let pad = " ".repeat(width);
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{} {}",
        style.paint("34", "-->"),
        clean(&f.file),
        f.line,
        f.column,
        style.paint("2", &format!("({}, {})", clean(&f.resource), f.severity))
    );
    if let Some(text) = lines.and_then(|l| l.get(f.line.saturating_sub(1) as usize)) {
        let bar = style.paint("34", "|");
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {}",
            style.paint("34", &f.line.to_string()),
            clean(text)
        );
        let start = (f.column.max(1) - 1) as usize;
        let content_len = text.trim_end().chars().count().saturating_sub(start).max(1);
        let caret_code = if f.enforcement == Enforcement::Block && f.status == Status::Failed {
            "31"
        } else {
            "33"
        };
        let _ = writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(start),
            style.paint(caret_code, &"^".repeat(content_len))
        );
    }
    for call in f.module_calls.iter() {
        let text = format!("via {}:{} ({})", call.file, call.line, call.address);
        let _ = writeln!(out, "{pad} = {}", style.paint("2", &clean(&text)));
    }
    if let Some(render) = &f.render {
        let source_line = lines
            .and_then(|l| l.get(f.line.saturating_sub(1) as usize))
            .map(|l| l.trim());
        // The rendered value, when it differs from the source line shown above.
        let text = match &f.rendered {
            Some(line) if Some(line.as_str()) != source_line => {
                format!("rendered by {render}: {line}")
            }
            _ => format!("rendered by {render}"),
        };
        let _ = writeln!(out, "{pad} = {}", style.paint("2", &clean(&text)));
    }
    if let Some(ex) = &f.exception {
        let mut text = format!("excepted by {}", ex.id);
        if !ex.owner.is_empty() {
            text.push_str(&format!(" (owner {})", ex.owner));
        }
        if let (Some(expires), Some(days)) = (ex.expires, ex.days_left) {
            text.push_str(&format!(", expires {expires} ({days} day(s) left)"));
        }
        text.push_str(&format!(": {}", ex.reason));
        let _ = writeln!(out, "{pad} = {}", style.paint("2", &clean(&text)));
    }
    if let Some(ex) = &f.expired_exception {
        let owner = if ex.owner.is_empty() {
            String::new()
        } else {
            format!(" (owner {})", ex.owner)
        };
        let text = format!(
            "exception {}{owner} expired on {}: this finding counts again",
            ex.id, ex.expired_on
        );
        let _ = writeln!(out, "{pad} = {}", style.paint("33", &clean(&text)));
    }
    if !f.title.is_empty() {
        let _ = writeln!(
            out,
            "{pad} = {}",
            style.paint(
                "2",
                &clean(&format!(
                    "help: {} (tollgate explain {})",
                    f.title, f.rule_id
                ))
            )
        );
    }
    out.push('\n');
}

fn summary(ctx: &ReportContext, style: &Style) -> String {
    let o = ctx.outcome;
    let crate::outcome::Counts {
        blocking,
        warnings,
        excepted,
        ..
    } = o.counts();
    let verdict = o.verdict();
    let verdict_text = match verdict {
        crate::judge::Verdict::Pass => style.paint("1;32", "pass"),
        crate::judge::Verdict::Warn => style.paint("1;33", "warn"),
        crate::judge::Verdict::Block => style.paint("1;31", "block"),
        crate::judge::Verdict::Error => style.paint("1;31", "error (could not judge everything)"),
    };
    let expired = o.exceptions.count(crate::judge::ExceptionState::Expired);
    let unused = o.exceptions.count(crate::judge::ExceptionState::Unused);
    format!(
        "tollgate: {verdict_text}: {blocking} blocking, {warnings} warning(s), {excepted} excepted, {} error(s) in {} file(s), {} document(s) ({} unresolved value(s)); exceptions: {expired} expired, {unused} unused; left out: {} ({:.2}s)\n",
        o.errors.len(),
        o.stats.files_scanned,
        o.stats.documents,
        o.stats.unresolved_values,
        super::left_out(o),
        o.timings.total.as_secs_f64(),
    )
}
