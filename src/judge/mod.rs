//! Judging: raw rule results become [`Finding`]s with a rule id, a source location, a resource
//! and an enforcement, and the run gets a [`Verdict`].
//!
//! Location hints are honoured in this order: the result's `path` (or a `_loc` array), a
//! `resource` address, a resource address named in the message, then the document's first line.
//! Every finding has a file and a line.

mod exception_index;
pub mod exceptions;
pub mod governance;
mod health;
pub mod inline;
mod order;

pub use health::{ExceptionHealth, ExceptionState, ExceptionStatus};
pub(crate) mod locate;

use crate::config::{Config, RuleMode, RuleSettings};
use crate::date::Date;
use crate::input::Document;
use crate::policy::{Enforcement, PolicySet, RawResult, Severity, glob_match};
use exceptions::{Exception, Limits};
use regorus::Value;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What became of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Counts against the run according to its enforcement.
    Failed,
    /// Covered by an exception; shown, never blocking.
    Excepted,
}

/// A finding's state against the base revision (`--base`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    /// Not at the base: the change introduces it.
    New,
    /// Already at the base (same rule, file, resource and occurrence): does not block.
    Existing,
}

/// Why a finding is excepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ExceptionRef {
    /// Exception id, or `conftest:<package>` for a policy's own `exception` rule.
    pub id: String,
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// The exception's `kind` (false-positive, accepted-risk, compensating-control).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// An exception that would have covered a finding but has expired.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ExpiredRef {
    pub id: String,
    pub owner: String,
    pub expired_on: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    /// The rule's title, shared by its findings.
    pub title: Arc<str>,
    pub message: String,
    pub severity: Severity,
    pub enforcement: Enforcement,
    pub status: Status,
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub resource: String,
    /// Rego package and rule that produced it (`main.deny`).
    pub source_rule: Arc<str>,
    /// Boxed, as the next field: most findings have none, and a finding's size counts 300,000 times
    /// in a large scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<Box<ExceptionRef>>,
    /// Set when only expired exceptions matched: the finding counts again, and says why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_exception: Option<Box<ExpiredRef>>,
    /// Keys of an object result other than the ones tollgate interprets.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub details: serde_json::Map<String, serde_json::Value>,
    /// For rendered input: the render that produced the document (`helm chart charts/web
    /// (render prod)`, `kustomize overlay overlays/prod`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub render: Option<String>,
    /// For rendered input: the offending line as rendered (`privileged: true`), next to the
    /// source line the finding points at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rendered: Option<String>,
    /// For a finding in a module instance: the `module` blocks that lead to it, outermost first.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub module_calls: Arc<[crate::input::ModuleCall]>,
    /// With `--base`: whether the base already had it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineState>,
}

/// Findings as a scan holds them: boxed, so that collecting, sorting and merging 300,000 of them
/// move pointers, not ~500-byte structs (the copies doubled the peak memory of a large scan).
#[allow(clippy::vec_box)]
pub type Findings = Vec<Box<Finding>>;

impl Finding {
    /// Does this finding stop the run?
    pub fn blocks(&self) -> bool {
        self.status == Status::Failed
            && self.enforcement == Enforcement::Block
            && self.baseline != Some(BaselineState::Existing)
    }

    pub fn warns(&self) -> bool {
        self.status == Status::Failed
            && self.enforcement == Enforcement::Warn
            && self.baseline != Some(BaselineState::Existing)
    }

    /// Failed, but already at the base revision: reported, never counted against the change.
    pub fn is_existing(&self) -> bool {
        self.status == Status::Failed && self.baseline == Some(BaselineState::Existing)
    }

    /// A failed low-severity warning of `rule_id` at `file:line`, everything else empty: tests
    /// set what they look at with struct update syntax.
    #[cfg(test)]
    pub fn sample(rule_id: &str, file: &str, line: u32) -> Finding {
        Finding {
            rule_id: rule_id.into(),
            title: "".into(),
            message: String::new(),
            severity: Severity::Low,
            enforcement: Enforcement::Warn,
            status: Status::Failed,
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
        }
    }
}

/// Keys of a result object that tollgate interprets rather than passing through.
const RESERVED_KEYS: &[&str] = &["msg", "path", "_loc", "resource", "id", "severity"];

