//! `tollgate scan`: judge files and directories, write the reports, map the verdict to an exit
//! code.

use super::{EXIT_BLOCK, EXIT_ERROR, EXIT_PASS};
use crate::cli::{MergeArgs, OutputArgs, ScanArgs};
use crate::date::Date;
use crate::error::Error;
use crate::judge::Verdict;
use crate::judge::governance::{self, Snapshot};
use crate::outcome::Outcome;
use crate::pipeline;
use crate::policy::catalog::RuleInfo;
use crate::policy::load;
use crate::report::{self, ReportContext, ReportFormat};
use crate::revision;
use crate::settings::Settings;
use crate::shard::{self, ShardSpec};
use std::io::Write;
use std::time::Instant;

pub fn run(settings: &Settings, args: ScanArgs) -> Result<u8, Error> {
    let extra_reports = report_files(settings, &args.output)?;
    let shard = args
        .shard
        .as_deref()
        .map(ShardSpec::parse)
        .transpose()
        .map_err(Error::Usage)?;
    // With --base, the gate's rules (configuration, exceptions, repository policies) come from
    // the base revision: the change under review cannot weaken the gate that judges it.
    let base = match &args.base {
        Some(revision) => Some(revision::checkout(&settings.root, revision).map_err(Error::Usage)?),
        None => None,
    };
    let rules_from = match &base {
        Some(b) => settings.at(b.dir.path()),
        None => settings.clone(),
    };
    let config = rules_from.config(&args.judging)?;
    let (mut request, load_options) =
        settings.scan(&args.scan, &args.paths, args.parse_only, &config.0)?;
    request.shard = shard;
    let judge = rules_from.judge(&args.judging, config.clone())?;
    // Policies load (parse, analyse, compile: one thread) while the workers walk the repository,
    // group it into units and read and parse them; a worker waits only to evaluate.
    let policy_options = rules_from.policies(&args.policies);
    let slot = pipeline::PolicySlot::default();
    let (loaded, judged) = std::thread::scope(|scope| {
        let loading = scope.spawn(|| {
            let _release = pipeline::FillOnDrop(&slot);
            let started = Instant::now();
            let loaded = load::load(&policy_options, &load_options, |p| rules_from.display(p));
            let elapsed = started.elapsed();
            match loaded {
                Ok(policies) => {
                    slot.fill(Some(policies));
                    Ok(elapsed)
                }
                Err(e) => Err(e),
            }
        });
        let judged = pipeline::plan(&request).and_then(|planned| {
            pipeline::judge_planned(
                &request,
                planned,
                pipeline::Policies::Loading(&slot),
                &judge,
            )
        });
        // A panic while loading is a bug; it is raised here as it would have been inline.
        let loaded = loading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (loaded, judged)
    });
    // The loader's error says why nothing could be judged: it comes first.
    let load_time = loaded?;
    let mut outcome = judged.map_err(Error::Usage)?;
    // The loader fills the slot before it returns its time.
    let Some(policies) = pipeline::Policies::Loading(&slot).wait() else {
        return Err(Error::Usage(
            "internal error: the policies were lost".into(),
        ));
    };
    if let Some(base) = &base {
        // The same scan over the base tree, under the same (base) rules.
        let given: Vec<std::path::PathBuf> = args
            .paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let (base_request, _) = rules_from.scan(&args.scan, &given, false, &config.0)?;
        let base_judge = rules_from.judge(&args.judging, config.clone())?;
        let base_outcome =
            pipeline::scan(&base_request, policies, &base_judge).map_err(Error::Usage)?;
        let head = snapshot(settings, &args, judge.today);
        let before = snapshot(&rules_from, &args, judge.today);
        outcome.governance_changes = governance::changes(&before, &head);
        // Inline suppressions live in the judged files: the ones the change adds are
        // governance changes too, and do not take effect until the base has them.
        let withdrawn = withdraw_new_inline(&mut outcome, &base_outcome, &base.renames);
        outcome.governance_changes.extend(withdrawn);
        outcome.governance_changes.sort();
        outcome.compare_with_base(&base_outcome, &base.name, &base.commit, &base.renames);
        outcome.fail_on_governance_change = args.fail_on_governance_change;
    }
    let report_started = Instant::now();
    let code = publish(
        settings,
        &outcome,
        &policies.rules,
        judge.today,
        &args.output,
        &extra_reports,
    );
    if args.timings {
        let t = outcome.timings;
        eprintln!(
            "tollgate: timings: load policies {:.3}s ({} of {} rules compiled for the VM{}), discover {:.3}s, plan units {:.3}s, read+parse {:.3}s (thread time; {:.3}s of it in helm/kustomize), evaluate {:.3}s (thread time, {} document(s) re-evaluated by the interpreter), units {:.3}s wall, finish {:.3}s, scan {:.3}s wall, {} thread(s), report {:.3}s",
            load_time.as_secs_f64(),
            policies.rules_in_vm(),
            policies.rules.len(),
            if policies.vm_cached() {
                ", from the cache"
            } else {
                ""
            },
            t.discover.as_secs_f64(),
            t.plan.as_secs_f64(),
            t.read_parse.as_secs_f64(),
            t.render.as_secs_f64(),
            t.evaluate.as_secs_f64(),
            t.vm_fallbacks,
            t.units.as_secs_f64(),
            t.finish.as_secs_f64(),
            t.total.as_secs_f64(),
            request.threads,
            report_started.elapsed().as_secs_f64(),
        );
    }
    Ok(code)
}

