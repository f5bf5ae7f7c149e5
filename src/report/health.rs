//! `tollgate exceptions`: every exception with owner, age, days left and status, and totals.

use crate::cli::RulesFormat;
use crate::date::Date;
use crate::judge::ExceptionState as S;
use crate::outcome::Outcome;
use std::fmt::Write as _;

pub fn render(
    outcome: &Outcome,
    today: Date,
    warn_before_days: i64,
    format: RulesFormat,
) -> String {
    let health = &outcome.exceptions;
    let metrics = &outcome.exception_metrics;
    let total = health.entries.len();
    let old = health
        .entries
        .iter()
        .filter(|e| e.age_days.is_some_and(|a| a > metrics.aged_days))
        .count();
    let share_old = if total == 0 {
        0.0
    } else {
        old as f64 / total as f64
    };
    if format == RulesFormat::Json {
        let totals = serde_json::json!({
            "count": total,
            "active": health.count(S::Active),
            "expiring": health.count(S::Expiring),
            "expired": health.count(S::Expired),
            "unused": health.count(S::Unused),
            "older_than_90_days": old,
            "share_older_than_90_days": (share_old * 1000.0).round() / 1000.0,
            "expiring_within_days": warn_before_days,
        });
        let mut out = serde_json::to_string_pretty(&serde_json::json!({
            "today": today,
            "totals": totals,
            "metrics": metrics,
            "exceptions": health.entries,
            "errors": outcome.errors,
        }))
        .expect("serializes");
        out.push('\n');
        return out;
    }
    let mut out = format!(
        "{:<28} {:<9} {:<16} {:>5} {:>9} {:>7}  {}\n",
        "ID", "STATUS", "OWNER", "AGE", "DAYS LEFT", "MATCHES", "DECLARED AT"
    );
    for e in &health.entries {
        let status = serde_json::to_value(e.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<28} {:<9} {:<16} {:>5} {:>9} {:>7}  {}",
            e.exception.id,
            status,
            if e.exception.owner.is_empty() {
                "-"
            } else {
                &e.exception.owner
            },
            e.age_days.map_or("-".to_string(), |a| a.to_string()),
            e.days_left,
            e.matches,
            e.exception.source
        );
    }
    let _ = writeln!(
        out,
        "{total} exception(s): {} active, {} expiring within {} days, {} expired, {} unused; {:.0}% older than 90 days",
        health.count(S::Active),
        health.count(S::Expiring),
        warn_before_days,
        health.count(S::Expired),
        health.count(S::Unused),
        share_old * 100.0
    );
    if !metrics.by_owner.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<24} {:>5} {:>8} {:>7} {:>6} {:>5}",
            "OWNER", "COUNT", "EXPIRING", "EXPIRED", "UNUSED", "AGED"
        );
        for (owner, m) in &metrics.by_owner {
            let _ = writeln!(
                out,
                "{:<24} {:>5} {:>8} {:>7} {:>6} {:>5}",
                owner, m.count, m.expiring, m.expired, m.unused, m.aged
            );
        }
    }
    if !metrics.false_positives_by_rule.is_empty() {
        let _ = writeln!(
            out,
            "\nfindings excepted as false positives, by rule (rules to tune):"
        );
        let mut rows: Vec<(&String, &usize)> = metrics.false_positives_by_rule.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (rule, n) in rows {
            let _ = writeln!(out, "  {rule:<16} {n}");
        }
    }
    if metrics.above_target() {
        let _ = writeln!(
            out,
            "\nwarning: {:.0}% of exceptions are older than {} days, above the {:.0}% target",
            metrics.aged_share * 100.0,
            metrics.aged_days,
            metrics.aged_share_target * 100.0
        );
    }
    // The scan behind these numbers could not judge everything: say what, since it makes the
    // command exit 2.
    for e in &outcome.errors {
        let _ = writeln!(
            out,
            "error[{}]: {}:{}:{}: {}",
            e.kind,
            super::clean(&e.path),
            e.line,
            e.column,
            super::clean(&e.message)
        );
    }
    out
}
