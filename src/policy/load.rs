//! Where policies come from: the built-in library (only the families and rules a scan can need),
//! the user's `-p` files and directories, and `-d` data documents, read from disk and compiled
//! into a [`PolicySet`].

use super::engine::{PolicyError, PolicySet};
use super::{Namespaces, PolicySource, builtin};
use crate::input::{self, Family, FileKind, Locations, yaml};
use regorus::Value;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where policies come from, resolved from the command line.
#[derive(Debug, Clone, Default)]
pub struct PolicyOptions {
    /// `-p`: policy files or directories, absolute.
    pub policy: Vec<PathBuf>,
    /// `-d`: data files or directories, absolute.
    pub data: Vec<PathBuf>,
    pub namespaces: Option<Namespaces>,
    pub no_builtin: bool,
}

/// How policies are prepared: scans compile for regorus' VM and may leave out built-in rules that
/// cannot fire on the files they name; other commands (the default) read every rule.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub timeout: Option<Duration>,
    pub use_vm: bool,
    pub selection: Selection,
}

/// What a scan can meet, known before evaluation, to load only the built-in rules it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub families: BTreeSet<Family>,
    /// The resource types and kinds of the named files' documents, when every path is a file (as
    /// pre-commit passes them): a rule whose declared `resource_types` are not among them cannot
    /// fire, exactly as the per-document filter decides.
    pub types: Option<HashSet<String>>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            families: Family::ALL.into_iter().collect(),
            types: None,
        }
    }
}

impl Selection {
    /// From the paths named on the command line. Only when every one is a file can anything be
    /// ruled out; a directory may hold anything.
    pub fn of_paths(paths: &[PathBuf], max_bytes: u64) -> Selection {
        let all = Selection::default();
        let mut families = BTreeSet::new();
        for path in paths {
            if !path.is_file() {
                return all;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            match FileKind::of(&name) {
                Some(kind) => families.extend(kind.families()),
                // `.tfvars` and others: be safe.
                None => return all,
            }
        }
        if families.is_empty() {
            return all;
        }
        Selection {
            families,
            types: input::document_types(paths, max_bytes),
        }
    }
}

/// Built-in library (unless `--no-builtin`) plus `-p` paths, and `-d` data, compiled.
pub fn load(
    options: &PolicyOptions,
    load: &LoadOptions,
    display: impl Fn(&Path) -> String,
) -> Result<PolicySet, PolicyError> {
    let mut sources = if options.no_builtin {
        Vec::new()
    } else {
        builtin::sources_for(&load.selection)
    };
    for p in &options.policy {
        let files = rego_files(p)?;
        if files.is_empty() {
            return Err(PolicyError::Usage(format!(
                "no .rego policy files found in `{}`",
                p.display()
            )));
        }
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| {
                PolicyError::Usage(format!("cannot read policy {}: {e}", f.display()))
            })?;
            sources.push(PolicySource {
                path: display(&f),
                text,
                builtin: false,
            });
        }
    }
    if sources.is_empty() {
        return Err(PolicyError::Usage(
            "no policies to evaluate (--no-builtin and no --policy)".into(),
        ));
    }
    let mut data = Vec::new();
    for d in &options.data {
        data.extend(load_data(d)?);
    }
    let namespaces = options
        .namespaces
        .clone()
        .unwrap_or_else(|| Namespaces::Matching(vec!["main".into()]));
    PolicySet::load(&sources, data, &namespaces, load.timeout, load.use_vm)
}

/// `.rego` files under a path (a file or a directory), tests excluded, sorted.
pub fn rego_files(path: &Path) -> Result<Vec<PathBuf>, PolicyError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| PolicyError::Usage(format!("cannot read `{}`: {e}", path.display())))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(path)
        .standard_filters(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.ends_with(".rego") && !name.ends_with("_test.rego")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Data documents: each JSON/YAML file's top-level keys merge under `data`, as in conftest.
fn load_data(path: &Path) -> Result<Vec<Value>, PolicyError> {
    let mut files = Vec::new();
    if path.is_dir() {
        for e in ignore::WalkBuilder::new(path)
            .standard_filters(false)
            .build()
            .flatten()
        {
            let p = e.into_path();
            let name = p.to_string_lossy().to_ascii_lowercase();
            if p.is_file()
                && (name.ends_with(".json") || name.ends_with(".yaml") || name.ends_with(".yml"))
            {
                files.push(p);
            }
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    let invalid = |f: &Path, line: u32, column: u32, message: &str| {
        PolicyError::Usage(format!(
            "{}:{line}:{column}: invalid data file: {message}",
            f.display()
        ))
    };
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| {
            PolicyError::Usage(format!("cannot read data file {}: {e}", f.display()))
        })?;
        let docs =
            yaml::parse_stream(&text).map_err(|e| invalid(&f, e.line, e.column, &e.message))?;
        for doc in docs {
            let v = yaml::to_value(&doc.root, &mut String::new(), &mut Locations::default())
                .map_err(|e| invalid(&f, e.line, e.column, &e.message))?;
            let Ok(object) = v.as_object() else {
                return Err(PolicyError::Usage(format!(
                    "{}: a data file must hold an object at the top level",
                    f.display()
                )));
            };
            if let Some(key) = object
                .keys()
                .filter_map(|k| k.as_string().ok())
                .find(|k| super::is_reserved(k))
            {
                return Err(PolicyError::Usage(format!(
                    "{}: the data file defines `data.{key}`, which belongs to the built-in library (data there could switch built-in rules off); put your data under another key",
                    f.display()
                )));
            }
            out.push(v);
        }
    }
    Ok(out)
}
