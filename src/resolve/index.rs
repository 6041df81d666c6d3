//! The index of pages: by id, short id and title, with translations grouped
//! under one id. Everything that looks a page up goes through here, so that
//! the matching rules of the spec (section 9) live in one place.

use std::collections::HashMap;

use crate::config::Config;
use crate::diagnostic::{closest_n, Code, Diagnostic, Pos};
use crate::id::{match_key, Id};
use crate::model::Page;
use crate::model::PageType;

pub type PageIdx = usize;
pub type GroupIdx = usize;

/// One id and its language versions.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: Id,
    /// Page indices, the default language first when it exists.
    pub versions: Vec<PageIdx>,
}

impl Group {
    /// The main version: in the default language when there is one, else
    /// the first. It carries the group's register record.
    pub fn main(&self) -> PageIdx {
        self.versions[0]
    }
}

/// How a target matched, from the strongest rank to the weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    FullId,
    ShortId,
    Title,
}

#[derive(Debug, Default)]
pub struct Index {
    pub groups: Vec<Group>,
    pub group_of: Vec<GroupIdx>,
    by_id: HashMap<String, GroupIdx>,
    by_full: HashMap<String, Vec<GroupIdx>>,
    by_short: HashMap<String, Vec<GroupIdx>>,
    by_title: HashMap<String, Vec<GroupIdx>>,
}

impl Index {
    /// Indexes the pages, reporting two pages with one id and language.
    pub fn new(pages: &[Page], config: &Config, diags: &mut Vec<Diagnostic>) -> Index {
        let mut index = Index::default();
        for (i, page) in pages.iter().enumerate() {
            let g = match index.by_id.get(page.id.key()) {
                Some(&g) => g,
                None => {
                    let g = index.groups.len();
                    index.groups.push(Group { id: page.id.clone(), versions: Vec::new() });
                    index.by_id.insert(page.id.key().to_string(), g);
                    index.by_full.entry(match_key(page.id.as_str())).or_default().push(g);
                    index.by_short.entry(match_key(page.id.short())).or_default().push(g);
                    g
                }
            };
            if let Some(&other) = index.groups[g].versions.iter().find(|&&o| pages[o].lang == page.lang) {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        &page.source.file,
                        page.source.pos,
                        format!("the id {} ({}) is already used", page.id.quoted(), page.lang),
                    )
                    .hint(format!(
                        "also used by {}; rename one file or set a different `id:`",
                        crate::diagnostic::display_path(&pages[other].source.file)
                    )),
                );
            }
            index.groups[g].versions.push(i);
            index.group_of.push(g);
            let titles = index.by_title.entry(match_key(&page.title)).or_default();
            if !titles.contains(&g) {
                titles.push(g);
            }
        }
        let default = config.default_lang();
        for group in &mut index.groups {
            group.versions.sort_by_key(|&p| (pages[p].lang != default, pages[p].lang.clone()));
        }
        index
    }

    pub fn group(&self, id: &Id) -> Option<GroupIdx> {
        self.by_id.get(id.key()).copied()
    }

    /// The version of a group in `lang`, else in the default language (the
    /// first version), else any.
    pub fn version(&self, pages: &[Page], g: GroupIdx, lang: &str) -> PageIdx {
        let versions = &self.groups[g].versions;
        versions.iter().copied().find(|&p| pages[p].lang == lang).unwrap_or(versions[0])
    }

    /// Looks up a target at one rank.
    pub fn at_rank(&self, rank: Rank, key: &str) -> &[GroupIdx] {
        let map = match rank {
            Rank::FullId => &self.by_full,
            Rank::ShortId => &self.by_short,
            Rank::Title => &self.by_title,
        };
        map.get(key).map_or(&[], Vec::as_slice)
    }

    /// Resolves a reference written in front matter: a full id or an
    /// unambiguous short id, of a page of the `expected` type.
    pub fn reference(
        &self,
        pages: &[Page],
        file: &std::path::Path,
        written: &crate::diagnostic::Located<String>,
        expected: PageType,
    ) -> Result<GroupIdx, Diagnostic> {
        let key = match_key(&written.value);
        match self.matches(pages, &key, expected) {
            Some(Ok(g)) => return Ok(g),
            Some(Err(found)) => return Err(self.ambiguous(file, written.pos, &written.value, &found)),
            None => {}
        }
        let expected = expected.name();
        let candidates: Vec<&str> = self.groups.iter().filter(|g| pages[g.main()].kind.name() == expected).map(|g| g.id.as_str()).collect();
        let near = closest_n(&written.value, candidates.iter().copied(), 3);
        let wrong_type = [Rank::FullId, Rank::ShortId]
            .iter()
            .flat_map(|&r| self.at_rank(r, &key))
            .next()
            .map(|&g| pages[self.groups[g].main()].kind.name());
        let message = match wrong_type {
            Some(kind) => format!("`{}` is a {kind}, not a {expected}", written.value),
            None => format!("no {expected} has the id `{}`", written.value),
        };
        Err(Diagnostic::new(Code::UnknownReference, file, written.pos, message).hint(if near.is_empty() {
            format!("there is no {expected} with a close id")
        } else {
            format!("closest {expected} ids: {}", near.join(", "))
        }))
    }

    /// The one page of type `expected` a reference names, without the
    /// diagnostic when there is none: the closest ids a diagnostic
    /// suggests cost a pass over every page, and callers that only ask
    /// whether a text names a page (a follow-up's owner) do not need them.
    pub fn lookup(&self, pages: &[Page], written: &str, expected: PageType) -> Option<GroupIdx> {
        self.matches(pages, &match_key(written), expected)?.ok()
    }

    /// The pages of type `expected` at the first rank that has any: one
    /// (`Ok`) or several (`Err`); `None` when no rank has one.
    fn matches(&self, pages: &[Page], key: &str, expected: PageType) -> Option<Result<GroupIdx, Vec<GroupIdx>>> {
        let is_expected = |g: &GroupIdx| pages[self.groups[*g].main()].kind.page_type() == expected;
        for rank in [Rank::FullId, Rank::ShortId] {
            let found: Vec<GroupIdx> = self.at_rank(rank, key).iter().copied().filter(is_expected).collect();
            match found.len() {
                0 => continue,
                1 => return Some(Ok(found[0])),
                _ => return Some(Err(found)),
            }
        }
        None
    }

    /// The diagnostic for a target that matches several pages.
    pub fn ambiguous(&self, file: &std::path::Path, pos: Pos, target: &str, groups: &[GroupIdx]) -> Diagnostic {
        let mut ids: Vec<&str> = groups.iter().map(|&g| self.groups[g].id.as_str()).collect();
        ids.sort_unstable();
        Diagnostic::new(Code::AmbiguousReference, file, pos, format!("`{target}` matches {} pages", ids.len()))
            .hint(format!("write the full id of one of: {}", ids.join(", ")))
    }

    /// Every id, for "closest id" hints.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|g| g.id.as_str())
    }
}
