//! Mapping a rule result to a source line and a resource address, through the document's own
//! location index and resource lookups: no format knowledge here.

use crate::input::{Document, PathSeg, Span};
use regorus::Value;

pub struct Location {
    pub span: Span,
    pub resource: String,
}

pub fn locate(doc: &Document, object: Option<&Value>, message: &str) -> Location {
    let hint_path = object.and_then(|o| path_of(&o["path"]).or_else(|| path_of(&o["_loc"])));
    if let Some(path) = hint_path {
        if let Some((span, _)) = doc.locations.lookup(&path) {
            return Location {
                span,
                resource: doc.resource_at(&path),
            };
        }
    }
    if let Some(line) = object.and_then(|o| {
        o["_loc"]["line"]
            .as_u64()
            .or_else(|_| o["_loc"]["row"].as_u64())
            .ok()
    }) {
        let line = line as u32;
        return Location {
            span: Span::new(line, 1, line),
            resource: doc.default_resource(),
        };
    }
    if let Some(address) = object.and_then(|o| o["resource"].as_string().ok()) {
        if let Some((resource, span)) = doc.find_resource(|a| a == address.as_ref()) {
            return Location { span, resource };
        }
        return Location {
            span: doc.span,
            resource: address.to_string(),
        };
    }
    // A bare string: the first resource the message names, else the document.
    if let Some((resource, span)) = doc.find_resource(|a| mentions(message, a)) {
        return Location { span, resource };
    }
    Location {
        span: Span::new(doc.span.line, doc.span.column.max(1), doc.span.end_line),
        resource: doc.default_resource(),
    }
}

/// Does `message` mention `address` as a whole word (so `aws_s3_bucket.a` does not match `.ab`)?
fn mentions(message: &str, address: &str) -> bool {
    message.match_indices(address).any(|(i, _)| {
        let after = message[i + address.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

/// A path hint: an array of keys and indices (as `walk` yields), a JSON pointer
/// (`/spec/containers/1/securityContext`) or a dotted path (`spec.containers[1].securityContext`).
fn path_of(v: &Value) -> Option<Vec<PathSeg>> {
    if let Value::String(s) = v {
        return parse_path_string(s);
    }
    let Value::Array(items) = v else { return None };
    items
        .iter()
        .map(|i| match i {
            Value::String(s) => Some(PathSeg::Key(s.to_string())),
            Value::Number(_) => i.as_u64().ok().map(|n| PathSeg::Index(n as usize)),
            _ => None,
        })
        .collect()
}

/// Parses a JSON pointer or a dotted path with `[index]` and `["key"]` segments.
fn parse_path_string(s: &str) -> Option<Vec<PathSeg>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(pointer) = s.strip_prefix('/') {
        return Some(
            pointer
                .split('/')
                .map(|seg| {
                    let key = seg.replace("~1", "/").replace("~0", "~");
                    match key.parse::<usize>() {
                        Ok(i) => PathSeg::Index(i),
                        Err(_) => PathSeg::Key(key),
                    }
                })
                .collect(),
        );
    }
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inner = after[..end].trim();
            let quoted = inner
                .strip_prefix('"')
                .and_then(|x| x.strip_suffix('"'))
                .or_else(|| inner.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')));
            out.push(match quoted {
                Some(key) => PathSeg::Key(key.to_string()),
                None => PathSeg::Index(inner.parse().ok()?),
            });
            rest = &after[end + 1..];
        } else {
            let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
            if end == 0 {
                return None;
            }
            out.push(PathSeg::Key(rest_trimmed[..end].to_string()));
            rest = &rest_trimmed[end..];
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::kubernetes;
    use crate::input::terraform::{SourceFile, parse_module};

    fn tf(text: &str) -> Document {
        let file = SourceFile {
            path: "main.tf".into(),
            text: text.into(),
            judge: true,
        };
        parse_module(&[file], &[]).documents.remove(0)
    }

    const TF: &str = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"x\"\n  acl    = \"public-read\"\n}\n\nresource \"aws_s3_bucket\" \"logs_b\" {\n  bucket = \"y\"\n}\n";

    #[test]
    fn a_path_hint_lands_on_the_value_and_names_its_resource() {
        let doc = tf(TF);
        let hint =
            Value::from_json_str(r#"{"path": ["resource", "aws_s3_bucket", "logs", 0, "acl"]}"#)
                .unwrap();
        let l = locate(&doc, Some(&hint), "m");
        assert_eq!(
            (l.span.line, l.resource.as_str()),
            (3, "aws_s3_bucket.logs")
        );
        // A path to a missing attribute falls back to its longest existing prefix.
        let missing = Value::from_json_str(
            r#"{"path": ["resource", "aws_s3_bucket", "logs_b", 0, "versioning"]}"#,
        )
        .unwrap();
        let l = locate(&doc, Some(&missing), "m");
        assert_eq!(
            (l.span.line, l.resource.as_str()),
            (6, "aws_s3_bucket.logs_b")
        );
    }

    #[test]
    fn line_hints_resource_hints_and_messages() {
        let doc = tf(TF);
        let line = Value::from_json_str(r#"{"_loc": {"line": 7}}"#).unwrap();
        assert_eq!(locate(&doc, Some(&line), "m").span.line, 7);
        let resource = Value::from_json_str(r#"{"resource": "aws_s3_bucket.logs_b"}"#).unwrap();
        assert_eq!(locate(&doc, Some(&resource), "m").span.line, 6);
        // A bare message names a resource as a whole word: `logs` is not `logs_b`.
        let l = locate(&doc, None, "bucket aws_s3_bucket.logs_b is public");
        assert_eq!(
            (l.span.line, l.resource.as_str()),
            (6, "aws_s3_bucket.logs_b")
        );
        let l = locate(&doc, None, "bucket aws_s3_bucket.logs is public");
        assert_eq!(
            (l.span.line, l.resource.as_str()),
            (1, "aws_s3_bucket.logs")
        );
        // Nothing to go on: the document's first line and the file.
        let l = locate(&doc, None, "something");
        assert_eq!((l.span.line, l.resource.as_str()), (1, "main.tf"));
    }

    #[test]
    fn path_hints_as_pointers_and_dotted_strings() {
        let parsed = kubernetes::parse(
            "k.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n    - name: b\n      securityContext:\n        privileged: true\n",
        );
        let doc = &parsed.documents[0];
        for hint in [
            r#"{"path": "/spec/containers/1/securityContext/privileged"}"#,
            r#"{"path": "spec.containers[1].securityContext.privileged"}"#,
            r#"{"path": "spec[\"containers\"][1].securityContext"}"#,
        ] {
            let hint = Value::from_json_str(hint).unwrap();
            let l = locate(doc, Some(&hint), "m");
            assert!(l.span.line >= 8, "{hint:?}: {}", l.span.line);
        }
    }

    #[test]
    fn kubernetes_findings_name_the_manifest() {
        let parsed = kubernetes::parse(
            "k.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\nspec:\n  hostPID: true\n",
        );
        let doc = &parsed.documents[0];
        let hint = Value::from_json_str(r#"{"path": ["spec", "hostPID"]}"#).unwrap();
        let l = locate(doc, Some(&hint), "m");
        assert_eq!((l.span.line, l.resource.as_str()), (5, "Pod/ns/p"));
        assert_eq!(locate(doc, None, "m").span.line, 1);
    }
}
