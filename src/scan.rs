//! The scan pipeline: discover → read and parse → evaluate → judge, in parallel, then sorted.
//!
//! Work is split into units (a Terraform module directory, or one YAML/JSON file); each worker
//! thread owns a clone of the compiled policies and streams its units' documents through them,
//! so documents are dropped as soon as they are judged and only findings are kept.

use crate::discover::{self, Candidate, Discovery, FileKind, Filters};
use crate::input::terraform::SourceFile;
use crate::input::{self, InputError, Parsed, Skipped};
use crate::judge::exceptions::Exception;
use crate::judge::{self, ExceptionHealth, ExceptionState, Finding, Judge, Verdict};
use crate::policy::PolicySet;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to scan and how.
pub struct ScanRequest {
    pub root: PathBuf,
    pub paths: Vec<PathBuf>,
    pub filters: Filters,
    pub threads: usize,
    /// Files larger than this are skipped and reported.
    pub max_file_size: u64,
    /// Parse without evaluating (benchmark floor).
    pub parse_only: bool,
}

/// A file or document that could not be judged. Any of these makes the run exit 2.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ScanError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// `parse`, `read` or `policy`.
    pub kind: &'static str,
    pub message: String,
}

impl ScanError {
    fn from_input(e: InputError, kind: &'static str) -> Self {
        ScanError {
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
}

/// Time spent per stage, summed over worker threads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub discover: Duration,
    pub read_parse: Duration,
    pub evaluate: Duration,
    pub total: Duration,
    /// Documents the VM failed on, evaluated again by the interpreter (slow path).
    pub vm_fallbacks: usize,
}

#[derive(Debug)]
pub struct ScanOutcome {
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<ScanError>,
    pub stats: Stats,
    pub timings: Timings,
    /// Every exception (file and inline) with its status after this run.
    pub exceptions: ExceptionHealth,
    /// `--strict-exceptions`: expired or unused exceptions fail the run.
    pub strict_exceptions: bool,
}

/// Findings by what they do to the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub blocking: usize,
    pub warnings: usize,
    pub excepted: usize,
}

