//! Hostile and broken input: the gate never crashes, hangs or quietly passes what it could not
//! check. One test per fail-closed row of the README's table, plus resource limits.

mod common;

use common::{Run, json, tollgate, write};

fn first_error(run: &Run) -> String {
    json(run)["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn yaml_alias_bomb_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "  a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    write(dir.path(), "bomb.yaml", text);
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(
        first_error(&run).contains("alias expansion"),
        "{}",
        run.stdout
    );
}

#[test]
fn deeply_nested_documents_are_rejected_without_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    write(
        dir.path(),
        "deep.json",
        format!(
            "{{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"x\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let mut block = String::from("apiVersion: v1\nkind: Pod\n");
    for d in 0..2_000 {
        block.push_str(&" ".repeat(d));
        block.push_str("k:\n");
    }
    write(dir.path(), "deep.yaml", block);
    write(
        dir.path(),
        "deep.tf",
        format!(
            "locals {{\n  x = {}1{}\n}}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let errors = json(&run)["errors"].as_array().unwrap().clone();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    for e in errors {
        let m = e["message"].as_str().unwrap();
        assert!(m.contains("nest") || m.contains("recursion"), "{m}");
    }
}

#[test]
fn oversized_binary_and_non_utf8_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "big.yaml",
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: big}}\ndata:\n  x: \"{}\"\n",
            "a".repeat(4096)
        ),
    );
    write(dir.path(), "blob.yaml", b"\x00\x01binary\xff");
    write(dir.path(), "latin1.yaml", b"name: caf\xe9\n");
    let run = tollgate(
        dir.path(),
        &["scan", "--format", "json", "--max-file-size", "1024"],
    );
    assert_eq!(run.code, 2);
    let report = json(&run);
    assert_eq!(report["errors"][0]["path"], "big.yaml");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("over the 1024-byte limit")
    );
    // kubectl and Terraform read these files (or fail on them): never a silent skip.
    let errors: Vec<(&str, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap(), s["message"].as_str().unwrap()))
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(errors[1].0, "blob.yaml");
    assert!(errors[1].1.contains("binary content"), "{errors:?}");
    assert_eq!(errors[2].0, "latin1.yaml");
    assert!(
        errors[2].1.contains("not valid UTF-8 text (line 1"),
        "{errors:?}"
    );
    assert_eq!(report["summary"]["files_skipped"], 0);
    let run = tollgate(
        dir.path(),
        &[
            "scan",
            "--format",
            "json",
            "--exclude",
            "big.yaml",
            "--exclude",
            "blob.yaml",
            "--exclude",
            "latin1.yaml",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_outside_the_root_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "secret.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: outside}\nspec:\n  hostPID: true\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("a/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("outside")).unwrap();
    write(
        dir.path(),
        "a/ok.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: x}\n",
    );
    let run = tollgate(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(json(&run)["summary"]["documents"], 1);
    // Named on the command line, a symlink is followed.
    let run = tollgate(dir.path(), &["scan", "--format", "json", "outside"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(json(&run)["findings"][0]["file"], "outside/secret.yaml");
    // A dangling path is an error, not a silent pass.
    let run = tollgate(dir.path(), &["scan", "--format", "json", "missing.yaml"]);
    assert_eq!(run.code, 2);
}

#[test]
fn slow_policies_are_stopped_by_the_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "p/slow.rego",
        "package main\nimport rego.v1\ndeny contains \"slow\" if {\n  some i in numbers.range(1, 200000000)\n  i < 0\n}\n",
    );
    write(
        dir.path(),
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n",
    );
    let run = tollgate(
        dir.path(),
        &[
            "scan",
            "--no-builtin",
            "-p",
            "p",
            "--policy-timeout",
            "0.5",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(first_error(&run).contains("time limit"), "{}", run.stdout);
}

#[test]
fn policies_cannot_reach_the_network_or_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n",
    );
    for (name, call) in [
        (
            "http",
            "http.send({\"method\": \"GET\", \"url\": \"http://169.254.169.254/\"})",
        ),
        ("runtime", "opa.runtime().env.HOME"),
        ("dns", "net.lookup_ip_addr(\"example.com\")"),
    ] {
        write(
            dir.path(),
            &format!("{name}/p.rego"),
            format!("package main\nimport rego.v1\ndeny contains x if {{\n  x := {call}\n}}\n"),
        );
        let run = tollgate(dir.path(), &["scan", "--no-builtin", "-p", name]);
        assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(&format!("{name}/p.rego:4:8"))
                && run.stderr.contains("unknown function"),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn unwritable_report_files_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pod.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: x}\n",
    );
    let run = tollgate(
        dir.path(),
        &["scan", "--report", "sarif=no/such/dir/out.sarif"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot write sarif report"),
        "{}",
        run.stderr
    );
}

/// A few thousand generated files scanned with 1, 2 and 8 threads, twice: byte-identical output.
#[test]
fn determinism_under_thread_counts_and_repeated_runs() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1200 {
        write(
            dir.path(),
            &format!("k8s/team{}/app{i}.yaml", i % 25),
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app{i}\n  namespace: ns{}\nspec:\n  template:\n    spec:\n      hostNetwork: {}\n      containers:\n        - name: c\n          image: nginx{}\n          securityContext:\n            privileged: {}\n            runAsUser: {}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s{i}\nspec:\n  type: {}\n",
                i % 7,
                i % 2 == 0,
                if i % 3 == 0 { "" } else { ":1.27" },
                i % 5 == 0,
                i % 4,
                if i % 2 == 0 { "NodePort" } else { "ClusterIP" }
            ),
        );
    }
    for i in 0..800 {
        write(
            dir.path(),
            &format!("tf/m{}/f{i}.tf", i % 40),
            format!(
                "resource \"aws_security_group\" \"sg{i}\" {{\n  ingress {{\n    from_port = {p}\n    to_port = {p}\n    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n}}\nresource \"aws_s3_bucket\" \"b{i}\" {{\n  acl = \"{acl}\"\n}}\n",
                p = if i % 2 == 0 { 22 } else { 443 },
                acl = if i % 3 == 0 { "public-read" } else { "private" }
            ),
        );
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2", "8", "8"] {
        let j = tollgate(dir.path(), &["scan", "-j", threads, "--format", "json"]);
        let s = tollgate(dir.path(), &["scan", "-j", threads, "--format", "sarif"]);
        assert_eq!(j.code, 1, "{}", j.stderr);
        outputs.push((threads, j.stdout, s.stdout));
    }
    for (threads, j, s) in &outputs[1..] {
        assert!(
            *j == outputs[0].1,
            "JSON with {threads} threads differs from 1 thread"
        );
        assert!(
            *s == outputs[0].2,
            "SARIF with {threads} threads differs from 1 thread"
        );
    }
}
