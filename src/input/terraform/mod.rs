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
    Document, Format, InputError, Instance, Locations, ModuleCall, OpenTofuModule, Parsed, PathSeg,
    ResourceKeys, Source, Span, Unfollowed, Unread, push_index, push_key, read_text,
};
mod callers;
mod calls;
mod cidr;
mod convert;
mod eval;
mod functions;
mod index;
mod json;
mod lookup;
mod modules;
mod more_functions;
mod repeat;
mod repeated_keys;
mod types;
mod vars;

pub use callers::{CallerSearch, MAX_CANDIDATES, declares_backend, find_caller, local_calls};
pub use convert::hcl_to_value;
use convert::*;
use json::*;
pub(super) use lookup::{find_resource, path_of_address, resource_at, types};
use modules::*;
pub use modules::{TerraformSettings, read_module, read_root};
use repeated_keys::parse_hcl;
use vars::*;

use functions::base_context;
use hcl::eval::{Context, Evaluate};
use hcl_edit::Span as _;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{BlockLabel, Body, Structure};
use regorus::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
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
#[derive(Clone)]
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

/// Parses the files of one module directory as a root module; returns documents for the files
/// marked `judge`.
pub fn parse_module(files: &[SourceFile], tfvars: &[SourceFile]) -> Parsed {
    evaluate(files, Vars::Root(tfvars), None, None).parsed
}

/// A `module` block of an evaluated module.
struct CallSite {
    name: String,
    file: String,
    line: u32,
    /// Line of the `source` argument (where a bad source is reported).
    source_line: u32,
    source: Option<String>,
    count: Option<hcl::Expression>,
    for_each: Option<hcl::Expression>,
    args: Vec<(String, hcl::Expression)>,
}

/// One module evaluated: its documents, its evaluation context (for its calls' arguments), and
/// its `module` blocks.
struct Evaluated {
    parsed: Parsed,
    ctx: Context<'static>,
    calls: Vec<CallSite>,
}

/// Evaluates the files of one module (a root, or an instance with the caller's inputs); `access`
/// says where its `file()` calls read from and what `path.module` is.
fn evaluate(
    files: &[SourceFile],
    vars: Vars,
    instance: Option<&Arc<Instance>>,
    access: Option<&eval::FileAccess>,
) -> Evaluated {
    let mut parsed = Parsed::default();
    enum Syntax {
        /// The body, and the text its spans refer to when repeated keys had to be renamed.
        Hcl(Body, Option<String>),
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
            match parse_hcl(&file.text) {
                Ok((body, patched)) => bodies.push((file, Syntax::Hcl(body, patched))),
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
            Syntax::Hcl(b, _) => Some(b),
            Syntax::Json(..) => None,
        })
        .collect();
    // Variables declared in `.tf.json` files count as much as those in `.tf`.
    let json_defaults: Vec<(String, hcl::Value)> = bodies
        .iter()
        .filter_map(|(_, s)| match s {
            Syntax::Json(tree, _) => Some(tree.clone().into_value()),
            Syntax::Hcl(..) => None,
        })
        .flat_map(|v| json_variable_defaults(&v))
        .collect();
    let ctx = module_context(&hcl_bodies, &json_defaults, &vars, access);
    let mut calls = Vec::new();
    for (file, syntax) in &bodies {
        let Syntax::Hcl(body, _) = syntax else {
            continue;
        };
        let lines = LineIndex::new(&file.text);
        for block in body.get_blocks("module") {
            let Some(name) = block.labels.first().map(label_text) else {
                continue;
            };
            let attr = |key: &str| {
                block
                    .body
                    .get_attribute(key)
                    .map(|a| hcl::Expression::from(a.value.clone()))
            };
            let source = attr("source").and_then(|e| match eval::eval(&e, &ctx) {
                Ok(hcl::Value::String(s)) => Some(s),
                _ => None,
            });
            let args = block
                .body
                .iter()
                .filter_map(Structure::as_attribute)
                .filter(|a| {
                    !matches!(
                        a.key.as_str(),
                        "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                    )
                })
                .map(|a| (a.key.to_string(), hcl::Expression::from(a.value.clone())))
                .collect();
            let line = lines.span(block.span()).line;
            calls.push(CallSite {
                name,
                file: file.path.clone(),
                line,
                source_line: block
                    .body
                    .get_attribute("source")
                    .map_or(line, |a| lines.span(a.span()).line),
                source,
                count: attr("count"),
                for_each: attr("for_each"),
                args,
            });
        }
    }

    // `module` blocks of `.tf.json` files are followed like those of `.tf` files.
    for (file, syntax) in &bodies {
        if let Syntax::Json(tree, locations) = syntax {
            calls.extend(json::module_calls(&file.path, tree, locations));
        }
    }

    let mut converted: Vec<Converted> = Vec::new();
    for (file, syntax) in bodies {
        let (tree, locations, literals, keys) = match syntax {
            Syntax::Hcl(body, patched) => {
                let text = patched.as_deref().unwrap_or(&file.text);
                let lines = LineIndex::new(text);
                let mut conv = Converter {
                    text,
                    lines: &lines,
                    ctx: &ctx,
                    locations: Locations::default(),
                    unresolved_count: 0,
                    keys: ResourceKeys::default(),
                };
                let mut tree = Tree::Map(BTreeMap::new());
                conv.body(&body, &mut tree, &mut String::new());
                let mut literals = Literals {
                    lines: &lines,
                    out: Vec::new(),
                };
                hcl_edit::visit::Visit::visit_body(&mut literals, &body);
                if file.judge {
                    parsed.unresolved += conv.unresolved_count;
                }
                (tree, conv.locations, literals.out, conv.keys)
            }
            Syntax::Json(mut tree, mut locations) => {
                // Terraform's JSON syntax: strings are templates (`"${var.region}"`).
                let mut keys = ResourceKeys::default();
                let unresolved = interpolate_json(&mut tree, &ctx, &mut keys, &mut locations);
                if file.judge {
                    parsed.unresolved += unresolved;
                }
                (tree, locations, Vec::new(), keys)
            }
        };
        converted.push((file, tree, locations, literals, keys));
    }
    // Override files merge into the blocks they override, after the normal files, block by
    // block and attribute by attribute, as Terraform merges them; they are never judged as
    // resources of their own.
    let (overrides, mut normal): (Vec<Converted>, Vec<Converted>) = converted
        .into_iter()
        .partition(|(file, ..)| is_override(&file.path));
    // A named override file (pre-commit) is judged through the files it changes.
    let mut touched = vec![false; normal.len()];
    for (file, override_tree, ..) in &overrides {
        for i in apply_override(override_tree, &mut normal) {
            touched[i] |= file.judge;
        }
    }
    let mut module = Tree::Map(BTreeMap::new());
    let mut docs: Vec<Converted> = Vec::new();
    for ((file, tree, locations, literals, keys), touched) in normal.into_iter().zip(touched) {
        module.merge(tree.clone());
        if file.judge || touched {
            docs.push((file, tree, locations, literals, keys));
        }
    }
    let module = module.into_value();
    let index = Arc::new(index::resources(&module));
    let links = Arc::new(index::links(&index));
    let module = Arc::new(module);
    for (file, tree, locations, literals, keys) in docs {
        parsed.documents.push(Document {
            path: Arc::from(file.path.as_str()),
            format: Format::Terraform,
            index: 0,
            value: tree.into_value(),
            locations,
            span: Span::new(1, 1, super::line_count(&file.text)),
            resource: None,
            module: Some(module.clone()),
            module_resources: Some(index.clone()),
            module_links: Some(links.clone()),
            source: Arc::from(file.text.as_str()),
            literal_lines: Arc::from(literals),
            line_map: None,
            manifests: None,
            instance: instance.cloned(),
            resource_keys: (!keys.is_empty()).then(|| Arc::new(keys)),
        });
    }
    Evaluated { parsed, ctx, calls }
}

/// One file of a module, converted: its tree, locations and the lines inside multi-line strings.
type Converted<'a> = (
    &'a SourceFile,
    Tree,
    Locations,
    Vec<(u32, u32)>,
    ResourceKeys,
);

