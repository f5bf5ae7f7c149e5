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

#[derive(Default)]
struct UnitResult {
    findings: judge::Findings,
    /// Inline suppressions found, with how many findings each matched.
    inline: Vec<(Exception, usize)>,
    /// Relative paths of the files read.
    scanned: Vec<String>,
    skipped: Vec<Skipped>,
    errors: Vec<Problem>,
    files: usize,
    documents: usize,
    read_parse: Duration,
    /// Of `read_parse`, time in helm/kustomize subprocesses.
    render: Duration,
    /// Module calls not followed.
    unfollowed: Vec<input::Unfollowed>,
    opentofu: Vec<input::OpenTofuModule>,
    /// Per rule index: resources of its declared types evaluated.
    evaluated: std::collections::HashMap<usize, usize>,
    unresolved: usize,
    evaluate: Duration,
    vm_fallbacks: usize,
}

pub fn scan(request: &ScanRequest, policies: &PolicySet, judge: &Judge) -> Result<Outcome, String> {
    let start = Instant::now();
    let (partial, timings, shard) = collect(request, policies, judge)?;
    // A shard hands its part to `tollgate merge` in its report, next to its own findings.
    let shard = shard.map(|(units, units_judged)| {
        let mut carried = partial.clone();
        carried.findings = Vec::new();
        crate::shard::ShardState {
            spec: request.shard.expect("a shard run has a spec"),
            units,
            units_judged,
            tool: crate::report::tool_version().to_string(),
            partial: carried,
        }
    });
    let mut outcome = finish(partial, policies, judge)?;
    outcome.timings = Timings {
        total: start.elapsed(),
        ..timings
    };
    outcome.shard = shard;
    Ok(outcome)
}

/// What judging the units gave: their sum, the stage timings, and for a shard how many units the
/// whole scan has and how many it judged.
type Collected = (Partial, Timings, Option<(usize, usize)>);