/// `tollgate merge`: the shards' parts added up and finished by the same code a scan runs, then
/// reported as that scan would report. Policies, configuration and exceptions are loaded from
/// the same options the shards ran with.
pub fn merge(settings: &Settings, args: MergeArgs) -> Result<u8, Error> {
    let extra_reports = report_files(settings, &args.output)?;
    let config = settings.config(&args.judging)?;
    let (_, load_options) = settings.scan(&args.scan, &[], false, &config.0)?;
    let policies = load::load(&settings.policies(&args.policies), &load_options, |p| {
        settings.display(p)
    })?;
    let judge = settings.judge(&args.judging, config)?;
    let partial = shard::read(&args.shards, report::tool_version()).map_err(Error::Usage)?;
    if partial.rules != policies.rules.len() {
        return Err(Error::Usage(format!(
            "the shards were judged with {} rules, this merge loads {}: give merge the policy options the shards had",
            partial.rules,
            policies.rules.len()
        )));
    }
    judge
        .add_counters(&partial.matches, partial.downgraded)
        .map_err(Error::Usage)?;
    let outcome = pipeline::finish(partial, &policies, &judge).map_err(Error::Usage)?;
    Ok(publish(
        settings,
        &outcome,
        &policies.rules,
        judge.today,
        &args.output,
        &extra_reports,
    ))
}

/// `--report FORMAT=PATH` resolved.
fn report_files(
    settings: &Settings,
    output: &OutputArgs,
) -> Result<Vec<(ReportFormat, std::path::PathBuf)>, Error> {
    let mut extra_reports = Vec::new();
    for spec in &output.reports {
        let (format, path) = spec
            .split_once('=')
            .ok_or_else(|| Error::Usage(format!("--report expects FORMAT=PATH, got `{spec}`")))?;
        let format = ReportFormat::parse(format).ok_or_else(|| {
            Error::Usage(format!(
                "unknown report format `{format}` (human, json, sarif)"
            ))
        })?;
        extra_reports.push((format, settings.cwd.join(path)));
    }
    Ok(extra_reports)
}

