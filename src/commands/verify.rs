//! `tollgate verify`: Rego unit tests, like `conftest verify` / `opa test`.

use super::{EXIT_BLOCK, EXIT_PASS, print};
use crate::cli::VerifyArgs;
use crate::error::Error;
use crate::policy::{self, PolicySource};
use crate::report;
use crate::settings::Settings;
use std::path::PathBuf;

pub fn run(settings: &Settings, args: VerifyArgs) -> Result<u8, Error> {
    let filter = match &args.run {
        Some(r) => Some(
            regex::Regex::new(r)
                .map_err(|e| Error::Usage(format!("invalid --run pattern: {e}")))?,
        ),
        None => None,
    };
    let cwd = &settings.cwd;
    let paths = if args.paths.is_empty() {
        vec![if cwd.join("policy").is_dir() {
            cwd.join("policy")
        } else {
            cwd.to_path_buf()
        }]
    } else {
        args.paths.iter().map(|p| cwd.join(p)).collect()
    };
    let mut sources = Vec::new();
    for path in &paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::Usage(format!("cannot read `{}`: {e}", path.display())))?;
        let files: Vec<PathBuf> = if meta.is_file() {
            vec![path.clone()]
        } else {
            let mut f: Vec<PathBuf> = ignore::WalkBuilder::new(path)
                .build()
                .flatten()
                .map(|e| e.into_path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rego"))
                .collect();
            f.sort();
            f
        };
        for f in files {
            let text = std::fs::read_to_string(&f)
                .map_err(|e| Error::Usage(format!("cannot read {}: {e}", f.display())))?;
            sources.push(PolicySource {
                path: settings.display(&f),
                text,
                builtin: false,
            });
        }
    }
    if !args.no_builtin {
        // The built-in helpers (`data.tollgate.lib.*`) are importable from user tests; skip any
        // package the user's paths define themselves (verifying tollgate's own `policies/`).
        let user_packages: std::collections::HashSet<String> = sources
            .iter()
            .filter_map(|s| s.package().map(str::to_string))
            .collect();
        let builtin: Vec<PolicySource> = policy::builtin::sources()
            .into_iter()
            .filter(|b| {
                b.path.contains("/lib/") && b.package().is_none_or(|p| !user_packages.contains(p))
            })
            .collect();
        sources.extend(builtin);
    }
    let (results, coverage) =
        policy::verify::run_with_coverage(&sources, filter.as_ref(), &settings.root, args.coverage)
            .map_err(Error::Usage)?;
    print(&report::tests::render(&results, &coverage, args.format))?;
    Ok(if results.iter().any(|r| !r.passed) {
        EXIT_BLOCK
    } else {
        EXIT_PASS
    })
}
