//! Parsed documents: positions ([`Span`]), the location index of every field ([`Locations`]),
//! [`Document`] with its resource lookups, and what parsing reports besides documents.

use super::*;

/// A position in a source file: 1-based line and column, plus the last line the item spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
}

impl Span {
    pub fn new(line: u32, column: u32, end_line: u32) -> Self {
        Span {
            line,
            column,
            end_line: end_line.max(line),
        }
    }
}

/// One step of a path into a document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// Maps value paths (the arrays Rego's `walk` yields) to the source span of the value.
///
/// Paths are stored as JSON pointers (`/spec/containers/0/securityContext`), which keeps the map
/// a flat `HashMap<String, Span>` without per-lookup allocation of segment vectors.
#[derive(Debug, Default, Clone)]
pub struct Locations {
    map: HashMap<String, Span>,
}

impl Locations {
    pub fn insert(&mut self, pointer: &str, span: Span) {
        self.map.insert(pointer.to_string(), span);
    }

    pub fn get(&self, pointer: &str) -> Option<Span> {
        self.map.get(pointer).copied()
    }

    /// The span of the longest prefix of `path` that has a location, and that prefix's length.
    pub fn lookup(&self, path: &[PathSeg]) -> Option<(Span, usize)> {
        let mut pointers = Vec::with_capacity(path.len() + 1);
        let mut pointer = String::new();
        pointers.push(pointer.clone());
        for seg in path {
            push_segment(&mut pointer, seg);
            pointers.push(pointer.clone());
        }
        pointers
            .iter()
            .enumerate()
            .rev()
            .find_map(|(len, p)| self.get(p).map(|span| (span, len)))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Every pointer and its span, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Span)> {
        self.map.iter().map(|(p, s)| (p.as_str(), *s))
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Appends one segment to a JSON pointer, escaping `~` and `/` as RFC 6901 requires.
pub fn push_segment(pointer: &mut String, seg: &PathSeg) {
    pointer.push('/');
    match seg {
        PathSeg::Key(k) => {
            for c in k.chars() {
                match c {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    c => pointer.push(c),
                }
            }
        }
        PathSeg::Index(i) => pointer.push_str(&i.to_string()),
    }
}

/// Pushes a key segment onto a pointer and returns the previous length, to truncate back to.
pub fn push_key(pointer: &mut String, key: &str) -> usize {
    let len = pointer.len();
    push_segment(pointer, &PathSeg::Key(key.to_string()));
    len
}

pub fn push_index(pointer: &mut String, index: usize) -> usize {
    let len = pointer.len();
    pointer.push('/');
    pointer.push_str(&index.to_string());
    len
}

/// Instance keys of Terraform resources repeated by `count`/`for_each`, by the JSON pointer of
/// their block (`/resource/aws_s3_bucket/b` → `["[0]", "[1]"]`), in the order of its bodies.
pub type ResourceKeys = HashMap<String, Vec<String>>;

/// One evaluation unit: what policies see as `input`.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the repository root, with `/`.
    pub path: Arc<str>,
    pub format: Format,
    /// Position of this document in its file (multi-document YAML, `List` items).
    pub index: usize,
    pub value: Value,
    pub locations: Locations,
    /// Lines the whole document spans.
    pub span: Span,
    /// For Kubernetes: `Kind/namespace/name` (or `Kind/name`); Terraform resources are named per finding.
    pub resource: Option<String>,
    /// For Terraform: all files of the module directory merged, exposed as `data.tollgate.module`.
    pub module: Option<Arc<Value>>,
    /// For Terraform: the module's resources by type, exposed as `data.tollgate.module_resources`.
    pub module_resources: Option<Arc<Value>>,
    /// For Terraform: which resources of the module name which others, exposed as
    /// `data.tollgate.module_links` (see `terraform::index::links`).
    pub module_links: Option<Arc<Value>>,
    /// The file's text (shared by its documents), for inline suppressions.
    pub source: Arc<str>,
    /// Line ranges of the file (shared by its documents) that lie inside multi-line string
    /// values (YAML block scalars, heredocs): text there is data, never a comment.
    pub literal_lines: Arc<[(u32, u32)]>,
    /// For Kubernetes: every manifest of the same file, chart render or overlay (this one
    /// included), so rules can judge a workload with its ServiceAccount, Service or
    /// NetworkPolicy as deployed together.
    pub manifests: Option<Arc<Manifests>>,
    /// For Terraform documents of a module instance: its address and the calls that lead to it.
    pub instance: Option<Arc<Instance>>,
    /// For Terraform: the instance keys of the document's repeated resources, so that findings
    /// carry Terraform's address (`aws_s3_bucket.b["logs"]`).
    pub resource_keys: Option<Arc<ResourceKeys>>,
    /// For rendered documents (Helm, Kustomize): where each rendered line came from. Locations
    /// stay in rendered lines; findings are carried to the source file through this map.
    pub line_map: Option<Arc<render::LineMap>>,
}

impl Document {
    /// The resource types (Terraform) or kind (Kubernetes) this document holds, to skip rules
    /// whose declared `resource_types` cannot occur in it. `None` (plans): every rule applies.
    pub fn types(&self) -> Option<HashSet<String>> {
        match self.format {
            Format::Kubernetes => kubernetes::types(self),
            Format::Terraform => Some(terraform::types(self)),
            Format::TerraformPlan => None,
        }
    }

