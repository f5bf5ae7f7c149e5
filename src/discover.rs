//! Finding the files to judge: a parallel, .gitignore-aware walk (the `ignore` crate ripgrep
//! uses), include/exclude globs, and classification by file name.
//!
//! Discovery reads no file contents; what a file name means is `input`'s knowledge
//! ([`FileKind`]), and deciding whether a YAML file is a Kubernetes manifest is the parser's job. Paths are reported relative to the repository root with `/`.

use crate::input::{FileKind, Origin, Skipped, Source};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
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
    /// Files of a supported type left out because an ignore file (`.gitignore`, `.ignore`) names
    /// them and git does not track them.
    pub ignored: usize,
    /// Directories never entered (`.git`, `.terraform`, `node_modules`, `.tollgate`).
    pub dirs_skipped: usize,
    /// Files not followed, with the reason (symlinks leaving the repository, broken links).
    pub skipped: Vec<Skipped>,
    /// Walk problems (unreadable directory, symlink loop): `(path, message)`.
    pub problems: Vec<(String, String)>,
}

/// How the walk treats ignore files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IgnoreFiles {
    /// `.gitignore` and `.ignore` prune what git does not track; tracked files are always judged,
    /// so a pull request cannot hide a manifest by adding an ignore file.
    #[default]
    PruneUntracked,
    /// `--no-ignore`: every file is judged whatever the ignore files say.
    Off,
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
        // As in gitignore, a trailing `/` only says "a directory": `vendor/` matches a `vendor`
        // directory at any depth, like `vendor`; a `/` elsewhere anchors the pattern.
        let p = p.trim_start_matches("./").trim_end_matches('/');
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
    let path = normalize(path);
    let stripped = path.strip_prefix(root).unwrap_or(&path);
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

/// What one walk saw.
#[derive(Default)]
struct Walked {
    /// Supported files (selected or not by the filters): `(rel, path, kind, selected)`.
    files: Vec<(String, PathBuf, FileKind, bool)>,
    unsupported: usize,
    dirs_skipped: usize,
    /// Symlinked directories inside the root, walked once: `(shown as, target)`.
    linked_dirs: Vec<(PathBuf, PathBuf)>,
    skipped: Vec<Skipped>,
    problems: Vec<(String, String)>,
}

/// Walks `paths` (files or directories) under `root`.
pub fn discover(
    root: &Path,
    paths: &[PathBuf],
    filters: &Filters,
    threads: usize,
    ignore_files: IgnoreFiles,
) -> Discovery {
    let mut d = Discovery::default();
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut seen: HashSet<String> = HashSet::new();
    let mut add =
        |d: &mut Discovery, rel: String, path: PathBuf, kind: FileKind, selected: bool| {
            if !seen.insert(rel.clone()) {
                return;
            }
            if selected {
                d.candidates.push(Source {
                    rel,
                    origin: Origin::Disk(path),
                    kind,
                });
            } else {
                d.excluded += 1;
            }
        };
    let tracked = match ignore_files {
        IgnoreFiles::PruneUntracked => tracked_files(root),
        IgnoreFiles::Off => None,
    };
    for given in paths {
        let abs = normalize(&if given.is_absolute() {
            given.clone()
        } else {
            root.join(given)
        });
        // A path named on the command line is followed even when it is a symlink.
        let meta = match std::fs::metadata(&abs) {
            Ok(m) => m,
            Err(e) => {
                d.problems
                    .push((relative(root, &abs), format!("cannot read: {e}")));
                continue;
            }
        };
        if !meta.is_file() && !meta.is_dir() {
            // A pipe or device (`/dev/stdin`, `<(helm template ...)`): read it as a stream.
            let rel = relative(root, &abs);
            match std::fs::read(&abs)
                .map_err(|e| e.to_string())
                .and_then(crate::input::decode)
            {
                Ok(text) => {
                    let kind = abs
                        .file_name()
                        .and_then(|n| FileKind::of(&n.to_string_lossy()))
                        .unwrap_or(FileKind::Yaml);
                    d.candidates.push(Source {
                        rel,
                        origin: Origin::Memory(std::sync::Arc::from(text)),
                        kind,
                    });
                }
                Err(e) => d.problems.push((rel, format!("cannot read: {e}"))),
            }
            continue;
        }
        if meta.is_file() {
            let rel = relative(root, &abs);
            let name = abs
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match FileKind::of(&name) {
                Some(kind) => {
                    let selected = filters.selects(&rel);
                    add(&mut d, rel, abs, kind, selected)
                }
                None => d.unsupported += 1,
            }
            continue;
        }
        let mut roots = vec![(abs.clone(), std::fs::canonicalize(&abs).unwrap_or(abs))];
        let mut followed: HashSet<PathBuf> = HashSet::new();
        while let Some((shown, target)) = roots.pop() {
            if !followed.insert(target.clone()) {
                continue;
            }
            let honour = ignore_files == IgnoreFiles::PruneUntracked;
            let filtered = walk(
                root,
                &canonical_root,
                &shown,
                &target,
                filters,
                threads,
                honour,
            );
            // Files the ignore files pruned: judged when git tracks them, else counted.
            let all = if honour {
                Some(walk(
                    root,
                    &canonical_root,
                    &shown,
                    &target,
                    filters,
                    threads,
                    false,
                ))
            } else {
                None
            };
            let kept: HashSet<String> = filtered.files.iter().map(|f| f.0.clone()).collect();
            let mut restored = Vec::new();
            let mut ignored = 0;
            if let Some(all) = &all {
                for file in &all.files {
                    if kept.contains(&file.0) || !file.3 {
                        continue;
                    }
                    match &tracked {
                        // Outside git (or without it), nothing is known to be tracked: judge
                        // everything rather than let an ignore file decide.
                        None => restored.push(file.clone()),
                        Some(t) if t.contains(&relative(root, &file.1)) => {
                            restored.push(file.clone())
                        }
                        Some(_) => ignored += 1,
                    }
                }
            }
            d.ignored += ignored;
            let walked = all.unwrap_or(filtered);
            d.unsupported += walked.unsupported;
            d.dirs_skipped += walked.dirs_skipped;
            d.skipped.extend(walked.skipped);
            d.problems.extend(walked.problems);
            roots.extend(walked.linked_dirs);
            for (rel, path, kind, selected) in walked.files {
                if kept.contains(&rel) || restored.iter().any(|r| r.0 == rel) || !selected {
                    add(&mut d, rel, path, kind, selected);
                }
            }
        }
    }
    d.candidates.sort();
    d.skipped.sort();
    d.skipped.dedup();
    d.problems.sort();
    d
}

