//! Terraform as Terraform evaluates it, checked against the real `terraform`: the values tollgate
//! resolves statically (variables from every source in Terraform's order, locals, module inputs,
//! `count`/`for_each` instances, override files, `.tf.json`) must equal the ones in Terraform's
//! own plan. The differential test says SKIPPED and returns when `terraform` is not on PATH.

mod common;

use common::{copy_dir, json, project, tollgate, write};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn terraform_available() -> bool {
    let ok = Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: `terraform` is not on PATH");
    }
    ok
}

/// Address → `input` of every `terraform_data` resource in Terraform's plan of `dir`.
fn terraform_values(dir: &Path) -> BTreeMap<String, serde_json::Value> {
    let run = |args: &[&str]| {
        let out = Command::new("terraform")
            .args(args)
            .current_dir(dir)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "terraform {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&["init", "-input=false", "-backend=false"]);
    run(&["plan", "-input=false", "-out=tfplan"]);
    let plan: serde_json::Value =
        serde_json::from_slice(&run(&["show", "-json", "tfplan"])).unwrap();
    let mut out = BTreeMap::new();
    fn walk(m: &serde_json::Value, out: &mut BTreeMap<String, serde_json::Value>) {
        for r in m["resources"].as_array().into_iter().flatten() {
            out.insert(
                r["address"].as_str().unwrap().to_string(),
                r["values"]["input"].clone(),
            );
        }
        for c in m["child_modules"].as_array().into_iter().flatten() {
            walk(c, out);
        }
    }
    walk(&plan["planned_values"]["root_module"], &mut out);
    out
}

/// Address → `input` as tollgate resolved it (a policy reports each one).
fn tollgate_values(dir: &Path) -> BTreeMap<String, serde_json::Value> {
    let policy = project().join("tests/fixtures/terraform-differential-policy");
    let run = tollgate(
        dir,
        &[
            "scan",
            "--no-builtin",
            "-p",
            policy.to_str().unwrap(),
            "--format",
            "json",
            ".",
        ],
    );
    let report = json(&run);
    assert_eq!(report["errors"], serde_json::json!([]), "{}", run.stdout);
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["resource"].as_str().unwrap().to_string(),
                serde_json::from_str(f["message"].as_str().unwrap()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn static_evaluation_matches_terraforms_plan() {
    if !terraform_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &project().join("tests/fixtures/terraform-differential"),
        dir.path(),
    );
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let ours = tollgate_values(dir.path());
    let theirs = terraform_values(dir.path());
    assert_eq!(ours, theirs);
}

#[test]
fn module_inputs_reach_the_module_and_called_directories_are_not_judged_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "main.tf",
        "module \"site\" {\n  source = \"./modules/bucket\"\n  acl    = \"public-read\"\n}\n\nmodule \"private\" {\n  source = \"./modules/bucket\"\n}\n\nmodule \"remote\" {\n  source = \"terraform-aws-modules/s3-bucket/aws\"\n}\n",
    );
    write(
        root,
        "modules/bucket/main.tf",
        "variable \"acl\" {\n  default = \"private\"\n}\n\nresource \"aws_s3_bucket_acl\" \"this\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n",
    );
    // A called module's other files are not Terraform's (terraform-aws-modules ship these).
    write(
        root,
        "modules/bucket/.editorconfig",
        "root = true\n\n[*]\ncharset = utf-8\n",
    );
    write(root, "modules/bucket/README.md", "# bucket\n");
    let run = tollgate(root, &["scan", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = json(&run);
    assert_eq!(report["errors"], serde_json::json!([]));
    let public: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "TG-AWS-S3-001")
        .collect();
    assert_eq!(public.len(), 1, "{public:#?}");
    let f = public[0];
    assert_eq!(f["file"], "modules/bucket/main.tf");
    assert_eq!(f["line"], 7);
    assert_eq!(f["resource"], "module.site.aws_s3_bucket_acl.this");
    assert_eq!(f["module_calls"][0]["file"], "main.tf");
    assert_eq!(f["module_calls"][0]["line"], 1);
    // The remote call is not silent, and --strict makes it an error.
    assert!(
        report["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("module.remote")),
        "{}",
        report["warnings"]
    );
    assert_eq!(tollgate(root, &["scan", "--strict"]).code, 2);
    // Exceptions match module addresses.
    write(
        root,
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - rules: [TG-AWS-S3-001]\n    resources: [\"module.site.*\"]\n    reason: public site\n    owner: web\n    expires: 2026-12-20\n",
    );
    let report = json(&tollgate(
        root,
        &["scan", "--format", "json", "--today", "2026-11-30"],
    ));
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == "TG-AWS-S3-001")
            .all(|f| f["status"] == "excepted")
    );
    // A missing local source and a cycle are errors at the call.
    write(
        root,
        "broken/main.tf",
        "module \"x\" {\n  source = \"./nowhere\"\n}\n",
    );
    write(
        root,
        "loop/main.tf",
        "module \"self\" {\n  source = \"./\"\n}\n",
    );
    let report = json(&tollgate(
        root,
        &["scan", "--format", "json", "broken", "loop"],
    ));
    let errors: Vec<(String, u64)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("broken/main.tf".to_string(), 2),
            ("loop/main.tf".to_string(), 2)
        ]
    );
}

