//! `tollgate verify`: one line per Rego unit test and a count, or JSON.

use crate::cli::RulesFormat;
use crate::policy::verify::{FileCoverage, TestResult};
use std::fmt::Write as _;

pub fn render(results: &[TestResult], coverage: &[FileCoverage], format: RulesFormat) -> String {
    if format == RulesFormat::Json {
        let value = if coverage.is_empty() {
            serde_json::to_value(results)
        } else {
            serde_json::to_value(serde_json::json!({"tests": results, "coverage": coverage}))
        };
        let mut out =
            serde_json::to_string_pretty(&value.expect("serializes")).expect("serializes");
        out.push('\n');
        return out;
    }
    let failed = results.iter().filter(|r| !r.passed).count();
    let mut out = String::new();
    for r in results {
        let status = if r.passed { "PASS" } else { "FAIL" };
        let _ = write!(out, "{status} {} ({}:{})", r.name, r.file, r.line);
        if let Some(e) = &r.error {
            let _ = write!(out, ": {e}");
        }
        out.push('\n');
        if let Some(why) = &r.explain {
            let _ = writeln!(
                out,
                "  {}:{}: `{}` is false",
                r.file, why.line, why.expression
            );
            for (side, value) in &why.values {
                if side != value {
                    let _ = writeln!(out, "    {side} = {value}");
                }
            }
        }
    }
    for c in coverage {
        let total = c.covered + c.not_covered.len();
        let percent = if total == 0 {
            100.0
        } else {
            c.covered as f64 * 100.0 / total as f64
        };
        let missed: Vec<String> = c.not_covered.iter().map(u32::to_string).collect();
        let _ = writeln!(
            out,
            "coverage {}: {percent:.1}% ({} of {total} lines){}",
            c.file,
            c.covered,
            if missed.is_empty() {
                String::new()
            } else {
                format!("; not evaluated: lines {}", missed.join(", "))
            }
        );
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
