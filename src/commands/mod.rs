//! One module per subcommand. Each takes the resolved [`Settings`] (and its own arguments),
//! runs the library and hands data to `report/` for printing; none reads raw arguments or
//! prints on its own.

mod baseline;
mod exceptions;
mod init;
mod report;
mod rules;
mod scan;
mod verify;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::settings::Settings;

/// Pass, or only warnings (unless `--warn-exit-code`).
pub const EXIT_PASS: u8 = 0;
/// At least one blocking finding.
pub const EXIT_BLOCK: u8 = 1;
/// Could not judge: usage, configuration, policy, input or report errors.
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line; the exit code on success, the one error to print otherwise.
pub fn run(cli: Cli) -> Result<u8, Error> {
    if let Command::Completions { shell } = cli.command {
        use clap::CommandFactory;
        clap_complete::generate(
            shell,
            &mut Cli::command(),
            "tollgate",
            &mut std::io::stdout(),
        );
        return Ok(EXIT_PASS);
    }
    let settings = Settings::new(cli.color)?;
    match cli.command {
        Command::Scan(args) => scan::run(&settings, args),
        Command::Merge(args) => scan::merge(&settings, args),
        Command::Rules(args) => rules::list(&settings, args),
        Command::Explain { id, policies } => rules::explain(&settings, &id, &policies),
        Command::Verify(args) => verify::run(&settings, args),
        Command::Exceptions(args) => exceptions::run(&settings, args),
        Command::Baseline(args) => baseline::run(&settings, args),
        Command::Report(args) => report::run(&settings, args),
        Command::Init { force } => init::run(&settings, force),
        Command::Completions { .. } => unreachable!("handled above"),
    }
}

/// Writes a command's text output; a failure to write standard output is exit 2.
fn print(text: &str) -> Result<(), Error> {
    crate::report::emit(text)
        .map_err(|e| Error::Usage(format!("cannot write to standard output: {e}")))
}
