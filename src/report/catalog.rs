//! Listings of the rule catalog: `tollgate rules` (table, JSON, Markdown for `docs/rules.md`) and
//! `tollgate explain`.

use crate::cli::RulesFormat;
use crate::policy::RuleFacts;
use std::fmt::Write as _;

/// The default enforcement as listed: `off` for opt-in rules.
fn enforcement(r: &RuleFacts) -> &'static str {
    if r.off_by_default {
        "off"
    } else {
        r.enforcement.as_str()
    }
}

/// `tollgate rules` in the chosen format.
pub fn rules(rows: &[&RuleFacts], format: RulesFormat) -> String {
    match format {
        RulesFormat::Json => {
            let mut out = serde_json::to_string_pretty(rows).expect("serializes");
            out.push('\n');
            out
        }
        RulesFormat::Markdown => markdown(rows),
        RulesFormat::Table => {
            let mut out = format!(
                "{:<16} {:<9} {:<7} {}\n",
                "ID", "SEVERITY", "ENFORCE", "TITLE"
            );
            for r in rows {
                let _ = writeln!(
                    out,
                    "{:<16} {:<9} {:<7} {}",
                    r.id,
                    r.severity.as_str(),
                    enforcement(r),
                    r.title
                );
            }
            let _ = writeln!(out, "{} rule(s)", rows.len());
            out
        }
    }
}

/// The lists each rule page shows, with their labels.
fn lists(r: &RuleFacts) -> [(&'static str, &[String]); 3] {
    [
        ("Applies to", &r.resource_types),
        ("Frameworks", &r.frameworks),
        ("References", &r.references),
    ]
}

/// `tollgate explain ID`.
pub fn explain(r: &RuleFacts) -> String {
    let mut out = format!("{}: {}\n\n", r.id, r.title);
    let _ = write!(
        out,
        "severity: {}    enforcement: {}    package: {}\n\n",
        r.severity.as_str(),
        enforcement(r),
        r.package
    );
    if !r.description.is_empty() {
        let _ = write!(out, "{}\n\n", r.description);
    }
    if !r.remediation.is_empty() {
        let _ = write!(out, "Remediation:\n{}\n\n", r.remediation);
    }
    for (label, items) in lists(r) {
        if !items.is_empty() {
            let _ = writeln!(out, "{label}:");
            for i in items {
                let _ = writeln!(out, "  - {i}");
            }
            out.push('\n');
        }
    }
    out
}

/// The rule reference page, generated from metadata (`tollgate rules --format markdown > docs/rules.md`).
pub fn markdown(rows: &[&RuleFacts]) -> String {
    let mut out = String::from(
        "# tollgate rules\n\nGenerated from the policies' METADATA by `tollgate rules --format markdown > docs/rules.md`;\na test fails when this page is stale.\n\n| id | title | severity | enforcement |\n|---|---|---|---|\n",
    );
    for r in rows {
        let _ = writeln!(
            out,
            "| [{}](#{}) | {} | {} | {} |",
            r.id,
            r.id.to_ascii_lowercase(),
            r.title,
            r.severity.as_str(),
            enforcement(r)
        );
    }
    for r in rows {
        let _ = write!(
            out,
            "\n## {}\n\n**{}** — severity {}, enforcement {}\n\n",
            r.id,
            r.title,
            r.severity.as_str(),
            enforcement(r)
        );
        if !r.description.is_empty() {
            let _ = write!(out, "{}\n\n", r.description);
        }
        if !r.remediation.is_empty() {
            let _ = write!(out, "**Remediation**\n\n{}\n\n", r.remediation);
        }
        for (label, items) in lists(r) {
            if !items.is_empty() {
                let _ = write!(out, "**{label}**: {}\n\n", items.join(", "));
            }
        }
        let _ = writeln!(out, "Policy: `{}`", r.file.trim_start_matches("builtin:"));
    }
    out
}
