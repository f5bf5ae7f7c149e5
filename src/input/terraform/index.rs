//! Module-wide indexes, built once per module instance and shared by all its documents. Rules that
//! relate resources across files (a bucket and its `aws_s3_bucket_*` companions) read them from
//! `data`: computed in Rego for every document, a module of 2,000 buckets was quadratic.

use regex::Regex;
use regorus::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The module's managed resources by type, each as `{type, name, address, body, path}` (the shape of
/// `tollgate.lib.terraform.resources`): `data.tollgate.module_resources`.
pub(super) fn resources(module: &Value) -> Value {
    let mut by_type: BTreeMap<Value, Value> = BTreeMap::new();
    let Ok(types) = module["resource"].as_object() else {
        return Value::from(by_type);
    };
    for (t, by_name) in types.iter() {
        let (Ok(type_name), Ok(names)) = (t.as_string(), by_name.as_object()) else {
            continue;
        };
        let mut list = Vec::new();
        for (n, bodies) in names.iter() {
            let (Ok(name), Ok(bodies)) = (n.as_string(), bodies.as_array()) else {
                continue;
            };
            for (i, body) in bodies.iter().enumerate() {
                if !matches!(body, Value::Object(_)) {
                    continue;
                }
                let mut r = BTreeMap::new();
                r.insert(Value::from("type"), Value::from(type_name.as_ref()));
                r.insert(Value::from("name"), Value::from(name.as_ref()));
                r.insert(
                    Value::from("address"),
                    Value::from(format!("{type_name}.{name}")),
                );
                r.insert(Value::from("body"), body.clone());
                r.insert(
                    Value::from("path"),
                    Value::from(vec![
                        Value::from("resource"),
                        Value::from(type_name.as_ref()),
                        Value::from(name.as_ref()),
                        Value::from(i as u64),
                    ]),
                );
                list.push(Value::from(r));
            }
        }
        by_type.insert(t.clone(), Value::from(list));
    }
    Value::from(by_type)
}

/// What names what in the module: `data.tollgate.module_links`, read through
/// `tollgate.lib.terraform_module.linked` and friends. For each resource type and each string
/// attribute of its resources (top-level `bucket`, or `logging.target_bucket` inside a nested block):
///
/// - `refs`: address of a resource of the module (or of a data source, `data.<type>.<name>`) the
///   value refers to → the resources that do, in
///   the forms `tf.references` knows (`aws_s3_bucket.b.id`, `aws_s3_bucket.b[0].id`,
///   `aws_s3_bucket.b.*.id`, anywhere in a conditional or `try()`);
/// - `values`: the value itself (a literal name, or an expression's text) → the resources that
///   hold it;
/// - `opaque`: the resources whose value is an expression (not a literal), grouped by the resource
///   types it names (`aws_s3_bucket` for `aws_s3_bucket.b.id` and `data.aws_s3_bucket.b.id`, none
///   for `var.x`, `each.value.id` or a module output), comma-separated. A value that names no
///   resource of a type may stand for any resource of that type: rules give it the benefit of the
///   doubt, and looking up the groups keeps that check independent of the module's size.
///
/// `resources` is the index `resources` built; its entries are shared, not copied.
pub(super) fn links(resources: &Value) -> Value {
    let Ok(by_type) = resources.as_object() else {
        return Value::new_object();
    };
    let addresses: BTreeSet<&str> = by_type
        .values()
        .filter_map(|list| list.as_array().ok())
        .flatten()
        .filter_map(|r| r["address"].as_string().ok().map(|a| a.as_ref()))
        .collect();
    let mut out: BTreeMap<Value, Value> = BTreeMap::new();
    for (type_name, list) in by_type.iter() {
        let Ok(list) = list.as_array() else { continue };
        let mut attrs: BTreeMap<String, Links> = BTreeMap::new();
        for (i, r) in list.iter().enumerate() {
            for (attr, value) in string_attributes(&r["body"]) {
                let links = attrs.entry(attr).or_default();
                let named: BTreeSet<&str> = references(value)
                    .filter(|a| a.starts_with("data.") || addresses.contains(a))
                    .collect();
                if value.contains("${") {
                    let types: Vec<&str> = named_types(value)
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    push_once(links.opaque.entry(types.join(",")).or_default(), i);
                }
                for address in named {
                    push_once(links.refs.entry(address.to_string()).or_default(), i);
                }
                if !value.is_empty() {
                    push_once(links.values.entry(value.to_string()).or_default(), i);
                }
            }
        }
        let attrs: BTreeMap<Value, Value> = attrs
            .into_iter()
            .map(|(attr, links)| (Value::from(attr), links.into_value(list.as_slice())))
            .collect();
        out.insert(type_name.clone(), Value::from(attrs));
    }
    Value::from(out)
}

