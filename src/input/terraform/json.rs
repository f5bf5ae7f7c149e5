//! Terraform's JSON syntax (`.tf.json`): reshaped to the `.tf` shape (arrays of objects at every
//! block level, locations moved to the tree's paths), its strings evaluated as templates, its
//! resources repeated per `count`/`for_each` instance, its `module` blocks read as call sites.

use super::*;

/// `.tf.json`: Terraform's JSON syntax, reshaped so block bodies are lists as in `.tf`.
pub(super) fn parse_json(path: &str, text: &str) -> Result<(Tree, Locations), InputError> {
    if text.starts_with('\u{feff}') {
        return Err(InputError::new(
            path,
            1,
            1,
            "a byte-order mark at the start of a `.tf.json` file, which Terraform rejects; save it as UTF-8 without BOM",
        ));
    }
    let docs = yaml::parse_stream(text).map_err(|e| {
        InputError::new(
            path,
            e.line,
            e.column,
            format!("invalid JSON: {}", e.message),
        )
    })?;
    let mut locations = Locations::default();
    let value = match docs.first() {
        Some(doc) => yaml::to_value(&doc.root, &mut String::new(), &mut locations)
            .map_err(|e| InputError::new(path, e.line, e.column, e.message))?,
        None => Value::new_object(),
    };
    let mut root = Tree::Map(BTreeMap::new());
    let mut moves = JsonMoves::default();
    if let Ok(obj) = value.as_object() {
        for (k, v) in obj.iter() {
            let Ok(key) = k.as_string() else { continue };
            let mut json_ptr = String::new();
            push_key(&mut json_ptr, key);
            let mut tree_ptr = json_ptr.clone();
            let tree = match label_count(key) {
                Some(n) => wrap_json_blocks(v, n, &json_ptr, &mut tree_ptr, 0, &mut moves),
                None => Tree::Leaf(v.clone()),
            };
            root.map_mut().insert(key.to_string(), tree);
        }
    }
    Ok((root, moves.apply(locations)))
}

/// Where each JSON body lies in the `.tf` shape (`/resource/0/aws_s3_bucket/b` →
/// `/resource/aws_s3_bucket/b/0`), so that every field's location follows its value.
#[derive(Default)]
struct JsonMoves {
    moves: HashMap<String, String>,
}

impl JsonMoves {
    /// Rewrites every location under a moved body to its place in the tree.
    fn apply(&self, locations: Locations) -> Locations {
        let mut out = Locations::default();
        for (pointer, span) in locations.iter() {
            // The longest moved prefix of `pointer` (prefixes end at a `/`).
            let moved = std::iter::once(pointer.len())
                .chain(pointer.rmatch_indices('/').map(|(i, _)| i))
                .find_map(|end| {
                    let prefix = &pointer[..end];
                    self.moves
                        .get(prefix)
                        .map(|to| format!("{to}{}", &pointer[end..]))
                });
            out.insert(moved.as_deref().unwrap_or(pointer), span);
        }
        out
    }
}

/// Descends `labels` label levels, then wraps the body in a list, as HCL's JSON syntax reads it: at
/// every level an object, or an array of objects (so a label may repeat: `provider` blocks with
/// aliases); a body is an object, or an array of objects for several blocks. `json` is the value's
/// JSON pointer, `tree` its path in the result, `start` the number of bodies already there; every
/// body's move from one to the other is recorded.
fn wrap_json_blocks(
    v: &Value,
    labels: usize,
    json: &str,
    tree: &mut String,
    start: usize,
    moves: &mut JsonMoves,
) -> Tree {
    // An array stands for its elements, one after the other.
    let items: Vec<(String, &Value)> = match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("{json}/{i}"), item))
            .collect(),
        other => vec![(json.to_string(), other)],
    };
    if labels == 0 {
        let mut list = Vec::new();
        for (i, (from, body)) in items.into_iter().enumerate() {
            let len = push_index(tree, start + i);
            moves.moves.insert(from, tree.clone());
            tree.truncate(len);
            list.push(Tree::Leaf(body.clone()));
        }
        return Tree::Blocks(list);
    }
    let mut out = Tree::Map(BTreeMap::new());
    for (from, object) in items {
        let Ok(obj) = object.as_object() else {
            return Tree::Leaf(v.clone());
        };
        for (k, inner) in obj.iter() {
            let Ok(key) = k.as_string() else { continue };
            let mut inner_json = from.clone();
            push_key(&mut inner_json, key);
            let len = push_key(tree, key);
            let already = match out.map_mut().get(key.as_ref()) {
                Some(Tree::Blocks(list)) => list.len(),
                _ => 0,
            };
            let wrapped = wrap_json_blocks(inner, labels - 1, &inner_json, tree, already, moves);
            tree.truncate(len);
            match out.map_mut().get_mut(key.as_ref()) {
                Some(existing) => existing.merge(wrapped),
                None => {
                    out.map_mut().insert(key.to_string(), wrapped);
                }
            }
        }
    }
    out
}

