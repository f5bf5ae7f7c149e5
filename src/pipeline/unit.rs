//! Judging one unit: its documents read and parsed, each evaluated and judged (spread over the
//! workers when the unit has many), and the results added up per worker.

use super::*;
use crate::input::{Document, Format};
use std::collections::{BTreeMap, HashSet};

#[derive(Default)]
pub(super) struct UnitResult {
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

/// Units' results added up by one worker (then the workers' sums added up).
#[derive(Default)]
pub(super) struct Gathered {
    pub(super) partial: Partial,
    pub(super) timings: Timings,
}

impl Gathered {
    pub(super) fn add(&mut self, r: UnitResult) {
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

    pub(super) fn merge(mut self, other: Gathered) -> Gathered {
        self.partial.add(other.partial);
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
    /// What its findings matched of its file's comments and its own annotations.
    inline: judge::inline::Counts,
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
    // Likewise an invalid annotation: an error, and the document is judged without it.
    let annotations = match judge::inline::annotations(doc, judge.limits) {
        Ok(found) => found,
        Err(e) => {
            out.errors.push(Problem::from_input(e, ProblemKind::Parse));
            Vec::new()
        }
    };
    let inline = judge::inline::Scope::new(comments, annotations);
    let own_types = doc.types();
    let evaluation = policies.evaluate_typed(evaluator, doc, own_types.as_ref());
    out.evaluated = evaluated(doc, own_types.as_ref(), policies);
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
        if let Some(f) = judge::finding(policies, judge, doc, raw, &inline) {
            out.findings.push(Box::new(f));
        }
    }
    out.inline = inline.into_counts();
    out
}

/// The policies and the rules switched off, once loaded (`None`: they did not load).
pub(super) type Ready<'a> = dyn Fn() -> Option<(&'a PolicySet, &'a Arc<[bool]>)> + Sync + 'a;

/// Reads and parses one unit, then (once the policies are loaded) evaluates and judges its
/// documents. `evaluator` is this worker's, made when it first has something to evaluate.
pub(super) fn run_unit<'a>(
    unit: &Unit,
    request: &ScanRequest,
    ready: &Ready<'a>,
    own_program: bool,
    judge: &Judge,
    evaluator: &mut Option<crate::policy::Evaluator>,
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
    // Waiting for the policies counts as neither reading nor evaluating.
    let Some((policies, off)) = ready() else {
        return result;
    };
    let evaluator =
        evaluator.get_or_insert_with(|| policies.worker_evaluator(off.clone(), own_program));
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
    let mut comment_counts: Vec<Option<Vec<usize>>> = vec![None; comments.len()];
    for (i, (doc, judged)) in documents.iter().zip(judged).enumerate() {
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
        // A file's comments are seen by each of its documents: their matches add up, and each
        // comment is kept once (below).
        let group = &mut comment_counts[comments_of[i]];
        let counts = group.get_or_insert_with(|| vec![0; comments[comments_of[i]].1.len()]);
        for (j, n) in judged.inline.comments {
            counts[j] += n;
        }
        result.inline.extend(judged.inline.annotations);
    }
    // The comments of every file some document was judged from (the same file's comments may be
    // kept by several groups or units; the run's finish adds those up).
    for ((_, found), counts) in comments.iter().zip(comment_counts) {
        if let Some(counts) = counts {
            result.inline.extend(
                found
                    .iter()
                    .zip(counts)
                    .map(|(a, n)| (a.exception.clone(), n)),
            );
        }
    }
    result.evaluate = t.elapsed();
    result
}

/// What each rule evaluated on `doc`, for compliance rates: `(rule index, resources of its
/// declared types)` in rule order, for the rules that declare types of the document. Found
/// through the policies' type index: the document's few types, not every rule's.
fn evaluated(
    doc: &Document,
    own_types: Option<&HashSet<String>>,
    policies: &PolicySet,
) -> Vec<(usize, usize)> {
    let family = doc.format.family();
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    match doc.format {
        Format::TerraformPlan => {
            for (i, rule) in policies.rules.iter().enumerate() {
                let types = &rule.facts.resource_types;
                if !types.is_empty() && rule.applies_to(family) {
                    *counts.entry(i).or_default() += doc.resource_count(types, own_types);
                }
            }
        }
        Format::Kubernetes => {
            // A manifest is one resource, whichever of its types (`Kind`, `group/Kind`) a rule names.
            for t in own_types.into_iter().flatten() {
                for &i in policies.types.declaring(t) {
                    counts.insert(i, 1);
                }
            }
        }
        Format::Terraform => {
            for t in own_types.into_iter().flatten() {
                let rules = policies.types.declaring(t);
                if rules.is_empty() {
                    continue;
                }
                let n = doc.resource_count(std::slice::from_ref(t), own_types);
                for &i in rules {
                    *counts.entry(i).or_default() += n;
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(i, n)| n > 0 && policies.rules[i].applies_to(family))
        .collect()
}
