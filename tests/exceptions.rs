//! Exceptions, inline suppressions and enforcement configuration, through the real binary.

mod common;

use common::{copy_dir, tollgate};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exceptions")
}

/// Copies the fixture repository so tests can add config files without touching the original.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn scan_json(cwd: &Path, today: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["scan", "--format", "json", "--today", today];
    args.extend_from_slice(extra);
    let run = tollgate(cwd, &args);
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
    (run.code, v)
}

/// `(rule, resource) -> (status, exception id or expired id)` for the rules the fixture exercises.
fn outcomes(report: &serde_json::Value) -> Vec<(String, String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| matches!(f["rule_id"].as_str(), Some("TG-K8S-002" | "TG-AWS-S3-001")))
        .map(|f| {
            let note = f["exception"]["id"]
                .as_str()
                .map(str::to_string)
                .or_else(|| {
                    f["expired_exception"]["id"]
                        .as_str()
                        .map(|id| format!("expired:{id}"))
                })
                .unwrap_or_default();
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
                note,
            )
        })
        .collect()
}

fn row(rule: &str, resource: &str, status: &str, note: &str) -> (String, String, String, String) {
    (rule.into(), resource.into(), status.into(), note.into())
}

#[test]
fn file_inline_and_annotation_exceptions_apply_until_their_expiry_day() {
    let dir = repo();
    let (code, report) = scan_json(dir.path(), "2026-11-26", &[]);
    assert_eq!(code, 1, "S3-001 on new_site still blocks");
    assert_eq!(
        outcomes(&report),
        vec![
            row("TG-K8S-002", "Pod/prod/web", "excepted", "web-hostpid"),
            row(
                "TG-K8S-002",
                "Pod/mon/exporter",
                "excepted",
                "inline:k8s/web.yaml:12"
            ),
            row(
                "TG-K8S-002",
                "Pod/mon/agent",
                "excepted",
                "inline:k8s/web.yaml:30"
            ),
            row(
                "TG-AWS-S3-001",
                "aws_s3_bucket.legacy_site",
                "excepted",
                "legacy-site"
            ),
            row(
                "TG-AWS-S3-001",
                "aws_s3_bucket.promo",
                "excepted",
                "inline:tf/main.tf:6"
            ),
            row("TG-AWS-S3-001", "aws_s3_bucket.new_site", "failed", ""),
        ]
    );
    let excepted = &report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["exception"]["id"] == "web-hostpid")
        .unwrap()["exception"];
    assert_eq!(excepted["days_left"], 14);
    assert_eq!(excepted["owner"], "team-web");

    // `expires: 2026-12-10` protects on the 10th and not on the 11th.
    let (_, on_day) = scan_json(dir.path(), "2026-12-10", &[]);
    assert_eq!(
        outcomes(&on_day)[0],
        row("TG-K8S-002", "Pod/prod/web", "excepted", "web-hostpid")
    );
    let (code, after) = scan_json(dir.path(), "2026-12-11", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        outcomes(&after)[0],
        row(
            "TG-K8S-002",
            "Pod/prod/web",
            "failed",
            "expired:web-hostpid"
        )
    );
    let web = report_exception(&after, "web-hostpid");
    assert_eq!(web["status"], "expired");
    let human = tollgate(dir.path(), &["scan", "--today", "2026-12-11", "k8s"]);
    assert!(
        human
            .stdout
            .contains("exception web-hostpid (owner team-web) expired on 2026-12-10"),
        "{}",
        human.stdout
    );
}

fn report_exception<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no exception {id}"))
}

