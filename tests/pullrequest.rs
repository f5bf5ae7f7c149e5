//! Pull requests judged against their base (`--base`) and one-command onboarding (`baseline`),
//! on scratch git repositories.

mod common;

use common::{json, tollgate, write};
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: NAME\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.0\n      securityContext:\n        privileged: true\n";

fn pod(name: &str) -> String {
    POD.replace("NAME", name)
}

/// (rule, file, baseline state) of every failed TG-K8S-001 / ORG-1 finding.
fn states(report: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["status"] == "failed" && (f["rule_id"] == "TG-K8S-001" || f["rule_id"] == "ORG-1")
        })
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["baseline"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    write(root, "k8s/old.yaml", pod("old"));
    write(
        root,
        "policy/team.rego",
        "# METADATA\n# custom:\n#   id: ORG-1\n#   severity: high\npackage main\nimport rego.v1\ndeny contains {\"msg\": \"no team label\", \"path\": [\"metadata\"]} if not input.metadata.labels.team\n",
    );
    write(
        root,
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - id: old-pod\n    rules: [ORG-1]\n    paths: [k8s/old.yaml]\n    reason: legacy\n    owner: sre\n    expires: 2026-12-20\n",
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "base"]);
    dir
}

#[test]
fn only_new_findings_block_and_the_rules_come_from_the_base() {
    let dir = repo();
    let root = dir.path();
    // The pull request: a second finding, a widened exception, a rule turned off, a renamed file.
    write(root, "k8s/new.yaml", pod("new"));
    write(
        root,
        "tollgate.toml",
        "[rules.\"TG-K8S-001\"]\nenforcement = \"off\"\n",
    );
    write(
        root,
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - id: old-pod\n    rules: [ORG-1, TG-K8S-001]\n    paths: [k8s/old.yaml, k8s/new.yaml]\n    reason: legacy\n    owner: sre\n    expires: 2026-12-20\n",
    );
    git(root, &["mv", "k8s/old.yaml", "k8s/renamed.yaml"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "head"]);
    let args = [
        "scan",
        "-p",
        "policy",
        "--today",
        "2026-11-30",
        "--format",
        "json",
        "--base",
        "HEAD~1",
        "k8s",
    ];
    let run = tollgate(root, &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    // The head's "off" and widened exception are not in force: the base's rules judged it. The
    // renamed file keeps its fingerprint (git reports the rename), so its finding is existing.
    assert_eq!(
        states(&report),
        [
            ("ORG-1".into(), "k8s/new.yaml".into(), "new".into()),
            ("ORG-1".into(), "k8s/renamed.yaml".into(), "existing".into()),
            ("TG-K8S-001".into(), "k8s/new.yaml".into(), "new".into()),
            (
                "TG-K8S-001".into(),
                "k8s/renamed.yaml".into(),
                "existing".into()
            ),
        ]
    );
    let count = |state: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["baseline"] == state)
            .count()
    };
    assert_eq!(report["base"]["new"], count("new"));
    assert_eq!(report["base"]["existing"], count("existing"));
    assert!(count("existing") >= 2);
    let changes: Vec<&str> = report["governance_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["exception_widened", "rule_setting"]);
    // SARIF carries the baseline state for code scanning.
    let sarif = json(&tollgate(
        root,
        &[
            "scan",
            "-p",
            "policy",
            "--today",
            "2026-11-30",
            "--format",
            "sarif",
            "--base",
            "HEAD~1",
            "k8s",
        ],
    ));
    let baseline: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert!(
        baseline.contains(&"new") && baseline.contains(&"unchanged"),
        "{baseline:?}"
    );
}