/// Turns one raw result into a finding located in `doc`, with enforcement and exceptions applied.
/// `None` when the configuration turns the rule off.
pub fn finding(
    set: &PolicySet,
    judge: &Judge,
    doc: &Document,
    raw: &RawResult,
    inline: &inline::Scope,
) -> Option<Finding> {
    let rule = &set.rules[raw.rule];
    let facts = &rule.facts;
    let value = &raw.value;
    let (message, object) = match value {
        Value::String(s) => (s.to_string(), None),
        Value::Object(_) => {
            let msg = value["msg"]
                .as_string()
                .map(|s| s.to_string())
                .unwrap_or_else(|_| value.to_json_str().unwrap_or_default());
            (msg, Some(value))
        }
        other => (
            other.to_json_str().unwrap_or_default().trim().to_string(),
            None,
        ),
    };
    let result_str =
        |key: &str| object.and_then(|o| o[key].as_string().ok().map(|s| s.to_string()));
    // A result may name its rule and severity when the policy declares none (conftest style).
    let rule_id = if rule.has_declared_id() {
        facts.id.clone()
    } else {
        result_str("id").unwrap_or_else(|| facts.id.clone())
    };
    let severity = result_str("severity")
        .and_then(|s| Severity::parse(&s))
        .unwrap_or(facts.severity);
    if facts.off_by_default && !judge.enables(&rule_id) {
        return None;
    }
    // `[kubernetes] pod_security = "baseline"`: rules of the restricted level only warn (a
    // `[rules]` entry can still make one block).
    let default = if judge.pod_security_baseline && is_restricted_only(&facts.frameworks) {
        Enforcement::Warn
    } else {
        facts.enforcement
    };
    let enforcement = judge.enforcement(&rule_id, severity, default)?;
    let location = locate::locate(doc, object, &message);
    // Rendered documents: carry the location back to the file a developer edits.
    let (file, span, render, rendered) = match &doc.line_map {
        Some(map) => {
            let (pos, _exact) = map.map(location.span.line);
            let (end, _) = map.map(location.span.end_line);
            let end_line = if end.file == pos.file {
                end.line.max(pos.line)
            } else {
                pos.line
            };
            (
                pos.file.clone(),
                crate::input::Span::new(pos.line, pos.column, end_line),
                Some(map.label.to_string()),
                map.rendered_line(location.span.line).map(str::to_string),
            )
        }
        None => (doc.path.clone(), location.span, None, None),
    };
    let mut details = serde_json::Map::new();
    if let Some(Value::Object(o)) = object {
        for (k, v) in o.iter() {
            let Ok(k) = k.as_string() else { continue };
            if RESERVED_KEYS.contains(&k.as_ref()) {
                continue;
            }
            if let Ok(json) = serde_json::to_value(v) {
                details.insert(k.to_string(), json);
            }
        }
    }
    let mut finding = Finding {
        rule_id,
        title: facts.title.clone(),
        message,
        severity,
        enforcement,
        status: if raw.conftest_exception {
            Status::Excepted
        } else {
            Status::Failed
        },
        file,
        line: span.line,
        column: span.column,
        end_line: span.end_line,
        // In a module instance, addresses carry the module path: `module.site.aws_s3_bucket.this`.
        resource: match &doc.instance {
            Some(instance) if location.resource != *doc.path => {
                format!("{}.{}", instance.address, location.resource)
            }
            _ => location.resource.clone(),
        },
        source_rule: rule.source_rule.clone(),
        exception: raw.conftest_exception.then(|| {
            Box::new(ExceptionRef {
                id: format!("conftest:{}", rule.package),
                reason: "the policy's `exception` rule names this rule for this input".into(),
                owner: String::new(),
                expires: None,
                days_left: None,
                kind: None,
            })
        }),
        expired_exception: None,
        details,
        render,
        rendered,
        module_calls: doc
            .instance
            .as_ref()
            .map(|i| i.calls.clone())
            .unwrap_or_default(),
        baseline: None,
    };
    if finding.status == Status::Failed {
        let anchor = doc.resource_line(&location.resource);
        judge.apply_exceptions(&mut finding, anchor, inline);
    }
    Some(finding)
}