/// Evaluates a `.tf.json` file's templates, judging a resource with a known `count`/`for_each`
/// once per instance (as `Converter` does for `.tf`) and recording the instances' keys.
pub(super) fn interpolate_json(
    tree: &mut Tree,
    ctx: &Context<'static>,
    keys: &mut ResourceKeys,
    locations: &mut Locations,
) -> usize {
    let Tree::Map(top) = tree else {
        return interpolate(tree, ctx);
    };
    let mut unresolved = 0;
    for (block, node) in top.iter_mut() {
        let Tree::Map(types) = node else {
            unresolved += interpolate(node, ctx);
            continue;
        };
        if !matches!(block.as_str(), "resource" | "data") {
            unresolved += interpolate(node, ctx);
            continue;
        }
        for (t, names) in types.iter_mut() {
            let Tree::Map(names) = names else { continue };
            for (n, bodies) in names.iter_mut() {
                let Tree::Blocks(list) = bodies else {
                    unresolved += interpolate(bodies, ctx);
                    continue;
                };
                let (mut out, mut instance_keys, mut repeated) = (Vec::new(), Vec::new(), false);
                let mut pointer = String::new();
                for key in [block, t, n] {
                    push_key(&mut pointer, key);
                }
                // (index the body had, index of each of its instances): locations follow.
                let mut moved: Vec<(usize, usize)> = Vec::new();
                for (original, mut body) in list.drain(..).enumerate() {
                    let field = |key: &str| match &body {
                        Tree::Leaf(v) => json_expression(&v[key]),
                        _ => None,
                    };
                    let (count, for_each) = (field("count"), field("for_each"));
                    let instances = if count.is_some() || for_each.is_some() {
                        repeat::instances(count.as_ref(), for_each.as_ref(), ctx)
                    } else {
                        None
                    };
                    match instances {
                        Some(instances) => {
                            repeated = true;
                            let mut scope = ctx.clone();
                            for instance in instances {
                                instance.bind(&mut scope);
                                let mut copy = body.clone();
                                unresolved += interpolate(&mut copy, &scope);
                                moved.push((original, out.len()));
                                out.push(copy);
                                instance_keys.push(instance.key);
                            }
                        }
                        None => {
                            unresolved += interpolate(&mut body, ctx);
                            moved.push((original, out.len()));
                            out.push(body);
                            instance_keys.push(String::new());
                        }
                    }
                }
                *list = out;
                if repeated {
                    move_locations(locations, &pointer, &moved);
                    keys.insert(pointer, instance_keys);
                }
            }
        }
    }
    unresolved
}

