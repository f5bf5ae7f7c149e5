//! Reports: everything tollgate prints. One module per scan output format, all rendering the same
//! [`Outcome`] with the rule catalog, plus the listings of the other commands (`catalog`,
//! `health`, `tests`). All English text shown to people lives here.
//!
//! Renderers are pure functions from data to text; only `human` reads source files
//! (for snippets) and only `human` shows timings, so JSON and SARIF are byte-identical across runs
//! and thread counts. Reports never depend on the pipeline or the walker.

pub mod aggregate;
pub mod catalog;
pub(crate) mod evidence;
pub(crate) mod github;
pub(crate) mod health;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod markdown;
pub(crate) mod sarif;
pub(crate) mod tests;

use crate::judge::exceptions::Exception;
use crate::judge::governance::{Change, Relaxation};
use crate::judge::{ExceptionHealth, ExceptionState};
use crate::outcome::{Notice, Outcome};
use crate::policy::RuleInfo;
use std::io::{self, Write};
use std::path::Path;

/// The output formats of `tollgate scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Diagnostics with source snippets, grouped by file, and a summary line.
    Human,
    /// Machine-readable report (schema version 1, see README).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the diff).
    Github,
    /// JUnit XML for GitLab, Jenkins and other CI test reports.
    Junit,
    /// Markdown summary, e.g. for `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// Audit evidence: a deterministic JSON record of the run (rules and controls, exceptions).
    Evidence,
}

impl ReportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Human => "human",
            ReportFormat::Json => "json",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Github => "github",
            ReportFormat::Junit => "junit",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Evidence => "evidence",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "human" | "text" => Some(ReportFormat::Human),
            "json" => Some(ReportFormat::Json),
            "sarif" => Some(ReportFormat::Sarif),
            "github" => Some(ReportFormat::Github),
            "junit" => Some(ReportFormat::Junit),
            "markdown" | "md" => Some(ReportFormat::Markdown),
            "evidence" => Some(ReportFormat::Evidence),
            _ => None,
        }
    }
}

/// Which findings the human-facing reports list. Filters never change the verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Show {
    /// Blocking findings only.
    Blocking,
    /// Blocking findings and warnings (excepted ones collapse to one line per exception).
    #[default]
    Actionable,
    /// Everything, excepted and existing findings in full.
    All,
}

/// How much the human report shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct View {
    pub show: Show,
    /// Findings below this severity are not listed (they still count).
    pub min_severity: Option<crate::policy::Severity>,
    /// Blocking findings and the summary only.
    pub quiet: bool,
}

impl View {
    /// Is this finding listed in full?
    pub fn lists(&self, f: &crate::judge::Finding) -> bool {
        if self.min_severity.is_some_and(|min| f.severity < min) {
            return false;
        }
        match (self.quiet, self.show) {
            (true, _) | (false, Show::Blocking) => f.blocks(),
            (false, Show::Actionable) => f.blocks() || f.warns(),
            (false, Show::All) => true,
        }
    }
}

/// Everything a renderer may need besides the outcome.
pub struct ReportContext<'a> {
    pub outcome: &'a Outcome,
    /// The loaded rules (the catalog): SARIF lists every one.
    pub rules: &'a [RuleInfo],
    pub root: &'a Path,
    pub color: bool,
    /// SARIF: include excepted findings with a `suppressions` entry.
    pub sarif_include_excepted: bool,
    /// What the human report lists.
    pub view: View,
    /// The date the run judged by ("today"), and the repository's commit, for evidence.
    pub today: crate::date::Date,
    pub revision: Option<&'a str>,
}

/// Writes a report. JSON and SARIF go finding by finding straight into `out`; the other formats
/// are small (or, for human output, read by people) and are rendered first.
pub fn write(format: ReportFormat, ctx: &ReportContext, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Json => json::write(ctx, out),
        ReportFormat::Sarif => sarif::write(ctx, out),
        ReportFormat::Evidence => evidence::write(ctx, out),
        other => out.write_all(render(other, ctx).as_bytes()),
    }
}

/// Pretty-printed JSON (two-space indent) and a final newline.
fn write_pretty(value: &impl serde::Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

pub fn render(format: ReportFormat, ctx: &ReportContext) -> String {
    match format {
        ReportFormat::Human => human::render(ctx),
        ReportFormat::Json => json::render(ctx),
        ReportFormat::Sarif => sarif::render(ctx),
        ReportFormat::Github => github::render(ctx),
        ReportFormat::Junit => junit::render(ctx),
        ReportFormat::Markdown => markdown::render(ctx),
        ReportFormat::Evidence => {
            let mut out = Vec::new();
            evidence::write(ctx, &mut out).expect("writing to memory cannot fail");
            String::from_utf8(out).expect("serde_json writes UTF-8")
        }
    }
}

/// Version string shown by `--version` and embedded in reports.
pub fn tool_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// `--version`: the version and the fingerprint of the embedded policy library.
pub fn long_version() -> &'static str {
    static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{} (policy library {}, {} files)",
            tool_version(),
            crate::policy::builtin::library_hash(),
            crate::policy::builtin::file_count()
        )
    });
    &VERSION
}

