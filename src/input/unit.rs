//! Units of work (a Terraform module directory, a chart render, an overlay, a file, standard
//! input), how candidates group into them, and the one parse dispatch ([`load`]).

use super::*;
use rayon::prelude::*;

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
    /// Files named inside a module that modules outside the named files call (pre-commit):
    /// judged through those callers' instances. Each caller is a root module directory, with its
    /// path relative to the root; never empty.
    Through {
        callers: Vec<(PathBuf, String)>,
        judge: Vec<Source>,
    },
    /// A Helm chart directory, rendered with `helm template`.
    Chart { dir: PathBuf, rel: String },
    /// A Kustomize overlay directory, built with `kustomize build` / `kubectl kustomize`.
    Overlay { dir: PathBuf, rel: String },
    /// A file that stands alone (a manifest stream, a plan, rendered output on standard input).
    File(Source),
}

impl Unit {
    /// The files a unit judges by name (none for a render: its directory stands for them).
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        let list: &[Source] = match self {
            Unit::Module { judge, .. } | Unit::Through { judge, .. } => judge,
            Unit::File(source) => std::slice::from_ref(source),
            Unit::Chart { .. } | Unit::Overlay { .. } => &[],
        };
        list.iter()
    }

    /// A render's directory (chart or overlay), relative to the root.
    pub fn render_dir(&self) -> Option<&str> {
        match self {
            Unit::Chart { rel, .. } | Unit::Overlay { rel, .. } => Some(rel),
            _ => None,
        }
    }
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
///
/// Also returns what the search for named files' callers could not settle (see [`Grouping`]).
pub fn units(sources: Vec<Source>, root: &Path, named_files: bool) -> Grouping {
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
    let mut has_kustomization: HashMap<PathBuf, bool> = HashMap::new();
    for s in &rest {
        let Some(path) = s.path() else { continue };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if overlays.contains_key(&dir) {
            continue;
        }
        // Asked once per directory: three `stat`s per file were a third of planning.
        let found = match has_kustomization.get(&dir) {
            Some(&found) => found,
            None => {
                let found = kustomize::kustomization_in(&dir).is_some();
                has_kustomization.insert(dir.clone(), found);
                found
            }
        };
        if !found {
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
                if !consumed_files.is_empty()
                    && std::fs::canonicalize(path).is_ok_and(|c| consumed_files.contains(&c)) => {}
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
    // Reading every module's calls is most of planning: in parallel (in the scan's pool).
    let dirs: Vec<&PathBuf> = modules.keys().collect();
    let edges: BTreeMap<PathBuf, Vec<PathBuf>> = dirs
        .par_iter()
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
    let modules: Vec<(PathBuf, Vec<Source>)> = modules.into_iter().collect();
    let grouped: Vec<(Unit, Option<String>, Vec<InputError>)> = modules
        .into_par_iter()
        .map(|(dir, judge)| {
            let called = std::fs::canonicalize(&dir).is_ok_and(|c| called.contains(&c));
            // Files named on their own (pre-commit) in a module some other module calls: judged
            // through the caller, not with the module's defaults. A module that configures its
            // state backend is a root (Terraform reads a backend only there): no search.
            if named_files && !called && !terraform::declares_backend(&dir) {
                let (search, unreadable) = terraform::find_caller(&dir, &root);
                let errors = unreadable
                    .into_iter()
                    .map(|u| {
                        let message = format!(
                            "could not read which modules this file calls, looking for the callers of module `{}` (a file named): {}",
                            crate::discover::relative(&root_given, &dir),
                            u.message
                        );
                        let rel = crate::discover::relative(&root_given, &u.path);
                        InputError::new(&rel, u.line, u.column, message)
                    })
                    .collect();
                match search {
                    terraform::CallerSearch::Found(callers) => {
                        let callers = callers
                            .into_iter()
                            .map(|caller| {
                                let rel = crate::discover::relative(&root_given, &caller);
                                (caller, rel)
                            })
                            .collect();
                        return (Unit::Through { callers, judge }, None, errors);
                    }
                    terraform::CallerSearch::Stopped => {
                        let rel = crate::discover::relative(&root_given, &dir);
                        return (Unit::Module { dir, judge, called }, Some(rel), errors);
                    }
                    terraform::CallerSearch::NoCaller => {
                        return (Unit::Module { dir, judge, called }, None, errors);
                    }
                }
            }
            (Unit::Module { dir, judge, called }, None, Vec::new())
        })
        .collect();
    let mut all = Vec::with_capacity(grouped.len());
    let mut caller_search_stopped = Vec::new();
    let mut caller_search_errors = Vec::new();
    for (unit, stopped, errors) in grouped {
        all.push(unit);
        caller_search_stopped.extend(stopped);
        caller_search_errors.extend(errors);
    }
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
    Grouping {
        units: all,
        caller_search_stopped,
        caller_search_errors,
    }
}

/// Units, and what the search for named files' callers could not settle.
pub struct Grouping {
    pub units: Vec<Unit>,
    /// Directories (relative) of named files whose caller search stopped at its bound: judged as
    /// root modules, and the report says so.
    pub caller_search_stopped: Vec<String>,
    /// Files that could call a named file's module (or one of its callers) but do not parse: the
    /// named file's judgment is incomplete, as a scan of the repository would be (exit 2).
    pub caller_search_errors: Vec<InputError>,
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
        let manifests = Arc::new(super::Manifests::new(manifests));
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
        // Judged through its callers' instances; its files count once here, however many
        // instances the callers make of it.
        Unit::Module {
            called: true,
            judge,
            ..
        } => {
            *files += judge.len();
            Parsed::default()
        }
        Unit::Module { dir, judge, .. } => {
            terraform::read_module(dir, judge, &settings.terraform, max, files)
        }
        Unit::Through { callers, judge } => {
            let wanted: HashSet<&str> = judge.iter().map(|s| s.rel.as_str()).collect();
            // A shared module may have dozens of callers: read in parallel, merged in order.
            let read: Vec<(Parsed, usize)> = callers
                .par_iter()
                .map(|(caller, caller_rel)| {
                    let mut judged = 0;
                    let mut one = terraform::read_root(
                        caller,
                        caller_rel,
                        &settings.terraform,
                        max,
                        &mut judged,
                    );
                    one.documents.retain(|d| wanted.contains(&*d.path));
                    (one, judged)
                })
                .collect();
            let mut parsed = Parsed::default();
            for (one, judged) in read {
                parsed.append(one);
                *files += judged;
            }
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
