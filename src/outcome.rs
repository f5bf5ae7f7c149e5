//! The outcome of a scan as data: findings, problems (what could not be judged), skipped files,
//! counts, timings and exception health, with the verdict they add up to.
//!
//! Reports render an [`Outcome`] and the rule catalog; they never reach back into the pipeline
//! or the walker.

use crate::input::{InputError, Skipped};
use crate::judge::governance::{Change, Relaxation};
use crate::judge::{ExceptionHealth, ExceptionState, Finding, Verdict};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Why something could not be judged. Any problem makes the run exit 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemKind {
    /// The file does not parse (or an inline suppression in it is invalid).
    Parse,
    /// The file or directory could not be read.
    Read,
    /// A policy failed on the document (runtime error, time limit).
    Policy,
    /// A notice that `--strict` (or `--strict-exceptions`) turns into an error: a policy that
    /// evaluates nothing, a rule id that matches no rule.
    Config,
}

impl ProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Parse => "parse",
            ProblemKind::Read => "read",
            ProblemKind::Policy => "policy",
            ProblemKind::Config => "config",
        }
    }
}

impl std::fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file or document that could not be judged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    pub fn from_input(e: InputError, kind: ProblemKind) -> Self {
        Problem {
            path: e.path,
            line: e.line,
            column: e.column,
            kind,
            message: e.message,
        }
    }
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    /// Files that were read and parsed (Terraform, YAML, JSON).
    pub files_scanned: usize,
    /// Documents evaluated (Terraform files, manifests, plans).
    pub documents: usize,
    /// Files of types tollgate does not read.
    pub files_unsupported: usize,
    /// Files left out by `--include` / `--exclude`.
    pub files_excluded: usize,
    /// Files of a supported type that ignore files left out (git does not track them).
    pub files_ignored: usize,
    /// Directories never entered (`.git`, `.terraform`, `node_modules`, `.tollgate`).
    pub directories_skipped: usize,
    /// Terraform attribute values static evaluation could not resolve (kept as `"${...}"`),
    /// so a reader knows how much it could not see.
    pub unresolved_values: usize,
}

/// Time spent per stage, summed over worker threads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub discover: Duration,
    /// Grouping files into units (module directories and their calls, charts, overlays).
    pub plan: Duration,
    /// Wall time of the parallel phase (read, parse, evaluate, judge every unit).
    pub units: Duration,
    /// The run-wide steps after it (sorting, duplicates, compliance, notices).
    pub finish: Duration,
    pub read_parse: Duration,
    /// Of `read_parse`, time in renderer subprocesses (helm, kustomize).
    pub render: Duration,
    pub evaluate: Duration,
    pub total: Duration,
    /// Documents the VM failed on, evaluated again by the interpreter (slow path).
    pub vm_fallbacks: usize,
}

#[derive(Debug)]
pub struct Outcome {
    /// Sorted by [`Finding::report_order`].
    /// Boxed: collecting, sorting and merging move pointers, not findings (at 100,000 files the
    /// findings are most of the memory).
    pub findings: crate::judge::Findings,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<Problem>,
    pub stats: Stats,
    pub timings: Timings,
    /// Every exception (file and inline) with its status after this run.
    pub exceptions: ExceptionHealth,
    /// `--strict-exceptions`: expired or unused exceptions fail the run.
    pub strict_exceptions: bool,
    /// What weakens the gate in this run (rules off, downgrades, rollouts, broad exceptions).
    pub governance: Vec<Relaxation>,
    /// Things that did not stop the run but that a reader must see.
    pub notices: Vec<Notice>,
    /// With `--base`: the base revision and how the findings compare with it.
    pub base: Option<BaseComparison>,
    /// With `--base`: how the pull request changes the gate's own rules (configuration,
    /// exceptions, policies); the run used the base's.
    pub governance_changes: Vec<Change>,
    /// `--fail-on-governance-change`: any governance change fails the run.
    pub fail_on_governance_change: bool,
    /// Per rule: resources evaluated versus failing (policy-as-code compliance).
    pub compliance: Vec<RuleCompliance>,
    /// The security team's exception numbers.
    pub exception_metrics: ExceptionMetrics,
    /// With `--shard`: this shard's part, for `tollgate merge`.
    pub shard: Option<crate::shard::ShardState>,
}