/// A rule of the Pod Security Standards' restricted level that is not also a baseline control.
fn is_restricted_only(frameworks: &[String]) -> bool {
    let mentions = |level: &str| {
        frameworks
            .iter()
            .any(|f| f.contains("Pod Security Standards") && f.contains(level))
    };
    mentions("restricted") && !mentions("baseline")
}

/// Enforcement configuration and exceptions, shared by all worker threads.
pub struct Judge {
    pub today: Date,
    pub limits: Limits,
    pub warn_before_days: i64,
    /// Exceptions older than this many days are aged (`exceptions.aged_days`).
    pub aged_days: i64,
    /// The share of aged exceptions above which a warning is given (`exceptions.aged_share_target`).
    pub aged_share_target: f64,
    /// Exceptions from files, in file order.
    pub exceptions: Vec<Exception>,
    /// Which of them may cover a finding in a given file.
    index: exception_index::ExceptionIndex,
    matches: Vec<AtomicUsize>,
    rules: Vec<(String, RuleSettings)>,
    block_at: Option<Severity>,
    pub strict_exceptions: bool,
    /// The configuration in force, and its file, for governance reporting.
    config: Config,
    config_source: Option<governance::ConfigSource>,
    /// Findings `block_at` turned from blocking into warnings.
    downgraded: AtomicUsize,
    /// Judge opt-in rules (`enforcement: off`) as if enabled: the library's fixture tests.
    opt_in_enabled: bool,
    /// `[kubernetes] pod_security = "baseline"`.
    pub pod_security_baseline: bool,
}

impl Judge {
    pub fn new(
        today: Date,
        config: &Config,
        exceptions: Vec<Exception>,
        strict_exceptions: bool,
    ) -> Self {
        Judge {
            today,
            limits: Limits {
                today,
                max_days: config.exceptions.max_days,
            },
            warn_before_days: config.exceptions.warn_before_days,
            aged_days: config.exceptions.aged_days,
            aged_share_target: config.exceptions.aged_share_target,
            matches: exceptions.iter().map(|_| AtomicUsize::new(0)).collect(),
            index: exception_index::ExceptionIndex::new(&exceptions),
            exceptions,
            rules: config
                .rules
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            block_at: config.enforcement.block_at.map(|s| s.severity()),
            strict_exceptions,
            config: config.clone(),
            config_source: None,
            downgraded: AtomicUsize::new(0),
            opt_in_enabled: false,
            pod_security_baseline: config.kubernetes.pod_security
                == crate::config::PodSecurity::Baseline,
        }
    }

    /// A judge with no configuration that also judges opt-in rules (for the library's tests).
    pub fn with_opt_in_rules(today: Date) -> Self {
        Judge {
            opt_in_enabled: true,
            ..Judge::plain(today)
        }
    }

    /// Records where the configuration was read from, so relaxations name their lines.
    pub fn with_config_source(mut self, source: governance::ConfigSource) -> Self {
        self.config_source = Some(source);
        self
    }

    /// How many findings each exception file entry matched, and how many findings `block_at`
    /// downgraded, in this run (what a shard hands to `tollgate merge`).
    pub fn counters(&self) -> (Vec<usize>, usize) {
        (
            self.matches
                .iter()
                .map(|m| m.load(Ordering::Relaxed))
                .collect(),
            self.downgraded.load(Ordering::Relaxed),
        )
    }

    /// Adds another run's counters (a shard's) to this judge's.
    pub fn add_counters(&self, matches: &[usize], downgraded: usize) -> Result<(), String> {
        if matches.len() != self.matches.len() {
            return Err(format!(
                "the shard was judged with {} exception file entries, this merge has {}: run both with the same configuration",
                matches.len(),
                self.matches.len()
            ));
        }
        for (m, n) in self.matches.iter().zip(matches) {
            m.fetch_add(*n, Ordering::Relaxed);
        }
        self.downgraded.fetch_add(downgraded, Ordering::Relaxed);
        Ok(())
    }

    /// Every relaxation in force, with how many findings `block_at` downgraded in this run.
    pub fn relaxations(&self) -> Vec<governance::Relaxation> {
        governance::relaxations(
            &self.config,
            self.config_source.as_ref(),
            &self.exceptions,
            self.today,
            self.downgraded.load(Ordering::Relaxed),
        )
    }

