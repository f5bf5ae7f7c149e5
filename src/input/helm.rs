//! Helm charts: a directory with `Chart.yaml` is rendered with the real `helm template` (no
//! network: only vendored dependencies under `charts/`), once per configured value set, and every
//! rendered document is judged. Findings point at the template file that produced the document
//! (helm writes `# Source: CHART/templates/x.yaml` above each) and at the template line that sets
//! the offending key when it can be found, else at the resource's first line.
//!
//! Files under a chart are never read as plain YAML: a template is not YAML until rendered.

use super::render::{self, SourcePos};
use super::{InputError, Parsed, Skipped};
use crate::config::{HelmConfig, RenderMode};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How charts are rendered, resolved from `[helm]` in `tollgate.toml`.
#[derive(Debug, Clone, Default)]
pub struct HelmSettings {
    pub config: HelmConfig,
    /// The repository root: value files in the configuration are relative to it.
    pub root: PathBuf,
    /// The current directory: `# Source:` paths of rendered output on standard input are
    /// looked up from here (where `helm template` most likely ran), then from the root.
    pub cwd: PathBuf,
}

/// One render of a chart.
struct RenderSpec {
    name: String,
    release: String,
    namespace: Option<String>,
    values: Vec<PathBuf>,
    set: Vec<String>,
}

/// Renders the chart at `dir` (shown as `rel`) with every configured value set.
pub fn render(dir: &Path, rel: &str, settings: &HelmSettings) -> Parsed {
    let mut parsed = Parsed::default();
    let config = &settings.config;
    if config.render == RenderMode::Skip {
        parsed.skipped.push(Skipped {
            path: rel.to_string(),
            reason: "Helm chart not judged: `[helm] render = \"skip\"` in tollgate.toml".into(),
        });
        return parsed;
    }
    let chart_file = format!("{rel}/Chart.yaml");
    let binary = match &config.binary {
        Some(b) => b.clone(),
        None => match render::which("helm") {
            Some(b) => b,
            None => {
                parsed.errors.push(InputError::new(
                    &chart_file,
                    0,
                    0,
                    "Helm chart not judged: `helm` is not on PATH. Install helm (or set `[helm] binary`); `[helm] render = \"skip\"` opts out and reports the chart as not judged",
                ));
                return parsed;
            }
        },
    };
    let specs: Vec<RenderSpec> = {
        let configured: Vec<RenderSpec> = config
            .charts
            .iter()
            .filter(|c| c.path.trim_end_matches('/') == rel)
            .map(|c| RenderSpec {
                name: c.name.clone().unwrap_or_else(|| "default".into()),
                release: c.release.clone().unwrap_or_else(|| "release".into()),
                namespace: c.namespace.clone(),
                values: c.values.iter().map(|v| settings.root.join(v)).collect(),
                set: c.set.clone(),
            })
            .collect();
        if configured.is_empty() {
            vec![RenderSpec {
                name: "default".into(),
                release: "release".into(),
                namespace: None,
                values: Vec::new(),
                set: Vec::new(),
            }]
        } else {
            configured
        }
    };
    for spec in &specs {
        for v in &spec.values {
            if !v.is_file() {
                parsed.errors.push(InputError::new(
                    &chart_file,
                    0,
                    0,
                    format!(
                        "render `{}`: value file `{}` does not exist",
                        spec.name,
                        v.display()
                    ),
                ));
            }
        }
    }
    if !parsed.errors.is_empty() {
        return parsed;
    }
    for spec in specs {
        let mut args = vec![
            "template".to_string(),
            spec.release.clone(),
            dir.to_string_lossy().into_owned(),
            "--include-crds".to_string(),
        ];
        if let Some(ns) = &spec.namespace {
            args.extend(["--namespace".into(), ns.clone()]);
        }
        if let Some(v) = &config.kube_version {
            args.extend(["--kube-version".into(), v.clone()]);
        }
        for v in &spec.values {
            args.extend(["--values".into(), v.to_string_lossy().into_owned()]);
        }
        for s in &spec.set {
            args.extend(["--set".into(), s.clone()]);
        }
        let label: Arc<str> = Arc::from(format!("helm chart {rel} (render {})", spec.name));
        match render::run(&binary, &args, dir) {
            Ok(run) => {
                parsed.render_time += run.elapsed;
                let rendered = attribute(&run.stdout, dir, rel, &label);
                parsed.documents.extend(rendered.documents);
                parsed.errors.extend(rendered.errors);
                parsed.skipped.extend(rendered.skipped);
            }
            Err(message) => parsed.errors.push(InputError::new(
                &chart_file,
                0,
                0,
                format!("Helm chart not judged: {label}: {message}"),
            )),
        }
    }
    parsed
}

/// Attributes rendered output read from a stream (`helm template ... | tollgate scan -`): the
/// chart is not known, so each `# Source:` path is looked up from the current directory, then
/// from the repository root; documents whose template cannot be found keep the path helm wrote.
pub fn attribute_stream(stream: &str, settings: &HelmSettings, label: &Arc<str>) -> Parsed {
    let chart_dir = render::chunks(stream).into_iter().find_map(|c| {
        let chart = c.source?.split('/').next()?;
        [&settings.cwd, &settings.root]
            .into_iter()
            .map(|base| base.join(chart))
            .find(|d| d.join("Chart.yaml").is_file())
    });
    match chart_dir {
        Some(dir) => {
            let rel = crate::discover::relative(&settings.root, &dir);
            attribute(stream, &dir, &rel, label)
        }
        None => attribute(stream, &settings.cwd, "", label),
    }
}

/// Parses `helm template` output and attributes each document to its template: the path after
/// the chart's name in `# Source:` is relative to the chart directory (subcharts included).
pub fn attribute(stream: &str, dir: &Path, rel: &str, label: &Arc<str>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut templates: HashMap<String, (Arc<str>, Option<String>, usize)> = HashMap::new();
    let chart_file: Arc<str> = Arc::from(format!("{rel}/Chart.yaml").trim_start_matches("./"));
    for chunk in render::chunks(stream) {
        let inner = chunk
            .source
            .and_then(|s| s.split_once('/').map(|(_, rest)| rest.to_string()));
        let (display, text, cursor) = match &inner {
            Some(inner) => {
                let entry = templates.entry(inner.clone()).or_insert_with(|| {
                    let display = if rel.is_empty() || rel == "." {
                        inner.clone()
                    } else {
                        format!("{rel}/{inner}")
                    };
                    (
                        Arc::from(display),
                        std::fs::read_to_string(dir.join(inner)).ok(),
                        0,
                    )
                });
                (entry.0.clone(), entry.1.clone(), &mut entry.2)
            }
            None => {
                let entry = templates
                    .entry(String::new())
                    .or_insert_with(|| (chart_file.clone(), None, 0));
                (entry.0.clone(), None, &mut entry.2)
            }
        };
        let (lines, first) = match &text {
            Some(template) => render::align(chunk.text, template, &display, cursor),
            None => (Vec::new(), None),
        };
        let fallback = first.unwrap_or(SourcePos {
            file: display.clone(),
            line: 1,
            column: 1,
        });
        let one = render::parse_chunk(&display, chunk.text, lines, fallback, label);
        parsed.documents.extend(one.documents);
        parsed.errors.extend(one.errors);
        // A template that renders to nothing but comments is not a finding.
        parsed.skipped.extend(
            one.skipped
                .into_iter()
                .filter(|s| !s.reason.starts_with("no Kubernetes manifest")),
        );
    }
    parsed
}
