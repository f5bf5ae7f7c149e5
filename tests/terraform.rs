//! Terraform as Terraform evaluates it, checked against the real `terraform`: the values tollgate
//! resolves statically (variables from every source in Terraform's order, locals, module inputs,
//! `count`/`for_each` instances, override files, `.tf.json`) must equal the ones in Terraform's
//! own plan. The differential test says SKIPPED and returns when `terraform` is not on PATH.

mod common;

use common::{copy_dir, findings_in, findings_of, json, project, tollgate, write};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A module of one bucket ACL set from its `acl` variable, whose default is `default_acl`.
fn bucket_acl_module(default_acl: &str) -> String {
    format!(
        "variable \"acl\" {{\n  default = \"{default_acl}\"\n}}\n\nresource \"aws_s3_bucket_acl\" \"this\" {{\n  bucket = \"b\"\n  acl    = var.acl\n}}\n"
    )
}

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

/// Runs `terraform ARGS` in `dir` (with `env` added), which must succeed; its standard output.
fn terraform(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let out = Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "terraform {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Address → `input` of every `terraform_data` resource in Terraform's plan of `dir`.
fn terraform_values(dir: &Path) -> BTreeMap<String, serde_json::Value> {
    let run = |args: &[&str]| terraform(dir, args, &[]);
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

/// A local copy of the `hashicorp/aws` provider (`terraform init -plugin-dir`): the development
/// machines carry one; `TOLLGATE_TF_PLUGIN_DIR` names another.
fn aws_plugin_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("TOLLGATE_TF_PLUGIN_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/opt/tf-plugins".into());
    if dir.join("registry.terraform.io/hashicorp/aws").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: no hashicorp/aws provider in {} (set TOLLGATE_TF_PLUGIN_DIR)",
            dir.display()
        );
        None
    }
}

