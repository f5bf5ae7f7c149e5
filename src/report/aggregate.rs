//! Many JSON reports as one view for the security team (`tollgate report`): compliance by rule,
//! blocking findings by rule and repository, exception aging, false positives by rule — as
//! Markdown, and as one self-contained HTML page with inline SVG bar charts.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Age buckets of exceptions, in days since `created`.
const AGE_BUCKETS: [(&str, i64); 5] = [
    ("0–30", 30),
    ("31–60", 60),
    ("61–90", 90),
    ("91–180", 180),
    (">180", i64::MAX),
];

#[derive(Debug, Default)]
pub struct Aggregate {
    pub repositories: Vec<String>,
    /// rule → (evaluated, failing, excepted)
    pub compliance: BTreeMap<String, (u64, u64, u64)>,
    /// rule → repository → blocking findings
    pub blocking: BTreeMap<String, BTreeMap<String, u64>>,
    /// bucket index → exceptions (with a `created` date)
    pub aging: [u64; 5],
    /// exceptions without a `created` date (age unknown)
    pub aging_unknown: u64,
    /// rule → findings excepted as false positives
    pub false_positives: BTreeMap<String, u64>,
}

impl Aggregate {
    /// Adds one JSON report (schema 1) under a repository name.
    pub fn add(&mut self, repository: &str, report: &Value) {
        self.repositories.push(repository.to_string());
        for r in report["metrics"]["compliance"]["rules"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let e = self
                .compliance
                .entry(r["rule_id"].as_str().unwrap_or_default().to_string())
                .or_default();
            e.0 += r["evaluated"].as_u64().unwrap_or(0);
            e.1 += r["failing"].as_u64().unwrap_or(0);
            e.2 += r["excepted"].as_u64().unwrap_or(0);
        }
        for f in report["findings"].as_array().into_iter().flatten() {
            let blocking = f["status"] == "failed"
                && f["enforcement"] == "block"
                && f["baseline"] != "existing";
            if blocking {
                *self
                    .blocking
                    .entry(f["rule_id"].as_str().unwrap_or_default().to_string())
                    .or_default()
                    .entry(repository.to_string())
                    .or_default() += 1;
            }
        }
        for e in report["exceptions"].as_array().into_iter().flatten() {
            match e["age_days"].as_i64() {
                Some(age) => {
                    let bucket = AGE_BUCKETS
                        .iter()
                        .position(|(_, max)| age <= *max)
                        .unwrap_or(AGE_BUCKETS.len() - 1);
                    self.aging[bucket] += 1;
                }
                None => self.aging_unknown += 1,
            }
        }
        if let Some(fps) = report["metrics"]["exceptions"]["false_positives_by_rule"].as_object() {
            for (rule, n) in fps {
                *self.false_positives.entry(rule.clone()).or_default() += n.as_u64().unwrap_or(0);
            }
        }
    }

    fn rate((evaluated, failing, excepted): (u64, u64, u64)) -> f64 {
        if evaluated == 0 {
            1.0
        } else {
            (evaluated - failing.min(evaluated) - excepted.min(evaluated - failing.min(evaluated)))
                as f64
                / evaluated as f64
        }
    }

    fn overall(&self) -> f64 {
        let total = self
            .compliance
            .values()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        Self::rate(total)
    }

