//! `tollgate baseline`: onboarding an existing repository. Every current blocking finding (or
//! those matching `--rule`/`--path`) gets a governed exception, one per rule and directory, with
//! the exact `paths` and `resources` (so partial scans do not call it unused), an owner, a reason,
//! an expiry within `max_days`, `created` today. Existing entries are kept as written: new ones are
//! appended to the exceptions file, and the result is validated before it is written.

use super::{EXIT_PASS, print};
use crate::cli::BaselineArgs;
use crate::config;
use crate::date::Date;
use crate::error::Error;
use crate::judge::exceptions::{self, Limits};
use crate::pipeline;
use crate::policy::{glob_match, load};
use crate::report;
use crate::settings::{self, Settings};
use std::collections::{BTreeMap, BTreeSet};

pub fn run(settings: &Settings, args: BaselineArgs) -> Result<u8, Error> {
    let config = settings.config(&args.judging)?;
    let today = settings::today(args.judging.today.as_deref())?;
    let expires =
        Date::parse(&args.expires).map_err(|e| Error::Usage(format!("--expires: {e}")))?;
    let (request, load_options) = settings.scan(&args.scan, &args.paths, false, &config.0)?;
    let policies = load::load(&settings.policies(&args.policies), &load_options, |p| {
        settings.display(p)
    })?;
    let existing = settings.exceptions(&args.judging, &config.0, today)?;
    let judge = settings.judge(&args.judging, config.clone())?;
    let outcome = pipeline::scan(&request, &policies, &judge).map_err(Error::Usage)?;
    if !outcome.errors.is_empty() {
        return Err(Error::Usage(format!(
            "the scan could not judge everything ({} error(s), first: {}: {}); fix that before baselining",
            outcome.errors.len(),
            outcome.errors[0].path,
            outcome.errors[0].message
        )));
    }
    let path_globs = exceptions::path_globs(&args.path_globs).map_err(Error::Usage)?;
    // (rule, directory) → (files, resources)
    let mut groups: BTreeMap<(String, String), (BTreeSet<String>, BTreeSet<String>)> =
        BTreeMap::new();
    for f in outcome.findings.iter().filter(|f| f.blocks()) {
        if !args.rules.is_empty() && !args.rules.iter().any(|r| glob_match(r, &f.rule_id)) {
            continue;
        }
        if path_globs.as_ref().is_some_and(|g| !g.is_match(&*f.file)) {
            continue;
        }
        let dir = f.file.rsplit_once('/').map_or(".", |(d, _)| d).to_string();
        let entry = groups.entry((f.rule_id.clone(), dir)).or_default();
        entry.0.insert(f.file.to_string());
        entry.1.insert(f.resource.clone());
    }
    let target = if let Some(first) = args.judging.exceptions.first() {
        settings.cwd.join(first)
    } else if let Some(first) = config.0.exceptions.files.first() {
        settings.root.join(first)
    } else {
        settings.root.join(config::DEFAULT_EXCEPTIONS)
    };
    let display = settings.display(&target);
    let mut ids: BTreeSet<String> = existing.iter().map(|e| e.id.clone()).collect();
    let mut entries = Vec::new();
    for ((rule, dir), (files, resources)) in &groups {
        let slug: String = format!("baseline-{rule}-{dir}")
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let mut id = slug.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{slug}-{n}");
            n += 1;
        }
        entries.push(Entry {
            id,
            rule: rule.clone(),
            paths: files.iter().cloned().collect(),
            resources: resources.iter().cloned().collect(),
        });
    }
    let old = std::fs::read_to_string(&target).unwrap_or_default();
    let text = append(&old, &entries, &args, today, expires);
    // What is written must load, with the same limits as a scan.
    let limits = Limits {
        today,
        max_days: config.0.exceptions.max_days,
    };
    exceptions::parse_file(&display, &text, limits)
        .map_err(|e| Error::Exceptions(format!("the baseline would not be valid: {e}")))?;
    if !args.dry_run && !entries.is_empty() {
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Usage(format!("cannot create {}: {e}", dir.display())))?;
        }
        report::write_atomically(&target, &text)
            .map_err(|e| Error::Usage(format!("cannot write {display}: {e}")))?;
    }
    let rows: Vec<(String, String, usize, usize)> = entries
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                e.rule.clone(),
                e.paths.len(),
                e.resources.len(),
            )
        })
        .collect();
    let covered: usize = groups.values().map(|(_, r)| r.len()).sum();
    print(&report::baseline(&rows, &display, covered, args.dry_run))?;
    Ok(EXIT_PASS)
}

struct Entry {
    id: String,
    rule: String,
    paths: Vec<String>,
    resources: Vec<String>,
}

/// YAML (JSON-quoted scalars, valid YAML) for new entries, appended after the existing ones with
/// their indentation; an empty `exceptions: []` becomes a block list.
fn append(old: &str, entries: &[Entry], args: &BaselineArgs, today: Date, expires: Date) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("a string serializes");
    let list = |xs: &[String]| {
        format!(
            "[{}]",
            xs.iter().map(|x| q(x)).collect::<Vec<_>>().join(", ")
        )
    };
    let mut text = if old.trim().is_empty() {
        "exceptions:\n".to_string()
    } else {
        let mut t = old.replacen("exceptions: []", "exceptions:", 1);
        if !t.ends_with('\n') {
            t.push('\n');
        }
        t
    };
    let indent = old
        .lines()
        .find(|l| l.trim_start().starts_with("- ") && !l.trim_start().starts_with('#'))
        .map(|l| l.len() - l.trim_start().len())
        .unwrap_or(2);
    let pad = " ".repeat(indent);
    for e in entries {
        text.push_str(&format!("{pad}- id: {}\n", q(&e.id)));
        let field = |k: &str, v: String| format!("{pad}  {k}: {v}\n");
        text.push_str(&field("rules", list(std::slice::from_ref(&e.rule))));
        text.push_str(&field("paths", list(&e.paths)));
        text.push_str(&field("resources", list(&e.resources)));
        text.push_str(&field("reason", q(&args.reason)));
        text.push_str(&field("owner", q(&args.owner)));
        if let Some(t) = &args.ticket {
            text.push_str(&field("ticket", q(t)));
        }
        text.push_str(&field("created", today.to_string()));
        text.push_str(&field("expires", expires.to_string()));
    }
    text
}
