//! `tollgate rules` and `tollgate explain`: the rule catalog of the loaded policies.

use super::{EXIT_PASS, print};
use crate::cli::{PolicyArgs, RulesArgs};
use crate::error::Error;
use crate::policy::catalog;
use crate::policy::load::{self, LoadOptions};
use crate::report;
use crate::settings::Settings;

pub fn list(settings: &Settings, args: RulesArgs) -> Result<u8, Error> {
    let set = load::load(
        &settings.policies(&args.policies),
        &LoadOptions::default(),
        |p| settings.display(p),
    )?;
    print(&report::catalog::rules(
        &catalog::rows(&set.rules),
        args.format,
    ))?;
    Ok(EXIT_PASS)
}

pub fn explain(settings: &Settings, id: &str, policies: &PolicyArgs) -> Result<u8, Error> {
    let set = load::load(&settings.policies(policies), &LoadOptions::default(), |p| {
        settings.display(p)
    })?;
    let rows = catalog::rows(&set.rules);
    let rule = rows
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| Error::Usage(format!("no rule with id `{id}` (see `tollgate rules`)")))?;
    print(&report::catalog::explain(rule))?;
    Ok(EXIT_PASS)
}
