//! Command implementations: resolve settings, wire the pipeline together, write reports.

use crate::cli::{
    Cli, ColorChoice, Command, ExceptionsArgs, JudgeArgs, PolicyArgs, RulesArgs, RulesFormat,
    ScanArgs, VerifyArgs,
};
use crate::config;
use crate::date::Date;
use crate::discover::{self, Filters, Selection};
use crate::input::{Locations, yaml};
use crate::judge::Judge;
use crate::judge::Verdict;
use crate::judge::exceptions::{self, Exception, Limits};
use crate::policy::{self, Namespaces, PolicyError, PolicySet, PolicySource};
use crate::report::{self, ReportContext, ReportFormat};
use crate::scan::{self, ScanRequest};
use regorus::Value;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const EXIT_PASS: u8 = 0;
pub const EXIT_BLOCK: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

pub fn long_version() -> &'static str {
    static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{} (policy library {}, {} files)",
            report::tool_version(),
            policy::builtin::library_hash(),
            policy::builtin::file_count()
        )
    });
    &VERSION
}

pub fn run(cli: Cli) -> Result<u8, AppError> {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let cwd = std::env::current_dir()
        .map_err(|e| AppError::Usage(format!("cannot read the current directory: {e}")))?;
    let root = discover::repository_root(&cwd);
    match cli.command {
        Command::Scan(args) => run_scan(args, &root, &cwd, color),
        Command::Rules(args) => run_rules(args, &root, &cwd),
        Command::Explain { id, policies } => run_explain(&id, &policies, &root, &cwd),
        Command::Verify(args) => run_verify(args, &root, &cwd),
        Command::Exceptions(args) => run_exceptions(args, &root, &cwd),
        Command::Init { force } => run_init(&root, force),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "tollgate",
                &mut std::io::stdout(),
            );
            Ok(EXIT_PASS)
        }
    }
}

