//! Another revision of the repository, read with the `git` CLI that every CI runner has: the
//! tree of a base commit (for `--base`), and the files renamed since. A base that is not in the
//! clone is an error that says how to fetch it, never a silent full-repository judgement.
//!
//! The `git` CLI rather than a library: it is on every runner, it honours the clone's own
//! configuration (partial clones, alternates), and it keeps tollgate's build small.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The base revision, checked out into a temporary directory.
pub struct BaseTree {
    /// The revision as given (`origin/main`, a SHA).
    pub name: String,
    /// The full commit id.
    pub commit: String,
    /// The tree, extracted (removed on drop).
    pub dir: tempfile::TempDir,
    /// Files renamed between the base and the working tree: base path → working path.
    pub renames: HashMap<String, String>,
}

impl BaseTree {
    /// `rel` (relative to the repository root) inside the base tree.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}

fn git(root: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `git`: {e} (--base needs git on PATH)"))
}

/// The commit checked out at `root`, when it is a git work tree (for evidence records).
pub fn head(root: &Path) -> Option<String> {
    if !root.join(".git").exists() {
        return None;
    }
    let out = git(root, &["rev-parse", "HEAD"]).ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Extracts `revision` of the repository at `root` into a temporary directory.
pub fn checkout(root: &Path, revision: &str) -> Result<BaseTree, String> {
    if !root.join(".git").exists() {
        return Err(format!(
            "--base {revision}: {} is not a git work tree",
            root.display()
        ));
    }
    let spec = format!("{revision}^{{commit}}");
    let out = git(root, &["rev-parse", "--verify", "--quiet", &spec])?;
    if !out.status.success() {
        let shallow = git(root, &["rev-parse", "--is-shallow-repository"])
            .ok()
            .is_some_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "true");
        return Err(format!(
            "--base {revision}: no such commit in this clone{}; fetch it (actions/checkout with `fetch-depth: 0`, or `git fetch origin {revision}`)",
            if shallow {
                " (it is a shallow clone)"
            } else {
                ""
            }
        ));
    }
    let commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let dir =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["archive", "--format=tar", &commit])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `git archive`: {e}"))?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir.path())
        .stdin(archive.stdout.ok_or("git archive has no output")?)
        .output()
        .map_err(|e| format!("cannot run `tar`: {e}"))?;
    if !tar.status.success() {
        return Err(format!(
            "cannot extract {revision}: {}",
            String::from_utf8_lossy(&tar.stderr).trim()
        ));
    }
    Ok(BaseTree {
        name: revision.to_string(),
        renames: renames(root, &commit),
        commit,
        dir,
    })
}

/// Files renamed (or moved) between `commit` and the working tree, as git detects them.
fn renames(root: &Path, commit: &str) -> HashMap<String, String> {
    let Ok(out) = git(root, &["diff", "--name-status", "-M", "-z", commit]) else {
        return HashMap::new();
    };
    let fields: Vec<String> = out
        .stdout
        .split(|&b| b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let mut map = HashMap::new();
    let mut i = 0;
    while i < fields.len() {
        let status = &fields[i];
        if status.starts_with('R') && i + 2 < fields.len() {
            map.insert(fields[i + 1].clone(), fields[i + 2].clone());
            i += 3;
        } else {
            i += if status.starts_with('C') { 3 } else { 2 };
        }
    }
    map
}
