//! The one error type a command can end with, a variant per layer; each message already carries
//! its file, line and column where there is one. `main` prints it once, prefixed
//! `tollgate: error:`, and exits 2.

use crate::policy::PolicyError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad arguments, or a file named on the command line that cannot be used.
    #[error("{0}")]
    Usage(String),
    /// `tollgate.toml` is missing, unreadable or invalid.
    #[error("{0}")]
    Config(String),
    /// An exceptions file is invalid.
    #[error("{0}")]
    Exceptions(String),
    /// A policy or data file does not load.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}
