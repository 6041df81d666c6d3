//! Resolves the links of every body (section 9): wikilinks and `.md` links
//! to pages, by full id or relative path, then short id, then title; local
//! files to their output URL; `#heading` anchors checked against the target's
//! headings. Also gathers backlinks.

use rayon::prelude::*;

use super::index::{GroupIdx, Index, PageIdx, Rank};
use crate::config::Config;
use crate::diagnostic::{closest_n, Code, Diagnostic, Pos};
use crate::id::{match_key, slug};
use crate::model::Page;
use crate::parse::body::{Link, LinkKind, Positions, Scan};

/// Where a link of a body goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page (the version in the linking page's language when there is one).
    Page { page: PageIdx, anchor: Option<String> },
    /// A site path, such as an asset: `/images/logo.svg`.
    Path { url: String },
    /// A heading of the same page.
    SamePage,
    /// Left as written.
    External,
    /// Nothing there; reported.
    Broken,
}

/// Every page's links, resolved, and the diagnostics they raised, by page.
#[derive(Debug, Default)]
pub struct Resolved {
    pub targets: Vec<Vec<LinkTarget>>,
    pub diags: Vec<Vec<Diagnostic>>,
}

/// Links an earlier resolve of the same site found, for pages other than
/// `again`: valid while no page's id, title or headings changed, which is
/// all a link to another page depends on.
#[derive(Debug)]
pub struct Lent {
    pub resolved: Resolved,
    pub again: Vec<PageIdx>,
}

/// Resolves every link of every page, in parallel; with `lent`, those of
/// the pages it names only.
pub fn resolve(pages: &[Page], scans: &[Scan], index: &Index, config: &Config, lent: Option<Lent>) -> Resolved {
    let one = |i: PageIdx| {
        let mut diags = Vec::new();
        let mut at = Positions::new(&pages[i].body);
        let targets = scans[i]
            .links
            .iter()
            .map(|link| {
                let (line, col) = at.at(link.offset);
                let pos = Pos::new(pages[i].source.body_line + line, col);
                resolve_one(i, link, pos, pages, scans, index, config, &mut diags)
            })
            .collect();
        (targets, diags)
    };
    match lent {
        Some(Lent { mut resolved, again }) => {
            for i in again {
                (resolved.targets[i], resolved.diags[i]) = one(i);
            }
            resolved
        }
        None => {
            let (targets, diags) = (0..pages.len()).into_par_iter().map(one).unzip();
            Resolved { targets, diags }
        }
    }
}

/// Backlinks per group: the pages whose bodies link to it.
pub fn backlinks(pages: &[Page], links: &[Vec<LinkTarget>], index: &Index) -> Vec<Vec<PageIdx>> {
    let mut back: Vec<Vec<PageIdx>> = vec![Vec::new(); index.groups.len()];
    for (from, targets) in links.iter().enumerate() {
        for t in targets {
            if let LinkTarget::Page { page, .. } = t {
                let g = index.group_of[*page];
                // A page linking many times to one target is listed once:
                // the pages come in order, so a repeat is always the last entry.
                if g != index.group_of[from] && back[g].last() != Some(&from) {
                    back[g].push(from);
                }
            }
        }
    }
    for list in &mut back {
        list.sort_by(|&a, &b| pages[a].title.cmp(&pages[b].title));
    }
    back
}

/// The folder of the page's source file, below `content/`.
fn source_folder(page: &Page) -> String {
    let file = crate::diagnostic::display_path(&page.source.file);
    let rel = file.strip_prefix("content/").unwrap_or(&file);
    rel.rsplit_once('/').map_or(String::new(), |(dir, _)| dir.to_string())
}

