//! The `tollgate` binary: parse arguments, run, print the error once, exit with the verdict's code.

use clap::Parser;
use std::process::ExitCode;

// regorus' interpreter allocates small strings and vectors on every rule lookup; mimalloc's
// thread-local free lists cut evaluation time noticeably against glibc malloc (BENCHMARKS.md).
// Directory scans turn transparent huge pages off (`pipeline::huge_pages_off`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // regorus reports undefined values and type mismatches through `anyhow` errors in its normal
    // flow; with RUST_BACKTRACE=1 (common in CI) each would capture a backtrace and evaluation
    // slows down severalfold. Library backtraces are never shown, so turn them off unless asked.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        // SAFETY: first statement of main, before any thread exists.
        unsafe { std::env::set_var("RUST_LIB_BACKTRACE", "0") };
    }
    let cli = tollgate::cli::Cli::parse();
    match tollgate::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("tollgate: error: {err}");
            ExitCode::from(tollgate::commands::EXIT_ERROR)
        }
    }
}