    /// The `[rules]` patterns of the configuration, with where each is declared.
    pub fn rule_patterns(&self) -> Vec<(String, String)> {
        self.rules
            .iter()
            .map(|(k, _)| {
                let at = self.config_source.as_ref().map_or_else(
                    || "tollgate.toml".to_string(),
                    |s| s.at(&[format!("\"{k}\""), format!("'{k}'"), format!("rules.{k}]")]),
                );
                (k.clone(), at)
            })
            .collect()
    }

    /// A judge with no configuration and no exceptions.
    pub fn plain(today: Date) -> Self {
        Judge::new(today, &Config::default(), Vec::new(), false)
    }

    /// The enforcement of a rule after the configuration: the rule's default, then `block_at`,
    /// then the most specific `[rules."..."]` entry (an exact id beats the longest matching glob),
    /// then its `warn_until` rollout date. `None` means the rule is off.
    pub fn enforcement(
        &self,
        rule_id: &str,
        severity: Severity,
        default: Enforcement,
    ) -> Option<Enforcement> {
        let mut enforcement = match self.block_at {
            Some(threshold) if severity >= threshold => Enforcement::Block,
            Some(_) => Enforcement::Warn,
            None => default,
        };
        let by_block_at = default == Enforcement::Block && enforcement == Enforcement::Warn;
        let settings = self.settings_for(rule_id);
        if let Some(settings) = settings {
            match settings.enforcement {
                Some(RuleMode::Off) => return None,
                Some(RuleMode::Block) => enforcement = Enforcement::Block,
                Some(RuleMode::Warn) => enforcement = Enforcement::Warn,
                None => {}
            }
            if let Some(until) = settings.warn_until {
                enforcement = if self.today < until.0 {
                    Enforcement::Warn
                } else {
                    Enforcement::Block
                };
            }
        } else if by_block_at {
            self.downgraded.fetch_add(1, Ordering::Relaxed);
        }
        Some(enforcement)
    }

    /// The most specific `[rules]` entry for a rule: an exact id beats the longest matching glob.
    fn settings_for(&self, rule_id: &str) -> Option<&RuleSettings> {
        self.rules
            .iter()
            .find(|(k, _)| k == rule_id)
            .or_else(|| {
                self.rules
                    .iter()
                    .filter(|(k, _)| glob_match(k, rule_id))
                    .max_by_key(|(k, _)| k.len())
            })
            .map(|(_, v)| v)
    }

    /// Does the configuration switch the rule off (`enforcement = "off"`)? Its findings are
    /// dropped whatever they say, so it need not be evaluated.
    pub fn switched_off(&self, rule_id: &str) -> bool {
        self.settings_for(rule_id)
            .is_some_and(|s| s.enforcement == Some(RuleMode::Off))
    }

    /// Does the configuration switch on a rule that is off by default (`enforcement: off` in
    /// its metadata)? Only a `[rules]` entry that sets `block`, `warn` or a rollout does.
    pub fn enables(&self, rule_id: &str) -> bool {
        self.opt_in_enabled
            || self.settings_for(rule_id).is_some_and(|v| {
                matches!(v.enforcement, Some(RuleMode::Block | RuleMode::Warn))
                    || v.warn_until.is_some()
            })
    }

    fn apply_exceptions(&self, finding: &mut Finding, anchor: Option<u32>, inline: &inline::Scope) {
        let mut expired: Option<&Exception> = None;
        enum Origin {
            Inline(usize),
            File(usize),
        }
        let candidates = anchor
            .into_iter()
            .flat_map(|line| inline.at(line))
            .map(|(i, a)| (&a.exception, Origin::Inline(i)))
            .chain(
                self.index
                    .candidates(&finding.file, &finding.rule_id)
                    .into_iter()
                    .map(|i| (&self.exceptions[i], Origin::File(i))),
            );
        for (exception, origin) in candidates {
            if !exception.covers(&finding.rule_id, &finding.resource, &finding.file) {
                continue;
            }
            match origin {
                Origin::Inline(i) => inline.count(i),
                Origin::File(i) => {
                    self.matches[i].fetch_add(1, Ordering::Relaxed);
                }
            }
            if exception.is_active(self.today) {
                finding.status = Status::Excepted;
                finding.exception = Some(Box::new(ExceptionRef {
                    id: exception.id.clone(),
                    reason: exception.reason.clone(),
                    owner: exception.owner.clone(),
                    expires: Some(exception.expires),
                    days_left: Some(exception.days_left(self.today)),
                    kind: exception.kind.clone(),
                }));
                finding.expired_exception = None;
                return;
            }
            expired.get_or_insert(exception);
        }
        if let Some(e) = expired {
            finding.expired_exception = Some(Box::new(ExpiredRef {
                id: e.id.clone(),
                owner: e.owner.clone(),
                expired_on: e.expires,
            }));
        }
    }
}

