//! Settings: the command line, `tollgate.toml`, exception files and the environment
//! (`TOLLGATE_TODAY`, `NO_COLOR`) resolved once into values the commands use. Commands never read
//! raw arguments, and every command that scans resolves its scan the same way.

use crate::cli::{ColorChoice, JudgeArgs, PolicyArgs, ScanOptions, StdinFormat};
use crate::config::{self, Config};
use crate::date::Date;
use crate::discover::{self, Filters};
use crate::error::Error;
use crate::input::helm::HelmSettings;
use crate::input::kustomize::KustomizeSettings;
use crate::input::terraform::TerraformSettings;
use crate::input::{FileKind, InputSettings, Origin, Source};
use crate::judge::Judge;
use crate::judge::exceptions::{self, Exception, Limits};
use crate::judge::governance::ConfigSource;
use crate::pipeline::ScanRequest;
use crate::policy::Namespaces;
use crate::policy::load::{LoadOptions, PolicyOptions, Selection};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What every command knows: where it runs and how to print.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The git work tree containing the current directory, else the current directory; every
    /// reported path is relative to it.
    pub root: PathBuf,
    pub cwd: PathBuf,
    /// Colour in human output.
    pub color: bool,
}

impl Settings {
    pub fn new(color: ColorChoice) -> Result<Self, Error> {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        let cwd = std::env::current_dir()
            .map_err(|e| Error::Usage(format!("cannot read the current directory: {e}")))?;
        let root = discover::repository_root(&cwd);
        Ok(Settings { root, cwd, color })
    }

    /// Paths named on the command line, relative to the current directory (default: it);
    /// `-` (standard input) is not a path and is left out here.
    pub fn paths(&self, given: &[PathBuf]) -> Vec<PathBuf> {
        if given.is_empty() {
            vec![self.cwd.clone()]
        } else {
            given
                .iter()
                .filter(|p| p.as_os_str() != "-")
                .map(|p| self.cwd.join(p))
                .collect()
        }
    }

    /// `tollgate.toml` (or `--config`), validated, with the path it came from.
    pub fn config(&self, args: &JudgeArgs) -> Result<(Config, Option<PathBuf>), Error> {
        let explicit = args.config.as_ref().map(|p| self.cwd.join(p));
        config::load(&self.root, explicit.as_deref()).map_err(Error::Config)
    }

    /// Where policies come from.
    pub fn policies(&self, args: &PolicyArgs) -> PolicyOptions {
        PolicyOptions {
            policy: args.policy.iter().map(|p| self.cwd.join(p)).collect(),
            data: args.data.iter().map(|p| self.cwd.join(p)).collect(),
            namespaces: if args.all_namespaces {
                Some(Namespaces::All)
            } else if args.namespace.is_empty() {
                None
            } else {
                Some(Namespaces::Matching(args.namespace.clone()))
            },
            no_builtin: args.no_builtin,
        }
    }

