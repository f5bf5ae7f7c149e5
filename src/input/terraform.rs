//! Terraform configuration (`.tf`, `.tf.json`) in the JSON shape conftest's HCL2 parser produces.
//!
//! A module directory is parsed as a whole: variable defaults, `terraform.tfvars` and
//! `*.auto.tfvars` and `locals` are collected from every file so that `var.NAME` and `local.NAME`
//! resolve wherever they are statically known, and the merged module becomes
//! `data.tollgate.module`. Each requested file is still its own document, so findings stay on the
//! file being judged.
//!
//! Shape: labelled blocks nest by label and every block body is a list
//! (`{"resource": {"aws_s3_bucket": {"logs": [{...}]}}}`); nested blocks are lists too. An
//! expression that cannot be resolved is kept as `"${<source>}"`; a string template that cannot be
//! resolved keeps its text (`"arn:aws:s3:::${var.bucket}/*"`).

use super::yaml;
use super::{
    Document, Format, InputError, Locations, Parsed, PathSeg, Source, Span, Unread, push_index,
    push_key, read_text,
};
use hcl::eval::{Context, Evaluate, FuncArgs, FuncDef, ParamType};
use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{BlockLabel, Body, Structure};
use regorus::Value;
use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::path::Path;
use std::sync::Arc;

/// One file of a module, as read from disk.
pub struct SourceFile {
    /// Path relative to the repository root.
    pub path: String,
    pub text: String,
    /// Whether this file is judged (gets a document); other files only feed the module context.
    pub judge: bool,
}

impl SourceFile {
    /// A file of the module. Terraform accepts a UTF-8 byte-order mark at the start of `.tf`
    /// and `.tfvars` files, so it is dropped there; in `.tf.json` Terraform rejects it, and so
    /// does the JSON reader here.
    pub fn new(path: String, text: String, judge: bool) -> Self {
        let text = if path.ends_with(".json") {
            text
        } else {
            match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            }
        };
        SourceFile { path, text, judge }
    }
}

/// Labels each top-level block type takes in Terraform, used to shape `.tf.json` like `.tf`.
fn label_count(block: &str) -> Option<usize> {
    match block {
        "resource" | "data" => Some(2),
        "module" | "variable" | "output" | "provider" => Some(1),
        "locals" | "terraform" | "moved" | "import" | "check" | "removed" => Some(0),
        _ => None,
    }
}

/// Intermediate tree: block nesting needs in-place inserts that `regorus::Value` makes awkward.
#[derive(Debug, Clone)]
enum Tree {
    Leaf(Value),
    Map(BTreeMap<String, Tree>),
    Blocks(Vec<Tree>),
}

impl Tree {
    fn map_mut(&mut self) -> &mut BTreeMap<String, Tree> {
        if !matches!(self, Tree::Map(_)) {
            *self = Tree::Map(BTreeMap::new());
        }
        match self {
            Tree::Map(m) => m,
            _ => unreachable!("just made a map"),
        }
    }

    fn into_value(self) -> Value {
        match self {
            Tree::Leaf(v) => v,
            Tree::Map(m) => {
                let map: BTreeMap<Value, Value> = m
                    .into_iter()
                    .map(|(k, v)| (Value::from(k), v.into_value()))
                    .collect();
                Value::from(map)
            }
            Tree::Blocks(items) => {
                Value::from(items.into_iter().map(Tree::into_value).collect::<Vec<_>>())
            }
        }
    }

    /// Merges another file's tree into this one (module view): block lists concatenate.
    fn merge(&mut self, other: Tree) {
        match (self, other) {
            (Tree::Map(a), Tree::Map(b)) => {
                for (k, v) in b {
                    match a.get_mut(&k) {
                        Some(existing) => existing.merge(v),
                        None => {
                            a.insert(k, v);
                        }
                    }
                }
            }
            (Tree::Blocks(a), Tree::Blocks(b)) => a.extend(b),
            (slot, other) => *slot = other,
        }
    }
}

