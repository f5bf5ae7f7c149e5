//! What rendered input (Helm charts, Kustomize overlays, rendered output on standard input) has in
//! common: running the real renderer, and a [`LineMap`] that carries each rendered line back to
//! the source file and line a developer edits.
//!
//! The rendered documents are parsed like any manifest; only their locations are translated, when
//! a finding is made. This module knows renderers' output conventions, not policies.

use super::{Document, Locations, Parsed, kubernetes};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A position in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePos {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

/// From lines of a rendered document to the source lines that produced them.
#[derive(Debug)]
pub struct LineMap {
    /// Per rendered line (index 0 is line 1): its source position, when one was found.
    lines: Vec<Option<SourcePos>>,
    /// Where findings on lines without a counterpart land: the resource's first line in its
    /// source, else the renderer's entry file (`Chart.yaml`, `kustomization.yaml`).
    pub fallback: SourcePos,
    /// The rendered text, to show the value as rendered.
    pub rendered: Arc<str>,
    /// The render, as reports name it (`helm chart charts/web (render prod)`).
    pub label: Arc<str>,
}

impl LineMap {
    /// The source position of a rendered line, and whether it is exact.
    pub fn map(&self, line: u32) -> (SourcePos, bool) {
        match self
            .lines
            .get(line.saturating_sub(1) as usize)
            .cloned()
            .flatten()
        {
            Some(pos) => (pos, true),
            None => (self.fallback.clone(), false),
        }
    }

    /// A rendered line's text, trimmed.
    pub fn rendered_line(&self, line: u32) -> Option<&str> {
        self.rendered
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .map(str::trim)
    }
}

/// Output of a renderer run.
pub(super) struct Run {
    pub stdout: String,
    pub elapsed: Duration,
}

/// Runs a renderer; its failure is a message that names the command and what it printed.
pub(super) fn run(program: &Path, args: &[String], cwd: &Path) -> Result<Run, String> {
    let started = Instant::now();
    let output = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", program.display()))?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let detail: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(without_log_header)
            .take(6)
            .collect();
        return Err(format!(
            "`{} {}` failed ({}): {}",
            program.display(),
            args.join(" "),
            output.status,
            detail.join(" / ")
        ));
    }
    let stdout = String::from_utf8(output.stdout)
        .map_err(|_| format!("`{}` printed text that is not UTF-8", program.display()))?;
    Ok(Run { stdout, elapsed })
}

/// A stderr line without the header Kubernetes' logger (klog) puts before it, `E1130
/// 20:20:17.445237   20368 run.go:72] `: its time and process id would make two runs' reports
/// differ.
fn without_log_header(line: &str) -> &str {
    let b = line.as_bytes();
    let klog = b.len() > 21
        && matches!(b[0], b'I' | b'W' | b'E' | b'F')
        && b[1..5].iter().all(u8::is_ascii_digit)
        && b[5] == b' '
        && b[6..8].iter().all(u8::is_ascii_digit)
        && b[8] == b':'
        && b[11] == b':';
    match line.split_once("] ") {
        Some((header, rest)) if klog && !header[6..].contains('"') => rest,
        _ => line,
    }
}

/// Finds a program on PATH.
pub(super) fn which(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// One document of a rendered stream: its text and the `# Source:` path helm wrote above it.
pub(super) struct Chunk<'a> {
    pub source: Option<&'a str>,
    pub text: &'a str,
}

/// Splits a rendered stream at document separators, keeping helm's `# Source: PATH` comments.
pub(super) fn chunks(stream: &str) -> Vec<Chunk<'_>> {
    fn push<'a>(text: &'a str, out: &mut Vec<Chunk<'a>>) {
        if text.trim().is_empty() {
            return;
        }
        let source = text
            .lines()
            .find_map(|l| l.strip_prefix("# Source: "))
            .map(str::trim);
        out.push(Chunk { source, text });
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in stream.split_inclusive('\n') {
        let end = offset + line.len();
        if line.trim_end() == "---" || line.starts_with("--- ") {
            push(&stream[start..offset], &mut out);
            start = end;
        }
        offset = end;
    }
    push(&stream[start..], &mut out);
    out
}

/// The mapping key a YAML line sets (`privileged` for `  - privileged: {{ x }}`), if any.
fn key_of(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let t = t.strip_prefix("- ").map(str::trim_start).unwrap_or(t);
    if t.starts_with('#') || t.starts_with("{{") {
        return None;
    }
    let (k, _) = t.split_once(':')?;
    let k = k.trim().trim_matches('"').trim_matches('\'');
    (!k.is_empty() && !k.contains(' ') && !k.contains("{{")).then_some(k)
}

