//! The register between two dates, in the browser (spec 14.2):
//! `/decisions/changes/?from=D1&to=D2`. The page is written with the
//! comparison from the default dates (the last general assembly to the
//! build date), so that it reads without JavaScript; `data.js` beside it
//! carries what the browser needs to compare any two dates
//! (`register-changes.js`, the same rule as `resolve::changes::between`,
//! which a test holds to the same answers). A script file rather than JSON,
//! so that it loads from `file://` as well as from any host.

use serde::Serialize;
use serde_json::json;

use super::context::{Link, Linker};
use crate::resolve::changes::{between, since_last_assembly};
use crate::resolve::register::Effective;
use crate::resolve::{GroupIdx, Site};

#[derive(Serialize)]
pub struct LeftCtx {
    pub link: Link,
    pub on: String,
    /// The interface string of how it left force.
    pub how: &'static str,
    pub by: Vec<Link>,
}

#[derive(Serialize)]
pub struct AmendedCtx {
    pub link: Link,
    pub by: Link,
}

/// What the page shows before the reader picks dates.
#[derive(Serialize)]
pub struct CompareCtx {
    pub from: String,
    pub to: String,
    pub entered: Vec<Link>,
    pub left: Vec<LeftCtx>,
    pub amended: Vec<AmendedCtx>,
    pub pending: Vec<Link>,
}

/// The default comparison: from the last general assembly (a year before
/// the build date when there is none) to the build date.
pub fn context(site: &Site, l: &Linker) -> CompareCtx {
    let to = site.today;
    let from = since_last_assembly(site).unwrap_or_else(|| to - chrono::Months::new(12));
    let c = between(&site.register, from, to);
    CompareCtx {
        from: from.to_string(),
        to: to.to_string(),
        entered: l.groups(&c.entered),
        left: c
            .left
            .iter()
            .map(|x| LeftCtx {
                link: l.group(x.decision),
                on: x.on.to_string(),
                how: super::changes::ended_key(x.how),
                by: l.groups(&x.by),
            })
            .collect(),
        amended: c.amended.iter().map(|a| AmendedCtx { link: l.group(a.decision), by: l.group(a.by) }).collect(),
        pending: l.groups(&c.pending),
    }
}

/// `data.js`: every decision of the register, in register order, as
/// `[id, title, path from the root, date, day it left force or null,
/// flags (1 adopted, 2 pending proposal), superseded by, repealed by,
/// amended by]`, the last three as positions in the list.
pub fn data_js(site: &Site, lang: &str) -> String {
    let reg = &site.register;
    let position: rustc_hash::FxHashMap<GroupIdx, usize> = reg.decisions.iter().enumerate().map(|(i, &g)| (g, i)).collect();
    let positions = |gs: &[GroupIdx]| -> Vec<usize> { gs.iter().filter_map(|g| position.get(g).copied()).collect() };
    let rows: Vec<serde_json::Value> = reg
        .decisions
        .iter()
        .map(|&g| {
            let rec = &reg.records[&g];
            let p = site.version(g, lang);
            let page = &site.pages[p];
            let flags = u8::from(rec.status == crate::model::Status::Adopted) | (u8::from(rec.effective == Effective::Proposed) << 1);
            json!([
                page.id.as_str(),
                page.title,
                site.url(p).trim_start_matches('/'),
                rec.date.to_string(),
                rec.ended.map(|d| d.to_string()),
                flags,
                positions(&rec.superseded_by),
                positions(&rec.repealed_by),
                positions(&rec.amended_by),
            ])
        })
        .collect();
    format!("window.cahierRegister = {};\n", json!({ "d": rows }))
}