/// (rule, address) of every finding of a scan of `dir`.
fn rule_addresses(dir: &Path) -> std::collections::BTreeSet<(String, String)> {
    let report = json(&tollgate(dir, &["scan", "--format", "json", "."]));
    assert_eq!(report["errors"], serde_json::json!([]));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Terraform's own answer: the fixture planned with the real AWS provider (fake credentials, no
/// network) and judged as a plan must give the findings its configuration gives, instance by
/// instance: module inputs, `for_each` modules, tfvars sources, override files, `count`/`for_each`
/// resources, `.tf.json`, `try`/`concat`/`cidrsubnet`, `dynamic` blocks.
#[test]
fn findings_on_terraforms_plan_match_findings_on_the_configuration() {
    if !terraform_available() {
        return;
    }
    let Some(plugins) = aws_plugin_dir() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    copy_dir(
        &project().join("tests/fixtures/terraform-aws-plan"),
        &config,
    );
    std::fs::create_dir(config.join(".git")).unwrap();
    // Fake credentials: the provider plans without calling AWS.
    let credentials = [
        ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "not-a-secret"),
    ];
    let run = |args: &[&str]| terraform(&config, args, &credentials);
    let plugin_arg = format!("-plugin-dir={}", plugins.display());
    run(&["init", "-input=false", "-backend=false", &plugin_arg]);
    run(&["plan", "-input=false", "-refresh=false", "-out=tfplan"]);
    let plan_dir = dir.path().join("plan");
    std::fs::create_dir_all(plan_dir.join(".git")).unwrap();
    std::fs::write(
        plan_dir.join("plan.json"),
        run(&["show", "-json", "tfplan"]),
    )
    .unwrap();
    // Terraform's working files are not configuration.
    std::fs::remove_dir_all(config.join(".terraform")).unwrap();
    let from_config = rule_addresses(&config);
    let from_plan = rule_addresses(&plan_dir);
    assert_eq!(from_config, from_plan);
    // The fixture exercises what it claims to: instances of each kind are judged.
    for (rule, address) in [
        ("TG-AWS-EC2-004", "aws_ebs_volume.v[1]"),
        ("TG-AWS-EC2-004", "aws_ebs_volume.json[\"y\"]"),
        ("TG-AWS-RDS-001", "module.dbs[\"b\"].aws_db_instance.this"),
        ("TG-AWS-RDS-002", "module.dbs[\"a\"].aws_db_instance.this"),
        ("TG-AWS-EC2-001", "module.net.aws_security_group.ssh"),
    ] {
        assert!(
            from_config.contains(&(rule.to_string(), address.to_string())),
            "{rule} {address}: {from_config:?}"
        );
    }
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
    write(root, "modules/bucket/main.tf", bucket_acl_module("private"));
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
    write(root, "modules/bucket/main.tf", bucket_acl_module("private"));
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

#[test]
fn a_named_file_is_judged_through_every_caller_and_callers_below_it() {
    let dir = common::git_repo();
    let root = dir.path();
    let module = &bucket_acl_module("private");
    let call = |acl: &str| {
        format!(
            "module \"site\" {{\n  source = \"../../modules/bucket\"\n  acl    = \"{acl}\"\n}}\n"
        )
    };
    write(root, "modules/bucket/main.tf", module);
    // Two environments call the module; only the second passes a public ACL (and is searched
    // after the first): the named file blocks, as a scan of the whole repository does.
    write(root, "envs/dev/main.tf", call("private"));
    write(root, "envs/prod/main.tf", call("public-read"));
    let named = |report: &serde_json::Value| -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = findings_of(report, "TG-AWS-S3-001")
            .iter()
            .map(|f| {
                (
                    f["file"].as_str().unwrap().into(),
                    f["resource"].as_str().unwrap().into(),
                )
            })
            .collect();
        found.sort();
        found
    };
    let one = json(&tollgate(
        root,
        &["scan", "--format", "json", "modules/bucket/main.tf"],
    ));
    let all = json(&tollgate(root, &["scan", "--format", "json", "."]));
    assert_eq!(named(&one), named(&all));
    assert_eq!(named(&one).len(), 1, "{}", one["findings"]);

    // A module at the repository root, called only by its own example (the layout of a
    // published module): judged through the example, not with its defaults.
    let dir = common::git_repo();
    let root = dir.path();
    write(root, "main.tf", module);
    write(
        root,
        "examples/public/main.tf",
        "module \"site\" {\n  source = \"../../\"\n  acl    = \"public-read\"\n}\n",
    );
    let one = json(&tollgate(root, &["scan", "--format", "json", "main.tf"]));
    let resources: Vec<&str> = findings_of(&one, "TG-AWS-S3-001")
        .iter()
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    assert_eq!(
        resources,
        ["module.site.aws_s3_bucket_acl.this"],
        "{}",
        one["findings"]
    );

    // A chain: a root calls an application module that calls the module named. The application
    // module is not a root (its default ACL is never deployed): the root's value decides.
    let dir = common::git_repo();
    let root = dir.path();
    write(root, "modules/bucket/main.tf", module);
    write(
        root,
        "modules/app/main.tf",
        "variable \"acl\" {\n  default = \"private\"\n}\n\nmodule \"bucket\" {\n  source = \"../bucket\"\n  acl    = var.acl\n}\n",
    );
    write(
        root,
        "live/prod/main.tf",
        "module \"app\" {\n  source = \"../../modules/app\"\n  acl    = \"public-read\"\n}\n",
    );
    let one = json(&tollgate(
        root,
        &["scan", "--format", "json", "modules/bucket/main.tf"],
    ));
    let all = json(&tollgate(root, &["scan", "--format", "json", "."]));
    assert_eq!(named(&one), named(&all));
    assert_eq!(
        named(&one),
        [(
            "modules/bucket/main.tf".to_string(),
            "module.app.module.bucket.aws_s3_bucket_acl.this".to_string()
        )]
    );
}

