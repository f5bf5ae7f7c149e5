//! `tollgate report FILE...`: aggregates JSON reports (many repositories, or many runs) into the
//! security team's view: compliance by rule, blocking findings by rule and repository, exception
//! aging, false positives by rule. Markdown on standard output; `--html PATH` writes a
//! self-contained page (inline SVG, no scripts or fonts from the network).

use super::{EXIT_PASS, print};
use crate::cli::AggregateArgs;
use crate::error::Error;
use crate::report::{self, aggregate::Aggregate};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: AggregateArgs) -> Result<u8, Error> {
    let mut aggregate = Aggregate::default();
    for file in &args.files {
        let path = settings.cwd.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::Usage(format!("cannot read {}: {e}", path.display())))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{}:{}:{}: not a tollgate JSON report: {e}",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        if json["schema_version"] != 1 {
            return Err(Error::Usage(format!(
                "{}: not a tollgate JSON report (schema_version 1)",
                path.display()
            )));
        }
        // A repository is named after its report file (`payments.json` → `payments`).
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        aggregate.add(&name, &json);
    }
    if let Some(html) = &args.html {
        let path = settings.cwd.join(html);
        report::write_atomically(&path, &report::aggregate::html(&aggregate))
            .map_err(|e| Error::Usage(format!("cannot write {}: {e}", path.display())))?;
    }
    print(&report::aggregate::markdown(&aggregate))?;
    Ok(EXIT_PASS)
}
