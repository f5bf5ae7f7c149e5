//! The Terraform parser (HCL and `.tf.json`) with module resolution must never panic or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tollgate::input::terraform::{SourceFile, parse_module};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Split the input into a module file and a tfvars file so resolution across files is fuzzed too.
    let (main, vars) = text.split_once("\n#--\n").unwrap_or((text, ""));
    let files = [
        SourceFile { path: "main.tf".into(), text: main.into(), judge: true },
        SourceFile { path: "main.tf.json".into(), text: main.into(), judge: true },
    ];
    let tfvars = [SourceFile { path: "terraform.tfvars".into(), text: vars.into(), judge: false }];
    let _ = parse_module(&files, &tfvars);
});
