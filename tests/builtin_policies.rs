//! The built-in library as users get it: every rule has complete metadata and a unique id, fires
//! on exactly the `# expect: ID` lines of its failing fixture, stays quiet on its passing fixture,
//! and its Rego unit tests pass.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tollgate::discover::Filters;
use tollgate::pipeline::{ScanRequest, scan};
use tollgate::policy::{self, Namespaces, PolicySet, PolicySource};

fn policies_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn all_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(&policies_dir(), &mut files);
    files.sort();
    files
}

/// Rule files: `.rego` outside `lib/`, not tests.
fn rule_files() -> Vec<PathBuf> {
    all_files()
        .into_iter()
        .filter(|p| {
            let s = p.to_string_lossy();
            s.ends_with(".rego") && !s.ends_with("_test.rego") && !s.contains("/lib/")
        })
        .collect()
}

fn builtin_set() -> PolicySet {
    PolicySet::load(
        &policy::builtin::sources(),
        vec![],
        &Namespaces::All,
        None,
        true,
    )
    .expect("built-in library loads")
}

#[test]
fn library_rules_are_imported_by_full_path() {
    // regorus' VM compiles `k8s.containers` (a rule read through a package alias) into a lookup
    // that rebuilds the whole package object, a third of Kubernetes evaluation time; an import of
    // the rule itself (`import data.tollgate.lib.kubernetes.containers`) is a direct rule call.
    // Functions (`k8s.container_name(c)`) are called directly either way. Every library package
    // counts, whatever alias a file gives it.
    let package_re = regex::Regex::new(r"(?m)^package\s+([a-z_.]+)").unwrap();
    let import_re =
        regex::Regex::new(r"(?m)^import\s+data\.([a-z_.]+)(?:\s+as\s+([a-z_]+))?").unwrap();
    let files = all_files();
    let lib_packages: Vec<String> = files
        .iter()
        .filter(|p| {
            p.to_string_lossy().contains("/lib/") && !p.to_string_lossy().ends_with("_test.rego")
        })
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            package_re.captures(&text).map(|c| c[1].to_string())
        })
        .collect();
    assert!(lib_packages.len() >= 4, "{lib_packages:?}");
    let mut offenders = Vec::new();
    for file in files.iter().filter(|p| {
        let s = p.to_string_lossy();
        s.ends_with(".rego") && !s.ends_with("_test.rego")
    }) {
        let text = std::fs::read_to_string(file).unwrap();
        let aliases: Vec<String> = import_re
            .captures_iter(&text)
            .filter(|c| lib_packages.contains(&c[1].to_string()))
            .map(|c| {
                c.get(2).map_or_else(
                    || c[1].rsplit('.').next().unwrap().to_string(),
                    |a| a.as_str().to_string(),
                )
            })
            .collect();
        if aliases.is_empty() {
            continue;
        }
        let alias_ref =
            regex::Regex::new(&format!(r"\b({})\.([a-z_]+)\b(\s*\()?", aliases.join("|"))).unwrap();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') || trimmed.starts_with("import ") {
                continue;
            }
            for cap in alias_ref.captures_iter(line) {
                if cap.get(3).is_none() {
                    offenders.push(format!("{}:{}: {}", file.display(), n + 1, &cap[0]));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn every_builtin_rule_runs_in_regorus_vm() {
    // The interpreter is about 4x slower; a rule that falls back to it (e.g. through a `walk`
    // loop, which the VM compiler does not support yet) costs every scan.
    let set = builtin_set();
    assert_eq!(set.rules_in_vm(), set.rules.len());
}

#[test]
fn every_rule_has_complete_metadata_and_a_unique_id() {
    let mut ids = BTreeMap::new();
    let files = rule_files();
    assert!(
        files.len() >= 10,
        "expected the built-in library, found {} rule files",
        files.len()
    );
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let meta = policy::metadata::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()))
            .unwrap_or_else(|| panic!("{}: no METADATA block", file.display()));
        let missing = meta.missing_fields();
        assert!(
            missing.is_empty(),
            "{}: missing {missing:?}",
            file.display()
        );
        if let Some(previous) = ids.insert(meta.id.clone(), file.clone()) {
            panic!(
                "id {} used by {} and {}",
                meta.id,
                previous.display(),
                file.display()
            );
        }
    }
}

/// `(line, rule id)` pairs marked `# expect: ID` in a fixture.
fn expectations(text: &str) -> BTreeSet<(u32, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            l.split("# expect: ")
                .nth(1)
                .map(|id| (i as u32 + 1, id.trim().to_string()))
        })
        .collect()
}

