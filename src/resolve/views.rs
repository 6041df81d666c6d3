//! The register's views: the pages cahier writes for every site, whatever
//! its content. One table says, for each view, its URL, its template, its
//! menu entry and the content folder whose `_index.md` introduces it; the
//! reserved URLs, the menu, the list of views to render and the folders
//! that are views rather than listings all come from it.

/// A view of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Register,
    Topics,
    /// One page per topic, at `topics/<id>/`.
    Topic,
    Committees,
    Authority,
    Principles,
    Meetings,
    Timeline,
    /// Every rule in force on the build date, full text, by topic.
    InForce,
    /// Recent changes of the wiki and the register, from git.
    Changes,
    /// The register between two dates, chosen in the browser.
    Compare,
    FollowUp,
    Search,
    /// Outdated, orphan, wanted and stale pages (content format 14.3).
    Health,
}

/// What the site needs to know of a view.
#[derive(Debug, Clone, Copy)]
pub struct ViewInfo {
    pub view: View,
    /// Below the language prefix, with its trailing slash. For [`View::Topic`],
    /// the folder of the topic pages.
    pub path: &'static str,
    /// The theme template that renders it.
    pub template: &'static str,
    /// The interface string of its menu entry, when the menu lists it.
    pub nav: Option<&'static str>,
    /// The content folder whose `_index.md` becomes its introduction.
    pub intro: Option<&'static str>,
}

const fn view(view: View, path: &'static str, template: &'static str, nav: Option<&'static str>, intro: Option<&'static str>) -> ViewInfo {
    ViewInfo { view, path, template, nav, intro }
}

/// Every view, in menu order.
pub const VIEWS: &[ViewInfo] = &[
    view(View::Register, "decisions/", "register.html", Some("decisions"), Some("decisions")),
    view(View::Topics, "topics/", "topics.html", Some("topics"), None),
    view(View::Topic, "topics/", "topic.html", None, None),
    view(View::Committees, "committees/", "committees.html", Some("committees"), Some("committees")),
    view(View::Authority, "authority/", "authority.html", Some("authority"), None),
    view(View::Principles, "principles/", "principles.html", Some("principles"), Some("principles")),
    view(View::Meetings, "meetings/", "meetings.html", Some("meetings"), Some("meetings")),
    view(View::FollowUp, "follow-up/", "follow_up.html", Some("follow_up"), None),
    view(View::Timeline, "timeline/", "timeline.html", None, None),
    view(View::InForce, "in-force/", "in_force.html", None, None),
    view(View::Changes, "changes/", "changes.html", None, None),
    view(View::Compare, "decisions/changes/", "compare.html", None, None),
    view(View::Search, "search/", "search.html", None, None),
    view(View::Health, "health/", "health.html", None, None),
];

/// Files every site gets besides its views (at the root only).
pub const EXPORTS: &[&str] = &["/decisions.json", "/site.json", "/feed.xml", "/sitemap.xml", "/404.html", "/changes.xml"];

impl View {
    /// The row of this view in [`VIEWS`].
    pub fn info(self) -> &'static ViewInfo {
        VIEWS.iter().find(|v| v.view == self).expect("every view has a row in VIEWS")
    }
}

/// Whether `folder` (an id, any case) is a view's folder: its `_index.md`
/// introduces the view instead of a listing.
pub fn is_view_folder(folder: &str) -> bool {
    VIEWS.iter().filter_map(|v| v.intro).any(|f| f.eq_ignore_ascii_case(folder))
}

/// Whether cahier writes a view or an export at `url` (without language
/// prefix): a page there would be hidden.
pub fn is_reserved(url: &str) -> bool {
    EXPORTS.contains(&url)
        || VIEWS.iter().any(|v| url.strip_prefix('/').is_some_and(|u| u == v.path || (v.view == View::Topic && u.starts_with(v.path))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_one_row_and_reserved_urls_follow_the_table() {
        for v in VIEWS {
            assert_eq!(v.view.info().template, v.template);
        }
        assert!(is_reserved("/decisions/") && is_reserved("/topics/x/") && is_reserved("/feed.xml"));
        assert!(!is_reserved("/wiki/") && !is_reserved("/decisions/x/"));
        assert!(is_view_folder("Decisions") && !is_view_folder("wiki"));
    }
}
