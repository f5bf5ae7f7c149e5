//! Finding who calls a module directory (pre-commit names a file inside a called module: it is
//! judged through its caller), and the local modules a directory calls.

use super::*;
use rayon::prelude::*;
use std::collections::HashSet;

/// Directories looked at before giving up: the search is a heuristic for one named file, and
/// must stay cheap when nothing calls the module (a root module).
pub const MAX_CANDIDATES: usize = 2000;
/// How far below each ancestor callers are looked for: `live/<env>/<app>` calling
/// `../../../modules/x` is three levels below the root the two share.
const LEVELS_DOWN: usize = 3;

/// What the search for a module directory's callers found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerSearch {
    /// The root modules (directories nothing in the search calls) whose calls reach the module,
    /// directly or through other modules, nearest first; never empty.
    Found(Vec<PathBuf>),
    /// Every candidate directory was looked at: nothing calls it.
    NoCaller,
    /// The search stopped at its bound (`MAX_CANDIDATES`) without finding one.
    Stopped,
}

/// The root modules outside the scan whose instances include `dir`: the directories that call it,
/// among `dir` itself, its ancestors up to `root`, and their subdirectories three levels down (at
/// most 2,000 directories, each looked at once), and for a caller that is itself called, its
/// callers in turn. So a named file is judged as a scan of the whole repository judges it: through
/// every root that deploys it. Every caller counts: the nearest may make no instance (a
/// `wrappers/` module over an empty map) where another passes the values that matter; callers
/// below the module count too (a module at the repository root is called by its `examples/`).
///
/// Also the files that could call one of these directories but do not parse: which modules they
/// call is unknown, so the named file's judgment is incomplete (a scan of the repository would stop
/// at them too).
pub fn find_caller(dir: &Path, root: &Path) -> (CallerSearch, Vec<Unreadable>) {
    let Ok(target) = std::fs::canonicalize(dir) else {
        return (CallerSearch::NoCaller, Vec::new());
    };
    let (candidates, over) = candidates(&target, root);
    let roots = roots_reaching(&target, &candidates);
    let unreadable = candidates
        .iter()
        .filter_map(|c| c.calls.get())
        .flat_map(|(_, unreadable)| unreadable.iter().cloned())
        .collect();
    let search = match (roots.is_empty(), over) {
        // Judged through the roots found, if any; else as a root, and reported.
        (false, _) => CallerSearch::Found(roots),
        (true, true) => CallerSearch::Stopped,
        (true, false) => CallerSearch::NoCaller,
    };
    (search, unreadable)
}

/// A configuration file whose module calls could not be read: it does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A configuration file's text that could hold a `module` block.
struct ModuleText {
    path: PathBuf,
    text: String,
    json: bool,
}

/// A directory the search looked at: the texts of its configuration files that mention
/// `module`, and the local directories they call, parsed only when a text could call the
/// directory asked about.
struct Candidate {
    dir: PathBuf,
    texts: Vec<ModuleText>,
    calls: std::sync::OnceLock<(Vec<PathBuf>, Vec<Unreadable>)>,
}

impl Candidate {
    fn calls(&self, dir: &Path) -> bool {
        let Some(name) = dir.file_name().map(|n| n.to_string_lossy()) else {
            return false;
        };
        // A relative `source` reaching `dir` ends in its last component, unless it only
        // climbs (`..`, `../..`) to an ancestor of the caller; the text shows either before
        // parsing.
        self.dir != dir
            && self.texts.iter().any(|t| may_call(&t.text, &name))
            && self
                .calls
                .get_or_init(|| {
                    let (calls, unreadable) = calls_in(&self.dir, &self.texts);
                    let calls = calls
                        .iter()
                        .filter_map(|callee| std::fs::canonicalize(callee).ok())
                        .collect();
                    (calls, unreadable)
                })
                .0
                .iter()
                .any(|callee| callee == dir)
    }
}

/// The directories searched for callers of `target`, nearest first, and whether the search
/// stopped at its bound.
fn candidates(target: &Path, root: &Path) -> (Vec<Candidate>, bool) {
    let mut visited: HashSet<PathBuf> = HashSet::from([target.to_path_buf()]);
    let mut found: Vec<Candidate> = Vec::new();
    // The module's own directory first: its subdirectories are the nearest candidates.
    let mut ancestor = Some(target);
    while let Some(a) = ancestor {
        if !a.starts_with(root) {
            break;
        }
        // Level by level below the ancestor, so that callers come nearest first.
        let mut frontier = vec![a.to_path_buf()];
        for depth in 0..=LEVELS_DOWN {
            let mut level: Vec<PathBuf> = frontier
                .iter()
                .filter(|d| visited.insert((*d).clone()))
                .cloned()
                .collect();
            let over = visited.len() > MAX_CANDIDATES;
            if over {
                let excess = visited.len() - MAX_CANDIDATES;
                level.truncate(level.len().saturating_sub(excess));
            }
            // Read in parallel, kept in search order.
            found.par_extend(level.into_par_iter().filter_map(|dir| {
                let texts = module_texts(&dir);
                (!texts.is_empty()).then(|| Candidate {
                    dir,
                    texts,
                    calls: std::sync::OnceLock::new(),
                })
            }));
            if over {
                return (found, true);
            }
            if depth < LEVELS_DOWN {
                frontier = frontier.iter().flat_map(|d| subdirectories(d)).collect();
            }
        }
        ancestor = a.parent();
    }
    (found, false)
}

