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
    pub(super) lines: &'a LineIndex,
    pub(super) ctx: &'a Context<'a>,
    pub(super) locations: Locations,
    /// Attribute values that stayed unresolved (shown in the summary).
    pub(super) unresolved_count: usize,
    /// Instance keys of repeated resources, by the pointer of their block
    /// (`/resource/aws_s3_bucket/b` → `["[0]", "[1]"]`), in list order.
    pub(super) keys: ResourceKeys,
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
                    // A resource with a known `count` or `for_each` is judged once per instance
                    // Terraform creates (none for `count = 0` or an empty collection).
                    if ptr.is_empty()
                        && matches!(block.ident.as_str(), "resource" | "data")
                        && self.expand_instances(block, tree, ptr)
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
                    self.block(block, tree, ptr);
                }
            }
        }
    }

    /// Converts one block into the list of bodies under its type and labels; returns its index
    /// in that list.
    fn block(
        &mut self,
        block: &hcl_edit::structure::Block,
        tree: &mut Tree,
        ptr: &mut String,
    ) -> usize {
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
        let index = list.len();
        push_index(ptr, index);
        self.locations.insert(ptr, block_span);
        let mut inner = Tree::Map(BTreeMap::new());
        self.body(&block.body, &mut inner, ptr);
        list.push(inner);
        ptr.truncate(start);
        index
    }

    /// Expands a `resource` or `data` block whose `count`/`for_each` is known into one body per
    /// instance, each evaluated with `count.index` or `each.key`/`each.value` bound, and records
    /// the instances' keys. Returns false (the block is converted once, as written) when the block
    /// is not repeated or its collection is not known.
    fn expand_instances(
        &mut self,
        block: &hcl_edit::structure::Block,
        tree: &mut Tree,
        ptr: &mut String,
    ) -> bool {
        let expr = |key: &str| {
            block
                .body
                .get_attribute(key)
                .map(|a| hcl::Expression::from(a.value.clone()))
        };
        let (count, for_each) = (expr("count"), expr("for_each"));
        if count.is_none() && for_each.is_none() {
            return false;
        }
        let Some(instances) = repeat::instances(count.as_ref(), for_each.as_ref(), self.ctx) else {
            return false;
        };
        let mut pointer = String::new();
        push_key(&mut pointer, block.ident.as_str());
        for label in &block.labels {
            push_key(&mut pointer, &label_text(label));
        }
        // One copy of the context per repeated block, rebound for each instance.
        let mut ctx = self.ctx.clone();
        for instance in instances {
            instance.bind(&mut ctx);
            let mut inner = Converter {
                text: self.text,
                lines: self.lines,
                ctx: &ctx,
                locations: std::mem::take(&mut self.locations),
                unresolved_count: 0,
                keys: ResourceKeys::default(),
            };
            let index = inner.block(block, tree, ptr);
            self.locations = inner.locations;
            self.unresolved_count += inner.unresolved_count;
            let keys = self.keys.entry(pointer.clone()).or_default();
            keys.resize(index, String::new());
            keys.push(instance.key);
        }
        true
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
            match eval::eval(&hcl::Expression::from(for_each.value.clone()), self.ctx) {
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
        // One copy of the context per dynamic block, rebound for each element.
        let mut ctx = self.ctx.clone();
        for (key, value) in elements {
            let mut each = hcl::Map::new();
            each.insert("key".to_string(), key);
            each.insert("value".to_string(), value);
            ctx.declare_var(iterator.as_str(), hcl::Value::Object(each));
            let mut inner = Converter {
                text: self.text,
                lines: self.lines,
                ctx: &ctx,
                locations: Locations::default(),
                unresolved_count: 0,
                keys: ResourceKeys::default(),
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
                match eval::eval(&converted, self.ctx) {
                    Ok(v) => {
                        // Unknown parts of a module argument travel as `"${...}"`: still
                        // unresolved, and counted.
                        if has_unknown_part(&v) {
                            self.unresolved_count += 1;
                        }
                        hcl_to_value(&v)
                    }
                    Err(_) => {
                        if let Expression::FuncCall(call) = other {
                            if let Some(v) = self.partial_call(call) {
                                return v;
                            }
                        }
                        self.unresolved_count += 1;
                        Value::from(self.unresolved(other))
                    }
                }
            }
        }
    }

    /// A call that cannot be evaluated as a whole but whose known parts are certain: the known
    /// elements of `concat`/`flatten`/`compact`/`distinct`/`tolist`/`toset`, the known fields of
    /// `merge` that no later unknown argument can override, and `jsonencode` of a value with
    /// unknown parts (those stay `"${...}"` inside the JSON). Unknown parts count as unresolved.
    fn partial_call(&mut self, call: &hcl_edit::expr::FuncCall) -> Option<Value> {
        if !call.name.namespace.is_empty() || call.args.expand_final() {
            return None;
        }
        let name = call.name.name.as_str();
        if !matches!(
            name,
            "concat"
                | "flatten"
                | "compact"
                | "distinct"
                | "tolist"
                | "toset"
                | "merge"
                | "jsonencode"
        ) {
            return None;
        }
        // Arguments are converted on their own; their locations would not be the value's.
        let (saved_locations, saved_count) =
            (std::mem::take(&mut self.locations), self.unresolved_count);
        let mut scratch = String::new();
        let args: Vec<Value> = call
            .args
            .iter()
            .map(|a| self.expr(a, &mut scratch))
            .collect();
        self.locations = saved_locations;
        let is_unknown = |v: &Value| matches!(v, Value::String(s) if s.starts_with("${"));
        let result = match name {
            "jsonencode" if args.len() == 1 => {
                serde_json::to_string(&args[0]).ok().map(Value::from)
            }
            "merge" => {
                let last_unknown = args.iter().rposition(is_unknown);
                let known = &args[last_unknown.map_or(0, |i| i + 1)..];
                let mut map = BTreeMap::new();
                for arg in known {
                    let Ok(obj) = arg.as_object() else {
                        self.unresolved_count = saved_count;
                        return None;
                    };
                    map.extend(obj.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
                Some(Value::from(map))
            }
            _ => {
                let mut items = Vec::new();
                for arg in &args {
                    match arg {
                        Value::Array(list) => items.extend(list.iter().cloned()),
                        // An unknown list contributes unknown elements: one marker stands for them.
                        v if is_unknown(v) => items.push(v.clone()),
                        _ => {
                            self.unresolved_count = saved_count;
                            return None;
                        }
                    }
                }
                if name == "flatten" {
                    items = flatten(items);
                }
                if name == "compact" {
                    items.retain(|v| {
                        !matches!(v, Value::String(s) if s.is_empty()) && *v != Value::Null
                    });
                }
                if matches!(name, "distinct" | "toset") {
                    let mut seen = Vec::new();
                    items.retain(|v| {
                        let new = !seen.contains(v);
                        if new {
                            seen.push(v.clone());
                        }
                        new
                    });
                }
                Some(Value::from(items))
            }
        };
        if result.is_none() {
            self.unresolved_count = saved_count;
        }
        result
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

/// Does a value hold an unknown part (`"${...}"`, as `modules::partly_known` marks them)?
fn has_unknown_part(v: &hcl::Value) -> bool {
    match v {
        hcl::Value::String(s) => s.starts_with("${") && s.ends_with('}'),
        hcl::Value::Array(items) => items.iter().any(has_unknown_part),
        hcl::Value::Object(map) => map.values().any(has_unknown_part),
        _ => false,
    }
}

/// Nested lists flattened into one, as Terraform's `flatten` does.
fn flatten(items: Vec<Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Value::Array(inner) => out.extend(flatten(inner.iter().cloned().collect())),
            other => out.push(other),
        }
    }
    out
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