fn run_scan(args: ScanArgs, root: &Path, cwd: &Path, color: bool) -> Result<u8, AppError> {
    let mut extra_reports = Vec::new();
    for spec in &args.reports {
        let (format, path) = spec.split_once('=').ok_or_else(|| {
            AppError::Usage(format!("--report expects FORMAT=PATH, got `{spec}`"))
        })?;
        let format = ReportFormat::parse(format).ok_or_else(|| {
            AppError::Usage(format!(
                "unknown report format `{format}` (human, json, sarif)"
            ))
        })?;
        extra_reports.push((format, cwd.join(path)));
    }
    let timeout = (args.policy_timeout > 0.0).then(|| Duration::from_secs_f64(args.policy_timeout));
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![cwd.to_path_buf()]
    } else {
        args.paths.iter().map(|p| cwd.join(p)).collect()
    };
    let load_started = Instant::now();
    let policies = load_policies(
        &args.policies,
        root,
        cwd,
        LoadOptions {
            timeout,
            use_vm: !args.strict_builtin_errors,
            selection: Selection::of_paths(&paths, args.max_file_size),
        },
    )?;
    let load_time = load_started.elapsed();
    let filters = Filters::new(&args.include, &args.exclude).map_err(AppError::Usage)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let request = ScanRequest {
        root: root.to_path_buf(),
        paths,
        filters,
        threads,
        max_file_size: args.max_file_size,
        parse_only: args.parse_only,
    };
    let judge = build_judge(&args.judging, root, cwd)?;
    let outcome = scan::scan(&request, &policies, &judge).map_err(AppError::Usage)?;
    let ctx = ReportContext {
        outcome: &outcome,
        policies: &policies,
        root,
        color,
        sarif_include_excepted: args.sarif_include_excepted,
    };
    let report_started = Instant::now();
    let mut write_failed = false;
    for (format, path) in &extra_reports {
        let file_ctx = ReportContext {
            color: false,
            ..ctx
        };
        if let Err(e) = write_file_atomically(path, |out| report::write(*format, &file_ctx, out)) {
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
            "tollgate: timings: load policies {:.3}s ({} of {} rules compiled for the VM), discover {:.3}s, read+parse {:.3}s (thread time), evaluate {:.3}s (thread time, {} document(s) re-evaluated by the interpreter), scan {:.3}s wall, {} thread(s), report {:.3}s",
            load_time.as_secs_f64(),
            policies.rules_in_vm(),
            policies.rules.len(),
            t.discover.as_secs_f64(),
            t.read_parse.as_secs_f64(),
            t.evaluate.as_secs_f64(),
            t.vm_fallbacks,
            t.total.as_secs_f64(),
            threads,
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

/// "Today": `--today`, else `TOLLGATE_TODAY`, else the UTC date.
pub fn today(arg: Option<&str>) -> Result<Date, AppError> {
    let from_env = std::env::var("TOLLGATE_TODAY")
        .ok()
        .filter(|s| !s.is_empty());
    match arg.map(str::to_string).or(from_env) {
        Some(s) => {
            Date::parse(&s).map_err(|e| AppError::Usage(format!("--today / TOLLGATE_TODAY: {e}")))
        }
        None => Ok(Date::today_utc()),
    }
}

/// Configuration, exception files and today's date, validated: any problem is exit 2.
pub fn build_judge(args: &JudgeArgs, root: &Path, cwd: &Path) -> Result<Judge, AppError> {
    let today = today(args.today.as_deref())?;
    let explicit = args.config.as_ref().map(|p| cwd.join(p));
    let (config, _) = config::load(root, explicit.as_deref()).map_err(AppError::Usage)?;
    let limits = Limits {
        today,
        max_days: config.exceptions.max_days,
    };
    let files: Vec<(PathBuf, bool)> = if !args.exceptions.is_empty() {
        args.exceptions
            .iter()
            .map(|p| (cwd.join(p), true))
            .collect()
    } else if !config.exceptions.files.is_empty() {
        config
            .exceptions
            .files
            .iter()
            .map(|p| (root.join(p), true))
            .collect()
    } else {
        vec![(root.join(config::DEFAULT_EXCEPTIONS), false)]
    };
    let mut exceptions: Vec<Exception> = Vec::new();
    for (path, required) in files {
        if !required && !path.exists() {
            continue;
        }
        let display = discover::relative(root, &path);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| AppError::Usage(format!("cannot read exceptions file {display}: {e}")))?;
        let parsed = exceptions::parse_file(&display, &text, limits)
            .map_err(|e| AppError::Usage(format!("invalid exceptions file: {e}")))?;
        for e in parsed {
            if let Some(previous) = exceptions.iter().find(|p| p.id == e.id) {
                return Err(AppError::Usage(format!(
                    "{}: invalid exceptions file: duplicate exception id `{}` (also at {})",
                    e.source, e.id, previous.source
                )));
            }
            exceptions.push(e);
        }
    }
    Ok(Judge::new(
        today,
        &config,
        exceptions,
        args.strict_exceptions,
    ))
}

/// Writes through a temporary file in the same directory and renames it into place, so an
/// interrupted run never leaves a truncated report that a later CI step would accept.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    write_file_atomically(path, |out| out.write_all(text.as_bytes()))
}

/// Writes through a buffered temporary file beside `path`, renamed into place once complete.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tollgate-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            write(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        })
        .and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// How policies are prepared: scans compile for regorus' VM and may leave out built-in rules that
/// cannot fire on the files they name; other commands (the default) read every rule.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub timeout: Option<Duration>,
    pub use_vm: bool,
    pub selection: Selection,
}

