//! Resolves the references written in front matter (`by`, `supersedes`,
//! `parent`, …) to the pages they name, checking each names a page of the
//! right type.

use super::index::{GroupIdx, Index};
use crate::diagnostic::Diagnostic;
use crate::model::PageType;
use crate::model::{Kind, Page, Ref};

/// The references of one page, resolved to page groups.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
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
    fn one(&mut self, r: &Ref, expected: PageType) -> Option<GroupIdx> {
        match self.index.reference(self.pages, &self.page.source.file, r, expected) {
            Ok(g) => Some(g),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn opt(&mut self, r: &Option<Ref>, expected: PageType) -> Option<GroupIdx> {
        r.as_ref().and_then(|r| self.one(r, expected))
    }

    fn many(&mut self, rs: &[Ref], expected: PageType) -> Vec<GroupIdx> {
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
        Kind::Plain(_) | Kind::Glossary(_) => Refs::default(),
        Kind::Decision(d) => Refs {
            by: r.one(&d.by, PageType::Committee),
            meeting: r.opt(&d.meeting, PageType::Meeting),
            supersedes: r.many(&d.supersedes, PageType::Decision),
            repeals: r.many(&d.repeals, PageType::Decision),
            amends: r.many(&d.amends, PageType::Decision),
            related: r.many(&d.related, PageType::Decision),
            principles: r.many(&d.principles, PageType::Principle),
            ..Refs::default()
        },
        Kind::Committee(c) => Refs {
            parent: r.opt(&c.parent, PageType::Committee),
            escalates_to: r.opt(&c.escalates_to, PageType::Committee),
            mandate_adopted_by: r.opt(&c.mandate_adopted_by, PageType::Decision),
            ..Refs::default()
        },
        Kind::Principle(p) => Refs {
            adopted_by: r.opt(&p.adopted_by, PageType::Decision),
            supersedes: r.many(&p.supersedes, PageType::Principle),
            ..Refs::default()
        },
        Kind::Meeting(m) => Refs { by: r.one(&m.by, PageType::Committee), ..Refs::default() },
    };
    (refs, r.diags)
}
