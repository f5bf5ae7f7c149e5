//! `tollgate init`: a commented starter `tollgate.toml` and `.tollgate/exceptions.yaml`.

use super::EXIT_PASS;
use crate::config;
use crate::error::Error;
use crate::report::write_atomically;
use crate::settings::Settings;

const STARTER_CONFIG: &str = r#"# tollgate configuration (see README: "Configuration").

[exceptions]
# files = [".tollgate/exceptions.yaml"]
max_days = 90          # longest an exception may last
warn_before_days = 14  # warn when an exception expires this soon

[enforcement]
# block_at = "high"    # rules at or above this severity block, below warn

# Per rule id or glob: block | warn | off, and an optional staged rollout.
# [rules."TG-K8S-018"]
# enforcement = "off"
#
# [rules."TG-K8S-017"]
# enforcement = "block"
# warn_until = 2027-03-01   # warn before this date, block from it on
"#;

const STARTER_EXCEPTIONS: &str = r#"# tollgate exceptions (see README: "Exceptions"). Every entry needs rules, reason, owner and
# expires; an expired exception stops protecting anything and the scan says so.
exceptions: []
#  - id: legacy-assets-bucket
#    rules: [TG-AWS-S3-001]
#    resources: [aws_s3_bucket.legacy_assets]
#    paths: [terraform/legacy/**]
#    reason: Public website assets; moving behind CloudFront in SEC-123
#    owner: team-web
#    ticket: SEC-123
#    created: 2026-11-26
#    expires: 2027-01-31
"#;

pub fn run(settings: &Settings, force: bool) -> Result<u8, Error> {
    for (rel, text) in [
        (config::DEFAULT_FILE, STARTER_CONFIG),
        (config::DEFAULT_EXCEPTIONS, STARTER_EXCEPTIONS),
    ] {
        let path = settings.root.join(rel);
        if path.exists() && !force {
            eprintln!("tollgate: {rel} exists, left as is (--force to overwrite)");
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Usage(format!("cannot create {}: {e}", dir.display())))?;
        }
        write_atomically(&path, text)
            .map_err(|e| Error::Usage(format!("cannot write {rel}: {e}")))?;
        eprintln!("tollgate: wrote {rel}");
    }
    Ok(EXIT_PASS)
}
