//! Module calls: reading a module directory and its variable files, following every `module`
//! block with a local or downloaded source (instances from `count`/`for_each`, arguments from the
//! caller), and finding a named file's caller (pre-commit).

use super::calls::{arguments, instances};
use super::*;

/// Terraform's settings that tollgate applies too: variable files and values given to
/// Terraform's command line (`-var-file`, `-var`), in order.
#[derive(Debug, Clone, Default)]
pub struct TerraformSettings {
    /// Variable files (`[terraform] var_files`, then `--tf-var-file`), absolute.
    pub var_files: Vec<PathBuf>,
    /// `--tf-var NAME=VALUE`, in order, after the files.
    pub vars: Vec<(String, String)>,
    /// The repository root: `file()` and `templatefile()` read files inside it only (none when
    /// unset).
    pub root: Option<PathBuf>,
}

/// Deepest chain of module calls followed.
const MAX_MODULE_DEPTH: usize = 16;

/// Is this a file of a Terraform or OpenTofu module (`.tf`, `.tf.json`, `.tofu`, `.tofu.json`)?
pub(super) fn is_configuration(lower: &str) -> bool {
    lower.ends_with(".tf")
        || lower.ends_with(".tf.json")
        || lower.ends_with(".tofu")
        || lower.ends_with(".tofu.json")
}

/// The files a module directory's `.tofu` files take the place of, as OpenTofu reads it:
/// `main.tofu` replaces `main.tf`, `main.tofu.json` replaces `main.tf.json`.
pub(super) fn shadowed_by_tofu(names: &[OsString]) -> Vec<OsString> {
    names
        .iter()
        .filter_map(|n| {
            let n = n.to_str()?;
            n.strip_suffix(".tofu")
                .map(|stem| format!("{stem}.tf"))
                .or_else(|| n.strip_suffix(".tofu.json").map(|s| format!("{s}.tf.json")))
        })
        .map(OsString::from)
        .filter(|shadowed| names.contains(shadowed))
        .collect()
}

/// Is this a variable file Terraform loads by itself?
fn is_auto_vars(lower: &str) -> bool {
    lower == "terraform.tfvars"
        || lower == "terraform.tfvars.json"
        || lower.ends_with(".auto.tfvars")
        || lower.ends_with(".auto.tfvars.json")
}

/// A module directory's files as read: configuration, variable files, and whether (and how) it is
/// read as OpenTofu.
struct ModuleFiles {
    files: Vec<SourceFile>,
    tfvars: Vec<SourceFile>,
    opentofu: Option<OpenTofuModule>,
}

