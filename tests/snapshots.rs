//! Rendered reports of the demo repository, pinned with insta. Review changes with `cargo insta review`.

use std::process::Command;

fn scan(format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tollgate"))
        .args(["scan", "examples", "--format", format, "-j", "2"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn json_report_of_examples() {
    let text = scan("json");
    // The policy library fingerprint changes with every policy edit; the rest must not drift.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let text = text.replace(v["tool"]["policy_library"].as_str().unwrap(), "[hash]");
    insta::assert_snapshot!(text);
}

#[test]
fn human_report_of_examples() {
    let text = scan("human");
    let re = regex::Regex::new(r"\(\d+\.\d+s\)").unwrap();
    insta::assert_snapshot!(re.replace_all(&text, "(TIME)").into_owned());
}
