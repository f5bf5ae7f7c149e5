//! Governance: every way the configuration and exceptions in force weaken the gate, as data, so
//! every report can show a reviewer what a change to `tollgate.toml` or the exceptions files did.
//! Nothing here changes a verdict; it makes relaxations visible.

use super::exceptions::{Exception, Origin};
use crate::config::{self, Config, RuleMode};
use crate::date::Date;
use serde::Serialize;

/// One relaxation in force.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Relaxation {
    /// `[rules."X"] enforcement = "off"`: matching findings are dropped.
    RuleOff { rules: String, declared_at: String },
    /// `[rules."X"] enforcement = "warn"`: matching findings never block.
    RuleWarns { rules: String, declared_at: String },
    /// `warn_until` in the future: matching findings warn until that date.
    Rollout {
        rules: String,
        until: Date,
        declared_at: String,
    },
    /// `[enforcement] block_at`: findings below the severity warn.
    BlockAt {
        severity: String,
        declared_at: String,
        /// Findings of this run that would have blocked and only warned because of it.
        downgraded: usize,
    },
    /// `exceptions.max_days` above the default.
    MaxDays {
        days: i64,
        default: i64,
        declared_at: String,
    },
    /// `[kubernetes] pod_security = "baseline"`: restricted-level rules only warn.
    PodSecurityBaseline { declared_at: String },
    /// An exception that covers every resource (`scope: all`) or names rules by a glob.
    BroadException {
        id: String,
        rules: Vec<String>,
        scope_all: bool,
        declared_at: String,
    },
}

/// The configuration file as read, to point at the lines that relax the gate.
#[derive(Debug, Clone, Default)]
pub struct ConfigSource {
    /// As shown in reports (relative to the repository root).
    pub display: String,
    pub text: String,
}

impl ConfigSource {
    /// `file:line` of the first line that mentions `needle`, else of the file.
    pub fn at(&self, needles: &[String]) -> String {
        let line = self
            .text
            .lines()
            .position(|l| {
                let code = l.split('#').next().unwrap_or_default();
                needles.iter().any(|n| code.contains(n.as_str()))
            })
            .map_or(1, |i| i + 1);
        format!("{}:{line}", self.display)
    }
}

/// The relaxations the configuration and file exceptions put in force on `today`;
/// `downgraded` is how many findings `block_at` turned from blocking into warnings.
pub fn relaxations(
    config: &Config,
    source: Option<&ConfigSource>,
    exceptions: &[Exception],
    today: Date,
    downgraded: usize,
) -> Vec<Relaxation> {
    let at =
        |needles: &[String]| source.map_or_else(|| "tollgate.toml".to_string(), |s| s.at(needles));
    let mut out = Vec::new();
    for (pattern, settings) in &config.rules {
        let declared_at = at(&[
            format!("rules.\"{pattern}\""),
            format!("rules.'{pattern}'"),
            format!("rules.{pattern}]"),
            format!("\"{pattern}\""),
        ]);
        match settings.enforcement {
            Some(RuleMode::Off) => out.push(Relaxation::RuleOff {
                rules: pattern.clone(),
                declared_at: declared_at.clone(),
            }),
            Some(RuleMode::Warn) if settings.warn_until.is_none() => {
                out.push(Relaxation::RuleWarns {
                    rules: pattern.clone(),
                    declared_at: declared_at.clone(),
                })
            }
            _ => {}
        }
        if let Some(until) = settings.warn_until.filter(|u| today < u.0) {
            out.push(Relaxation::Rollout {
                rules: pattern.clone(),
                until: until.0,
                declared_at,
            });
        }
    }
    if let Some(severity) = config.enforcement.block_at {
        out.push(Relaxation::BlockAt {
            severity: severity.severity().as_str().to_string(),
            declared_at: at(&["block_at".to_string()]),
            downgraded,
        });
    }
    if config.kubernetes.pod_security == config::PodSecurity::Baseline {
        out.push(Relaxation::PodSecurityBaseline {
            declared_at: at(&["pod_security".to_string()]),
        });
    }
    if config.exceptions.max_days > config::DEFAULT_MAX_DAYS {
        out.push(Relaxation::MaxDays {
            days: config.exceptions.max_days,
            default: config::DEFAULT_MAX_DAYS,
            declared_at: at(&["max_days".to_string()]),
        });
    }
    for e in exceptions.iter().filter(|e| e.origin == Origin::File) {
        let scope_all = e.resources.is_empty() && e.paths.is_empty();
        if scope_all || e.rules.iter().any(|r| r.contains('*') || r.contains('?')) {
            out.push(Relaxation::BroadException {
                id: e.id.clone(),
                rules: e.rules.clone(),
                scope_all,
                declared_at: e.source.clone(),
            });
        }
    }
    out
}

/// What governs a run: the configuration, the exceptions and the user's policy files.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub config: Config,
    pub exceptions: Vec<Exception>,
    /// User policy files (relative path → text) given with `-p` inside the repository.
    pub policies: std::collections::BTreeMap<String, String>,
}

