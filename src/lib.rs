//! tollgate: a policy-as-code CI gate for Terraform and Kubernetes.
//!
//! Data flows one way: [`discover`] finds sources, [`input`] reads and parses them into
//! documents, [`policy`] evaluates Rego against each document, [`judge`] turns results into
//! findings with a verdict, collected in an [`outcome`], and [`report`] renders it. [`pipeline`]
//! runs those stages in parallel; [`settings`] resolves the command line and configuration once
//! for the [`commands`]. `ARCHITECTURE.md` has the map.

pub mod cli;
pub mod commands;
pub(crate) mod config;
pub mod date;
pub mod discover;
pub mod error;
pub mod input;
pub mod judge;
pub mod outcome;
pub mod pipeline;
pub mod policy;
pub(crate) mod progress;
pub mod report;
pub mod revision;
pub(crate) mod settings;
pub mod shard;
