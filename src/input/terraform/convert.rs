//! HCL syntax to the conftest-shaped tree policies see, with the location of every field.

use super::*;

pub(super) fn label_text(label: &BlockLabel) -> String {
    match label {
        BlockLabel::Ident(i) => i.as_str().to_string(),
        BlockLabel::String(s) => s.as_str().to_string(),
    }
}

pub(super) struct Converter<'a> {
    pub(super) text: &'a str,
    pub(super) lines: LineIndex,
    pub(super) ctx: &'a Context<'a>,
    pub(super) locations: Locations,
    /// Attribute values that stayed unresolved (shown in the summary).
    pub(super) unresolved_count: usize,
}

impl Converter<'_> {
    pub(super) fn body(&mut self, body: &Body, tree: &mut Tree, ptr: &mut String) {
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => {
                    let key = attr.key.as_str();
                    let len = push_key(ptr, key);
                    let value = self.expr(&attr.value, ptr);
                    self.locations.insert(ptr, self.lines.span(attr.span()));
                    ptr.truncate(len);
                    tree.map_mut().insert(key.to_string(), Tree::Leaf(value));
                }
                Structure::Block(block) => {
                    // A resource with `count = 0` or an empty `for_each` creates nothing:
                    // Terraform deploys no instance, so there is nothing to judge.
                    if ptr.is_empty()
                        && matches!(block.ident.as_str(), "resource" | "data")
                        && self.creates_nothing(&block.body)
                    {
                        continue;
                    }
                    // `dynamic "x" { for_each = ...; content { ... } }` over a known collection
                    // becomes the `x` blocks Terraform would produce.
                    if !ptr.is_empty()
                        && block.ident.as_str() == "dynamic"
                        && self.expand_dynamic(block, tree, ptr)
                    {
                        continue;
                    }
                    let block_span = self.lines.span(block.span());
                    let start = ptr.len();
                    let mut node = &mut *tree;
                    let mut names = vec![block.ident.as_str().to_string()];
                    names.extend(block.labels.iter().map(label_text));
                    for name in &names {
                        push_key(ptr, name);
                        if self.locations.get(ptr).is_none() {
                            self.locations.insert(ptr, block_span);
                        }
                        node = node
                            .map_mut()
                            .entry(name.clone())
                            .or_insert_with(|| Tree::Blocks(Vec::new()));
                    }
                    if !matches!(node, Tree::Blocks(_)) {
                        *node = Tree::Blocks(Vec::new());
                    }
                    let Tree::Blocks(list) = node else {
                        unreachable!("just made blocks")
                    };
                    push_index(ptr, list.len());
                    self.locations.insert(ptr, block_span);
                    let mut inner = Tree::Map(BTreeMap::new());
                    self.body(&block.body, &mut inner, ptr);
                    list.push(inner);
                    ptr.truncate(start);
                }
            }
        }
    }

    /// Expands a `dynamic` block whose `for_each` is known: one block per element, the content
    /// evaluated with the iterator (`<label>` or `iterator = name`) bound to `{key, value}`.
    /// Returns false (the block is kept as written) when the collection is not known.
    fn expand_dynamic(
        &mut self,
        block: &hcl_edit::structure::Block,
        tree: &mut Tree,
        ptr: &mut String,
    ) -> bool {
        let Some(label) = block.labels.first().map(label_text) else {
            return false;
        };
        let Some(for_each) = block.body.get_attribute("for_each") else {
            return false;
        };
        let Some(content) = block.body.get_blocks("content").next() else {
            return false;
        };
        let elements: Vec<(hcl::Value, hcl::Value)> =
            match hcl::Expression::from(for_each.value.clone()).evaluate(self.ctx) {
                Ok(hcl::Value::Array(items)) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (hcl::Value::from(i as u64), v))
                    .collect(),
                Ok(hcl::Value::Object(map)) => map
                    .into_iter()
                    .map(|(k, v)| (hcl::Value::from(k), v))
                    .collect(),
                _ => return false,
            };
        let iterator = block
            .body
            .get_attribute("iterator")
            .and_then(|a| match &a.value {
                Expression::Variable(v) => Some(v.as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| label.clone());
        // An expanded block is where its `dynamic` block is written.
        let block_span = self.lines.span(block.span());
        let start = ptr.len();
        push_key(ptr, &label);
        if !matches!(tree.map_mut().get(&label), Some(Tree::Blocks(_))) {
            tree.map_mut()
                .insert(label.clone(), Tree::Blocks(Vec::new()));
        }
        for (key, value) in elements {
            let mut ctx = self.ctx.clone();
            let mut each = hcl::Map::new();
            each.insert("key".to_string(), key);
            each.insert("value".to_string(), value);
            ctx.declare_var(iterator.as_str(), hcl::Value::Object(each));
            let mut inner = Converter {
                text: self.text,
                lines: self.lines.clone(),
                ctx: &ctx,
                locations: Locations::default(),
                unresolved_count: 0,
            };
            let Some(Tree::Blocks(list)) = tree.map_mut().get_mut(&label) else {
                break;
            };
            let index = list.len();
            let len = push_index(ptr, index);
            inner.locations.insert(ptr, block_span);
            let mut body = Tree::Map(BTreeMap::new());
            inner.body(&content.body, &mut body, ptr);
            ptr.truncate(len);
            list.push(body);
            self.unresolved_count += inner.unresolved_count;
            for (pointer, span) in inner.locations.iter() {
                self.locations.insert(pointer, span);
            }
        }
        ptr.truncate(start);
        true
    }

    /// Does a block's known `count` or `for_each` create no instance?
    fn creates_nothing(&self, body: &Body) -> bool {
        let known = |key: &str| {
            body.get_attribute(key).and_then(|a| {
                hcl::Expression::from(a.value.clone())
                    .evaluate(self.ctx)
                    .ok()
            })
        };
        match (known("count"), known("for_each")) {
            (Some(hcl::Value::Number(n)), _) => n.as_f64() == Some(0.0),
            (_, Some(hcl::Value::Object(m))) => m.is_empty(),
            (_, Some(hcl::Value::Array(a))) => a.is_empty(),
            _ => false,
        }
    }

    fn expr(&mut self, expr: &Expression, ptr: &mut String) -> Value {
        match expr {
            Expression::Array(array) => {
                let mut out = Vec::new();
                for (i, item) in array.iter().enumerate() {
                    let len = push_index(ptr, i);
                    self.locations.insert(ptr, self.lines.span(item.span()));
                    out.push(self.expr(item, ptr));
                    ptr.truncate(len);
                }
                Value::from(out)
            }
            Expression::Object(object) => {
                let mut map = BTreeMap::new();
                for (key, value) in object.iter() {
                    let key = match key {
                        hcl_edit::expr::ObjectKey::Ident(i) => i.as_str().to_string(),
                        hcl_edit::expr::ObjectKey::Expression(e) => match self.expr(e, ptr) {
                            Value::String(s) => s.to_string(),
                            other => other.to_json_str().unwrap_or_default(),
                        },
                    };
                    let len = push_key(ptr, &key);
                    self.locations
                        .insert(ptr, self.lines.span(key_span(value.expr())));
                    let v = self.expr(value.expr(), ptr);
                    ptr.truncate(len);
                    map.insert(Value::from(key), v);
                }
                Value::from(map)
            }
            Expression::Parenthesis(p) => self.expr(p.inner(), ptr),
            other => {
                let converted: hcl::Expression = other.clone().into();
                match converted.evaluate(self.ctx) {
                    Ok(v) => hcl_to_value(&v),
                    Err(_) => {
                        self.unresolved_count += 1;
                        Value::from(self.unresolved(other))
                    }
                }
            }
        }
    }

    /// The text a policy sees for an expression that could not be evaluated.
    fn unresolved(&self, expr: &Expression) -> String {
        let source = expr
            .span()
            .and_then(|r| self.text.get(r))
            .unwrap_or("")
            .trim();
        match expr {
            // A template keeps its text, as conftest does: "arn:${var.x}/*".
            Expression::StringTemplate(_) => source
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(source)
                .to_string(),
            Expression::HeredocTemplate(_) => {
                let mut lines: Vec<&str> = source.lines().collect();
                if lines.len() >= 2 {
                    lines.remove(0);
                    lines.pop();
                }
                let mut s = lines.join("\n");
                s.push('\n');
                s
            }
            _ => format!("${{{source}}}"),
        }
    }
}