/// The run's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Block,
    /// Something could not be judged (parse error, policy error): fail closed.
    Error,
}

impl Verdict {
    /// `stale_exceptions`: `--strict-exceptions` is on and some exception is expired or unused.
    pub fn of(findings: &[Box<Finding>], errors: usize, stale_exceptions: bool) -> Verdict {
        if errors > 0 {
            Verdict::Error
        } else if stale_exceptions || findings.iter().any(|f| f.blocks()) {
            Verdict::Block
        } else if findings.iter().any(|f| f.warns()) {
            Verdict::Warn
        } else {
            Verdict::Pass
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Block => "block",
            Verdict::Error => "error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DateValue, SeverityName};

    fn judge(config: &str, today: &str) -> Judge {
        let config: Config = toml::from_str(config).unwrap();
        Judge::new(Date::parse(today).unwrap(), &config, Vec::new(), false)
    }

    #[test]
    fn enforcement_precedence_default_then_block_at_then_rules_then_rollout() {
        use Enforcement::{Block, Warn};
        // Nothing configured: the rule's default.
        let plain = judge("", "2026-11-30");
        assert_eq!(plain.enforcement("X-1", Severity::Low, Block), Some(Block));
        assert_eq!(
            plain.enforcement("X-1", Severity::Critical, Warn),
            Some(Warn)
        );
        // block_at decides by severity, whatever the default.
        let at_high = judge("[enforcement]\nblock_at = \"high\"\n", "2026-11-30");
        assert_eq!(
            at_high.enforcement("X-1", Severity::Medium, Block),
            Some(Warn)
        );
        assert_eq!(
            at_high.enforcement("X-1", Severity::High, Warn),
            Some(Block)
        );
        // A [rules] entry beats block_at; an exact id beats the longest glob, which beats `*`.
        let rules = judge(
            "[enforcement]\nblock_at = \"low\"\n[rules.\"*\"]\nenforcement = \"warn\"\n[rules.\"TG-AWS-*\"]\nenforcement = \"off\"\n[rules.\"TG-AWS-S3-001\"]\nenforcement = \"block\"\n",
            "2026-11-30",
        );
        assert_eq!(
            rules.enforcement("TG-K8S-1", Severity::Critical, Block),
            Some(Warn)
        );
        assert_eq!(
            rules.enforcement("TG-AWS-EC2-1", Severity::Critical, Block),
            None
        );
        assert_eq!(
            rules.enforcement("TG-AWS-S3-001", Severity::Low, Warn),
            Some(Block)
        );
        // warn_until: warn before the date, block on and after it.
        let rollout = "[rules.\"TG-K8S-017\"]\nenforcement = \"warn\"\nwarn_until = 2027-03-01\n";
        assert_eq!(
            judge(rollout, "2027-02-28").enforcement("TG-K8S-017", Severity::Low, Block),
            Some(Warn)
        );
        assert_eq!(
            judge(rollout, "2027-03-01").enforcement("TG-K8S-017", Severity::Low, Warn),
            Some(Block)
        );
        // Types used by the config stay constructible (compile-time check of the API).
        let _ = (SeverityName::High.severity(), DateValue(Date::today_utc()));
    }

    #[test]
    fn verdict_order_errors_then_blocking_then_warnings() {
        assert_eq!(Verdict::of(&[], 0, false), Verdict::Pass);
        assert_eq!(Verdict::of(&[], 0, true), Verdict::Block);
        assert_eq!(Verdict::of(&[], 1, true), Verdict::Error);
    }
}