#[test]
fn expiring_soon_warns_with_owner_and_unused_is_reported() {
    let dir = repo();
    let (_, report) = scan_json(dir.path(), "2026-11-30", &[]);
    assert_eq!(
        report_exception(&report, "web-hostpid")["status"],
        "expiring"
    );
    assert_eq!(report_exception(&report, "legacy-site")["status"], "active");
    assert_eq!(report_exception(&report, "never-used")["status"], "unused");
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w
                .contains("`web-hostpid` (owner team-web) expires on 2026-12-10 (10 day(s) left)")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`never-used` (owner team-cloud) matched no finding")),
        "{warnings:?}"
    );
    assert_eq!(report["summary"]["exceptions_unused"], 1);

    // Scanning only some files (pre-commit): an exception without `paths` is not called unused,
    // and one whose `paths` match no scanned file neither.
    let (_, partial) = scan_json(dir.path(), "2026-11-30", &["tf/main.tf"]);
    assert_eq!(report_exception(&partial, "never-used")["status"], "active");
    assert_eq!(
        report_exception(&partial, "web-hostpid")["status"],
        "expiring"
    );

    // --strict-exceptions turns stale exceptions into a failing run.
    let clean = tempfile::tempdir().unwrap();
    copy_dir(
        &dir.path().join(".tollgate"),
        &clean.path().join(".tollgate"),
    );
    std::fs::create_dir(clean.path().join(".git")).unwrap();
    let run = tollgate(clean.path(), &["scan", "--today", "2026-11-30"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = tollgate(
        clean.path(),
        &["scan", "--today", "2026-11-30", "--strict-exceptions"],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
}

#[test]
fn invalid_exception_files_fail_closed_with_position() {
    let dir = repo();
    let path = dir.path().join(".tollgate/exceptions.yaml");
    let original = std::fs::read_to_string(&path).unwrap();
    let cases = [
        (
            original.replace("owner: team-site", "ownr: team-site"),
            ".tollgate/exceptions.yaml:14:5",
            "unknown key `ownr`",
        ),
        (
            original.replace(
                "expires: 2026-12-31\n  - id: never-used",
                "expires: 2026-12-32\n  - id: never-used",
            ),
            ".tollgate/exceptions.yaml:16:14",
            "not a real date",
        ),
        (
            original.replace("    expires: 2026-12-10\n", ""),
            ".tollgate/exceptions.yaml:2:5",
            "missing required key `expires`",
        ),
        (
            original.replace("id: never-used", "id: legacy-site"),
            ".tollgate/exceptions.yaml:17:9",
            "duplicate exception id",
        ),
        (
            original.replace("    scope: all\n", ""),
            ".tollgate/exceptions.yaml:17:5",
            "neither `resources` nor `paths`",
        ),
        (
            original.replace("expires: 2026-12-10", "expires: 2026-11-01"),
            ".tollgate/exceptions.yaml:9:14",
            "before `created`",
        ),
        (
            original.replace("expires: 2026-12-10", "expires: 2027-06-01"),
            ".tollgate/exceptions.yaml:9:14",
            "at most 90 days",
        ),
    ];
    for (text, at, message) in cases {
        std::fs::write(&path, text).unwrap();
        let run = tollgate(dir.path(), &["scan", "--today", "2026-11-26"]);
        assert_eq!(run.code, 2, "{message}: {}", run.stderr);
        assert!(
            run.stderr.contains(at) && run.stderr.contains(message),
            "expected {at} {message}, got {}",
            run.stderr
        );
    }
    std::fs::write(&path, &original).unwrap();
    // An inline suppression without a date is an error too, at its line.
    let tf = dir.path().join("tf/main.tf");
    let text = std::fs::read_to_string(&tf)
        .unwrap()
        .replace("until=2026-12-15 ", "");
    std::fs::write(&tf, text).unwrap();
    let (code, report) = scan_json(dir.path(), "2026-11-26", &[]);
    assert_eq!(code, 2);
    assert_eq!(report["errors"][0]["path"], "tf/main.tf");
    assert_eq!(report["errors"][0]["line"], 6);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("until")
    );
}

#[test]
fn enforcement_overrides_block_at_and_rollout_dates() {
    let dir = repo();
    let config = dir.path().join("tollgate.toml");
    // Off: the rule disappears.
    std::fs::write(
        &config,
        "[rules.\"TG-AWS-S3-001\"]\nenforcement = \"off\"\n",
    )
    .unwrap();
    let (_, report) = scan_json(dir.path(), "2026-11-26", &["tf"]);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule_id"] != "TG-AWS-S3-001")
    );
    // Rollout: warn before the date, block from it on.
    std::fs::write(
        &config,
        "[rules.\"TG-AWS-S3-00*\"]\nwarn_until = 2027-03-01\n",
    )
    .unwrap();
    let enforcement = |today: &str| {
        let (_, r) = scan_json(dir.path(), today, &["tf"]);
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == "TG-AWS-S3-001" && f["status"] == "failed")
            .unwrap()["enforcement"]
            .clone()
    };
    assert_eq!(enforcement("2027-02-28"), "warn");
    assert_eq!(enforcement("2027-03-01"), "block");
    // Severity threshold: only critical blocks; an exact id beats a glob.
    std::fs::write(&config, "[enforcement]\nblock_at = \"critical\"\n[rules.\"TG-AWS-*\"]\nenforcement = \"warn\"\n[rules.\"TG-AWS-S3-004\"]\nenforcement = \"block\"\n").unwrap();
    let (_, r) = scan_json(dir.path(), "2026-11-26", &["tf"]);
    let e = |id: &str| {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == id)
            .unwrap()["enforcement"]
            .clone()
    };
    assert_eq!(e("TG-AWS-S3-001"), "warn");
    assert_eq!(e("TG-AWS-S3-004"), "block");
    // Unknown keys are errors with a line number.
    std::fs::write(
        &config,
        "[enforcement]\nblock_at = \"high\"\nblock_above = \"low\"\n",
    )
    .unwrap();
    let run = tollgate(dir.path(), &["scan"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tollgate.toml:3:1: invalid config")
            && run.stderr.contains("block_above"),
        "{}",
        run.stderr
    );
}