/// Writes the reports (files, then standard output) and maps the verdict to the exit code.
fn publish(
    settings: &Settings,
    outcome: &Outcome,
    rules: &[RuleInfo],
    today: Date,
    output: &OutputArgs,
    extra_reports: &[(ReportFormat, std::path::PathBuf)],
) -> u8 {
    // Only the evidence record names the commit, and asking git costs a pre-commit run a process.
    let wants_revision = std::iter::once(output.format)
        .chain(extra_reports.iter().map(|(format, _)| *format))
        .any(|format| format == ReportFormat::Evidence);
    let head = wants_revision
        .then(|| revision::head(&settings.root))
        .flatten();
    let ctx = ReportContext {
        outcome,
        rules,
        root: &settings.root,
        color: settings.color,
        sarif_include_excepted: output.sarif_include_excepted,
        view: report::View {
            show: output.show,
            min_severity: output.min_severity.map(|s| s.severity()),
            quiet: output.quiet,
        },
        today,
        revision: head.as_deref(),
    };
    let mut write_failed = false;
    for (format, path) in extra_reports {
        let file_ctx = ReportContext {
            color: false,
            ..ctx
        };
        // The job summary file belongs to every step of the job: add to it, never replace it.
        let is_step_summary = std::env::var_os("GITHUB_STEP_SUMMARY")
            .is_some_and(|summary| std::path::Path::new(&summary) == path.as_path());
        let written = if is_step_summary {
            std::fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(path)
                .and_then(|file| {
                    let mut out = std::io::BufWriter::new(file);
                    report::write(*format, &file_ctx, &mut out)?;
                    out.flush()
                })
        } else {
            report::write_file_atomically(path, |out| report::write(*format, &file_ctx, out))
        };
        if let Err(e) = written {
            eprintln!(
                "tollgate: error: cannot write {} report to {}: {e}",
                format.name(),
                path.display()
            );
            write_failed = true;
        }
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    if let Err(e) = report::write(output.format, &ctx, &mut stdout).and_then(|_| stdout.flush()) {
        // A closed pipe (`tollgate scan | head`) is the reader's choice, not a failure.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("tollgate: error: cannot write to standard output: {e}");
            write_failed = true;
        }
    }
    if write_failed {
        return EXIT_ERROR;
    }
    match outcome.verdict() {
        Verdict::Pass => EXIT_PASS,
        Verdict::Warn => u8::try_from(output.warn_exit_code).unwrap_or(EXIT_ERROR),
        Verdict::Block => EXIT_BLOCK,
        Verdict::Error => EXIT_ERROR,
    }
}

/// The governance of one tree: its configuration, exceptions and the `-p` policy files that live
/// in the repository. What cannot be read counts as absent (the change is then reported as a
/// removal, or the scan itself fails on it).
fn snapshot(settings: &Settings, args: &ScanArgs, today: Date) -> Snapshot {
    let config = settings
        .config(&args.judging)
        .map(|c| c.0)
        .unwrap_or_default();
    let exceptions = settings
        .exceptions(&args.judging, &config, today)
        .unwrap_or_default();
    let mut policies = std::collections::BTreeMap::new();
    for path in &settings.policies(&args.policies).policy {
        if !path.starts_with(&settings.root) {
            continue;
        }
        for file in load::rego_files(path).unwrap_or_default() {
            if let Ok(text) = std::fs::read_to_string(&file) {
                policies.insert(settings.display(&file), text);
            }
        }
    }
    Snapshot {
        config,
        exceptions,
        policies,
    }
}

/// Inline suppressions of the working tree that the base does not have (same file, rules and
/// reason): their findings count again, and each is reported as an added exception.
fn withdraw_new_inline(
    outcome: &mut crate::outcome::Outcome,
    base: &crate::outcome::Outcome,
    renames: &std::collections::HashMap<String, String>,
) -> Vec<governance::Change> {
    let key = |e: &crate::judge::exceptions::Exception, file: String| {
        (file, e.rules.join(","), e.reason.clone())
    };
    let file_of = |source: &str| {
        source
            .rsplit_once(':')
            .map_or(source, |(f, _)| f)
            .to_string()
    };
    let at_base: std::collections::HashSet<(String, String, String)> = base
        .exceptions
        .entries
        .iter()
        .filter(|e| e.exception.origin.is_inline())
        .map(|e| {
            let file = file_of(&e.exception.source);
            key(&e.exception, renames.get(&file).cloned().unwrap_or(file))
        })
        .collect();
    let mut added = Vec::new();
    for entry in outcome
        .exceptions
        .entries
        .iter()
        .filter(|e| e.exception.origin.is_inline())
    {
        let e = &entry.exception;
        if at_base.contains(&key(e, file_of(&e.source))) {
            continue;
        }
        added.push(governance::Change::ExceptionAdded {
            id: e.id.clone(),
            declared_at: e.source.clone(),
            rules: e.rules.clone(),
            expires: e.expires,
        });
        for f in outcome
            .findings
            .iter_mut()
            .filter(|f| f.exception.as_ref().is_some_and(|x| x.id == e.id))
        {
            f.status = crate::judge::Status::Failed;
            f.exception = None;
        }
    }
    added
}
