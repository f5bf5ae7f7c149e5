//! Fail closed, class by class: what a pull request (or an unlucky encoding) could use to make
//! tollgate pass where the real consumer deploys a violation, or to weaken the gate unseen. Each
//! test is a regression test for the class named in its title.

mod common;

use common::{Run, json, tollgate, write};
use std::path::Path;
use std::process::Command;

const PRIVILEGED_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.0\n      securityContext:\n        privileged: true\n";

const CONFIGMAP: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

/// `cm.yaml` judged by the user policies in `p/` only, as JSON (plus `extra` arguments).
fn user_policy_scan(root: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "scan",
        "--no-builtin",
        "-p",
        "p",
        "--format",
        "json",
        "cm.yaml",
    ];
    args.extend_from_slice(extra);
    tollgate(root, &args)
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

fn rule_ids(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}@{}:{}",
                f["rule_id"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect()
}

fn has_privileged(report: &serde_json::Value, file: &str) -> bool {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule_id"] == "TG-K8S-001" && f["file"] == file)
}

#[test]
fn ignore_files_cannot_hide_tracked_files_and_ignored_files_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    write(root, "deploy/pod.yaml", PRIVILEGED_POD);
    write(root, "deploy/.gitignore", "*\n");
    write(root, ".ignore", "*.yaml\n");
    git(root, &["add", "-f", "deploy/pod.yaml"]);
    // Untracked and ignored: pruned, but counted.
    write(root, "build/out.yaml", PRIVILEGED_POD);
    write(root, ".gitignore", "build/\n");
    let run = tollgate(root, &["scan", "--format", "json"]);
    let report = json(&run);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        has_privileged(&report, "deploy/pod.yaml"),
        "{:?}",
        rule_ids(&report)
    );
    assert!(!has_privileged(&report, "build/out.yaml"));
    assert_eq!(report["summary"]["files_ignored"], 1);
    assert_eq!(report["summary"]["directories_skipped"], 1, ".git");
    // --no-ignore judges everything.
    let report = json(&tollgate(
        root,
        &["scan", "--format", "json", "--no-ignore"],
    ));
    assert!(has_privileged(&report, "build/out.yaml"));
    assert_eq!(report["summary"]["files_ignored"], 0);
    // Outside git nothing is known to be tracked: ignore files decide nothing.
    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), "k8s/pod.yaml", PRIVILEGED_POD);
    write(plain.path(), ".ignore", "*.yaml\n");
    let report = json(&tollgate(plain.path(), &["scan", "--format", "json"]));
    assert!(has_privileged(&report, "k8s/pod.yaml"));
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_and_links_inside_the_repository_are_judged() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::create_dir(root.join("tf")).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"db\xff.tf");
    std::fs::write(
        root.join("tf").join(name),
        "resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n}\n",
    )
    .unwrap();
    write(root, "shared/pod.yaml", PRIVILEGED_POD);
    std::fs::create_dir(root.join("k8s")).unwrap();
    std::os::unix::fs::symlink(root.join("shared/pod.yaml"), root.join("k8s/linked.yaml")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "x.yaml", PRIVILEGED_POD);
    std::os::unix::fs::symlink(outside.path().join("x.yaml"), root.join("k8s/out.yaml")).unwrap();
    let report = json(&tollgate(root, &["scan", "--format", "json", "tf", "k8s"]));
    let ids = rule_ids(&report);
    assert!(
        ids.iter().any(|i| i.starts_with("TG-AWS-RDS-001@tf/db")),
        "{ids:?}"
    );
    assert!(has_privileged(&report, "k8s/linked.yaml"), "{ids:?}");
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().any(|s| s["path"] == "k8s/out.yaml"
            && s["reason"]
                .as_str()
                .unwrap()
                .contains("outside the repository")),
        "{skipped:?}"
    );
}