/// Messages for the warnings section: expiring soon (with owner), expired, unused.
pub fn exception_warnings(health: &ExceptionHealth) -> Vec<String> {
    let who = |e: &Exception| {
        if e.owner.is_empty() {
            String::new()
        } else {
            format!(" (owner {})", e.owner)
        }
    };
    health
        .entries
        .iter()
        .filter_map(|s| {
            let e = &s.exception;
            match s.status {
                ExceptionState::Expiring => Some(format!(
                    "exception `{}`{} expires on {} ({} day(s) left), declared at {}",
                    e.id,
                    who(e),
                    e.expires,
                    s.days_left,
                    e.source
                )),
                ExceptionState::Expired => Some(format!(
                    "exception `{}`{} expired on {} and no longer applies, declared at {}",
                    e.id,
                    who(e),
                    e.expires,
                    e.source
                )),
                ExceptionState::Unused => Some(format!(
                    "exception `{}`{} matched no finding (stale?), declared at {}",
                    e.id,
                    who(e),
                    e.source
                )),
                ExceptionState::Active => None,
            }
        })
        .collect()
}

/// One sentence per relaxation in force, for every report.
pub fn relaxation_text(r: &Relaxation) -> String {
    match r {
        Relaxation::RuleOff { rules, declared_at } => {
            format!("rules `{rules}` are turned off ({declared_at})")
        }
        Relaxation::RuleWarns { rules, declared_at } => {
            format!("rules `{rules}` only warn, never block ({declared_at})")
        }
        Relaxation::Rollout {
            rules,
            until,
            declared_at,
        } => format!("rules `{rules}` warn until {until} (staged rollout, {declared_at})"),
        Relaxation::BlockAt {
            severity,
            declared_at,
            downgraded,
        } => format!(
            "findings below {severity} severity warn instead of blocking: {downgraded} finding(s) downgraded in this run ({declared_at})"
        ),
        Relaxation::MaxDays {
            days,
            default,
            declared_at,
        } => format!(
            "exceptions may last {days} days instead of the default {default} ({declared_at})"
        ),
        Relaxation::PodSecurityBaseline { declared_at } => format!(
            "Pod Security Standards at the baseline level: rules of the restricted level only warn ({declared_at})"
        ),
        Relaxation::BroadException {
            id,
            rules,
            scope_all,
            declared_at,
        } => format!(
            "exception `{id}` covers {} for {} ({declared_at})",
            rules
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if *scope_all {
                "every resource and path (scope: all)"
            } else {
                "the resources and paths it names"
            }
        ),
    }
}

/// What `tollgate baseline` added: one line per exception, then a total.
pub fn baseline(
    rows: &[(String, String, usize, usize)],
    file: &str,
    covered: usize,
    dry_run: bool,
) -> String {
    let mut out = String::new();
    for (id, rule, paths, resources) in rows {
        out.push_str(&format!(
            "{} {id}: {rule}, {paths} file(s), {resources} resource(s)\n",
            if dry_run { "would add" } else { "added" }
        ));
    }
    out.push_str(&format!(
        "{} {} exception(s) covering {covered} resource(s) to {file}\n",
        if dry_run { "would add" } else { "added" },
        rows.len(),
    ));
    out
}