/// Discovers, groups into units and judges them (with `--shard`, this shard's units only), in
/// parallel.
fn collect(
    request: &ScanRequest,
    policies: &PolicySet,
    judge: &Judge,
) -> Result<Collected, String> {
    let start = Instant::now();
    let discovery = discover::discover(
        &request.root,
        &request.paths,
        &request.filters,
        request.threads,
        request.ignore_files,
    );
    let discover_time = start.elapsed();
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
    let named_files = request.named && request.paths.iter().all(|p| p.is_file());
    let mut units = input::units(candidates, &request.root, named_files);
    // What belongs to the whole run is counted by an unsharded run, or by shard 1 alone.
    let run_wide = request.shard.is_none_or(|s| s.carries_run_wide());
    let mut partial = Partial {
        strict: request.strict,
        // "Unused" needs the whole picture: only directories named means the repository was
        // scanned.
        full_scan: request.paths.iter().all(|p| p.is_dir()),
        rules: policies.rules.len(),
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
        let empty = named_without_input(request, &units, &partial);
        partial.errors.extend(empty);
    }
    let total_units = units.len();
    if let Some(spec) = request.shard {
        let mine = crate::shard::select(&units, spec);
        let mut keep = mine.into_iter();
        units.retain(|_| keep.next().unwrap_or(false));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(request.threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let counter = crate::progress::Counter::default();
    let progress = crate::progress::Progress::start(counter.clone(), units.len(), "files/modules");
    // Rules the configuration switches off (or opt-in rules it does not switch on) would have
    // every finding dropped: not evaluated at all. Rules that name their id in each result
    // (conftest style) cannot be told apart before evaluation and always run.
    let off: Arc<[bool]> = policies
        .rules
        .iter()
        .map(|r| {
            r.has_declared_id()
                && ((r.facts.off_by_default && !judge.enables(&r.facts.id))
                    || judge.switched_off(&r.facts.id))
        })
        .collect();
    // Workers of a large scan run their own copy of the compiled program (shared reference counts
    // slowed every worker); a copy costs a few milliseconds, more than a small scan gains.
    let own_programs = request.threads > 1 && units.len() >= 16 * request.threads;
    // Each worker adds its units' results up as it goes (nothing order-dependent is kept: the
    // run-wide steps sort everything), so no list of every unit's result is held at the peak.
    let gathered = pool.install(|| {
        // One unit per job: rayon splits a range only so far, and a worker that finished its part
        // had nothing left to steal while the other worked through a long tail (half idle on
        // two cores).
        units
            .par_iter()
            .with_max_len(1)
            .map_init(
                || policies.worker_evaluator(off.clone(), own_programs),
                |evaluator, unit| {
                    let r = run_unit(unit, request, policies, judge, evaluator, &off);
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
    timings.discover = discover_time;
    partial.merge_units(units_sum);
    (partial.matches, partial.downgraded) = judge.counters();
    let shard = request.shard.map(|_| (total_units, units.len()));
    Ok((partial, timings, shard))
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

/// Findings in report order ([`Finding::report_order`], stable). Sorted as a permutation of indices
/// applied in place: a stable sort of the findings themselves needs a buffer of half of them
/// (~80 MB at 100,000 files) at the run's peak.
fn sorted_findings(mut findings: judge::Findings) -> judge::Findings {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| findings[a].report_order(&findings[b]));
    // Position k takes the finding at order[k]: follow each cycle once, marking slots done.
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            findings.swap(at, from);
            at = from;
        }
    }
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

/// Units' results added up by one worker (then the workers' sums added up).
#[derive(Default)]
struct Gathered {
    partial: Partial,
    timings: Timings,
}

impl Gathered {
    fn add(&mut self, r: UnitResult) {
        let p = &mut self.partial;
        p.inline
            .extend(r.inline.iter().map(|(e, n)| (e.into(), *n)));
        p.scanned.extend(r.scanned);
        p.findings.extend(r.findings);
        p.skipped.extend(r.skipped);
        p.errors.extend(r.errors);
        p.stats.files_scanned += r.files;
        p.stats.documents += r.documents;
        p.stats.unresolved_values += r.unresolved;
        p.unfollowed.extend(r.unfollowed);
        p.opentofu.extend(r.opentofu);
        for (rule, n) in r.evaluated {
            *p.evaluated.entry(rule).or_default() += n;
        }
        self.timings.read_parse += r.read_parse;
        self.timings.render += r.render;
        self.timings.evaluate += r.evaluate;
        self.timings.vm_fallbacks += r.vm_fallbacks;
    }

    fn merge(mut self, other: Gathered) -> Gathered {
        self.partial.merge_units(other.partial);
        self.timings.read_parse += other.timings.read_parse;
        self.timings.render += other.timings.render;
        self.timings.evaluate += other.timings.evaluate;
        self.timings.vm_fallbacks += other.timings.vm_fallbacks;
        self
    }
}

/// Documents of one unit from which its documents are judged by every worker.
const PARALLEL_DOCUMENTS: usize = 64;

/// What judging one document gave.
#[derive(Default)]
struct DocResult {
    findings: judge::Findings,
    errors: Vec<Problem>,
    /// Per rule index: resources of its declared types evaluated.
    evaluated: Vec<(usize, usize)>,
    /// The suppressions the document saw, with how many of its findings each matched.
    inline: Vec<(Exception, usize)>,
    vm_failed: bool,
    /// Not judged: the unit ran past `--policy-timeout`.
    timed_out: bool,
}

/// Evaluates one document and judges its results, with its file's comments.
fn judge_document(
    doc: &input::Document,
    comments: &[judge::inline::Anchored],
    policies: &PolicySet,
    judge: &Judge,
    evaluator: &mut crate::policy::Evaluator,
) -> DocResult {
    let mut out = DocResult::default();
    let mut inline = comments.to_vec();
    // Likewise an invalid annotation: an error, and the document is judged without it.
    match judge::inline::annotations(doc, judge.limits) {
        Ok(found) => inline.extend(found),
        Err(e) => out.errors.push(Problem::from_input(e, ProblemKind::Parse)),
    }
    let mut inline_matches = vec![0; inline.len()];
    let evaluation = policies.evaluate(evaluator, doc);
    // What each rule evaluated, for compliance rates: the resources of its declared types.
    let own_types = doc.types();
    for (i, rule) in policies.rules.iter().enumerate() {
        let types = &rule.facts.resource_types;
        if types.is_empty() || !rule.applies_to(doc.format.family()) {
            continue;
        }
        let n = doc.resource_count(types, own_types.as_ref());
        if n > 0 {
            out.evaluated.push((i, n));
        }
    }
    out.vm_failed = evaluation.vm_failed;
    for e in evaluation.errors {
        out.errors.push(Problem {
            path: doc.path.to_string(),
            line: doc.span.line,
            column: doc.span.column,
            kind: ProblemKind::Policy,
            message: format!("rule {} failed: {}", e.rule, e.message),
        });
    }
    for raw in &evaluation.results {
        if let Some(f) = judge::finding(policies, judge, doc, raw, &inline, &mut inline_matches) {
            out.findings.push(Box::new(f));
        }
    }
    out.inline = inline
        .into_iter()
        .zip(inline_matches)
        .map(|(anchored, matches)| (anchored.exception, matches))
        .collect();
    out
}

fn run_unit(
    unit: &Unit,
    request: &ScanRequest,
    policies: &PolicySet,
    judge: &Judge,
    evaluator: &mut crate::policy::Evaluator,
    off: &Arc<[bool]>,
) -> UnitResult {
    let mut result = UnitResult::default();
    let t = Instant::now();
    let parsed = input::load(unit, &request.input, &mut result.files);
    result.read_parse = t.elapsed();
    let Parsed {
        documents,
        skipped,
        errors,
        render_time,
        unfollowed,
        unresolved,
        opentofu,
    } = parsed;
    result.unresolved = unresolved;
    result.unfollowed = unfollowed;
    result.opentofu = opentofu;
    result.render = render_time;
    // A stream's documents carry the paths of the templates that produced them; the stream
    // itself was judged too.
    if let Unit::File(source) = unit {
        if source.path().is_none() && !documents.is_empty() {
            result.scanned.push(source.rel.clone());
        }
    }
    result.skipped.extend(skipped);
    result.errors.extend(
        errors
            .into_iter()
            .map(|e| Problem::from_input(e, ProblemKind::Parse)),
    );
    let t = Instant::now();
    // Comments are read once per file; annotations per document. An invalid suppression is one
    // error for the file, whose documents are still judged without its suppressions (so what it
    // meant to hide shows too), not one error per document.
    let mut comments: Vec<(Arc<str>, Vec<judge::inline::Anchored>)> = Vec::new();
    let mut comments_of: Vec<usize> = Vec::with_capacity(documents.len());
    for doc in &documents {
        if !comments
            .last()
            .is_some_and(|(source, _)| Arc::ptr_eq(source, &doc.source))
        {
            let found = if request.parse_only {
                Vec::new()
            } else {
                judge::inline::comments(doc, judge.limits).unwrap_or_else(|e| {
                    result
                        .errors
                        .push(Problem::from_input(e, ProblemKind::Parse));
                    Vec::new()
                })
            };
            comments.push((doc.source.clone(), found));
        }
        comments_of.push(comments.len() - 1);
    }
    let judge_doc = |evaluator: &mut crate::policy::Evaluator, i: usize| {
        if request.parse_only {
            return DocResult::default();
        }
        if request
            .unit_timeout
            .is_some_and(|limit| t.elapsed() > limit)
        {
            return DocResult {
                timed_out: true,
                ..DocResult::default()
            };
        }
        judge_document(
            &documents[i],
            &comments[comments_of[i]].1,
            policies,
            judge,
            evaluator,
        )
    };
    // A unit of many documents (one large module, one long stream) is judged by every worker:
    // alone on one thread it was the tail of the run.
    let judged: Vec<DocResult> = if request.threads > 1 && documents.len() >= PARALLEL_DOCUMENTS {
        (0..documents.len())
            .into_par_iter()
            .with_max_len(8)
            .map_init(
                || policies.worker_evaluator(off.clone(), true),
                |e, i| judge_doc(e, i),
            )
            .collect()
    } else {
        (0..documents.len())
            .map(|i| judge_doc(evaluator, i))
            .collect()
    };
    let mut last_path: Option<Arc<str>> = None;
    for (doc, judged) in documents.iter().zip(judged) {
        result.documents += 1;
        if judged.timed_out {
            if let Some(limit) = request.unit_timeout {
                // One error for the unit, at its first document left unjudged.
                let left = documents.len() - result.documents + 1;
                result.errors.push(Problem {
                    path: doc.path.to_string(),
                    line: doc.span.line,
                    column: doc.span.column,
                    kind: ProblemKind::Policy,
                    message: format!(
                        "{left} document(s) of this {} not judged from here on: evaluating it took longer than the --policy-timeout of {:.0}s in all",
                        if matches!(unit, Unit::Module { .. }) { "module directory" } else { "file" },
                        limit.as_secs_f64()
                    ),
                });
            }
            break;
        }
        if last_path.as_deref() != Some(&*doc.path) {
            result.scanned.push(doc.path.to_string());
            last_path = Some(doc.path.clone());
        }
        result.findings.extend(judged.findings);
        result.errors.extend(judged.errors);
        for (rule, n) in judged.evaluated {
            *result.evaluated.entry(rule).or_default() += n;
        }
        result.vm_fallbacks += usize::from(judged.vm_failed);
        // A file's comments are seen by each of its documents; keep each suppression once.
        for (exception, matches) in judged.inline {
            if let Some(existing) = result
                .inline
                .iter_mut()
                .find(|(e, _)| e.source == exception.source && e.rules == exception.rules)
            {
                existing.1 += matches;
            } else {
                result.inline.push((exception, matches));
            }
        }
    }
    result.evaluate = t.elapsed();
    result
}

#[cfg(test)]
mod sort_tests {
    use super::*;

    #[test]
    fn findings_sort_in_place_stably() {
        let finding = |file: &str, line: u32, message: &str| Finding {
            rule_id: "R".into(),
            title: "".into(),
            message: message.into(),
            severity: crate::policy::Severity::Low,
            enforcement: crate::policy::Enforcement::Warn,
            status: judge::Status::Failed,
            file: file.into(),
            line,
            column: 1,
            end_line: line,
            resource: String::new(),
            source_rule: "".into(),
            exception: None,
            expired_exception: None,
            details: Default::default(),
            render: None,
            rendered: None,
            module_calls: Vec::new().into(),
            baseline: None,
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
