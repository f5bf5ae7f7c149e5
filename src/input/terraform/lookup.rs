//! The lookups `Document` answers for Terraform configuration: the types a document declares, the
//! address a value path lies in (with instance keys), the first resource matching an address, the
//! block an address names.

use super::*;

/// Resource and data types a configuration document declares, and `provider` when it
/// configures a provider (rules about provider blocks declare that type).
pub(in crate::input) fn types(doc: &Document) -> HashSet<String> {
    let mut types = HashSet::new();
    if doc.value["provider"].as_object().is_ok() {
        types.insert("provider".to_string());
    }
    for block in ["resource", "data"] {
        if let Ok(obj) = doc.value[block].as_object() {
            types.extend(
                obj.keys()
                    .filter_map(|k| k.as_string().ok().map(|s| s.to_string())),
            );
        }
    }
    types
}

/// The address a value path lies in: `type.name`, `data.type.name`, `module.name`, ..., with the
/// instance key of a repeated resource (`type.name[0]`, `type.name["k"]`).
pub(in crate::input) fn resource_at(
    path: &[PathSeg],
    keys: Option<&ResourceKeys>,
) -> Option<String> {
    let key = |i: usize| match path.get(i) {
        Some(PathSeg::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let address = match (key(0), key(1), key(2)) {
        (Some("resource"), Some(t), Some(n)) => format!("{t}.{n}"),
        (Some("data"), Some(t), Some(n)) => format!("data.{t}.{n}"),
        (Some(kind @ ("module" | "variable" | "output" | "provider")), Some(n), _) => {
            return Some(format!("{kind}.{n}"));
        }
        _ => return None,
    };
    Some(address + instance_key(path, keys))
}

/// The instance key of the resource body a path lies in (`[0]`), or "" when it is not repeated.
fn instance_key<'k>(path: &[PathSeg], keys: Option<&'k ResourceKeys>) -> &'k str {
    let (Some(keys), Some(PathSeg::Index(i))) = (keys, path.get(3)) else {
        return "";
    };
    let mut pointer = String::new();
    for seg in &path[..3] {
        crate::input::push_segment(&mut pointer, seg);
    }
    keys.get(&pointer)
        .and_then(|list| list.get(*i))
        .map_or("", String::as_str)
}

/// The first resource or data source instance whose address satisfies `pred`, and its body's
/// path. An address without instance key (`aws_s3_bucket.b`) names the first instance.
pub(in crate::input) fn find_resource(
    doc: &Document,
    pred: &dyn Fn(&str) -> bool,
) -> Option<(String, Vec<PathSeg>)> {
    let keys = doc.resource_keys.as_deref();
    for (block, prefix) in [("resource", ""), ("data", "data.")] {
        let Ok(types) = doc.value[block].as_object() else {
            continue;
        };
        for (t, by_name) in types.iter() {
            let Ok(names) = by_name.as_object() else {
                continue;
            };
            for (n, bodies) in names.iter() {
                let (Ok(t), Ok(n)) = (t.as_string(), n.as_string()) else {
                    continue;
                };
                let base = format!("{prefix}{t}.{n}");
                let instances = bodies.as_array().map_or(1, |b| b.len().max(1));
                for i in 0..instances {
                    let path = vec![
                        PathSeg::Key(block.into()),
                        PathSeg::Key(t.to_string()),
                        PathSeg::Key(n.to_string()),
                        PathSeg::Index(i),
                    ];
                    let address = format!("{base}{}", instance_key(&path, keys));
                    if pred(&address) || (i == 0 && address != base && pred(&base)) {
                        return Some((address, path));
                    }
                }
            }
        }
    }
    None
}

/// The path of the block an address names (`data.t.n`, `module.m`, `t.n`; an instance key such
/// as `t.n[0]` names the block that creates it).
pub(in crate::input) fn path_of_address(address: &str) -> Option<Vec<PathSeg>> {
    let address = match address.find('[') {
        Some(i) => &address[..i],
        None => address,
    };
    let parts: Vec<&str> = address.split('.').collect();
    let key = |s: &str| PathSeg::Key(s.to_string());
    Some(match parts.as_slice() {
        ["data", t, n] => vec![key("data"), key(t), key(n)],
        [kind @ ("module" | "variable" | "output" | "provider"), n] => vec![key(kind), key(n)],
        [t, n] => vec![key("resource"), key(t), key(n)],
        _ => return None,
    })
}
