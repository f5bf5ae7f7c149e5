//! The outcome of a scan as data: findings, problems (what could not be judged), skipped files,
//! counts, timings and exception health, with the verdict they add up to.
//!
//! Reports render an [`Outcome`] and the rule catalog; they never reach back into the pipeline
//! or the walker.

use crate::input::{InputError, Skipped};
use crate::judge::governance::Relaxation;
use crate::judge::{ExceptionHealth, ExceptionState, Finding, Verdict};
use serde::Serialize;
use std::time::Duration;

/// Why something could not be judged. Any problem makes the run exit 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    /// Sorted by [`Finding::sort_key`].
    pub findings: Vec<Finding>,
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
}

/// Findings by what they do to the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub blocking: usize,
    pub warnings: usize,
    pub excepted: usize,
}

impl Outcome {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.findings {
            if f.blocks() {
                c.blocking += 1;
            } else if f.warns() {
                c.warnings += 1;
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
        Verdict::of(&self.findings, self.errors.len(), stale)
    }
}
