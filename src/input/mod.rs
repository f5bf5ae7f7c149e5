//! Everything tollgate knows about input formats: which files it reads ([`FileKind`]), what a
//! candidate is ([`Source`]: a file on disk or bytes with a display name, such as standard input),
//! how its format is recognised ([`Source::sniff`]), the one parse dispatch ([`load`]), and the
//! parsed [`Document`]s with their [`Locations`] index and resource lookups.
//!
//! Each format has its own module that turns text into documents. Nothing outside `input/`
//! matches on file names or document shapes; this module never looks at policies or findings.

pub mod helm;
pub mod kubernetes;
pub mod kustomize;
pub mod plan;
pub mod render;
pub mod terraform;
pub(crate) mod yaml;

use regorus::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The input families. A built-in rule belongs to one (by its package), an aggregate rule is
/// generated per family, and each document [`Format`] belongs to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Kubernetes,
    Terraform,
}

impl Family {
    pub const ALL: [Family; 2] = [Family::Kubernetes, Family::Terraform];

    /// The family's name: built-in packages live under `tollgate.<name>.`, built-in files under
    /// `policies/<name>...`, and the generated aggregate rule is named after it.
    pub fn name(self) -> &'static str {
        match self {
            Family::Kubernetes => "kubernetes",
            Family::Terraform => "terraform",
        }
    }

    /// The family of a built-in rule package (`tollgate.kubernetes.x`), if any.
    pub fn of_builtin_package(package: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| {
            package
                .strip_prefix("tollgate.")
                .and_then(|rest| rest.strip_prefix(f.name()))
                .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// The family of an embedded policy file by its path under `policies/` (`kubernetes/x.rego`,
    /// `lib/terraform_module.rego`); `None` for files every family needs.
    pub fn of_builtin_path(rest: &str) -> Option<Family> {
        let rest = rest.strip_prefix("lib/").unwrap_or(rest);
        Family::ALL.into_iter().find(|f| rest.starts_with(f.name()))
    }
}

/// The formats of parsed documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A `.tf` or `.tf.json` configuration file.
    Terraform,
    /// A Kubernetes manifest document (YAML or JSON).
    Kubernetes,
    /// The JSON output of `terraform show -json`.
    TerraformPlan,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Terraform => "terraform",
            Format::Kubernetes => "kubernetes",
            Format::TerraformPlan => "terraform-plan",
        }
    }

    pub fn family(self) -> Family {
        match self {
            Format::Kubernetes => Family::Kubernetes,
            Format::Terraform | Format::TerraformPlan => Family::Terraform,
        }
    }
}

/// What a file is, by its name: the only place file names are interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `.tf` or `.tf.json`: read with the rest of its module directory.
    Terraform,
    /// `.yaml` / `.yml`: maybe Kubernetes.
    Yaml,
    /// `.json`: maybe Kubernetes, maybe a Terraform plan.
    Json,
}

impl FileKind {
    pub fn of(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tf") || lower.ends_with(".tf.json") {
            Some(FileKind::Terraform)
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(FileKind::Yaml)
        } else if lower.ends_with(".json") && !lower.ends_with(".tfvars.json") {
            Some(FileKind::Json)
        } else {
            None
        }
    }

    /// The families documents of this kind of file can belong to.
    pub fn families(self) -> &'static [Family] {
        match self {
            FileKind::Terraform => &[Family::Terraform],
            FileKind::Yaml => &[Family::Kubernetes],
            // A manifest or a plan.
            FileKind::Json => &[Family::Kubernetes, Family::Terraform],
        }
    }
}

/// Where a candidate's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A file to read.
    Disk(PathBuf),
    /// Bytes already in memory (standard input, a renderer's output).
    Memory(Arc<str>),
}

/// One candidate input: a display name (relative to the repository root, with `/`), where its
/// bytes come from, and its kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub rel: String,
    pub origin: Origin,
    pub kind: FileKind,
}

/// A source that could not be read as text: an error with its reason (the run fails closed).
#[derive(Debug)]
pub struct Unread(pub String);

impl Source {
    /// The file on disk, if the source is one.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Disk(p) => Some(p),
            Origin::Memory(_) => None,
        }
    }

    /// The source's text, within the size limit. A leading byte-order mark is kept (U+FEFF):
    /// whether it is allowed depends on the format.
    pub fn read(&self, max: u64) -> Result<String, Unread> {
        match &self.origin {
            Origin::Disk(path) => read_text(path, max),
            Origin::Memory(text) => Ok(text.to_string()),
        }
    }
}

