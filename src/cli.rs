//! Command-line interface (clap derive). Parsing only: no behaviour lives here; `settings`
//! resolves these arguments once, and commands never read them raw.

use crate::report::ReportFormat;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tollgate",
    version = crate::report::long_version(),
    about = "Policy-as-code CI gate for Terraform and Kubernetes, evaluated with Rego",
    propagate_version = true
)]
pub struct Cli {
    /// When to colour human output (auto: only on a terminal, and never when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Judge files or directories against the policies (default path: `.`).
    Scan(ScanArgs),
    /// List the policies' rules with their metadata.
    Rules(RulesArgs),
    /// Run Rego unit tests (`test_*` rules in `*_test.rego`), like `conftest verify` / `opa test`.
    Verify(VerifyArgs),
    /// Exception health: every exception with owner, age, days to expiry and status, plus totals.
    Exceptions(ExceptionsArgs),
    /// Write governed exceptions for every current blocking finding (onboarding an existing repository).
    Baseline(BaselineArgs),
    /// Combine the JSON reports of `scan --shard I/N` into the reports one unsharded scan writes.
    Merge(MergeArgs),
    /// Aggregate JSON reports (many repositories or runs) into Markdown and an HTML page.
    Report(AggregateArgs),
    /// Write a starter tollgate.toml and .tollgate/exceptions.yaml at the repository root.
    Init {
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Show everything about one rule: description, remediation, references.
    Explain {
        /// Rule id, e.g. TG-K8S-001.
        id: String,
        #[command(flatten)]
        policies: PolicyArgs,
    },
}

/// Where policies come from; shared by every command that loads them.
#[derive(Debug, clap::Args, Clone, Default)]
pub struct PolicyArgs {
    /// Policy file or directory to load in addition to the built-in library (repeatable).
    #[arg(short = 'p', long = "policy", value_name = "PATH")]
    pub policy: Vec<PathBuf>,
    /// JSON/YAML file or directory whose top-level keys are merged under `data` (repeatable).
    #[arg(short = 'd', long = "data", value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Rego package of user policies to evaluate (repeatable; globs, `*` crosses dots) [default: main].
    #[arg(long = "namespace", value_name = "NS")]
    pub namespace: Vec<String>,
    /// Evaluate every package of the user's policies.
    #[arg(long)]
    pub all_namespaces: bool,
    /// Do not load the built-in policy library.
    #[arg(long)]
    pub no_builtin: bool,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or directories to scan.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub policies: PolicyArgs,
    #[command(flatten)]
    pub scan: ScanOptions,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Print time spent per stage to standard error.
    #[arg(long)]
    pub timings: bool,
    #[command(flatten)]
    pub judging: JudgeArgs,
    /// Judge only part I of N of the repository (e.g. `2/4`), for a CI matrix: every shard
    /// computes the same split; `tollgate merge` combines the shards' JSON reports.
    #[arg(long, value_name = "I/N", conflicts_with = "base")]
    pub shard: Option<String>,
    /// Judge a pull request against this git revision: the gate's configuration, exceptions and
    /// repository policies are read from it, and only findings it does not have block.
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// With --base: fail (exit 1) when the change edits the configuration, exceptions or policies.
    #[arg(long, requires = "base")]
    pub fail_on_governance_change: bool,
    /// Walk, read and parse only; evaluate no policy (the floor a Rego gate cannot beat; for benchmarks).
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

/// What reports are written and how the verdict becomes an exit code; shared by `scan` and
/// `merge`.
#[derive(Debug, clap::Args, Clone)]
pub struct OutputArgs {
    /// Report written to standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Human output: blocking findings and the summary only.
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Human output: which findings to list (excepted ones collapse to one line per exception
    /// unless `all`). Never changes the exit code.
    #[arg(long, value_enum, default_value_t = crate::report::Show::Actionable)]
    pub show: crate::report::Show,
    /// Human output: do not list findings below this severity (they still count).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<SeverityArg>,
    /// Also write a report to a file, as FORMAT=PATH, e.g. sarif=tollgate.sarif (repeatable).
    #[arg(long = "report", value_name = "FORMAT=PATH")]
    pub reports: Vec<String>,
    /// Exit code when the verdict is `warn` (warnings only).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub warn_exit_code: i32,
    /// Include excepted findings in SARIF, each with a `suppressions` entry (kind `external`).
    #[arg(long)]
    pub sarif_include_excepted: bool,
}

/// `tollgate merge`: the shards' JSON reports added up to what one unsharded scan reports.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The JSON reports of `tollgate scan --shard I/N --format json`, every shard of one split.
    #[arg(value_name = "REPORT", required = true)]
    pub shards: Vec<PathBuf>,
    #[command(flatten)]
    pub policies: PolicyArgs,
    /// The scan options the shards ran with (policies are loaded and judged the same way).
    #[command(flatten)]
    pub scan: ScanOptions,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub judging: JudgeArgs,
}

/// How files are found and judged; shared by every command that scans (`scan`, `exceptions`), so
/// they judge a repository the same way.
#[derive(Debug, clap::Args, Clone)]
pub struct ScanOptions {
    /// Only scan files matching this gitignore-style glob (repeatable).
    #[arg(long = "include", value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files and directories matching this gitignore-style glob (repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// A Terraform variable file, as Terraform's `-var-file` (repeatable, in order; after
    /// `[terraform] var_files`). Applies to the root modules of the scan.
    #[arg(long = "tf-var-file", value_name = "FILE")]
    pub tf_var_files: Vec<PathBuf>,
    /// A Terraform variable, as Terraform's `-var NAME=VALUE` (repeatable, after every file).
    #[arg(long = "tf-var", value_name = "NAME=VALUE")]
    pub tf_vars: Vec<String>,
    /// Name of standard input (`-`) in reports.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_name: String,
    /// What standard input holds: manifests (YAML/JSON, also rendered Helm output), a Terraform
    /// plan (`terraform show -json`), or Terraform configuration (one `.tf` file).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = StdinFormat::Kubernetes)]
    pub stdin_format: StdinFormat,
    /// Judge files that `.gitignore`/`.ignore` name too (tracked files are judged regardless).
    #[arg(long)]
    pub no_ignore: bool,
    /// Worker threads [default: available cores].
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,
    /// Files larger than this many bytes are skipped and reported.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Evaluate every rule in regorus' interpreter, where an error inside a builtin call (e.g.
    /// `to_number("abc")`) fails the document (exit 2) instead of making the expression undefined
    /// as in OPA and conftest. About 3x slower.
    #[arg(long)]
    pub strict_builtin_errors: bool,
    /// Make warnings about the run itself errors (exit 2): a policy file that evaluates nothing,
    /// a rule id in the configuration that matches no rule.
    #[arg(long)]
    pub strict: bool,
    /// Stop evaluating a document after this many seconds and report an error.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub policy_timeout: f64,
}

/// Configuration and exceptions; shared by `scan` and `exceptions`.
#[derive(Debug, clap::Args, Clone, Default)]
pub struct JudgeArgs {
    /// Configuration file [default: tollgate.toml at the repository root, if present].
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Exceptions file (repeatable) [default: the config's `exceptions.files`, else .tollgate/exceptions.yaml if present].
    #[arg(long = "exceptions", value_name = "PATH")]
    pub exceptions: Vec<PathBuf>,
    /// Treat this date as today (YYYY-MM-DD), for expiry and rollout dates [env: TOLLGATE_TODAY].
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Fail the run (exit 1) when an exception has expired or matched nothing.
    #[arg(long)]
    pub strict_exceptions: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExceptionsArgs {
    /// Paths to scan to find out which exceptions are used [default: .].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub judging: JudgeArgs,
    #[command(flatten)]
    pub policies: PolicyArgs,
    #[command(flatten)]
    pub scan: ScanOptions,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, clap::Args)]
pub struct AggregateArgs {
    /// JSON reports (`tollgate scan --format json`); each is named after its file.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Also write a self-contained HTML page here.
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Paths to scan [default: .].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Owner of the exceptions written (a team).
    #[arg(long, required = true)]
    pub owner: String,
    /// Why the findings are accepted for now.
    #[arg(long, required = true)]
    pub reason: String,
    /// Expiry date of the exceptions (YYYY-MM-DD), within `exceptions.max_days`.
    #[arg(long, required = true, value_name = "DATE")]
    pub expires: String,
    /// Ticket to record on each exception.
    #[arg(long)]
    pub ticket: Option<String>,
    /// Only findings of these rule ids or globs (repeatable).
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Only findings in files matching these globs (repeatable).
    #[arg(long = "path", value_name = "GLOB")]
    pub path_globs: Vec<String>,
    /// Print what would be added without writing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub judging: JudgeArgs,
    #[command(flatten)]
    pub policies: PolicyArgs,
    #[command(flatten)]
    pub scan: ScanOptions,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    #[command(flatten)]
    pub policies: PolicyArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Low,
    Medium,
    High,
    Critical,
}

impl SeverityArg {
    pub fn severity(self) -> crate::policy::Severity {
        use crate::policy::Severity;
        match self {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinFormat {
    Kubernetes,
    Plan,
    Terraform,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    /// The rule reference page (`docs/rules.md`).
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Policy files or directories holding rules and their `*_test.rego` files [default: policy/ if it exists, else .].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only run tests whose `package.test_name` matches this regular expression.
    #[arg(long, value_name = "REGEX")]
    pub run: Option<String>,
    /// Do not load the built-in helpers (by default `data.tollgate.lib.*` is importable).
    #[arg(long)]
    pub no_builtin: bool,
    /// Report which lines of the policies (not the tests) the tests evaluated.
    #[arg(long)]
    pub coverage: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}
