//! Shared helpers for the CLI tests: run the real binary, write fixture files, read JSON reports.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `tollgate ARGS` in `cwd`, without colours and with the real date unless `--today` is given.
pub fn tollgate(cwd: &Path, args: &[&str]) -> Run {
    tollgate_with(cwd, args, &[])
}

/// `tollgate`, with these environment variables set (an empty value removes the variable).
pub fn tollgate_with(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tollgate"));
    command
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("TOLLGATE_TODAY");
    for (name, value) in env {
        if value.is_empty() {
            command.env_remove(name);
        } else {
            command.env(name, value);
        }
    }
    let out = command.output().expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr))
}

/// An empty temporary directory that is a repository root (`.git`), for a test to write into.
pub fn git_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

/// The findings in one file of a JSON report, in report order.
pub fn findings_in(report: &serde_json::Value, file: &str) -> Vec<serde_json::Value> {
    report["findings"]
        .as_array()
        .expect("a JSON report has findings")
        .iter()
        .filter(|f| f["file"] == file)
        .cloned()
        .collect()
}

/// The findings of one rule in a JSON report.
pub fn findings_of<'a>(report: &'a serde_json::Value, rule_id: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .expect("a JSON report has findings")
        .iter()
        .filter(|f| f["rule_id"] == rule_id)
        .collect()
}

pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
