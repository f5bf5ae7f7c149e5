//! tollgate: a policy-as-code CI gate for Terraform and Kubernetes.
//!
//! Data flows one way: [`discover`] finds files, [`input`] parses them into documents,
//! [`policy`] evaluates Rego against each document, [`judge`] turns results into findings with a
//! verdict, and [`report`] renders them.

pub mod app;
pub mod cli;
pub mod config;
pub mod date;
pub mod discover;
pub mod input;
pub mod judge;
pub mod policy;
pub mod progress;
pub mod report;
pub mod scan;
