//! The `tollgate` binary: parse arguments, run, print the error once, exit with the verdict's code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tollgate::cli::Cli::parse();
    match tollgate::app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("tollgate: error: {err}");
            ExitCode::from(tollgate::app::EXIT_ERROR)
        }
    }
}