/// Reads a file as text within the size limit (see [`decode`]).
pub fn read_text(path: &Path, max: u64) -> Result<String, Unread> {
    let meta = std::fs::metadata(path).map_err(|e| Unread(format!("cannot read: {e}")))?;
    if meta.len() > max {
        return Err(Unread(format!(
            "file is {} bytes, over the {max}-byte limit (raise --max-file-size or --exclude it)",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Unread(format!("cannot read: {e}")))?;
    decode(bytes).map_err(Unread)
}

/// Bytes to text as the consumers read them: UTF-8 (a byte-order mark stays as U+FEFF), or
/// UTF-16 with a byte-order mark (kubectl decodes it). Anything else is not text: a file tollgate
/// was asked to judge that it cannot read is an error, never a silent skip.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |be: bool| {
        if bytes.len() % 2 != 0 {
            return Err("UTF-16 text with an odd number of bytes".to_string());
        }
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|e| format!("invalid UTF-16 text: {e}"))
    };
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => return utf16(false),
        Some([0xFE, 0xFF]) => return utf16(true),
        _ => {}
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary content (a NUL byte at offset {at}), not text"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("not valid UTF-8 text (line {line}, byte offset {at}); save it as UTF-8")
    })
}

/// The text without a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The resource types and kinds the documents of these files hold, as the per-document rule
/// filter sees them ([`Document::types`]); `None` when that cannot be known up front (a path is
/// not a readable supported file, does not parse, or holds a plan, which every rule may judge).
/// Parsing, not a text search, decides: `kind: "P\x6fd"` is a Pod.
pub fn document_types(paths: &[PathBuf], max: u64) -> Option<HashSet<String>> {
    let mut types = HashSet::new();
    for path in paths {
        let name = path.file_name()?.to_string_lossy().into_owned();
        let kind = FileKind::of(&name)?;
        let source = Source {
            rel: name,
            origin: Origin::Disk(path.clone()),
            kind,
        };
        let mut files = 0;
        let settings = InputSettings {
            max_file_size: max,
            ..InputSettings::default()
        };
        let parsed = load(&Unit::File(source), &settings, &mut files);
        if !parsed.errors.is_empty() {
            return None;
        }
        for doc in &parsed.documents {
            types.extend(doc.types()?);
        }
    }
    Some(types)
}

/// The format of a standalone file's text: JSON is a plan only when its structure is a plan's.
fn sniff(kind: FileKind, text: &str) -> Format {
    if kind == FileKind::Json && plan::is_plan(text) {
        Format::TerraformPlan
    } else {
        Format::Kubernetes
    }
}

/// A unit of work: what is read and parsed together.
#[derive(Debug)]
pub enum Unit {
    /// A Terraform module directory and the files in it to judge (the other files of the
    /// directory are read for context). A directory that another module in the scan calls is
    /// judged through its callers' instances, not with its own defaults.
    Module {
        dir: PathBuf,
        judge: Vec<Source>,
        called: bool,
    },
    /// Files named inside a module that a module outside the named files calls (pre-commit):
    /// judged through that caller's instances. `caller` is the root module directory.
    Through {
        caller: PathBuf,
        caller_rel: String,
        judge: Vec<Source>,
    },
    /// A Helm chart directory, rendered with `helm template`.
    Chart { dir: PathBuf, rel: String },
    /// A Kustomize overlay directory, built with `kustomize build` / `kubectl kustomize`.
    Overlay { dir: PathBuf, rel: String },
    /// A file that stands alone (a manifest stream, a plan, rendered output on standard input).
    File(Source),
}

/// How units are read: limits and renderer settings.
#[derive(Debug, Clone, Default)]
pub struct InputSettings {
    /// Files larger than this are errors.
    pub max_file_size: u64,
    pub helm: helm::HelmSettings,
    pub kustomize: kustomize::KustomizeSettings,
    pub terraform: terraform::TerraformSettings,
}