/// A change between the base's governance and the pull request's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    ExceptionAdded {
        id: String,
        declared_at: String,
        rules: Vec<String>,
        expires: Date,
    },
    ExceptionRemoved {
        id: String,
    },
    /// More rules, paths or resources, a broader scope or a later expiry.
    ExceptionWidened {
        id: String,
        declared_at: String,
        how: Vec<String>,
    },
    /// A `[rules]` entry added, changed or removed.
    RuleSetting {
        rules: String,
        before: String,
        after: String,
    },
    BlockAt {
        before: String,
        after: String,
    },
    MaxDays {
        before: i64,
        after: i64,
    },
    PodSecurity {
        before: String,
        after: String,
    },
    PolicyAdded {
        file: String,
    },
    PolicyChanged {
        file: String,
    },
    PolicyRemoved {
        file: String,
    },
}

/// How a `[rules]` entry reads, for before/after.
fn rule_setting(s: Option<&crate::config::RuleSettings>) -> String {
    match s {
        None => "(none)".into(),
        Some(s) => {
            let mode = match s.enforcement {
                Some(RuleMode::Off) => "off",
                Some(RuleMode::Warn) => "warn",
                Some(RuleMode::Block) => "block",
                None => "default",
            };
            match s.warn_until {
                Some(until) => format!("{mode}, warn until {}", until.0),
                None => mode.to_string(),
            }
        }
    }
}

/// Every governance difference from `base` to `head`.
pub fn changes(base: &Snapshot, head: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    // By id: a baseline holds thousands of exceptions.
    let by_id = |list: &[Exception]| -> std::collections::HashMap<String, usize> {
        list.iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (e.id.clone(), i))
            .collect()
    };
    let (base_ids, head_ids) = (by_id(&base.exceptions), by_id(&head.exceptions));
    for e in &head.exceptions {
        match base_ids.get(&e.id).map(|&i| &base.exceptions[i]) {
            None => out.push(Change::ExceptionAdded {
                id: e.id.clone(),
                declared_at: e.source.clone(),
                rules: e.rules.clone(),
                expires: e.expires,
            }),
            Some(b) => {
                let mut how = Vec::new();
                let more = |name: &str, new: &[String], old: &[String], how: &mut Vec<String>| {
                    let added: Vec<&String> = new.iter().filter(|x| !old.contains(x)).collect();
                    if !added.is_empty() {
                        how.push(format!(
                            "{name} {}",
                            added
                                .iter()
                                .map(|a| format!("`{a}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                };
                more("rules", &e.rules, &b.rules, &mut how);
                more("paths", &e.paths, &b.paths, &mut how);
                more("resources", &e.resources, &b.resources, &mut how);
                let scope_all = |x: &Exception| x.resources.is_empty() && x.paths.is_empty();
                if scope_all(e) && !scope_all(b) {
                    how.push("now covers every resource and path".into());
                }
                if e.expires > b.expires {
                    how.push(format!("expires {} instead of {}", e.expires, b.expires));
                }
                if !how.is_empty() {
                    out.push(Change::ExceptionWidened {
                        id: e.id.clone(),
                        declared_at: e.source.clone(),
                        how,
                    });
                }
            }
        }
    }
    for b in &base.exceptions {
        if !head_ids.contains_key(&b.id) {
            out.push(Change::ExceptionRemoved { id: b.id.clone() });
        }
    }
    let patterns: std::collections::BTreeSet<&String> = base
        .config
        .rules
        .keys()
        .chain(head.config.rules.keys())
        .collect();
    for p in patterns {
        let (before, after) = (
            rule_setting(base.config.rules.get(p)),
            rule_setting(head.config.rules.get(p)),
        );
        if before != after {
            out.push(Change::RuleSetting {
                rules: p.clone(),
                before,
                after,
            });
        }
    }
    let block_at = |c: &Config| {
        c.enforcement
            .block_at
            .map_or("(none)".to_string(), |s| s.severity().as_str().to_string())
    };
    if block_at(&base.config) != block_at(&head.config) {
        out.push(Change::BlockAt {
            before: block_at(&base.config),
            after: block_at(&head.config),
        });
    }
    if base.config.exceptions.max_days != head.config.exceptions.max_days {
        out.push(Change::MaxDays {
            before: base.config.exceptions.max_days,
            after: head.config.exceptions.max_days,
        });
    }
    let level = |c: &Config| format!("{:?}", c.kubernetes.pod_security).to_lowercase();
    if level(&base.config) != level(&head.config) {
        out.push(Change::PodSecurity {
            before: level(&base.config),
            after: level(&head.config),
        });
    }
    for (file, text) in &head.policies {
        match base.policies.get(file) {
            None => out.push(Change::PolicyAdded { file: file.clone() }),
            Some(old) if old != text => out.push(Change::PolicyChanged { file: file.clone() }),
            _ => {}
        }
    }
    for file in base.policies.keys() {
        if !head.policies.contains_key(file) {
            out.push(Change::PolicyRemoved { file: file.clone() });
        }
    }
    out.sort();
    out
}