/// Byte offset → 1-based line and column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let col = offset - self.starts[line - 1] + 1;
        (line as u32, col as u32)
    }

    fn span(&self, range: Option<std::ops::Range<usize>>) -> Span {
        match range {
            Some(r) => {
                let (line, col) = self.position(r.start);
                let (end_line, _) = self.position(r.end.saturating_sub(1).max(r.start));
                Span::new(line, col, end_line)
            }
            None => Span::new(1, 1, 1),
        }
    }
}

/// Parses the files of one module directory; returns documents for the files marked `judge`.
pub fn parse_module(files: &[SourceFile], tfvars: &[SourceFile]) -> Parsed {
    let mut parsed = Parsed::default();
    enum Syntax {
        Hcl(Body),
        Json(Tree, Locations),
    }
    let mut bodies: Vec<(&SourceFile, Syntax)> = Vec::new();
    for file in files {
        if file.path.ends_with(".json") {
            match parse_json(&file.path, &file.text) {
                Ok((tree, locs)) => bodies.push((file, Syntax::Json(tree, locs))),
                Err(e) => {
                    if file.judge {
                        parsed.errors.push(e)
                    }
                }
            }
        } else {
            match hcl_edit::parser::parse_body(&file.text) {
                Ok(body) => bodies.push((file, Syntax::Hcl(body))),
                Err(e) => {
                    if file.judge {
                        parsed.errors.push(InputError::new(
                            &file.path,
                            e.location().line() as u32,
                            e.location().column() as u32,
                            format!("invalid HCL: {}", e.message()),
                        ))
                    }
                }
            }
        }
    }

    let hcl_bodies: Vec<&Body> = bodies
        .iter()
        .filter_map(|(_, s)| match s {
            Syntax::Hcl(b) => Some(b),
            Syntax::Json(..) => None,
        })
        .collect();
    let ctx = module_context(&hcl_bodies, tfvars);

    let mut module = Tree::Map(BTreeMap::new());
    // Per judged file: its tree, locations and the lines inside multi-line strings.
    type Judged<'a> = (&'a SourceFile, Tree, Locations, Vec<(u32, u32)>);
    let mut docs: Vec<Judged> = Vec::new();
    for (file, syntax) in bodies {
        let (tree, locations, literals) = match syntax {
            Syntax::Hcl(body) => {
                let mut conv = Converter {
                    text: &file.text,
                    lines: LineIndex::new(&file.text),
                    ctx: &ctx,
                    locations: Locations::default(),
                };
                let mut tree = Tree::Map(BTreeMap::new());
                conv.body(&body, &mut tree, &mut String::new());
                let mut literals = Literals {
                    lines: &conv.lines,
                    out: Vec::new(),
                };
                hcl_edit::visit::Visit::visit_body(&mut literals, &body);
                (tree, conv.locations, literals.out)
            }
            Syntax::Json(tree, locations) => (tree, locations, Vec::new()),
        };
        module.merge(tree.clone());
        if file.judge {
            docs.push((file, tree, locations, literals));
        }
    }
    let module = Arc::new(module.into_value());
    for (file, tree, locations, literals) in docs {
        parsed.documents.push(Document {
            path: Arc::from(file.path.as_str()),
            format: Format::Terraform,
            index: 0,
            value: tree.into_value(),
            locations,
            span: Span::new(1, 1, super::line_count(&file.text)),
            resource: None,
            module: Some(module.clone()),
            source: Arc::from(file.text.as_str()),
            literal_lines: Arc::from(literals),
            line_map: None,
            manifests: None,
        });
    }
    parsed
}

/// Collects the lines inside multi-line strings and heredocs (after their first line).
struct Literals<'a> {
    lines: &'a LineIndex,
    out: Vec<(u32, u32)>,
}

impl Literals<'_> {
    fn add(&mut self, range: Option<std::ops::Range<usize>>) {
        let span = self.lines.span(range);
        if span.end_line > span.line {
            self.out.push((span.line + 1, span.end_line));
        }
    }
}

