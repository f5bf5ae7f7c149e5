//! Governed exceptions: the exceptions file (`.tollgate/exceptions.yaml`) and inline
//! suppressions share one model. Every exception has an owner (inline: optional), a reason and an
//! expiry date; validation fails closed with file, line and column, because a typo must never
//! mean "never expires".
//!
//! Expiry rule: an exception with `expires: D` protects on day D and stops protecting on D+1.

use crate::date::Date;
use crate::input::yaml::{self, Node, NodeKind};
use crate::input::{InputError, Span};
use crate::policy::glob_match;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Exception {
    pub id: String,
    pub rules: Vec<String>,
    pub resources: Vec<String>,
    pub paths: Vec<String>,
    pub reason: String,
    pub owner: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Why the finding is accepted: `false-positive`, `accepted-risk` or
    /// `compensating-control` (optional), so policy owners see which rules to tune.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub expires: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<Date>,
    /// Where it is declared: `file:line`.
    pub source: String,
    /// What kind of declaration it is; JSON (schema 1) shows it as `inline: bool`.
    #[serde(rename = "inline", serialize_with = "serialize_inline")]
    pub origin: Origin,
    #[serde(skip)]
    path_globs: Option<GlobSet>,
}

/// Where an exception is declared. A new way of declaring exceptions is one loader and one
/// variant here; matching and health treat every origin alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// An entry of an exceptions file.
    File,
    /// A `tollgate:ignore` comment in the judged file.
    Comment,
    /// A `tollgate.dev/ignore` annotation on a Kubernetes object.
    Annotation,
}

impl Origin {
    /// Declared in the judged file itself (so "unused" is always knowable).
    pub fn is_inline(self) -> bool {
        !matches!(self, Origin::File)
    }
}

/// An exception with every field, its origin included, as a shard of a scan hands it to
/// `tollgate merge` (the JSON report shows the origin only as `inline: bool`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExceptionRecord {
    pub id: String,
    pub rules: Vec<String>,
    pub resources: Vec<String>,
    pub paths: Vec<String>,
    pub reason: String,
    pub owner: String,
    pub ticket: Option<String>,
    pub kind: Option<String>,
    pub expires: Date,
    pub created: Option<Date>,
    pub source: String,
    pub origin: Origin,
}

impl From<&Exception> for ExceptionRecord {
    fn from(e: &Exception) -> Self {
        ExceptionRecord {
            id: e.id.clone(),
            rules: e.rules.clone(),
            resources: e.resources.clone(),
            paths: e.paths.clone(),
            reason: e.reason.clone(),
            owner: e.owner.clone(),
            ticket: e.ticket.clone(),
            kind: e.kind.clone(),
            expires: e.expires,
            created: e.created,
            source: e.source.clone(),
            origin: e.origin,
        }
    }
}

impl TryFrom<ExceptionRecord> for Exception {
    type Error = String;

    fn try_from(r: ExceptionRecord) -> Result<Self, String> {
        let path_globs = path_globs(&r.paths)?;
        Ok(Exception {
            id: r.id,
            rules: r.rules,
            resources: r.resources,
            paths: r.paths,
            reason: r.reason,
            owner: r.owner,
            ticket: r.ticket,
            kind: r.kind,
            expires: r.expires,
            created: r.created,
            source: r.source,
            origin: r.origin,
            path_globs,
        })
    }
}

fn serialize_inline<S: serde::Serializer>(origin: &Origin, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(origin.is_inline())
}

/// Governance limits applied while validating.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub today: Date,
    pub max_days: i64,
}

impl Exception {
    pub fn is_active(&self, today: Date) -> bool {
        today <= self.expires
    }

    pub fn days_left(&self, today: Date) -> i64 {
        today.days_until(self.expires)
    }

    /// Does this exception cover `rule` on `resource` in `file`? Expiry is not considered here.
    /// As in Terraform, an address written without instance keys names every instance:
    /// `aws_s3_bucket.b` covers `aws_s3_bucket.b["logs"]`, `module.site.*` covers
    /// `module.site[0].aws_s3_bucket.b`.
    pub fn covers(&self, rule: &str, resource: &str, file: &str) -> bool {
        let unkeyed = std::cell::OnceCell::new();
        self.rules.iter().any(|r| glob_match(r, rule))
            && (self.resources.is_empty()
                || self.resources.iter().any(|r| {
                    glob_match(r, resource)
                        || (!r.contains('[')
                            && resource.contains('[')
                            && glob_match(r, unkeyed.get_or_init(|| without_keys(resource))))
                }))
            && self.path_globs.as_ref().is_none_or(|g| g.is_match(file))
    }

