//! Mapping a rule result to a source line and a resource address.

use crate::input::{Document, Format, PathSeg, Span};
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
                resource: resource_at(doc, &path),
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
            resource: default_resource(doc),
        };
    }
    if let Some(address) = object.and_then(|o| o["resource"].as_string().ok()) {
        if let Some(found) = find_resource(doc, |a| a == address.as_ref()) {
            return found;
        }
        return Location {
            span: doc.span,
            resource: address.to_string(),
        };
    }
    // A bare string: the first resource the message names, else the document.
    if doc.format != Format::Kubernetes {
        if let Some(found) = find_resource(doc, |a| mentions(message, a)) {
            return found;
        }
    }
    Location {
        span: Span::new(doc.span.line, doc.span.column.max(1), doc.span.end_line),
        resource: default_resource(doc),
    }
}

/// Does `message` mention `address` as a whole word (so `aws_s3_bucket.a` does not match `.ab`)?
fn mentions(message: &str, address: &str) -> bool {
    message.match_indices(address).any(|(i, _)| {
        let after = message[i + address.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

fn path_of(v: &Value) -> Option<Vec<PathSeg>> {
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

fn default_resource(doc: &Document) -> String {
    doc.resource.clone().unwrap_or_else(|| doc.path.to_string())
}

/// The resource a path lies in: `aws_s3_bucket.logs`, `data.x.y`, a plan `address`, or the manifest.
fn resource_at(doc: &Document, path: &[PathSeg]) -> String {
    let key = |i: usize| match path.get(i) {
        Some(PathSeg::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    match doc.format {
        Format::Kubernetes => default_resource(doc),
        Format::Terraform => match (key(0), key(1), key(2)) {
            (Some("resource"), Some(t), Some(n)) => format!("{t}.{n}"),
            (Some("data"), Some(t), Some(n)) => format!("data.{t}.{n}"),
            (Some(kind @ ("module" | "variable" | "output" | "provider")), Some(n), _) => {
                format!("{kind}.{n}")
            }
            _ => default_resource(doc),
        },
        Format::TerraformPlan => {
            let mut v = &doc.value;
            let mut found = None;
            for seg in path {
                if let Ok(a) = v["address"].as_string() {
                    found = Some(a.to_string());
                }
                v = match seg {
                    PathSeg::Key(k) => &v[k.as_str()],
                    PathSeg::Index(i) => &v[*i],
                };
            }
            if let Ok(a) = v["address"].as_string() {
                found = Some(a.to_string());
            }
            found.unwrap_or_else(|| default_resource(doc))
        }
    }
}

/// Finds a resource whose address satisfies `pred`, with its location.
fn find_resource(doc: &Document, pred: impl Fn(&str) -> bool) -> Option<Location> {
    match doc.format {
        Format::Kubernetes => None,
        Format::Terraform => {
            for (block, prefix) in [("resource", ""), ("data", "data.")] {
                let Ok(types) = doc.value[block].as_object() else {
                    continue;
                };
                for (t, by_name) in types.iter() {
                    let Ok(names) = by_name.as_object() else {
                        continue;
                    };
                    for (n, _) in names.iter() {
                        let (Ok(t), Ok(n)) = (t.as_string(), n.as_string()) else {
                            continue;
                        };
                        let address = format!("{prefix}{t}.{n}");
                        if pred(&address) {
                            let path = [
                                PathSeg::Key(block.into()),
                                PathSeg::Key(t.to_string()),
                                PathSeg::Key(n.to_string()),
                                PathSeg::Index(0),
                            ];
                            let span = doc
                                .locations
                                .lookup(&path)
                                .map(|(s, _)| s)
                                .unwrap_or(doc.span);
                            return Some(Location {
                                span,
                                resource: address,
                            });
                        }
                    }
                }
            }
            None
        }
        Format::TerraformPlan => {
            let Ok(resources) = doc.value["planned_values"]["root_module"]["resources"].as_array()
            else {
                return None;
            };
            for (i, r) in resources.iter().enumerate() {
                let Ok(address) = r["address"].as_string() else {
                    continue;
                };
                if pred(address) {
                    let path = [
                        PathSeg::Key("planned_values".into()),
                        PathSeg::Key("root_module".into()),
                        PathSeg::Key("resources".into()),
                        PathSeg::Index(i),
                    ];
                    let span = doc
                        .locations
                        .lookup(&path)
                        .map(|(s, _)| s)
                        .unwrap_or(doc.span);
                    return Some(Location {
                        span,
                        resource: address.to_string(),
                    });
                }
            }
            None
        }
    }
}

/// First line of the resource a finding is about: where inline suppressions anchor.
pub fn resource_line(doc: &Document, resource: &str) -> Option<u32> {
    match doc.format {
        Format::Kubernetes => Some(doc.span.line),
        Format::TerraformPlan => None,
        Format::Terraform => {
            let parts: Vec<&str> = resource.split('.').collect();
            let path: Vec<PathSeg> = match parts.as_slice() {
                ["data", t, n] => vec![
                    PathSeg::Key("data".into()),
                    PathSeg::Key(t.to_string()),
                    PathSeg::Key(n.to_string()),
                ],
                [kind @ ("module" | "variable" | "output" | "provider"), n] => {
                    vec![PathSeg::Key(kind.to_string()), PathSeg::Key(n.to_string())]
                }
                [t, n] => vec![
                    PathSeg::Key("resource".into()),
                    PathSeg::Key(t.to_string()),
                    PathSeg::Key(n.to_string()),
                ],
                _ => return None,
            };
            doc.locations
                .lookup(&path)
                .filter(|(_, len)| *len == path.len())
                .map(|(s, _)| s.line)
        }
    }
}