/// Exception health as numbers: aging, expiry, use, owners, kinds, false positives by rule.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExceptionMetrics {
    pub count: usize,
    pub active: usize,
    pub expiring: usize,
    pub expired: usize,
    pub unused: usize,
    /// Exceptions older than `aged_days` (by `created`).
    pub aged: usize,
    pub aged_days: i64,
    /// `aged / count`, rounded to 3 decimals.
    pub aged_share: f64,
    pub aged_share_target: f64,
    pub by_owner: std::collections::BTreeMap<String, OwnerMetrics>,
    /// Exceptions per `kind` (`unspecified` when none is given).
    pub by_kind: std::collections::BTreeMap<String, usize>,
    /// Findings excepted as false positives, per rule: the rules to tune.
    pub false_positives_by_rule: std::collections::BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OwnerMetrics {
    pub count: usize,
    pub expiring: usize,
    pub expired: usize,
    pub unused: usize,
    pub aged: usize,
}

impl ExceptionMetrics {
    pub fn of(
        health: &ExceptionHealth,
        findings: &[Box<Finding>],
        aged_days: i64,
        aged_share_target: f64,
    ) -> Self {
        let mut m = ExceptionMetrics {
            count: health.entries.len(),
            active: health.count(ExceptionState::Active),
            expiring: health.count(ExceptionState::Expiring),
            expired: health.count(ExceptionState::Expired),
            unused: health.count(ExceptionState::Unused),
            aged_days,
            aged_share_target,
            ..ExceptionMetrics::default()
        };
        for e in &health.entries {
            let aged = e.age_days.is_some_and(|a| a > aged_days);
            m.aged += usize::from(aged);
            let owner = if e.exception.owner.is_empty() {
                "(none)".to_string()
            } else {
                e.exception.owner.clone()
            };
            let o = m.by_owner.entry(owner).or_default();
            o.count += 1;
            o.aged += usize::from(aged);
            match e.status {
                ExceptionState::Expiring => o.expiring += 1,
                ExceptionState::Expired => o.expired += 1,
                ExceptionState::Unused => o.unused += 1,
                ExceptionState::Active => {}
            }
            *m.by_kind
                .entry(
                    e.exception
                        .kind
                        .clone()
                        .unwrap_or_else(|| "unspecified".into()),
                )
                .or_default() += 1;
        }
        m.aged_share = if m.count == 0 {
            0.0
        } else {
            ((m.aged as f64 / m.count as f64) * 1000.0).round() / 1000.0
        };
        for f in findings {
            if f.exception.as_ref().and_then(|x| x.kind.as_deref()) == Some("false-positive") {
                *m.false_positives_by_rule
                    .entry(f.rule_id.clone())
                    .or_default() += 1;
            }
        }
        m
    }

    /// More exceptions are aged than the target allows.
    pub fn above_target(&self) -> bool {
        self.count > 0 && self.aged_share > self.aged_share_target
    }
}

/// How a rule fared: resources of its declared types evaluated, failing (a finding that is not
/// excepted) and excepted only. Compliance is `(evaluated - failing - excepted) / evaluated`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCompliance {
    pub rule_id: String,
    pub title: String,
    pub evaluated: usize,
    pub failing: usize,
    pub excepted: usize,
}

impl RuleCompliance {
    pub fn rate(&self) -> f64 {
        if self.evaluated == 0 {
            1.0
        } else {
            (self.evaluated - self.failing - self.excepted) as f64 / self.evaluated as f64
        }
    }
}

impl Outcome {
    /// Compliance over every rule: resource evaluations that passed, out of all.
    pub fn compliance_rate(&self) -> f64 {
        let total: usize = self.compliance.iter().map(|c| c.evaluated).sum();
        let bad: usize = self.compliance.iter().map(|c| c.failing + c.excepted).sum();
        if total == 0 {
            1.0
        } else {
            (total - bad) as f64 / total as f64
        }
    }
}

/// The findings of a run against those of its base revision.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BaseComparison {
    /// The revision as given and its commit id.
    pub revision: String,
    pub commit: String,
    /// Failed findings the base does not have.
    pub new: usize,
    /// Failed findings the base already has (same rule, file, resource, occurrence).
    pub existing: usize,
    /// Failed findings of the base that are gone.
    pub fixed: usize,
}

/// (rule, file, resource, occurrence) of each finding, in order; `file` may be mapped (renames).
fn fingerprints<'a>(
    findings: impl Iterator<Item = &'a Finding>,
    file: impl Fn(&Finding) -> String,
) -> impl Iterator<Item = (String, String, String, usize)> {
    let mut seen: std::collections::HashMap<(String, String, String), usize> =
        std::collections::HashMap::new();
    findings.map(move |f| {
        let key = (f.rule_id.clone(), file(f), f.resource.clone());
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        (key.0, key.1, key.2, *n)
    })
}

