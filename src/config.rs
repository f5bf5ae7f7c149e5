//! `tollgate.toml`: the repository's configuration, validated strictly (an unknown key is an
//! error with its line and column, never silently ignored).
//!
//! ```toml
//! [exceptions]
//! files = [".tollgate/exceptions.yaml"]   # exception files (default shown)
//! max_days = 90                           # longest allowed exception lifetime
//! warn_before_days = 14                   # warn when an exception expires this soon
//!
//! [enforcement]
//! block_at = "high"                       # rules at or above this severity block, below warn
//!
//! [rules."TG-K8S-018"]                    # a rule id or a glob (`TG-AWS-*`)
//! enforcement = "off"                     # block | warn | off
//!
//! [rules."TG-K8S-017"]
//! enforcement = "block"
//! warn_until = 2027-03-01                 # warn before this date, block from it on
//! ```

use crate::date::Date;
use crate::policy::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DEFAULT_FILE: &str = "tollgate.toml";
pub const DEFAULT_EXCEPTIONS: &str = ".tollgate/exceptions.yaml";
/// The default longest exception lifetime, in days.
pub const DEFAULT_MAX_DAYS: i64 = 90;
/// The hard ceiling on `exceptions.max_days`.
pub const MAX_DAYS_CEILING: i64 = 365;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub exceptions: ExceptionSettings,
    #[serde(default)]
    pub enforcement: EnforcementSettings,
    /// Per rule id or glob.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSettings>,
    /// How Helm charts are rendered.
    #[serde(default)]
    pub helm: HelmConfig,
    /// How Kustomize overlays are built.
    #[serde(default)]
    pub kustomize: KustomizeConfig,
    /// What Terraform is given besides the configuration.
    #[serde(default)]
    pub terraform: TerraformConfig,
    /// Which files are scanned.
    #[serde(default)]
    pub scan: ScanConfig,
    /// Kubernetes judging settings.
    #[serde(default)]
    pub kubernetes: KubernetesConfig,
}

/// `[kubernetes]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubernetesConfig {
    /// The Pod Security Standards level enforced: `restricted` (default: every rule as shipped) or
    /// `baseline` (rules of the restricted level only warn).
    #[serde(default)]
    pub pod_security: PodSecurity,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PodSecurity {
    Baseline,
    #[default]
    Restricted,
}

/// `[scan]`: include/exclude globs applied with the command line's (gitignore style, relative to
/// the repository root).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// `[terraform]`: what CI passes to Terraform, so the gate sees the same values.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerraformConfig {
    /// Variable files (`-var-file`), relative to the repository root, applied after the files
    /// Terraform loads by itself and before `--tf-var-file`.
    #[serde(default)]
    pub var_files: Vec<PathBuf>,
}

/// Render or skip.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RenderMode {
    /// Render with the real tool and judge the output (default).
    #[default]
    Render,
    /// Do not render: every chart (or overlay) is reported as not judged.
    Skip,
}

/// `[helm]`: charts are rendered with `helm template`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelmConfig {
    /// The `helm` binary (default: `helm` on PATH).
    pub binary: Option<PathBuf>,
    #[serde(default)]
    pub render: RenderMode,
    /// `--kube-version` for every render (e.g. "1.32.0").
    pub kube_version: Option<String>,
    /// Renders per chart; a chart without an entry is rendered once with its `values.yaml`.
    #[serde(default)]
    pub charts: Vec<ChartConfig>,
}

/// `[[helm.charts]]`: one render of one chart.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartConfig {
    /// The chart directory, relative to the repository root.
    pub path: String,
    /// The render's name in reports (default `default`).
    pub name: Option<String>,
    /// Value files (`-f`), relative to the repository root, in order.
    #[serde(default)]
    pub values: Vec<PathBuf>,
    /// `--set NAME=VALUE` pairs, in order.
    #[serde(default)]
    pub set: Vec<String>,
    /// The release name (default `release`).
    pub release: Option<String>,
    /// `--namespace` for the render.
    pub namespace: Option<String>,
}

