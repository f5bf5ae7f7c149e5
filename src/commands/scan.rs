//! `tollgate scan`: judge files and directories, write the reports, map the verdict to an exit
//! code.

use super::{EXIT_BLOCK, EXIT_ERROR, EXIT_PASS};
use crate::cli::ScanArgs;
use crate::error::Error;
use crate::judge::Verdict;
use crate::pipeline;
use crate::policy::load;
use crate::report::{self, ReportContext, ReportFormat};
use crate::settings::Settings;
use std::io::Write;
use std::time::Instant;

pub fn run(settings: &Settings, args: ScanArgs) -> Result<u8, Error> {
    let mut extra_reports = Vec::new();
    for spec in &args.reports {
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
    let config = settings.config(&args.judging)?;
    let (request, load_options) =
        settings.scan(&args.scan, &args.paths, args.parse_only, &config.0)?;
    let load_started = Instant::now();
    let policies = load::load(&settings.policies(&args.policies), &load_options, |p| {
        settings.display(p)
    })?;
    let load_time = load_started.elapsed();
    let judge = settings.judge(&args.judging, config)?;
    let outcome = pipeline::scan(&request, &policies, &judge).map_err(Error::Usage)?;
    let ctx = ReportContext {
        outcome: &outcome,
        rules: &policies.rules,
        root: &settings.root,
        color: settings.color,
        sarif_include_excepted: args.sarif_include_excepted,
    };
    let report_started = Instant::now();
    let mut write_failed = false;
    for (format, path) in &extra_reports {
        let file_ctx = ReportContext {
            color: false,
            ..ctx
        };
        if let Err(e) =
            report::write_file_atomically(path, |out| report::write(*format, &file_ctx, out))
        {
            eprintln!(
                "tollgate: error: cannot write {} report to {}: {e}",
                format.name(),
                path.display()
            );
            write_failed = true;
        }
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    if let Err(e) = report::write(args.format, &ctx, &mut stdout).and_then(|_| stdout.flush()) {
        // A closed pipe (`tollgate scan | head`) is the reader's choice, not a failure.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("tollgate: error: cannot write to standard output: {e}");
            write_failed = true;
        }
    }
    if args.timings {
        let t = outcome.timings;
        eprintln!(
            "tollgate: timings: load policies {:.3}s ({} of {} rules compiled for the VM), discover {:.3}s, read+parse {:.3}s (thread time; {:.3}s of it in helm/kustomize), evaluate {:.3}s (thread time, {} document(s) re-evaluated by the interpreter), scan {:.3}s wall, {} thread(s), report {:.3}s",
            load_time.as_secs_f64(),
            policies.rules_in_vm(),
            policies.rules.len(),
            t.discover.as_secs_f64(),
            t.read_parse.as_secs_f64(),
            t.render.as_secs_f64(),
            t.evaluate.as_secs_f64(),
            t.vm_fallbacks,
            t.total.as_secs_f64(),
            request.threads,
            report_started.elapsed().as_secs_f64(),
        );
    }
    if write_failed {
        return Ok(EXIT_ERROR);
    }
    Ok(match outcome.verdict() {
        Verdict::Pass => EXIT_PASS,
        Verdict::Warn => u8::try_from(args.warn_exit_code).unwrap_or(EXIT_ERROR),
        Verdict::Block => EXIT_BLOCK,
        Verdict::Error => EXIT_ERROR,
    })
}