/// Gives each instance of a repeated `.tf.json` body the locations of the body it came from:
/// `moved` pairs the index a body had under `block` with the index of each of its instances.
fn move_locations(locations: &mut Locations, block: &str, moved: &[(usize, usize)]) {
    let mut copies = Vec::new();
    for (pointer, span) in locations.iter() {
        let Some(rest) = pointer
            .strip_prefix(block)
            .and_then(|r| r.strip_prefix('/'))
        else {
            continue;
        };
        let (index, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let Ok(index) = index.parse::<usize>() else {
            continue;
        };
        for (_, to) in moved
            .iter()
            .filter(|(from, to)| *from == index && to != from)
        {
            copies.push((format!("{block}/{to}{tail}"), span));
        }
    }
    for (pointer, span) in copies {
        locations.insert(&pointer, span);
    }
}

/// The `module` blocks of a `.tf.json` file as call sites (`{"module": {"name": {...}}}`, or a list
/// of bodies per name): arguments are read as Terraform reads JSON values (strings as templates).
pub(super) fn module_calls(file: &str, tree: &Tree, locations: &Locations) -> Vec<CallSite> {
    let value = tree.clone().into_value();
    let Ok(modules) = value["module"].as_object() else {
        return Vec::new();
    };
    let mut calls = Vec::new();
    for (name, bodies) in modules.iter() {
        let Ok(name) = name.as_string() else { continue };
        let Ok(bodies) = bodies.as_array() else {
            continue;
        };
        for (i, body) in bodies.iter().enumerate() {
            let Ok(fields) = body.as_object() else {
                continue;
            };
            let mut pointer = String::new();
            for key in ["module", name.as_ref()] {
                push_key(&mut pointer, key);
            }
            push_index(&mut pointer, i);
            let line = locations.get(&pointer).map_or(1, |s| s.line);
            let mut source_pointer = pointer.clone();
            push_key(&mut source_pointer, "source");
            let args = fields
                .iter()
                .filter_map(|(k, v)| Some((k.as_string().ok()?.to_string(), v)))
                .filter(|(k, _)| {
                    !matches!(
                        k.as_str(),
                        "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                    )
                })
                .filter_map(|(k, v)| Some((k, json_value_expression(v)?)))
                .collect();
            calls.push(CallSite {
                name: name.to_string(),
                file: file.to_string(),
                line,
                source_line: locations.get(&source_pointer).map_or(line, |s| s.line),
                source: body["source"].as_string().ok().map(|s| s.to_string()),
                count: json_expression(&body["count"]),
                for_each: json_expression(&body["for_each"]),
                args,
            });
        }
    }
    calls
}

/// Any `.tf.json` value as an expression: lists and objects element by element.
fn json_value_expression(v: &Value) -> Option<hcl::Expression> {
    match v {
        Value::Null => Some(hcl::Expression::Null),
        Value::Array(items) => items
            .iter()
            .map(json_value_expression)
            .collect::<Option<Vec<_>>>()
            .map(hcl::Expression::Array),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let key = hcl::ObjectKey::from(k.as_string().ok()?.to_string());
                Some((key, json_value_expression(v)?))
            })
            .collect::<Option<hcl::Object<_, _>>>()
            .map(hcl::Expression::Object),
        _ => json_expression(v),
    }
}

/// A `.tf.json` value as the expression Terraform reads in it: a number as itself, a string as a
/// template (`"${var.n}"`, a single interpolation, is the value itself, not its text).
fn json_expression(v: &Value) -> Option<hcl::Expression> {
    let text = match v {
        Value::Number(_) | Value::Bool(_) => v.to_json_str().ok()?,
        Value::String(s) => template_source(s),
        _ => return None,
    };
    hcl_edit::parser::parse_expr(&text)
        .ok()
        .map(hcl::Expression::from)
}

/// HCL source for a JSON string: `${expr}` alone is the expression; anything else a template.
pub(super) fn template_source(s: &str) -> String {
    if let Some(inner) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
        if !inner.contains("${") && !inner.contains('}') {
            return inner.to_string();
        }
    }
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Evaluates the string templates of a `.tf.json` tree (`"${var.x}"`, `"arn:${local.y}/*"`) as
/// Terraform does; one that cannot be resolved keeps its text. Returns how many stayed unresolved.
fn interpolate(tree: &mut Tree, ctx: &Context<'static>) -> usize {
    match tree {
        Tree::Map(map) => map.values_mut().map(|t| interpolate(t, ctx)).sum(),
        Tree::Blocks(items) => items.iter_mut().map(|t| interpolate(t, ctx)).sum(),
        Tree::Leaf(value) => interpolate_value(value, ctx),
    }
}

fn interpolate_value(value: &mut Value, ctx: &Context<'static>) -> usize {
    match value {
        Value::String(s) if s.contains("${") => {
            let evaluated = hcl_edit::parser::parse_expr(&template_source(s))
                .ok()
                .and_then(|e| eval::eval(&hcl::Expression::from(e), ctx).ok());
            match evaluated {
                Some(v) => {
                    *value = hcl_to_value(&v);
                    0
                }
                None => 1,
            }
        }
        Value::Array(items) => regorus::Rc::make_mut(items)
            .iter_mut()
            .map(|v| interpolate_value(v, ctx))
            .sum(),
        Value::Object(map) => regorus::Rc::make_mut(map)
            .iter_mut()
            .map(|(_, v)| interpolate_value(v, ctx))
            .sum(),
        _ => 0,
    }
}