    /// The resource a value path lies in (`aws_s3_bucket.logs`, a plan `address`, the manifest).
    pub fn resource_at(&self, path: &[PathSeg]) -> String {
        let found = match self.format {
            Format::Kubernetes => None,
            Format::Terraform => terraform::resource_at(path, self.resource_keys.as_deref()),
            Format::TerraformPlan => plan::resource_at(self, path),
        };
        found.unwrap_or_else(|| self.default_resource())
    }

    /// The first resource whose address satisfies `pred`, with its span.
    pub fn find_resource(&self, pred: impl Fn(&str) -> bool) -> Option<(String, Span)> {
        let (address, path) = match self.format {
            Format::Kubernetes => None,
            Format::Terraform => terraform::find_resource(self, &pred),
            Format::TerraformPlan => plan::find_resource(self, &pred),
        }?;
        let span = self
            .locations
            .lookup(&path)
            .map(|(s, _)| s)
            .unwrap_or(self.span);
        Some((address, span))
    }

    /// First line of a resource: where inline suppressions anchor.
    pub fn resource_line(&self, address: &str) -> Option<u32> {
        match self.format {
            Format::Kubernetes => Some(self.span.line),
            Format::TerraformPlan => None,
            Format::Terraform => {
                let path = terraform::path_of_address(address)?;
                self.locations
                    .lookup(&path)
                    .filter(|(_, len)| *len == path.len())
                    .map(|(s, _)| s.line)
            }
        }
    }

    /// Is `line` inside a multi-line string value of the file?
    pub fn in_literal(&self, line: u32) -> bool {
        self.literal_lines
            .iter()
            .any(|&(start, end)| start <= line && line <= end)
    }

    /// How many resources of these types (Kubernetes kinds, `group/Kind`, Terraform types) the
    /// document holds: what a rule declaring them evaluated, for compliance rates. `own` is the
    /// document's [`Document::types`], computed once by the caller rather than once per rule.
    pub fn resource_count(&self, types: &[String], own: Option<&HashSet<String>>) -> usize {
        match self.format {
            Format::Kubernetes => {
                usize::from(own.is_some_and(|own| types.iter().any(|t| own.contains(t))))
            }
            Format::Terraform => types
                .iter()
                .map(|t| {
                    ["resource", "data"]
                        .iter()
                        .map(|block| {
                            self.value[*block][t.as_str()]
                                .as_object()
                                .map_or(0, |o| o.len())
                        })
                        .sum::<usize>()
                })
                .sum(),
            Format::TerraformPlan => plan::resource_count(&self.value, types),
        }
    }

    /// The resource named when nothing more precise is known: the manifest, else the file.
    pub fn default_resource(&self) -> String {
        self.resource
            .clone()
            .unwrap_or_else(|| self.path.to_string())
    }
}

/// A Terraform module instance: `module.site`, `module.site["a"]`, `module.a.module.b[0]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub address: String,
    /// The `module` blocks from the root to this instance, outermost first (shared by every
    /// finding of the instance).
    pub calls: Arc<[ModuleCall]>,
}

