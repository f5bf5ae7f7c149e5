//! Kubernetes manifests: every document of a YAML/JSON stream with `apiVersion` and `kind`, and
//! every item of a `kind: List`, becomes one [`Document`].
//!
//! Files that are not manifests are skipped with a note; a file that mentions both `apiVersion`
//! and `kind` but does not parse is an error (fail closed), except Helm templates, which are not
//! YAML until rendered and are skipped with a note.

use super::yaml::{self, Node, NodeKind};
use super::{Document, Format, InputError, Locations, Parsed, Skipped};
use regorus::Value;
use std::sync::Arc;

pub fn parse(path: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let looks_like_manifest = text.contains("apiVersion") && text.contains("kind");
    let docs = match yaml::parse_stream(text) {
        Ok(docs) => docs,
        Err(e) => {
            if is_helm_template(text) {
                parsed.skipped.push(skip(
                    path,
                    "Helm template (render it with `helm template` to scan)",
                ));
            } else if looks_like_manifest {
                parsed.errors.push(InputError::new(
                    path,
                    e.line,
                    e.column,
                    format!("invalid YAML: {}", e.message),
                ));
            } else {
                parsed.skipped.push(skip(
                    path,
                    "not a Kubernetes manifest (YAML does not parse)",
                ));
            }
            return parsed;
        }
    };
    let path: Arc<str> = Arc::from(path);
    let source: Arc<str> = Arc::from(text);
    let mut literals = Vec::new();
    for doc in &docs {
        yaml::literal_lines(&doc.root, &mut literals);
    }
    let literals: Arc<[(u32, u32)]> = Arc::from(literals);
    let mut non_manifests = 0;
    for doc in &docs {
        match manifest_kind(&doc.root) {
            Some("List") => match doc.root.get("items").map(|n| &n.kind) {
                Some(NodeKind::Seq(items)) => {
                    for item in items {
                        if manifest_kind(item).is_some() {
                            push_document(&mut parsed, &path, &source, &literals, item);
                        } else {
                            non_manifests += 1;
                        }
                    }
                }
                _ => push_document(&mut parsed, &path, &source, &literals, &doc.root),
            },
            Some(_) => push_document(&mut parsed, &path, &source, &literals, &doc.root),
            None => {
                if !is_empty(&doc.root) {
                    non_manifests += 1;
                }
            }
        }
    }
    if !parsed.errors.is_empty() && is_helm_template(text) {
        return Parsed {
            skipped: vec![skip(
                &path,
                "Helm template (render it with `helm template` to scan)",
            )],
            ..Parsed::default()
        };
    }
    if parsed.documents.is_empty() && parsed.errors.is_empty() {
        parsed.skipped.push(skip(
            &path,
            "no Kubernetes manifest (no document with `apiVersion` and `kind`)",
        ));
    } else if non_manifests > 0 {
        parsed.skipped.push(skip(
            &path,
            &format!("{non_manifests} document(s) without `apiVersion` and `kind` ignored"),
        ));
    }
    parsed
}

fn push_document(
    parsed: &mut Parsed,
    path: &Arc<str>,
    source: &Arc<str>,
    literals: &Arc<[(u32, u32)]>,
    node: &Node,
) {
    let mut locations = Locations::default();
    match yaml::to_value(node, &mut String::new(), &mut locations) {
        Ok(value) => {
            let resource = resource_name(&value);
            parsed.documents.push(Document {
                path: path.clone(),
                format: Format::Kubernetes,
                index: parsed.documents.len(),
                value,
                locations,
                span: node.span,
                resource: Some(resource),
                module: None,
                source: source.clone(),
                literal_lines: literals.clone(),
            });
        }
        Err(e) => parsed
            .errors
            .push(InputError::new(path, e.line, e.column, e.message)),
    }
}

fn manifest_kind(node: &Node) -> Option<&str> {
    let kind = node.get("kind")?.as_str()?;
    node.get("apiVersion")?.as_str()?;
    Some(kind)
}

fn is_empty(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Scalar { value, plain: true, .. } if value.is_empty() || value == "~" || value == "null")
}

/// Helm chart templates hold Go template actions; they only become YAML once rendered.
pub fn is_helm_template(text: &str) -> bool {
    text.contains("{{") && text.contains("}}")
}

/// `Kind/namespace/name`, or `Kind/name` for objects without a namespace.
pub fn resource_name(value: &Value) -> String {
    let kind = value["kind"]
        .as_string()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let name = value["metadata"]["name"]
        .as_string()
        .map(|s| s.to_string())
        .or_else(|_| {
            value["metadata"]["generateName"]
                .as_string()
                .map(|s| format!("{s}*"))
        })
        .unwrap_or_else(|_| "<unnamed>".to_string());
    match value["metadata"]["namespace"].as_string() {
        Ok(ns) => format!("{kind}/{ns}/{name}"),
        Err(_) => format!("{kind}/{name}"),
    }
}

/// The kind a manifest holds, for rule prefiltering: `Kind`, and `group/Kind` for kinds of an
/// API group (`argoproj.io/Rollout`, `serving.knative.dev/Service`), so a rule for Knative
/// Services need not run on every core Service.
pub(super) fn types(doc: &Document) -> Option<std::collections::HashSet<String>> {
    let kind = doc.value["kind"].as_string().ok()?;
    let mut types: std::collections::HashSet<String> = std::iter::once(kind.to_string()).collect();
    if let Some((group, _version)) = doc.value["apiVersion"]
        .as_string()
        .ok()
        .and_then(|v| v.split_once('/'))
    {
        types.insert(format!("{group}/{kind}"));
    }
    Some(types)
}

fn skip(path: &str, reason: &str) -> Skipped {
    Skipped {
        path: path.to_string(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_document_and_list_items() {
        let text = "apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: x}\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n    spec:\n      hostPID: true\n";
        let parsed = parse("m.yaml", text);
        assert!(parsed.errors.is_empty());
        let names: Vec<_> = parsed
            .documents
            .iter()
            .map(|d| d.resource.clone().unwrap())
            .collect();
        assert_eq!(names, ["Service/x/a", "Pod/p"]);
        let pod = &parsed.documents[1];
        assert_eq!(pod.locations.get("/spec/hostPID").unwrap().line, 13);
        assert_eq!(pod.span.line, 8);
    }

    #[test]
    fn malformed_manifest_is_an_error_with_position() {
        let parsed = parse(
            "bad.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n",
        );
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].line >= 4, "{:?}", parsed.errors[0]);
    }

    #[test]
    fn helm_templates_and_other_yaml_are_skipped() {
        let helm = parse(
            "t.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include \"x\" . | nindent 4 }}\n",
        );
        assert!(helm.errors.is_empty());
        assert!(helm.skipped[0].reason.contains("Helm"));
        let other = parse("ci.yml", "on: push\njobs: {}\n");
        assert!(other.documents.is_empty() && other.errors.is_empty());
        assert_eq!(other.skipped.len(), 1);
    }
}
