//! The one order of findings in every report.

use super::*;

impl Finding {
    /// Total order used for every report, so output never depends on thread timing or on
    /// the order shards are merged: file, line, rule, resource, message, column, then what tells
    /// apart findings of one line reached through different module calls or judged differently.
    pub fn report_order(&self, other: &Finding) -> std::cmp::Ordering {
        #[allow(clippy::type_complexity)]
        fn key(
            f: &Finding,
        ) -> (
            (&str, u32, &str),
            (&str, &str, u32),
            (&[crate::input::ModuleCall], Status, Enforcement, Severity),
            (
                &Option<Box<ExceptionRef>>,
                &Option<Box<ExpiredRef>>,
                &Option<String>,
                &Option<String>,
            ),
            (&str, u32, Option<BaselineState>),
        ) {
            (
                (&*f.file, f.line, f.rule_id.as_str()),
                (f.resource.as_str(), f.message.as_str(), f.column),
                (&f.module_calls, f.status, f.enforcement, f.severity),
                (&f.exception, &f.expired_exception, &f.render, &f.rendered),
                (&*f.source_rule, f.end_line, f.baseline),
            )
        }
        key(self).cmp(&key(other)).then_with(|| {
            if self.details == other.details {
                std::cmp::Ordering::Equal
            } else {
                serde_json::to_string(&self.details)
                    .unwrap_or_default()
                    .cmp(&serde_json::to_string(&other.details).unwrap_or_default())
            }
        })
    }
}
