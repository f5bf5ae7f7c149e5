//! The compiled policies ([`PolicySet`], loaded once per run) and evaluation: each worker thread
//! gets an [`Evaluator`] and runs a document through its family's aggregate rule, in regorus' VM
//! where it can and the interpreter for the rest, naming the rule behind any failure.
//!
//! Loading parses every policy (Rego v1 first, then the older syntax, decided per file), reads
//! metadata into the [`catalog`](super::catalog), lints calls ([`lint`](super::lint)) and
//! compiles the aggregates ([`aggregate`](super::aggregate)).

use super::aggregate::{self, INTERPRETER_PACKAGE};
use super::catalog::{self, RuleInfo, TypeIndex};
use super::context::{self, APPLIES_FUNCTION, CONTEXT_FUNCTION};
use super::parse::{error_from_message, first_line, parse};
use super::vm::{self, VmProgram};
use super::{Namespaces, PolicySource, is_reserved, lint, metadata};
use crate::input::Document;
use regorus::{Engine, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::num::NonZeroU32;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("{path}:{line}:{column}: {message}")]
    Load {
        path: String,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{0}")]
    Usage(String),
}

impl PolicyError {
    pub(super) fn load(path: &str, line: u32, column: u32, message: impl Into<String>) -> Self {
        PolicyError::Load {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// One element a rule produced for a document.
#[derive(Debug, Clone)]
pub struct RawResult {
    /// Index into [`PolicySet::rules`].
    pub rule: usize,
    pub value: Value,
    /// The package's conftest `exception` rule named this rule for this input.
    pub conftest_exception: bool,
}

/// A rule that failed at evaluation time: the document could not be judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub rule: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Evaluation {
    pub results: Vec<RawResult>,
    pub errors: Vec<RuleError>,
    /// The VM failed on this document and the interpreter evaluated it rule by rule.
    pub vm_failed: bool,
}

/// Compiled policies plus the index of their rules. Make one [`Evaluator`] per thread with
/// [`PolicySet::evaluator`].
pub struct PolicySet {
    /// The parsed policies and the user's data, without tollgate's own modules: parsed at load,
    /// unless the VM program came from the cache (then when the interpreter is first needed).
    policies: OnceLock<Result<Engine, String>>,
    /// What `policies` is parsed from.
    sources: Vec<PolicySource>,
    data: Value,
    /// Built from `policies` when first needed: rules the VM cannot run, naming the rule behind
    /// an error, `--strict-builtin-errors`.
    interpreter: OnceLock<Result<Engine, String>>,
    vm: Option<VmProgram>,
    timer: Option<regorus::utils::limits::ExecutionTimerConfig>,
    pub rules: Vec<RuleInfo>,
    /// Which rules declare which resource types.
    pub types: TypeIndex,
    /// Packages with a conftest `exception` rule.
    exception_packages: Vec<String>,
    pub file_count: usize,
    /// The user's policy files that contribute nothing evaluated: no rule tollgate runs, and no
    /// evaluated policy refers to their package.
    pub unevaluated: Vec<Unevaluated>,
}

/// A user policy file whose rules are never evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unevaluated {
    pub file: String,
    pub package: String,
    /// Its package is not selected by `--namespace` (default `main`); otherwise it simply holds
    /// no `deny`/`violation`/`warn` rule.
    pub namespace_not_selected: bool,
}

/// One worker thread's evaluation state (policies are shared, not re-parsed).
pub struct Evaluator {
    /// This thread's clone of the interpreter, made when a document first needs it.
    engine: Option<Engine>,
    vm: Option<regorus::rvm::RegoVM>,
    /// Per rule index: switched off for this scan, so not evaluated at all.
    off: Arc<[bool]>,
}

impl PolicySet {
    /// Loads and checks every policy. Test files (`*_test.rego`) must be filtered out by the caller.
    pub fn load(
        sources: &[PolicySource],
        data: Vec<Value>,
        namespaces: &Namespaces,
        timeout: Option<Duration>,
        use_vm: bool,
    ) -> Result<Self, PolicyError> {
        // `rego.metadata.rule()` / `chain()` become the annotations they name (regorus has no
        // such builtins); each file's METADATA blocks are read once here.
        let mut read: Vec<PolicySource> = Vec::with_capacity(sources.len());
        let mut file_blocks: Vec<Vec<metadata::Block>> = Vec::with_capacity(sources.len());
        for source in sources {
            let blocks = metadata::blocks(&source.text)
                .map_err(|(line, msg)| PolicyError::load(&source.path, line, 1, msg))?;
            let mut source = source.clone();
            if source.text.contains("rego.metadata.") {
                source.text =
                    metadata::inline_calls(&source.text, source.package().unwrap_or(""), &blocks);
            }
            read.push(source);
            file_blocks.push(blocks);
        }
        let sources = &read[..];
        let mut rules: Vec<RuleInfo> = Vec::new();
        let mut exception_packages = Vec::new();
        let mut defined_functions: BTreeSet<String> = BTreeSet::new();
        let mut packages: Vec<(usize, String)> = Vec::new();

        for (index, source) in sources.iter().enumerate() {
            let package = source
                .package()
                .map(str::to_string)
                .ok_or_else(|| PolicyError::load(&source.path, 1, 1, "no `package` declaration"))?;
            if !source.builtin && is_reserved(&package) {
                let line = source
                    .text
                    .lines()
                    .position(|l| l.trim_start().starts_with("package "))
                    .map_or(1, |i| i as u32 + 1);
                return Err(PolicyError::load(
                    &source.path,
                    line,
                    1,
                    format!(
                        "package `{package}` is in the `tollgate` namespace, which belongs to the built-in library; a policy there could replace or empty built-in rules. Use another package (e.g. `main` or `org.{}`)",
                        package
                            .trim_start_matches("tollgate")
                            .trim_start_matches(['.', '_'])
                    ),
                ));
            }
            let blocks = &file_blocks[index];
            defined_functions.extend(lint::defined_functions(source, &package));
            packages.push((index, package.clone()));
            let (found, has_exception) = catalog::rules_of(source, &package, blocks, namespaces);
            rules.extend(found);
            if has_exception && !exception_packages.contains(&package) {
                exception_packages.push(package);
            }
        }

        for (index, package) in &packages {
            lint::check_calls(&sources[*index], package, &defined_functions)?;
        }
        // User rules that may reach a function defined more than once go to the interpreter,
        // which reports conflicting outputs (the built-in library is tested not to have them).
        let prone = lint::packages_with_multiple_definitions(sources, &packages);
        if !prone.is_empty() {
            for rule in rules.iter_mut().filter(|r| !r.builtin) {
                let source = sources.iter().find(|s| s.path == rule.file);
                rule.needs_interpreter = prone.iter().any(|p| {
                    *p == rule.package
                        || source.is_some_and(|s| s.text.contains(&format!("data.{p}")))
                });
            }
        }
        let mut data_only = Engine::new();
        for d in data {
            data_only
                .add_data(d)
                .map_err(|e| PolicyError::Usage(format!("cannot merge data documents: {e}")))?;
        }
        let data = data_only.get_data();
        let timer = timeout.map(|limit| regorus::utils::limits::ExecutionTimerConfig {
            limit,
            check_interval: NonZeroU32::new(64).expect("non-zero"),
        });
        // Where a program made from exactly these files, data and rules is cached.
        let slot = use_vm
            .then(|| vm::cache_slot(sources, &data, &rules, &exception_packages))
            .flatten();
        let cached = slot
            .as_ref()
            .and_then(|slot| VmProgram::cached(slot, &rules, &exception_packages, &data, timer));
        let policies = OnceLock::new();
        let vm = match cached {
            Some(vm) => Some(vm),
            None => {
                // Parsed now: syntax errors surface at load, and the VM compiler needs them. (A
                // cached program was made from exactly these files, which parsed then.)
                let engine = parse(sources, &data)?;
                let vm = if use_vm {
                    VmProgram::compile(
                        &engine,
                        &rules,
                        &exception_packages,
                        data.clone(),
                        timer,
                        slot.as_ref(),
                    )
                } else {
                    None
                };
                let _ = policies.set(Ok(engine));
                vm
            }
        };
        let unevaluated = unevaluated(sources, &packages, &rules, &exception_packages, namespaces);
        let file_count = sources.len();
        let set = PolicySet {
            policies,
            sources: read,
            data,
            interpreter: OnceLock::new(),
            vm,
            timer,
            types: TypeIndex::new(&rules),
            rules,
            exception_packages,
            file_count,
            unevaluated,
        };
        if set.vm.as_ref().is_none_or(|vm| !vm.complete()) {
            // The interpreter will evaluate rules: analyse now, so errors such as unsafe variables
            // surface at load time with file and line, not per document. (When the VM took every
            // rule, its compilation already analysed the policies; the interpreter is then only
            // built if a document needs it.)
            set.interpreter()
                .map_err(|message| error_from_message(&message, &set.sources))?;
        }
        Ok(set)
    }

