//! What changed in force between two dates (spec 14.2): what entered
//! force, what left it and what replaced it, what was amended, and what was
//! proposed and is still pending. `cahier report --since` prints it; the
//! dates are inclusive, so that a report "since the last general assembly"
//! counts what that assembly decided.

use chrono::NaiveDate;

use super::register::{Effective, Register};
use super::GroupIdx;
use crate::model::Status;

/// How a decision left force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Superseded,
    Repealed,
    Expired,
}

/// A decision that left force, when, and what replaced or repealed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    pub decision: GroupIdx,
    pub on: NaiveDate,
    pub how: Ended,
    pub by: Vec<GroupIdx>,
}

/// A decision amended by a later one taken between the dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amended {
    pub decision: GroupIdx,
    pub by: GroupIdx,
}

/// The changes between two dates, each list in register order (by date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub entered: Vec<GroupIdx>,
    pub left: Vec<Left>,
    pub amended: Vec<Amended>,
    pub pending: Vec<GroupIdx>,
}

/// What changed in force from `from` to `to`, both days included.
pub fn between(reg: &Register, from: NaiveDate, to: NaiveDate) -> Changes {
    let within = |d: NaiveDate| from <= d && d <= to;
    let mut changes = Changes { from, to, entered: Vec::new(), left: Vec::new(), amended: Vec::new(), pending: Vec::new() };
    for &g in &reg.decisions {
        let rec = &reg.records[&g];
        let adopted = rec.status == Status::Adopted;
        if adopted && within(rec.date) {
            changes.entered.push(g);
        }
        if let Some(on) = rec.ended.filter(|&on| adopted && within(on)) {
            let (how, by) = if !rec.superseded_by.is_empty() {
                (Ended::Superseded, rec.superseded_by.clone())
            } else if !rec.repealed_by.is_empty() {
                (Ended::Repealed, rec.repealed_by.clone())
            } else {
                (Ended::Expired, Vec::new())
            };
            changes.left.push(Left { decision: g, on, how, by });
        }
        for &a in rec.amended_by.iter().filter(|a| reg.records.get(a).is_some_and(|r| within(r.date))) {
            changes.amended.push(Amended { decision: g, by: a });
        }
        if rec.effective == Effective::Proposed && within(rec.date) {
            changes.pending.push(g);
        }
    }
    changes.left.sort_by_key(|l| l.on);
    changes
}

/// Where a comparison starts when the reader has not chosen (spec 14.2):
/// the last meeting, on or before the build date, of the first committee of
/// the assembly kind, so that "what changed" means "since the last general
/// assembly". `None` when the site records no such meeting.
pub fn since_last_assembly(site: &super::Site) -> Option<NaiveDate> {
    use crate::model::{CommitteeKind, Kind};
    let reg = &site.register;
    let assembly = reg
        .committees
        .iter()
        .copied()
        .find(|&c| matches!(&site.pages[site.main(c)].kind, Kind::Committee(k) if k.kind == CommitteeKind::Assembly))?;
    reg.meetings
        .iter()
        .filter(|&&m| site.refs[site.main(m)].by == Some(assembly))
        .filter_map(|&m| match &site.pages[site.main(m)].kind {
            Kind::Meeting(meeting) => Some(meeting.date),
            _ => None,
        })
        .filter(|&d| d <= site.today)
        .max()
}
