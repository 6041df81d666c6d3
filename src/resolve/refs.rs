//! Resolves the references written in front matter (`by`, `supersedes`,
//! `parent`, …) to the pages they name, checking each names a page of the
//! right type.

use super::index::{GroupIdx, Index};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Page, Ref};

/// The references of one page, resolved to page groups.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    pub by: Option<GroupIdx>,
    pub meeting: Option<GroupIdx>,
    pub supersedes: Vec<GroupIdx>,
    pub repeals: Vec<GroupIdx>,
    pub amends: Vec<GroupIdx>,
    pub related: Vec<GroupIdx>,
    pub principles: Vec<GroupIdx>,
    pub parent: Option<GroupIdx>,
    pub escalates_to: Option<GroupIdx>,
    pub mandate_adopted_by: Option<GroupIdx>,
    pub adopted_by: Option<GroupIdx>,
}

struct Resolver<'a> {
    pages: &'a [Page],
    index: &'a Index,
    page: &'a Page,
    diags: Vec<Diagnostic>,
}

impl Resolver<'_> {
    fn one(&mut self, r: &Ref, expected: &str) -> Option<GroupIdx> {
        match self.index.reference(self.pages, &self.page.source.file, r, expected) {
            Ok(g) => Some(g),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn opt(&mut self, r: &Option<Ref>, expected: &str) -> Option<GroupIdx> {
        r.as_ref().and_then(|r| self.one(r, expected))
    }

    fn many(&mut self, rs: &[Ref], expected: &str) -> Vec<GroupIdx> {
        let mut out = Vec::new();
        for r in rs {
            if let Some(g) = self.one(r, expected) {
                if !out.contains(&g) {
                    out.push(g);
                }
            }
        }
        out
    }
}

/// Resolves the references of one page.
pub fn resolve(pages: &[Page], index: &Index, page: &Page) -> (Refs, Vec<Diagnostic>) {
    let mut r = Resolver { pages, index, page, diags: Vec::new() };
    let refs = match &page.kind {
        Kind::Page => Refs::default(),
        Kind::Decision(d) => Refs {
            by: r.one(&d.by, "committee"),
            meeting: r.opt(&d.meeting, "meeting"),
            supersedes: r.many(&d.supersedes, "decision"),
            repeals: r.many(&d.repeals, "decision"),
            amends: r.many(&d.amends, "decision"),
            related: r.many(&d.related, "decision"),
            principles: r.many(&d.principles, "principle"),
            ..Refs::default()
        },
        Kind::Committee(c) => Refs {
            parent: r.opt(&c.parent, "committee"),
            escalates_to: r.opt(&c.escalates_to, "committee"),
            mandate_adopted_by: r.opt(&c.mandate_adopted_by, "decision"),
            ..Refs::default()
        },
        Kind::Principle(p) => {
            Refs { adopted_by: r.opt(&p.adopted_by, "decision"), supersedes: r.many(&p.supersedes, "principle"), ..Refs::default() }
        }
        Kind::Meeting(m) => Refs { by: r.one(&m.by, "committee"), ..Refs::default() },
    };
    (refs, r.diags)
}