    /// Does any of this exception's `paths` match `file`? (false when it has none)
    pub fn mentions_path(&self, file: &str) -> bool {
        self.path_globs.as_ref().is_some_and(|g| g.is_match(file))
    }

    pub fn has_paths(&self) -> bool {
        !self.paths.is_empty()
    }
}

/// A Terraform address without its instance keys: `module.a["x"].t.n[0]` → `module.a.t.n`.
fn without_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    for c in address.chars() {
        if depth == 0 {
            if c == '[' {
                depth = 1;
            } else {
                out.push(c);
            }
            continue;
        }
        match (quoted, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => quoted = !quoted,
            (false, _, ']') => depth -= 1,
            _ => {}
        }
    }
    out
}

/// gitignore-style path globs relative to the repository root, compiled; `None` when empty.
pub fn path_globs(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        for pattern in glob_patterns(p) {
            b.add(Glob::new(&pattern).map_err(|e| format!("invalid path glob `{p}`: {e}"))?);
        }
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// The globs one `paths` entry stands for: gitignore-style, a pattern without `/` matches at any
/// depth, and a directory matches what is inside it.
pub(super) fn glob_patterns(p: &str) -> [String; 2] {
    let p = p.trim_start_matches("./").trim_start_matches('/');
    let base = if p.contains('/') {
        p.to_string()
    } else {
        format!("**/{p}")
    };
    let inside = format!("{}/**", base.trim_end_matches('/'));
    [base, inside]
}

/// Validates the parts every exception shares, wherever it was declared.
#[allow(clippy::too_many_arguments)]
fn build(
    id: String,
    rules: Vec<String>,
    resources: Vec<String>,
    paths: Vec<String>,
    reason: String,
    owner: String,
    ticket: Option<String>,
    expires: Date,
    created: Option<Date>,
    source: String,
    origin: Origin,
    limits: Limits,
) -> Result<Exception, String> {
    if rules.is_empty() || rules.iter().any(|r| r.trim().is_empty()) {
        return Err("`rules` must name at least one rule id or glob".into());
    }
    if reason.trim().is_empty() {
        return Err("`reason` must not be empty".into());
    }
    if let Some(created) = created {
        if expires < created {
            return Err(format!(
                "`expires` ({expires}) is before `created` ({created})"
            ));
        }
        // A future `created` would let the lifetime limit be measured from a date that has not
        // come yet, and an exception protect for years.
        if created > limits.today {
            return Err(format!(
                "`created` ({created}) is after today ({}); an exception cannot be created in the future",
                limits.today
            ));
        }
    }
    let start = created.unwrap_or(limits.today);
    let lifetime = start.days_until(expires);
    if lifetime > limits.max_days {
        return Err(format!(
            "expires {expires}, {lifetime} days after {} {start}; exceptions may last at most {} days (exceptions.max_days)",
            if created.is_some() {
                "its creation on"
            } else {
                "today,"
            },
            limits.max_days
        ));
    }
    let path_globs = path_globs(&paths)?;
    Ok(Exception {
        id,
        rules,
        resources,
        paths,
        reason,
        owner,
        ticket,
        expires,
        created,
        source,
        origin,
        kind: None,
        path_globs,
    })
}

const KEYS: &[&str] = &[
    "id",
    "rules",
    "resources",
    "paths",
    "reason",
    "owner",
    "ticket",
    "kind",
    "expires",
    "created",
    "scope",
];

/// The values `kind` may take.
pub const KINDS: [&str; 3] = ["false-positive", "accepted-risk", "compensating-control"];

/// Parses and validates an exceptions file. `display` is the path shown in messages.
pub fn parse_file(display: &str, text: &str, limits: Limits) -> Result<Vec<Exception>, InputError> {
    let err = |span: Span, msg: String| InputError::new(display, span.line, span.column, msg);
    let docs = yaml::parse_stream(text)
        .map_err(|e| InputError::new(display, e.line, e.column, e.message))?;
    if docs.len() > 1 {
        return Err(InputError::new(
            display,
            1,
            1,
            "an exceptions file holds one YAML document; reviewers' tools may show another one than tollgate reads",
        ));
    }
    let Some(doc) = docs.into_iter().next() else {
        return Ok(Vec::new());
    };
    // Reviewers read this file with tools that keep the last of two equal keys; tollgate would
    // read the first. Neither is safe: a duplicate key anywhere is an error.
    if let Some((key, first, again)) = yaml::duplicate_key(&doc.root) {
        return Err(err(
            again,
            format!("duplicate key `{key}` (first on line {})", first.line),
        ));
    }
    let list = match &doc.root.kind {
        NodeKind::Seq(_) => &doc.root,
        NodeKind::Map(entries) => {
            for (k, _) in entries {
                if k.as_str() != Some("exceptions") {
                    return Err(err(
                        k.span,
                        format!(
                            "unknown key `{}` (expected `exceptions`)",
                            k.as_str().unwrap_or("?")
                        ),
                    ));
                }
            }
            match doc.root.get("exceptions") {
                Some(list) => list,
                None => return Ok(Vec::new()),
            }
        }
        NodeKind::Scalar { value, .. } if value.is_empty() => return Ok(Vec::new()),
        _ => {
            return Err(err(
                doc.root.span,
                "expected a list of exceptions under `exceptions:`".into(),
            ));
        }
    };
    let items: &[Node] = match &list.kind {
        NodeKind::Seq(items) => items,
        NodeKind::Scalar { value, .. } if value.is_empty() => return Ok(Vec::new()),
        _ => return Err(err(list.span, "`exceptions` must be a list".into())),
    };
    let mut out: Vec<Exception> = Vec::new();
    for item in items {
        let NodeKind::Map(entries) = &item.kind else {
            return Err(err(item.span, "each exception must be a mapping".into()));
        };
        for (k, _) in entries {
            let key = k.as_str().unwrap_or("?");
            if !KEYS.contains(&key) {
                return Err(err(
                    k.span,
                    format!("unknown key `{key}` (allowed: {})", KEYS.join(", ")),
                ));
            }
        }
        let scalar = |key: &str| -> Result<Option<(String, Span)>, InputError> {
            match item.get(key) {
                None => Ok(None),
                Some(n) => match &n.kind {
                    NodeKind::Scalar { value, .. } => Ok(Some((value.clone(), n.span))),
                    _ => Err(err(n.span, format!("`{key}` must be a single value"))),
                },
            }
        };
        let list = |key: &str| -> Result<Vec<String>, InputError> {
            match item.get(key) {
                None => Ok(Vec::new()),
                Some(n) => match &n.kind {
                    NodeKind::Scalar { value, .. } => Ok(vec![value.clone()]),
                    NodeKind::Seq(items) => items
                        .iter()
                        .map(|i| {
                            i.as_str().map(str::to_string).ok_or_else(|| {
                                err(i.span, format!("`{key}` entries must be strings"))
                            })
                        })
                        .collect(),
                    NodeKind::Map(_) => Err(err(
                        n.span,
                        format!("`{key}` must be a string or a list of strings"),
                    )),
                },
            }
        };
        let required = |key: &str| -> Result<(String, Span), InputError> {
            scalar(key)?.ok_or_else(|| {
                err(
                    item.span,
                    format!("exception is missing required key `{key}`"),
                )
            })
        };
        let date = |(text, span): (String, Span)| Date::parse(&text).map_err(|e| err(span, e));
        let id_node = scalar("id")?;
        let rules = list("rules")?;
        if item.get("rules").is_none() {
            return Err(err(
                item.span,
                "exception is missing required key `rules`".into(),
            ));
        }
        let resources = list("resources")?;
        let paths = list("paths")?;
        let (reason, _) = required("reason")?;
        let (owner, owner_span) = required("owner")?;
        if owner.trim().is_empty() {
            return Err(err(owner_span, "`owner` must not be empty".into()));
        }
        let expires_node = required("expires")?;
        let expires_span = expires_node.1;
        let expires = date(expires_node)?;
        let created = scalar("created")?.map(date).transpose()?;
        let scope_all = match scalar("scope")? {
            None => false,
            Some((v, _)) if v == "all" => true,
            Some((v, span)) => {
                return Err(err(
                    span,
                    format!("unknown scope `{v}` (the only scope is `all`)"),
                ));
            }
        };
        if resources.is_empty() && paths.is_empty() && !scope_all {
            return Err(err(
                item.span,
                "exception has neither `resources` nor `paths`; add one, or say `scope: all` to cover every resource".into(),
            ));
        }
        let line = item.span.line;
        let id = match &id_node {
            Some((id, span)) => {
                if let Some(previous) = out.iter().find(|e| &e.id == id) {
                    return Err(err(
                        *span,
                        format!(
                            "duplicate exception id `{id}` (also at {})",
                            previous.source
                        ),
                    ));
                }
                id.clone()
            }
            None => format!("{display}:{line}"),
        };
        let ticket = scalar("ticket")?.map(|(t, _)| t);
        let kind = match scalar("kind")? {
            None => None,
            Some((k, _)) if KINDS.contains(&k.as_str()) => Some(k),
            Some((k, span)) => {
                return Err(err(
                    span,
                    format!("unknown kind `{k}` (allowed: {})", KINDS.join(", ")),
                ));
            }
        };
        let mut exception = build(
            id,
            rules,
            resources,
            paths,
            reason,
            owner,
            ticket,
            expires,
            created,
            format!("{display}:{line}"),
            Origin::File,
            limits,
        )
        .map_err(|m| {
            err(
                if m.contains("expires") {
                    expires_span
                } else {
                    item.span
                },
                m,
            )
        })?;
        exception.kind = kind;
        out.push(exception);
    }
    Ok(out)
}

pub const INLINE_MARKER: &str = "tollgate:ignore";
pub const ANNOTATION: &str = "tollgate.dev/ignore";

/// Parses the text after `tollgate:ignore`: `RULE[,RULE] until=YYYY-MM-DD reason="..." [owner=NAME] [ticket=T]`.
pub fn parse_inline(
    spec: &str,
    source: String,
    origin: Origin,
    limits: Limits,
) -> Result<Exception, String> {
    let mut rest = spec.trim();
    let rules_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let rules: Vec<String> = rest[..rules_end]
        .split(',')
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    if rules.is_empty() || rules[0].contains('=') {
        return Err(format!(
            "`{INLINE_MARKER}` needs the rule id(s) first, e.g. `{INLINE_MARKER} TG-K8S-001 until=2027-01-31 reason=\"...\"`"
        ));
    }
    rest = rest[rules_end..].trim_start();
    let (mut until, mut reason, mut owner, mut ticket) = (None, None, String::new(), None);
    let mut kind: Option<String> = None;
    let mut seen: Vec<&str> = Vec::new();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("expected key=value, found `{rest}`"))?;
        let key = rest[..eq].trim();
        rest = &rest[eq + 1..];
        let value = if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').ok_or("unterminated quoted value")?;
            let v = quoted[..end].to_string();
            rest = quoted[end + 1..].trim_start();
            v
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let v = rest[..end].to_string();
            rest = rest[end..].trim_start();
            v
        };
        if seen.contains(&key) {
            return Err(format!("`{key}` is given twice"));
        }
        seen.push(key);
        match key {
            "until" | "expires" => until = Some(Date::parse(&value)?),
            "reason" => reason = Some(value),
            "owner" => owner = value,
            "ticket" => ticket = Some(value),
            "kind" if KINDS.contains(&value.as_str()) => kind = Some(value),
            "kind" => {
                return Err(format!(
                    "unknown kind `{value}` (allowed: {})",
                    KINDS.join(", ")
                ));
            }
            other => {
                return Err(format!(
                    "unknown key `{other}` (allowed: until, reason, owner, ticket, kind)"
                ));
            }
        }
    }
    let until = until.ok_or("missing `until=YYYY-MM-DD`: inline suppressions must expire")?;
    let reason = reason.ok_or("missing `reason=\"...\"`")?;
    let mut exception = build(
        format!("inline:{source}"),
        rules,
        Vec::new(),
        Vec::new(),
        reason,
        owner,
        ticket,
        until,
        None,
        source,
        origin,
        limits,
    )?;
    exception.kind = kind;
    Ok(exception)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            today: Date::parse("2026-11-26").unwrap(),
            max_days: 90,
        }
    }

    fn parse(text: &str) -> Result<Vec<Exception>, InputError> {
        parse_file(".tollgate/exceptions.yaml", text, limits())
    }

    const GOOD: &str = "exceptions:\n  - id: legacy\n    rules: [TG-AWS-S3-*]\n    resources: [aws_s3_bucket.legacy_*]\n    reason: Migrating in Q1\n    owner: team-storage\n    expires: 2027-01-31\n    created: 2026-11-20\n";

    #[test]
    fn valid_file_and_matching() {
        let ex = parse(GOOD).unwrap();
        assert_eq!(ex.len(), 1);
        let e = &ex[0];
        assert!(e.covers("TG-AWS-S3-001", "aws_s3_bucket.legacy_logs", "main.tf"));
        assert!(!e.covers("TG-AWS-S3-001", "aws_s3_bucket.new", "main.tf"));
        assert!(!e.covers("TG-K8S-001", "aws_s3_bucket.legacy_logs", "main.tf"));
        let expires = Date::parse("2027-01-31").unwrap();
        assert!(e.is_active(expires));
        assert!(!e.is_active(expires.add_days(1)));
    }

    #[test]
    fn resources_and_paths_must_both_match() {
        let text = "exceptions:\n  - rules: [X]\n    resources: [Deployment/prod/*]\n    paths: [k8s/prod/**]\n    reason: r\n    owner: o\n    expires: 2026-12-01\n";
        let e = &parse(text).unwrap()[0];
        assert!(e.covers("X", "Deployment/prod/web", "k8s/prod/web.yaml"));
        assert!(!e.covers("X", "Deployment/prod/web", "k8s/dev/web.yaml"));
        assert!(!e.covers("X", "Deployment/dev/web", "k8s/prod/web.yaml"));
    }

    #[test]
    fn an_address_without_instance_keys_covers_every_instance() {
        let text = "exceptions:\n  - rules: [X]\n    resources: [aws_s3_bucket.b, module.site.*, \"aws_db_instance.d[1]\"]\n    reason: r\n    owner: o\n    expires: 2026-12-01\n";
        let e = &parse(text).unwrap()[0];
        assert!(e.covers("X", "aws_s3_bucket.b[\"logs\"]", "main.tf"));
        assert!(e.covers("X", "aws_s3_bucket.b[0]", "main.tf"));
        assert!(!e.covers("X", "aws_s3_bucket.bb[0]", "main.tf"));
        assert!(e.covers("X", "module.site[\"a]\"].aws_s3_bucket.c[2]", "m/main.tf"));
        // A keyed pattern names that instance only.
        assert!(e.covers("X", "aws_db_instance.d[1]", "main.tf"));
        assert!(!e.covers("X", "aws_db_instance.d[0]", "main.tf"));
        assert_eq!(without_keys("module.a[\"x\\\"]\"].t.n[0]"), "module.a.t.n");
    }

    fn error(text: &str) -> InputError {
        parse(text).unwrap_err()
    }

    #[test]
    fn validation_errors_have_positions() {
        let e = error(&GOOD.replace("owner:", "ownr:"));
        assert!(
            e.message.contains("unknown key `ownr`") && e.line == 6,
            "{e:?}"
        );
        let e = error(&GOOD.replace("    reason: Migrating in Q1\n", ""));
        assert!(e.message.contains("missing required key `reason`"), "{e:?}");
        let e = error(&GOOD.replace("2027-01-31", "2027-02-30"));
        assert!(
            e.message.contains("not a real date") && e.line == 7,
            "{e:?}"
        );
        let e = error(&GOOD.replace("2027-01-31", "2026-11-01"));
        assert!(e.message.contains("before `created`"), "{e:?}");
        let e = error(&GOOD.replace("2027-01-31", "2027-06-30"));
        assert!(e.message.contains("at most 90 days"), "{e:?}");
        let e = error(&format!("{GOOD}{}", GOOD.replace("exceptions:\n", "")));
        assert!(
            e.message.contains("duplicate exception id `legacy`") && e.line == 9,
            "{e:?}"
        );
        let e = error(&GOOD.replace("    resources: [aws_s3_bucket.legacy_*]\n", ""));
        assert!(
            e.message.contains("neither `resources` nor `paths`"),
            "{e:?}"
        );
        assert!(
            parse(&GOOD.replace(
                "    resources: [aws_s3_bucket.legacy_*]\n",
                "    scope: all\n"
            ))
            .is_ok()
        );
        let e = error(&GOOD.replace("    reason: Migrating in Q1\n", "    reason: \"\"\n"));
        assert!(e.message.contains("`reason` must not be empty"), "{e:?}");
    }

    #[test]
    fn inline_syntax() {
        let e = parse_inline(
            "TG-K8S-001,TG-K8S-005 until=2027-01-31 reason=\"debug pod\" owner=ops",
            "a.yaml:3".into(),
            Origin::Comment,
            limits(),
        )
        .unwrap();
        assert_eq!(e.rules, ["TG-K8S-001", "TG-K8S-005"]);
        assert_eq!(e.reason, "debug pod");
        assert!(
            parse_inline(
                "TG-K8S-001 reason=\"x\"",
                "a:1".into(),
                Origin::Comment,
                limits()
            )
            .unwrap_err()
            .contains("until")
        );
        assert!(
            parse_inline(
                "TG-K8S-001 until=2027-01-31",
                "a:1".into(),
                Origin::Comment,
                limits()
            )
            .unwrap_err()
            .contains("reason")
        );
        assert!(
            parse_inline(
                "TG-K8S-001 until=2027-13-01 reason=x",
                "a:1".into(),
                Origin::Comment,
                limits()
            )
            .unwrap_err()
            .contains("not a real date")
        );
        assert!(
            parse_inline(
                "TG-K8S-001 until=2027-01-31 reson=x",
                "a:1".into(),
                Origin::Comment,
                limits()
            )
            .unwrap_err()
            .contains("unknown key")
        );
    }
}