    /// The interpreter engine: the policies plus tollgate's context functions and aggregate rule.
    fn interpreter(&self) -> Result<&Engine, String> {
        self.interpreter
            .get_or_init(|| {
                let mut engine = self
                    .policies
                    .get_or_init(|| parse(&self.sources, &self.data).map_err(|e| e.to_string()))
                    .clone()?;
                engine
                    .add_extension(
                        CONTEXT_FUNCTION.to_string(),
                        1,
                        Box::new(context::context_extension),
                    )
                    .and_then(|_| {
                        engine.add_extension(
                            APPLIES_FUNCTION.to_string(),
                            1,
                            Box::new(context::applies_extension),
                        )
                    })
                    .and_then(|_| {
                        context::interpreter_modules()
                            .into_iter()
                            .try_for_each(|(path, text)| {
                                engine.add_policy(path.into(), text).map(|_| ())
                            })
                    })
                    .and_then(|_| {
                        engine.add_policy(
                            "tollgate:aggregate.rego".into(),
                            aggregate::interpreter_module(&self.rules, &self.exception_packages),
                        )
                    })
                    .map_err(|e| format!("internal error: {e}"))?;
                if let Some(timer) = self.timer {
                    engine.set_execution_timer_config(timer);
                }
                engine
                    .eval_query("true".into(), false)
                    .map_err(|e| e.to_string())?;
                Ok(engine)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Evaluation state for one worker thread.
    /// An evaluator for one worker thread. `off[i]`: rule `i` is switched off for this scan (its
    /// findings would be dropped), so it is not evaluated.
    pub fn evaluator(&self, off: Arc<[bool]>) -> Evaluator {
        self.worker_evaluator(off, false)
    }

    /// An evaluator for a worker of a large parallel scan: with `own_program`, its VM runs a
    /// copy of the compiled program (see `VmProgram::vm`).
    pub fn worker_evaluator(&self, off: Arc<[bool]>, own_program: bool) -> Evaluator {
        Evaluator {
            engine: None,
            vm: self.vm.as_ref().map(|p| p.vm(own_program)),
            off,
        }
    }

    /// Whether the VM program came from the on-disk cache.
    pub fn vm_cached(&self) -> bool {
        self.vm.as_ref().is_some_and(|vm| vm.cached)
    }

    /// How many rules the VM runs (the rest run in the interpreter), for `--timings`.
    pub fn rules_in_vm(&self) -> usize {
        self.vm
            .as_ref()
            .map_or(0, |vm| vm.in_vm.iter().filter(|&&b| b).count())
    }

    /// Evaluates every applicable rule against one document.
    pub fn evaluate(&self, evaluator: &mut Evaluator, doc: &Document) -> Evaluation {
        self.evaluate_typed(evaluator, doc, doc.types().as_ref())
    }

    /// [`evaluate`](Self::evaluate), given the document's [`Document::types`] (the caller needs
    /// them too).
    pub fn evaluate_typed(
        &self,
        evaluator: &mut Evaluator,
        doc: &Document,
        types: Option<&std::collections::HashSet<String>>,
    ) -> Evaluation {
        context::set(doc, self.types.may_fire(types), &evaluator.off);
        let family = doc.format.family();
        let mut evaluation = Evaluation::default();
        let mut from_vm = Value::new_object();
        if let (Some(program), Some(machine)) = (&self.vm, &mut evaluator.vm) {
            let result = context::with(|c| program.evaluate(machine, doc.value.clone(), family, c));
            match result {
                Ok(aggregate) if program.complete() => {
                    self.collect(&aggregate, &mut evaluation);
                    return evaluation;
                }
                Ok(aggregate) => {
                    // The interpreter's aggregate runs only the rules the VM does not.
                    context::keep_only_outside_vm(&program.in_vm);
                    from_vm = aggregate;
                }
                Err(err) => {
                    evaluation.vm_failed = true;
                    let Some(engine) =
                        self.thread_interpreter(&mut evaluator.engine, &mut evaluation.errors)
                    else {
                        return evaluation;
                    };
                    // A failure of the VM alone leaves the interpreter's results complete; a time
                    // limit that only all rules together exceed is still the document's failure.
                    let message = err.to_string();
                    let timed_out = message.contains("time limit");
                    let aggregate = self.evaluate_one_by_one(
                        engine,
                        doc,
                        timed_out.then_some(message.as_str()),
                        &mut evaluation.errors,
                    );
                    self.collect(&aggregate, &mut evaluation);
                    return evaluation;
                }
            }
        }
        let Some(engine) = self.thread_interpreter(&mut evaluator.engine, &mut evaluation.errors)
        else {
            return evaluation;
        };
        engine.set_input(doc.value.clone());
        let aggregate =
            match engine.eval_rule(format!("data.{INTERPRETER_PACKAGE}.{}", family.name())) {
                Ok(aggregate) => aggregate,
                Err(err) => self.evaluate_one_by_one(
                    engine,
                    doc,
                    Some(&err.to_string()),
                    &mut evaluation.errors,
                ),
            };
        self.collect(&merge_objects(from_vm, aggregate), &mut evaluation);
        evaluation
    }

    /// This thread's interpreter, cloned from the shared one on first use; when it cannot be
    /// built, the reason goes to `errors`.
    fn thread_interpreter<'a>(
        &self,
        slot: &'a mut Option<Engine>,
        errors: &mut Vec<RuleError>,
    ) -> Option<&'a mut Engine> {
        if slot.is_none() {
            match self.interpreter() {
                Ok(engine) => *slot = Some(engine.clone()),
                Err(message) => {
                    errors.push(RuleError {
                        rule: "policy interpreter".into(),
                        message: first_line(&message),
                    });
                    return None;
                }
            }
        }
        slot.as_mut()
    }

    /// After an aggregate failed: evaluate each applicable rule on its own in the interpreter
    /// to name the one that broke. Returns what the others produced, in the aggregate's shape.
    /// When every rule passes alone (each within the time limit, say, but not all together),
    /// `unexplained` — the aggregate's failure, if it counts against the document — is reported
    /// instead, so the document never passes unjudged.
    fn evaluate_one_by_one(
        &self,
        engine: &mut Engine,
        doc: &Document,
        unexplained: Option<&str>,
        errors: &mut Vec<RuleError>,
    ) -> Value {
        let errors_before = errors.len();
        engine.set_input(doc.value.clone());
        let mut aggregate = BTreeMap::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if !rule.applies_to(doc.format.family()) || !context::applies(i) {
                continue;
            }
            match engine.eval_rule(format!("data.{}.{}", rule.package, rule.name)) {
                Ok(v) => {
                    aggregate.insert(Value::from(format!("r{i}")), v);
                }
                Err(e) => errors.push(RuleError {
                    rule: format!("{}.{} ({})", rule.package, rule.name, rule.file),
                    message: first_line(&e.to_string()),
                }),
            }
        }
        for (i, package) in self.exception_packages.iter().enumerate() {
            match engine.eval_rule(format!("data.{package}.exception")) {
                Ok(v) => {
                    aggregate.insert(Value::from(format!("x{i}")), v);
                }
                Err(e) => errors.push(RuleError {
                    rule: format!("{package}.exception"),
                    message: first_line(&e.to_string()),
                }),
            }
        }
        if let Some(failure) = unexplained.filter(|_| errors.len() == errors_before) {
            errors.push(RuleError {
                rule: format!("all rules for {} documents", doc.format.family().name()),
                message: first_line(failure),
            });
        }
        Value::from(aggregate)
    }

