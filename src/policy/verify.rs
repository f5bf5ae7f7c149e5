//! `tollgate verify`: Rego unit tests (filled in with the policy library issue).