/// The candidates that reach `target` through their calls and that no candidate calls, nearest
/// first (breadth first from `target`'s direct callers).
fn roots_reaching(target: &Path, candidates: &[Candidate]) -> Vec<PathBuf> {
    let callers_of = |dir: &Path| -> Vec<usize> {
        (0..candidates.len())
            .into_par_iter()
            .filter(|&i| candidates[i].calls(dir))
            .collect()
    };
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue: std::collections::VecDeque<usize> = callers_of(target).into();
    let mut roots = Vec::new();
    while let Some(i) = queue.pop_front() {
        if !seen.insert(i) {
            continue;
        }
        let above = callers_of(&candidates[i].dir);
        if above.is_empty() {
            roots.push(candidates[i].dir.clone());
        }
        queue.extend(above);
    }
    roots
}

/// Whether a configuration file of `dir` configures state (`terraform { backend ... }` or
/// `cloud`): Terraform reads that only in a root module, so the directory is planned on its own
/// and needs no caller (which spares a pre-commit run the search through the repository).
pub fn declares_backend(dir: &Path) -> bool {
    tf_files(dir).into_iter().any(|(path, json)| {
        let Ok(text) = std::fs::read_to_string(&path) else {
            return false;
        };
        if !text.contains("backend") && !text.contains("cloud") {
            return false;
        }
        let text = crate::input::strip_bom(&text);
        if json {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
                return false;
            };
            return value
                .get("terraform")
                .map(json_objects)
                .unwrap_or_default()
                .iter()
                .any(|t| t.contains_key("backend") || t.contains_key("cloud"));
        }
        let Ok(body) = repeated_keys::parse_hcl(text).map(|(body, _)| body) else {
            return false;
        };
        body.get_blocks("terraform").any(|t| {
            t.body.get_blocks("backend").next().is_some()
                || t.body.get_blocks("cloud").next().is_some()
        })
    })
}

/// Subdirectories worth searching (hidden ones and `node_modules` are not Terraform).
fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        // The entry's own type answers without a stat, except for links.
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => entry.path().is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => false,
        };
        if is_dir {
            out.push(entry.path());
        }
    }
    out.sort();
    out
}

/// The local module directories the configuration files of `dir` call (to know which
/// directories are judged through their callers rather than as roots).
/// A file that does not parse calls nothing here: the reader reports it when it judges it.
pub fn local_calls(dir: &Path) -> Vec<PathBuf> {
    calls_in(dir, &module_texts(dir)).0
}

/// The texts of `dir`'s configuration files that could hold a `module` block.
fn module_texts(dir: &Path) -> Vec<ModuleText> {
    tf_files(dir)
        .into_iter()
        .filter_map(|(path, json)| {
            let text = std::fs::read_to_string(&path).ok()?;
            let text = text
                .contains("module")
                .then(|| crate::input::strip_bom(&text).to_string())?;
            Some(ModuleText { path, text, json })
        })
        .collect()
}

/// The local module directories that these texts of `dir`'s files call, and the files among them
/// that do not parse.
fn calls_in(dir: &Path, texts: &[ModuleText]) -> (Vec<PathBuf>, Vec<Unreadable>) {
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    for t in texts {
        let sources = if t.json {
            json_sources(&t.text)
        } else {
            hcl_sources(&t.text)
        };
        let sources = match sources {
            Ok(sources) => sources,
            Err((line, column, message)) => {
                unreadable.push(Unreadable {
                    path: t.path.clone(),
                    line,
                    column,
                    message,
                });
                continue;
            }
        };
        for source in sources {
            if source.starts_with("./") || source.starts_with("../") || source == ".." {
                out.push(dir.join(source));
            }
        }
    }
    (out, unreadable)
}

/// Where a text failed to parse: line, column (1-based) and why.
type ParseFailure = (u32, u32, String);

