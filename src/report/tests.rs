//! `tollgate verify`: one line per Rego unit test and a count, or JSON.

use crate::cli::RulesFormat;
use crate::policy::verify::TestResult;
use std::fmt::Write as _;

pub fn render(results: &[TestResult], format: RulesFormat) -> String {
    if format == RulesFormat::Json {
        let mut out = serde_json::to_string_pretty(results).expect("serializes");
        out.push('\n');
        return out;
    }
    let failed = results.iter().filter(|r| !r.passed).count();
    let mut out = String::new();
    for r in results {
        let status = if r.passed { "PASS" } else { "FAIL" };
        let _ = write!(out, "{status} {} ({})", r.name, r.file);
        if let Some(e) = &r.error {
            let _ = write!(out, ": {e}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} test(s), {} passed, {} failed",
        results.len(),
        results.len() - failed,
        failed
    );
    out
}