/// Groups sources into units. Terraform files group by directory (a module is parsed as a
/// whole). A file inside a Helm chart (a directory with `Chart.yaml`, the outermost below
/// `root`) belongs to that chart's render, never read alone. Kustomizations are built, and the
/// files they consume are not judged again on their own; only kustomizations that no other one
/// in the scan uses are built. Modules come first: they are the heaviest units, and starting
/// them first keeps every worker busy to the end.
pub fn units(sources: Vec<Source>, root: &Path, named_files: bool) -> Vec<Unit> {
    let root_given = root.to_path_buf();
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut chart_of: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut charts: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut overlays: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut rest = Vec::new();
    for s in sources {
        let Some(path) = s.path() else {
            rest.push(s);
            continue;
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(chart) = outermost_chart(&dir, &root, &mut chart_of) {
            let rel = rel_dir(&s.rel, path, &chart);
            charts.entry(chart).or_insert(rel);
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| kustomize::FILE_NAMES.contains(&n.as_str())) {
            let rel = s.rel.rsplit_once('/').map_or(".", |(d, _)| d).to_string();
            overlays.entry(dir).or_insert(rel);
            continue;
        }
        rest.push(s);
    }
    // What the kustomizations consume is theirs; a kustomization another one uses is a base.
    let mut consumed_files: HashSet<PathBuf> = HashSet::new();
    let mut used_dirs: HashSet<PathBuf> = HashSet::new();
    for dir in overlays.keys() {
        let (files, dirs) = kustomize::consumed(dir);
        consumed_files.extend(files.iter().filter_map(|f| std::fs::canonicalize(f).ok()));
        used_dirs.extend(dirs.iter().filter_map(|d| std::fs::canonicalize(d).ok()));
    }
    // A file named alone (pre-commit) that a kustomization in its directory consumes is judged
    // through that kustomization.
    for s in &rest {
        let Some(path) = s.path() else { continue };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if overlays.contains_key(&dir) || kustomize::kustomization_in(&dir).is_none() {
            continue;
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let (files, _) = kustomize::consumed(&dir);
        if files
            .iter()
            .any(|f| std::fs::canonicalize(f).ok().as_ref() == Some(&canonical))
        {
            let rel = s.rel.rsplit_once('/').map_or(".", |(d, _)| d).to_string();
            consumed_files.insert(canonical);
            overlays.insert(dir, rel);
        }
    }
    let mut modules: BTreeMap<PathBuf, Vec<Source>> = BTreeMap::new();
    let mut files = Vec::new();
    for s in rest {
        match (s.kind, s.path()) {
            (_, Some(path))
                if std::fs::canonicalize(path).is_ok_and(|c| consumed_files.contains(&c)) => {}
            (FileKind::Terraform, Some(path)) => {
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                modules.entry(dir).or_default().push(s);
            }
            _ => files.push(Unit::File(s)),
        }
    }
    // Directories some module of the scan calls are judged through those calls; a directory that
    // no root of the scan reaches (a cycle) stays a root, so its problem is reported.
    let canonical = |d: &Path| std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf());
    let edges: BTreeMap<PathBuf, Vec<PathBuf>> = modules
        .keys()
        .map(|dir| {
            let me = canonical(dir);
            let callees = terraform::local_calls(dir)
                .iter()
                .map(|d| canonical(d))
                .filter(|d| *d != me)
                .collect();
            (me, callees)
        })
        .collect();
    let has_caller: HashSet<&PathBuf> = edges.values().flatten().collect();
    let mut reached: HashSet<PathBuf> = HashSet::new();
    let mut queue: Vec<&PathBuf> = edges.keys().filter(|d| !has_caller.contains(d)).collect();
    while let Some(dir) = queue.pop() {
        for callee in edges.get(dir).into_iter().flatten() {
            if reached.insert(callee.clone()) {
                queue.push(callee);
            }
        }
    }
    let called = reached;
    let mut all: Vec<Unit> = modules
        .into_iter()
        .map(|(dir, judge)| {
            let called = std::fs::canonicalize(&dir).is_ok_and(|c| called.contains(&c));
            // Files named on their own (pre-commit) in a module some other module calls: judged
            // through the caller, not with the module's defaults.
            if named_files && !called {
                if let Some(caller) = terraform::find_caller(&dir, &root) {
                    let caller_rel = crate::discover::relative(&root_given, &caller);
                    return Unit::Through {
                        caller,
                        caller_rel,
                        judge,
                    };
                }
            }
            Unit::Module { dir, judge, called }
        })
        .collect();
    all.extend(
        charts
            .into_iter()
            .map(|(dir, rel)| Unit::Chart { dir, rel }),
    );
    all.extend(
        overlays
            .into_iter()
            .filter(|(dir, _)| !std::fs::canonicalize(dir).is_ok_and(|c| used_dirs.contains(&c)))
            .map(|(dir, rel)| Unit::Overlay { dir, rel }),
    );
    all.extend(files);
    all
}

/// The outermost directory between `dir` and `root` that holds a `Chart.yaml`.
fn outermost_chart(
    dir: &Path,
    root: &Path,
    cache: &mut HashMap<PathBuf, Option<PathBuf>>,
) -> Option<PathBuf> {
    if let Some(found) = cache.get(dir) {
        return found.clone();
    }
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let parent = dir
        .parent()
        .filter(|_| canonical.starts_with(root) && canonical != root);
    let outer = parent.and_then(|p| outermost_chart(p, root, cache));
    let found = outer.or_else(|| {
        (canonical.starts_with(root) && dir.join("Chart.yaml").is_file()).then(|| dir.to_path_buf())
    });
    cache.insert(dir.to_path_buf(), found.clone());
    found
}

/// The display path of `dir`, an ancestor of `path` whose display path is `rel`.
fn rel_dir(rel: &str, path: &Path, dir: &Path) -> String {
    let depth = path
        .strip_prefix(dir)
        .map(|p| p.components().count())
        .unwrap_or(1);
    let mut out = rel;
    for _ in 0..depth {
        out = out.rsplit_once('/').map_or("", |(d, _)| d);
    }
    if out.is_empty() {
        ".".into()
    } else {
        out.to_string()
    }
}

/// Reads and parses one unit: the one parse dispatch. `files` counts the files judged.
pub fn load(unit: &Unit, settings: &InputSettings, files: &mut usize) -> Parsed {
    let mut parsed = parse_unit(unit, settings, files);
    // The unit's manifests, deployed together (a file, a chart render, an overlay).
    let manifests: Vec<Value> = parsed
        .documents
        .iter()
        .filter(|d| d.format == Format::Kubernetes)
        .map(|d| d.value.clone())
        .collect();
    if !manifests.is_empty() {
        let manifests = Arc::new(Value::from(manifests));
        for doc in parsed
            .documents
            .iter_mut()
            .filter(|d| d.format == Format::Kubernetes)
        {
            doc.manifests = Some(manifests.clone());
        }
    }
    parsed
}

fn parse_unit(unit: &Unit, settings: &InputSettings, files: &mut usize) -> Parsed {
    let max = settings.max_file_size;
    match unit {
        // Judged through its callers' instances.
        Unit::Module { called: true, .. } => Parsed::default(),
        Unit::Module { dir, judge, .. } => {
            terraform::read_module(dir, judge, &settings.terraform, max, files)
        }
        Unit::Through {
            caller,
            caller_rel,
            judge,
        } => {
            let wanted: HashSet<&str> = judge.iter().map(|s| s.rel.as_str()).collect();
            let mut parsed =
                terraform::read_root(caller, caller_rel, &settings.terraform, max, files);
            parsed.documents.retain(|d| wanted.contains(&*d.path));
            *files += judge.len();
            parsed
        }
        Unit::Chart { dir, rel } => {
            *files += 1;
            helm::render(dir, rel, &settings.helm)
        }
        Unit::Overlay { dir, rel } => {
            *files += 1;
            kustomize::render(dir, rel, &settings.kustomize)
        }
        Unit::File(source) => {
            let text = match source.read(max) {
                Ok(t) => t,
                Err(Unread(reason)) => {
                    return Parsed {
                        errors: vec![InputError::new(&source.rel, 0, 0, reason)],
                        ..Parsed::default()
                    };
                }
            };
            *files += 1;
            if source.kind == FileKind::Terraform {
                return terraform::parse_module(
                    &[terraform::SourceFile::new(source.rel.clone(), text, true)],
                    &[],
                );
            }
            // kubectl and Terraform's JSON reader both accept a UTF-8 byte-order mark here.
            let text = strip_bom(&text);
            // Rendered Helm output (`helm template ... | tollgate scan -`): attributed to the
            // templates through helm's `# Source:` comments.
            if source.path().is_none() && text.contains("# Source: ") {
                let label: Arc<str> = Arc::from(format!("helm output on {}", source.rel));
                return helm::attribute_stream(text, &settings.helm, &label);
            }
            let mut parsed = match sniff(source.kind, text) {
                Format::TerraformPlan => plan::parse(&source.rel, text),
                Format::Kubernetes | Format::Terraform => kubernetes::parse(&source.rel, text),
            };
            // A stream (standard input, a pipe) exists only to be judged: nothing in it is an
            // error (an empty pipe means the producer failed), not a skipped file.
            if source.path().is_none() && parsed.documents.is_empty() && parsed.errors.is_empty() {
                parsed.skipped.clear();
                parsed.errors.push(InputError::new(
                    &source.rel,
                    0,
                    0,
                    "no document to judge (no Kubernetes manifest or plan): did the command feeding it fail?",
                ));
            }
            parsed
        }
    }
}

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
    /// included), exposed as `data.tollgate.manifests` so rules can judge a workload with its
    /// ServiceAccount, Service or NetworkPolicy as deployed together.
    pub manifests: Option<Arc<Value>>,
    /// For Terraform documents of a module instance: its address and the calls that lead to it.
    pub instance: Option<Arc<Instance>>,
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
            Format::Terraform => terraform::resource_at(path),
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
    /// document holds: what a rule declaring them evaluated, for compliance rates.
    pub fn resource_count(&self, types: &[String]) -> usize {
        match self.format {
            Format::Kubernetes => usize::from(
                self.types()
                    .is_some_and(|own| types.iter().any(|t| own.contains(t))),
            ),
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
    /// The `module` blocks from the root to this instance, outermost first.
    pub calls: Vec<ModuleCall>,
}

/// One `module` block on the way to an instance: where it is and the instance it creates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct ModuleCall {
    pub file: String,
    pub line: u32,
    pub address: String,
}

/// A module call tollgate did not follow, and why (counted and shown in every report).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Unfollowed {
    pub file: String,
    pub line: u32,
    pub address: String,
    pub source: String,
    pub reason: String,
}

