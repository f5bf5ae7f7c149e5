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

/// The inline suppressions one document sees — its file's comments (shared by all the file's
/// documents, in anchor order) and its own annotations — and how many of its findings each
/// matched. Matches are counted sparsely and suppressions found by their anchor line: a file of
/// 20,000 documents, each with its own suppression, must not give every document a copy of (or a
/// counter for) all 20,000 — that took 242 s and 14 GB.
pub struct Scope<'a> {
    comments: &'a [Anchored],
    annotations: Vec<Anchored>,
    /// (index — the comments', then `comments.len()` + the annotations' —, matches); few entries.
    /// In a cell: a match is counted while the suppressions are still being looked through.
    matched: std::cell::RefCell<Vec<(usize, usize)>>,
}

impl<'a> Scope<'a> {
    /// `comments` as [`comments`] returns them (ordered by anchor line).
    pub fn new(comments: &'a [Anchored], annotations: Vec<Anchored>) -> Scope<'a> {
        debug_assert!(comments.is_sorted_by_key(|a| a.anchor_line));
        Scope {
            comments,
            annotations,
            matched: Default::default(),
        }
    }

    /// The suppressions anchored at `line` (comments first, in file order), with their index.
    pub fn at(&self, line: u32) -> impl Iterator<Item = (usize, &Anchored)> {
        let start = self.comments.partition_point(|a| a.anchor_line < line);
        let end = start + self.comments[start..].partition_point(|a| a.anchor_line <= line);
        let offset = self.comments.len();
        (start..end).map(|i| (i, &self.comments[i])).chain(
            self.annotations
                .iter()
                .enumerate()
                .filter(move |(_, a)| a.anchor_line == line)
                .map(move |(i, a)| (offset + i, a)),
        )
    }

    /// One more finding matched the suppression at `index` (as [`at`](Self::at) gave it).
    pub fn count(&self, index: usize) {
        let mut matched = self.matched.borrow_mut();
        match matched.iter_mut().find(|(i, _)| *i == index) {
            Some((_, n)) => *n += 1,
            None => matched.push((index, 1)),
        }
    }

    /// What the document's findings matched.
    pub fn into_counts(self) -> Counts {
        let offset = self.comments.len();
        let mut annotations: Vec<(Exception, usize)> = self
            .annotations
            .into_iter()
            .map(|a| (a.exception, 0))
            .collect();
        let mut comments = Vec::new();
        for (i, n) in self.matched.into_inner() {
            match i.checked_sub(offset) {
                Some(j) => annotations[j].1 += n,
                None => comments.push((i, n)),
            }
        }
        Counts {
            comments,
            annotations,
        }
    }
}

/// What one document's findings matched of the suppressions it saw.
#[derive(Debug, Default)]
pub struct Counts {
    /// The file's comments matched: (index into them, findings matched); only those matched.
    pub comments: Vec<(usize, usize)>,
    /// The document's own suppressions (annotations), each with the findings it matched.
    pub annotations: Vec<(Exception, usize)>,
}

/// Finds the inline suppressions of a document: its file's comments and, for Kubernetes, its
/// annotation. Errors name file, line and column.
pub fn suppressions(doc: &Document, limits: Limits) -> Result<Vec<Anchored>, InputError> {
    let mut out = comments(doc, limits)?;
    out.extend(annotations(doc, limits)?);
    Ok(out)
}

/// The `tollgate:ignore` comments of the document's file: the same for every document of the
/// file, so callers read them once per file (a file of 20,000 documents must not be re-read
/// 20,000 times). Only real comments count: a marker inside a block scalar or heredoc is data.
/// Ordered by anchor line (then by line), as [`Scope`] looks them up.
pub fn comments(doc: &Document, limits: Limits) -> Result<Vec<Anchored>, InputError> {
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
            if doc.in_literal(line_no) {
                continue;
            }
            let code_before = !line[..comment].trim().is_empty();
            // A trailing comment anchors to its own line; a comment line to the next line that
            // is not a comment. A document separator (`---`) ends the comment's reach: a
            // suppression never applies to the next document.
            let anchor = if code_before {
                line_no
            } else {
                let next = lines[i + 1..]
                    .iter()
                    .position(|l| {
                        let t = l.trim();
                        !(t.starts_with('#') || t.starts_with("//"))
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
    // Already in order as read (an anchor is never before the previous one's); stable either way.
    out.sort_by_key(|a| a.anchor_line);
    Ok(out)
}

/// The `tollgate.dev/ignore` annotation of a Kubernetes document.
pub fn annotations(doc: &Document, limits: Limits) -> Result<Vec<Anchored>, InputError> {
    let mut out = Vec::new();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::input::kubernetes;
    use crate::input::terraform::{SourceFile, parse_module};

    fn limits() -> Limits {
        Limits {
            today: Date::parse("2026-11-30").unwrap(),
            max_days: 90,
        }
    }

    fn tf(text: &str) -> Document {
        let file = SourceFile {
            path: "main.tf".into(),
            text: text.into(),
            judge: true,
        };
        parse_module(&[file], &[]).documents.remove(0)
    }

    #[test]
    fn comment_lines_anchor_to_the_next_code_line_and_trailing_comments_to_their_own() {
        let doc = tf(
            "# tollgate:ignore TG-1 until=2026-12-15 reason=\"site\"\n# another comment\nresource \"a\" \"b\" {\n  acl = \"x\" # tollgate:ignore TG-2 until=2026-12-15 reason=\"r\"\n}\n",
        );
        let found = suppressions(&doc, limits()).unwrap();
        let anchors: Vec<(u32, &str)> = found
            .iter()
            .map(|a| (a.anchor_line, a.exception.rules[0].as_str()))
            .collect();
        assert_eq!(anchors, [(3, "TG-1"), (4, "TG-2")]);
        assert_eq!(found[0].exception.source, "main.tf:1");
        assert_eq!(found[0].exception.origin, Origin::Comment);
    }

    #[test]
    fn markers_inside_strings_are_not_suppressions() {
        let doc = tf("resource \"a\" \"b\" {\n  description = \"see # tollgate:ignore X\"\n}\n");
        assert!(suppressions(&doc, limits()).unwrap().is_empty());
    }

    #[test]
    fn annotations_anchor_to_the_manifest_and_errors_name_the_line() {
        let parsed = kubernetes::parse(
            "k.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    tollgate.dev/ignore: TG-K8S-002 until=2026-12-20 reason=\"agent\"\n",
        );
        let found = suppressions(&parsed.documents[0], limits()).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].anchor_line, 1);
        assert_eq!(found[0].exception.origin, Origin::Annotation);
        // A suppression without an expiry is an error at its line, never "forever".
        let doc = tf("# tollgate:ignore TG-1 reason=\"no expiry\"\nresource \"a\" \"b\" {}\n");
        let err = suppressions(&doc, limits()).unwrap_err();
        assert_eq!((err.line, err.column), (1, 3));
        assert!(err.message.contains("until"), "{err}");
    }
}
