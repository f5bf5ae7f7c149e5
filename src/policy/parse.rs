//! Policy files into regorus: each file parsed as Rego v1 or the older syntax, and regorus'
//! messages turned into errors that name file, line and column.

use super::PolicySource;
use super::engine::PolicyError;
use regex::Regex;
use regorus::{Engine, Value};
use std::sync::LazyLock;

static POSITION_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u):(\d+):(\d+)").unwrap());

/// The policy files parsed into an engine holding the data documents.
pub(super) fn parse(sources: &[PolicySource], data: &Value) -> Result<Engine, PolicyError> {
    let mut engine = Engine::new();
    for source in sources {
        add_policy(&mut engine, source)?;
    }
    engine
        .add_data(data.clone())
        .map_err(|e| PolicyError::Usage(format!("cannot merge data documents: {e}")))?;
    Ok(engine)
}

/// Adds one policy, deciding between Rego v1 and the older syntax for this file alone.
fn add_policy(engine: &mut Engine, source: &PolicySource) -> Result<(), PolicyError> {
    engine.set_rego_v0(false);
    let v1 = engine.add_policy(source.path.clone(), source.text.clone());
    let Err(v1_err) = v1 else { return Ok(()) };
    engine.set_rego_v0(true);
    let v0 = engine.add_policy(source.path.clone(), source.text.clone());
    engine.set_rego_v0(false);
    let Err(v0_err) = v0 else { return Ok(()) };
    // Report the error of the syntax the file seems to be written in.
    let looks_v1 = source.text.contains("import rego.v1")
        || source.text.contains(" if ")
        || source.text.contains(" contains ");
    let err = if looks_v1 { v1_err } else { v0_err };
    Err(error_from_message(
        &err.to_string(),
        std::slice::from_ref(source),
    ))
}

/// regorus messages carry `path:line:col`; pull them out so every error names file, line, column.
pub(super) fn error_from_message(message: &str, sources: &[PolicySource]) -> PolicyError {
    let source = sources.iter().find(|s| message.contains(&s.path));
    let (line, column) = POSITION_RE
        .captures(message)
        .map(|c| (c[1].parse().unwrap_or(1), c[2].parse().unwrap_or(1)))
        .unwrap_or((1, 1));
    let text = message.trim();
    match source {
        Some(s) => PolicyError::load(&s.path, line, column, text.to_string()),
        None => PolicyError::Usage(format!("policy error: {text}")),
    }
}

/// One line for a regorus error: `file:line:col: message` when it carries a source snippet
/// (`--> file:line:col` … `error: message`), else its first non-empty line.
pub(super) fn first_line(s: &str) -> String {
    let location = s
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .map(str::trim);
    let message = s
        .lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::trim);
    match (location, message) {
        (Some(location), Some(message)) => format!("{location}: {message}"),
        _ => s
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(s)
            .trim()
            .to_string(),
    }
}
