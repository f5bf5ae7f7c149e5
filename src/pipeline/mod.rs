//! The scan pipeline: discover → read and parse → evaluate → judge, in parallel, then sorted.
//!
//! Work is split into units (a Terraform module directory, or one YAML/JSON file); each worker
//! thread owns an evaluator for the compiled policies and streams its units' documents through
//! them, so documents are dropped as soon as they are judged and only findings are kept. This
//! module wires stages together; it knows no format, no rule and no report.

use crate::discover::{self, Discovery, Filters};
use crate::input::{self, Parsed, Skipped, Unit};
use crate::judge::exceptions::Exception;
use crate::judge::{self, Finding, Judge};
use crate::outcome::{Notice, Outcome, Problem, ProblemKind, Stats, Timings};
use crate::policy::PolicySet;
use crate::shard::Partial;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod finish;
mod pending;
mod unit;

pub use finish::finish;
pub use pending::{FillOnDrop, Policies, PolicySlot};
use unit::{Gathered, run_unit};

/// What to scan and how.
pub struct ScanRequest {
    pub root: PathBuf,
    pub paths: Vec<PathBuf>,
    pub filters: Filters,
    pub threads: usize,
    /// How files are read and charts and overlays rendered.
    pub input: input::InputSettings,
    /// Rendered output or manifests read from standard input (`tollgate scan -`).
    pub stdin: Option<input::Source>,
    /// The paths were named on the command line (not the default `.`): each must yield
    /// something to judge.
    pub named: bool,
    /// Parse without evaluating (benchmark floor).
    pub parse_only: bool,
    /// `--strict`: notices about the run are errors.
    pub strict: bool,
    /// `--policy-timeout` also bounds a whole unit (a module directory, a file of many
    /// documents): per-document limits alone let a module whose every document reads the whole
    /// module run for minutes.
    pub unit_timeout: Option<Duration>,
    /// Whether ignore files may prune untracked files (`--no-ignore` turns them off).
    pub ignore_files: discover::IgnoreFiles,
    /// `--shard I/N`: judge only this shard's units.
    pub shard: Option<crate::shard::ShardSpec>,
}

/// Plans and judges: [`plan`], then [`judge_planned`].
pub fn scan(request: &ScanRequest, policies: &PolicySet, judge: &Judge) -> Result<Outcome, String> {
    let planned = plan(request)?;
    judge_planned(request, planned, Policies::Ready(policies), judge)
}

/// What a scan will judge, found before any policy is needed (so policies can load meanwhile):
/// the units (with `--shard`, this shard's), what discovery counted, and the worker pool.
pub struct Planned {
    start: Instant,
    pool: rayon::ThreadPool,
    units: Vec<Unit>,
    /// Units of the whole scan, before sharding.
    total_units: usize,
    partial: Partial,
    timings: Timings,
}

/// Judges what [`plan`] found and runs the run-wide steps. With policies still loading, units
/// are read and parsed meanwhile; if they fail to load, nothing is judged (an error says so; the
/// loader reports why).
pub fn judge_planned(
    request: &ScanRequest,
    planned: Planned,
    policies: Policies,
    judge: &Judge,
) -> Result<Outcome, String> {
    let start = planned.start;
    let (mut partial, timings, shard, pool) = collect(request, planned, policies, judge);
    let policies = policies
        .wait()
        .ok_or_else(|| "the policies did not load".to_string())?;
    // A shard hands its part to `tollgate merge` in its report, next to its own findings (which
    // the report carries already: not copied).
    let shard = request
        .shard
        .zip(shard)
        .map(|(spec, (units, units_judged))| {
            let findings = std::mem::take(&mut partial.findings);
            let carried = partial.clone();
            partial.findings = findings;
            crate::shard::ShardState {
                spec,
                units,
                units_judged,
                tool: crate::report::tool_version().to_string(),
                partial: carried,
            }
        });
    let finishing = Instant::now();
    // On the scan's workers (`-j`): the findings sort is parallel.
    let mut outcome = pool.install(|| finish(partial, policies, judge))?;
    outcome.timings = Timings {
        finish: finishing.elapsed(),
        total: start.elapsed(),
        ..timings
    };
    outcome.shard = shard;
    Ok(outcome)
}

