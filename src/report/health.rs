//! `tollgate exceptions`: every exception with owner, age, days left and status, and totals.

use crate::cli::RulesFormat;
use crate::date::Date;
use crate::judge::{ExceptionHealth, ExceptionState as S};
use std::fmt::Write as _;

/// Exceptions older than this many days count as aged.
const AGED_DAYS: i64 = 90;

pub fn render(
    health: &ExceptionHealth,
    today: Date,
    warn_before_days: i64,
    format: RulesFormat,
) -> String {
    let total = health.entries.len();
    let old = health
        .entries
        .iter()
        .filter(|e| e.age_days.is_some_and(|a| a > AGED_DAYS))
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
            "exceptions": health.entries,
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
    out
}