/// The configuration files of `dir` as Terraform or OpenTofu reads them (with whether each is
/// JSON), in name order: `.tf`, `.tf.json`, `.tofu`, `.tofu.json`, less the `.tf` files a `.tofu`
/// file takes the place of — the same files the module reader judges the directory by.
fn tf_files(dir: &Path) -> Vec<(PathBuf, bool)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<std::ffi::OsString> = entries
        .flatten()
        .map(|entry| entry.file_name())
        .filter(|name| {
            super::modules::is_configuration(&name.to_string_lossy().to_ascii_lowercase())
        })
        .collect();
    names.sort();
    let shadowed = super::modules::shadowed_by_tofu(&names);
    names
        .into_iter()
        .filter(|name| !shadowed.contains(name))
        .map(|name| {
            let lower = name.to_string_lossy().to_ascii_lowercase();
            let json = lower.ends_with(".json");
            (dir.join(name), json)
        })
        .collect()
}

/// A JSON value that is an object, or an array of objects (Terraform accepts both for blocks).
fn json_objects(value: &serde_json::Value) -> Vec<&serde_json::Map<String, serde_json::Value>> {
    match value {
        serde_json::Value::Object(map) => vec![map],
        serde_json::Value::Array(items) => items.iter().flat_map(json_objects).collect(),
        _ => Vec::new(),
    }
}

/// Whether the text holds a string ending in the path component `name` (`"../modules/name"`,
/// `"./name/"`; a local source always has a `/`) or made of dots and slashes only (`"../.."`).
fn may_call(text: &str, name: &str) -> bool {
    if text.contains(&format!("/{name}\"")) || text.contains(&format!("/{name}/\"")) {
        return true;
    }
    text.split('"')
        .skip(1)
        .step_by(2)
        .any(|s| s.starts_with("..") && s.bytes().all(|b| b == b'.' || b == b'/'))
}

/// The statically known `source` of every `module` block of an HCL file.
fn hcl_sources(text: &str) -> Result<Vec<String>, ParseFailure> {
    let body = match repeated_keys::parse_hcl(text) {
        Ok((body, _)) => body,
        Err(e) => {
            let at = e.location();
            let (line, column) = (at.line() as u32, at.column() as u32);
            return Err((line, column, e.message().to_string()));
        }
    };
    let ctx = base_context();
    Ok(body
        .get_blocks("module")
        .filter_map(|block| {
            let value = block.body.get_attribute("source")?.value.clone();
            match hcl::Expression::from(value).evaluate(&ctx) {
                Ok(hcl::Value::String(source)) => Some(source),
                _ => None,
            }
        })
        .collect())
}