/// One attribute's links, as positions in the type's resource list.
#[derive(Default)]
struct Links {
    refs: BTreeMap<String, Vec<usize>>,
    values: BTreeMap<String, Vec<usize>>,
    opaque: BTreeMap<String, Vec<usize>>,
}

impl Links {
    fn into_value(self, list: &[Value]) -> Value {
        let resources = |positions: Vec<usize>| -> Value {
            Value::from(
                positions
                    .into_iter()
                    .map(|i| list[i].clone())
                    .collect::<Vec<_>>(),
            )
        };
        let keyed = |m: BTreeMap<String, Vec<usize>>| -> Value {
            Value::from(
                m.into_iter()
                    .map(|(k, v)| (Value::from(k), resources(v)))
                    .collect::<BTreeMap<Value, Value>>(),
            )
        };
        let mut o = BTreeMap::new();
        o.insert(Value::from("refs"), keyed(self.refs));
        o.insert(Value::from("values"), keyed(self.values));
        o.insert(Value::from("opaque"), keyed(self.opaque));
        Value::from(o)
    }
}

/// A resource naming the same value in two blocks is listed once.
fn push_once(positions: &mut Vec<usize>, i: usize) {
    if positions.last() != Some(&i) {
        positions.push(i);
    }
}

/// The string attributes of a resource body: top-level ones by name, those of nested blocks as
/// `block.attribute` (every block of the type).
fn string_attributes(body: &Value) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let Ok(body) = body.as_object() else {
        return out;
    };
    for (key, value) in body.iter() {
        let Ok(key) = key.as_string() else { continue };
        match value {
            Value::String(s) => out.push((key.to_string(), s.as_ref())),
            Value::Array(blocks) => {
                for block in blocks.iter() {
                    let Ok(block) = block.as_object() else {
                        continue;
                    };
                    for (inner, value) in block.iter() {
                        if let (Ok(inner), Value::String(s)) = (inner.as_string(), value) {
                            out.push((format!("{key}.{inner}"), s.as_ref()));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Candidate addresses an expression's text refers to — resources (`type.name`) and data sources
/// (`data.type.name`): a traversal not preceded by a name character or a dot (so
/// `data.aws_s3_bucket.b` names no managed resource `aws_s3_bucket.b`) and followed by an
/// attribute or an index.
fn references(text: &str) -> impl Iterator<Item = &str> {
    static TRAVERSAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^A-Za-z0-9_.\-])((?:data\.)?[A-Za-z_][A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]+)[.\[]",
        )
        .expect("valid regex")
    });
    let candidates = if text.contains("${") {
        Some(TRAVERSAL.captures_iter(text))
    } else {
        None
    };
    candidates
        .into_iter()
        .flatten()
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
}

/// The resource types (managed or data) an expression's text names: the first part of a
/// traversal, or the second after `data.`; never `var`, `local`, `each` and the other built-in roots.
fn named_types(text: &str) -> impl Iterator<Item = &str> {
    static ROOT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^A-Za-z0-9_.\-])([A-Za-z_][A-Za-z0-9_\-]*)\.([A-Za-z_][A-Za-z0-9_\-]*)")
            .expect("valid regex")
    });
    ROOT.captures_iter(text).filter_map(|c| {
        let (first, second) = (c.get(1)?.as_str(), c.get(2)?.as_str());
        match first {
            "data" => Some(second),
            "var" | "local" | "each" | "count" | "module" | "path" | "terraform" | "self" => None,
            _ => Some(first),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(type_name: &str, name: &str, body: serde_json::Value) -> Value {
        let body: Value = serde_json::from_value(body).unwrap();
        let mut r = BTreeMap::new();
        r.insert(Value::from("type"), Value::from(type_name));
        r.insert(Value::from("name"), Value::from(name));
        r.insert(
            Value::from("address"),
            Value::from(format!("{type_name}.{name}")),
        );
        r.insert(Value::from("body"), body);
        Value::from(r)
    }

    fn index(resources: Vec<Value>) -> Value {
        let mut by_type: BTreeMap<Value, Vec<Value>> = BTreeMap::new();
        for r in resources {
            by_type.entry(r["type"].clone()).or_default().push(r);
        }
        Value::from(
            by_type
                .into_iter()
                .map(|(k, v)| (k, Value::from(v)))
                .collect::<BTreeMap<Value, Value>>(),
        )
    }

    fn names(list: &Value) -> Vec<String> {
        list.as_array()
            .map(|l| {
                l.iter()
                    .map(|r| r["name"].as_string().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn links_references_literals_and_opaque_values() {
        let links = links(&index(vec![
            resource(
                "aws_s3_bucket",
                "logs",
                serde_json::json!({"bucket": "logs-bucket"}),
            ),
            resource(
                "aws_s3_bucket",
                "data",
                serde_json::json!({"bucket": "data-bucket",
                "logging": [{"target_bucket": "${aws_s3_bucket.logs.id}"}]}),
            ),
            resource(
                "aws_s3_bucket_versioning",
                "by_ref",
                serde_json::json!({"bucket": "${aws_s3_bucket.data[0].id}"}),
            ),
            resource(
                "aws_s3_bucket_versioning",
                "by_splat",
                serde_json::json!({"bucket": "${var.on ? aws_s3_bucket.logs.*.id : null}"}),
            ),
            resource(
                "aws_s3_bucket_versioning",
                "by_name",
                serde_json::json!({"bucket": "logs-bucket"}),
            ),
            resource(
                "aws_s3_bucket_versioning",
                "by_var",
                serde_json::json!({"bucket": "${var.bucket}"}),
            ),
            resource(
                "aws_s3_bucket_versioning",
                "by_data",
                serde_json::json!({"bucket": "${data.aws_s3_bucket.data.id}"}),
            ),
            resource(
                "aws_s3_bucket_versioning",
                "longer",
                serde_json::json!({"bucket": "${aws_s3_bucket.data_archive.id}"}),
            ),
        ]));
        let v = &links["aws_s3_bucket_versioning"]["bucket"];
        assert_eq!(names(&v["refs"]["aws_s3_bucket.data"]), ["by_ref"]);
        assert_eq!(names(&v["refs"]["aws_s3_bucket.logs"]), ["by_splat"]);
        assert_eq!(names(&v["values"]["logs-bucket"]), ["by_name"]);
        assert_eq!(names(&v["opaque"][""]), ["by_var"]);
        // `var` is no resource type; a data source names its type.
        assert_eq!(
            names(&v["opaque"]["aws_s3_bucket"]),
            ["by_ref", "by_splat", "by_data", "longer"]
        );
        let l = &links["aws_s3_bucket"]["logging.target_bucket"];
        assert_eq!(names(&l["refs"]["aws_s3_bucket.logs"]), ["data"]);
    }

    #[test]
    fn references_need_a_traversal_after_the_name() {
        let found: Vec<&str> =
            references("${aws_s3_bucket.a.id}-${aws_s3_bucket.b[0].arn},aws_s3_bucket.c").collect();
        assert_eq!(found, ["aws_s3_bucket.a", "aws_s3_bucket.b"]);
        let found: Vec<&str> = references(
            "${data.aws_iam_policy_document.d.json} ${data.aws_iam_policy_document.e[0].json}",
        )
        .collect();
        assert_eq!(
            found,
            [
                "data.aws_iam_policy_document.d",
                "data.aws_iam_policy_document.e"
            ]
        );
        assert_eq!(
            references("aws_s3_bucket.a.id").count(),
            0,
            "a literal, not an expression"
        );
    }
}