/// One sentence per governance change of a pull request (`--base`).
pub fn change_text(c: &Change) -> String {
    let list = |xs: &[String]| {
        xs.iter()
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match c {
        Change::ExceptionAdded {
            id,
            declared_at,
            rules,
            expires,
        } => format!(
            "exception `{id}` added ({declared_at}): {} until {expires}",
            list(rules)
        ),
        Change::ExceptionRemoved { id } => format!("exception `{id}` removed"),
        Change::ExceptionWidened {
            id,
            declared_at,
            how,
        } => format!(
            "exception `{id}` widened ({declared_at}): {}",
            how.join("; ")
        ),
        Change::RuleSetting {
            rules,
            before,
            after,
        } => format!("rules `{rules}`: {before} → {after}"),
        Change::BlockAt { before, after } => format!("block_at: {before} → {after}"),
        Change::MaxDays { before, after } => format!("exceptions.max_days: {before} → {after}"),
        Change::PodSecurity { before, after } => {
            format!("kubernetes.pod_security: {before} → {after}")
        }
        Change::PolicyAdded { file } => format!("policy {file} added"),
        Change::PolicyChanged { file } => format!("policy {file} changed"),
        Change::PolicyRemoved { file } => format!("policy {file} removed"),
    }
}

/// One line on how the run compares with its base, when it has one.
pub fn base_line(o: &Outcome) -> Option<String> {
    o.base.as_ref().map(|b| {
        format!(
            "against {} ({}): {} new, {} existing, {} fixed; {} governance change(s), judged with the base's configuration, exceptions and policies",
            b.revision,
            &b.commit[..b.commit.len().min(12)],
            b.new,
            b.existing,
            b.fixed,
            o.governance_changes.len()
        )
    })
}

/// One sentence per notice.
pub fn notice_text(n: &Notice) -> String {
    match n {
        Notice::PolicyNotEvaluated {
            file,
            package,
            namespace_not_selected: true,
        } => format!(
            "policy {file} (package `{package}`) is never evaluated: its package is not selected (add `--namespace {package}` or `--all-namespaces`)"
        ),
        Notice::PolicyNotEvaluated { file, package, .. } => format!(
            "policy {file} (package `{package}`) is never evaluated: it has no `deny`, `violation` or `warn` rule and no evaluated policy uses it"
        ),
        Notice::ModuleNotFollowed {
            file,
            line,
            address,
            source,
            reason,
        } => format!(
            "module call `{address}` ({file}:{line}, source `{source}`) not followed, its resources not judged: {reason}"
        ),
        Notice::ReadAsOpenTofu { dir, replaced } if replaced.is_empty() => format!(
            "module {dir} has `.tofu` files and is read as OpenTofu reads it (Terraform ignores them)"
        ),
        Notice::ReadAsOpenTofu { dir, replaced } => format!(
            "module {dir} has `.tofu` files and is read as OpenTofu reads it (Terraform ignores them): {} not judged, a `.tofu` file takes its place",
            replaced.join(", ")
        ),
        Notice::UnknownRule {
            pattern,
            declared_at,
        } => format!(
            "`{pattern}` ({declared_at}) matches no rule of the library, of the loaded policies or of any finding: a typo?"
        ),
        Notice::CallerSearchStopped { dir, directories } => format!(
            "module {dir}: no caller found in the {directories} nearest directories, so it was judged as a root module with its own defaults; a module further away may call it with other values (scan the caller's directory to judge it through that call)"
        ),
    }
}

/// The warnings section: exception health, then notices about the run.
pub fn warnings(o: &Outcome) -> Vec<String> {
    let mut out = exception_warnings(&o.exceptions);
    let m = &o.exception_metrics;
    if m.above_target() {
        out.push(format!(
            "{:.0}% of exceptions are older than {} days, above the {:.0}% target (exceptions.aged_share_target)",
            m.aged_share * 100.0,
            m.aged_days,
            m.aged_share_target * 100.0
        ));
    }
    out.extend(o.notices.iter().map(notice_text));
    out
}

/// What the scan left out, by reason, for one-line summaries.
pub fn left_out(o: &Outcome) -> String {
    format!(
        "{} skipped, {} unsupported, {} excluded, {} ignored, {} dir(s) not entered",
        o.skipped.len(),
        o.stats.files_unsupported,
        o.stats.files_excluded,
        o.stats.files_ignored,
        o.stats.directories_skipped,
    )
}

/// Input-derived text made safe for one line of a text report: line breaks (including the
/// Unicode ones go-yaml honours), other control characters and bidirectional overrides are shown
/// as escapes, so a resource name cannot start a new line (a fake `::error` workflow command), move
/// the cursor or recolour a terminal.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Prints text on standard output. A closed pipe (`tollgate rules | head`) is the reader's
/// choice, not a failure.
pub fn emit(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes text through a temporary file renamed into place (see [`write_file_atomically`]).
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    write_file_atomically(path, |out| out.write_all(text.as_bytes()))
}

/// Writes through a buffered temporary file beside `path`, renamed into place once complete, so
/// an interrupted run never leaves a truncated report that a later CI step would accept.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
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
            let mut out = io::BufWriter::new(file);
            write(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        })
        .and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// FNV-1a: a stable, dependency-free hash for fingerprints.
pub fn fnv1a(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= b as u64;
            hash = hash.wrapping_mul(0x100000001b3);
        }
    }
    format!("{hash:016x}")
}
