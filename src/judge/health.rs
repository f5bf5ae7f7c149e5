//! Exception health after a scan: which exceptions are active, expiring, expired or unused, and
//! how old they are.

use super::{Exception, Judge};
use serde::Serialize;
use std::sync::atomic::Ordering;

impl Judge {
    /// Health of every exception after a scan. `inline` holds inline suppressions with match counts.
    pub fn health(
        &self,
        inline: Vec<(Exception, usize)>,
        scanned_files: &[String],
        full_scan: bool,
    ) -> ExceptionHealth {
        let mut entries = Vec::new();
        // Each scanned file matched once against all exceptions' paths (not each exception
        // against every file: thousands of baseline exceptions made that quadratic).
        let mentioned = self.index.mentioned(&self.exceptions, scanned_files);
        let file_entries = self
            .exceptions
            .iter()
            .zip(&self.matches)
            .zip(mentioned)
            .map(|((e, m), mentioned)| (e.clone(), m.load(Ordering::Relaxed), mentioned));
        let inline = inline.into_iter().map(|(e, m)| (e, m, false));
        for (e, matches, mentioned) in file_entries.chain(inline) {
            let days_left = e.days_left(self.today);
            // With only some files scanned (pre-commit), silence is not evidence of staleness.
            let could_match =
                e.origin.is_inline() || if e.has_paths() { mentioned } else { full_scan };
            let status = if days_left < 0 {
                ExceptionState::Expired
            } else if matches == 0 && could_match {
                ExceptionState::Unused
            } else if days_left <= self.warn_before_days {
                ExceptionState::Expiring
            } else {
                ExceptionState::Active
            };
            entries.push(ExceptionStatus {
                age_days: e.created.map(|c| c.days_until(self.today)),
                days_left,
                status,
                matches,
                exception: e,
            });
        }
        entries.sort_by(|a, b| {
            a.exception
                .source
                .cmp(&b.exception.source)
                .then(a.exception.id.cmp(&b.exception.id))
        });
        ExceptionHealth { entries }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExceptionState {
    Active,
    Expiring,
    Expired,
    Unused,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExceptionStatus {
    #[serde(flatten)]
    pub exception: Exception,
    pub status: ExceptionState,
    pub days_left: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i64>,
    pub matches: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ExceptionHealth {
    pub entries: Vec<ExceptionStatus>,
}

impl ExceptionHealth {
    pub fn count(&self, state: ExceptionState) -> usize {
        self.entries.iter().filter(|e| e.status == state).count()
    }
}