/// `[kustomize]`: overlays are built with `kustomize build` or `kubectl kustomize`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KustomizeConfig {
    /// The binary: `kustomize` (run as `kustomize build DIR`) or `kubectl` (run as
    /// `kubectl kustomize DIR`); default: whichever is on PATH, `kustomize` first.
    pub binary: Option<PathBuf>,
    #[serde(default)]
    pub render: RenderMode,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionSettings {
    /// Exception files, relative to the repository root.
    #[serde(default)]
    pub files: Vec<PathBuf>,
    #[serde(default = "default_max_days")]
    pub max_days: i64,
    #[serde(default = "default_warn_before_days")]
    pub warn_before_days: i64,
    /// Exceptions older than this many days count as aged in the health numbers.
    #[serde(default = "default_aged_days")]
    pub aged_days: i64,
    /// Warn when more than this share of exceptions is aged (0.05 = 5 %).
    #[serde(default = "default_aged_share_target")]
    pub aged_share_target: f64,
}

impl Default for ExceptionSettings {
    fn default() -> Self {
        ExceptionSettings {
            files: Vec::new(),
            max_days: default_max_days(),
            warn_before_days: default_warn_before_days(),
            aged_days: default_aged_days(),
            aged_share_target: default_aged_share_target(),
        }
    }
}

fn default_max_days() -> i64 {
    DEFAULT_MAX_DAYS
}

fn default_warn_before_days() -> i64 {
    14
}

fn default_aged_days() -> i64 {
    90
}

fn default_aged_share_target() -> f64 {
    0.05
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnforcementSettings {
    /// Severity at or above which findings block; below it they warn.
    pub block_at: Option<SeverityName>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Critical,
    High,
    Medium,
    Low,
}

impl SeverityName {
    pub fn severity(self) -> Severity {
        match self {
            SeverityName::Critical => Severity::Critical,
            SeverityName::High => Severity::High,
            SeverityName::Medium => Severity::Medium,
            SeverityName::Low => Severity::Low,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleMode {
    Block,
    Warn,
    Off,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    pub enforcement: Option<RuleMode>,
    /// Warn before this date, block from it on (a staged rollout).
    pub warn_until: Option<DateValue>,
}

/// A date written as a TOML date (`2027-03-01`) or a string (`"2027-03-01"`).
#[derive(Debug, Clone, Copy)]
pub struct DateValue(pub Date);

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Toml(dt) => match (dt.date, dt.time) {
                (Some(date), None) => date.to_string(),
                _ => {
                    return Err(serde::de::Error::custom(
                        "expected a date without a time, e.g. 2027-03-01",
                    ));
                }
            },
            Raw::Text(s) => s,
        };
        Date::parse(&text)
            .map(DateValue)
            .map_err(serde::de::Error::custom)
    }
}

/// Loads the config: `explicit` when given (must exist), else `tollgate.toml` at the root if present.
pub fn load(root: &Path, explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), String> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = root.join(DEFAULT_FILE);
            if !p.exists() {
                return Ok((Config::default(), None));
            }
            p
        }
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read config {}: {e}", path.display()))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                (line, col)
            })
            .unwrap_or((1, 1));
        format!(
            "{}:{line}:{col}: invalid config: {}",
            path.display(),
            e.message()
        )
    })?;
    if !(1..=MAX_DAYS_CEILING).contains(&config.exceptions.max_days) {
        return Err(format!(
            "{}: invalid config: exceptions.max_days must be between 1 and {MAX_DAYS_CEILING} (a year): an exception is a dated decision, not a permanent one",
            path.display()
        ));
    }
    Ok((config, Some(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tollgate.toml"), text).unwrap();
        load(dir.path(), None).map(|(c, _)| c)
    }

    #[test]
    fn full_config() {
        let c = parse("[exceptions]\nmax_days = 30\n[enforcement]\nblock_at = \"high\"\n[rules.\"TG-K8S-017\"]\nenforcement = \"block\"\nwarn_until = 2027-03-01\n[rules.\"TG-AWS-*\"]\nenforcement = \"off\"\n").unwrap();
        assert_eq!(c.exceptions.max_days, 30);
        assert_eq!(c.exceptions.warn_before_days, 14);
        assert_eq!(
            c.rules["TG-K8S-017"].warn_until.unwrap().0.to_string(),
            "2027-03-01"
        );
        assert_eq!(c.rules["TG-AWS-*"].enforcement, Some(RuleMode::Off));
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        let err = parse("[exceptions]\nmax_dayz = 30\n").unwrap_err();
        assert!(
            err.contains(":2:1: invalid config") && err.contains("max_dayz"),
            "{err}"
        );
        let err = parse("[rules.\"X\"]\nwarn_until = 2027-02-30\n").unwrap_err();
        assert!(
            err.contains(":2:14: invalid config") && err.contains("invalid date"),
            "{err}"
        );
    }
}
