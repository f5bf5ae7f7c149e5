//! Finding the files to judge: a parallel, .gitignore-aware walk (the `ignore` crate ripgrep
//! uses), include/exclude globs, and classification by file name.
//!
//! Discovery reads no file contents; deciding whether a YAML file is a Kubernetes manifest is the
//! parser's job. Paths are reported relative to the repository root with `/`.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Directories never entered: VCS data, provider caches, dependency trees.
const ALWAYS_SKIPPED_DIRS: &[&str] = &[".git", ".terraform", "node_modules", ".tollgate"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `.tf` or `.tf.json`.
    Terraform,
    /// `.yaml` / `.yml`: maybe Kubernetes.
    Yaml,
    /// `.json`: maybe Kubernetes, maybe a Terraform plan.
    Json,
}

impl FileKind {
    pub fn of(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tf") || lower.ends_with(".tf.json") {
            Some(FileKind::Terraform)
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(FileKind::Yaml)
        } else if lower.ends_with(".json") && !lower.ends_with(".tfvars.json") {
            Some(FileKind::Json)
        } else {
            None
        }
    }
}

/// Which input families a scan can meet, so policies for the others need not be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Families {
    pub kubernetes: bool,
    pub terraform: bool,
}

impl Families {
    pub const ALL: Families = Families {
        kubernetes: true,
        terraform: true,
    };

    /// From the paths named on the command line. Only when every one is a file (as pre-commit
    /// passes them) can a family be ruled out; a directory may hold anything.
    pub fn of_paths(paths: &[PathBuf]) -> Families {
        let mut families = Families {
            kubernetes: false,
            terraform: false,
        };
        for path in paths {
            if !path.is_file() {
                return Families::ALL;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            match FileKind::of(&name) {
                Some(FileKind::Terraform) => families.terraform = true,
                Some(FileKind::Yaml) => families.kubernetes = true,
                // Kubernetes JSON or a Terraform plan; `.tfvars` and others: be safe.
                Some(FileKind::Json) | None => return Families::ALL,
            }
        }
        if families.kubernetes || families.terraform {
            families
        } else {
            Families::ALL
        }
    }
}

/// What a scan can meet, known before anything is parsed, to load only the built-in rules it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub families: Families,
    /// The text of the files named on the command line, when every path is a readable file of at
    /// most `max_bytes` in all (as pre-commit passes them).
    pub named_text: Option<String>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            families: Families::ALL,
            named_text: None,
        }
    }
}

impl Selection {
    pub fn of_paths(paths: &[PathBuf], max_bytes: u64) -> Selection {
        let families = Families::of_paths(paths);
        let mut text = String::new();
        for path in paths {
            let small = std::fs::metadata(path)
                .is_ok_and(|m| m.is_file() && text.len() as u64 + m.len() <= max_bytes);
            match std::fs::read_to_string(path) {
                Ok(content) if small => text.push_str(&content),
                // A directory, an unreadable or a large file: decide nothing from the text.
                _ => {
                    return Selection {
                        families,
                        named_text: None,
                    };
                }
            }
        }
        Selection {
            families,
            named_text: Some(text),
        }
    }
}

/// A file to read and parse.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Relative to the repository root, with `/`.
    pub rel: String,
    /// Where to read it from.
    pub path: PathBuf,
    pub kind: FileKind,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
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
                Some(kind) if filters.selects(&rel) => d.candidates.push(Candidate {
                    rel,
                    path: abs,
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
                            Some(kind) if filters.selects(&rel) => d.candidates.push(Candidate {
                                rel,
                                path: entry.path().to_path_buf(),
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
    fn classification_by_name() {
        assert_eq!(FileKind::of("main.tf"), Some(FileKind::Terraform));
        assert_eq!(FileKind::of("main.tf.json"), Some(FileKind::Terraform));
        assert_eq!(FileKind::of("x.YAML"), Some(FileKind::Yaml));
        assert_eq!(FileKind::of("plan.json"), Some(FileKind::Json));
        assert_eq!(FileKind::of("prod.tfvars.json"), None);
        assert_eq!(FileKind::of("README.md"), None);
    }

    #[test]
    fn families_are_narrowed_only_for_named_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["pod.yaml", "main.tf", "plan.json"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let path = |name: &str| dir.path().join(name);
        let yaml_only = Families::of_paths(&[path("pod.yaml")]);
        assert!(yaml_only.kubernetes && !yaml_only.terraform);
        let tf_only = Families::of_paths(&[path("main.tf")]);
        assert!(!tf_only.kubernetes && tf_only.terraform);
        assert_eq!(
            Families::of_paths(&[path("pod.yaml"), path("main.tf")]),
            Families::ALL
        );
        // JSON may be a manifest or a plan; a directory may hold anything.
        assert_eq!(Families::of_paths(&[path("plan.json")]), Families::ALL);
        assert_eq!(
            Families::of_paths(&[dir.path().to_path_buf()]),
            Families::ALL
        );
    }

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