#[test]
fn every_named_file_is_judged_as_the_repository_scan_judges_it() {
    // pre-commit names files one by one; each must get exactly the findings a scan of the whole
    // repository gives it. The fixture holds the layouts where that once failed: a module at the
    // root called by its example (below it) and by a wrapper that makes no instance, a chain of
    // modules from two live roots, a caller that repeats an object key.
    let dir = common::git_repo();
    let root = dir.path();
    copy_dir(&project().join("tests/fixtures/named-files"), root);
    let whole = json(&tollgate(root, &["scan", "--format", "json"]));
    let files = [
        "main.tf",
        "examples/public/main.tf",
        "wrappers/main.tf",
        "modules/net/main.tf",
        "modules/app/main.tf",
        "live/prod/main.tf",
        "live/dev/main.tf",
        "k8s/pod.yaml",
    ];
    for file in files {
        let named = json(&tollgate(root, &["scan", "--format", "json", file]));
        assert_eq!(
            findings_in(&named, file),
            findings_in(&whole, file),
            "{file}"
        );
        assert_eq!(named["summary"]["errors"], 0, "{file}: {}", named["errors"]);
    }
    // Not vacuous: the root module and the end of the chain have findings only through callers.
    for (file, resource) in [
        ("main.tf", "module.site.aws_s3_bucket_acl.this"),
        (
            "modules/net/main.tf",
            "module.app.module.net.aws_security_group.ssh",
        ),
    ] {
        let resources: Vec<String> = findings_in(&whole, file)
            .iter()
            .map(|f| f["resource"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(resources, [resource], "{file}");
    }
}

#[test]
fn a_possible_caller_that_does_not_parse_stops_a_named_file_as_it_stops_the_scan() {
    // Which modules a broken file calls is unknown: the named module may be deployed through it.
    // A scan of the repository stops at the file (exit 2); so does the named file, saying where.
    let dir = common::git_repo();
    let root = dir.path();
    write(root, "modules/net/main.tf", "variable \"cidr\" {}\n");
    write(
        root,
        "envs/prod/main.tf",
        "module \"net\" {\n  source = \"../../modules/net\"\n  cidr   = \"0.0.0.0/0\"\n}\n\nlocals {\n  broken = [\n}\n",
    );
    // Unrelated and broken: it could not call the module, so it does not matter to the named file.
    write(
        root,
        "other/main.tf",
        "module \"dns\" {\n  source = \"../dns\"\n}\n\nlocals {\n  x = (\n}\n",
    );
    let named = tollgate(root, &["scan", "--format", "json", "modules/net/main.tf"]);
    assert_eq!(named.code, 2, "{}{}", named.stdout, named.stderr);
    let errors = json(&named)["errors"].clone();
    let errors = errors.as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "envs/prod/main.tf");
    assert!(errors[0]["line"].as_u64().unwrap() > 0, "{errors:?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("modules/net"),
        "{errors:?}"
    );
    assert_eq!(tollgate(root, &["scan", "--format", "json", "."]).code, 2);
}

#[test]
fn a_caller_repeating_an_object_key_still_calls_its_module() {
    // Terraform accepts `{ port = 80, port = 81 }` (the last wins); the caller's module calls must
    // still be seen, or the module is judged alone with its defaults as well.
    let dir = common::git_repo();
    let root = dir.path();
    write(
        root,
        "modules/bucket/main.tf",
        bucket_acl_module("public-read"),
    );
    write(
        root,
        "envs/prod/main.tf",
        "locals {\n  ports = { http = 80, http = 81 }\n}\n\nmodule \"site\" {\n  source = \"../../modules/bucket\"\n  acl    = \"private\"\n}\n",
    );
    for args in [vec!["."], vec!["modules/bucket/main.tf"]] {
        let mut argv = vec!["scan", "--format", "json"];
        argv.extend(args);
        let report = json(&tollgate(root, &argv));
        assert_eq!(
            findings_of(&report, "TG-AWS-S3-001"),
            Vec::<&serde_json::Value>::new(),
            "{argv:?}"
        );
        assert_eq!(report["summary"]["errors"], 0, "{}", report["errors"]);
    }
}

#[test]
fn a_named_file_finds_its_tf_json_caller_but_a_module_with_a_backend_is_a_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    // The caller is written in JSON and climbs to the module with `../..`-style paths.
    write(
        root,
        "live/prod/app/main.tf.json",
        r#"{"module": {"site": {"source": "../../../modules/bucket", "acl": "public-read"}}}"#,
    );
    let module = &bucket_acl_module("private");
    write(root, "modules/bucket/main.tf", module);
    let public = |report: &serde_json::Value| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == "TG-AWS-S3-001")
            .map(|f| f["resource"].as_str().unwrap().to_string())
            .collect()
    };
    let scan = || {
        json(&tollgate(
            root,
            &["scan", "--format", "json", "modules/bucket/main.tf"],
        ))
    };
    assert_eq!(public(&scan()), ["module.site.aws_s3_bucket_acl.this"]);
    // With a backend the directory is planned on its own (Terraform reads a backend only in a
    // root module): judged with its defaults, not through the caller.
    write(
        root,
        "modules/bucket/backend.tf",
        "terraform {\n  backend \"s3\" {}\n}\n",
    );
    assert!(public(&scan()).is_empty());
}