    fn collect(&self, aggregate: &Value, evaluation: &mut Evaluation) {
        let Ok(entries) = aggregate.as_object() else {
            return;
        };
        // Package → rule suffixes its `exception` rule names for this input.
        let mut excepted: HashMap<&str, BTreeSet<String>> = HashMap::new();
        for (key, value) in entries.iter() {
            let Ok(key) = key.as_string() else { continue };
            if let Some(i) = key.strip_prefix('x').and_then(|i| i.parse::<usize>().ok()) {
                let names = excepted
                    .entry(self.exception_packages[i].as_str())
                    .or_default();
                for entry in elements(value) {
                    for name in elements(&entry) {
                        if let Ok(s) = name.as_string() {
                            names.insert(s.to_string());
                        }
                    }
                }
            }
        }
        for (key, value) in entries.iter() {
            let Ok(key) = key.as_string() else { continue };
            let Some(i) = key.strip_prefix('r').and_then(|i| i.parse::<usize>().ok()) else {
                continue;
            };
            let rule = &self.rules[i];
            let conftest_exception =
                match (rule.exception_name(), excepted.get(rule.package.as_str())) {
                    (Some(name), Some(names)) => names.contains(name),
                    _ => false,
                };
            for element in elements(value) {
                if matches!(element, Value::Bool(false) | Value::Null) {
                    continue;
                }
                evaluation.results.push(RawResult {
                    rule: i,
                    value: element,
                    conftest_exception,
                });
            }
        }
    }
}

/// User policy files that neither hold an evaluated rule nor are referred to (`data.<package>`)
/// by a policy that does: written to run, but never run.
fn unevaluated(
    sources: &[PolicySource],
    packages: &[(usize, String)],
    rules: &[RuleInfo],
    exception_packages: &[String],
    namespaces: &Namespaces,
) -> Vec<Unevaluated> {
    let evaluated: BTreeSet<&str> = rules
        .iter()
        .map(|r| r.package.as_str())
        .chain(exception_packages.iter().map(String::as_str))
        .collect();
    let evaluated_texts: Vec<&str> = packages
        .iter()
        .filter(|(_, p)| evaluated.contains(p.as_str()))
        .map(|(i, _)| sources[*i].text.as_str())
        .collect();
    packages
        .iter()
        .filter(|(i, package)| {
            !sources[*i].builtin
                && !evaluated.contains(package.as_str())
                && !evaluated_texts
                    .iter()
                    .any(|t| t.contains(&format!("data.{package}")))
        })
        .map(|(i, package)| Unevaluated {
            file: sources[*i].path.clone(),
            package: package.clone(),
            namespace_not_selected: !namespaces.includes(package),
        })
        .collect()
}

/// Results of a rule: members of a set or array, or a single value for complete rules.
fn elements(value: &Value) -> Vec<Value> {
    match value {
        Value::Set(s) => s.iter().cloned().collect(),
        Value::Array(a) => a.iter().cloned().collect(),
        Value::Undefined => Vec::new(),
        other => vec![other.clone()],
    }
}

/// Entries of two aggregate objects (VM and interpreter results for one document).
fn merge_objects(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Object(mut a), Value::Object(b)) => {
            let merged = regorus::Rc::make_mut(&mut a);
            for (k, v) in b.iter() {
                merged.insert(k.clone(), v.clone());
            }
            Value::Object(a)
        }
        (Value::Object(a), _) => Value::Object(a),
        (_, b) => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Format, Locations, Span};
    use std::sync::Arc;

    fn source(path: &str, text: &str) -> PolicySource {
        PolicySource {
            path: path.into(),
            text: text.into(),
            builtin: false,
        }
    }

    fn doc(json: &str) -> Document {
        Document {
            path: Arc::from("dir/a.yaml"),
            format: Format::Kubernetes,
            index: 0,
            value: Value::from_json_str(json).unwrap(),
            locations: Locations::default(),
            span: Span::new(1, 1, 1),
            resource: None,
            module: None,
            module_resources: None,
            module_links: None,
            source: Arc::from(""),
            literal_lines: Arc::from(Vec::new()),
            line_map: None,
            manifests: None,
            instance: None,
            resource_keys: None,
        }
    }

    fn main_ns() -> Namespaces {
        Namespaces::Matching(vec!["main".into()])
    }

    #[test]
    fn aggregate_rule_evaluates_in_one_pass() {
        // Regression: a `p["k"] := v` aggregate is not a rule path regorus can evaluate, so every
        // document silently fell back to one evaluation per rule (about 1.6x slower).
        let set = PolicySet::load(
            &[source(
                "p.rego",
                "package main\nimport rego.v1\ndeny contains \"d\" if input.a == 1\nwarn contains \"w\" if input.a == 1\n",
            )],
            vec![],
            &main_ns(),
            None,
            true,
        )
        .unwrap();
        let mut engine = set.interpreter().unwrap().clone();
        engine.set_input(Value::from_json_str(r#"{"a": 1}"#).unwrap());
        let aggregate = engine
            .eval_rule(format!("data.{INTERPRETER_PACKAGE}.kubernetes"))
            .expect("the aggregate rule evaluates");
        let keys: Vec<String> = aggregate
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_string().unwrap().to_string())
            .collect();
        assert_eq!(keys, ["_", "r0", "r1"]);
    }

    #[test]
    fn v0_and_v1_policies_load_together() {
        let set = PolicySet::load(
            &[
                source("old.rego", "package main\ndeny[msg] {\n  input.a == 1\n  msg := \"old\"\n}\n"),
                source("new.rego", "package main\nimport rego.v1\nwarn contains msg if {\n  input.a == 1\n  msg := \"new\"\n}\n"),
            ],
            vec![],
            &main_ns(),
            None,
            true,
        )
        .unwrap();
        let mut engine = set.evaluator(Arc::from(Vec::new()));
        let ev = set.evaluate(&mut engine, &doc(r#"{"a": 1}"#));
        assert!(ev.errors.is_empty());
        let mut got: Vec<_> = ev
            .results
            .iter()
            .map(|r| (set.rules[r.rule].name.clone(), r.value.clone()))
            .collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            got,
            vec![
                ("deny".into(), Value::from("old")),
                ("warn".into(), Value::from("new"))
            ]
        );
    }

    #[test]
    fn conftest_exceptions_and_file_context() {
        let set = PolicySet::load(
            &[source(
                "p.rego",
                "package main\nimport rego.v1\ndeny_root contains msg if { msg := data.conftest.file.name }\nexception contains [\"root\"] if input.skip\n",
            )],
            vec![],
            &main_ns(),
            None,
            true,
        )
        .unwrap();
        let mut engine = set.evaluator(Arc::from(Vec::new()));
        let ev = set.evaluate(&mut engine, &doc(r#"{"skip": true}"#));
        assert_eq!(ev.results.len(), 1);
        assert_eq!(ev.results[0].value, Value::from("a.yaml"));
        assert!(ev.results[0].conftest_exception);
        let ev = set.evaluate(&mut engine, &doc(r#"{"skip": false}"#));
        assert!(!ev.results[0].conftest_exception);
    }

    #[test]
    fn unknown_function_is_a_load_error_with_position() {
        let err = PolicySet::load(
            &[source("p.rego", "package main\nimport rego.v1\n\ndeny contains 1 if {\n  http.send({\"url\": \"x\"})\n}\n")],
            vec![],
            &main_ns(),
            None,
            true,
        )
        .err()
        .unwrap();
        match err {
            PolicyError::Load {
                line,
                column,
                message,
                ..
            } => {
                assert_eq!((line, column), (5, 3));
                assert!(message.contains("http.send"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let err = PolicySet::load(
            &[source(
                "bad.rego",
                "package main\nimport rego.v1\ndeny contains x if {\n  x := \n}\n",
            )],
            vec![],
            &main_ns(),
            None,
            true,
        )
        .err()
        .unwrap();
        assert!(
            matches!(err, PolicyError::Load { ref path, line, .. } if path == "bad.rego" && line >= 4),
            "{err:?}"
        );
    }

    #[test]
    fn builtin_errors_follow_opa_in_the_vm_and_are_attributed_in_the_interpreter() {
        let set = PolicySet::load(
            &[source("p.rego", "package main\nimport rego.v1\ndeny contains x if { x := to_number(input.v) }\nwarn contains \"ok\" if true\n")],
            vec![],
            &main_ns(),
            None,
            true,
        )
        .unwrap();
        // The VM follows OPA (and so conftest): a builtin error makes its expression undefined.
        let mut evaluator = set.evaluator(Arc::from(Vec::new()));
        let ev = set.evaluate(&mut evaluator, &doc(r#"{"v": "abc"}"#));
        assert!(ev.errors.is_empty(), "{ev:?}");
        assert_eq!(results(&set, &ev), vec![("warn".into(), Value::from("ok"))]);
        // The interpreter (rules the VM cannot compile) raises it, attributed to the rule.
        evaluator.vm = None;
        let ev = set.evaluate(&mut evaluator, &doc(r#"{"v": "abc"}"#));
        assert_eq!(ev.errors.len(), 1, "{ev:?}");
        assert!(ev.errors[0].rule.starts_with("main.deny"));
        assert_eq!(ev.results.len(), 1);
    }

    /// Rule name and value of every result, sorted.
    fn results(set: &PolicySet, ev: &Evaluation) -> Vec<(String, Value)> {
        let mut got: Vec<_> = ev
            .results
            .iter()
            .map(|r| (set.rules[r.rule].name.clone(), r.value.clone()))
            .collect();
        got.sort();
        got
    }

    #[test]
    fn vm_runs_conftest_rule_shapes_like_the_interpreter() {
        let sources = [source(
            "p.rego",
            "package main\nimport rego.v1\n\
             deny_set contains msg if { input.a == 1; msg := sprintf(\"a=%v in %s\", [input.a, data.conftest.file.dir]) }\n\
             deny_string := \"complete\" if input.a == 1\n\
             warn_array := [\"x\", \"y\"] if input.a == 1\n\
             violation_object contains {\"msg\": \"m\", \"details\": data.limits} if input.a == 1\n\
             deny_never contains \"n\" if input.a == 2\n\
             exception contains [\"set\"] if input.skip\n",
        )];
        let data = vec![Value::from_json_str(r#"{"limits": {"max": 3}}"#).unwrap()];
        let set = PolicySet::load(&sources, data, &main_ns(), None, true).unwrap();
        assert_eq!(set.rules_in_vm(), set.rules.len());
        let input = doc(r#"{"a": 1, "skip": true}"#);
        let mut with_vm = set.evaluator(Arc::from(Vec::new()));
        let from_vm = set.evaluate(&mut with_vm, &input);
        let mut interpreter_only = set.evaluator(Arc::from(Vec::new()));
        interpreter_only.vm = None;
        let from_interpreter = set.evaluate(&mut interpreter_only, &input);
        assert!(
            from_vm.errors.is_empty() && !from_vm.vm_failed,
            "{from_vm:?}"
        );
        assert_eq!(results(&set, &from_vm), results(&set, &from_interpreter));
        assert_eq!(
            results(&set, &from_vm),
            vec![
                ("deny_set".into(), Value::from("a=1 in dir")),
                ("deny_string".into(), Value::from("complete")),
                (
                    "violation_object".into(),
                    Value::from_json_str(r#"{"msg": "m", "details": {"max": 3}}"#).unwrap()
                ),
                ("warn_array".into(), Value::from("x")),
                ("warn_array".into(), Value::from("y")),
            ]
        );
        let excepted: Vec<bool> = from_vm
            .results
            .iter()
            .map(|r| r.conftest_exception)
            .collect();
        assert_eq!(excepted.iter().filter(|&&e| e).count(), 1);
    }

    #[test]
    fn rules_the_vm_cannot_compile_run_in_the_interpreter() {
        // `with` is not supported by regorus' VM compiler: that rule alone falls back.
        let set = PolicySet::load(
            &[source(
                "p.rego",
                "package main\nimport rego.v1\n\
                 deny_fast contains \"fast\" if input.a == 1\n\
                 deny_slow contains \"slow\" if { helper with input as {\"b\": 2} }\n\
                 helper if input.b == 2\n",
            )],
            vec![],
            &main_ns(),
            None,
            true,
        )
        .unwrap();
        assert_eq!(set.rules_in_vm(), 1);
        let mut evaluator = set.evaluator(Arc::from(Vec::new()));
        let ev = set.evaluate(&mut evaluator, &doc(r#"{"a": 1}"#));
        assert!(ev.errors.is_empty(), "{ev:?}");
        assert_eq!(
            results(&set, &ev),
            vec![
                ("deny_fast".into(), Value::from("fast")),
                ("deny_slow".into(), Value::from("slow")),
            ]
        );
    }

    #[test]
    fn unsafe_variables_fail_each_document_with_a_readable_message() {
        // regorus analyses rule bodies lazily: an unsafe variable surfaces on evaluation.
        for use_vm in [true, false] {
            let set = PolicySet::load(
                &[source(
                    "p.rego",
                    "package main\nimport rego.v1\n\ndeny contains x if {\n  y := 1\n}\n",
                )],
                vec![],
                &main_ns(),
                None,
                use_vm,
            )
            .unwrap();
            let mut evaluator = set.evaluator(Arc::from(Vec::new()));
            let ev = set.evaluate(&mut evaluator, &doc("{}"));
            assert_eq!(ev.errors.len(), 1, "{ev:?}");
            assert!(ev.errors[0].rule.starts_with("main.deny"));
            assert!(
                ev.errors[0]
                    .message
                    .starts_with("p.rego:4:15: var x is unsafe"),
                "{}",
                ev.errors[0].message
            );
        }
    }

    #[test]
    fn namespaces_select_user_packages() {
        let sources = [source(
            "a.rego",
            "package other\nimport rego.v1\ndeny contains 1 if true\n",
        )];
        let set = PolicySet::load(&sources, vec![], &main_ns(), None, true).unwrap();
        assert!(set.rules.is_empty());
        let set = PolicySet::load(&sources, vec![], &Namespaces::All, None, true).unwrap();
        assert_eq!(set.rules.len(), 1);
    }
}