/// The `source` of every module of a `.tf.json` file: `{"module": {"name": {...}}}`, where
/// either level may also be an array of such objects (as Terraform accepts).
fn json_sources(text: &str) -> Result<Vec<String>, ParseFailure> {
    let value = serde_json::from_str::<serde_json::Value>(text)
        .map_err(|e| (e.line() as u32, e.column() as u32, e.to_string()))?;
    let Some(modules) = value.get("module") else {
        return Ok(Vec::new());
    };
    Ok(json_objects(modules)
        .into_iter()
        .flat_map(|by_name| by_name.values())
        .flat_map(json_objects)
        .filter_map(|module| module.get("source")?.as_str().map(str::to_string))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_reaching_a_directory_shows_its_name_or_only_climbs() {
        assert!(may_call(
            r#"module "a" { source = "../../modules/net" }"#,
            "net"
        ));
        assert!(may_call(r#"module "a" { source = "./net/" }"#, "net"));
        assert!(may_call(r#"{"source": "${path.module}/../net"}"#, "net"));
        assert!(may_call(r#"module "a" { source = "../.." }"#, "net"));
        assert!(!may_call(r#"module "a" { source = "../other" }"#, "net"));
        // The name as a word elsewhere is not a call.
        assert!(!may_call(
            r#"resource "aws_net" "net" { name = "net" }"#,
            "net"
        ));
        assert!(!may_call(r#"a = "..x" b = "/" c = "nt2""#, "net"));
    }

    #[test]
    fn json_module_sources_in_every_form() {
        let text = r#"{"module": [{"a": {"source": "./a"}}, {"b": [{"source": "../b"}]}]}"#;
        assert_eq!(json_sources(text).unwrap(), vec!["./a", "../b"]);
        assert_eq!(json_sources("not json").unwrap_err().0, 1);
    }

    #[test]
    fn callers_are_found_nearest_first_and_in_tf_json() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        let module = root.join("modules/net");
        std::fs::create_dir_all(&module).unwrap();
        std::fs::write(module.join("main.tf"), "variable \"x\" {}\n").unwrap();
        let env = root.join("envs/prod");
        std::fs::create_dir_all(&env).unwrap();
        std::fs::write(
            env.join("main.tf.json"),
            r#"{"module": {"net": {"source": "../../modules/net"}}}"#,
        )
        .unwrap();
        assert_eq!(
            find_caller(&module, &root).0,
            CallerSearch::Found(vec![env.clone()])
        );
        assert_eq!(local_calls(&env), vec![env.join("../../modules/net")]);
        // A module nothing calls has no caller.
        assert_eq!(find_caller(&env, &root).0, CallerSearch::NoCaller);
    }

    #[test]
    fn a_module_is_found_called_from_below_it() {
        // Writes `dir/main.tf`, making the directory.
        fn main_tf(dir: &Path, text: &str) {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join("main.tf"), text).unwrap();
        }
        // The layout of a published module: the module at the root, called by its examples.
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        main_tf(&root, "variable \"x\" {}\n");
        let example = root.join("examples/complete");
        main_tf(&example, "module \"m\" {\n  source = \"../../\"\n}\n");
        let found = find_caller(&root, &root).0;
        assert_eq!(found, CallerSearch::Found(vec![example]));
        // The same below a module that is not at the root.
        let module = root.join("modules/net");
        let below = module.join("examples/basic");
        main_tf(&module, "variable \"x\" {}\n");
        main_tf(&below, "module \"n\" {\n  source = \"../..\"\n}\n");
        let found = find_caller(&module, &root).0;
        assert_eq!(found, CallerSearch::Found(vec![below]));
    }

    #[test]
    fn a_caller_that_is_itself_called_gives_way_to_its_roots() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        let write = |dir: &str, text: &str| {
            std::fs::create_dir_all(root.join(dir)).unwrap();
            std::fs::write(root.join(dir).join("main.tf"), text).unwrap();
        };
        write("modules/net", "variable \"x\" {}\n");
        write(
            "modules/app",
            "module \"net\" {\n  source = \"../net\"\n}\n",
        );
        write(
            "live/prod/app",
            "module \"app\" {\n  source = \"../../../modules/app\"\n}\n",
        );
        // A cycle (which Terraform rejects) ends the climb instead of looping.
        write(
            "modules/a",
            "module \"b\" {\n  source = \"../b\"\n}\nmodule \"net\" {\n  source = \"../net\"\n}\n",
        );
        write("modules/b", "module \"a\" {\n  source = \"../a\"\n}\n");
        assert_eq!(
            find_caller(&root.join("modules/net"), &root).0,
            CallerSearch::Found(vec![root.join("live/prod/app")])
        );
    }

    #[test]
    fn every_caller_is_found_near_and_far() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        let module = root.join("modules/net");
        std::fs::create_dir_all(&module).unwrap();
        std::fs::write(module.join("main.tf"), "variable \"x\" {}\n").unwrap();
        let call = "module \"net\" {\n  source = \"../../modules/net\"\n}\n";
        for env in ["envs/prod", "envs/dev", "envs/stage"] {
            std::fs::create_dir_all(root.join(env)).unwrap();
            std::fs::write(root.join(env).join("main.tf"), call).unwrap();
        }
        // Farther away (one level deeper), and nearer (a wrapper beside the module).
        let far = root.join("envs/eu/prod");
        std::fs::create_dir_all(&far).unwrap();
        std::fs::write(far.join("main.tf"), call.replace("../../", "../../../")).unwrap();
        let near = root.join("modules/wrapper");
        std::fs::create_dir_all(&near).unwrap();
        std::fs::write(near.join("main.tf"), call.replace("../../modules/", "../")).unwrap();
        let CallerSearch::Found(callers) = find_caller(&module, &root).0 else {
            panic!("no caller found");
        };
        let names: Vec<_> = callers
            .iter()
            .map(|c| c.strip_prefix(&root).unwrap())
            .collect();
        assert_eq!(names[0], std::path::Path::new("modules/wrapper"));
        let mut rest = names[1..].to_vec();
        rest.sort();
        assert_eq!(
            rest,
            ["envs/dev", "envs/eu/prod", "envs/prod", "envs/stage"].map(std::path::Path::new)
        );
    }

    #[test]
    fn a_backend_or_cloud_block_marks_a_root_module() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("a.tf"), "# backend \"s3\" {}\nlocals {}\n").unwrap();
        assert!(!declares_backend(dir), "a comment is not a backend");
        std::fs::write(dir.join("b.tf"), "terraform {\n  cloud {}\n}\n").unwrap();
        assert!(declares_backend(dir));
        std::fs::remove_file(dir.join("b.tf")).unwrap();
        std::fs::write(
            dir.join("c.tf.json"),
            r#"{"terraform": [{"backend": {"s3": {"key": "k"}}}]}"#,
        )
        .unwrap();
        assert!(declares_backend(dir));
    }
}