#[test]
fn module_calls_are_read_from_the_files_opentofu_reads() {
    // `live/app` is OpenTofu's: `main.tofu` takes the place of `main.tf`. It calls `bucket` (making
    // it private); the `main.tf` it replaces would have called `orphan`, which nothing calls.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "live/app/main.tofu",
        "module \"site\" {\n  source = \"../../modules/bucket\"\n  acl    = \"private\"\n}\n",
    );
    write(
        root,
        "live/app/main.tf",
        "module \"old\" {\n  source = \"../../modules/orphan\"\n}\n",
    );
    write(
        root,
        "modules/bucket/main.tf",
        bucket_acl_module("public-read"),
    );
    write(
        root,
        "modules/orphan/main.tf",
        "resource \"aws_s3_bucket_acl\" \"o\" {\n  bucket = \"o\"\n  acl    = \"public-read\"\n}\n",
    );
    let public = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        let report = json(&tollgate(root, &all));
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == "TG-AWS-S3-001")
            .map(|f| {
                format!(
                    "{} {}",
                    f["file"].as_str().unwrap(),
                    f["resource"].as_str().unwrap()
                )
            })
            .collect()
    };
    // The bucket deploys private (not judged alone with its public default); the orphan deploys as
    // its own root (not taken for called and judged nowhere). Named alone, each file is judged the
    // same way.
    assert_eq!(public(&[]), ["modules/orphan/main.tf aws_s3_bucket_acl.o"]);
    assert!(public(&["modules/bucket/main.tf"]).is_empty());
    assert_eq!(
        public(&["modules/orphan/main.tf"]),
        ["modules/orphan/main.tf aws_s3_bucket_acl.o"]
    );
}

#[test]
fn files_of_a_called_module_count_once_as_scanned() {
    // Two roots call one module: three files judged, the module's once.
    let dir = common::git_repo();
    let root = dir.path();
    for env in ["dev", "prod"] {
        write(
            root,
            &format!("live/{env}/main.tf"),
            "module \"site\" {\n  source = \"../../modules/bucket\"\n}\n",
        );
    }
    write(
        root,
        "modules/bucket/main.tf",
        "resource \"aws_s3_bucket_acl\" \"this\" {\n  bucket = \"b\"\n  acl    = \"public-read\"\n}\n",
    );
    let report = json(&tollgate(root, &["scan", "--format", "json"]));
    assert_eq!(
        report["summary"]["files_scanned"], 3,
        "{}",
        report["summary"]
    );
    assert_eq!(
        common::findings_of(&report, "TG-AWS-S3-001").len(),
        2,
        "one per instance"
    );
}

#[test]
fn a_caller_search_cut_short_is_reported_and_strict_makes_it_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(
        root,
        "modules/bucket/main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
    );
    // More directories than the search looks at, none of them a caller.
    for i in 0..2100 {
        std::fs::create_dir(root.join(format!("d{i:04}"))).unwrap();
    }
    let args = ["scan", "--format", "json", "modules/bucket/main.tf"];
    let report = json(&tollgate(root, &args));
    let notices = report["notices"].to_string();
    assert!(notices.contains("\"caller_search_stopped\""), "{notices}");
    assert!(notices.contains("modules/bucket"), "{notices}");
    let human = tollgate(root, &["scan", "modules/bucket/main.tf"]);
    assert!(
        human.stdout.contains("warning[caller-search]"),
        "{}",
        human.stdout
    );
    let strict = tollgate(root, &["scan", "--strict", "modules/bucket/main.tf"]);
    assert_eq!(strict.code, 2, "{}", strict.stdout);
}