#[test]
fn encodings_the_consumers_read_are_read_and_the_rest_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    // UTF-16 with a byte-order mark, as kubectl decodes it.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in PRIVILEGED_POD.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    write(root, "utf16.yaml", utf16);
    write(root, "bom.yaml", format!("\u{feff}{PRIVILEGED_POD}"));
    write(
        root,
        "tf/main.tf",
        "\u{feff}resource \"aws_db_instance\" \"db\" {\n  publicly_accessible = true\n}\n",
    );
    let report = json(&tollgate(root, &["scan", "--format", "json"]));
    assert!(
        has_privileged(&report, "utf16.yaml"),
        "{:?}",
        rule_ids(&report)
    );
    assert!(has_privileged(&report, "bom.yaml"));
    assert!(
        rule_ids(&report)
            .iter()
            .any(|i| i.starts_with("TG-AWS-RDS-001@tf/main.tf:2"))
    );
    assert_eq!(report["summary"]["errors"], 0, "{}", report["errors"]);
    // One Latin-1 byte in a comment: kubectl applies it; we cannot read it the same way.
    write(
        root,
        "latin1.yaml",
        [PRIVILEGED_POD.as_bytes(), b"# caf\xe9\n"].concat(),
    );
    // Terraform rejects a byte-order mark in `.tf.json`.
    write(root, "tfjson/main.tf.json", "\u{feff}{\"resource\": {}}");
    let run = tollgate(root, &["scan", "--format", "json"]);
    assert_eq!(run.code, 2);
    let report = json(&run);
    let errors: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(errors, ["latin1.yaml", "tfjson/main.tf.json"]);
}

#[test]
fn a_manifest_is_not_taken_for_a_plan_because_of_its_annotations() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(
        dir.path(),
        "pod.json",
        r#"{"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "p", "annotations": {"format_version": "1.2", "planned_values": "{}"}},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.0", "securityContext": {"privileged": true}}]}}"#,
    );
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(has_privileged(&json(&run), "pod.json"));
}

#[test]
fn named_files_and_directory_scans_agree_whatever_the_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "k8s/pod.yaml",
        PRIVILEGED_POD.replace("kind: Pod", "kind: \"P\\x6fd\""),
    );
    write(
        root,
        "tf/sg.tf.json",
        r#"{"resource": {"aws_security_\u0067roup": {"web": {"ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}}"#,
    );
    let whole = json(&tollgate(root, &["scan", "--format", "json"]));
    let named = json(&tollgate(
        root,
        &["scan", "--format", "json", "k8s/pod.yaml", "tf/sg.tf.json"],
    ));
    assert!(has_privileged(&whole, "k8s/pod.yaml"));
    assert!(
        !rule_ids(&whole)
            .iter()
            .all(|i| !i.contains("tf/sg.tf.json"))
    );
    assert_eq!(rule_ids(&whole), rule_ids(&named));
}

#[test]
fn user_policies_and_data_cannot_touch_the_builtin_namespace() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pod.yaml", PRIVILEGED_POD);
    write(
        root,
        "evil/lib.rego",
        "package tollgate.lib.kubernetes\nimport rego.v1\ncontainers := []\n",
    );
    let run = tollgate(root, &["scan", "-p", "evil", "pod.yaml"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("evil/lib.rego:1:1") && run.stderr.contains("built-in library"),
        "{}",
        run.stderr
    );
    write(
        root,
        "data.json",
        r#"{"tollgate": {"kubernetes": {"privileged_container": {"deny": []}}}}"#,
    );
    let run = tollgate(root, &["scan", "-d", "data.json", "pod.yaml"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("data.json") && run.stderr.contains("data.tollgate"),
        "{}",
        run.stderr
    );
}

#[test]
fn policies_that_never_run_are_named_and_strict_makes_them_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cm.yaml", CONFIGMAP);
    // An indented head is a rule: it runs.
    write(
        root,
        "p/indented.rego",
        "package main\nimport rego.v1\n  deny contains \"indented\" if input.kind == \"ConfigMap\"\n",
    );
    // Another package without --namespace never runs: named in a warning.
    write(
        root,
        "p/org.rego",
        "package org.security\nimport rego.v1\ndeny contains \"org\" if true\n",
    );
    let run = user_policy_scan(root, &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    assert_eq!(report["findings"][0]["message"], "indented");
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("p/org.rego")
                && w.as_str().unwrap().contains("--namespace org.security")),
        "{warnings:?}"
    );
    let human = tollgate(root, &["scan", "--no-builtin", "-p", "p", "cm.yaml"]);
    assert!(
        human.stdout.contains("warning[policy]: policy p/org.rego"),
        "{}",
        human.stdout
    );
    let strict = user_policy_scan(root, &["--strict"]);
    assert_eq!(strict.code, 2, "{}", strict.stdout);
}

