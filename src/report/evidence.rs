//! Audit evidence (`--report evidence=PATH`): a deterministic JSON record of one run for auditors
//! — tool version, policy library fingerprint, repository revision, date, every rule evaluated with
//! its framework mappings and pass/fail/excepted counts, per control, and the exceptions in force.
//! No timings, so the same input on the same day gives the same bytes.

use super::ReportContext;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Schema version of the evidence record.
pub const EVIDENCE_VERSION: u32 = 1;

pub fn write(ctx: &ReportContext, out: &mut dyn Write) -> io::Result<()> {
    let o = ctx.outcome;
    let compliance: BTreeMap<&str, &crate::outcome::RuleCompliance> = o
        .compliance
        .iter()
        .map(|c| (c.rule_id.as_str(), c))
        .collect();
    let mut rules: BTreeMap<&str, Value> = BTreeMap::new();
    let mut controls: BTreeMap<String, (usize, usize, usize, Vec<String>)> = BTreeMap::new();
    for rule in ctx.rules {
        let f = &rule.facts;
        if rules.contains_key(f.id.as_str()) {
            continue;
        }
        let c = compliance.get(f.id.as_str());
        let (evaluated, failing, excepted) =
            c.map_or((0, 0, 0), |c| (c.evaluated, c.failing, c.excepted));
        let passed = evaluated - failing - excepted;
        rules.insert(
            &f.id,
            json!({
                "id": f.id,
                "title": f.title,
                "severity": f.severity,
                "enforcement": if f.off_by_default { "off" } else { f.enforcement.as_str() },
                "frameworks": f.frameworks,
                "resources_evaluated": evaluated,
                "passed": passed,
                "failed": failing,
                "excepted": excepted,
            }),
        );
        for framework in &f.frameworks {
            let entry = controls.entry(framework.clone()).or_default();
            entry.0 += passed;
            entry.1 += failing;
            entry.2 += excepted;
            entry.3.push(f.id.clone());
        }
    }
    let exceptions: Vec<Value> = o
        .exceptions
        .entries
        .iter()
        .map(|e| {
            let x = &e.exception;
            json!({
                "id": x.id,
                "rules": x.rules,
                "resources": x.resources,
                "paths": x.paths,
                "owner": x.owner,
                "reason": x.reason,
                "ticket": x.ticket,
                "kind": x.kind,
                "created": x.created,
                "expires": x.expires,
                "status": e.status,
                "matches": e.matches,
                "declared_at": x.source,
            })
        })
        .collect();
    let record = json!({
        "evidence_version": EVIDENCE_VERSION,
        "tool": {
            "name": "tollgate",
            "version": super::tool_version(),
            "policy_library": crate::policy::builtin::library_hash(),
        },
        "repository_revision": ctx.revision,
        "date": ctx.today,
        "verdict": o.verdict().as_str(),
        "compliance_rate": (o.compliance_rate() * 1000.0).round() / 1000.0,
        "rules": rules.into_values().collect::<Vec<_>>(),
        "controls": controls.into_iter().map(|(control, (passed, failed, excepted, rules))| json!({
            "control": control,
            "passed": passed,
            "failed": failed,
            "excepted": excepted,
            "rules": rules,
        })).collect::<Vec<_>>(),
        "exceptions": exceptions,
        "relaxations": o.governance,
        "errors": o.errors.len(),
    });
    super::write_pretty(&record, out)
}
