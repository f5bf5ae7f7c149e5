//! Reports: one module per output format, all rendering the same [`ScanOutcome`].
//!
//! Renderers are pure functions from the outcome to text; only `human` reads source files
//! (for snippets) and only `human` shows timings, so JSON and SARIF are byte-identical across runs
//! and thread counts.

pub mod human;
pub mod json;
pub mod sarif;

use crate::policy::PolicySet;
use crate::scan::ScanOutcome;
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
}

impl ReportFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "human" | "text" => Some(ReportFormat::Human),
            "json" => Some(ReportFormat::Json),
            "sarif" => Some(ReportFormat::Sarif),
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
}

pub fn render(format: ReportFormat, ctx: &ReportContext) -> String {
    match format {
        ReportFormat::Human => human::render(ctx),
        ReportFormat::Json => json::render(ctx),
        ReportFormat::Sarif => sarif::render(ctx),
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