#[test]
fn known_count_and_for_each_judge_every_resource_instance_under_its_address() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_db_instance\" \"d\" {\n  count               = 3\n  publicly_accessible = count.index == 1\n  storage_encrypted   = true\n}\n\nresource \"aws_s3_bucket\" \"b\" {\n  for_each = { site = \"public-read\", logs = \"private\" }\n  bucket   = \"acme-${each.key}\"\n  acl      = each.value\n}\n",
    );
    write(
        dir.path(),
        "unknown.tf",
        "variable \"n\" {}\n\nresource \"aws_db_instance\" \"u\" {\n  count               = var.n\n  publicly_accessible = true\n}\n",
    );
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    let hits = |rule: &str| -> Vec<(String, u64)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule_id"] == rule)
            .map(|f| {
                (
                    f["resource"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    // Only the instance whose bound `count.index` makes it public, at the attribute's line; an
    // unknown count is one instance, judged as written.
    assert_eq!(
        hits("TG-AWS-RDS-001"),
        [
            ("aws_db_instance.d[1]".to_string(), 3),
            ("aws_db_instance.u".to_string(), 5)
        ]
    );
    assert_eq!(
        hits("TG-AWS-S3-001"),
        [("aws_s3_bucket.b[\"site\"]".to_string(), 10)]
    );
    // Every instance is its own finding.
    assert_eq!(hits("TG-AWS-RDS-005").len(), 4, "{}", report["findings"]);

    // An exception written without instance keys covers every instance, as in Terraform.
    write(
        dir.path(),
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - rules: [TG-AWS-RDS-005]\n    resources: [aws_db_instance.d]\n    reason: reviewed\n    owner: team-db\n    expires: 2027-01-15\n",
    );
    let report = json(&tollgate(
        dir.path(),
        &["scan", "--format", "json", "--today", "2026-11-30"],
    ));
    let statuses: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "TG-AWS-RDS-005")
        .map(|f| {
            (
                f["resource"].as_str().unwrap(),
                f["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("aws_db_instance.d[0]", "excepted"),
            ("aws_db_instance.d[1]", "excepted"),
            ("aws_db_instance.d[2]", "excepted"),
            ("aws_db_instance.u", "failed")
        ]
    );

    // The human report shows a line judged for many instances once, naming the others.
    let human = tollgate(dir.path(), &["scan", "--today", "2026-11-30"]).stdout;
    assert!(
        human.contains("also 2 more instances: aws_db_instance.d[1], aws_db_instance.d[2]"),
        "{human}"
    );
}

#[test]
fn known_parts_of_partially_known_values_are_judged() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "variable \"extra\" {}\n\ndata \"aws_caller_identity\" \"me\" {}\n\nlocals {\n  open = [\"0.0.0.0/0\"]\n}\n\nresource \"aws_security_group\" \"web\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = concat(local.open, var.extra)\n  }\n}\n\nresource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n    Statement = [\n      { Effect = \"Allow\", Action = \"*\", Resource = \"*\" },\n      { Effect = \"Allow\", Action = \"s3:GetObject\", Resource = data.aws_caller_identity.me.arn },\n    ]\n  })\n}\n\nresource \"aws_iam_policy\" \"f\" {\n  policy = file(\"${path.module}/policy.json\")\n}\n\nresource \"aws_iam_policy\" \"outside\" {\n  policy = file(\"../outside.json\")\n}\n",
    );
    write(
        dir.path(),
        "policy.json",
        "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}\n",
    );
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    let found: Vec<(&str, &str, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["enforcement"] == "block")
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["resource"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        found.contains(&("TG-AWS-EC2-001", "aws_security_group.web", 14)),
        "{found:?}"
    );
    assert!(
        found.contains(&("TG-AWS-IAM-001", "aws_iam_policy.p", 19)),
        "{found:?}"
    );
    assert!(
        found.contains(&("TG-AWS-IAM-001", "aws_iam_policy.f", 28)),
        "{found:?}"
    );
    // A file outside the repository is never read: the value stays unresolved, and counted.
    assert!(
        !found.iter().any(|f| f.1 == "aws_iam_policy.outside"),
        "{found:?}"
    );
    assert!(report["summary"]["unresolved_values"].as_u64().unwrap() >= 3);
}

#[test]
fn a_module_with_tofu_files_is_read_as_opentofu_reads_it_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_db_instance\" \"a\" {\n  publicly_accessible = true\n}\n",
    );
    write(
        dir.path(),
        "main.tofu",
        "resource \"aws_db_instance\" \"a\" {\n  publicly_accessible = false\n}\n",
    );
    write(
        dir.path(),
        "extra.tofu",
        "resource \"aws_s3_bucket\" \"t\" {\n  acl = \"public-read\"\n}\n",
    );
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    let rules: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["enforcement"] == "block")
        .map(|f| (f["rule_id"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    // `main.tofu` replaces `main.tf`; `extra.tofu` is read like any configuration file.
    assert!(!rules.iter().any(|r| r.0 == "TG-AWS-RDS-001"), "{rules:?}");
    assert!(
        rules.contains(&("TG-AWS-S3-001", "extra.tofu")),
        "{rules:?}"
    );
    let notices = report["notices"].to_string();
    assert!(notices.contains("\"read_as_opentofu\""), "{notices}");
    assert!(notices.contains("main.tf"), "{notices}");
    // --strict does not turn it into an error: nothing was weakened.
    assert_eq!(tollgate(dir.path(), &["scan", "--strict"]).code, 1);
}

#[test]
fn tf_json_in_every_form_terraform_accepts_with_exact_lines() {
    let dir = tempfile::tempdir().unwrap();
    // Arrays of objects at the block-type and label levels, a repeated label (`provider` with an
    // alias), a lone `${...}` that is the value itself, and an object body.
    write(
        dir.path(),
        "main.tf.json",
        r#"{
  "variable": {"public": {"default": true}},
  "resource": [
    {"aws_security_group": {"web": [{"name": "web", "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}},
    {"aws_db_instance": [{"d": {
      "storage_encrypted": true,
      "publicly_accessible": "${var.public}"
    }}]}
  ],
  "provider": [
    {"aws": {"region": "us-east-1"}},
    {"aws": {"region": "eu-west-1", "alias": "eu"}}
  ]
}
"#,
    );
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    let found: Vec<(&str, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["enforcement"] == "block")
        .map(|f| (f["rule_id"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert!(found.contains(&("TG-AWS-EC2-001", 4)), "{found:?}");
    // The finding is on the attribute's own line, not the resource's first line.
    assert!(found.contains(&("TG-AWS-RDS-001", 7)), "{found:?}");
    assert_eq!(report["errors"], serde_json::json!([]));
}

#[test]
fn module_arguments_keep_their_known_parts_and_types_fill_optional_defaults() {
    let dir = tempfile::tempdir().unwrap();
    // The caller's object has one unknown field (a module output); the module's `optional()`
    // default supplies the protocol the caller leaves out.
    write(
        dir.path(),
        "main.tf",
        "module \"acm\" {\n  source = \"./acm\"\n}\n\nmodule \"lb\" {\n  source = \"./lb\"\n  listeners = {\n    web = {\n      port            = 80\n      certificate_arn = module.acm.arn\n    }\n    tls = {\n      port            = 443\n      protocol        = \"HTTPS\"\n      certificate_arn = module.acm.arn\n    }\n  }\n}\n",
    );
    write(
        dir.path(),
        "acm/main.tf",
        "output \"arn\" {\n  value = \"x\"\n}\n",
    );
    write(
        dir.path(),
        "lb/main.tf",
        "variable \"listeners\" {\n  type = map(object({\n    port            = number\n    protocol        = optional(string, \"HTTP\")\n    certificate_arn = optional(string)\n  }))\n}\n\nresource \"aws_lb_listener\" \"this\" {\n  for_each          = var.listeners\n  load_balancer_arn = \"arn\"\n  port              = each.value.port\n  protocol          = each.value.protocol\n  certificate_arn   = each.value.certificate_arn\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"tg\"\n  }\n}\n",
    );
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    let http: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "TG-AWS-ELB-001")
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    assert_eq!(
        http,
        ["module.lb.aws_lb_listener.this[\"web\"]"],
        "{}",
        report["findings"]
    );
}

#[test]
fn companions_in_other_files_of_the_module_are_found_through_its_index() {
    // Each rule that relates a resource to a companion elsewhere in the module, once with the
    // companion (by reference, or repeating a name) and once without; the module's index answers
    // what scanning the module once per resource answered (that was quadratic: 2,000 such files
    // ran past the time limit).
    let dir = common::git_repo();
    let root = dir.path();
    write(
        root,
        "main.tf",
        r#"resource "aws_secretsmanager_secret" "rotated" {
  name = "rotated"
}
resource "aws_secretsmanager_secret" "by_name" {
  name = "by-name"
}
resource "aws_secretsmanager_secret" "never" {
  name = "never"
}
resource "aws_vpc" "logged" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "unlogged" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_cloudfront_distribution" "delivered" {
  enabled = true
}
resource "aws_cloudfront_distribution" "silent" {
  enabled = true
}
resource "aws_lb" "app" {
  load_balancer_type = "application"
}
resource "aws_lb" "net" {
  load_balancer_type = "network"
}
resource "aws_opensearch_domain" "open" {
  domain_name = "open"
}
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
"#,
    );
    write(
        root,
        "companions.tf",
        r#"resource "aws_secretsmanager_secret_rotation" "a" {
  secret_id           = aws_secretsmanager_secret.rotated.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
}
resource "aws_secretsmanager_secret_rotation" "b" {
  secret_id           = "by-name"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
}
resource "aws_flow_log" "a" {
  vpc_id       = aws_vpc.logged.id
  traffic_type = "ALL"
}
resource "aws_cloudwatch_log_delivery_source" "a" {
  name         = "a"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.delivered.arn
}
resource "aws_lb_listener" "app" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
}
resource "aws_lb_listener" "net" {
  load_balancer_arn = aws_lb.net.arn
  port              = 80
}
resource "aws_opensearch_domain_policy" "open" {
  domain_name     = aws_opensearch_domain.open.domain_name
  access_policies = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "es:*", Resource = "*" }] })
}
resource "aws_iam_policy" "admin" {
  policy = data.aws_iam_policy_document.admin.json
}
"#,
    );
    let report = json(&tollgate(root, &["scan", "--format", "json"]));
    let titles = |prefix: &str| -> Vec<String> {
        let mut found: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["message"].as_str().unwrap().starts_with(prefix))
            .map(|f| {
                format!(
                    "{} {}",
                    f["rule_id"].as_str().unwrap(),
                    f["resource"].as_str().unwrap()
                )
            })
            .collect();
        found.sort();
        found
    };
    let rotation = titles("Secrets Manager secret");
    assert_eq!(
        rotation,
        ["TG-AWS-SM-001 aws_secretsmanager_secret.never"],
        "{rotation:?}"
    );
    assert_eq!(titles("VPC `"), ["TG-AWS-EC2-008 aws_vpc.unlogged"]);
    let logging: Vec<String> = titles("CloudFront distribution")
        .into_iter()
        .filter(|t| t.contains("CF-004"))
        .collect();
    assert_eq!(
        logging,
        ["TG-AWS-CF-004 aws_cloudfront_distribution.silent"]
    );
    assert_eq!(
        titles("Load balancer listener"),
        ["TG-AWS-ELB-001 aws_lb_listener.app"],
        "only the listener of the application load balancer serves HTTP by default"
    );
    let opensearch = titles("Domain policy");
    assert_eq!(opensearch.len(), 1, "{opensearch:?}");
    let documents = titles("Statement of `data.aws_iam_policy_document.admin`");
    assert_eq!(documents.len(), 1, "{documents:?}");
    assert!(
        documents[0].contains("data.aws_iam_policy_document.admin"),
        "{documents:?}"
    );
}
