//! `scan --shard I/N` and `tollgate merge`: the shards of a split, merged, give byte for byte what
//! one unsharded run writes (JSON and SARIF), exceptions' state and governance counters included.

mod common;

use common::{tollgate, write};
use std::path::Path;

/// A repository with a bit of everything a merge must add up: Terraform roots (one calling a
/// local module), manifests, an exceptions file whose entries match in one shard, in none, or
/// are path-scoped, inline suppressions, a `block_at` downgrade, an unsupported file.
fn corpus(root: &Path) {
    for i in 0..14 {
        let acl = if i % 3 == 0 { "public-read" } else { "private" };
        write(
            root,
            &format!("infra/svc{i:02}/main.tf"),
            format!(
                "resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"svc-{i}\"\n  acl    = \"{acl}\"\n}}\n\nresource \"aws_db_instance\" \"db\" {{\n  count               = {count}\n  publicly_accessible = {public}\n  storage_encrypted   = true\n}}\n",
                count = i % 3,
                public = i % 2 == 0,
            ),
        );
        write(
            root,
            &format!("infra/svc{i:02}/variables.tf"),
            "variable \"region\" {\n  default = \"eu-west-1\"\n}\n",
        );
    }
    write(
        root,
        "infra/root/main.tf",
        "module \"site\" {\n  source = \"../../modules/site\"\n  acl    = \"public-read\"\n}\n",
    );
    // More roots calling the same module the same way: findings that differ only in the call
    // chain, which a merge must order as one run does, whichever shards the roots land in.
    for i in 2..8 {
        write(
            root,
            &format!("infra/root{i}/main.tf"),
            "module \"site\" {\n  source = \"../../modules/site\"\n  acl    = \"public-read\"\n}\n",
        );
    }
    write(
        root,
        "modules/site/main.tf",
        "variable \"acl\" {\n  default = \"private\"\n}\n\n# tollgate:ignore TG-AWS-S3-003 until=2026-12-20 reason=\"fronted by CloudFront\"\nresource \"aws_s3_bucket\" \"this\" {\n  acl = var.acl\n}\n",
    );
    for i in 0..25 {
        let privileged = i % 4 == 0;
        let suppress = if i == 5 {
            "  annotations:\n    tollgate.dev/ignore: \"TG-K8S-001 until=2026-12-20 reason=\\\"load test\\\"\"\n"
        } else {
            ""
        };
        write(
            root,
            &format!("k8s/app{i:02}.yaml"),
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app{i}\n{suppress}spec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: {privileged}\n"
            ),
        );
    }
    write(root, "notes.txt", "not a configuration file\n");
    write(
        root,
        ".tollgate/exceptions.yaml",
        "exceptions:\n  - id: svc03-public\n    rules: [TG-AWS-S3-001]\n    resources: [aws_s3_bucket.b3]\n    reason: static site\n    owner: team-web\n    expires: 2027-01-31\n    created: 2026-11-05\n  - id: never-matches\n    rules: [TG-AWS-RDS-001]\n    resources: [aws_db_instance.gone]\n    reason: decommissioned\n    owner: team-db\n    expires: 2027-01-31\n  - id: scoped\n    rules: [TG-K8S-*]\n    paths: [k8s/app0*.yaml]\n    reason: sandbox\n    owner: team-k8s\n    expires: 2026-12-05\n",
    );
    write(
        root,
        "tollgate.toml",
        "[enforcement]\nblock_at = \"high\"\n",
    );
    std::fs::create_dir_all(root.join(".git")).unwrap();
}

fn run(root: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--today", "2026-11-30"]);
    let out = tollgate(root, &all);
    assert!(out.code == 0 || out.code == 1, "{all:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn merged_shards_equal_one_unsharded_run_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    corpus(root);
    let full_json = run(root, &["scan", "--format", "json"]);
    let full_sarif = run(root, &["scan", "--format", "sarif"]);
    let units = report_units(root);
    // Reports go outside the repository: a JSON file inside it would be scanned too.
    let out = tempfile::tempdir().unwrap();
    let report: serde_json::Value = serde_json::from_str(&full_json).unwrap();
    // The corpus exercises what the merge must add up.
    let states: Vec<&str> = report["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert!(states.contains(&"unused"), "{states:?}");
    assert!(states.contains(&"expiring"), "{states:?}");
    assert!(report["summary"]["excepted"].as_u64().unwrap() >= 2);
    assert!(report["summary"]["files_unsupported"].as_u64().unwrap() >= 1);
    // The comment in the module judged through seven roots is one exception, used seven times.
    let inline: Vec<&serde_json::Value> = report["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["inline"] == true && e["source"].as_str().unwrap().starts_with("modules/"))
        .collect();
    assert_eq!(inline.len(), 1, "{inline:?}");
    assert_eq!(inline[0]["matches"], 7);

    for count in [1usize, 2, 3, 5] {
        let mut shards = Vec::new();
        let mut judged = 0;
        for index in 1..=count {
            let spec = format!("{index}/{count}");
            let text = run(
                root,
                &["scan", "--shard", &spec, "--format", "json", "-j", "1"],
            );
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            judged += value["shard"]["units_judged"].as_u64().unwrap();
            let path = out.path().join(format!("shard-{index}.json"));
            std::fs::write(&path, text).unwrap();
            shards.push(path.display().to_string());
        }
        assert_eq!(
            judged, units,
            "every unit judged once in a split of {count}"
        );
        let mut merge_json = vec!["merge", "--format", "json"];
        merge_json.extend(shards.iter().map(String::as_str));
        assert_eq!(run(root, &merge_json), full_json, "split of {count}");
        let mut merge_sarif = vec!["merge", "--format", "sarif"];
        merge_sarif.extend(shards.iter().rev().map(String::as_str));
        assert_eq!(run(root, &merge_sarif), full_sarif, "split of {count}");
        for path in &shards {
            std::fs::remove_file(path).unwrap();
        }
    }
}

/// Units of the whole scan, as a shard reports them.
fn report_units(root: &Path) -> u64 {
    let text = run(root, &["scan", "--shard", "1/1", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["shard"]["units"].as_u64().unwrap()
}

#[test]
fn an_incomplete_or_mixed_set_of_shards_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    corpus(root);
    let out = tempfile::tempdir().unwrap();
    for (name, spec) in [("a", "1/3"), ("b", "2/3"), ("c", "1/2")] {
        let text = run(root, &["scan", "--shard", spec, "--format", "json"]);
        std::fs::write(out.path().join(format!("{name}.json")), text).unwrap();
    }
    let text = run(root, &["scan", "--format", "json"]);
    std::fs::write(out.path().join("plain.json"), text).unwrap();
    for reports in [
        vec!["a.json", "b.json"],
        vec!["a.json", "b.json", "c.json"],
        vec!["a.json", "a.json", "b.json"],
        vec!["plain.json"],
    ] {
        let paths: Vec<String> = reports
            .iter()
            .map(|r| out.path().join(r).display().to_string())
            .collect();
        let mut args = vec!["merge", "--format", "json"];
        args.extend(paths.iter().map(String::as_str));
        let out = tollgate(root, &args);
        assert_eq!(out.code, 2, "{reports:?}: {}", out.stdout);
        assert!(out.stderr.contains("tollgate: error"), "{}", out.stderr);
    }
    let bad = tollgate(root, &["scan", "--shard", "4/3"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--shard expects I/N"), "{}", bad.stderr);
}