/// A warning about the run itself (not about a resource).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A user policy file whose rules are never evaluated.
    PolicyNotEvaluated {
        file: String,
        package: String,
        namespace_not_selected: bool,
    },
    /// A rule id or glob in the configuration or an exception that matches no rule.
    UnknownRule {
        pattern: String,
        declared_at: String,
    },
    /// A Terraform module call that was not followed, so the module's resources were not judged
    /// through it (a remote source that `terraform init` has not downloaded).
    ModuleNotFollowed {
        file: String,
        line: u32,
        address: String,
        source: String,
        reason: String,
    },
    /// A module directory with `.tofu` files, read as OpenTofu reads it: its `.tofu` files take
    /// the place of the same-named `.tf` files (`replaced`), which were not judged.
    #[serde(rename = "read_as_opentofu")]
    ReadAsOpenTofu { dir: String, replaced: Vec<String> },
    /// A named file's module directory whose caller search stopped at its bound: judged as a
    /// root module with its own defaults, though a module further away may call it.
    CallerSearchStopped { dir: String, directories: usize },
}

/// Findings by what they do to the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub blocking: usize,
    pub warnings: usize,
    pub excepted: usize,
    /// With `--base`: failed findings the base already had (neither blocking nor warning).
    pub existing: usize,
}

impl Outcome {
    /// Marks every failed finding new or existing against the base's findings, by fingerprint:
    /// rule, file, resource and occurrence, never line numbers (the same one SARIF uses), so moved
    /// lines do not matter; files git reports as renamed keep their base findings.
    pub fn compare_with_base(
        &mut self,
        base: &Outcome,
        revision: &str,
        commit: &str,
        renames: &std::collections::HashMap<String, String>,
    ) {
        use crate::judge::{BaselineState, Status};
        let renamed = |file: &str| {
            renames
                .get(file)
                .cloned()
                .unwrap_or_else(|| file.to_string())
        };
        // Every finding the base has counts, excepted ones too: a rename that moves a file out of
        // its exception's paths does not make its finding the change's.
        let base_prints: std::collections::HashSet<(String, String, String, usize)> =
            fingerprints(base.findings.iter().map(|f| &**f), |f| renamed(&f.file)).collect();
        let base_failed: Vec<(String, String, String, usize)> = fingerprints(
            base.findings
                .iter()
                .map(|f| &**f)
                .filter(|f| f.status == Status::Failed),
            |f| renamed(&f.file),
        )
        .collect();
        let head_prints: Vec<(String, String, String, usize)> = fingerprints(
            self.findings
                .iter()
                .map(|f| &**f)
                .filter(|f| f.status == Status::Failed),
            |f| f.file.to_string(),
        )
        .collect();
        let mut comparison = BaseComparison {
            revision: revision.to_string(),
            commit: commit.to_string(),
            ..BaseComparison::default()
        };
        let mut prints = head_prints.iter();
        for f in self
            .findings
            .iter_mut()
            .filter(|f| f.status == Status::Failed)
        {
            let print = prints.next().expect("one fingerprint per failed finding");
            if base_prints.contains(print) {
                f.baseline = Some(BaselineState::Existing);
                comparison.existing += 1;
            } else {
                f.baseline = Some(BaselineState::New);
                comparison.new += 1;
            }
        }
        let head_set: std::collections::HashSet<&(String, String, String, usize)> =
            head_prints.iter().collect();
        comparison.fixed = base_failed.iter().filter(|p| !head_set.contains(p)).count();
        self.base = Some(comparison);
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.findings {
            if f.blocks() {
                c.blocking += 1;
            } else if f.warns() {
                c.warnings += 1;
            } else if f.is_existing() {
                c.existing += 1;
            } else {
                c.excepted += 1;
            }
        }
        c
    }

    pub fn verdict(&self) -> Verdict {
        let stale = self.strict_exceptions
            && (self.exceptions.count(ExceptionState::Expired) > 0
                || self.exceptions.count(ExceptionState::Unused) > 0);
        let governance = self.fail_on_governance_change && !self.governance_changes.is_empty();
        Verdict::of(&self.findings, self.errors.len(), stale || governance)
    }
}
