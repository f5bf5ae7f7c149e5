//! Kubernetes manifests: every document of a YAML/JSON stream with `apiVersion` and `kind`, and
//! every item of a `kind: List`, becomes one [`Document`].
//!
//! Files that are not manifests are skipped with a note; a file that does not parse is an error
//! (fail closed). Helm templates never come here: charts are rendered first.

use super::yaml::{self, Node, NodeKind};
use super::{Document, Format, InputError, Locations, Parsed, Skipped};
use regorus::Value;
use std::sync::Arc;

pub fn parse(path: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    if let Some(e) = unicode_line_break(path, text) {
        parsed.errors.push(e);
        return parsed;
    }
    let docs = match yaml::parse_stream(text) {
        Ok(docs) => docs,
        Err(e) => {
            // Only files under a chart's `templates/` are Helm templates, and those are rendered,
            // never read here: anything else that does not parse cannot be judged.
            let hint = if is_helm_template(text) {
                " (Go template actions outside a Helm chart's templates/: render it and scan the output, e.g. `... | tollgate scan -`)"
            } else {
                ""
            };
            parsed.errors.push(InputError::new(
                path,
                e.line,
                e.column,
                format!("invalid YAML: {}{hint}", e.message),
            ));
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
            // `List`, `PodList`, `DeploymentList`...: kubectl applies every item.
            Some(kind) if kind.ends_with("List") && doc.root.get("items").is_some() => {
                match doc.root.get("items").map(|n| &n.kind) {
                    Some(NodeKind::Seq(items)) => {
                        for item in items {
                            if manifest_kind(item).is_some() {
                                push_document(&mut parsed, &path, &source, &literals, item);
                            } else {
                                non_manifests += 1;
                            }
                        }
                    }
                    Some(NodeKind::Scalar {
                        value, plain: true, ..
                    }) if value.is_empty() || value == "~" || value == "null" => {}
                    _ => parsed.errors.push(InputError::new(
                        &path,
                        doc.root.span.line,
                        doc.root.span.column,
                        format!("`{kind}` whose `items` is not a list"),
                    )),
                }
            }
            Some(_) => push_document(&mut parsed, &path, &source, &literals, &doc.root),
            None => {
                if !is_empty(&doc.root) {
                    non_manifests += 1;
                }
            }
        }
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

/// Kubernetes' YAML reader (go-yaml v2) treats U+0085, U+2028 and U+2029 as line breaks
/// everywhere, comments included, so text after one in a "comment" is live YAML to kubectl. YAML
/// 1.2 readers do not; rather than guess, such a file is an error.
fn unicode_line_break(path: &str, text: &str) -> Option<InputError> {
    let (offset, c) = text
        .char_indices()
        .find(|(_, c)| matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))?;
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    Some(InputError::new(
        path,
        line,
        column,
        format!(
            "U+{:04X}, which Kubernetes' YAML reader treats as a line break (so text after it, even in a comment, is read as YAML) and tollgate's does not: remove it, or write it as an escape in a quoted string",
            c as u32
        ),
    ))
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
                module_resources: None,
                module_links: None,
                source: source.clone(),
                literal_lines: literals.clone(),
                line_map: None,
                manifests: None,
                instance: None,
                resource_keys: None,
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
    fn templates_outside_a_chart_are_errors_and_other_yaml_is_skipped() {
        let helm = parse(
            "t.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include \"x\" . | nindent 4 }}\n",
        );
        assert_eq!(helm.errors.len(), 1);
        assert!(
            helm.errors[0].message.contains("Helm chart"),
            "{:?}",
            helm.errors
        );
        let other = parse("ci.yml", "on: push\njobs: {}\n");
        assert!(other.documents.is_empty() && other.errors.is_empty());
        assert_eq!(other.skipped.len(), 1);
    }

    fn privileged(parsed: &Parsed) -> Value {
        parsed.documents[0].value["spec"]["containers"][0]["securityContext"]["privileged"].clone()
    }

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      securityContext:\n";

    #[test]
    fn reads_yaml_as_the_api_server_does() {
        // A merge key overwrites what came before it in the mapping (go-yaml v2).
        let merged = parse(
            "m.yaml",
            &format!("{POD}        privileged: false\n        <<: {{privileged: true}}\n"),
        );
        assert_eq!(
            privileged(&merged),
            Value::from(true),
            "{:?}",
            merged.errors
        );
        // ... and keys after it overwrite what it merged.
        let after = parse(
            "m.yaml",
            &format!("{POD}        <<: {{privileged: true}}\n        privileged: false\n"),
        );
        assert_eq!(privileged(&after), Value::from(false));
        // Verbatim and shorthand tags of the YAML namespace are one tag.
        let verbatim = parse(
            "v.yaml",
            &format!("{POD}        privileged: !<tag:yaml.org,2002:bool> true\n"),
        );
        assert_eq!(
            privileged(&verbatim),
            Value::from(true),
            "{:?}",
            verbatim.errors
        );
        // !!binary is decoded: `UG9k` is `Pod`.
        let binary = parse(
            "b.yaml",
            "apiVersion: v1\nkind: !!binary UG9k\nmetadata: {name: p}\n",
        );
        assert_eq!(binary.documents[0].resource.as_deref(), Some("Pod/p"));
        // Any *List expands like List.
        let list = parse(
            "l.yaml",
            "apiVersion: v1\nkind: PodList\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n",
        );
        assert_eq!(list.documents[0].resource.as_deref(), Some("Pod/a"));
    }

    #[test]
    fn what_the_api_server_might_read_differently_is_an_error() {
        // go-yaml treats U+2028 as a line break even inside a comment.
        for sep in ['\u{2028}', '\u{2029}', '\u{85}'] {
            let text =
                format!("{POD}        # note{sep}privileged: true\n        privileged: false\n");
            let parsed = parse("s.yaml", &text);
            assert_eq!(parsed.errors.len(), 1, "{sep:?}");
            assert_eq!(parsed.errors[0].line, 9);
        }
        // A tag whose resolution we cannot be sure of.
        let custom = parse(
            "c.yaml",
            &format!("{POD}        privileged: !custom true\n"),
        );
        assert_eq!(custom.errors.len(), 1);
        let bad_bool = parse(
            "c.yaml",
            &format!("{POD}        privileged: !!bool maybe\n"),
        );
        assert_eq!(bad_bool.errors.len(), 1);
    }
}
