//! JUnit XML for GitLab, Jenkins and other CI test reports: one test case per rule × resource
//! that produced findings (a failure when blocking, passing with output when it only warns or is
//! excepted), one erroring test case per file that could not be judged, and a passing case for the
//! scan when nothing was found.

use super::ReportContext;
use crate::judge::Finding;
use std::collections::BTreeMap;
use std::fmt::Write as _;

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters (even escaped) and U+FFFE/U+FFFF.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(ctx: &ReportContext) -> String {
    let o = ctx.outcome;
    let mut cases: BTreeMap<(&str, &str, &str), Vec<&Finding>> = BTreeMap::new();
    for f in &o.findings {
        cases
            .entry((&f.file, &f.rule_id, &f.resource))
            .or_default()
            .push(f);
    }
    let failures = cases
        .values()
        .filter(|fs| fs.iter().any(|f| f.blocks()))
        .count();
    let errors = o.errors.len();
    let tests = cases.len().max(1) + errors;
    let mut body = String::new();
    for ((file, rule, resource), findings) in &cases {
        let _ = writeln!(
            body,
            "    <testcase classname=\"{}\" name=\"{} {}\" file=\"{}\">",
            xml(file),
            xml(rule),
            xml(resource),
            xml(file)
        );
        let details: Vec<String> = findings
            .iter()
            .map(|f| {
                let mut line = format!(
                    "{}:{}: [{} {}] {}",
                    f.file,
                    f.line,
                    f.enforcement.as_str(),
                    f.severity,
                    f.message
                );
                if let Some(ex) = &f.exception {
                    line.push_str(&format!(" (excepted by {}: {})", ex.id, ex.reason));
                }
                line
            })
            .collect();
        if let Some(first) = findings.iter().find(|f| f.blocks()) {
            let _ = writeln!(
                body,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml(&first.message),
                xml(&first.severity.to_string()),
                xml(&details.join("\n"))
            );
        } else {
            let _ = writeln!(
                body,
                "      <system-out>{}</system-out>",
                xml(&details.join("\n"))
            );
        }
        body.push_str("    </testcase>\n");
    }
    for e in &o.errors {
        let _ = writeln!(
            body,
            "    <testcase classname=\"{}\" name=\"tollgate {} error\" file=\"{}\">\n      <error message=\"{}\" type=\"{}\">{}:{}:{}: {}</error>\n    </testcase>",
            xml(&e.path),
            e.kind,
            xml(&e.path),
            xml(&e.message),
            e.kind,
            xml(&e.path),
            e.line,
            e.column,
            xml(&e.message)
        );
    }
    if cases.is_empty() {
        body.push_str("    <testcase classname=\"tollgate\" name=\"scan\"/>\n");
    }
    let mut properties = format!(
        "    <properties>\n      <property name=\"left-out\" value=\"{}\"/>\n",
        xml(&super::left_out(o))
    );
    for r in &o.governance {
        let _ = writeln!(
            properties,
            "      <property name=\"relaxation\" value=\"{}\"/>",
            xml(&super::relaxation_text(r))
        );
    }
    for w in super::warnings(o) {
        let _ = writeln!(
            properties,
            "      <property name=\"warning\" value=\"{}\"/>",
            xml(&w)
        );
    }
    properties.push_str("    </properties>\n");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"tollgate\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n  <testsuite name=\"tollgate\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">\n{properties}{body}  </testsuite>\n</testsuites>\n"
    )
}
