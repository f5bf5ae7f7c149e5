//! The run-wide steps over what the units of a scan (or the shards of a split) added up to:
//! findings in report order, exception health, governance, compliance, notices.

use super::*;

/// The run-wide steps over what the units added up to: findings and problems sorted, exception
/// health, governance, compliance, notices (and, with `--strict`, notices as errors). A scan runs
/// them over its units; `tollgate merge` over the shards' parts, with the shards' exception
/// counters added to `judge`.
pub fn finish(partial: Partial, policies: &PolicySet, judge: &Judge) -> Result<Outcome, String> {
    let Partial {
        findings,
        inline,
        mut scanned,
        mut skipped,
        mut errors,
        stats,
        mut unfollowed,
        mut opentofu,
        mut caller_search_stopped,
        evaluated,
        full_scan,
        strict,
        ..
    } = partial;
    let mut findings = sorted_findings(findings);
    findings.dedup();
    skipped.sort();
    scanned.sort();
    // One comment is one exception, however many units judged its file (a module's file through
    // several roots): its matches add up, and the order it was met in does not matter.
    let mut inline = inline;
    inline.sort_by(|a, b| (&a.0.source, &a.0.rules).cmp(&(&b.0.source, &b.0.rules)));
    inline.dedup_by(|later, first| {
        let same = later.0.source == first.0.source && later.0.rules == first.0.rules;
        if same {
            first.1 += later.1;
        }
        same
    });
    let inline: Vec<(Exception, usize)> = inline
        .into_iter()
        .map(|(e, n)| Exception::try_from(e).map(|e| (e, n)))
        .collect::<Result<_, _>>()?;
    let mut outcome = Outcome {
        findings,
        skipped,
        errors: Vec::new(),
        stats: Stats {
            files_scanned: stats.files_scanned,
            documents: stats.documents,
            unresolved_values: stats.unresolved_values,
            files_unsupported: stats.files_unsupported,
            files_excluded: stats.files_excluded,
            files_ignored: stats.files_ignored,
            directories_skipped: stats.directories_skipped,
        },
        timings: Timings::default(),
        exceptions: judge.health(inline, &scanned, full_scan),
        strict_exceptions: judge.strict_exceptions,
        governance: judge.relaxations(),
        notices: Vec::new(),
        base: None,
        governance_changes: Vec::new(),
        fail_on_governance_change: false,
        compliance: Vec::new(),
        exception_metrics: Default::default(),
        shard: None,
    };
    let evaluated: std::collections::HashMap<usize, usize> = evaluated.into_iter().collect();
    outcome.compliance = compliance(policies, judge, &evaluated, &outcome.findings);
    outcome.exception_metrics = crate::outcome::ExceptionMetrics::of(
        &outcome.exceptions,
        &outcome.findings,
        judge.aged_days,
        judge.aged_share_target,
    );
    outcome.notices = notices(policies, judge, &outcome);
    unfollowed.sort();
    unfollowed.dedup();
    outcome
        .notices
        .extend(unfollowed.into_iter().map(|u| Notice::ModuleNotFollowed {
            file: u.file,
            line: u.line,
            address: u.address,
            source: u.source,
            reason: u.reason,
        }));
    opentofu.sort();
    opentofu.dedup();
    outcome
        .notices
        .extend(opentofu.into_iter().map(|m| Notice::ReadAsOpenTofu {
            dir: m.dir,
            replaced: m.replaced,
        }));
    caller_search_stopped.sort();
    caller_search_stopped.dedup();
    outcome
        .notices
        .extend(
            caller_search_stopped
                .into_iter()
                .map(|dir| Notice::CallerSearchStopped {
                    dir,
                    directories: crate::input::terraform::MAX_CANDIDATES,
                }),
        );
    // Reading a module as OpenTofu does is information, not a weakening: never an error.
    let as_errors = |n: &Notice| {
        (strict && !matches!(n, Notice::ReadAsOpenTofu { .. }))
            || (judge.strict_exceptions && matches!(n, Notice::UnknownRule { .. }))
    };
    for n in outcome.notices.iter().filter(|n| as_errors(n)) {
        let (path, message) = match n {
            Notice::PolicyNotEvaluated { file, package, .. } => (
                file.clone(),
                format!("policy package `{package}` is never evaluated (--strict)"),
            ),
            Notice::UnknownRule {
                pattern,
                declared_at,
            } => (declared_at.clone(), format!("`{pattern}` matches no rule")),
            Notice::ModuleNotFollowed {
                file,
                address,
                reason,
                ..
            } => (
                file.clone(),
                format!("module call `{address}` not followed (--strict): {reason}"),
            ),
            Notice::ReadAsOpenTofu { .. } => continue,
            Notice::CallerSearchStopped { dir, directories } => (
                dir.clone(),
                format!(
                    "no caller of this module found in the {directories} directories searched; judged as a root module (--strict)"
                ),
            ),
        };
        errors.push(Problem {
            path,
            line: 0,
            column: 0,
            kind: ProblemKind::Config,
            message,
        });
    }
    errors.sort();
    outcome.errors = errors;
    Ok(outcome)
}

