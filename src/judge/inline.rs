//! Inline suppressions: a `# tollgate:ignore RULE until=DATE reason="..."` comment on a resource's
//! (or manifest's) first line or in the comment lines directly above it, and for Kubernetes the
//! `tollgate.dev/ignore` annotation. Same rules as the exceptions file: reason and expiry required.

use super::exceptions::{ANNOTATION, Exception, INLINE_MARKER, Limits, Origin, parse_inline};
use crate::input::{Document, Format, InputError};

/// An inline suppression and the line of the resource it applies to.
#[derive(Debug, Clone)]
pub struct Anchored {
    pub anchor_line: u32,
    pub exception: Exception,
}

/// Finds the inline suppressions in a document's file. Errors name file, line and column.
pub fn suppressions(doc: &Document, limits: Limits) -> Result<Vec<Anchored>, InputError> {
    let mut out = Vec::new();
    if doc.source.contains(INLINE_MARKER) {
        let lines: Vec<&str> = doc.source.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(marker) = line.find(INLINE_MARKER) else {
                continue;
            };
            let Some(comment) = comment_start(line) else {
                continue;
            };
            if comment > marker {
                continue;
            }
            let line_no = i as u32 + 1;
            let code_before = !line[..comment].trim().is_empty();
            // A trailing comment anchors to its own line; a comment line to the next code line.
            let anchor = if code_before {
                line_no
            } else {
                let next = lines[i + 1..]
                    .iter()
                    .position(|l| {
                        let t = l.trim();
                        !(t.starts_with('#') || t.starts_with("//") || t == "---")
                    })
                    .map(|p| i + 1 + p + 1);
                match next {
                    Some(n) => n as u32,
                    None => continue,
                }
            };
            let spec = &line[marker + INLINE_MARKER.len()..];
            let spec = spec.trim_end().trim_end_matches("*/");
            let source = format!("{}:{line_no}", doc.path);
            let exception = parse_inline(spec, source, Origin::Comment, limits).map_err(|m| {
                InputError::new(
                    &doc.path,
                    line_no,
                    marker as u32 + 1,
                    format!("invalid inline suppression: {m}"),
                )
            })?;
            out.push(Anchored {
                anchor_line: anchor,
                exception,
            });
        }
    }
    if doc.format == Format::Kubernetes {
        if let Ok(value) = doc.value["metadata"]["annotations"][ANNOTATION].as_string() {
            let line = doc
                .locations
                .get(&format!(
                    "/metadata/annotations/{}",
                    ANNOTATION.replace('~', "~0").replace('/', "~1")
                ))
                .map_or(doc.span.line, |s| s.line);
            for spec in value.split(['\n', ';']).filter(|s| !s.trim().is_empty()) {
                let source = format!("{}:{line}", doc.path);
                let exception =
                    parse_inline(spec, source, Origin::Annotation, limits).map_err(|m| {
                        InputError::new(
                            &doc.path,
                            line,
                            1,
                            format!("invalid `{ANNOTATION}` annotation: {m}"),
                        )
                    })?;
                out.push(Anchored {
                    anchor_line: doc.span.line,
                    exception,
                });
            }
        }
    }
    Ok(out)
}

/// Byte offset where a comment starts (`#` or `//` outside double quotes), if any.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_quotes = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_quotes => i += 1,
            b'"' => in_quotes = !in_quotes,
            b'#' if !in_quotes => return Some(i),
            b'/' if !in_quotes && bytes.get(i + 1) == Some(&b'/') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}
