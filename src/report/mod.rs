//! Reports: one module per output format, all rendering the same [`ScanOutcome`].
//!
//! Renderers are pure functions from the outcome to text; only `human` reads source files
//! (for snippets) and only `human` shows timings, so JSON and SARIF are byte-identical across runs
//! and thread counts.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::policy::PolicySet;
use crate::scan::ScanOutcome;
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
            _ => None,
        }
    }
}

/// Everything a renderer may need besides the outcome.
pub struct ReportContext<'a> {
    pub outcome: &'a ScanOutcome,
    pub policies: &'a PolicySet,
    pub root: &'a Path,
    pub color: bool,
    /// SARIF: include excepted findings with a `suppressions` entry.
    pub sarif_include_excepted: bool,
}

/// Writes a report. JSON and SARIF go finding by finding straight into `out`; the other formats
/// are small (or, for human output, read by people) and are rendered first.
pub fn write(format: ReportFormat, ctx: &ReportContext, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Json => json::write(ctx, out),
        ReportFormat::Sarif => sarif::write(ctx, out),
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
    }
}

/// Version string shown by `--version` and embedded in reports.
pub fn tool_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
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
