//! One record per decision: what was written in its front matter, its
//! references resolved, and everything the register computed about it.
//! Built once in resolve; its page, every register view's row,
//! `decisions.json`, the feeds and the search documents are projections of
//! it, so that a rule is never computed twice and two outputs never
//! disagree.

use chrono::NaiveDate;
use serde::Serialize;

use super::index::{GroupIdx, PageIdx};
use super::refs::Refs;
use super::register::Effective;
use crate::model::{Kind, Method, Page, PlainValues, Status};

/// Everything known about one decision. It serialises with groups as
/// their index numbers: outputs map them to ids or links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRecord {
    pub group: GroupIdx,
    /// Its default-language page: title, summary, topics, text, source.
    pub page: PageIdx,

    // As written.
    pub date: NaiveDate,
    pub status: Status,
    pub method: Option<Method>,
    pub review: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    /// Written inside minutes rather than in a file of its own.
    pub inline: bool,
    pub follow_up: Option<FollowUp>,
    /// Keys declared plain in the decision's row of `PAGE_TYPES`.
    pub plain: PlainValues,

    /// Its references, resolved (unknown ones were reported and left out):
    /// `by`, `meeting`, `supersedes`, `repeals`, `amends`, `related`,
    /// `principles`.
    pub refs: Refs,

    // Computed by the register.
    pub effective: Effective,
    pub superseded_by: Vec<GroupIdx>,
    pub repealed_by: Vec<GroupIdx>,
    pub amended_by: Vec<GroupIdx>,
    /// The end of the supersession chain (itself when not superseded).
    pub current: GroupIdx,
    /// The first day it is no longer in force, if there is one: the date of
    /// the decision that superseded or repealed it, or the day after its
    /// expiry (it applies on its expiry date), whichever comes first. Known
    /// for expiries still to come too, so that point-in-time views are right
    /// for any date.
    pub ended: Option<NaiveDate>,
    /// In force with a review date that has come.
    pub review_due: bool,
    pub possible_repeats: Vec<GroupIdx>,
    /// Principles it cites that no longer apply.
    pub retired_principles: Vec<GroupIdx>,
    pub outside_mandate: bool,
    /// The chain its page shows: see [`super::chain::window`].
    pub chain: Vec<Option<GroupIdx>>,
}

/// Implementation tracking, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    pub owner: Option<Owner>,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub note: Option<String>,
    /// Due before the build date and not done.
    pub overdue: bool,
}

/// The owner of a follow-up: a committee of the site when the text names
/// one (by id or short id), else the text as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Committee(GroupIdx),
    Named(String),
}

impl DecisionRecord {
    /// The record of what was written, before the register's rules run:
    /// computed parts start as "in force as written, alone in its chain".
    pub fn written(
        group: GroupIdx,
        page: &Page,
        at: PageIdx,
        refs: &Refs,
        owner: Option<Owner>,
        today: NaiveDate,
    ) -> Option<DecisionRecord> {
        let Kind::Decision(d) = &page.kind else { return None };
        Some(DecisionRecord {
            group,
            page: at,
            date: d.date,
            status: d.status,
            method: d.method,
            review: d.review,
            expires: d.expires,
            inline: d.inline,
            follow_up: d.follow_up.as_ref().map(|f| FollowUp {
                owner,
                due: f.due,
                done: f.done,
                note: f.note.clone(),
                overdue: f.done.is_none() && f.due.is_some_and(|due| due < today),
            }),
            plain: page.plain.clone(),
            refs: refs.clone(),
            effective: Effective::from(d.status),
            superseded_by: Vec::new(),
            repealed_by: Vec::new(),
            amended_by: Vec::new(),
            current: group,
            ended: None,
            review_due: false,
            possible_repeats: Vec::new(),
            retired_principles: Vec::new(),
            outside_mandate: false,
            chain: Vec::new(),
        })
    }

    pub fn in_force(&self) -> bool {
        self.effective == Effective::Adopted
    }

    pub fn follow_up_overdue(&self) -> bool {
        self.follow_up.as_ref().is_some_and(|f| f.overdue)
    }
}
