//! Sharding a scan across CI machines: `scan --shard I/N` judges a deterministic part of the
//! units, and `tollgate merge` adds the shards' parts up to what one unsharded run gives.
//!
//! Every shard discovers the whole repository and groups it into the same units (a Terraform
//! root with its module instances, a chart, an overlay, a file), so every shard computes the same
//! assignment: units by weight, heaviest first, each to the least loaded shard. What a shard
//! judged travels in its JSON report (`shard`), next to its findings; the run-wide steps
//! (sorting, exception health, compliance, notices) are left to the merge, which runs the same
//! code the unsharded scan runs ([`crate::pipeline::finish`]).

use crate::input::{OpenTofuModule, Skipped, Unfollowed, Unit};
use crate::judge::exceptions::ExceptionRecord;
use crate::outcome::Problem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// `--shard I/N`: this run judges part `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardSpec {
    pub index: usize,
    pub count: usize,
}

impl ShardSpec {
    pub fn parse(text: &str) -> Result<Self, String> {
        let parsed = text
            .split_once('/')
            .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((index, count)) if count >= 1 && (1..=count).contains(&index) => {
                Ok(ShardSpec { index, count })
            }
            _ => Err(format!(
                "--shard expects I/N with 1 <= I <= N (e.g. 2/4), got `{text}`"
            )),
        }
    }

    /// Shard 1 also carries what belongs to the whole run (discovery's counts, skipped files and
    /// problems, named paths that hold nothing), so that the merge counts it once.
    pub fn carries_run_wide(&self) -> bool {
        self.index == 1
    }
}

/// Rough cost of a unit, for balancing: its files, and a render's subprocess.
fn weight(unit: &Unit) -> usize {
    match unit {
        Unit::Module { judge, .. } | Unit::Through { judge, .. } => judge.len().max(1),
        Unit::Chart { .. } | Unit::Overlay { .. } => 20,
        Unit::File(_) => 1,
    }
}

fn key(unit: &Unit) -> String {
    match unit {
        Unit::Module { judge, dir, .. } => judge
            .first()
            .map_or_else(|| dir.display().to_string(), |s| s.rel.clone()),
        Unit::Through { callers, judge } => format!(
            "{}:{}",
            callers.first().map_or("", |(_, rel)| rel.as_str()),
            judge.first().map_or("", |s| s.rel.as_str())
        ),
        Unit::Chart { rel, .. } | Unit::Overlay { rel, .. } => rel.clone(),
        Unit::File(source) => source.rel.clone(),
    }
}

/// Which units shard `spec` judges: the heaviest first, each to the least loaded shard (the
/// lowest numbered on a tie), so shards finish close together and every shard, seeing the same
/// units, computes the same split.
pub fn select(units: &[Unit], spec: ShardSpec) -> Vec<bool> {
    let mut order: Vec<(usize, String, usize)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (weight(u), key(u), i))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut load = vec![0usize; spec.count];
    let mut mine = vec![false; units.len()];
    for (w, _, i) in order {
        // `ShardSpec::parse` guarantees at least one shard.
        if let Some(shard) = (0..spec.count).min_by_key(|&s| (load[s], s)) {
            load[shard] += w;
            mine[i] = shard + 1 == spec.index;
        }
    }
    mine
}

/// Counts of the run that reports show in the summary.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PartialStats {
    pub files_scanned: usize,
    pub documents: usize,
    pub unresolved_values: usize,
    pub files_unsupported: usize,
    pub files_excluded: usize,
    pub files_ignored: usize,
    pub directories_skipped: usize,
}

/// What the judged units of a scan (or of one shard) add up to, before the run-wide steps.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Partial {
    /// Carried by the report's own `findings`, not repeated here.
    #[serde(skip)]
    pub findings: crate::judge::Findings,
    /// Inline suppressions found in the judged files, with how many findings each matched.
    pub inline: Vec<(ExceptionRecord, usize)>,
    /// Files read.
    pub scanned: Vec<String>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<Problem>,
    pub stats: PartialStats,
    pub unfollowed: Vec<Unfollowed>,
    pub opentofu: Vec<OpenTofuModule>,
    /// Directories of named files whose caller search stopped at its bound (judged as roots).
    #[serde(default)]
    pub caller_search_stopped: Vec<String>,
    /// Per rule (index in the loaded policies): resources of its types evaluated.
    pub evaluated: BTreeMap<usize, usize>,
    /// Findings each exception file entry matched, and findings `block_at` downgraded.
    pub matches: Vec<usize>,
    pub downgraded: usize,
    /// Only directories were named (the whole repository was scanned): "unused" is knowable.
    pub full_scan: bool,
    /// `--strict`: notices become errors.
    pub strict: bool,
    /// Rules loaded: a merge must load the same ones.
    pub rules: usize,
}

