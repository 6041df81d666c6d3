//! `/health/` ("État du wiki", "Wiki health"): the signals of upkeep that
//! resolve found (`resolve::health`), as links in the reader's language.
//! Each page is linked in its own language: a translation behind its
//! source is that translation.

use serde::Serialize;
use tera::Context;

use super::context::{Link, Linker};
use crate::config::Period;

#[derive(Serialize)]
struct Outdated {
    page: Link,
    updated: String,
    /// The newest of the decisions it is behind, at most
    /// [`OUTDATED_SHOWN`]; the page's own banner names them all.
    decisions: Vec<Link>,
    /// How many more there are.
    more: usize,
}

/// How many of the decisions an outdated page is behind `/health/` names.
/// One is enough to see why the page needs a look, and the page's banner
/// lists the rest: naming them all made `/health/` of a 10,000-page site
/// 16 MB, and its rendering the slowest part of a build.
pub const OUTDATED_SHOWN: usize = 3;

#[derive(Serialize)]
struct Behind {
    page: Link,
    source: Link,
    updated: String,
    source_updated: String,
}

#[derive(Serialize)]
struct Wanted {
    target: String,
    by: Vec<Link>,
}

/// `stale_after` as people read it: a number and the key of its unit.
#[derive(Serialize)]
struct Span {
    n: u32,
    unit: &'static str,
}

fn span(period: Period) -> Span {
    match period {
        Period::Months(n) if n % 12 == 0 => Span { n: n / 12, unit: "unit_years" },
        Period::Months(n) => Span { n, unit: "unit_months" },
        Period::Days(n) if n % 7 == 0 => Span { n: n / 7, unit: "unit_weeks" },
        Period::Days(n) => Span { n, unit: "unit_days" },
    }
}

/// Puts every signal into the view's context.
pub fn insert(l: &Linker<'_>, ctx: &mut Context) {
    let site = l.site;
    let health = &site.health;
    let outdated: Vec<Outdated> = health
        .outdated
        .iter()
        .map(|o| {
            let shown = &o.decisions[..o.decisions.len().min(OUTDATED_SHOWN)];
            Outdated {
                page: l.page(o.page),
                updated: o.updated.to_string(),
                decisions: l.groups(shown),
                more: o.decisions.len() - shown.len(),
            }
        })
        .collect();
    let translations: Vec<Behind> = health
        .translations
        .iter()
        .map(|b| Behind {
            page: l.page(b.page),
            source: l.page(b.source),
            updated: b.updated.to_string(),
            source_updated: b.source_updated.to_string(),
        })
        .collect();
    let wanted: Vec<Wanted> =
        health.wanted.iter().map(|w| Wanted { target: w.target.clone(), by: w.by.iter().map(|&p| l.page(p)).collect() }).collect();
    let pages = |list: &[usize]| -> Vec<Link> { list.iter().map(|&p| l.page(p)).collect() };
    ctx.insert("outdated", &outdated);
    ctx.insert("translations", &translations);
    ctx.insert("orphans", &pages(&health.orphans));
    ctx.insert("wanted", &wanted);
    ctx.insert("stale", &pages(&health.stale));
    ctx.insert("undated", &pages(&health.undated));
    ctx.insert("in_git", &health.in_git);
    ctx.insert("stale_after", &site.config.stale_after.map(span));
    ctx.insert("broken_links_warn", &(site.config.broken_links == crate::diagnostic::Level::Warning));
    ctx.insert("today", &site.today.to_string());
}