/// Aligns the lines of a rendered document with the template that produced it, by the keys
/// they set, in order (a key not found ahead is looked for behind, for `range` loops). Lines
/// with no key in common (template output of `include`, values) have no counterpart.
/// `cursor` is where this document's template lines start (a template may hold several).
pub(super) fn align(
    rendered: &str,
    template: &str,
    file: &Arc<str>,
    cursor: &mut usize,
) -> (Vec<Option<SourcePos>>, Option<SourcePos>) {
    let template_lines: Vec<&str> = template.lines().collect();
    let keys: Vec<Option<&str>> = template_lines.iter().map(|l| key_of(l)).collect();
    let pos = |t: usize| SourcePos {
        file: file.clone(),
        line: t as u32 + 1,
        column: (template_lines[t].len() - template_lines[t].trim_start().len()) as u32 + 1,
    };
    let mut first: Option<SourcePos> = None;
    let mut out = Vec::new();
    for line in rendered.lines() {
        let Some(key) = key_of(line) else {
            out.push(None);
            continue;
        };
        let ahead = (*cursor..keys.len()).find(|&t| keys[t] == Some(key));
        let found = match ahead {
            Some(t) => {
                *cursor = t + 1;
                Some(t)
            }
            None => (0..(*cursor).min(keys.len()))
                .rev()
                .find(|&t| keys[t] == Some(key)),
        };
        let mapped = found.map(pos);
        if first.is_none() {
            first.clone_from(&mapped);
        }
        out.push(mapped);
    }
    (out, first)
}

/// Parses one rendered document as a manifest at `display` and attaches its line map.
pub(super) fn parse_chunk(
    display: &str,
    text: &str,
    lines: Vec<Option<SourcePos>>,
    fallback: SourcePos,
    label: &Arc<str>,
) -> Parsed {
    let mut parsed = kubernetes::parse(display, text);
    let map = Arc::new(LineMap {
        lines,
        fallback,
        rendered: Arc::from(text),
        label: label.clone(),
    });
    for doc in &mut parsed.documents {
        doc.line_map = Some(map.clone());
    }
    parsed
}

/// Every pointer of a document's locations with its span, sorted by line.
pub(super) fn pointers(locations: &Locations) -> Vec<(String, super::Span)> {
    let mut all: Vec<(String, super::Span)> =
        locations.iter().map(|(p, s)| (p.to_string(), s)).collect();
    all.sort_by_key(|(p, s)| (s.line, p.len()));
    all
}

/// Documents grouped by kind and name, for matching rendered objects with their sources.
pub(super) fn by_kind_and_name(docs: &[Document]) -> HashMap<(String, String), Vec<&Document>> {
    let mut map: HashMap<(String, String), Vec<&Document>> = HashMap::new();
    for d in docs {
        let kind = d.value["kind"]
            .as_string()
            .map(|s| s.to_string())
            .unwrap_or_default();
        let name = d.value["metadata"]["name"]
            .as_string()
            .map(|s| s.to_string())
            .unwrap_or_default();
        map.entry((kind, name)).or_default().push(d);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn klog_headers_leave_renderer_errors_so_reports_do_not_change_between_runs() {
        let line = "E1130 20:20:17.445237   20368 run.go:72] \"command failed\" err=\"x] y\"";
        assert_eq!(without_log_header(line), "\"command failed\" err=\"x] y\"");
        for kept in [
            "Error: accumulating resources: [a] b",
            "E1130 is not a header] really",
            "short] x",
            "",
        ] {
            assert_eq!(without_log_header(kept), kept);
        }
    }

    #[test]
    fn chunks_keep_their_helm_source() {
        let stream = "---\n# Source: web/templates/svc.yaml\napiVersion: v1\nkind: Service\n---\n# Source: web/templates/dep.yaml\napiVersion: apps/v1\nkind: Deployment\n";
        let c = chunks(stream);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].source, Some("web/templates/svc.yaml"));
        assert_eq!(c[1].source, Some("web/templates/dep.yaml"));
        assert!(c[1].text.contains("kind: Deployment"));
    }

    #[test]
    fn rendered_lines_align_with_the_template_keys_that_produced_them() {
        let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include \"labels\" . | nindent 4 }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: {{ .Values.privileged }}\n";
        let rendered = "# Source: web/templates/dep.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: r\n  labels:\n    app: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: true\n";
        let file: Arc<str> = Arc::from("charts/web/templates/dep.yaml");
        let (lines, first) = align(rendered, template, &file, &mut 0);
        let line_of = |rendered_line: usize| lines[rendered_line - 1].as_ref().map(|p| p.line);
        assert_eq!(line_of(14), Some(13), "privileged");
        assert_eq!(line_of(5), Some(4), "name");
        assert_eq!(line_of(7), None, "output of include");
        assert_eq!(first.unwrap().line, 1);
    }
}
