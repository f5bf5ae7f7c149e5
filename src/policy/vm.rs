//! The fast path: the loaded policies compiled once to regorus' register VM (RVM), which runs a
//! document through every applicable rule about four times faster than regorus' tree-walking
//! interpreter (BENCHMARKS.md).
//!
//! The interpreter stays: for rules the VM compiler does not support yet (it rejects, for
//! example, `with` and extension functions), to name the rule behind an evaluation error, and
//! for `tollgate verify`. Rules are compiled all at once; only if that fails is each rule tried
//! alone, so one unusual user policy costs the VM nothing but its own rule.

use super::PolicySource;
use super::aggregate::{self, EntrySource, VM_CONTEXT_ROOT, VM_PACKAGE};
use super::cache;
use super::catalog::RuleInfo;
use super::context::DocContext;
use crate::input::Family;
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::DeserializationResult;
use regorus::rvm::{Program, RegoVM};
use regorus::utils::limits::ExecutionTimerConfig;
use regorus::value::Object;
use regorus::{CompiledPolicy, Engine, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The compiled program, shared by all worker threads.
pub struct VmProgram {
    program: Arc<Program>,
    /// The program in regorus' binary form, made when a worker first needs its own copy (see
    /// `thread_copy`); empty when it cannot be serialized (then every worker shares).
    binary: std::sync::OnceLock<Vec<u8>>,
    /// Tells this program's copies from another scan's in the same thread (tests).
    id: usize,
    /// Whether the program came from the on-disk cache (`--timings` says so).
    pub cached: bool,
    /// The user's data documents (`-d`), merged; per-document context is added to a copy.
    data: Value,
    timer: Option<ExecutionTimerConfig>,
    /// Per rule index: evaluated by the VM (else by the interpreter).
    pub in_vm: Vec<bool>,
    /// Per exception package index: evaluated by the VM.
    pub exceptions_in_vm: Vec<bool>,
    /// Per family (in [`Family::ALL`] order): the VM's keys of the family's entries.
    keys: Vec<Vec<(EntrySource, Value)>>,
    data_keys: DataKeys,
}

impl VmProgram {
    /// The program made earlier from exactly these policies, from the on-disk cache.
    pub fn cached(
        slot: &CacheSlot,
        rules: &[RuleInfo],
        exception_packages: &[String],
        data: &Value,
        timer: Option<ExecutionTimerConfig>,
    ) -> Option<VmProgram> {
        let entry = cache::read(&slot.dir, &slot.key)?;
        if entry.in_vm.len() != rules.len()
            || entry.exceptions_in_vm.len() != exception_packages.len()
        {
            return None;
        }
        let Ok(DeserializationResult::Complete(program)) =
            Program::deserialize_binary(&entry.program)
        else {
            return None;
        };
        Some(VmProgram::new(
            program,
            std::sync::OnceLock::from(entry.program),
            (rules, exception_packages),
            (entry.in_vm, entry.exceptions_in_vm),
            (data.clone(), timer),
            true,
        ))
    }

    /// Compiles every rule it can (and keeps the program in the cache, when there is one).
    /// `None` when not even one rule compiles (then the interpreter does everything, as before
    /// the VM existed).
    pub fn compile(
        base: &Engine,
        rules: &[RuleInfo],
        exception_packages: &[String],
        data: Value,
        timer: Option<ExecutionTimerConfig>,
        slot: Option<&CacheSlot>,
    ) -> Option<VmProgram> {
        let in_vm: Vec<bool> = rules.iter().map(|r| !r.needs_interpreter).collect();
        if !rules.is_empty() && !in_vm.iter().any(|&b| b) {
            // Every rule needs the interpreter: it evaluates everything.
            return None;
        }
        let exceptions_in_vm = vec![true; exception_packages.len()];
        let (program, in_vm, exceptions_in_vm) =
            compile_fresh(base, rules, exception_packages, in_vm, exceptions_in_vm)?;
        let binary = std::sync::OnceLock::new();
        if let Some(slot) = slot {
            if let Ok(bytes) = program.serialize_binary() {
                let entry = cache::Entry {
                    in_vm: in_vm.clone(),
                    exceptions_in_vm: exceptions_in_vm.clone(),
                    program: bytes,
                };
                cache::write(&slot.dir, &slot.key, &entry);
                let _ = binary.set(entry.program);
            }
        }
        Some(VmProgram::new(
            Arc::unwrap_or_clone(program),
            binary,
            (rules, exception_packages),
            (in_vm, exceptions_in_vm),
            (data, timer),
            false,
        ))
    }

    fn new(
        program: Program,
        binary: std::sync::OnceLock<Vec<u8>>,
        (rules, exception_packages): (&[RuleInfo], &[String]),
        (in_vm, exceptions_in_vm): (Vec<bool>, Vec<bool>),
        (data, timer): (Value, Option<ExecutionTimerConfig>),
        cached: bool,
    ) -> VmProgram {
        static IDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let keys = Family::ALL
            .iter()
            .map(|&family| {
                aggregate::entries(rules, exception_packages, family)
                    .into_iter()
                    .filter(|entry| match entry.source {
                        EntrySource::Rule(i) => in_vm[i],
                        EntrySource::Exception(i) => exceptions_in_vm[i],
                    })
                    .map(|entry| (entry.source, Value::from(entry.key)))
                    .collect()
            })
            .collect();
        VmProgram {
            keys,
            data_keys: DataKeys::new(),
            program: Arc::new(program),
            binary,
            id: IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            cached,
            data,
            timer,
            in_vm,
            exceptions_in_vm,
        }
    }

    /// Whether some entry still needs the interpreter on every document.
    pub fn complete(&self) -> bool {
        self.in_vm.iter().chain(&self.exceptions_in_vm).all(|&b| b)
    }

    /// A VM for one worker thread; with `own_copy`, on its own copy of the program (pool thread 0
    /// keeps the shared one, so one worker never pays for a copy).
    pub fn vm(&self, own_copy: bool) -> RegoVM {
        // The compiled policy regorus can attach is not read by the VM: the program is all.
        let mut vm = RegoVM::new();
        let program = if own_copy && rayon::current_thread_index().is_some_and(|i| i > 0) {
            self.thread_copy()
        } else {
            self.program.clone()
        };
        vm.load_program(program);
        // The default budget (25,000 instructions) is far too small for a large manifest; the
        // time limit is what stops a runaway policy.
        vm.set_max_instructions(usize::MAX);
        vm.set_execution_timer_config(self.timer);
        vm
    }

    /// This thread's own copy of the program. A program's values are reference counted
    /// atomically (regorus' `arc`), and two workers bumping the same counters on every
    /// instruction made each evaluation ~25 % slower than alone; a copy per thread (the shared
    /// program's binary form deserialized, once per thread) shares no counter.
    fn thread_copy(&self) -> Arc<Program> {
        thread_local! {
            static COPY: std::cell::RefCell<Option<(usize, Arc<Program>)>> = const { std::cell::RefCell::new(None) };
        }
        let binary = self
            .binary
            .get_or_init(|| self.program.serialize_binary().unwrap_or_default());
        COPY.with(|c| {
            if let Some((copy_of, program)) = &*c.borrow() {
                if *copy_of == self.id {
                    return program.clone();
                }
            }
            let copy = match Program::deserialize_binary(binary) {
                Ok(DeserializationResult::Complete(p)) => Arc::new(p),
                // Not serializable after all: share (slower on many cores, same findings).
                _ => self.program.clone(),
            };
            *c.borrow_mut() = Some((self.id, copy.clone()));
            copy
        })
    }

    /// Evaluates the document's family aggregate: an object from `r<i>`/`x<i>` keys to rule
    /// values, the same shape the interpreter's aggregate has.
    pub fn evaluate(
        &self,
        vm: &mut RegoVM,
        input: Value,
        family: Family,
        context: &DocContext,
    ) -> anyhow::Result<Value> {
        let family_index = Family::ALL.iter().position(|&f| f == family).unwrap_or(0);
        let active: Vec<Value> = self.keys[family_index]
            .iter()
            .filter(|(source, _)| match *source {
                EntrySource::Rule(i) => context.applies.get(i).copied().unwrap_or(true),
                EntrySource::Exception(_) => true,
            })
            .map(|(_, key)| key.clone())
            .collect();
        let k = &self.data_keys;
        let mut data = self.data.clone();
        if let Ok(map) = data.as_object_mut() {
            set_under(map, &k.conftest, [(&k.file, context.file.clone())]);
            set_under(
                map,
                &k.tollgate,
                [
                    (&k.module, context.module.clone()),
                    (&k.manifests, context.manifests.clone()),
                    (&k.manifest_index, context.manifest_index.clone()),
                    (&k.module_resources, context.module_resources.clone()),
                    (&k.module_links, context.module_links.clone()),
                ],
            );
            set_under(map, &k.context_root, [(&k.active, Value::from(active))]);
        }
        vm.set_data(data)?;
        vm.set_input(input);
        let pairs = vm.execute_entry_point_by_name(&k.entry_points[family_index])?;
        let mut aggregate = BTreeMap::new();
        if let Ok(set) = pairs.as_set() {
            for pair in set.iter() {
                if let Ok([key, value]) = pair.as_array().map(|a| a.as_slice()) {
                    aggregate.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(Value::from(aggregate))
    }
}

/// Where the program of some policies is cached, and under which key.
pub struct CacheSlot {
    dir: std::path::PathBuf,
    key: String,
}

/// The cache slot of the program made from these policy files, data and rules: the key covers
/// the files' paths and texts, the data and the generated aggregate rule. `None` without a cache
/// directory.
pub fn cache_slot(
    sources: &[PolicySource],
    data: &Value,
    rules: &[RuleInfo],
    exception_packages: &[String],
) -> Option<CacheSlot> {
    let dir = cache::dir()?;
    let data_json = data.to_json_str().unwrap_or_default();
    let in_vm: Vec<bool> = rules.iter().map(|r| !r.needs_interpreter).collect();
    let generated = aggregate::vm_modules(
        rules,
        exception_packages,
        &in_vm,
        &vec![true; exception_packages.len()],
    );
    let mut parts: Vec<&[u8]> = Vec::with_capacity(2 * sources.len() + 3);
    for source in sources {
        parts.push(source.path.as_bytes());
        parts.push(source.text.as_bytes());
    }
    parts.push(data_json.as_bytes());
    for (_, text) in &generated {
        parts.push(text.as_bytes());
    }
    Some(CacheSlot {
        dir,
        key: cache::key(&parts),
    })
}

/// Analyses and compiles the policies: all entries at once, or, when the VM compiler refuses
/// that, the entries it takes (the others stay with the interpreter).
fn compile_fresh(
    base: &Engine,
    rules: &[RuleInfo],
    exception_packages: &[String],
    mut in_vm: Vec<bool>,
    mut exceptions_in_vm: Vec<bool>,
) -> Option<(Arc<Program>, Vec<bool>, Vec<bool>)> {
    // Errors of the analysis (an unsafe variable, say) are the policy's: the interpreter then
    // evaluates everything and reports them. Only the VM compiler's own refusals lead to a
    // split between VM and interpreter.
    let policy = analyse(base, rules, exception_packages, &in_vm, &exceptions_in_vm).ok()?;
    let program = match compile_families(&policy) {
        Ok(program) => program,
        Err(_) => {
            // Which entries can the VM take? Each rule is compiled alone from the same
            // analysed policy, then the aggregate again without the rest.
            for (i, ok) in in_vm.iter_mut().enumerate() {
                let path = format!("data.{}.{}", rules[i].package, rules[i].name);
                *ok = *ok && Compiler::compile_from_policy(&policy, &[&path]).is_ok();
            }
            for (i, ok) in exceptions_in_vm.iter_mut().enumerate() {
                let path = format!("data.{}.exception", exception_packages[i]);
                *ok = Compiler::compile_from_policy(&policy, &[&path]).is_ok();
            }
            if !in_vm.iter().chain(&exceptions_in_vm).any(|&b| b) {
                return None;
            }
            let policy =
                analyse(base, rules, exception_packages, &in_vm, &exceptions_in_vm).ok()?;
            compile_families(&policy).ok()?
        }
    };
    Some((program, in_vm, exceptions_in_vm))
}

/// Sets `data[root][key]` for each pair, keeping whatever else the user's data holds under
/// `root`; an undefined value removes the key.
fn set_under<const N: usize>(map: &mut Object, root: &Value, pairs: [(&Value, Value); N]) {
    let slot = map.get_or_insert_with(root.clone(), Value::new_object);
    if !matches!(slot, Value::Object(_)) {
        *slot = Value::new_object();
    }
    if let Ok(inner) = slot.as_object_mut() {
        for (key, value) in pairs {
            if value == Value::Undefined {
                inner.remove(key);
            } else {
                inner.insert(key.clone(), value);
            }
        }
    }
}

/// The keys of the per-document `data` and the entry points, made once: each is an allocated
/// string, and a document needs a dozen.
struct DataKeys {
    conftest: Value,
    file: Value,
    tollgate: Value,
    module: Value,
    manifests: Value,
    manifest_index: Value,
    module_resources: Value,
    module_links: Value,
    context_root: Value,
    active: Value,
    /// Per family (in [`Family::ALL`] order): `data.tollgate_vm.<family>`.
    entry_points: Vec<String>,
}

impl DataKeys {
    fn new() -> DataKeys {
        DataKeys {
            conftest: Value::from("conftest"),
            file: Value::from("file"),
            tollgate: Value::from("tollgate"),
            module: Value::from("module"),
            manifests: Value::from("manifests"),
            manifest_index: Value::from("manifest_index"),
            module_resources: Value::from("module_resources"),
            module_links: Value::from("module_links"),
            context_root: Value::from(VM_CONTEXT_ROOT),
            active: Value::from("active"),
            entry_points: Family::ALL
                .iter()
                .map(|f| format!("data.{VM_PACKAGE}.{}", f.name()))
                .collect(),
        }
    }
}

/// The policies plus the VM aggregate for the chosen entries, analysed by regorus.
fn analyse(
    base: &Engine,
    rules: &[RuleInfo],
    exception_packages: &[String],
    rules_in: &[bool],
    exceptions_in: &[bool],
) -> anyhow::Result<CompiledPolicy> {
    let mut engine = base.clone();
    for (path, text) in aggregate::vm_modules(rules, exception_packages, rules_in, exceptions_in) {
        engine.add_policy(path.into(), text)?;
    }
    engine.compile_with_entrypoint(&regorus::Rc::from(
        format!("data.{VM_PACKAGE}.kubernetes").as_str(),
    ))
}

/// The VM program with one entry point per input family.
fn compile_families(policy: &CompiledPolicy) -> anyhow::Result<Arc<Program>> {
    let entries: Vec<String> = Family::ALL
        .iter()
        .map(|family| format!("data.{VM_PACKAGE}.{}", family.name()))
        .collect();
    let entry_refs: Vec<&str> = entries.iter().map(String::as_str).collect();
    Ok(Compiler::compile_from_policy(policy, &entry_refs)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keys_merge_into_user_data() {
        let mut data =
            Value::from_json_str(r#"{"conftest": {"other": 1}, "tollgate": 3}"#).unwrap();
        let map = data.as_object_mut().unwrap();
        let k = DataKeys::new();
        set_under(map, &k.conftest, [(&k.file, Value::from("f"))]);
        set_under(map, &k.tollgate, [(&k.module, Value::Undefined)]);
        assert_eq!(data["conftest"]["other"], Value::from(1u64));
        assert_eq!(data["conftest"]["file"], Value::from("f"));
        assert_eq!(data["tollgate"], Value::new_object());
    }
}