/// Built-in library (unless `--no-builtin`) plus `-p` paths, and `-d` data.
pub fn load_policies(
    args: &PolicyArgs,
    root: &Path,
    cwd: &Path,
    options: LoadOptions,
) -> Result<PolicySet, AppError> {
    let mut sources = if args.no_builtin {
        Vec::new()
    } else {
        policy::builtin::sources_for(&options.selection)
    };
    for p in &args.policy {
        let abs = cwd.join(p);
        let files = rego_files(&abs)?;
        if files.is_empty() {
            return Err(AppError::Usage(format!(
                "no .rego policy files found in `{}`",
                p.display()
            )));
        }
        for f in files {
            let text = std::fs::read_to_string(&f)
                .map_err(|e| AppError::Usage(format!("cannot read policy {}: {e}", f.display())))?;
            sources.push(PolicySource {
                path: discover::relative(root, &f),
                text,
                builtin: false,
            });
        }
    }
    if sources.is_empty() {
        return Err(AppError::Usage(
            "no policies to evaluate (--no-builtin and no --policy)".into(),
        ));
    }
    let mut data = Vec::new();
    for d in &args.data {
        data.extend(load_data(&cwd.join(d))?);
    }
    let namespaces = if args.all_namespaces {
        Namespaces::All
    } else if args.namespace.is_empty() {
        Namespaces::Matching(vec!["main".into()])
    } else {
        Namespaces::Matching(args.namespace.clone())
    };
    Ok(PolicySet::load(
        &sources,
        data,
        &namespaces,
        options.timeout,
        options.use_vm,
    )?)
}

