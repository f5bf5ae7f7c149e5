//! Kustomize: a directory with `kustomization.yaml` (`.yml`, `Kustomization`) is built with the
//! real `kustomize build` or `kubectl kustomize`, and the output is judged. The files a
//! kustomization consumes (resources, bases, components, patches) are not judged again on their
//! own; only overlays that no other kustomization in the scan uses are built.
//!
//! A finding points at the source file that holds the offending value where it can be found (the
//! patch or base resource of the same kind and name that sets that key to the rendered value),
//! else at the resource's first line in its base, else at the overlay's `kustomization.yaml`.

use super::render::{self, SourcePos};
use super::{Document, InputError, Parsed, Skipped, kubernetes, yaml};
use crate::config::{KustomizeConfig, RenderMode};
use regorus::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How overlays are built, from `[kustomize]` in `tollgate.toml`.
#[derive(Debug, Clone, Default)]
pub struct KustomizeSettings {
    pub config: KustomizeConfig,
    pub root: PathBuf,
}

/// File names Kustomize reads as a kustomization.
pub const FILE_NAMES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// The kustomization file of a directory, if it has one.
pub fn kustomization_in(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// What a kustomization consumes, recursively, in the order Kustomize applies it (resources and
/// bases first, then components, then patches): `(files, kustomization directories)`.
pub fn consumed(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    let mut seen = BTreeSet::new();
    collect(dir, &mut files, &mut dirs, &mut seen);
    (files, dirs)
}

fn collect(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    dirs: &mut Vec<PathBuf>,
    seen: &mut BTreeSet<PathBuf>,
) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return;
    }
    let Some(file) = kustomization_in(dir) else {
        return;
    };
    files.push(file.clone());
    let Ok(text) = std::fs::read_to_string(&file) else {
        return;
    };
    let Ok(docs) = yaml::parse_stream(super::strip_bom(&text)) else {
        return;
    };
    let Some(root) = docs.first().map(|d| &d.root) else {
        return;
    };
    let strings = |key: &str| -> Vec<String> {
        match root.get(key).map(|n| &n.kind) {
            Some(yaml::NodeKind::Seq(items)) => items
                .iter()
                .filter_map(|i| {
                    i.as_str()
                        .map(str::to_string)
                        .or_else(|| i.get("path").and_then(|p| p.as_str()).map(str::to_string))
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut add = |entry: &str| {
        if entry.contains("://") || entry.starts_with("github.com/") {
            return;
        }
        let path = dir.join(entry);
        if path.is_dir() {
            dirs.push(path.clone());
            collect(&path, files, dirs, seen);
        } else if path.is_file() {
            files.push(path);
        }
    };
    for key in ["resources", "bases", "crds", "components"] {
        for entry in strings(key) {
            add(&entry);
        }
    }
    for key in ["patchesStrategicMerge", "patches", "patchesJson6902"] {
        for entry in strings(key) {
            add(&entry);
        }
    }
    for generator in ["configMapGenerator", "secretGenerator"] {
        if let Some(yaml::NodeKind::Seq(items)) = root.get(generator).map(|n| &n.kind) {
            for item in items {
                for key in ["files", "envs"] {
                    if let Some(yaml::NodeKind::Seq(entries)) = item.get(key).map(|n| &n.kind) {
                        for e in entries.iter().filter_map(|e| e.as_str()) {
                            let path = e.split_once('=').map_or(e, |(_, p)| p);
                            add(path);
                        }
                    }
                }
            }
        }
    }
}

/// Builds the overlay at `dir` (shown as `rel`) and attributes its output to the source files.
pub fn render(dir: &Path, rel: &str, settings: &KustomizeSettings) -> Parsed {
    let mut parsed = Parsed::default();
    let kustomization = kustomization_in(dir)
        .and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "kustomization.yaml".into());
    let entry = if rel.is_empty() || rel == "." {
        kustomization.clone()
    } else {
        format!("{rel}/{kustomization}")
    };
    if settings.config.render == RenderMode::Skip {
        parsed.skipped.push(Skipped {
            path: entry,
            reason:
                "Kustomize overlay not judged: `[kustomize] render = \"skip\"` in tollgate.toml"
                    .into(),
        });
        return parsed;
    }
    let binary = settings
        .config
        .binary
        .clone()
        .or_else(|| render::which("kustomize"))
        .or_else(|| render::which("kubectl"));
    let Some(binary) = binary else {
        parsed.errors.push(InputError::new(
            &entry,
            0,
            0,
            "Kustomize overlay not judged: neither `kustomize` nor `kubectl` is on PATH. Install one (or set `[kustomize] binary`); `[kustomize] render = \"skip\"` opts out and reports the overlay as not judged",
        ));
        return parsed;
    };
    let is_kubectl = binary
        .file_stem()
        .is_some_and(|n| n.to_string_lossy().starts_with("kubectl"));
    let args = vec![
        if is_kubectl { "kustomize" } else { "build" }.to_string(),
        dir.to_string_lossy().into_owned(),
    ];
    let run = match render::run(&binary, &args, dir) {
        Ok(run) => run,
        Err(message) => {
            parsed.errors.push(InputError::new(
                &entry,
                0,
                0,
                format!("Kustomize overlay not judged: {message}"),
            ));
            return parsed;
        }
    };
    parsed.render_time += run.elapsed;
    let label: Arc<str> = Arc::from(format!(
        "kustomize overlay {}",
        if rel.is_empty() { "." } else { rel }
    ));
    // The sources, parsed once: later files (patches, overlays) win when several set a key.
    let (files, _) = consumed(dir);
    let mut sources: Vec<Document> = Vec::new();
    for file in &files {
        if file
            .file_name()
            .is_some_and(|n| FILE_NAMES.contains(&n.to_string_lossy().as_ref()))
        {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(file) {
            let display = crate::discover::relative(&settings.root, file);
            sources.extend(kubernetes::parse(&display, super::strip_bom(&text)).documents);
        }
    }
    let by_kind = render::by_kind_and_name(&sources);
    let entry_pos = SourcePos {
        file: Arc::from(entry.as_str()),
        line: 1,
        column: 1,
    };
    for chunk in render::chunks(&run.stdout) {
        let probe = kubernetes::parse(&entry, chunk.text);
        let Some(doc) = probe.documents.first() else {
            parsed.errors.extend(probe.errors);
            continue;
        };
        let kind = doc.value["kind"]
            .as_string()
            .map(|s| s.to_string())
            .unwrap_or_default();
        let name = doc.value["metadata"]["name"]
            .as_string()
            .map(|s| s.to_string())
            .unwrap_or_default();
        // namePrefix/nameSuffix change names: a source named `web` matches `prod-web-v2`.
        let candidates: Vec<&Document> = by_kind
            .iter()
            .filter(|((k, n), _)| *k == kind && !n.is_empty() && name.contains(n.as_str()))
            .flat_map(|(_, docs)| docs.iter().copied())
            .collect();
        let mut candidates = candidates;
        candidates.sort_by_key(|d| {
            sources
                .iter()
                .position(|s| std::ptr::eq(s, *d))
                .unwrap_or(usize::MAX)
        });
        let line_count = chunk.text.lines().count();
        let mut lines: Vec<Option<SourcePos>> = vec![None; line_count];
        for (pointer, span) in render::pointers(&doc.locations) {
            let rendered = value_at(&doc.value, &pointer);
            let holder = candidates
                .iter()
                .rev()
                .find(|c| {
                    c.locations.get(&pointer).is_some() && value_at(&c.value, &pointer) == rendered
                })
                .or_else(|| {
                    candidates
                        .iter()
                        .rev()
                        .find(|c| c.locations.get(&pointer).is_some())
                });
            if let Some(c) = holder {
                let s = c.locations.get(&pointer).expect("checked");
                let slot = span.line.saturating_sub(1) as usize;
                if slot < lines.len() {
                    lines[slot] = Some(SourcePos {
                        file: c.path.clone(),
                        line: s.line,
                        column: s.column,
                    });
                }
            }
        }
        let fallback = candidates
            .first()
            .map(|c| SourcePos {
                file: c.path.clone(),
                line: c.span.line,
                column: c.span.column,
            })
            .unwrap_or_else(|| entry_pos.clone());
        let one = render::parse_chunk(&entry, chunk.text, lines, fallback, &label);
        parsed.documents.extend(one.documents);
        parsed.errors.extend(one.errors);
    }
    parsed
}

/// The value at a JSON pointer (`/spec/template/0`), or undefined.
fn value_at<'a>(value: &'a Value, pointer: &str) -> &'a Value {
    let mut v = value;
    for seg in pointer.split('/').skip(1) {
        let key = seg.replace("~1", "/").replace("~0", "~");
        v = match v {
            Value::Array(_) => match key.parse::<usize>() {
                Ok(i) => &v[i],
                Err(_) => &Value::Undefined,
            },
            _ => &v[key.as_str()],
        };
    }
    v
}
