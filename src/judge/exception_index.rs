//! Which exceptions of the exceptions files can cover a finding, found without trying each one:
//! `tollgate baseline` writes one exception per finding, and with thousands of them every finding
//! tried every exception (3,897 exceptions made a 10k-file scan 1.2 s → 8.5 s).

use super::exceptions::{Exception, glob_patterns};
use globset::{Glob, GlobSet, GlobSetBuilder};

/// The `paths` of all exceptions in one glob set, each pattern knowing its exception.
pub struct ExceptionIndex {
    /// `None` when the patterns do not build into one set (each exception's own did): then every
    /// exception is a candidate everywhere, as without the index.
    paths: Option<GlobSet>,
    /// Per pattern of `paths`: the exception it belongs to.
    owner: Vec<usize>,
    /// Exceptions without `paths`: they may cover a finding in any file.
    pathless: Vec<usize>,
    count: usize,
}

impl ExceptionIndex {
    pub fn new(exceptions: &[Exception]) -> ExceptionIndex {
        let mut builder = GlobSetBuilder::new();
        let mut owner = Vec::new();
        let mut pathless = Vec::new();
        let mut complete = true;
        for (i, e) in exceptions.iter().enumerate() {
            if e.paths.is_empty() {
                pathless.push(i);
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
            pathless,
            count: exceptions.len(),
        }
    }

    /// The exceptions that may cover a finding in `file`, in file order, each once: those with a
    /// path matching `file`, and those without paths. Rules and resources are still to be checked.
    pub fn candidates(&self, file: &str) -> Vec<usize> {
        let Some(paths) = &self.paths else {
            return (0..self.count).collect();
        };
        let mut out: Vec<usize> = paths
            .matches(file)
            .into_iter()
            .map(|k| self.owner[k])
            .chain(self.pathless.iter().copied())
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
    fn candidates_are_exactly_the_exceptions_whose_paths_match_or_that_have_none() {
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
            let expected: Vec<usize> = exceptions
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.has_paths() || e.mentions_path(file))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(index.candidates(file), expected, "{file}");
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