/// Scans one fixture on its own: copied into an empty directory so that the failing and passing
/// fixtures of a Terraform rule do not form one module.
fn scan_fixture(set: &PolicySet, fixture: &Path) -> (Vec<tollgate::judge::Finding>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(fixture.file_name().unwrap());
    std::fs::copy(fixture, &file).unwrap();
    let request = ScanRequest {
        root: dir.path().to_path_buf(),
        paths: vec![file.clone()],
        filters: Filters::default(),
        threads: 1,
        input: tollgate::input::InputSettings {
            max_file_size: 10 << 20,
            ..Default::default()
        },
        stdin: None,
        named: true,
        parse_only: false,
        shard: None,
        strict: false,
        unit_timeout: None,
        ignore_files: tollgate::discover::IgnoreFiles::default(),
    };
    let judge = tollgate::judge::Judge::with_opt_in_rules(tollgate::date::Date::today_utc());
    let outcome = scan(&request, set, &judge).unwrap();
    let errors = outcome
        .errors
        .iter()
        .map(|e| format!("{}:{}: {}", e.path, e.line, e.message))
        .collect();
    (outcome.findings.into_iter().map(|f| *f).collect(), errors)
}

#[test]
fn every_rule_fires_on_its_failing_fixture_at_the_marked_lines_and_not_on_its_passing_fixture() {
    let set = builtin_set();
    let mut problems = Vec::new();
    let mut checked = 0;
    for rule_file in rule_files() {
        let text = std::fs::read_to_string(&rule_file).unwrap();
        let id = policy::metadata::parse(&text).unwrap().unwrap().id;
        let name = rule_file.file_stem().unwrap().to_string_lossy().to_string();
        let fixtures = rule_file.parent().unwrap().join("fixtures").join(&name);
        let find = |stem: &str| {
            std::fs::read_dir(&fixtures).ok().and_then(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| p.file_stem().is_some_and(|s| s == stem))
            })
        };
        let (Some(fail), Some(pass)) = (find("fail"), find("pass")) else {
            problems.push(format!("{id}: missing fixtures/{name}/fail.* or pass.*"));
            continue;
        };
        checked += 1;
        let expected: BTreeSet<u32> = expectations(&std::fs::read_to_string(&fail).unwrap())
            .into_iter()
            .filter(|(_, rule)| rule == &id)
            .map(|(line, _)| line)
            .collect();
        if expected.is_empty() {
            problems.push(format!(
                "{id}: {} marks no `# expect: {id}` line",
                fail.display()
            ));
        }
        let (findings, errors) = scan_fixture(&set, &fail);
        if !errors.is_empty() {
            problems.push(format!(
                "{id}: errors scanning {}: {errors:?}",
                fail.display()
            ));
        }
        let got: BTreeSet<u32> = findings
            .iter()
            .filter(|f| f.rule_id == id)
            .map(|f| f.line)
            .collect();
        if got != expected {
            problems.push(format!(
                "{id}: {} flagged lines {got:?}, expected {expected:?}",
                fail.display()
            ));
        }
        let (findings, errors) = scan_fixture(&set, &pass);
        if !errors.is_empty() {
            problems.push(format!(
                "{id}: errors scanning {}: {errors:?}",
                pass.display()
            ));
        }
        let noisy: Vec<u32> = findings
            .iter()
            .filter(|f| f.rule_id == id)
            .map(|f| f.line)
            .collect();
        if !noisy.is_empty() {
            problems.push(format!(
                "{id}: {} flagged on lines {noisy:?}",
                pass.display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked >= 10);
}

#[test]
fn rego_unit_tests_of_the_library_pass() {
    let sources: Vec<PolicySource> = all_files()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rego"))
        .map(|p| PolicySource {
            path: p
                .strip_prefix(policies_dir())
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            text: std::fs::read_to_string(&p).unwrap(),
            builtin: true,
        })
        .collect();
    let results = policy::verify::run(&sources, None, Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("policies load");
    assert!(results.len() >= 20, "only {} tests found", results.len());
    let failed: Vec<String> = results
        .iter()
        .filter(|r| !r.passed)
        .map(|r| {
            format!(
                "{} ({}): {}",
                r.name,
                r.file,
                r.error.clone().unwrap_or_default()
            )
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} failing Rego test(s):\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn unresolved_expressions_raise_no_runtime_errors() {
    // In the interpreter, as `--strict-builtin-errors` runs: the VM would make a builtin error an
    // undefined expression, and this test could not fail.
    let set = PolicySet::load(
        &policy::builtin::sources(),
        vec![],
        &Namespaces::All,
        None,
        false,
    )
    .expect("built-in library loads");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unresolved/main.tf");
    let (_, errors) = scan_fixture(&set, &fixture);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn docs_rules_md_is_generated_from_metadata() {
    let set = builtin_set();
    let generated =
        tollgate::report::catalog::markdown(&tollgate::policy::catalog::rows(&set.rules));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}