/// The files of a module directory that Terraform reads: configuration (judged when `judge`
/// says so) and, with `with_vars`, the variable files it loads by itself.
fn read_files(
    dir: &Path,
    rel_dir: &str,
    judge: &dyn Fn(&Path) -> bool,
    extra: &[PathBuf],
    with_vars: bool,
    max: u64,
    errors: &mut Vec<InputError>,
) -> ModuleFiles {
    let rel_of = |name: &str| {
        if rel_dir.is_empty() || rel_dir == "." {
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
    for path in extra {
        if let Some(name) = path.file_name() {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_os_string());
            }
        }
    }
    names.sort();
    // A module with `.tofu` files is OpenTofu's: read as OpenTofu reads it, and said so.
    let mut opentofu = None;
    if names.iter().any(|n| {
        let lower = n.to_string_lossy().to_ascii_lowercase();
        lower.ends_with(".tofu") || lower.ends_with(".tofu.json")
    }) {
        let shadowed = shadowed_by_tofu(&names);
        names.retain(|n| !shadowed.contains(n));
        opentofu = Some(OpenTofuModule {
            dir: if rel_dir.is_empty() {
                ".".into()
            } else {
                rel_dir.to_string()
            },
            replaced: shadowed
                .iter()
                .map(|n| rel_of(&n.to_string_lossy()))
                .collect(),
        });
    }
    let mut files = Vec::new();
    let mut tfvars = Vec::new();
    for os_name in names {
        let path = dir.join(&os_name);
        let name = os_name.to_string_lossy();
        let is_judged = judge(&path);
        let lower = name.to_ascii_lowercase();
        let is_vars = with_vars && is_auto_vars(&lower);
        if !is_configuration(&lower) && !is_vars && !is_judged {
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
    ModuleFiles {
        files,
        tfvars,
        opentofu,
    }
}

/// Reads a module directory and evaluates it as a root module: the files in `judge` get
/// documents, the directory's other files give context (variables, locals, related resources)
/// even when only some files were named, as pre-commit does. Every `module` block with a local
/// source (or one `terraform init` downloaded) is followed: each instance is evaluated with the
/// caller's arguments, recursively, and all its files are judged through it.
pub fn read_module(
    dir: &Path,
    judge: &[Source],
    settings: &TerraformSettings,
    max: u64,
    files_judged: &mut usize,
) -> Parsed {
    let mut errors = Vec::new();
    let wanted: HashSet<&Path> = judge.iter().filter_map(Source::path).collect();
    let rel_dir = judge
        .first()
        .and_then(|c| c.rel.rsplit_once('/').map(|(d, _)| d.to_string()))
        .unwrap_or_default();
    let extra: Vec<PathBuf> = wanted.iter().map(|p| p.to_path_buf()).collect();
    let read = read_files(
        dir,
        &rel_dir,
        &|p: &Path| wanted.contains(p),
        &extra,
        true,
        max,
        &mut errors,
    );
    let (files, mut tfvars, read_opentofu) = (read.files, read.tfvars, read.opentofu);
    // `-var-file` and `-var` come after the files Terraform loads by itself, in order.
    for path in &settings.var_files {
        match read_text(path, max) {
            Ok(text) => tfvars.push(SourceFile::new(
                format!("{}{}", EXPLICIT_PREFIX, path.display()),
                text,
                false,
            )),
            Err(Unread(reason)) => errors.push(InputError::new(
                &path.display().to_string(),
                0,
                0,
                format!("variable file: {reason}"),
            )),
        }
    }
    if !settings.vars.is_empty() {
        let text: String = settings
            .vars
            .iter()
            .map(|(k, v)| format!("{k} = {}\n", cli_var_literal(v)))
            .collect();
        tfvars.push(SourceFile::new(
            format!("{EXPLICIT_PREFIX}--tf-var"),
            text,
            false,
        ));
    }
    *files_judged += files.iter().filter(|f| f.judge).count();
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let access = settings.root.as_ref().map(|root| eval::FileAccess {
        cwd: canonical.clone(),
        root: files_root(root, &canonical),
        max,
        path_module: ".".into(),
    });
    let evaluated = evaluate(&files, Vars::Root(&tfvars), None, access.as_ref());
    let mut parsed = evaluated.parsed;
    parsed.errors.extend(errors);
    parsed.opentofu.extend(read_opentofu);
    let downloaded = downloaded_modules(dir);
    let mut stack = vec![canonical];
    follow(
        &FollowFrom {
            dir,
            rel_dir: &rel_dir,
            key: "",
            ctx: &evaluated.ctx,
            calls: &evaluated.calls,
            parent: None,
            access: access.as_ref(),
        },
        &downloaded,
        max,
        &mut stack,
        &mut parsed,
    );
    parsed
}

/// Variable files named on the command line sort after the ones Terraform loads by itself.
pub(super) const EXPLICIT_PREFIX: &str = "\u{10ffff}";

/// `--tf-var NAME=VALUE` as Terraform reads `-var`: HCL when it parses as an expression (a list,
/// a map, a number), else the string itself.
fn cli_var_literal(value: &str) -> String {
    let looks_structured = value.starts_with('[') || value.starts_with('{');
    if looks_structured || value.parse::<f64>().is_ok() || value == "true" || value == "false" {
        value.to_string()
    } else {
        format!("{:?}", value)
    }
}

/// A module evaluated and about to have its calls followed.
struct FollowFrom<'a> {
    dir: &'a Path,
    rel_dir: &'a str,
    /// Dotted key of this module in `modules.json` (`""` for the root, `site.child`).
    key: &'a str,
    ctx: &'a Context<'static>,
    calls: &'a [CallSite],
    parent: Option<&'a Arc<Instance>>,
    /// Where the root module's `file()` calls read from (shared by its module instances).
    access: Option<&'a eval::FileAccess>,
}

/// `.terraform/modules/modules.json` of a root module: module key → directory.
fn downloaded_modules(root: &Path) -> HashMap<String, PathBuf> {
    let Ok(text) = std::fs::read_to_string(root.join(".terraform/modules/modules.json")) else {
        return HashMap::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        return HashMap::new();
    };
    value["Modules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| {
            Some((
                m["Key"].as_str()?.to_string(),
                root.join(m["Dir"].as_str()?),
            ))
        })
        .collect()
}

/// Lexically joins a relative display path and a module source (`envs/prod` + `../../modules/x`).
pub(super) fn join_rel(base: &str, source: &str) -> String {
    let mut parts: Vec<&str> = base
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    for seg in source.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    // An absolute display path (a scan of `/abs/dir`) stays absolute.
    let root = if base.starts_with('/') { "/" } else { "" };
    if parts.is_empty() {
        if root.is_empty() {
            ".".into()
        } else {
            root.into()
        }
    } else {
        format!("{root}{}", parts.join("/"))
    }
}