#[test]
fn governance_changes_can_fail_the_run_even_when_the_head_would_pass() {
    let dir = repo();
    let root = dir.path();
    // The head fixes nothing and adds nothing, but turns a rule off and adds a policy.
    write(
        root,
        "tollgate.toml",
        "[rules.\"ORG-*\"]\nenforcement = \"off\"\n",
    );
    write(
        root,
        "policy/extra.rego",
        "package main\nimport rego.v1\nwarn contains \"x\" if false\n",
    );
    let base = [
        "scan",
        "-p",
        "policy",
        "--today",
        "2026-11-30",
        "--base",
        "HEAD",
        "k8s",
    ];
    // Existing findings only: passes without the flag.
    assert_eq!(tollgate(root, &base).code, 0);
    let mut strict = base.to_vec();
    strict.push("--fail-on-governance-change");
    let run = tollgate(root, &strict);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("rules `ORG-*`: (none) → off"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("policy policy/extra.rego added"),
        "{}",
        run.stdout
    );
    // A base that is not in the clone is an error that says how to fetch it.
    let run = tollgate(root, &["scan", "--base", "origin/nope", "k8s"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
}

#[test]
fn inline_suppressions_a_change_adds_do_not_take_effect() {
    let dir = repo();
    let root = dir.path();
    write(
        root,
        "k8s/new.yaml",
        format!(
            "# tollgate:ignore TG-K8S-001 until=2026-12-20 reason=\"mine\"\n{}",
            pod("new")
        ),
    );
    let run = tollgate(
        root,
        &[
            "scan",
            "--today",
            "2026-11-30",
            "--format",
            "json",
            "--base",
            "HEAD",
            "k8s",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = json(&run);
    assert!(states(&report).contains(&("TG-K8S-001".into(), "k8s/new.yaml".into(), "new".into())));
    assert!(
        report["governance_changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "exception_added")
    );
}

#[test]
fn baseline_onboards_and_a_new_violation_still_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(root, "k8s/a.yaml", pod("a"));
    write(root, "k8s/b.yaml", pod("b"));
    write(
        root,
        "tf/main.tf",
        "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n}\n",
    );
    write(root, ".tollgate/exceptions.yaml", "exceptions: []\n");
    let today = ["--today", "2026-11-30"];
    assert_eq!(tollgate(root, &["scan", today[0], today[1]]).code, 1);
    let run = tollgate(
        root,
        &[
            "baseline",
            "--owner",
            "sre",
            "--reason",
            "onboarding",
            "--expires",
            "2027-01-31",
            today[0],
            today[1],
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("added"), "{}", run.stdout);
    let after = tollgate(
        root,
        &[
            "scan",
            "--format",
            "json",
            "--strict-exceptions",
            today[0],
            today[1],
        ],
    );
    assert_eq!(after.code, 0, "{}", after.stdout);
    // Per-directory scans do not call the entries unused (they name paths and resources).
    let partial = tollgate(
        root,
        &[
            "scan",
            "--strict-exceptions",
            today[0],
            today[1],
            "k8s/a.yaml",
        ],
    );
    assert_eq!(partial.code, 0, "{}", partial.stdout);
    // Running it again adds nothing and keeps what is there.
    let before = std::fs::read_to_string(root.join(".tollgate/exceptions.yaml")).unwrap();
    tollgate(
        root,
        &[
            "baseline",
            "--owner",
            "sre",
            "--reason",
            "again",
            "--expires",
            "2027-01-31",
            today[0],
            today[1],
        ],
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".tollgate/exceptions.yaml")).unwrap(),
        before
    );
    // A new violation still blocks.
    write(root, "k8s/c.yaml", pod("c"));
    assert_eq!(tollgate(root, &["scan", today[0], today[1]]).code, 1);
    // An expiry beyond max_days is refused.
    let run = tollgate(
        root,
        &[
            "baseline",
            "--owner",
            "sre",
            "--reason",
            "x",
            "--expires",
            "2028-01-31",
            today[0],
            today[1],
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
}

#[test]
fn module_instances_and_renamed_module_directories_compare_by_address() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    let module = "variable \"acl\" {\n  default = \"private\"\n}\n\nresource \"aws_s3_bucket_acl\" \"this\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n";
    write(root, "modules/bucket/main.tf", module);
    write(
        root,
        "main.tf",
        "module \"site\" {\n  source = \"./modules/bucket\"\n  acl    = \"public-read\"\n}\n",
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "base"]);
    // The change moves the module and adds a second public instance.
    git(root, &["mv", "modules/bucket", "modules/store"]);
    write(
        root,
        "main.tf",
        "module \"site\" {\n  source = \"./modules/store\"\n  acl    = \"public-read\"\n}\n\nmodule \"other\" {\n  source = \"./modules/store\"\n  acl    = \"public-read\"\n}\n",
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "head"]);
    let run = tollgate(root, &["scan", "--format", "json", "--base", "HEAD~1"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = json(&run);
    let mut public: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "TG-AWS-S3-001")
        .map(|f| {
            (
                f["resource"].as_str().unwrap().to_string(),
                f["baseline"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    public.sort();
    assert_eq!(
        public,
        [
            (
                "module.other.aws_s3_bucket_acl.this".to_string(),
                "new".to_string()
            ),
            (
                "module.site.aws_s3_bucket_acl.this".to_string(),
                "existing".to_string()
            ),
        ]
    );
}