/// `override.tf`, `*_override.tf` and their `.tf.json` forms.
fn is_override(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = [".tf.json", ".tf", ".tofu.json", ".tofu"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    stem == "override" || stem.ends_with("_override")
}

/// Merges an override file's blocks into the first normal file that defines each block:
/// attributes replace attributes, a nested block type replaces all nested blocks of that type.
/// (Blocks the normal files do not define are ignored, as Terraform rejects them.)
fn apply_override(override_tree: &Tree, normal: &mut [Converted]) -> Vec<usize> {
    let mut touched = Vec::new();
    let Tree::Map(top) = override_tree else {
        return touched;
    };
    for (block_type, by_label) in top {
        let Some(labels) = label_count(block_type) else {
            continue;
        };
        // Every (labels..., body) of this block type in the override file.
        let mut bodies: Vec<(Vec<String>, &Tree)> = Vec::new();
        collect_bodies(by_label, labels, &mut Vec::new(), &mut bodies);
        for (path, body) in bodies {
            for (i, (_, tree, ..)) in normal.iter_mut().enumerate() {
                if let Some(target) = find_body(tree, block_type, &path) {
                    if let (Tree::Map(target), Tree::Map(source)) = (target, body) {
                        for (k, v) in source {
                            target.insert(k.clone(), v.clone());
                        }
                    }
                    touched.push(i);
                    break;
                }
            }
        }
    }
    touched
}

fn collect_bodies<'t>(
    node: &'t Tree,
    labels: usize,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, &'t Tree)>,
) {
    if labels == 0 {
        if let Tree::Blocks(list) = node {
            for body in list {
                out.push((path.clone(), body));
            }
        }
        return;
    }
    if let Tree::Map(map) = node {
        for (k, v) in map {
            path.push(k.clone());
            collect_bodies(v, labels - 1, path, out);
            path.pop();
        }
    }
}

/// The first body of block `block_type` with these labels in a file's tree.
fn find_body<'t>(tree: &'t mut Tree, block_type: &str, labels: &[String]) -> Option<&'t mut Tree> {
    let Tree::Map(top) = tree else { return None };
    let mut node = top.get_mut(block_type)?;
    for label in labels {
        let Tree::Map(map) = node else { return None };
        node = map.get_mut(label)?;
    }
    match node {
        Tree::Blocks(list) => list.first_mut(),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_display_paths_join_lexically_and_keep_an_absolute_root() {
        assert_eq!(join_rel("envs/prod", "../../modules/x"), "modules/x");
        assert_eq!(join_rel(".", "./modules/x"), "modules/x");
        assert_eq!(join_rel("examples/complete", "../.."), ".");
        assert_eq!(
            join_rel("/tmp/repo/examples/complete", "../../"),
            "/tmp/repo"
        );
        assert_eq!(join_rel("a", "../../b"), "../b");
    }

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