/// Files git tracks in the work tree at `root` (relative, with `/`); `None` outside a work tree
/// or without a usable `git`.
fn tracked_files(root: &Path) -> Option<HashSet<String>> {
    if !root.join(".git").exists() {
        return None;
    }
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z", "--full-name"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    Some(
        out.stdout
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect(),
    )
}

/// One parallel walk of `target` (shown as `shown`), honouring ignore files or not.
fn walk(
    root: &Path,
    canonical_root: &Path,
    shown: &Path,
    target: &Path,
    filters: &Filters,
    threads: usize,
    honour_ignore_files: bool,
) -> Walked {
    let out = Mutex::new(Walked::default());
    let dirs_skipped = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = dirs_skipped.clone();
    let walker = ignore::WalkBuilder::new(target)
        .standard_filters(honour_ignore_files)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(move |e| {
            let skip = e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && ALWAYS_SKIPPED_DIRS.contains(&e.file_name().to_string_lossy().as_ref());
            if skip {
                counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            !skip
        })
        .build_parallel();
    walker.run(|| {
        let out = &out;
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    let Some(file_type) = entry.file_type() else {
                        return ignore::WalkState::Continue;
                    };
                    // Report paths as the user named them, even below a symlinked root.
                    let inner = entry.path().strip_prefix(target).unwrap_or(entry.path());
                    let shown_path = shown.join(inner);
                    let rel = relative(root, &shown_path);
                    if file_type.is_symlink() {
                        follow_link(
                            &mut out.lock().unwrap(),
                            canonical_root,
                            entry.path(),
                            shown_path,
                            rel,
                            filters,
                        );
                        return ignore::WalkState::Continue;
                    }
                    if !file_type.is_file() {
                        return ignore::WalkState::Continue;
                    }
                    let name = entry.file_name().to_string_lossy();
                    let mut w = out.lock().unwrap();
                    match FileKind::of(&name) {
                        Some(kind) => {
                            let selected = filters.selects(&rel);
                            w.files
                                .push((rel, entry.path().to_path_buf(), kind, selected));
                        }
                        None => w.unsupported += 1,
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
    let mut walked = out.into_inner().unwrap();
    walked.dirs_skipped = dirs_skipped.load(std::sync::atomic::Ordering::Relaxed);
    walked
}

/// A symlink met during the walk: a link to a file or directory inside the repository is
/// followed (directories once); one leaving the repository or pointing nowhere is listed as
/// skipped, never dropped silently.
fn follow_link(
    w: &mut Walked,
    canonical_root: &Path,
    link: &Path,
    shown: PathBuf,
    rel: String,
    filters: &Filters,
) {
    let target = match std::fs::canonicalize(link) {
        Ok(t) => t,
        Err(e) => {
            w.skipped.push(Skipped {
                path: rel,
                reason: format!("symlink that cannot be followed: {e}"),
            });
            return;
        }
    };
    if !target.starts_with(canonical_root) {
        w.skipped.push(Skipped {
            path: rel,
            reason: format!(
                "symlink to `{}`, outside the repository: not followed",
                target.display()
            ),
        });
        return;
    }
    if target.is_dir() {
        w.linked_dirs.push((shown, target));
    } else if let Some(kind) = shown
        .file_name()
        .and_then(|n| FileKind::of(&n.to_string_lossy()))
    {
        let selected = filters.selects(&rel);
        w.files.push((rel, link.to_path_buf(), kind, selected));
    } else {
        w.unsupported += 1;
    }
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
        // A trailing slash does not anchor (gitignore): the scanned directory may sit anywhere.
        let slash = Filters::new(&[], &["vendor/".into()]).unwrap();
        assert!(!slash.selects("deep/vendor/a.tf"));
        assert!(slash.selects("deep/vendors/a.tf"));
        assert!(!f.selects("a/b.gen.yaml"));
        assert!(!f.selects("k8s/legacy/a.yaml"));
        assert!(f.selects("k8s/a.yaml"));
        let f = Filters::new(&["*.tf".into()], &[]).unwrap();
        assert!(f.selects("m/main.tf"));
        assert!(!f.selects("m/a.yaml"));
    }
}