/// Findings in report order ([`Finding::report_order`], stable). Findings are boxed, so the stable
/// sort's buffer holds pointers, not findings. Sorted on every worker: at 300,000 findings the sort
/// was most of the serial work after the parallel phase.
pub(super) fn sorted_findings(mut findings: judge::Findings) -> judge::Findings {
    findings.par_sort_by(|a, b| a.report_order(b));
    findings
}

/// Per rule with declared resource types: resources evaluated, and those with a finding (failing)
/// or only excepted findings. Sorted by rule id.
fn compliance(
    policies: &PolicySet,
    judge: &Judge,
    evaluated: &std::collections::HashMap<usize, usize>,
    findings: &[Box<Finding>],
) -> Vec<crate::outcome::RuleCompliance> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut by_id: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for (i, rule) in policies.rules.iter().enumerate() {
        // Opt-in rules not switched on, and rules the configuration switches off, judged
        // nothing: they must not count as 100 % compliant.
        if rule.facts.resource_types.is_empty()
            || (rule.facts.off_by_default && !judge.enables(&rule.facts.id))
            || judge.switched_off(&rule.facts.id)
        {
            continue;
        }
        let entry = by_id
            .entry(rule.facts.id.as_str())
            .or_insert((0, &*rule.facts.title));
        entry.0 += evaluated.get(&i).copied().unwrap_or(0);
    }
    let mut failing: BTreeMap<&str, BTreeSet<(&str, &str)>> = BTreeMap::new();
    let mut excepted: BTreeMap<&str, BTreeSet<(&str, &str)>> = BTreeMap::new();
    for f in findings {
        let key = (&*f.file, f.resource.as_str());
        match f.status {
            crate::judge::Status::Failed => failing.entry(&f.rule_id).or_default().insert(key),
            crate::judge::Status::Excepted => excepted.entry(&f.rule_id).or_default().insert(key),
        };
    }
    by_id
        .into_iter()
        .filter(|(_, (n, _))| *n > 0)
        .map(|(id, (n, title))| {
            let fail = failing.get(id).map_or(0, |s| s.len());
            let exc = excepted.get(id).map_or(0, |s| {
                s.iter()
                    .filter(|k| !failing.get(id).is_some_and(|f| f.contains(k)))
                    .count()
            });
            crate::outcome::RuleCompliance {
                rule_id: id.to_string(),
                title: title.to_string(),
                evaluated: n,
                failing: fail.min(n),
                excepted: exc.min(n - fail.min(n)),
            }
        })
        .collect()
}

/// Warnings about the run: user policies that evaluate nothing, and rule ids or globs in the
/// configuration or in exceptions that match no rule of the library, no loaded policy and no
/// finding (a typo such as `TG-AWS-S3-01` would otherwise silently do nothing).
fn notices(policies: &PolicySet, judge: &Judge, outcome: &Outcome) -> Vec<Notice> {
    let mut out: Vec<Notice> = policies
        .unevaluated
        .iter()
        .map(|u| Notice::PolicyNotEvaluated {
            file: u.file.clone(),
            package: u.package.clone(),
            namespace_not_selected: u.namespace_not_selected,
        })
        .collect();
    let known = |pattern: &str| {
        crate::policy::builtin::all_ids()
            .iter()
            .chain(policies.rules.iter().map(|r| &r.facts.id))
            .chain(outcome.findings.iter().map(|f| &f.rule_id))
            .any(|id| crate::policy::glob_match(pattern, id))
    };
    let patterns =
        judge
            .rule_patterns()
            .into_iter()
            .chain(outcome.exceptions.entries.iter().flat_map(|e| {
                e.exception
                    .rules
                    .iter()
                    .map(|r| (r.clone(), e.exception.source.clone()))
            }));
    for (pattern, declared_at) in patterns {
        if !known(&pattern) {
            out.push(Notice::UnknownRule {
                pattern,
                declared_at,
            });
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod sort_tests {
    use super::*;

    #[test]
    fn findings_sort_in_place_stably() {
        let finding = |file: &str, line: u32, message: &str| Finding {
            message: message.into(),
            ..Finding::sample("R", file, line)
        };
        let mut input = Vec::new();
        for i in 0..200u32 {
            let mut f = finding(&format!("f{}", (i * 7) % 13), (i * 5) % 11, "m");
            // Equal keys keep their input order (told apart by a field the key ignores).
            f.source_rule = i.to_string().into();
            input.push(Box::new(f));
        }
        let mut expected = input.clone();
        expected.sort_by(|a, b| a.report_order(b));
        assert_eq!(sorted_findings(input), expected);
    }
}