/// What judging the units gave: their sum, the stage timings, for a shard how many units the
/// whole scan has and how many it judged, and the workers (for the run-wide steps).
type Collected = (Partial, Timings, Option<(usize, usize)>, rayon::ThreadPool);

/// No transparent huge pages from here on (Linux), for scans of directories: they allocate and
/// free far more than they keep, and the kernel zeroing 2 MiB on each first touch was 4 % of a
/// scan's CPU and a third of its peak memory (BENCHMARKS.md). A scan of named files (pre-commit)
/// keeps them: compiling the policies starts ~1–2 ms faster with few large pages.
fn huge_pages_off() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_THP_DISABLE) takes integer arguments only and changes nothing but this
    // process's page policy; a kernel that refuses it leaves huge pages on (no harm).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Discovers and groups into units (with `--shard`, this shard's units only).
pub fn plan(request: &ScanRequest) -> Result<Planned, String> {
    let start = Instant::now();
    let named_files = request.named && request.paths.iter().all(|p| p.is_file());
    if !named_files {
        huge_pages_off();
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(request.threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let discovering = Instant::now();
    let discovery = discover::discover(
        &request.root,
        &request.paths,
        &request.filters,
        request.threads,
        request.ignore_files,
    );
    let discover_time = discovering.elapsed();
    let Discovery {
        candidates,
        unsupported,
        excluded,
        ignored,
        dirs_skipped,
        skipped,
        problems,
    } = discovery;

    let mut candidates = candidates;
    candidates.extend(request.stdin.iter().cloned());
    let planning = Instant::now();
    let input::Grouping {
        mut units,
        caller_search_stopped,
        caller_search_errors,
    } = pool.install(|| input::units(candidates, &request.root, named_files));
    let plan_time = planning.elapsed();
    // What belongs to the whole run is counted by an unsharded run, or by shard 1 alone.
    let run_wide = request.shard.is_none_or(|s| s.carries_run_wide());
    let mut partial = Partial {
        strict: request.strict,
        // "Unused" needs the whole picture: only directories named means the repository was
        // scanned.
        full_scan: request.paths.iter().all(|p| p.is_dir()),
        ..Partial::default()
    };
    if run_wide {
        partial.skipped = skipped;
        partial.errors = problems
            .into_iter()
            .map(|(path, message)| Problem {
                path,
                line: 0,
                column: 0,
                kind: ProblemKind::Read,
                message,
            })
            .collect();
        partial.stats.files_unsupported = unsupported;
        partial.stats.files_excluded = excluded;
        partial.stats.files_ignored = ignored;
        partial.stats.directories_skipped = dirs_skipped;
        partial.caller_search_stopped = caller_search_stopped;
        partial.errors.extend(
            caller_search_errors
                .into_iter()
                .map(|e| Problem::from_input(e, ProblemKind::Parse)),
        );
        let empty = named_without_input(request, &units, &partial);
        partial.errors.extend(empty);
    }
    let total_units = units.len();
    if let Some(spec) = request.shard {
        let mine = crate::shard::select(&units, spec);
        let mut keep = mine.into_iter();
        units.retain(|_| keep.next().unwrap_or(false));
    }
    Ok(Planned {
        start,
        pool,
        units,
        total_units,
        partial,
        timings: Timings {
            discover: discover_time,
            plan: plan_time,
            ..Timings::default()
        },
    })
}

/// Judges the planned units in parallel.
fn collect(
    request: &ScanRequest,
    planned: Planned,
    policies: Policies,
    judge: &Judge,
) -> Collected {
    let Planned {
        pool,
        units,
        total_units,
        mut partial,
        timings: planned_timings,
        ..
    } = planned;
    let counter = crate::progress::Counter::default();
    let progress = crate::progress::Progress::start(counter.clone(), units.len(), "files/modules");
    // Rules the configuration switches off (or opt-in rules it does not switch on) would have
    // every finding dropped: not evaluated at all. Rules that name their id in each result
    // (conftest style) cannot be told apart before evaluation and always run.
    let off: std::sync::OnceLock<Arc<[bool]>> = std::sync::OnceLock::new();
    let ready = || {
        let policies = policies.wait()?;
        let off = off.get_or_init(|| {
            policies
                .rules
                .iter()
                .map(|r| {
                    r.has_declared_id()
                        && ((r.facts.off_by_default && !judge.enables(&r.facts.id))
                            || judge.switched_off(&r.facts.id))
                })
                .collect()
        });
        Some((policies, off))
    };
    // Workers of a large scan run their own copy of the compiled program (shared reference counts
    // slowed every worker); a copy costs a few milliseconds, more than a small scan gains.
    let own_programs = request.threads > 1 && units.len() >= 16 * request.threads;
    // Each worker adds its units' results up as it goes (nothing order-dependent is kept: the
    // run-wide steps sort everything), so no list of every unit's result is held at the peak.
    let parallel = Instant::now();
    let gathered = pool.install(|| {
        // One unit per job: rayon splits a range only so far, and a worker that finished its part
        // had nothing left to steal while the other worked through a long tail (half idle on
        // two cores).
        units
            .par_iter()
            .with_max_len(1)
            .map_init(
                || None,
                |evaluator, unit| {
                    let r = run_unit(unit, request, &ready, own_programs, judge, evaluator);
                    counter.add(1);
                    r
                },
            )
            .fold(Gathered::default, |mut g, r| {
                g.add(r);
                g
            })
            .reduce(Gathered::default, Gathered::merge)
    });
    drop(progress);
    let Gathered {
        partial: units_sum,
        mut timings,
    } = gathered;
    timings.discover = planned_timings.discover;
    timings.plan = planned_timings.plan;
    timings.units = parallel.elapsed();
    partial.add(units_sum);
    partial.rules = policies.wait().map_or(0, |p| p.rules.len());
    (partial.matches, partial.downgraded) = judge.counters();
    let shard = request.shard.map(|_| (total_units, units.len()));
    (partial, timings, shard, pool)
}

/// A path named on the command line must give something to judge: an empty pipe, a `.txt`
/// file or a directory without any supported file passing silently would be a gate that judged
/// nothing. Decided from every unit of the scan (before any sharding).
fn named_without_input(request: &ScanRequest, units: &[Unit], partial: &Partial) -> Vec<Problem> {
    if !request.named {
        return Vec::new();
    }
    let mut inputs: Vec<&str> = Vec::new();
    let mut renders: Vec<&str> = Vec::new();
    for unit in units {
        inputs.extend(unit.sources().map(|s| s.rel.as_str()));
        renders.extend(unit.render_dir());
    }
    let named = request
        .paths
        .iter()
        .map(|p| discover::relative(&request.root, p))
        .chain(request.stdin.iter().map(|s| s.rel.clone()));
    let mut out = Vec::new();
    for rel in named {
        let under = |p: &str| p == rel || rel == "." || p.starts_with(&format!("{rel}/"));
        // A file inside a chart or overlay is judged through its render.
        let in_render = |dir: &str| under(dir) || rel.starts_with(&format!("{dir}/"));
        let judged = inputs.iter().any(|p| under(p))
            || renders.iter().any(|d| in_render(d))
            || partial.skipped.iter().any(|s| under(&s.path))
            || partial.errors.iter().any(|e| under(&e.path));
        if !judged {
            out.push(Problem {
                path: rel.clone(),
                line: 0,
                column: 0,
                kind: ProblemKind::Read,
                message: "nothing to judge here: no Terraform file, manifest or plan (a path named on the command line must hold one)".into(),
            });
        }
    }
    out
}
