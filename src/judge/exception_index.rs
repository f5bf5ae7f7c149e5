//! Which exceptions of the exceptions files can cover a finding, found without trying each one:
//! `tollgate baseline` writes one exception per finding, and with thousands of them every finding
//! tried every exception (3,897 exceptions made a 10k-file scan 1.2 s → 8.5 s; the same without
//! their `paths`, 6.4 s).

use super::exceptions::{Exception, glob_patterns};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashMap;

/// The `paths` of all exceptions in one glob set, each pattern knowing its exception.
pub struct ExceptionIndex {
    /// `None` when the patterns do not build into one set (each exception's own did): then every
    /// exception is a candidate everywhere, as without the index.
    paths: Option<GlobSet>,
    /// Per pattern of `paths`: the exception it belongs to.
    owner: Vec<usize>,
    /// Exceptions without `paths` (they may cover a finding in any file) whose `rules` are all
    /// rule ids, not globs: by rule id.
    pathless_by_rule: HashMap<String, Vec<usize>>,
    /// The other exceptions without `paths`.
    pathless: Vec<usize>,
    count: usize,
}

impl ExceptionIndex {
    pub fn new(exceptions: &[Exception]) -> ExceptionIndex {
        let mut builder = GlobSetBuilder::new();
        let mut owner = Vec::new();
        let mut pathless = Vec::new();
        let mut pathless_by_rule: HashMap<String, Vec<usize>> = HashMap::new();
        let mut complete = true;
        for (i, e) in exceptions.iter().enumerate() {
            if e.paths.is_empty() {
                // `*` and `?` are the only wildcards of a rule pattern.
                if e.rules.iter().any(|r| r.contains(['*', '?'])) {
                    pathless.push(i);
                } else {
                    for rule in &e.rules {
                        pathless_by_rule.entry(rule.clone()).or_default().push(i);
                    }
                }
                continue;
            }
            for pattern in e.paths.iter().flat_map(|p| glob_patterns(p)) {
                match Glob::new(&pattern) {
                    Ok(glob) => {
                        builder.add(glob);
                        owner.push(i);
                    }
                    Err(_) => complete = false,
                }
            }
        }
        let paths = if complete { builder.build().ok() } else { None };
        ExceptionIndex {
            paths,
            owner,
            pathless_by_rule,
            pathless,
            count: exceptions.len(),
        }
    }

    /// The exceptions that may cover a finding of `rule_id` in `file`, in file order, each once:
    /// those with a path matching `file`, and those without paths that may name the rule. Rules
    /// and resources are still to be checked.
    pub fn candidates(&self, file: &str, rule_id: &str) -> Vec<usize> {
        let Some(paths) = &self.paths else {
            return (0..self.count).collect();
        };
        let mut out: Vec<usize> = paths
            .matches(file)
            .into_iter()
            .map(|k| self.owner[k])
            .chain(self.pathless.iter().copied())
            .chain(
                self.pathless_by_rule
                    .get(rule_id)
                    .into_iter()
                    .flatten()
                    .copied(),
            )
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Per exception: does one of its `paths` match one of `files`? (`false` for exceptions
    /// without paths.)
    pub fn mentioned(&self, exceptions: &[Exception], files: &[String]) -> Vec<bool> {
        let Some(paths) = &self.paths else {
            return exceptions
                .iter()
                .map(|e| files.iter().any(|f| e.mentions_path(f)))
                .collect();
        };
        let mut out = vec![false; self.count];
        let mut found = Vec::new();
        for file in files {
            paths.matches_into(file, &mut found);
            for &k in &found {
                out[self.owner[k]] = true;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::judge::exceptions::{Limits, parse_file};

    #[test]
    fn candidates_are_the_exceptions_whose_paths_match_or_that_may_name_the_rule() {
        let paths = [
            "[main.tf]",
            "[infra/dev/sg_10.tf]",
            "[infra/dev]",
            "[\"infra/*/sg_1?.tf\"]",
            "[\"k8s/**\", other.yaml]",
            "[./infra/prod/]",
            "[/root.tf]",
        ];
        let mut text = String::from("exceptions:\n");
        for (i, p) in paths.iter().enumerate() {
            text.push_str(&format!(
                "  - id: e{i}\n    rules: [X]\n    paths: {p}\n    reason: r\n    owner: o\n    expires: 2026-12-20\n"
            ));
        }
        text.push_str("  - id: everywhere\n    rules: [X]\n    scope: all\n    reason: r\n    owner: o\n    expires: 2026-12-20\n");
        text.push_str("  - id: other-rule\n    rules: [Y, Z]\n    resources: [a.b]\n    reason: r\n    owner: o\n    expires: 2026-12-20\n");
        text.push_str("  - id: rule-glob\n    rules: [\"Y*\"]\n    resources: [a.b]\n    reason: r\n    owner: o\n    expires: 2026-12-20\n");
        let limits = Limits {
            today: Date::parse("2026-11-30").unwrap(),
            max_days: 90,
        };
        let exceptions = parse_file("exceptions.yaml", &text, limits).unwrap();
        let index = ExceptionIndex::new(&exceptions);
        let files = [
            "main.tf",
            "modules/x/main.tf",
            "infra/dev/sg_10.tf",
            "infra/dev/sg_2.tf",
            "infra/prod/sg_11.tf",
            "k8s/a/b.yaml",
            "deep/other.yaml",
            "root.tf",
            "nested/root.tf",
            "unrelated.txt",
        ];
        for file in files {
            for rule in ["X", "Y", "Z", "YY"] {
                let expected: Vec<usize> = exceptions
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        if e.has_paths() {
                            e.mentions_path(file)
                        } else {
                            // Rule globs are left to `covers`; rule ids are looked up.
                            e.rules.iter().any(|r| r.contains('*') || r == rule)
                        }
                    })
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(index.candidates(file, rule), expected, "{file} {rule}");
            }
        }
        let scanned: Vec<String> = ["infra/dev/sg_2.tf", "deep/other.yaml"]
            .map(String::from)
            .to_vec();
        let expected: Vec<bool> = exceptions
            .iter()
            .map(|e| scanned.iter().any(|f| e.mentions_path(f)))
            .collect();
        assert_eq!(index.mentioned(&exceptions, &scanned), expected);
    }
}