impl hcl_edit::visit::Visit for Literals<'_> {
    fn visit_heredoc_template(&mut self, node: &hcl_edit::template::HeredocTemplate) {
        self.add(node.span());
    }

    fn visit_string_template(&mut self, node: &hcl_edit::template::StringTemplate) {
        self.add(node.span());
    }

    fn visit_string(&mut self, node: &hcl_edit::Decorated<String>) {
        self.add(node.span());
    }
}

/// Reads a module directory and parses it: the files in `judge` get documents; the directory's
/// other `.tf`, `.tf.json`, `terraform.tfvars` and `*.auto.tfvars` files give context (variables,
/// locals, related resources) even when only some files were named, as pre-commit does.
pub fn read_module(dir: &Path, judge: &[Source], max: u64, files_judged: &mut usize) -> Parsed {
    let mut errors = Vec::new();
    let wanted: HashSet<&Path> = judge.iter().filter_map(Source::path).collect();
    let rel_dir = judge
        .first()
        .and_then(|c| c.rel.rsplit_once('/').map(|(d, _)| d.to_string()))
        .unwrap_or_default();
    let rel_of = |name: &str| {
        if rel_dir.is_empty() {
            name.to_string()
        } else {
            format!("{rel_dir}/{name}")
        }
    };
    // Names stay `OsString`s: Terraform loads a `.tf` whose name is not valid UTF-8, so must we.
    let mut names: Vec<OsString> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name())
                .collect()
        })
        .unwrap_or_default();
    for path in &wanted {
        if let Some(name) = path.file_name() {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_os_string());
            }
        }
    }
    names.sort();
    let mut files = Vec::new();
    let mut tfvars = Vec::new();
    for os_name in names {
        let path = dir.join(&os_name);
        let name = os_name.to_string_lossy();
        let is_judged = wanted.contains(path.as_path());
        let lower = name.to_ascii_lowercase();
        let is_tf = lower.ends_with(".tf") || lower.ends_with(".tf.json");
        let is_vars = lower == "terraform.tfvars" || lower.ends_with(".auto.tfvars");
        if !is_tf && !is_vars && !is_judged {
            continue;
        }
        match read_text(&path, max) {
            Ok(text) => {
                let file = SourceFile::new(rel_of(&name), text, is_judged);
                if is_vars {
                    tfvars.push(file)
                } else {
                    files.push(file)
                }
            }
            // Terraform reads every one of these files, so one it cannot read is not skipped
            // quietly, judged or not.
            Err(Unread(reason)) => errors.push(InputError::new(&rel_of(&name), 0, 0, reason)),
        }
    }
    *files_judged += files.iter().filter(|f| f.judge).count();
    let mut module = parse_module(&files, &tfvars);
    module.errors.extend(errors);
    module
}

/// Resource and data types a configuration document declares, and `provider` when it
/// configures a provider (rules about provider blocks declare that type).
pub(super) fn types(doc: &Document) -> HashSet<String> {
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

/// The address a value path lies in: `type.name`, `data.type.name`, `module.name`, ...
pub(super) fn resource_at(path: &[PathSeg]) -> Option<String> {
    let key = |i: usize| match path.get(i) {
        Some(PathSeg::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    match (key(0), key(1), key(2)) {
        (Some("resource"), Some(t), Some(n)) => Some(format!("{t}.{n}")),
        (Some("data"), Some(t), Some(n)) => Some(format!("data.{t}.{n}")),
        (Some(kind @ ("module" | "variable" | "output" | "provider")), Some(n), _) => {
            Some(format!("{kind}.{n}"))
        }
        _ => None,
    }
}

/// The first resource or data source whose address satisfies `pred`, and its body's path.
pub(super) fn find_resource(
    doc: &Document,
    pred: &dyn Fn(&str) -> bool,
) -> Option<(String, Vec<PathSeg>)> {
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
                    let path = vec![
                        PathSeg::Key(block.into()),
                        PathSeg::Key(t.to_string()),
                        PathSeg::Key(n.to_string()),
                        PathSeg::Index(0),
                    ];
                    return Some((address, path));
                }
            }
        }
    }
    None
}

