//! Reports at scale and the security team's numbers, on a fixture repository with known numbers
//! (its own policies only, so built-in library changes do not move them).

mod common;

use common::{copy_dir, json, project, tollgate};
use std::path::Path;

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&project().join("tests/fixtures/reporting"), dir.path());
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn scan(root: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "scan",
        "--no-builtin",
        "-p",
        "policy",
        "--all-namespaces",
        "--today",
        "2026-11-30",
    ];
    args.extend_from_slice(extra);
    tollgate(root, &args)
}

fn human(root: &Path, extra: &[&str]) -> String {
    let run = scan(root, extra);
    assert_eq!(
        run.code, 1,
        "filters never change the verdict: {}",
        run.stdout
    );
    let re = regex::Regex::new(r"\(\d+\.\d+s\)").unwrap();
    re.replace_all(&run.stdout, "(TIME)").into_owned()
}

#[test]
fn human_views() {
    let dir = repo();
    insta::assert_snapshot!("human_default", human(dir.path(), &[]));
    insta::assert_snapshot!("human_quiet", human(dir.path(), &["-q"]));
    insta::assert_snapshot!(
        "human_min_severity_high",
        human(dir.path(), &["--min-severity", "high"])
    );
    let all = human(dir.path(), &["--show", "all"]);
    assert!(
        all.contains("excepted[R-BLOCK]: Pod `b` is privileged"),
        "{all}"
    );
}

#[test]
fn compliance_and_exception_numbers() {
    let dir = repo();
    let report = json(&scan(dir.path(), &["--format", "json"]));
    let metrics = &report["metrics"];
    let rules = metrics["compliance"]["rules"].as_array().unwrap();
    let rule = |id: &str| rules.iter().find(|r| r["rule_id"] == id).unwrap().clone();
    // Four Pods; R-BLOCK fails on a, is excepted on b; R-WARN fails on a and b, excepted on c.
    assert_eq!(rule("R-BLOCK")["evaluated"], 4);
    assert_eq!(rule("R-BLOCK")["failing"], 1);
    assert_eq!(rule("R-BLOCK")["excepted"], 1);
    assert_eq!(rule("R-BLOCK")["rate"], 0.5);
    assert_eq!(rule("R-WARN")["failing"], 2);
    assert_eq!(rule("R-WARN")["rate"], 0.25);
    assert_eq!(metrics["compliance"]["rate"], 0.375);
    let ex = &metrics["exceptions"];
    assert_eq!(ex["count"], 2);
    // fp-b was created 182 days ago: one of two is aged, above the 5 % target.
    assert_eq!(ex["aged"], 1);
    assert_eq!(ex["aged_share"], 0.5);
    assert_eq!(ex["by_owner"]["team-web"]["aged"], 1);
    assert_eq!(ex["by_kind"]["false-positive"], 1);
    assert_eq!(ex["false_positives_by_rule"]["R-BLOCK"], 1);
    assert!(report["warnings"].as_array().unwrap().iter().any(|w| {
        w.as_str()
            .unwrap()
            .contains("50% of exceptions are older than 90 days")
    }));
    // `tollgate exceptions` shows the same numbers, with the same scan settings.
    let run = tollgate(
        dir.path(),
        &[
            "exceptions",
            "--no-builtin",
            "-p",
            "policy",
            "--all-namespaces",
            "--today",
            "2026-11-30",
        ],
    );
    assert!(
        run.stdout
            .contains("findings excepted as false positives, by rule"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("R-BLOCK          1"), "{}", run.stdout);
    assert!(run.stdout.contains("team-web"), "{}", run.stdout);
    // A rule switched off judged nothing: it is not reported as compliant.
    let config = dir.path().join("tollgate.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[rules.\"R-WARN\"]\nenforcement = \"off\"\n");
    std::fs::write(&config, text).unwrap();
    let report = json(&scan(dir.path(), &["--format", "json"]));
    let rules = report["metrics"]["compliance"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["rule_id"] != "R-WARN"), "{rules:?}");
    assert_eq!(report["metrics"]["compliance"]["rate"], 0.5);
}

#[test]
fn markdown_and_github_put_blocking_findings_first() {
    let dir = repo();
    let markdown = scan(dir.path(), &["--format", "markdown"]).stdout;
    let first_row = markdown
        .lines()
        .find(|l| l.starts_with("| ❌") || l.starts_with("| ⚠️"))
        .unwrap();
    assert!(first_row.starts_with("| ❌"), "{markdown}");
    assert!(markdown.contains("Policy compliance: 37.5%"), "{markdown}");
    let github = scan(dir.path(), &["--format", "github"]).stdout;
    let annotations: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
    assert!(annotations[0].starts_with("::error"), "{github}");
    // Excepted findings take no annotation slot; one notice says what is not annotated.
    assert!(!github.contains("::notice file="), "{github}");
    assert!(
        github.contains("excepted or existing (not annotated)"),
        "{github}"
    );
}

#[test]
fn the_job_summary_is_appended_to_not_replaced() {
    let dir = repo();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "## An earlier step\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tollgate"))
        .args([
            "scan",
            "--no-builtin",
            "-p",
            "policy",
            "--all-namespaces",
            "--report",
        ])
        .arg(format!("markdown={}", summary.display()))
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("## An earlier step\n") && text.contains("tollgate: block"),
        "{text}"
    );
}

#[test]
fn evidence_is_deterministic_and_complete() {
    let dir = repo();
    let evidence = |threads: &str, name: &str| {
        let path = dir.path().join(name);
        let report = format!("evidence={}", path.display());
        let run = scan(dir.path(), &["-j", threads, "--report", &report]);
        assert_eq!(run.code, 1);
        std::fs::read_to_string(path).unwrap()
    };
    let one = evidence("1", "e1.json");
    assert_eq!(one, evidence("2", "e2.json"));
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["date"], "2026-11-30");
    let rule = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R-BLOCK")
        .unwrap()
        .clone();
    assert_eq!(
        (
            rule["passed"].as_u64(),
            rule["failed"].as_u64(),
            rule["excepted"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    let fp = v["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "fp-b")
        .unwrap()
        .clone();
    assert_eq!(fp["owner"], "team-web");
    assert_eq!(fp["kind"], "false-positive");
}

#[test]
fn config_excludes_and_directory_globs_anywhere() {
    let dir = repo();
    std::fs::write(
        dir.path().join("tollgate.toml"),
        "[exceptions]\nmax_days = 365\n\n[scan]\nexclude = [\"a.yaml\"]\n",
    )
    .unwrap();
    let report = json(&scan(dir.path(), &["--format", "json"]));
    assert_eq!(report["summary"]["files_excluded"], 1);
    // `--exclude k8s/` matches the directory wherever the scanned directory sits.
    let report = json(&tollgate(
        &dir.path().join("k8s"),
        &[
            "scan",
            "--no-builtin",
            "-p",
            "../policy",
            "--all-namespaces",
            "--format",
            "json",
            "--exclude",
            "k8s/",
            ".",
        ],
    ));
    assert_eq!(report["summary"]["files_scanned"], 0, "{report}");
}