#[test]
fn conflicting_function_definitions_are_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cm.yaml", CONFIGMAP);
    write(
        root,
        "p/p.rego",
        "package main\nimport rego.v1\nf(x) := 1 if true\nf(x) := 2 if true\ndeny contains \"conflict\" if f(1) > 0\n",
    );
    let run = user_policy_scan(root, &[]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("main.deny"),
        "{}",
        report["errors"]
    );
}

#[test]
fn rules_switched_off_are_not_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "cm.yaml", CONFIGMAP);
    // A rule that fails at evaluation: an error while it is on, nothing once it is off (its
    // findings would be dropped anyway, so it is not run).
    write(
        root,
        "p/p.rego",
        "package main\nimport rego.v1\nf(x) := 1 if true\nf(x) := 2 if true\n\n# METADATA\n# custom:\n#   id: ORG-001\ndeny contains \"conflict\" if f(1) > 0\n",
    );
    assert_eq!(user_policy_scan(root, &[]).code, 2);
    write(
        root,
        "tollgate.toml",
        "[rules.\"ORG-001\"]\nenforcement = \"off\"\n",
    );
    let run = user_policy_scan(root, &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(json(&run)["errors"], serde_json::json!([]));
}

#[test]
fn every_relaxation_in_force_is_shown_in_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(root, "pod.yaml", PRIVILEGED_POD);
    write(
        root,
        "tollgate.toml",
        "[exceptions]\nmax_days = 200\n\n[enforcement]\nblock_at = \"critical\"\n\n[rules.\"*\"]\nenforcement = \"off\"\n",
    );
    let run = tollgate(root, &["scan", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let report = json(&run);
    let kinds: Vec<&str> = report["governance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["rule_off", "block_at", "max_days"]);
    assert_eq!(report["governance"][0]["declared_at"], "tollgate.toml:7");
    for format in ["human", "github", "markdown", "sarif", "junit"] {
        let out = tollgate(root, &["scan", "--format", format]).stdout;
        assert!(
            out.contains("`*` are turned off (tollgate.toml:7)"),
            "{format}: {out}"
        );
        assert!(out.contains("200 days"), "{format}");
    }
}

#[test]
fn exceptions_cannot_be_made_endless_or_ambiguous() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(root, "pod.yaml", PRIVILEGED_POD);
    let entry = |extra: &str| {
        format!(
            "exceptions:\n  - rules: [TG-K8S-001]\n    paths: [pod.yaml]\n    reason: test\n    owner: sre\n{extra}"
        )
    };
    let scan = |root: &Path| tollgate(root, &["scan", "--today", "2026-11-30", "--format", "json"]);
    // `created` in the future would restart the max_days clock.
    write(
        root,
        ".tollgate/exceptions.yaml",
        entry("    created: 2099-10-01\n    expires: 2099-12-29\n"),
    );
    let run = scan(root);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("after today"), "{}", run.stderr);
    // A duplicate key: reviewers' tools show the last value, a first-wins reader the first.
    write(
        root,
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - rules: [\"*\"]\n    paths: [pod.yaml]\n    reason: test\n    owner: sre\n    expires: 2026-12-20\n    rules: [TG-K8S-018]\n",
    );
    let run = scan(root);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(":7:5") && run.stderr.contains("duplicate key `rules`"),
        "{}",
        run.stderr
    );
    // The same for inline suppressions.
    std::fs::remove_file(root.join(".tollgate/exceptions.yaml")).unwrap();
    write(
        root,
        "pod.yaml",
        format!(
            "# tollgate:ignore TG-K8S-001 until=2026-12-01 reason=\"a\" until=2099-01-01\n{PRIVILEGED_POD}---\n{PRIVILEGED_POD}"
        ),
    );
    let run = scan(root);
    assert_eq!(run.code, 2);
    // One error for the file, not one per document; its documents are still judged, without
    // the file's suppressions.
    let report = json(&run);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().contains("invalid inline suppression"));
    let ids = rule_ids(&report);
    assert_eq!(
        ids.iter()
            .filter(|id| id.starts_with("TG-K8S-001@"))
            .count(),
        2,
        "{ids:?}"
    );
    // The same for an invalid `tollgate.dev/ignore` annotation: an error, and the document is
    // still judged.
    write(
        root,
        "pod.yaml",
        PRIVILEGED_POD.replace(
            "  name: p\n",
            "  name: p\n  annotations:\n    tollgate.dev/ignore: \"TG-K8S-001 until=2099-01-01 reason=x\"\n",
        ),
    );
    let report = json(&scan(root));
    assert_eq!(
        report["errors"].as_array().unwrap().len(),
        1,
        "{}",
        report["errors"]
    );
    assert!(
        rule_ids(&report)
            .iter()
            .any(|id| id.starts_with("TG-K8S-001@")),
        "{}",
        report["findings"]
    );
    // max_days has a ceiling.
    write(root, "pod.yaml", PRIVILEGED_POD);
    write(root, "tollgate.toml", "[exceptions]\nmax_days = 36500\n");
    let run = scan(root);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("between 1 and 365"), "{}", run.stderr);
}