/// One `module` block on the way to an instance: where it is and the instance it creates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct ModuleCall {
    pub file: String,
    pub line: u32,
    pub address: String,
}

/// A module call tollgate did not follow, and why (counted and shown in every report).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Unfollowed {
    pub file: String,
    pub line: u32,
    pub address: String,
    pub source: String,
    pub reason: String,
}

/// A file the scan looked at but did not judge, and why. Counted and listed in reports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// A file that should have been judged but could not be: the run fails closed (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct InputError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl InputError {
    pub fn new(path: &str, line: u32, column: u32, message: impl Into<String>) -> Self {
        InputError {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// What parsing one file produced.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<InputError>,
    /// Time spent in renderer subprocesses (helm, kustomize).
    pub render_time: std::time::Duration,
    /// Module calls not followed (a remote source that is not downloaded).
    pub unfollowed: Vec<Unfollowed>,
    /// Terraform attribute values that static evaluation could not resolve.
    pub unresolved: usize,
    /// Module directories read as OpenTofu reads them (they have `.tofu` files).
    pub opentofu: Vec<OpenTofuModule>,
}

/// A module directory with `.tofu` files, read as OpenTofu reads it: each `.tofu` file takes the
/// place of the same-named `.tf` (Terraform ignores `.tofu` files). Shown in every report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct OpenTofuModule {
    pub dir: String,
    /// The `.tf`/`.tf.json` files not read because a `.tofu` file replaces them.
    pub replaced: Vec<String>,
}

impl Parsed {
    /// Adds what another reading produced. Several callers of one module read its files once
    /// each: what they share (a file's error, an unfollowed call, an OpenTofu directory) is
    /// kept once.
    pub fn append(&mut self, other: Parsed) {
        fn add_new<T: PartialEq>(to: &mut Vec<T>, from: Vec<T>) {
            for item in from {
                if !to.contains(&item) {
                    to.push(item);
                }
            }
        }
        self.documents.extend(other.documents);
        add_new(&mut self.skipped, other.skipped);
        add_new(&mut self.errors, other.errors);
        add_new(&mut self.unfollowed, other.unfollowed);
        add_new(&mut self.opentofu, other.opentofu);
        self.render_time += other.render_time;
        self.unresolved += other.unresolved;
    }
}

/// Number of lines in `text`, for spans that cover a whole file.
pub fn line_count(text: &str) -> u32 {
    let n = text.lines().count() as u32;
    n.max(1)
}

/// The Kubernetes manifests deployed together (a file, a chart render, an overlay), as rules see
/// them; made once per unit and shared by its documents.
#[derive(Debug)]
pub struct Manifests {
    /// `data.tollgate.manifests`: every manifest, in order.
    pub list: Value,
    /// `data.tollgate.manifest_index`: kind → namespace (`""` when unset) → name → manifest, the
    /// last of duplicates (as applying the stream would leave it). A rule looking up the
    /// ServiceAccount of each of 20,000 Pods in one stream must not scan the stream per Pod.
    pub index: Value,
}

impl Manifests {
    pub fn new(manifests: Vec<Value>) -> Manifests {
        let mut index: BTreeMap<Value, BTreeMap<Value, BTreeMap<Value, Value>>> = BTreeMap::new();
        let empty = Value::from("");
        for m in &manifests {
            let field = |v: &Value| match v {
                Value::Undefined => empty.clone(),
                v => v.clone(),
            };
            index
                .entry(field(&m["kind"]))
                .or_default()
                .entry(field(&m["metadata"]["namespace"]))
                .or_default()
                .insert(field(&m["metadata"]["name"]), m.clone());
        }
        let index = index
            .into_iter()
            .map(|(kind, namespaces)| {
                let namespaces: BTreeMap<Value, Value> = namespaces
                    .into_iter()
                    .map(|(ns, names)| (ns, Value::from(names)))
                    .collect();
                (kind, Value::from(namespaces))
            })
            .collect::<BTreeMap<Value, Value>>();
        Manifests {
            list: Value::from(manifests),
            index: Value::from(index),
        }
    }
}