    /// How a scan of `paths` walks, reads and evaluates, and how its policies are prepared.
    pub fn scan(
        &self,
        options: &ScanOptions,
        given: &[PathBuf],
        parse_only: bool,
        config: &Config,
    ) -> Result<(ScanRequest, LoadOptions), Error> {
        let paths = self.paths(given);
        let stdin = if given.iter().any(|p| p.as_os_str() == "-") {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text)
                .map_err(|e| Error::Usage(format!("cannot read standard input: {e}")))?;
            Some(Source {
                rel: options.stdin_name.clone(),
                origin: Origin::Memory(Arc::from(text)),
                kind: match options.stdin_format {
                    StdinFormat::Kubernetes => FileKind::Yaml,
                    StdinFormat::Plan => FileKind::Json,
                    StdinFormat::Terraform => FileKind::Terraform,
                },
            })
        } else {
            None
        };
        let include: Vec<String> = config
            .scan
            .include
            .iter()
            .chain(&options.include)
            .cloned()
            .collect();
        let exclude: Vec<String> = config
            .scan
            .exclude
            .iter()
            .chain(&options.exclude)
            .cloned()
            .collect();
        let filters = Filters::new(&include, &exclude).map_err(Error::Usage)?;
        let threads = options
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let load = LoadOptions {
            timeout: (options.policy_timeout > 0.0)
                .then(|| Duration::from_secs_f64(options.policy_timeout)),
            use_vm: !options.strict_builtin_errors,
            selection: Selection::of_paths(&paths, options.max_file_size),
        };
        let request = ScanRequest {
            root: self.root.clone(),
            paths,
            filters,
            threads,
            input: InputSettings {
                max_file_size: options.max_file_size,
                helm: HelmSettings {
                    config: config.helm.clone(),
                    root: self.root.clone(),
                    cwd: self.cwd.clone(),
                },
                kustomize: KustomizeSettings {
                    config: config.kustomize.clone(),
                    root: self.root.clone(),
                },
                terraform: self.terraform(options, config)?,
            },
            named: !given.is_empty(),
            stdin,
            parse_only,
            shard: None,
            strict: options.strict,
            unit_timeout: load.timeout,
            ignore_files: if options.no_ignore {
                discover::IgnoreFiles::Off
            } else {
                discover::IgnoreFiles::PruneUntracked
            },
        };
        Ok((request, load))
    }

    /// Variable files and values for Terraform root modules: `[terraform] var_files`, then
    /// `--tf-var-file`, then `--tf-var`. A named file that does not exist is an error.
    fn terraform(
        &self,
        options: &ScanOptions,
        config: &Config,
    ) -> Result<TerraformSettings, Error> {
        let files: Vec<PathBuf> = config
            .terraform
            .var_files
            .iter()
            .map(|p| self.root.join(p))
            .chain(options.tf_var_files.iter().map(|p| self.cwd.join(p)))
            .collect();
        if let Some(missing) = files.iter().find(|p| !p.is_file()) {
            return Err(Error::Usage(format!(
                "Terraform variable file `{}` does not exist",
                missing.display()
            )));
        }
        let mut vars = Vec::new();
        for pair in &options.tf_vars {
            let (name, value) = pair.split_once('=').ok_or_else(|| {
                Error::Usage(format!("--tf-var expects NAME=VALUE, got `{pair}`"))
            })?;
            vars.push((name.trim().to_string(), value.to_string()));
        }
        Ok(TerraformSettings {
            var_files: files,
            vars,
            root: Some(self.root.clone()),
        })
    }

    /// Configuration, exception files and today's date, validated: any problem is exit 2.
    pub fn judge(
        &self,
        args: &JudgeArgs,
        (config, config_path): (Config, Option<PathBuf>),
    ) -> Result<Judge, Error> {
        let today = today(args.today.as_deref())?;
        let all = self.exceptions(args, &config, today)?;
        let judge = Judge::new(today, &config, all, args.strict_exceptions);
        Ok(match config_path {
            Some(path) => judge.with_config_source(ConfigSource {
                display: self.display(&path),
                text: std::fs::read_to_string(&path).unwrap_or_default(),
            }),
            None => judge,
        })
    }

    /// The exception files in force (`--exceptions`, else the config's, else the default one if
    /// present), validated.
    pub fn exceptions(
        &self,
        args: &JudgeArgs,
        config: &Config,
        today: Date,
    ) -> Result<Vec<Exception>, Error> {
        let limits = Limits {
            today,
            max_days: config.exceptions.max_days,
        };
        let files: Vec<(PathBuf, bool)> = if !args.exceptions.is_empty() {
            args.exceptions
                .iter()
                .map(|p| (self.cwd.join(p), true))
                .collect()
        } else if !config.exceptions.files.is_empty() {
            config
                .exceptions
                .files
                .iter()
                .map(|p| (self.root.join(p), true))
                .collect()
        } else {
            vec![(self.root.join(config::DEFAULT_EXCEPTIONS), false)]
        };
        let mut all: Vec<Exception> = Vec::new();
        for (path, required) in files {
            if !required && !path.exists() {
                continue;
            }
            let display = self.display(&path);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::Usage(format!("cannot read exceptions file {display}: {e}")))?;
            let parsed = exceptions::parse_file(&display, &text, limits)
                .map_err(|e| Error::Exceptions(format!("invalid exceptions file: {e}")))?;
            for e in parsed {
                if let Some(previous) = all.iter().find(|p| p.id == e.id) {
                    return Err(Error::Exceptions(format!(
                        "{}: invalid exceptions file: duplicate exception id `{}` (also at {})",
                        e.source, e.id, previous.source
                    )));
                }
                all.push(e);
            }
        }
        Ok(all)
    }

    /// The same settings over another tree of the repository (the base of `--base`): the root
    /// is that tree, and the current directory the same place inside it.
    pub fn at(&self, tree: &Path) -> Settings {
        let inner = self.cwd.strip_prefix(&self.root).unwrap_or(Path::new(""));
        Settings {
            root: tree.to_path_buf(),
            cwd: tree.join(inner),
            color: self.color,
        }
    }

    /// A path as reports show it: relative to the repository root, with `/`.
    pub fn display(&self, path: &Path) -> String {
        discover::relative(&self.root, path)
    }
}

/// "Today": `--today`, else `TOLLGATE_TODAY`, else the UTC date.
pub fn today(arg: Option<&str>) -> Result<Date, Error> {
    let from_env = std::env::var("TOLLGATE_TODAY")
        .ok()
        .filter(|s| !s.is_empty());
    match arg.map(str::to_string).or(from_env) {
        Some(s) => {
            Date::parse(&s).map_err(|e| Error::Usage(format!("--today / TOLLGATE_TODAY: {e}")))
        }
        None => Ok(Date::today_utc()),
    }
}