impl ScanOutcome {
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

enum Unit {
    /// A Terraform module directory and the files in it to judge.
    Module {
        dir: PathBuf,
        judge: Vec<Candidate>,
    },
    File(Candidate),
}

#[derive(Default)]
struct UnitResult {
    findings: Vec<Finding>,
    /// Inline suppressions found, with how many findings each matched.
    inline: Vec<(Exception, usize)>,
    /// Relative paths of the files read.
    scanned: Vec<String>,
    skipped: Vec<Skipped>,
    errors: Vec<ScanError>,
    files: usize,
    documents: usize,
    read_parse: Duration,
    evaluate: Duration,
    vm_fallbacks: usize,
}

pub fn scan(
    request: &ScanRequest,
    policies: &PolicySet,
    judge: &Judge,
) -> Result<ScanOutcome, String> {
    let start = Instant::now();
    let discovery = discover::discover(
        &request.root,
        &request.paths,
        &request.filters,
        request.threads,
    );
    let discover_time = start.elapsed();
    let Discovery {
        candidates,
        unsupported,
        excluded,
        problems,
    } = discovery;

    let units = plan_units(candidates);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(request.threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let counter = crate::progress::Counter::default();
    let progress = crate::progress::Progress::start(counter.clone(), units.len(), "files/modules");
    let results: Vec<UnitResult> = pool.install(|| {
        units
            .par_iter()
            .map_init(
                || policies.evaluator(),
                |evaluator, unit| {
                    let r = run_unit(unit, request, policies, judge, evaluator);
                    counter.add(1);
                    r
                },
            )
            .collect()
    });

    drop(progress);
    let mut outcome = ScanOutcome {
        findings: Vec::new(),
        skipped: Vec::new(),
        errors: problems
            .into_iter()
            .map(|(path, message)| ScanError {
                path,
                line: 0,
                column: 0,
                kind: "read",
                message,
            })
            .collect(),
        stats: Stats {
            files_unsupported: unsupported,
            files_excluded: excluded,
            ..Stats::default()
        },
        timings: Timings {
            discover: discover_time,
            ..Timings::default()
        },
        exceptions: ExceptionHealth::default(),
        strict_exceptions: judge.strict_exceptions,
    };
    let mut inline = Vec::new();
    let mut scanned = Vec::new();
    for r in results {
        inline.extend(r.inline);
        scanned.extend(r.scanned);
        outcome.findings.extend(r.findings);
        outcome.skipped.extend(r.skipped);
        outcome.errors.extend(r.errors);
        outcome.stats.files_scanned += r.files;
        outcome.stats.documents += r.documents;
        outcome.timings.read_parse += r.read_parse;
        outcome.timings.evaluate += r.evaluate;
        outcome.timings.vm_fallbacks += r.vm_fallbacks;
    }
    outcome
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    outcome.findings.dedup();
    outcome.skipped.sort();
    outcome.errors.sort();
    scanned.sort();
    // "Unused" needs the whole picture: only directories named means the repository was scanned.
    let full_scan = request.paths.iter().all(|p| p.is_dir());
    outcome.exceptions = judge.health(inline, &scanned, full_scan);
    outcome.timings.total = start.elapsed();
    Ok(outcome)
}

/// Groups Terraform files by directory (a module is parsed as a whole); other files stand alone.
fn plan_units(candidates: Vec<Candidate>) -> Vec<Unit> {
    let mut modules: BTreeMap<PathBuf, Vec<Candidate>> = BTreeMap::new();
    let mut units = Vec::new();
    for c in candidates {
        if c.kind == FileKind::Terraform {
            let dir = c.path.parent().map(Path::to_path_buf).unwrap_or_default();
            modules.entry(dir).or_default().push(c);
        } else {
            units.push(Unit::File(c));
        }
    }
    // Modules are the heaviest units; starting them first keeps all workers busy to the end.
    let mut all: Vec<Unit> = modules
        .into_iter()
        .map(|(dir, judge)| Unit::Module { dir, judge })
        .collect();
    all.extend(units);
    all
}

fn run_unit(
    unit: &Unit,
    request: &ScanRequest,
    policies: &PolicySet,
    judge: &Judge,
    evaluator: &mut crate::policy::Evaluator,
) -> UnitResult {
    let mut result = UnitResult::default();
    let t = Instant::now();
    let parsed = match unit {
        Unit::File(c) => parse_file(c, request.max_file_size, &mut result),
        Unit::Module { dir, judge } => parse_module(dir, judge, request.max_file_size, &mut result),
    };
    result.read_parse = t.elapsed();
    let Parsed {
        documents,
        skipped,
        errors,
    } = parsed;
    result.skipped.extend(skipped);
    result.errors.extend(
        errors
            .into_iter()
            .map(|e| ScanError::from_input(e, "parse")),
    );
    let t = Instant::now();
    let mut last_path: Option<std::sync::Arc<str>> = None;
    for doc in &documents {
        result.documents += 1;
        if last_path.as_deref() != Some(&*doc.path) {
            result.scanned.push(doc.path.to_string());
            last_path = Some(doc.path.clone());
        }
        if request.parse_only {
            continue;
        }
        let inline = match judge::inline::suppressions(doc, judge.limits) {
            Ok(found) => found,
            Err(e) => {
                result.errors.push(ScanError::from_input(e, "parse"));
                continue;
            }
        };
        let mut inline_matches = vec![0; inline.len()];
        let evaluation = policies.evaluate(evaluator, doc);
        result.vm_fallbacks += usize::from(evaluation.vm_failed);
        for e in evaluation.errors {
            result.errors.push(ScanError {
                path: doc.path.to_string(),
                line: doc.span.line,
                column: doc.span.column,
                kind: "policy",
                message: format!("rule {} failed: {}", e.rule, e.message),
            });
        }
        for raw in &evaluation.results {
            if let Some(f) = judge::finding(policies, judge, doc, raw, &inline, &mut inline_matches)
            {
                result.findings.push(f);
            }
        }
        // A file's comments are seen by each of its documents; keep each suppression once.
        for (anchored, matches) in inline.into_iter().zip(inline_matches) {
            if let Some(existing) = result.inline.iter_mut().find(|(e, _)| {
                e.source == anchored.exception.source && e.rules == anchored.exception.rules
            }) {
                existing.1 += matches;
            } else {
                result.inline.push((anchored.exception, matches));
            }
        }
    }
    result.evaluate = t.elapsed();
    result
}

/// Why a file was not read.
enum Unread {
    /// Skipped and counted: not text, so not infrastructure code (binary, not UTF-8).
    NotText(String),
    /// Could not be judged: too large or unreadable. Fails the run closed.
    Error(String),
}

/// Reads a file as UTF-8 text within the size limit.
fn read_text(path: &Path, max: u64) -> Result<String, Unread> {
    let meta = std::fs::metadata(path).map_err(|e| Unread::Error(format!("cannot read: {e}")))?;
    if meta.len() > max {
        return Err(Unread::Error(format!(
            "file is {} bytes, over the {max}-byte limit (raise --max-file-size or --exclude it)",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Unread::Error(format!("cannot read: {e}")))?;
    if bytes.contains(&0) {
        return Err(Unread::NotText("binary file".into()));
    }
    String::from_utf8(bytes).map_err(|_| Unread::NotText("not valid UTF-8 text".into()))
}

fn parse_file(c: &Candidate, max: u64, result: &mut UnitResult) -> Parsed {
    let mut parsed = Parsed::default();
    let text = match read_text(&c.path, max) {
        Ok(t) => t,
        Err(Unread::NotText(reason)) => {
            parsed.skipped.push(Skipped {
                path: c.rel.clone(),
                reason,
            });
            return parsed;
        }
        Err(Unread::Error(reason)) => {
            parsed.errors.push(InputError::new(&c.rel, 0, 0, reason));
            return parsed;
        }
    };
    result.files += 1;
    if c.kind == FileKind::Json && input::plan::looks_like_plan(&text) {
        input::plan::parse(&c.rel, &text)
    } else {
        input::kubernetes::parse(&c.rel, &text)
    }
}

fn parse_module(dir: &Path, judge: &[Candidate], max: u64, result: &mut UnitResult) -> Parsed {
    let mut parsed = Parsed::default();
    let wanted: HashSet<&Path> = judge.iter().map(|c| c.path.as_path()).collect();
    let rel_dir = judge
        .first()
        .and_then(|c| c.rel.rsplit_once('/').map(|(d, _)| d.to_string()))
        .unwrap_or_default();
    let rel_of = |name: &str| {
        if rel_dir.is_empty() {
            name.to_string()
        } else {
            format!("{rel_dir}/{name}")
        }
    };
    // The module's other files give context (variables, locals, related resources) even when
    // only some files were named, as pre-commit does.
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    for c in judge {
        let name = c
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.sort();
    let mut files = Vec::new();
    let mut tfvars = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let is_judged = wanted.contains(path.as_path());
        let lower = name.to_ascii_lowercase();
        let is_tf = lower.ends_with(".tf") || lower.ends_with(".tf.json");
        let is_vars = lower == "terraform.tfvars" || lower.ends_with(".auto.tfvars");
        if !is_tf && !is_vars && !is_judged {
            continue;
        }
        match read_text(&path, max) {
            Ok(text) => {
                let file = SourceFile {
                    path: rel_of(&name),
                    text,
                    judge: is_judged,
                };
                if is_vars {
                    tfvars.push(file)
                } else {
                    files.push(file)
                }
            }
            Err(Unread::Error(reason) | Unread::NotText(reason)) if is_judged => {
                // A Terraform file Terraform itself would read cannot be skipped quietly.
                parsed
                    .errors
                    .push(InputError::new(&rel_of(&name), 0, 0, reason))
            }
            Err(_) => {}
        }
    }
    result.files += files.iter().filter(|f| f.judge).count();
    let mut module = input::terraform::parse_module(&files, &tfvars);
    module.errors.extend(parsed.errors);
    module
}