/// The path of the block an address names (`data.t.n`, `module.m`, `t.n`).
pub(super) fn path_of_address(address: &str) -> Option<Vec<PathSeg>> {
    let parts: Vec<&str> = address.split('.').collect();
    let key = |s: &str| PathSeg::Key(s.to_string());
    Some(match parts.as_slice() {
        ["data", t, n] => vec![key("data"), key(t), key(n)],
        [kind @ ("module" | "variable" | "output" | "provider"), n] => vec![key(kind), key(n)],
        [t, n] => vec![key("resource"), key(t), key(n)],
        _ => return None,
    })
}

/// `.tf.json`: Terraform's JSON syntax, reshaped so block bodies are lists as in `.tf`.
fn parse_json(path: &str, text: &str) -> Result<(Tree, Locations), InputError> {
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

/// Builds the evaluation context: `var.*` from defaults and tfvars, `local.*` where resolvable.
fn module_context(bodies: &[&Body], tfvars: &[SourceFile]) -> Context<'static> {
    let mut ctx = base_context();
    let mut vars = hcl::Map::new();
    for body in bodies {
        for block in body.get_blocks("variable") {
            let Some(name) = block.labels.first().map(label_text) else {
                continue;
            };
            if let Some(attr) = block.body.get_attribute("default") {
                let expr: hcl::Expression = attr.value.clone().into();
                if let Ok(v) = expr.evaluate(&ctx) {
                    vars.insert(name, v);
                }
            }
        }
    }
    // terraform.tfvars first, then *.auto.tfvars in lexical order: later files win, as in Terraform.
    let mut ordered: Vec<&SourceFile> = tfvars.iter().collect();
    ordered.sort_by_key(|f| {
        (
            !f.path.ends_with("/terraform.tfvars") && f.path != "terraform.tfvars",
            f.path.clone(),
        )
    });
    for file in ordered {
        let Ok(body) = hcl_edit::parser::parse_body(&file.text) else {
            continue;
        };
        for attr in body.iter().filter_map(Structure::as_attribute) {
            let expr: hcl::Expression = attr.value.clone().into();
            if let Ok(v) = expr.evaluate(&ctx) {
                vars.insert(attr.key.to_string(), v);
            }
        }
    }
    ctx.declare_var("var", hcl::Value::Object(vars));

    // Locals may refer to each other in any order: evaluate to a fixed point.
    let local_exprs: Vec<(String, hcl::Expression)> = bodies
        .iter()
        .flat_map(|b| b.get_blocks("locals"))
        .flat_map(|block| block.body.iter().filter_map(Structure::as_attribute))
        .map(|attr| (attr.key.to_string(), attr.value.clone().into()))
        .collect();
    let mut locals = hcl::Map::new();
    loop {
        ctx.declare_var("local", hcl::Value::Object(locals.clone()));
        let mut progressed = false;
        for (name, expr) in &local_exprs {
            if locals.contains_key(name) {
                continue;
            }
            if let Ok(v) = expr.evaluate(&ctx) {
                locals.insert(name.clone(), v);
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    ctx.declare_var("local", hcl::Value::Object(locals));
    ctx
}

fn label_text(label: &BlockLabel) -> String {
    match label {
        BlockLabel::Ident(i) => i.as_str().to_string(),
        BlockLabel::String(s) => s.as_str().to_string(),
    }
}

struct Converter<'a> {
    text: &'a str,
    lines: LineIndex,
    ctx: &'a Context<'a>,
    locations: Locations,
}

impl Converter<'_> {
    fn body(&mut self, body: &Body, tree: &mut Tree, ptr: &mut String) {
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
                    Err(_) => Value::from(self.unresolved(other)),
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

/// The functions tollgate evaluates statically. Anything else stays unresolved (`"${...}"`).
fn base_context() -> Context<'static> {
    let mut ctx = Context::new();
    let mut path = hcl::Map::new();
    for k in ["module", "root", "cwd"] {
        path.insert(k.to_string(), hcl::Value::from("."));
    }
    ctx.declare_var("path", hcl::Value::Object(path));
    ctx.declare_func("jsonencode", FuncDef::new(f_jsonencode, [ParamType::Any]));
    ctx.declare_func("lower", FuncDef::new(f_lower, [ParamType::String]));
    ctx.declare_func("upper", FuncDef::new(f_upper, [ParamType::String]));
    ctx.declare_func("trimspace", FuncDef::new(f_trimspace, [ParamType::String]));
    ctx.declare_func("tostring", FuncDef::new(f_tostring, [ParamType::Any]));
    ctx.declare_func("tonumber", FuncDef::new(f_tonumber, [ParamType::Any]));
    ctx.declare_func("tobool", FuncDef::new(f_tobool, [ParamType::Any]));
    for name in ["tolist", "toset", "tomap", "sensitive", "nonsensitive"] {
        ctx.declare_func(name, FuncDef::new(f_identity, [ParamType::Any]));
    }
    ctx.declare_func(
        "concat",
        FuncDef::builder()
            .variadic_param(ParamType::array_of(ParamType::Any))
            .build(f_concat),
    );
    ctx.declare_func(
        "merge",
        FuncDef::builder()
            .variadic_param(ParamType::Any)
            .build(f_merge),
    );
    ctx.declare_func(
        "coalesce",
        FuncDef::builder()
            .variadic_param(ParamType::Any)
            .build(f_coalesce),
    );
    ctx.declare_func(
        "join",
        FuncDef::new(
            f_join,
            [ParamType::String, ParamType::array_of(ParamType::Any)],
        ),
    );
    ctx.declare_func(
        "split",
        FuncDef::new(f_split, [ParamType::String, ParamType::String]),
    );
    ctx.declare_func(
        "lookup",
        FuncDef::builder()
            .params([ParamType::object_of(ParamType::Any), ParamType::String])
            .variadic_param(ParamType::Any)
            .build(f_lookup),
    );
    ctx.declare_func("length", FuncDef::new(f_length, [ParamType::Any]));
    ctx.declare_func(
        "format",
        FuncDef::builder()
            .param(ParamType::String)
            .variadic_param(ParamType::Any)
            .build(f_format),
    );
    ctx.declare_func(
        "replace",
        FuncDef::new(
            f_replace,
            [ParamType::String, ParamType::String, ParamType::String],
        ),
    );
    ctx
}

fn f_jsonencode(args: FuncArgs) -> Result<hcl::Value, String> {
    serde_json::to_string(&args[0])
        .map(hcl::Value::String)
        .map_err(|e| e.to_string())
}
fn f_lower(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0].as_str().unwrap_or_default().to_lowercase(),
    ))
}
fn f_upper(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0].as_str().unwrap_or_default().to_uppercase(),
    ))
}
fn f_trimspace(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0].as_str().unwrap_or_default().trim(),
    ))
}
fn f_identity(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(args[0].clone())
}
fn f_tostring(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::String(s) => Ok(hcl::Value::from(s.as_str())),
        hcl::Value::Number(n) => Ok(hcl::Value::from(n.to_string())),
        hcl::Value::Bool(b) => Ok(hcl::Value::from(b.to_string())),
        hcl::Value::Null => Ok(hcl::Value::Null),
        _ => Err("tostring: not a primitive".into()),
    }
}
fn f_tonumber(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::Number(n) => Ok(hcl::Value::Number(*n)),
        hcl::Value::String(s) => s
            .parse::<i64>()
            .map(hcl::Value::from)
            .or_else(|_| s.parse::<f64>().map(hcl::Value::from))
            .map_err(|e| e.to_string()),
        _ => Err("tonumber: not a number".into()),
    }
}
fn f_tobool(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::Bool(b) => Ok(hcl::Value::Bool(*b)),
        hcl::Value::String(s) if s == "true" => Ok(hcl::Value::Bool(true)),
        hcl::Value::String(s) if s == "false" => Ok(hcl::Value::Bool(false)),
        _ => Err("tobool: not a bool".into()),
    }
}
fn f_concat(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut out = Vec::new();
    for a in args.iter() {
        out.extend(a.as_array().cloned().unwrap_or_default());
    }
    Ok(hcl::Value::Array(out))
}
fn f_merge(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut out = hcl::Map::new();
    for a in args.iter() {
        match a {
            hcl::Value::Object(m) => out.extend(m.clone()),
            hcl::Value::Null => {}
            _ => return Err("merge: not an object".into()),
        }
    }
    Ok(hcl::Value::Object(out))
}
fn f_coalesce(args: FuncArgs) -> Result<hcl::Value, String> {
    args.iter()
        .find(|v| !v.is_null() && v.as_str() != Some(""))
        .cloned()
        .ok_or_else(|| "coalesce: no non-null argument".into())
}
fn f_join(args: FuncArgs) -> Result<hcl::Value, String> {
    let sep = args[0].as_str().unwrap_or_default();
    let parts: Option<Vec<String>> = args[1]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or(None);
    parts
        .map(|p| hcl::Value::from(p.join(sep)))
        .ok_or_else(|| "join: not strings".into())
}
fn f_split(args: FuncArgs) -> Result<hcl::Value, String> {
    let sep = args[0].as_str().unwrap_or_default();
    let s = args[1].as_str().unwrap_or_default();
    Ok(hcl::Value::Array(
        s.split(sep).map(hcl::Value::from).collect(),
    ))
}
fn f_lookup(args: FuncArgs) -> Result<hcl::Value, String> {
    let key = args[1].as_str().unwrap_or_default();
    match args[0].as_object().and_then(|m| m.get(key)) {
        Some(v) => Ok(v.clone()),
        None => args
            .get(2)
            .cloned()
            .ok_or_else(|| format!("lookup: no key `{key}`")),
    }
}
fn f_length(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::Array(a) => Ok(hcl::Value::from(a.len() as u64)),
        hcl::Value::Object(m) => Ok(hcl::Value::from(m.len() as u64)),
        hcl::Value::String(s) => Ok(hcl::Value::from(s.chars().count() as u64)),
        _ => Err("length: unsupported".into()),
    }
}
fn f_replace(args: FuncArgs) -> Result<hcl::Value, String> {
    let (s, from, to) = (
        args[0].as_str().unwrap_or_default(),
        args[1].as_str().unwrap_or_default(),
        args[2].as_str().unwrap_or_default(),
    );
    if from.starts_with('/') && from.ends_with('/') && from.len() > 1 {
        return Err("replace: regular expressions are not evaluated".into());
    }
    Ok(hcl::Value::from(s.replace(from, to)))
}
/// `format` with the verbs real configurations use (`%s`, `%d`, `%v`, `%%`).
fn f_format(args: FuncArgs) -> Result<hcl::Value, String> {
    let spec = args[0].as_str().unwrap_or_default();
    let mut rest = args.iter().skip(1);
    let mut out = String::new();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('s') | Some('d') | Some('v') => match rest.next() {
                Some(hcl::Value::String(s)) => out.push_str(s),
                Some(hcl::Value::Number(n)) => out.push_str(&n.to_string()),
                Some(hcl::Value::Bool(b)) => out.push_str(&b.to_string()),
                _ => return Err("format: unsupported argument".into()),
            },
            _ => return Err("format: unsupported verb".into()),
        }
    }
    Ok(hcl::Value::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(files: &[(&str, &str)]) -> Parsed {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(p, t)| SourceFile {
                path: p.to_string(),
                text: t.to_string(),
                judge: true,
            })
            .collect();
        parse_module(&files, &[])
    }

    #[test]
    fn conftest_shape_with_lists_and_nested_blocks() {
        let parsed = module(&[(
            "main.tf",
            "resource \"aws_security_group\" \"web\" {\n  name = \"web\"\n  ingress {\n    from_port   = 22\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
        )]);
        let doc = &parsed.documents[0];
        let sg = &doc.value["resource"]["aws_security_group"]["web"][0];
        assert_eq!(sg["name"], Value::from("web"));
        assert_eq!(sg["ingress"][0]["from_port"], Value::from(22));
        assert_eq!(sg["ingress"][0]["cidr_blocks"][0], Value::from("0.0.0.0/0"));
        let locs = &doc.locations;
        assert_eq!(
            locs.get("/resource/aws_security_group/web/0").unwrap().line,
            1
        );
        assert_eq!(
            locs.get("/resource/aws_security_group/web/0")
                .unwrap()
                .end_line,
            7
        );
        assert_eq!(
            locs.get("/resource/aws_security_group/web/0/ingress/0/cidr_blocks")
                .unwrap()
                .line,
            5
        );
        assert_eq!(
            locs.get("/resource/aws_security_group/web/0/ingress/0")
                .unwrap()
                .line,
            3
        );
    }

    #[test]
    fn variables_locals_and_functions_resolve_across_files() {
        let parsed = module(&[
            (
                "main.tf",
                "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"${local.prefix}-logs\"\n  acl = var.acl\n  policy = jsonencode({Statement = [{Action = \"*\"}]})\n  other = aws_s3_bucket.x.id\n  tmpl = \"arn:${var.unset}/*\"\n}\n",
            ),
            (
                "vars.tf",
                "variable \"acl\" {\n  default = \"public-read\"\n}\nvariable \"unset\" {}\nlocals {\n  prefix = lower(local.name)\n  name = \"ACME\"\n}\n",
            ),
        ]);
        let b = &parsed.documents[0].value["resource"]["aws_s3_bucket"]["b"][0];
        assert_eq!(b["bucket"], Value::from("acme-logs"));
        assert_eq!(b["acl"], Value::from("public-read"));
        assert_eq!(
            b["policy"],
            Value::from(r#"{"Statement":[{"Action":"*"}]}"#)
        );
        assert_eq!(b["other"], Value::from("${aws_s3_bucket.x.id}"));
        assert_eq!(b["tmpl"], Value::from("arn:${var.unset}/*"));
        let module = parsed.documents[0].module.as_ref().unwrap();
        assert!(module["variable"]["acl"][0]["default"] == Value::from("public-read"));
        assert!(module["resource"]["aws_s3_bucket"]["b"][0]["acl"] == Value::from("public-read"));
    }

    #[test]
    fn tfvars_override_defaults() {
        let files = vec![SourceFile {
            path: "m/main.tf".into(),
            text: "variable \"public\" {\n  default = false\n}\nresource \"aws_db_instance\" \"d\" {\n  publicly_accessible = var.public\n}\n".into(),
            judge: true,
        }];
        let tfvars = vec![SourceFile {
            path: "m/terraform.tfvars".into(),
            text: "public = true\n".into(),
            judge: false,
        }];
        let parsed = parse_module(&files, &tfvars);
        let d = &parsed.documents[0].value["resource"]["aws_db_instance"]["d"][0];
        assert_eq!(d["publicly_accessible"], Value::from(true));
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let parsed = module(&[("bad.tf", "resource \"a\" \"b\" {\n  x = \n}\n")]);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].line, 2, "{:?}", parsed.errors[0]);
    }

    #[test]
    fn tf_json_is_shaped_like_hcl() {
        let parsed = module(&[(
            "main.tf.json",
            "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\"acl\": \"public-read\"}}}}",
        )]);
        let v = &parsed.documents[0].value;
        assert_eq!(
            v["resource"]["aws_s3_bucket"]["b"][0]["acl"],
            Value::from("public-read")
        );
    }
}