#[test]
fn exceptions_command_reports_health_as_json() {
    let dir = repo();
    let run = tollgate(
        dir.path(),
        &["exceptions", "--today", "2026-11-30", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["totals"]["count"], 6);
    assert_eq!(v["totals"]["unused"], 1);
    assert_eq!(v["totals"]["expiring"], 1);
    let table = tollgate(dir.path(), &["exceptions", "--today", "2026-11-30"]);
    assert!(table.stdout.contains("6 exception(s):"), "{}", table.stdout);
}

#[test]
fn sarif_leaves_excepted_findings_out_unless_asked() {
    let dir = repo();
    let sarif = |extra: &[&str]| {
        let mut args = vec!["scan", "--format", "sarif", "--today", "2026-11-26"];
        args.extend_from_slice(extra);
        let v: serde_json::Value =
            serde_json::from_str(&tollgate(dir.path(), &args).stdout).unwrap();
        v["runs"][0]["results"].as_array().unwrap().clone()
    };
    let default = sarif(&[]);
    assert!(default.iter().all(|r| r.get("suppressions").is_none()));
    let (_, report) = scan_json(dir.path(), "2026-11-26", &[]);
    let excepted = report["summary"]["excepted"].as_u64().unwrap() as usize;
    assert!(excepted >= 5);
    let with = sarif(&["--sarif-include-excepted"]);
    assert_eq!(with.len(), default.len() + excepted);
    let suppressed: Vec<_> = with.iter().filter_map(|r| r.get("suppressions")).collect();
    assert_eq!(suppressed.len(), excepted);
    assert_eq!(suppressed[0][0]["kind"], "external");
    assert!(suppressed[0][0]["justification"].as_str().unwrap().len() > 10);
}

#[test]
fn init_writes_a_starter_config_that_scans_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let run = tollgate(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        dir.path().join("tollgate.toml").exists()
            && dir.path().join(".tollgate/exceptions.yaml").exists()
    );
    let run = tollgate(dir.path(), &["scan"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run = tollgate(dir.path(), &["completions", "bash"]);
    assert!(run.stdout.contains("tollgate"));
}

/// Regression (reshape): `tollgate exceptions` built its own defaults (no VM, no `--exclude`, no
/// time limit), so it could judge a repository differently from `scan` and disagree on "unused".
#[test]
fn exceptions_command_judges_with_the_same_settings_as_scan() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: legacy\nspec:\n  hostPID: true\n  containers:\n    - name: app\n      image: nginx:1.0\n";
    common::write(dir.path(), "legacy/pod.yaml", pod);
    common::write(
        dir.path(),
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - id: legacy-pid\n    rules: [TG-K8S-002]\n    paths: [legacy/**]\n    reason: Node agent\n    owner: sre\n    expires: 2026-12-31\n",
    );
    // A policy whose builtin error is undefined in OPA's semantics (the VM) but a document error
    // in the interpreter: both commands must take the same path.
    common::write(
        dir.path(),
        "policy/p.rego",
        "package main\nimport rego.v1\ndeny contains \"n\" if to_number(\"abc\") > 1\n",
    );
    for exclude in [&[][..], &["--exclude", "legacy/"][..]] {
        let mut scan = vec![
            "scan",
            "--format",
            "json",
            "--today",
            "2026-11-30",
            "-p",
            "policy",
        ];
        scan.extend_from_slice(exclude);
        let scan_run = tollgate(dir.path(), &scan);
        let scan_report: serde_json::Value = serde_json::from_str(&scan_run.stdout).unwrap();
        let mut health = vec![
            "exceptions",
            "--format",
            "json",
            "--today",
            "2026-11-30",
            "-p",
            "policy",
        ];
        health.extend_from_slice(exclude);
        let health_run = tollgate(dir.path(), &health);
        assert_ne!(
            health_run.code, 2,
            "{}{}",
            health_run.stdout, health_run.stderr
        );
        let health_report: serde_json::Value = serde_json::from_str(&health_run.stdout).unwrap();
        assert_eq!(
            scan_report["exceptions"][0]["status"], health_report["exceptions"][0]["status"],
            "{exclude:?}"
        );
        assert_eq!(
            scan_report["exceptions"][0]["matches"],
            health_report["exceptions"][0]["matches"]
        );
        assert_eq!(scan_report["summary"]["errors"], 0);
    }
}

#[test]
fn pod_security_baseline_makes_restricted_rules_warn_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    // No securityContext at all: restricted-level rules (may run as root, privilege escalation)
    // fire; nothing baseline does.
    common::write(
        dir.path(),
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: a\nspec:\n  containers:\n    - name: app\n      image: nginx:1.0\n",
    );
    let enforcement = |report: &serde_json::Value, rule: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == rule)
            .map(|f| f["enforcement"].as_str().unwrap().to_string())
    };
    let (code, report) = scan_json(dir.path(), "2026-11-30", &[]);
    assert_eq!(code, 1);
    assert_eq!(enforcement(&report, "TG-K8S-003").as_deref(), Some("block"));
    common::write(
        dir.path(),
        "tollgate.toml",
        "[kubernetes]\npod_security = \"baseline\"\n",
    );
    let (code, report) = scan_json(dir.path(), "2026-11-30", &[]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(enforcement(&report, "TG-K8S-003").as_deref(), Some("warn"));
    assert_eq!(report["governance"][0]["kind"], "pod_security_baseline");
}

#[test]
fn each_of_many_documents_is_excepted_by_its_own_suppression_only() {
    // One stream of 600 privileged Pods, each with its own comment suppression (every 100th an
    // expired one, and one suppression anchored to nothing that fires). Each suppression covers
    // its own document only and counts its own match: 600 documents × 600 suppressions were once
    // all copied into, and compared for, every document (quadratic: 20,000 of them took 242 s).
    let dir = common::git_repo();
    let mut stream = String::new();
    for i in 0..600 {
        let until = if i % 100 == 7 {
            "2026-11-01"
        } else {
            "2026-12-20"
        };
        let rule = if i == 300 { "TG-K8S-999" } else { "TG-K8S-001" };
        stream.push_str(&format!(
            "# tollgate:ignore {rule} until={until} reason=\"load test {i}\" owner=sre\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\n  namespace: load\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n---\n"
        ));
    }
    common::write(dir.path(), "pods.yaml", stream);
    let (_, report) = scan_json(dir.path(), "2026-11-30", &[]);
    let privileged = common::findings_of(&report, "TG-K8S-001");
    assert_eq!(privileged.len(), 600);
    for f in &privileged {
        let i: usize = f["resource"].as_str().unwrap()["Pod/load/p".len()..]
            .parse()
            .unwrap();
        let own = format!("inline:pods.yaml:{}", 1 + 13 * i);
        let (status, id) = match (
            f["exception"]["id"].as_str(),
            f["expired_exception"]["id"].as_str(),
        ) {
            (Some(id), _) => ("excepted", id),
            (None, Some(id)) => ("failed", id),
            (None, None) => ("failed", ""),
        };
        let expected = match i {
            300 => ("failed", ""),
            _ if i % 100 == 7 => ("failed", own.as_str()),
            _ => ("excepted", own.as_str()),
        };
        assert_eq!(f["status"], status, "{f}");
        assert_eq!((status, id), expected, "{f}");
    }
    let exceptions = report["exceptions"].as_array().unwrap();
    assert_eq!(exceptions.len(), 600);
    for e in exceptions {
        let line: usize = e["source"].as_str().unwrap()["pods.yaml:".len()..]
            .parse()
            .unwrap();
        let expected = if line == 1 + 13 * 300 { 0 } else { 1 };
        assert_eq!(e["matches"], expected, "{e}");
    }
    assert_eq!(
        report_exception(&report, "inline:pods.yaml:3901")["status"],
        "unused"
    );
}
