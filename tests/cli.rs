//! The real binary on fixture repositories: exit codes, conftest conventions, errors, reports.

mod common;

use common::{copy_dir, json, project, tollgate, tollgate_with, write};

const CLEAN_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n  namespace: apps\nspec:\n  automountServiceAccountToken: false\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: registry.acme.dev/app:1.2.3\n      resources:\n        limits: {cpu: 100m, memory: 64Mi}\n      securityContext:\n        allowPrivilegeEscalation: false\n        readOnlyRootFilesystem: true\n        capabilities:\n          drop: [ALL]\n      livenessProbe:\n        httpGet: {path: /healthz, port: 8080}\n      readinessProbe:\n        httpGet: {path: /ready, port: 8080}\n";

#[test]
fn clean_input_passes_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", CLEAN_POD);
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    assert_eq!(report["verdict"], "pass");
    assert_eq!(report["summary"]["documents"], 1);
}

#[test]
fn builtin_rules_block_with_exit_1_and_point_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pod.yaml",
        CLEAN_POD.replace(
            "readOnlyRootFilesystem: true",
            "readOnlyRootFilesystem: true\n        privileged: yes",
        ),
    );
    let run = tollgate(dir.path(), &["scan", "--format", "json", "pod.yaml"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    let f = &report["findings"][0];
    assert_eq!(f["rule_id"], "TG-K8S-001");
    assert_eq!(f["file"], "pod.yaml");
    assert_eq!(f["line"], 21);
    assert_eq!(f["resource"], "Pod/apps/ok");
    assert_eq!(f["enforcement"], "block");
    assert_eq!(f["severity"], "critical");
}

#[test]
fn conftest_policies_in_both_syntaxes_with_namespaces_and_exceptions() {
    let fixtures = project().join("tests/fixtures/conftest");
    let run = tollgate(
        &fixtures,
        &[
            "scan",
            "--no-builtin",
            "-p",
            "policy",
            "--format",
            "json",
            "manifests",
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    let findings = report["findings"].as_array().unwrap();
    let summary: Vec<(String, String, String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
                f["enforcement"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("main.deny".into(), "failed".into(), "block".into(), 1),
            ("ORG-001".into(), "failed".into(), "block".into(), 5),
            ("ORG-001".into(), "excepted".into(), "block".into(), 18),
            ("main.warn".into(), "failed".into(), "warn".into(), 29),
        ],
        "{findings:#?}"
    );
    assert_eq!(findings[1]["details"]["team_hint"], "platform");
    assert_eq!(findings[1]["severity"], "low");

    // Other packages only with --namespace (globs cross dots) or --all-namespaces.
    let run = tollgate(
        &fixtures,
        &[
            "scan",
            "--no-builtin",
            "-p",
            "policy",
            "--namespace",
            "org.*",
            "--format",
            "json",
            "manifests",
        ],
    );
    let report = json(&run);
    let ids: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ORG-IMG"]);
    assert_eq!(report["findings"][0]["line"], 12);
}

#[test]
fn warnings_exit_0_unless_warn_exit_code_is_set() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p/w.rego",
        "package main\nimport rego.v1\nwarn contains \"careful\" if input.kind == \"Pod\"\n",
    );
    write(dir.path(), "pod.yaml", CLEAN_POD);
    let run = tollgate(dir.path(), &["scan", "--no-builtin", "-p", "p", "pod.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("warning[main.warn]: careful"),
        "{}",
        run.stdout
    );
    let run = tollgate(
        dir.path(),
        &[
            "scan",
            "--no-builtin",
            "-p",
            "p",
            "--warn-exit-code",
            "3",
            "pod.yaml",
        ],
    );
    assert_eq!(run.code, 3);
}

#[test]
fn malformed_yaml_and_hcl_fail_closed_with_position() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n",
    );
    write(
        dir.path(),
        "tf/main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  acl = \n}\n",
    );
    write(dir.path(), "notes.yaml", "just: [some, config\n");
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let report = json(&run);
    assert_eq!(report["verdict"], "error");
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_eq!(errors[0]["path"], "bad.yaml");
    assert!(errors[0]["line"].as_u64().unwrap() >= 4);
    // YAML that does not parse cannot be judged, manifest-looking or not.
    assert_eq!(errors[1]["path"], "notes.yaml");
    assert_eq!(errors[2]["path"], "tf/main.tf");
    assert_eq!(errors[2]["line"], 2);
}

