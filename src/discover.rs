//! Finding the files to judge: a parallel, .gitignore-aware walk (the `ignore` crate ripgrep
//! uses), include/exclude globs, and classification by file name.
//!
//! Discovery reads no file contents; what a file name means is `input`'s knowledge
//! ([`FileKind`]), and deciding whether a YAML file is a Kubernetes manifest is the parser's job. Paths are reported relative to the repository root with `/`.

use crate::input::{FileKind, Origin, Source};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Directories never entered: VCS data, provider caches, dependency trees.
const ALWAYS_SKIPPED_DIRS: &[&str] = &[".git", ".terraform", "node_modules", ".tollgate"];

#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Source>,
    /// Files of other types (README.md, main.go, ...): counted, not listed.
    pub unsupported: usize,
    /// Files left out by `--exclude` / `--include`.
    pub excluded: usize,
    /// Walk problems (unreadable directory, symlink loop): `(path, message)`.
    pub problems: Vec<(String, String)>,
}

/// gitignore-style globs: a pattern without `/` matches a file or directory name at any depth.
#[derive(Debug, Default)]
pub struct Filters {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filters {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        Ok(Filters {
            include: build(include)?,
            exclude: build(exclude)?,
        })
    }

    /// Is `rel` (a file path relative to the root) selected?
    pub fn selects(&self, rel: &str) -> bool {
        if let Some(ex) = &self.exclude {
            // Excluding a directory excludes everything under it.
            let mut prefix = String::new();
            for part in rel.split('/') {
                if !prefix.is_empty() {
                    prefix.push('/');
                }
                prefix.push_str(part);
                if ex.is_match(&prefix) {
                    return false;
                }
            }
        }
        match &self.include {
            Some(inc) => inc.is_match(rel),
            None => true,
        }
    }
}

fn build(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let p = p.trim_start_matches("./");
        let anchored = p.trim_start_matches('/');
        let pattern = if p.contains('/') && !p.starts_with("**/") {
            anchored.to_string()
        } else {
            format!("**/{anchored}")
        };
        let glob = Glob::new(&pattern).map_err(|e| format!("invalid glob `{p}`: {e}"))?;
        b.add(glob);
        // `dir/` or `dir` should also match what is inside it.
        let inside = format!("{}/**", pattern.trim_end_matches('/'));
        b.add(Glob::new(&inside).map_err(|e| format!("invalid glob `{p}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// Path of `path` relative to `root`, with `/`; `path` itself when it is outside the root.
pub fn relative(root: &Path, path: &Path) -> String {
    let stripped = path.strip_prefix(root).unwrap_or(path);
    let mut parts = Vec::new();
    for c in stripped.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".into()),
            Component::RootDir => parts.push(String::new()),
            Component::CurDir | Component::Prefix(_) => {}
        }
    }
    let s = parts.join("/");
    if s.is_empty() { ".".into() } else { s }
}

/// Walks `paths` (files or directories) under `root`.
pub fn discover(root: &Path, paths: &[PathBuf], filters: &Filters, threads: usize) -> Discovery {
    let out = Mutex::new(Discovery::default());
    for given in paths {
        let abs = if given.is_absolute() {
            given.clone()
        } else {
            root.join(given)
        };
        let abs = normalize(&abs);
        // A path named on the command line is followed even when it is a symlink.
        let meta = match std::fs::metadata(&abs) {
            Ok(m) => m,
            Err(e) => {
                out.lock()
                    .unwrap()
                    .problems
                    .push((relative(root, &abs), format!("cannot read: {e}")));
                continue;
            }
        };
        if meta.is_file() {
            let rel = relative(root, &abs);
            let name = abs
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut d = out.lock().unwrap();
            match FileKind::of(&name) {
                Some(kind) if filters.selects(&rel) => d.candidates.push(Source {
                    rel,
                    origin: Origin::Disk(abs),
                    kind,
                }),
                Some(_) => d.excluded += 1,
                None => d.unsupported += 1,
            }
            continue;
        }
        let walk_root = std::fs::canonicalize(&abs).unwrap_or(abs.clone());
        let walker = ignore::WalkBuilder::new(&walk_root)
            .hidden(false)
            .require_git(false)
            .follow_links(false)
            .threads(threads)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && ALWAYS_SKIPPED_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
            })
            .build_parallel();
        walker.run(|| {
            let out = &out;
            let abs = &abs;
            let walk_root = &walk_root;
            Box::new(move |entry| {
                match entry {
                    Ok(entry) => {
                        if !entry.file_type().is_some_and(|t| t.is_file()) {
                            return ignore::WalkState::Continue;
                        }
                        // Report paths as the user named them, even below a symlinked root.
                        let inner = entry.path().strip_prefix(walk_root).unwrap_or(entry.path());
                        let shown = abs.join(inner);
                        let rel = relative(root, &shown);
                        let name = entry.file_name().to_string_lossy();
                        let mut d = out.lock().unwrap();
                        match FileKind::of(&name) {
                            Some(kind) if filters.selects(&rel) => d.candidates.push(Source {
                                rel,
                                origin: Origin::Disk(entry.path().to_path_buf()),
                                kind,
                            }),
                            Some(_) => d.excluded += 1,
                            None => d.unsupported += 1,
                        }
                    }
                    Err(err) => {
                        let path = match &err {
                            ignore::Error::WithPath { path, .. } => relative(root, path),
                            _ => ".".into(),
                        };
                        out.lock().unwrap().problems.push((path, err.to_string()));
                    }
                }
                ignore::WalkState::Continue
            })
        });
    }
    let mut d = out.into_inner().unwrap();
    d.candidates.sort();
    d.candidates.dedup_by(|a, b| a.rel == b.rel);
    d.problems.sort();
    d
}

/// Lexically removes `.` and `..` so relative paths stay tidy (`./a/../b` → `b`).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The repository root: the git work tree containing `cwd`, else `cwd`.
pub fn repository_root(cwd: &Path) -> PathBuf {
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    cwd.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitignore_style_filters() {
        let f = Filters::new(
            &[],
            &["vendor".into(), "*.gen.yaml".into(), "k8s/legacy/**".into()],
        )
        .unwrap();
        assert!(!f.selects("vendor/a.tf"));
        assert!(!f.selects("x/vendor/a.tf"));
        assert!(!f.selects("a/b.gen.yaml"));
        assert!(!f.selects("k8s/legacy/a.yaml"));
        assert!(f.selects("k8s/a.yaml"));
        let f = Filters::new(&["*.tf".into()], &[]).unwrap();
        assert!(f.selects("m/main.tf"));
        assert!(!f.selects("m/a.yaml"));
    }
}