/// A file the scan looked at but did not judge, and why. Counted and listed in reports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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
}

/// Number of lines in `text`, for spans that cover a whole file.
pub fn line_count(text: &str) -> u32 {
    let n = text.lines().count() as u32;
    n.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_by_name() {
        assert_eq!(FileKind::of("main.tf"), Some(FileKind::Terraform));
        assert_eq!(FileKind::of("main.tf.json"), Some(FileKind::Terraform));
        assert_eq!(FileKind::of("x.YAML"), Some(FileKind::Yaml));
        assert_eq!(FileKind::of("plan.json"), Some(FileKind::Json));
        assert_eq!(FileKind::of("prod.tfvars.json"), None);
        assert_eq!(FileKind::of("README.md"), None);
        assert_eq!(FileKind::Json.families().len(), 2);
    }

    #[test]
    fn families_of_builtin_packages_and_paths() {
        assert_eq!(
            Family::of_builtin_package("tollgate.kubernetes.privileged_container"),
            Some(Family::Kubernetes)
        );
        assert_eq!(
            Family::of_builtin_package("tollgate.terraform.aws.x"),
            Some(Family::Terraform)
        );
        assert_eq!(Family::of_builtin_package("tollgate.lib.kubernetes"), None);
        assert_eq!(Family::of_builtin_package("tollgate.kubernetesx.y"), None);
        assert_eq!(
            Family::of_builtin_path("lib/terraform_module.rego"),
            Some(Family::Terraform)
        );
        assert_eq!(Family::of_builtin_path("README.md"), None);
        assert_eq!(Format::TerraformPlan.family(), Family::Terraform);
    }

    #[test]
    fn units_group_terraform_by_directory_and_keep_memory_sources_alone() {
        let disk = |rel: &str, kind| Source {
            rel: rel.into(),
            origin: Origin::Disk(PathBuf::from("/r").join(rel)),
            kind,
        };
        let units = units(
            vec![
                disk("m/a.tf", FileKind::Terraform),
                disk("k/p.yaml", FileKind::Yaml),
                disk("m/b.tf", FileKind::Terraform),
                Source {
                    rel: "<stdin>".into(),
                    origin: Origin::Memory(Arc::from("kind: Pod")),
                    kind: FileKind::Yaml,
                },
            ],
            Path::new("/r"),
            false,
        );
        assert_eq!(units.len(), 3);
        assert!(matches!(&units[0], Unit::Module { judge, called: false, .. } if judge.len() == 2));
        assert!(matches!(&units[2], Unit::File(s) if s.path().is_none()));
    }
}