#[test]
fn helm_charts_opted_out_are_reported_and_templates_outside_a_chart_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"x.fullname\" . }}\nspec:\n  replicas: {{ .Values.replicas }}\n";
    write(
        dir.path(),
        "chart/Chart.yaml",
        "apiVersion: v2\nname: x\nversion: 0.1.0\n",
    );
    write(dir.path(), "chart/templates/deploy.yaml", template);
    write(dir.path(), "tollgate.toml", "[helm]\nrender = \"skip\"\n");
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let report = json(&run);
    assert_eq!(report["skipped"][0]["path"], "chart");
    assert!(
        report["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("Helm chart not judged"),
        "{}",
        report["skipped"]
    );
    // The same template with no chart around it is not a chart: it does not parse.
    write(dir.path(), "loose/deploy.yaml", template);
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(json(&run)["errors"][0]["path"], "loose/deploy.yaml");
}

#[test]
fn policy_compile_errors_name_file_and_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p/broken.rego",
        "package main\nimport rego.v1\n\ndeny contains msg if {\n  msg := \n}\n",
    );
    write(dir.path(), "pod.yaml", CLEAN_POD);
    let run = tollgate(dir.path(), &["scan", "-p", "p"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tollgate: error: p/broken.rego:"),
        "{}",
        run.stderr
    );

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = tollgate(dir.path(), &["scan", "-p", "empty"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no .rego policy files"),
        "{}",
        run.stderr
    );
}

#[test]
fn builtin_errors_are_undefined_by_default_and_fail_the_document_when_strict() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p/rt.rego",
        "package main\nimport rego.v1\n\ndeny contains msg if {\n  n := to_number(input.metadata.name)\n  msg := sprintf(\"%v\", [n])\n}\n",
    );
    write(dir.path(), "pod.yaml", CLEAN_POD);
    // By default a builtin error makes the expression undefined, as in OPA and conftest.
    let run = tollgate(
        dir.path(),
        &["scan", "--no-builtin", "-p", "p", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = tollgate(
        dir.path(),
        &[
            "scan",
            "--no-builtin",
            "-p",
            "p",
            "--format",
            "json",
            "--strict-builtin-errors",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    let report = json(&run);
    assert_eq!(report["errors"][0]["kind"], "policy");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("main.deny")
    );
}

#[test]
fn terraform_plan_json_is_judged() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "plan.json",
        r#"{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_db_instance.db",
          "mode": "managed",
          "type": "aws_db_instance",
          "name": "db",
          "values": {
            "publicly_accessible": true,
            "storage_encrypted": true,
            "backup_retention_period": 7
          }
        }
      ]
    }
  }
}
"#,
    );
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    let report = json(&run);
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "TG-AWS-RDS-001")
        .expect("RDS finding");
    assert_eq!(f["resource"], "aws_db_instance.db");
    assert_eq!(f["line"], 12);
}

#[test]
fn a_named_file_is_judged_as_in_a_directory_scan_with_fewer_rules_loaded() {
    // Pre-commit names files; only built-in rules whose resource types occur in them are loaded.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&project().join("examples"), dir.path());
    let whole = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    for file in ["kubernetes/web.yaml", "terraform/main.tf"] {
        let named = tollgate(dir.path(), &["scan", file, "--format", "json", "--timings"]);
        let expected = common::findings_in(&whole, file);
        assert!(!expected.is_empty(), "{file}");
        assert_eq!(common::findings_in(&json(&named), file), expected, "{file}");
        let loaded: usize = named
            .stderr
            .split("load policies ")
            .nth(1)
            .and_then(|rest| rest.split('(').nth(1))
            .and_then(|rest| rest.split(' ').nth(2))
            .and_then(|n| n.parse().ok())
            .unwrap_or(usize::MAX);
        assert!(
            loaded < 40,
            "{file}: {loaded} rules loaded\n{}",
            named.stderr
        );
    }
}