impl Partial {
    /// Adds what other units gave (another worker's, another shard's): lists and counts.
    pub fn add(&mut self, other: Partial) {
        self.findings.extend(other.findings);
        self.inline.extend(other.inline);
        self.scanned.extend(other.scanned);
        self.skipped.extend(other.skipped);
        self.errors.extend(other.errors);
        let (s, o) = (&mut self.stats, other.stats);
        s.files_scanned += o.files_scanned;
        s.documents += o.documents;
        s.unresolved_values += o.unresolved_values;
        s.files_unsupported += o.files_unsupported;
        s.files_excluded += o.files_excluded;
        s.files_ignored += o.files_ignored;
        s.directories_skipped += o.directories_skipped;
        self.unfollowed.extend(other.unfollowed);
        self.opentofu.extend(other.opentofu);
        self.caller_search_stopped
            .extend(other.caller_search_stopped);
        for (rule, n) in other.evaluated {
            *self.evaluated.entry(rule).or_default() += n;
        }
        if self.matches.len() < other.matches.len() {
            self.matches.resize(other.matches.len(), 0);
        }
        for (m, n) in self.matches.iter_mut().zip(other.matches) {
            *m += n;
        }
        self.downgraded += other.downgraded;
    }
}

/// The `shard` section of a shard's JSON report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardState {
    #[serde(flatten)]
    pub spec: ShardSpec,
    /// Units of the whole scan, and those this shard judged.
    pub units: usize,
    pub units_judged: usize,
    /// Version and policy library fingerprint of the tollgate that wrote it.
    pub tool: String,
    pub partial: Partial,
}

/// Reads the shards' JSON reports and adds them up. Every shard of one split must be there, once,
/// written by this tollgate with the same policy library.
pub fn read(paths: &[impl AsRef<Path>], tool: &str) -> Result<Partial, String> {
    let mut shards: Vec<ShardState> = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut report: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a JSON report: {e}", path.display()))?;
        let shard = report.get_mut("shard").map(serde_json::Value::take).ok_or_else(|| {
            format!(
                "{}: not a shard's report (write it with `tollgate scan --shard I/N --format json`)",
                path.display()
            )
        })?;
        let mut state: ShardState = serde_json::from_value(shard)
            .map_err(|e| format!("{}: unreadable `shard` section: {e}", path.display()))?;
        if state.tool != tool {
            return Err(format!(
                "{}: written by {}, this is {tool}: merge with the tollgate and policy library that scanned",
                path.display(),
                state.tool
            ));
        }
        let findings = report.get_mut("findings").map(serde_json::Value::take);
        state.partial.findings = serde_json::from_value(findings.unwrap_or_default())
            .map_err(|e| format!("{}: unreadable `findings`: {e}", path.display()))?;
        shards.push(state);
    }
    shards.sort_by_key(|s| s.spec.index);
    let Some(first) = shards.first() else {
        return Err("no report to merge".into());
    };
    let count = first.spec.count;
    let indices: Vec<usize> = shards.iter().map(|s| s.spec.index).collect();
    if shards.iter().any(|s| s.spec.count != count) || indices != (1..=count).collect::<Vec<_>>() {
        return Err(format!(
            "the reports are shards {} of splits {}: a merge needs every shard of one split (1/{count} to {count}/{count}), each once",
            indices
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            shards
                .iter()
                .map(|s| s.spec.count.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let (units, strict, full_scan, rules) = (
        first.units,
        first.partial.strict,
        first.partial.full_scan,
        first.partial.rules,
    );
    if shards.iter().any(|s| {
        s.units != units
            || s.partial.strict != strict
            || s.partial.full_scan != full_scan
            || s.partial.rules != rules
    }) {
        return Err(
            "the shards did not scan the same thing the same way (units, --strict, paths or policies differ)"
                .into(),
        );
    }
    let mut total = Partial::default();
    for s in shards {
        total.add(s.partial);
    }
    // `add` sums counts; the settings every shard shares are taken once.
    total.strict = strict;
    total.full_scan = full_scan;
    total.rules = rules;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{FileKind, Origin, Source};

    fn file(rel: &str) -> Unit {
        Unit::File(Source {
            rel: rel.into(),
            origin: Origin::Memory("".into()),
            kind: FileKind::Yaml,
        })
    }

    #[test]
    fn every_unit_goes_to_exactly_one_shard_and_the_split_is_balanced() {
        let units: Vec<Unit> = (0..10).map(|i| file(&format!("f{i}.yaml"))).collect();
        let parts: Vec<Vec<bool>> = (1..=3)
            .map(|i| select(&units, ShardSpec { index: i, count: 3 }))
            .collect();
        for u in 0..units.len() {
            assert_eq!(parts.iter().filter(|p| p[u]).count(), 1);
        }
        let sizes: Vec<usize> = parts
            .iter()
            .map(|p| p.iter().filter(|x| **x).count())
            .collect();
        assert_eq!(sizes, [4, 3, 3]);
        assert_eq!(
            select(&units, ShardSpec { index: 1, count: 1 }),
            vec![true; 10]
        );
    }

    #[test]
    fn shard_specs_are_validated() {
        assert_eq!(
            ShardSpec::parse("2/4").unwrap(),
            ShardSpec { index: 2, count: 4 }
        );
        for bad in ["0/4", "5/4", "1/0", "x", "1-2"] {
            assert!(ShardSpec::parse(bad).is_err(), "{bad}");
        }
    }
}