/// Follows every call of an evaluated module: each instance of each callee is evaluated with its
/// arguments and its files become documents; then its own calls, recursively.
fn follow(
    from: &FollowFrom,
    downloaded: &HashMap<String, PathBuf>,
    max: u64,
    stack: &mut Vec<PathBuf>,
    out: &mut Parsed,
) {
    let prefix = from
        .parent
        .map(|p| format!("{}.", p.address))
        .unwrap_or_default();
    for call in from.calls {
        let key = if from.key.is_empty() {
            call.name.clone()
        } else {
            format!("{}.{}", from.key, call.name)
        };
        let base_address = format!("{prefix}module.{}", call.name);
        let Some(source) = &call.source else {
            out.unfollowed.push(Unfollowed {
                file: call.file.clone(),
                line: call.line,
                address: base_address,
                source: String::new(),
                reason: "its `source` is not a known string".into(),
            });
            continue;
        };
        let local = source.starts_with("./") || source.starts_with("../");
        let (dir, rel_dir) = if local {
            (from.dir.join(source), join_rel(from.rel_dir, source))
        } else if let Some(dir) = downloaded.get(&key) {
            let rel = dir
                .strip_prefix(from.dir)
                .map(|r| join_rel(from.rel_dir, &r.to_string_lossy()))
                .unwrap_or_else(|_| dir.display().to_string());
            (dir.clone(), rel)
        } else {
            out.unfollowed.push(Unfollowed {
                file: call.file.clone(),
                line: call.line,
                address: base_address,
                source: source.clone(),
                reason: "a remote source that is not downloaded: run `terraform init` first (tollgate reads `.terraform/modules`)".into(),
            });
            continue;
        };
        if !dir.is_dir() {
            out.errors.push(InputError::new(
                &call.file,
                call.source_line,
                1,
                format!(
                    "module `{}`: source `{source}` is not a directory",
                    call.name
                ),
            ));
            continue;
        }
        let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if stack.contains(&canonical) {
            out.errors.push(InputError::new(
                &call.file,
                call.source_line,
                1,
                format!(
                    "module `{}`: source `{source}` calls itself (a module cycle)",
                    call.name
                ),
            ));
            continue;
        }
        if stack.len() > MAX_MODULE_DEPTH {
            out.errors.push(InputError::new(
                &call.file,
                call.line,
                1,
                format!(
                    "module `{}`: module calls nest deeper than {MAX_MODULE_DEPTH}",
                    call.name
                ),
            ));
            continue;
        }
        let mut read_errors = Vec::new();
        // Every configuration file of a called module is judged through the call; its other
        // files (README.md, .editorconfig, LICENSE) are not Terraform's.
        let configuration = |p: &Path| {
            p.file_name()
                .is_some_and(|n| is_configuration(&n.to_string_lossy().to_ascii_lowercase()))
        };
        let read = read_files(
            &dir,
            &rel_dir,
            &configuration,
            &[],
            false,
            max,
            &mut read_errors,
        );
        out.opentofu.extend(read.opentofu);
        let files = read.files;
        out.errors.extend(read_errors);
        for (suffix, ctx) in instances(call, from.ctx) {
            let address = format!("{base_address}{suffix}");
            let (inputs, unknown) = arguments(call, &ctx);
            let mut calls: Vec<ModuleCall> =
                from.parent.map(|p| p.calls.to_vec()).unwrap_or_default();
            calls.push(ModuleCall {
                file: call.file.clone(),
                line: call.line,
                address: address.clone(),
            });
            let instance = Arc::new(Instance {
                address,
                calls: calls.into(),
            });
            let access = from.access.map(|a| eval::FileAccess {
                path_module: relative_path(&a.cwd, &canonical),
                ..a.clone()
            });
            let evaluated = evaluate(
                &files,
                Vars::Instance { inputs, unknown },
                Some(&instance),
                access.as_ref(),
            );
            out.documents.extend(evaluated.parsed.documents);
            out.errors.extend(evaluated.parsed.errors);
            out.unresolved += evaluated.parsed.unresolved;
            stack.push(canonical.clone());
            follow(
                &FollowFrom {
                    dir: &dir,
                    rel_dir: &rel_dir,
                    key: &key,
                    ctx: &evaluated.ctx,
                    calls: &evaluated.calls,
                    parent: Some(&instance),
                    access: from.access,
                },
                downloaded,
                max,
                stack,
                out,
            );
            stack.pop();
        }
    }
}

/// The directory `file()` may read inside: the repository root, or for a module scanned from
/// outside it, that module's own repository (the nearest directory with `.git`), else the module.
fn files_root(root: &Path, module: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if module.starts_with(&root) {
        return root;
    }
    crate::discover::repository_root(module)
}

/// `to` relative to `from` (both canonical), as Terraform writes `path.module`: `modules/x`,
/// `../..`, or `.`.
fn relative_path(from: &Path, to: &Path) -> String {
    let (a, b): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// Evaluates the root module at `dir` (shown as `rel_dir`) with nothing of its own judged, for
/// the documents of the modules it calls.
pub fn read_root(
    dir: &Path,
    rel_dir: &str,
    settings: &TerraformSettings,
    max: u64,
    files_judged: &mut usize,
) -> Parsed {
    let rel_dir = if rel_dir == "." { "" } else { rel_dir };
    let marker = Source {
        rel: if rel_dir.is_empty() {
            "\u{0}".to_string()
        } else {
            format!("{rel_dir}/\u{0}")
        },
        origin: crate::input::Origin::Memory(Arc::from("")),
        kind: crate::input::FileKind::Terraform,
    };
    read_module(
        dir,
        std::slice::from_ref(&marker),
        settings,
        max,
        files_judged,
    )
}