/// `.rego` files under a path (a file or a directory), tests excluded, sorted.
pub fn rego_files(path: &Path) -> Result<Vec<PathBuf>, AppError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| AppError::Usage(format!("cannot read `{}`: {e}", path.display())))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(path)
        .standard_filters(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.ends_with(".rego") && !name.ends_with("_test.rego")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Data documents: each JSON/YAML file's top-level keys merge under `data`, as in conftest.
fn load_data(path: &Path) -> Result<Vec<Value>, AppError> {
    let mut files = Vec::new();
    if path.is_dir() {
        for e in ignore::WalkBuilder::new(path)
            .standard_filters(false)
            .build()
            .flatten()
        {
            let p = e.into_path();
            let name = p.to_string_lossy().to_ascii_lowercase();
            if p.is_file()
                && (name.ends_with(".json") || name.ends_with(".yaml") || name.ends_with(".yml"))
            {
                files.push(p);
            }
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)
            .map_err(|e| AppError::Usage(format!("cannot read data file {}: {e}", f.display())))?;
        let docs = yaml::parse_stream(&text).map_err(|e| {
            AppError::Usage(format!(
                "{}:{}:{}: invalid data file: {}",
                f.display(),
                e.line,
                e.column,
                e.message
            ))
        })?;
        for doc in docs {
            let v = yaml::to_value(&doc.root, &mut String::new(), &mut Locations::default())
                .map_err(|e| {
                    AppError::Usage(format!(
                        "{}:{}:{}: invalid data file: {}",
                        f.display(),
                        e.line,
                        e.column,
                        e.message
                    ))
                })?;
            if v.as_object().is_err() {
                return Err(AppError::Usage(format!(
                    "{}: a data file must hold an object at the top level",
                    f.display()
                )));
            }
            out.push(v);
        }
    }
    Ok(out)
}

fn run_rules(args: RulesArgs, root: &Path, cwd: &Path) -> Result<u8, AppError> {
    let set = load_policies(&args.policies, root, cwd, LoadOptions::default())?;
    let rules = rule_rows(&set);
    let mut out = String::new();
    match args.format {
        RulesFormat::Json => {
            out = serde_json::to_string_pretty(&rules).expect("serializes");
            out.push('\n');
        }
        RulesFormat::Markdown => out = rules_markdown(&rules),
        RulesFormat::Table => {
            out.push_str(&format!(
                "{:<16} {:<9} {:<7} {}\n",
                "ID", "SEVERITY", "ENFORCE", "TITLE"
            ));
            for r in &rules {
                out.push_str(&format!(
                    "{:<16} {:<9} {:<7} {}\n",
                    r["id"].as_str().unwrap_or_default(),
                    r["severity"].as_str().unwrap_or_default(),
                    r["enforcement"].as_str().unwrap_or_default(),
                    r["title"].as_str().unwrap_or_default()
                ));
            }
            out.push_str(&format!("{} rule(s)\n", rules.len()));
        }
    }
    print!("{out}");
    Ok(EXIT_PASS)
}

/// One JSON object per rule id, sorted by id.
pub fn rule_rows(set: &PolicySet) -> Vec<serde_json::Value> {
    let mut rows = std::collections::BTreeMap::new();
    for rule in &set.rules {
        let meta = rule.meta.as_deref().cloned().unwrap_or_default();
        let id = if meta.id.is_empty() {
            format!("{}.{}", rule.package, rule.name)
        } else {
            meta.id.clone()
        };
        rows.entry(id.clone()).or_insert_with(|| {
            serde_json::json!({
                "id": id,
                "title": meta.title,
                "description": meta.description,
                "severity": meta.severity.map(|s| s.as_str()).unwrap_or(if rule.kind == policy::Enforcement::Block { "high" } else { "medium" }),
                "enforcement": meta.enforcement.unwrap_or(rule.kind).as_str(),
                "remediation": meta.remediation,
                "references": meta.references,
                "frameworks": meta.frameworks,
                "resource_types": meta.resource_types,
                "package": rule.package,
                "file": rule.file,
                "builtin": rule.builtin,
            })
        });
    }
    rows.into_values().collect()
}

fn run_explain(id: &str, args: &PolicyArgs, root: &Path, cwd: &Path) -> Result<u8, AppError> {
    let set = load_policies(args, root, cwd, LoadOptions::default())?;
    let rows = rule_rows(&set);
    let Some(r) = rows
        .iter()
        .find(|r| r["id"].as_str().is_some_and(|i| i.eq_ignore_ascii_case(id)))
    else {
        return Err(AppError::Usage(format!(
            "no rule with id `{id}` (see `tollgate rules`)"
        )));
    };
    let s = |k: &str| field(r, k);
    let list = |k: &str| list_field(r, k);
    let mut out = format!("{}: {}\n\n", s("id"), s("title"));
    out.push_str(&format!(
        "severity: {}    enforcement: {}    package: {}\n\n",
        s("severity"),
        s("enforcement"),
        s("package")
    ));
    if !s("description").is_empty() {
        out.push_str(&format!("{}\n\n", s("description")));
    }
    if !s("remediation").is_empty() {
        out.push_str(&format!("Remediation:\n{}\n\n", s("remediation")));
    }
    for (label, key) in [
        ("Applies to", "resource_types"),
        ("Frameworks", "frameworks"),
        ("References", "references"),
    ] {
        let items = list(key);
        if !items.is_empty() {
            out.push_str(&format!("{label}:\n"));
            for i in items {
                out.push_str(&format!("  - {i}\n"));
            }
            out.push('\n');
        }
    }
    print!("{out}");
    Ok(EXIT_PASS)
}

/// A string field of a rule row (`rule_rows`), empty when absent.
fn field(row: &serde_json::Value, key: &str) -> String {
    row[key].as_str().unwrap_or_default().to_string()
}

/// A list-of-strings field of a rule row.
fn list_field(row: &serde_json::Value, key: &str) -> Vec<String> {
    row[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The rule reference page, generated from metadata (`tollgate rules --format markdown > docs/rules.md`).
pub fn rules_markdown(rules: &[serde_json::Value]) -> String {
    let s = field;
    let list = list_field;
    let mut out = String::from(
        "# tollgate rules\n\nGenerated from the policies' METADATA by `tollgate rules --format markdown > docs/rules.md`;\na test fails when this page is stale.\n\n| id | title | severity | enforcement |\n|---|---|---|---|\n",
    );
    for r in rules {
        let id = s(r, "id");
        out.push_str(&format!(
            "| [{id}](#{}) | {} | {} | {} |\n",
            id.to_ascii_lowercase(),
            s(r, "title"),
            s(r, "severity"),
            s(r, "enforcement")
        ));
    }
    for r in rules {
        out.push_str(&format!(
            "\n## {}\n\n**{}** — severity {}, enforcement {}\n\n",
            s(r, "id"),
            s(r, "title"),
            s(r, "severity"),
            s(r, "enforcement")
        ));
        if !s(r, "description").is_empty() {
            out.push_str(&format!("{}\n\n", s(r, "description")));
        }
        if !s(r, "remediation").is_empty() {
            out.push_str(&format!("**Remediation**\n\n{}\n\n", s(r, "remediation")));
        }
        for (label, key) in [
            ("Applies to", "resource_types"),
            ("Frameworks", "frameworks"),
            ("References", "references"),
        ] {
            let items = list(r, key);
            if !items.is_empty() {
                out.push_str(&format!("**{label}**: {}\n\n", items.join(", ")));
            }
        }
        out.push_str(&format!(
            "Policy: `{}`\n",
            s(r, "file").trim_start_matches("builtin:")
        ));
    }
    out
}

fn run_verify(args: VerifyArgs, root: &Path, cwd: &Path) -> Result<u8, AppError> {
    let filter = match &args.run {
        Some(r) => Some(
            regex::Regex::new(r)
                .map_err(|e| AppError::Usage(format!("invalid --run pattern: {e}")))?,
        ),
        None => None,
    };
    let paths = if args.paths.is_empty() {
        vec![if cwd.join("policy").is_dir() {
            cwd.join("policy")
        } else {
            cwd.to_path_buf()
        }]
    } else {
        args.paths.iter().map(|p| cwd.join(p)).collect()
    };
    let mut sources = Vec::new();
    for path in &paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| AppError::Usage(format!("cannot read `{}`: {e}", path.display())))?;
        let files: Vec<PathBuf> = if meta.is_file() {
            vec![path.clone()]
        } else {
            let mut f: Vec<PathBuf> = ignore::WalkBuilder::new(path)
                .build()
                .flatten()
                .map(|e| e.into_path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rego"))
                .collect();
            f.sort();
            f
        };
        for f in files {
            let text = std::fs::read_to_string(&f)
                .map_err(|e| AppError::Usage(format!("cannot read {}: {e}", f.display())))?;
            sources.push(PolicySource {
                path: discover::relative(root, &f),
                text,
                builtin: false,
            });
        }
    }
    if !args.no_builtin {
        // The built-in helpers (`data.tollgate.lib.*`) are importable from user tests; skip any
        // package the user's paths define themselves (verifying tollgate's own `policies/`).
        let user_packages: std::collections::HashSet<String> = sources
            .iter()
            .filter_map(|s| s.package().map(str::to_string))
            .collect();
        let builtin: Vec<PolicySource> = policy::builtin::sources()
            .into_iter()
            .filter(|b| {
                b.path.contains("/lib/") && b.package().is_none_or(|p| !user_packages.contains(p))
            })
            .collect();
        sources.extend(builtin);
    }
    let results = policy::verify::run(&sources, filter.as_ref()).map_err(AppError::Usage)?;
    let failed = results.iter().filter(|r| !r.passed).count();
    let mut out = String::new();
    if args.format == RulesFormat::Json {
        out = serde_json::to_string_pretty(&results).expect("serializes");
        out.push('\n');
    } else {
        for r in &results {
            let status = if r.passed { "PASS" } else { "FAIL" };
            out.push_str(&format!("{status} {} ({})", r.name, r.file));
            if let Some(e) = &r.error {
                out.push_str(&format!(": {e}"));
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "{} test(s), {} passed, {} failed\n",
            results.len(),
            results.len() - failed,
            failed
        ));
    }
    print!("{out}");
    Ok(if failed > 0 { EXIT_BLOCK } else { EXIT_PASS })
}

fn run_exceptions(args: ExceptionsArgs, root: &Path, cwd: &Path) -> Result<u8, AppError> {
    let judge = build_judge(&args.judging, root, cwd)?;
    let policies = load_policies(&args.policies, root, cwd, LoadOptions::default())?;
    let paths = if args.paths.is_empty() {
        vec![cwd.to_path_buf()]
    } else {
        args.paths.iter().map(|p| cwd.join(p)).collect()
    };
    let request = ScanRequest {
        root: root.to_path_buf(),
        paths,
        filters: Filters::default(),
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        max_file_size: 10 * 1024 * 1024,
        parse_only: false,
    };
    let outcome = scan::scan(&request, &policies, &judge).map_err(AppError::Usage)?;
    let health = &outcome.exceptions;
    use crate::judge::ExceptionState as S;
    let total = health.entries.len();
    let old = health
        .entries
        .iter()
        .filter(|e| e.age_days.is_some_and(|a| a > 90))
        .count();
    let share_old = if total == 0 {
        0.0
    } else {
        old as f64 / total as f64
    };
    let totals = serde_json::json!({
        "count": total,
        "active": health.count(S::Active),
        "expiring": health.count(S::Expiring),
        "expired": health.count(S::Expired),
        "unused": health.count(S::Unused),
        "older_than_90_days": old,
        "share_older_than_90_days": (share_old * 1000.0).round() / 1000.0,
        "expiring_within_days": judge.warn_before_days,
    });
    let mut out = String::new();
    if args.format == RulesFormat::Json {
        out = serde_json::to_string_pretty(&serde_json::json!({
            "today": judge.today,
            "totals": totals,
            "exceptions": health.entries,
        }))
        .expect("serializes");
        out.push('\n');
    } else {
        out.push_str(&format!(
            "{:<28} {:<9} {:<16} {:>5} {:>9} {:>7}  {}\n",
            "ID", "STATUS", "OWNER", "AGE", "DAYS LEFT", "MATCHES", "DECLARED AT"
        ));
        for e in &health.entries {
            let status = serde_json::to_value(e.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            out.push_str(&format!(
                "{:<28} {:<9} {:<16} {:>5} {:>9} {:>7}  {}\n",
                e.exception.id,
                status,
                if e.exception.owner.is_empty() {
                    "-"
                } else {
                    &e.exception.owner
                },
                e.age_days.map_or("-".to_string(), |a| a.to_string()),
                e.days_left,
                e.matches,
                e.exception.source
            ));
        }
        out.push_str(&format!(
            "{total} exception(s): {} active, {} expiring within {} days, {} expired, {} unused; {:.0}% older than 90 days\n",
            health.count(S::Active),
            health.count(S::Expiring),
            judge.warn_before_days,
            health.count(S::Expired),
            health.count(S::Unused),
            share_old * 100.0
        ));
    }
    print!("{out}");
    Ok(if outcome.errors.is_empty() {
        EXIT_PASS
    } else {
        EXIT_ERROR
    })
}

const STARTER_CONFIG: &str = r#"# tollgate configuration (see README: "Configuration").

[exceptions]
# files = [".tollgate/exceptions.yaml"]
max_days = 90          # longest an exception may last
warn_before_days = 14  # warn when an exception expires this soon

[enforcement]
# block_at = "high"    # rules at or above this severity block, below warn

# Per rule id or glob: block | warn | off, and an optional staged rollout.
# [rules."TG-K8S-018"]
# enforcement = "off"
#
# [rules."TG-K8S-017"]
# enforcement = "block"
# warn_until = 2027-03-01   # warn before this date, block from it on
"#;

const STARTER_EXCEPTIONS: &str = r#"# tollgate exceptions (see README: "Exceptions"). Every entry needs rules, reason, owner and
# expires; an expired exception stops protecting anything and the scan says so.
exceptions: []
#  - id: legacy-assets-bucket
#    rules: [TG-AWS-S3-001]
#    resources: [aws_s3_bucket.legacy_assets]
#    paths: [terraform/legacy/**]
#    reason: Public website assets; moving behind CloudFront in SEC-123
#    owner: team-web
#    ticket: SEC-123
#    created: 2026-11-26
#    expires: 2027-01-31
"#;

fn run_init(root: &Path, force: bool) -> Result<u8, AppError> {
    for (rel, text) in [
        (config::DEFAULT_FILE, STARTER_CONFIG),
        (config::DEFAULT_EXCEPTIONS, STARTER_EXCEPTIONS),
    ] {
        let path = root.join(rel);
        if path.exists() && !force {
            eprintln!("tollgate: {rel} exists, left as is (--force to overwrite)");
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| AppError::Usage(format!("cannot create {}: {e}", dir.display())))?;
        }
        write_atomically(&path, text)
            .map_err(|e| AppError::Usage(format!("cannot write {rel}: {e}")))?;
        eprintln!("tollgate: wrote {rel}");
    }
    Ok(EXIT_PASS)
}
