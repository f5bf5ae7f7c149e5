//! `tollgate exceptions`: exception health. It scans with exactly the settings `scan` would use
//! (same filters, evaluator, limits, configuration), so both agree on which exceptions are used.

use super::{EXIT_ERROR, EXIT_PASS, print};
use crate::cli::ExceptionsArgs;
use crate::error::Error;
use crate::pipeline;
use crate::policy::load;
use crate::report;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: ExceptionsArgs) -> Result<u8, Error> {
    let config = settings.config(&args.judging)?;
    let (request, load_options) = settings.scan(&args.scan, &args.paths, false, &config.0)?;
    let judge = settings.judge(&args.judging, config)?;
    let policies = load::load(&settings.policies(&args.policies), &load_options, |p| {
        settings.display(p)
    })?;
    let outcome = pipeline::scan(&request, &policies, &judge).map_err(Error::Usage)?;
    print(&report::health::render(
        &outcome,
        judge.today,
        judge.warn_before_days,
        args.format,
    ))?;
    Ok(if outcome.errors.is_empty() {
        EXIT_PASS
    } else {
        EXIT_ERROR
    })
}