/// Joins a relative path to a folder, folding `.` and `..`. `None` when it
/// climbs above the root.
pub fn join_path(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') { Vec::new() } else { folder.split('/').filter(|s| !s.is_empty()).collect() };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[allow(clippy::too_many_arguments)]
fn resolve_one(
    from: PageIdx,
    link: &Link,
    pos: Pos,
    pages: &[Page],
    scans: &[Scan],
    index: &Index,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> LinkTarget {
    let page = &pages[from];
    let (path, anchor) = match link.dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (link.dest.as_str(), None),
    };
    match link.kind {
        LinkKind::External => LinkTarget::External,
        LinkKind::SamePage => {
            check_anchor(from, anchor.as_deref().unwrap_or(""), from, pages, scans, pos, diags);
            LinkTarget::SamePage
        }
        LinkKind::Wiki { .. } => {
            let folder = source_folder(page);
            let relative = join_path(&folder, path);
            match find_page(index, path.trim(), relative.as_deref()) {
                Found::One(g) => to_page(from, g, anchor, pages, scans, index, pos, diags),
                Found::Many(gs) => {
                    diags.push(index.ambiguous(&page.source.file, pos, path, &gs));
                    LinkTarget::Broken
                }
                Found::None => broken(page, path, pos, index, config, diags),
            }
        }
        LinkKind::Local => {
            let path = crate::text::percent_decode(path.split('?').next().unwrap_or(path));
            let Some(site_path) = join_path(&source_folder(page), &path) else {
                return broken(page, &link.dest, pos, index, config, diags);
            };
            match site_path.strip_suffix(".md") {
                Some(stem) => {
                    let stem = strip_lang_suffix(stem, config);
                    let stem = stem.strip_suffix("_index").map_or(stem, |s| s.trim_end_matches('/'));
                    match find_page(index, stem, None) {
                        Found::One(g) => to_page(from, g, anchor, pages, scans, index, pos, diags),
                        Found::Many(gs) => {
                            diags.push(index.ambiguous(&page.source.file, pos, &path, &gs));
                            LinkTarget::Broken
                        }
                        Found::None => broken(page, &link.dest, pos, index, config, diags),
                    }
                }
                None => {
                    let trailing = if path.ends_with('/') && !site_path.is_empty() { "/" } else { "" };
                    let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                    LinkTarget::Path { url: format!("/{site_path}{trailing}{anchor}") }
                }
            }
        }
    }
}

fn strip_lang_suffix<'a>(stem: &'a str, config: &Config) -> &'a str {
    match stem.rsplit_once('.') {
        Some((s, lang)) if config.is_language(lang) => s,
        _ => stem,
    }
}

enum Found {
    One(GroupIdx),
    Many(Vec<GroupIdx>),
    None,
}

/// The ranks of section 9: the first rank that matches wins. Within the
/// first rank, a path relative to the linking page's folder is tried before
/// the same text as a full id, as in a file system.
fn find_page(index: &Index, target: &str, relative: Option<&str>) -> Found {
    let key = match_key(target);
    let relative = relative.map(match_key).filter(|r| *r != key);
    let ranks = [
        relative.as_deref().map_or(&[][..], |r| index.at_rank(Rank::FullId, r)),
        index.at_rank(Rank::FullId, &key),
        index.at_rank(Rank::ShortId, &key),
        index.at_rank(Rank::Title, &key),
    ];
    for found in ranks {
        match found.len() {
            0 => continue,
            1 => return Found::One(found[0]),
            _ => return Found::Many(found.to_vec()),
        }
    }
    Found::None
}

#[allow(clippy::too_many_arguments)]
fn to_page(
    from: PageIdx,
    g: GroupIdx,
    anchor: Option<String>,
    pages: &[Page],
    scans: &[Scan],
    index: &Index,
    pos: Pos,
    diags: &mut Vec<Diagnostic>,
) -> LinkTarget {
    let target = index.version(pages, g, &pages[from].lang);
    let anchor = anchor.filter(|a| !a.is_empty()).map(|a| {
        check_anchor(from, &a, target, pages, scans, pos, diags);
        slug(&a)
    });
    LinkTarget::Page { page: target, anchor }
}

fn check_anchor(from: PageIdx, anchor: &str, target: PageIdx, pages: &[Page], scans: &[Scan], pos: Pos, diags: &mut Vec<Diagnostic>) {
    let wanted = slug(anchor);
    let headings = &scans[target].headings;
    // Footnote and task anchors are made by the renderer, not by headings.
    if wanted.is_empty() || headings.iter().any(|h| h.anchor == wanted) || anchor.starts_with("fn") {
        return;
    }
    let near = closest_n(&wanted, headings.iter().map(|h| h.anchor.as_str()), 3);
    let which = if target == from { "this page".to_string() } else { pages[target].id.quoted() };
    diags.push(Diagnostic::new(Code::BrokenAnchor, &pages[from].source.file, pos, format!("{which} has no heading `#{anchor}`")).hint(
        if near.is_empty() { "the page has no heading with that text".to_string() } else { format!("headings there: {}", near.join(", ")) },
    ));
}

fn broken(page: &Page, target: &str, pos: Pos, index: &Index, config: &Config, diags: &mut Vec<Diagnostic>) -> LinkTarget {
    let near = closest_n(target, index.ids(), 3);
    diags.push(
        Diagnostic::new(Code::BrokenLink, &page.source.file, pos, format!("the link `{target}` leads to no page"))
            .level(config.broken_links)
            .hint(if near.is_empty() {
                "create the page, or write the id of an existing one".to_string()
            } else {
                format!("closest ids: {}", near.join(", "))
            }),
    );
    LinkTarget::Broken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_and_fold() {
        assert_eq!(join_path("wiki/a", "../decisions/x.md").as_deref(), Some("wiki/decisions/x.md"));
        assert_eq!(join_path("wiki", "../decisions/x.md").as_deref(), Some("decisions/x.md"));
        assert_eq!(join_path("wiki", "/images/l.svg").as_deref(), Some("images/l.svg"));
        assert_eq!(join_path("", "../x"), None);
    }
}