#[test]
fn sarif_lists_every_rule_and_fingerprints_without_lines() {
    let run = tollgate(&project(), &["scan", "--format", "sarif", "examples"]);
    assert_eq!(run.code, 1);
    let sarif = json(&run);
    assert_eq!(sarif["version"], "2.1.0");
    let driver = &sarif["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap();
    let rules_run = tollgate(&project(), &["rules", "--format", "json"]);
    assert_eq!(rules.len(), json(&rules_run).as_array().unwrap().len());
    for r in rules {
        assert!(r["properties"]["security-severity"].is_string(), "{r}");
        assert!(r["help"]["text"].is_string());
    }
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(
            !loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with('/')
        );
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(matches!(r["level"].as_str(), Some("error" | "warning")));
        assert_eq!(
            r["partialFingerprints"]["tollgate/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
    // Moving a finding down the file does not change its fingerprint.
    let dir = tempfile::tempdir().unwrap();
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers: []\n";
    write(dir.path(), "p.yaml", manifest);
    let before = json(&tollgate(dir.path(), &["scan", "--format", "sarif"]));
    write(
        dir.path(),
        "p.yaml",
        format!("# a comment\n# another\n{manifest}"),
    );
    let after = json(&tollgate(dir.path(), &["scan", "--format", "sarif"]));
    let fp = |s: &serde_json::Value| {
        s["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["ruleId"].clone(), r["partialFingerprints"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(fp(&before), fp(&after));
}

#[test]
fn report_files_and_stdout_from_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let sarif = out.join("t.sarif");
    let jsonp = out.join("t.json");
    let run = tollgate(
        &project(),
        &[
            "scan",
            "examples",
            "--report",
            &format!("sarif={}", sarif.display()),
            "--report",
            &format!("json={}", jsonp.display()),
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("tollgate: block:"));
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&jsonp).unwrap()).unwrap();
    assert_eq!(j["verdict"], "block");
    // No temporary files left behind.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
}

#[test]
fn rules_and_explain_show_metadata() {
    let run = tollgate(&project(), &["explain", "TG-K8S-001"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Privileged container") && run.stdout.contains("Remediation:"));
    let run = tollgate(&project(), &["explain", "NOPE-1"]);
    assert_eq!(run.code, 2);
}

#[test]
fn version_names_the_policy_library() {
    let run = tollgate(&project(), &["--version"]);
    assert!(
        run.stdout.starts_with("tollgate ") && run.stdout.contains("policy library"),
        "{}",
        run.stdout
    );
}

#[test]
fn verify_runs_rego_unit_tests_and_fails_on_a_failing_one() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "policy/p.rego",
        "package main\nimport rego.v1\ndeny contains \"no\" if input.kind == \"Pod\"\n",
    );
    write(
        dir.path(),
        "policy/p_test.rego",
        "package main\nimport rego.v1\ntest_pod_denied if deny[\"no\"] with input as {\"kind\": \"Pod\"}\ntest_service_allowed if count(deny) == 0 with input as {\"kind\": \"Service\"}\n",
    );
    let run = tollgate(dir.path(), &["verify"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("2 test(s), 2 passed, 0 failed"),
        "{}",
        run.stdout
    );
    write(
        dir.path(),
        "policy/q_test.rego",
        "package main\nimport rego.v1\ntest_wrong if count(deny) == 1 with input as {\"kind\": \"Service\"}\n",
    );
    let run = tollgate(dir.path(), &["verify"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("FAIL main.test_wrong"),
        "{}",
        run.stdout
    );
    let run = tollgate(dir.path(), &["verify", "--run", "pod"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("1 test(s)"), "{}", run.stdout);

    // Like `opa test --explain fails`: the expression that was false, where, and its values.
    write(
        dir.path(),
        "policy/q_test.rego",
        "package main\nimport rego.v1\n\ntest_wrong if {\n  found := deny with input as {\"kind\": \"Pod\"}\n  count(found) == 1\n  found == {\"yes\"}\n}\n",
    );
    let run = tollgate(dir.path(), &["verify", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let wrong = report
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "main.test_wrong")
        .unwrap();
    assert_eq!(wrong["explain"]["line"], 7, "{wrong}");
    assert_eq!(wrong["explain"]["expression"], "found == {\"yes\"}");
    assert_eq!(
        wrong["explain"]["values"],
        serde_json::json!([["found", "[\"no\"]"]])
    );
    let run = tollgate(dir.path(), &["verify"]);
    assert!(
        run.stdout
            .contains("policy/q_test.rego:7: `found == {\"yes\"}` is false\n    found = [\"no\"]"),
        "{}",
        run.stdout
    );
}

#[test]
fn data_files_are_merged_under_data() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p/d.rego",
        "package main\nimport rego.v1\ndeny contains msg if {\n  not input.metadata.name in data.allowed.names\n  msg := sprintf(\"%s not allowed\", [input.metadata.name])\n}\n",
    );
    write(dir.path(), "data/allowed.yaml", "allowed:\n  names: [ok]\n");
    write(dir.path(), "pod.yaml", CLEAN_POD);
    let run = tollgate(
        dir.path(),
        &["scan", "--no-builtin", "-p", "p", "-d", "data", "pod.yaml"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    write(
        dir.path(),
        "data/allowed.yaml",
        "allowed:\n  names: [other]\n",
    );
    let run = tollgate(
        dir.path(),
        &["scan", "--no-builtin", "-p", "p", "-d", "data", "pod.yaml"],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
}

#[test]
fn junit_and_github_reports() {
    let run = tollgate(&project(), &["scan", "examples", "--format", "junit"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("<?xml"));
    assert!(
        run.stdout.contains(
            "<failure message=\"Container `app` in Deployment `shop/web` is privileged\""
        )
    );
    let failures = run.stdout.matches("<failure ").count();
    let header = format!("failures=\"{failures}\"");
    assert!(run.stdout.contains(&header), "{}", run.stdout);
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: [\n",
    );
    let run = tollgate(dir.path(), &["scan", "--format", "junit"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("errors=\"1\"") && run.stdout.contains("<error message="),
        "{}",
        run.stdout
    );

    let run = tollgate(&project(), &["scan", "examples", "--format", "github"]);
    let first = run
        .stdout
        .lines()
        .find(|l| l.contains("TG-K8S-001"))
        .unwrap();
    assert_eq!(
        first,
        "::error file=examples/kubernetes/web.yaml,line=22,endLine=22,col=13,title=TG-K8S-001 (critical%2C Deployment/shop/web)::Container `app` in Deployment `shop/web` is privileged"
    );
    let md = tollgate(&project(), &["scan", "examples", "--format", "markdown"]);
    assert!(
        md.stdout.starts_with("## ❌ tollgate: block"),
        "{}",
        md.stdout
    );
}

#[test]
fn authoring_as_in_opa_rule_metadata_and_conftest_test_helpers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "policy/rules.rego",
        "package main\n\nimport rego.v1\n\n# METADATA\n# title: Team label required\n# custom:\n#   id: ORG-1\n#   severity: low\ndeny contains msg if {\n  not input.metadata.labels.team\n  msg := sprintf(\"%s\", [rego.metadata.rule().title])\n}\n\n# METADATA\n# title: Internal registry\n# custom:\n#   id: ORG-2\n#   severity: critical\ndeny_registry contains {\"msg\": \"public image\", \"path\": \"spec.containers[0].image\"} if {\n  not startswith(input.spec.containers[0].image, \"registry.acme.dev/\")\n}\n",
    );
    write(
        root,
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n",
    );
    let report = json(&tollgate(
        root,
        &[
            "scan",
            "--no-builtin",
            "-p",
            "policy",
            "--format",
            "json",
            "pod.yaml",
        ],
    ));
    let found: Vec<(String, String, String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
                f["message"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // Each rule has its own metadata; a dotted `path` hint lands on the image line.
    assert_eq!(
        found,
        [
            (
                "ORG-1".into(),
                "low".into(),
                "Team label required".into(),
                1
            ),
            ("ORG-2".into(), "critical".into(), "public image".into(), 8),
        ]
    );
    // `parse_config_file` resolves paths from the test file's directory, as conftest does; a
    // failing test says where it is.
    write(
        root,
        "policy/fixtures/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: q, labels: {team: web}}\n",
    );
    write(
        root,
        "policy/rules_test.rego",
        "package main_test\n\nimport rego.v1\n\ntest_labelled_pod_passes if {\n  pod := parse_config_file(\"fixtures/pod.yaml\")\n  count(data.main.deny) == 0 with input as pod\n}\n\ntest_wrong if {\n  false\n}\n",
    );
    let run = tollgate(root, &["verify", "policy"]);
    assert!(
        run.stdout
            .contains("PASS main_test.test_labelled_pod_passes"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("FAIL main_test.test_wrong (policy/rules_test.rego:10)"),
        "{}",
        run.stdout
    );
    let run = tollgate(root, &["verify", "policy", "--coverage"]);
    assert!(
        run.stdout.contains("coverage policy/rules.rego: "),
        "{}",
        run.stdout
    );
}

#[test]
fn large_units_judged_by_every_worker_give_the_same_report_as_one_worker() {
    let dir = tempfile::tempdir().unwrap();
    // One stream of 300 documents (some suppressed inline, one with an invalid annotation) and one
    // module of 120 files: both are judged document by document across workers.
    let mut stream = String::new();
    for i in 0..300 {
        let annotation = match i % 50 {
            7 => {
                "  annotations:\n    tollgate.dev/ignore: \"TG-K8S-001 until=2026-12-20 reason=\\\"load test\\\"\"\n"
            }
            9 => "  annotations:\n    tollgate.dev/ignore: \"TG-K8S-001 until=not-a-date\"\n",
            _ => "",
        };
        stream.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\n{annotation}spec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: {}\n",
            i % 3 == 0
        ));
    }
    write(dir.path(), "k8s/pods.yaml", &stream);
    for i in 0..120 {
        write(
            dir.path(),
            &format!("infra/big/r{i:03}.tf"),
            format!(
                "resource \"aws_db_instance\" \"d{i}\" {{\n  publicly_accessible = {}\n  storage_encrypted   = true\n}}\n",
                i % 4 == 0
            ),
        );
    }
    let scan = |threads: &str| {
        let run = tollgate(
            dir.path(),
            &[
                "scan",
                "--format",
                "json",
                "-j",
                threads,
                "--today",
                "2026-11-30",
            ],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        run.stdout
    };
    let one = scan("1");
    for threads in ["2", "4"] {
        assert_eq!(scan(threads), one, "-j {threads}");
    }
    let report: serde_json::Value = serde_json::from_str(&one).unwrap();
    let count = |rule: &str, status: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == rule && f["status"] == status)
            .count()
    };
    // 100 privileged pods, 2 of them suppressed; 30 public databases.
    assert_eq!(
        count("TG-K8S-001", "failed") + count("TG-K8S-001", "excepted"),
        100
    );
    assert_eq!(count("TG-K8S-001", "excepted"), 2);
    assert_eq!(count("TG-AWS-RDS-001", "failed"), 30);
    // The invalid annotations are errors, their documents still judged.
    assert_eq!(
        report["errors"].as_array().unwrap().len(),
        6,
        "{}",
        report["errors"]
    );
}

#[test]
fn compiled_programs_are_reused_only_for_the_same_policies() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(
        dir,
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n",
    );
    let rule = |message: &str| {
        format!(
            "package main\n\ndeny contains msg if {{\n  input.kind == \"Pod\"\n  msg := \"{message}\"\n}}\n"
        )
    };
    write(dir, "policy/pods.rego", rule("first wording"));
    let cache = dir.join("cache");
    let cache_env = cache.to_str().unwrap().to_string();
    let env = [("TOLLGATE_CACHE_DIR", cache_env.as_str()), ("CI", "")];
    let scan = || {
        tollgate_with(
            dir,
            &[
                "scan",
                "pod.yaml",
                "-p",
                "policy",
                "--format",
                "json",
                "--timings",
            ],
            &env,
        )
    };
    let entries = || std::fs::read_dir(&cache).map_or(0, |d| d.count());

    let first = scan();
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert!(!first.stderr.contains("from the cache"), "{}", first.stderr);
    assert_eq!(entries(), 1);
    let second = scan();
    assert!(
        second.stderr.contains("from the cache"),
        "{}",
        second.stderr
    );
    assert_eq!(second.stdout, first.stdout, "a cached program judges alike");

    // Another policy text is another program.
    write(dir, "policy/pods.rego", rule("second wording"));
    let changed = scan();
    assert!(
        !changed.stderr.contains("from the cache"),
        "{}",
        changed.stderr
    );
    assert!(changed.stdout.contains("second wording"));
    assert!(!changed.stdout.contains("first wording"));
    assert_eq!(entries(), 2);

    // An entry that does not read back whole is compiled again, with the same findings.
    for entry in std::fs::read_dir(&cache).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        std::fs::write(entry.path(), &bytes[..bytes.len() / 2]).unwrap();
    }
    let damaged = scan();
    assert!(
        !damaged.stderr.contains("from the cache"),
        "{}",
        damaged.stderr
    );
    assert_eq!(damaged.stdout, changed.stdout);

    // On CI, without a directory named, nothing is read or written.
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let home_env = home.to_str().unwrap().to_string();
    let on_ci = [
        ("TOLLGATE_CACHE_DIR", ""),
        ("XDG_CACHE_HOME", ""),
        ("HOME", home_env.as_str()),
        ("CI", "true"),
    ];
    for _ in 0..2 {
        let run = tollgate_with(dir, &["scan", "pod.yaml", "--timings"], &on_ci);
        assert!(!run.stderr.contains("from the cache"), "{}", run.stderr);
    }
    assert!(!home.join(".cache").exists());
}