#[test]
fn rule_ids_that_match_no_rule_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(root, "pod.yaml", PRIVILEGED_POD);
    write(
        root,
        "tollgate.toml",
        "[rules.\"TG-AWS-S3-01\"]\nenforcement = \"off\"\n",
    );
    write(
        root,
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - rules: [TG-K8S-0001]\n    paths: [pod.yaml]\n    reason: typo\n    owner: sre\n    expires: 2026-12-20\n",
    );
    let run = tollgate(root, &["scan", "--today", "2026-11-30", "--format", "json"]);
    let report = json(&run);
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`TG-AWS-S3-01` (tollgate.toml:1) matches no rule")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`TG-K8S-0001` (.tollgate/exceptions.yaml:2) matches no rule")),
        "{warnings:?}"
    );
    assert_eq!(run.code, 1);
    let strict = tollgate(
        root,
        &["scan", "--today", "2026-11-30", "--strict-exceptions"],
    );
    assert_eq!(strict.code, 2, "{}", strict.stdout);
}

#[test]
fn suppressions_only_in_real_comments_and_only_for_the_next_resource() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "all.yaml",
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  readme: |\n    # tollgate:ignore * until=2026-12-20 reason=\"x\"\n---\n{PRIVILEGED_POD}---\n# tollgate:ignore TG-K8S-001 until=2026-12-20 reason=\"meant for nothing\"\n---\n{}",
            PRIVILEGED_POD.replace("name: p", "name: q")
        ),
    );
    let run = tollgate(root, &["scan", "--today", "2026-11-30", "--format", "json"]);
    let report = json(&run);
    let privileged = common::findings_of(&report, "TG-K8S-001");
    assert_eq!(privileged.len(), 2);
    assert!(
        privileged.iter().all(|f| f["status"] == "failed"),
        "{privileged:?}"
    );
}

#[test]
fn text_reports_are_safe_and_valid_for_any_input() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "pod.yaml",
        PRIVILEGED_POD
            .replace("name: p\n", "name: \"p\\n::error file=x::fake\"\n")
            .replace("name: app", "name: \"app\\uFFFF\""),
    );
    let human = tollgate(root, &["scan"]).stdout;
    assert!(!human.lines().any(|l| l.starts_with("::")), "{human}");
    assert!(human.contains("\\n::error"), "{human}");
    let junit = tollgate(root, &["scan", "--format", "junit"]).stdout;
    assert!(!junit.contains('\u{FFFF}'));
    let markdown = tollgate(root, &["scan", "--format", "markdown"]).stdout;
    assert!(!markdown.lines().any(|l| l.starts_with("::")), "{markdown}");
    // A path outside the repository: an absolute file:// URI, not a relative one.
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "pod.yaml", PRIVILEGED_POD);
    let target = outside.path().join("pod.yaml");
    let sarif = json(&tollgate(
        root,
        &["scan", "--format", "sarif", target.to_str().unwrap()],
    ));
    let location =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(
        location["uri"].as_str().unwrap().starts_with("file:///"),
        "{location}"
    );
    assert!(location.get("uriBaseId").is_none());
}

#[test]
fn the_time_limit_bounds_a_whole_module_not_only_each_document() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..3 {
        write(
            root,
            &format!("m/b{i}.tf"),
            format!("resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"b{i}\"\n}}\n"),
        );
    }
    let run = tollgate(
        root,
        &[
            "scan",
            "--format",
            "json",
            "--policy-timeout",
            "0.000000001",
            "m",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let report = json(&run);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("of this module directory not judged"),
        "{}",
        report["errors"]
    );
}