fn key_span(e: &Expression) -> Option<std::ops::Range<usize>> {
    e.span()
}

pub fn hcl_to_value(v: &hcl::Value) -> Value {
    match v {
        hcl::Value::Null => Value::Null,
        hcl::Value::Bool(b) => Value::from(*b),
        hcl::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or(0.0))
            }
        }
        hcl::Value::String(s) => Value::from(s.as_str()),
        hcl::Value::Array(items) => Value::from(items.iter().map(hcl_to_value).collect::<Vec<_>>()),
        hcl::Value::Object(map) => {
            let m: BTreeMap<Value, Value> = map
                .iter()
                .map(|(k, v)| (Value::from(k.as_str()), hcl_to_value(v)))
                .collect();
            Value::from(m)
        }
    }
}

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
    let mut root = BTreeMap::new();
    if let Ok(obj) = value.as_object() {
        for (k, v) in obj.iter() {
            let Ok(key) = k.as_string() else { continue };
            let tree = match label_count(key) {
                Some(n) => wrap_json_blocks(v, n, &mut String::new(), &mut locations),
                None => Tree::Leaf(v.clone()),
            };
            root.insert(key.to_string(), tree);
        }
    }
    Ok((Tree::Map(root), locations))
}

/// Descends `labels` object levels, then wraps the body (object, or array of objects) in a list.
/// Locations of JSON bodies are kept at their JSON positions; the list index adds one level,
/// which the longest-prefix lookup tolerates.
fn wrap_json_blocks(v: &Value, labels: usize, _ptr: &mut String, _locs: &mut Locations) -> Tree {
    if labels == 0 {
        return match v {
            Value::Array(items) => {
                Tree::Blocks(items.iter().map(|i| Tree::Leaf(i.clone())).collect())
            }
            other => Tree::Blocks(vec![Tree::Leaf(other.clone())]),
        };
    }
    match v.as_object() {
        Ok(obj) => Tree::Map(
            obj.iter()
                .filter_map(|(k, v)| {
                    let key = k.as_string().ok()?.to_string();
                    Some((key, wrap_json_blocks(v, labels - 1, _ptr, _locs)))
                })
                .collect(),
        ),
        Err(_) => Tree::Leaf(v.clone()),
    }
}