#[test]
fn count_zero_and_empty_for_each_create_nothing_to_judge() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "variable \"enabled\" {\n  default = false\n}\n\nresource \"aws_db_instance\" \"a\" {\n  count               = var.enabled ? 1 : 0\n  publicly_accessible = true\n}\n\nresource \"aws_db_instance\" \"b\" {\n  for_each            = {}\n  publicly_accessible = true\n}\n",
    );
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule_id"] == "TG-AWS-RDS-001"),
        "{}",
        report["findings"]
    );
}

#[test]
fn command_line_variable_files_and_values_apply_in_order() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "variable \"public\" {\n  default = false\n}\n\nresource \"aws_db_instance\" \"a\" {\n  publicly_accessible = var.public\n}\n",
    );
    write(dir.path(), "prod.tfvars", "public = true\n");
    let rds = |args: &[&str]| {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        json(&tollgate(dir.path(), &all))["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule_id"] == "TG-AWS-RDS-001")
    };
    assert!(!rds(&[]));
    assert!(rds(&["--tf-var-file", "prod.tfvars"]));
    assert!(!rds(&[
        "--tf-var-file",
        "prod.tfvars",
        "--tf-var",
        "public=false"
    ]));
    assert_eq!(
        tollgate(dir.path(), &["scan", "--tf-var-file", "missing.tfvars"]).code,
        2
    );
}

#[test]
fn dynamic_blocks_over_known_collections_are_expanded() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sg.tf",
        "variable \"rules\" {\n  default = [\n    { port = 443, cidr = \"10.0.0.0/8\" },\n    { port = 22, cidr = \"0.0.0.0/0\" },\n  ]\n}\n\nresource \"aws_security_group\" \"web\" {\n  name = \"web\"\n  dynamic \"ingress\" {\n    for_each = var.rules\n    content {\n      from_port   = ingress.value.port\n      to_port     = ingress.value.port\n      protocol    = \"tcp\"\n      cidr_blocks = [ingress.value.cidr]\n    }\n  }\n}\n",
    );
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    let ssh: Vec<u64> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "TG-AWS-EC2-001")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(ssh.len(), 1, "{}", report["findings"]);
    assert!((12..=17).contains(&ssh[0]), "{ssh:?}");
}

#[test]
fn a_named_file_inside_a_called_module_is_judged_through_its_caller() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "envs/prod/main.tf",
        "module \"site\" {\n  source = \"../../modules/bucket\"\n  acl    = \"public-read\"\n}\n",
    );
    write(
        root,
        "modules/bucket/main.tf",
        "variable \"acl\" {\n  default = \"private\"\n}\n\nresource \"aws_s3_bucket_acl\" \"this\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n",
    );
    // pre-commit names only the module's file: its caller is found and the file judged through it.
    let report = json(&tollgate(
        root,
        &["scan", "--format", "json", "modules/bucket/main.tf"],
    ));
    let public: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "TG-AWS-S3-001")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["resource"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        public,
        [(
            "modules/bucket/main.tf".to_string(),
            "module.site.aws_s3_bucket_acl.this".to_string()
        )],
        "{}",
        report["errors"]
    );
}