    /// Rules by blocking findings, most first.
    fn blocking_rows(&self) -> Vec<(&String, u64, &BTreeMap<String, u64>)> {
        let mut rows: Vec<_> = self
            .blocking
            .iter()
            .map(|(rule, by_repo)| (rule, by_repo.values().sum::<u64>(), by_repo))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rows
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The Markdown view.
pub fn markdown(a: &Aggregate) -> String {
    let mut out = format!(
        "# tollgate: {} report(s)\n\nPolicy compliance: **{:.1}%** of resource evaluations pass.\n\n",
        a.repositories.len(),
        a.overall() * 100.0
    );
    out.push_str("## Compliance by rule\n\n| rule | evaluated | failing | excepted | compliance |\n|---|---:|---:|---:|---:|\n");
    for (rule, c) in &a.compliance {
        let _ = writeln!(
            out,
            "| `{rule}` | {} | {} | {} | {:.1}% |",
            c.0,
            c.1,
            c.2,
            Aggregate::rate(*c) * 100.0
        );
    }
    out.push_str("\n## Blocking findings by rule and repository\n\n");
    let rows = a.blocking_rows();
    if rows.is_empty() {
        out.push_str("None.\n");
    } else {
        let _ = writeln!(
            out,
            "| rule | total | {} |\n|---|---:|{}",
            a.repositories.join(" | "),
            "---:|".repeat(a.repositories.len())
        );
        for (rule, total, by_repo) in rows {
            let cells: Vec<String> = a
                .repositories
                .iter()
                .map(|r| by_repo.get(r).copied().unwrap_or(0).to_string())
                .collect();
            let _ = writeln!(out, "| `{rule}` | {total} | {} |", cells.join(" | "));
        }
    }
    out.push_str("\n## Exception aging (days since created)\n\n| age | exceptions |\n|---|---:|\n");
    for ((label, _), n) in AGE_BUCKETS.iter().zip(a.aging) {
        let _ = writeln!(out, "| {label} | {n} |");
    }
    if a.aging_unknown > 0 {
        let _ = writeln!(out, "| unknown (no `created`) | {} |", a.aging_unknown);
    }
    out.push_str("\n## False positives by rule\n\n");
    if a.false_positives.is_empty() {
        out.push_str("None recorded (`kind: false-positive` on exceptions).\n");
    } else {
        out.push_str("| rule | findings excepted as false positives |\n|---|---:|\n");
        for (rule, n) in &a.false_positives {
            let _ = writeln!(out, "| `{rule}` | {n} |");
        }
    }
    out
}

/// A horizontal bar chart as inline SVG.
fn bars(title: &str, rows: &[(String, f64, String)], max: f64) -> String {
    let height = 24 * rows.len() + 30;
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(title),
        escape(title)
    );
    for (i, (label, value, text)) in rows.iter().enumerate() {
        let y = 10 + 24 * i;
        let width = if max > 0.0 {
            (value / max * 440.0).round()
        } else {
            0.0
        };
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"200\" y=\"{y}\" width=\"{width}\" height=\"16\" fill=\"#3b6ea5\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 12,
            escape(label),
            206.0 + width,
            y + 12,
            escape(text)
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

/// The self-contained HTML page.
pub fn html(a: &Aggregate) -> String {
    let compliance: Vec<(String, f64, String)> = a
        .compliance
        .iter()
        .map(|(rule, c)| {
            let rate = Aggregate::rate(*c);
            (
                rule.clone(),
                rate,
                format!("{:.1}% of {}", rate * 100.0, c.0),
            )
        })
        .collect();
    let blocking: Vec<(String, f64, String)> = a
        .blocking_rows()
        .into_iter()
        .map(|(rule, total, _)| (rule.clone(), total as f64, total.to_string()))
        .collect();
    let max_blocking = blocking.iter().map(|r| r.1).fold(0.0, f64::max);
    let aging: Vec<(String, f64, String)> = AGE_BUCKETS
        .iter()
        .zip(a.aging)
        .map(|((label, _), n)| (format!("{label} days"), n as f64, n.to_string()))
        .collect();
    let max_aging = aging.iter().map(|r| r.1).fold(0.0, f64::max);
    let fps: Vec<(String, f64, String)> = a
        .false_positives
        .iter()
        .map(|(rule, n)| (rule.clone(), *n as f64, n.to_string()))
        .collect();
    let max_fps = fps.iter().map(|r| r.1).fold(0.0, f64::max);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tollgate report</title><style>body{{font-family:sans-serif;margin:2em;max-width:60em}}figure{{margin:1em 0}}figcaption{{font-weight:bold;margin-bottom:.5em}}</style></head><body>\n<h1>tollgate: {} report(s)</h1>\n<p id=\"overall\">Policy compliance: <strong>{:.1}%</strong> of resource evaluations pass ({}).</p>\n{}\n{}\n{}\n{}\n</body></html>\n",
        a.repositories.len(),
        a.overall() * 100.0,
        escape(&a.repositories.join(", ")),
        bars("Compliance by rule", &compliance, 1.0),
        bars("Blocking findings by rule", &blocking, max_blocking),
        bars("Exception aging", &aging, max_aging),
        bars("False positives by rule", &fps, max_fps),
    )
}
