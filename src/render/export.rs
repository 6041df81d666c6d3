//! Machine-readable outputs: `decisions.json` (exactly section 11 of the
//! content format), `site.json`, the Atom feeds and the iCalendar of due
//! dates.

use serde::Serialize;

use super::topics::Coverage;
use super::{Content, Output};
use crate::model::Kind;
use crate::resolve::register::Owner;
use crate::resolve::{GroupIdx, Site};
use crate::text::escape_html as escape;

#[derive(Serialize)]
struct FollowUpJson {
    owner: Option<String>,
    due: Option<String>,
    done: Option<String>,
    overdue: bool,
}

/// One object of `decisions.json`, keys in the order of the spec.
#[derive(Serialize)]
struct DecisionJson<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    date: String,
    by: Option<&'a str>,
    meeting: Option<&'a str>,
    lang: &'a str,
    topics: &'a [String],
    status: &'static str,
    effective_status: &'static str,
    in_force: bool,
    supersedes: Vec<&'a str>,
    superseded_by: Vec<&'a str>,
    repeals: Vec<&'a str>,
    repealed_by: Vec<&'a str>,
    amends: Vec<&'a str>,
    amended_by: Vec<&'a str>,
    current: &'a str,
    principles: Vec<&'a str>,
    method: Option<&'static str>,
    review: Option<String>,
    expires: Option<String>,
    follow_up: Option<FollowUpJson>,
    possible_repeats: Vec<&'a str>,
    source: String,
    /// Plain keys, after the keys of the spec.
    #[serde(flatten)]
    plain: serde_json::Map<String, serde_json::Value>,
}

fn ids<'a>(site: &'a Site, gs: &[GroupIdx]) -> Vec<&'a str> {
    gs.iter().map(|&g| site.index.groups[g].id.as_str()).collect()
}

/// `/decisions.json`: every decision, inline ones included, by date then id.
pub fn decisions_json(site: &Site) -> String {
    let list: Vec<DecisionJson<'_>> = site
        .register
        .decisions
        .iter()
        .map(|&g| {
            let rec = &site.register.records[&g];
            let page = &site.pages[rec.page];
            let id = |x: Option<GroupIdx>| x.map(|x| site.index.groups[x].id.as_str());
            DecisionJson {
                id: page.id.as_str(),
                title: &page.title,
                url: site.url(rec.page),
                date: rec.date.to_string(),
                by: id(rec.refs.by),
                meeting: id(rec.refs.meeting),
                lang: &page.lang,
                topics: &page.topics,
                status: rec.status.as_str(),
                effective_status: rec.effective.as_str(),
                in_force: rec.in_force(),
                supersedes: ids(site, &rec.refs.supersedes),
                superseded_by: ids(site, &rec.superseded_by),
                repeals: ids(site, &rec.refs.repeals),
                repealed_by: ids(site, &rec.repealed_by),
                amends: ids(site, &rec.refs.amends),
                amended_by: ids(site, &rec.amended_by),
                current: site.index.groups[rec.current].id.as_str(),
                principles: ids(site, &rec.refs.principles),
                method: rec.method.map(|m| m.as_str()),
                review: rec.review.map(|x| x.to_string()),
                expires: rec.expires.map(|x| x.to_string()),
                follow_up: rec.follow_up.as_ref().map(|f| FollowUpJson {
                    // Ids in the output are full ids (section 11); free text stays as written.
                    owner: f.owner.as_ref().map(|o| match o {
                        Owner::Committee(c) => site.index.groups[*c].id.as_str().to_string(),
                        Owner::Named(text) => text.clone(),
                    }),
                    due: f.due.map(|x| x.to_string()),
                    done: f.done.map(|x| x.to_string()),
                    overdue: f.overdue,
                }),
                possible_repeats: ids(site, &rec.possible_repeats),
                source: crate::diagnostic::display_path(&page.source.file),
                plain: rec.plain.iter().map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap_or_default())).collect(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
}

/// `/site.json`: committees (with overlaps), principles, topics (with the
/// committees holding authority and the decisions in force) and pages (with
/// backlinks).
pub fn site_json(site: &Site, coverage: &Coverage) -> String {
    let reg = &site.register;
    let gid = |g: GroupIdx| site.index.groups[g].id.as_str().to_string();
    let committees: Vec<serde_json::Value> = reg
        .committees
        .iter()
        .map(|&c| {
            let p = site.main(c);
            let Kind::Committee(k) = &site.pages[p].kind else { return serde_json::Value::Null };
            let r = &site.refs[p];
            let overlaps: Vec<serde_json::Value> = reg
                .overlaps
                .iter()
                .filter(|o| o.committees.contains(&c))
                .map(|o| serde_json::json!({ "topic": o.topic, "with": gid(if o.committees[0] == c { o.committees[1] } else { o.committees[0] }) }))
                .collect();
            let mut authority: Vec<&String> = reg.authority.get(&c).map(|a| a.iter().collect()).unwrap_or_default();
            authority.sort();
            serde_json::json!({
                "id": gid(c), "title": site.pages[p].title, "url": site.url(p), "kind": k.kind.as_str(),
                "parent": r.parent.map(gid), "active": reg.active.contains(&c),
                "created": k.created.map(|d| d.to_string()), "dissolved": k.dissolved.map(|d| d.to_string()),
                "topics": site.pages[p].topics, "authority": authority, "powers": k.powers, "escalates": k.escalates,
                "escalates_to": r.escalates_to.map(gid), "mandate_adopted_by": r.mandate_adopted_by.map(gid),
                "meets": k.meets, "members": k.members, "overlaps": overlaps,
            })
        })
        .collect();
    let principles: Vec<serde_json::Value> = reg
        .principles
        .iter()
        .map(|&g| {
            let p = site.main(g);
            let Kind::Principle(pr) = &site.pages[p].kind else { return serde_json::Value::Null };
            serde_json::json!({
                "id": gid(g), "title": site.pages[p].title, "url": site.url(p), "set": pr.set, "order": pr.order,
                "adopted": pr.adopted.map(|d| d.to_string()), "adopted_by": site.refs[p].adopted_by.map(gid),
                "retired": pr.retired.map(|d| d.to_string()), "supersedes": site.refs[p].supersedes.iter().map(|&x| gid(x)).collect::<Vec<_>>(),
                "superseded_by": reg.principle_superseded_by.get(&g).map(|v| v.iter().map(|&x| gid(x)).collect::<Vec<_>>()).unwrap_or_default(),
            })
        })
        .collect();
    let topics: Vec<serde_json::Value> = site
        .config
        .topics
        .list
        .iter()
        .map(|t| {
            let mut holders: Vec<String> = reg.committees.iter().filter(|c| reg.active.contains(c) && reg.authority.get(c).is_some_and(|a| a.contains(&t.id))).map(|&c| gid(c)).collect();
            holders.sort();
            let on = coverage.decisions.get(&t.id).map_or(&[][..], Vec::as_slice);
            let in_force: Vec<String> = on.iter().filter(|g| reg.records[g].in_force()).map(|&g| gid(g)).collect();
            serde_json::json!({ "id": t.id, "label": t.label, "parent": t.parent, "aliases": t.aliases, "url": format!("/topics/{}/", t.id), "committees": holders, "in_force": in_force, "unowned": reg.unowned.contains(&t.id) })
        })
        .collect();
    let pages: Vec<serde_json::Value> = site
        .pages
        .iter()
        .enumerate()
        .map(|(p, page)| {
            let backlinks: Vec<String> = site.backlinks[site.group_of(p)].iter().map(|&b| site.pages[b].id.as_str().to_string()).collect();
            serde_json::json!({ "id": page.id, "title": page.title, "url": site.url(p), "type": page.kind.name(), "lang": page.lang, "topics": page.topics, "summary": page.summary, "backlinks": backlinks, "source": crate::diagnostic::display_path(&page.source.file) })
        })
        .collect();
    let value = serde_json::json!({
        "title": site.config.title, "base_url": site.config.base_url, "languages": site.config.languages,
        "committees": committees, "principles": principles, "topics": topics, "pages": pages,
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into())
}

/// An Atom feed of decisions (newest first, at most 50).
fn feed(site: &Site, title: &str, self_url: &str, decisions: &[GroupIdx]) -> String {
    let base = &site.config.base_url;
    let abs = |u: &str| super::url::absolute(base, u);
    let date_of = |g: GroupIdx| match &site.pages[site.main(g)].kind {
        Kind::Decision(d) => d.date,
        _ => site.today,
    };
    let updated = decisions.iter().map(|&g| date_of(g)).max().unwrap_or(site.today);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n",
        escape(title),
        escape(&abs(self_url)),
        escape(&abs(self_url)),
        escape(base)
    );
    for &g in decisions.iter().rev().take(50) {
        let p = site.main(g);
        let page = &site.pages[p];
        let status = site.register.records[&g].effective.as_str();
        let summary = page.summary.as_deref().unwrap_or("");
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}T00:00:00Z</updated>\n<category term=\"{status}\"/>\n<summary>{}</summary>\n</entry>\n",
            escape(&page.title),
            escape(&abs(site.url(p))),
            escape(&abs(site.url(p))),
            date_of(g),
            escape(summary)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// `/feed.xml` and `/topics/<id>/feed.xml`.
pub fn feeds(site: &Site, coverage: &Coverage) -> Vec<Output> {
    let mut out = vec![Output {
        path: "feed.xml".into(),
        content: Content::Bytes(feed(site, &site.config.title, "/feed.xml", &site.register.decisions).into_bytes()),
    }];
    let default = site.config.default_lang();
    for t in &site.config.topics.list {
        let on = coverage.decisions.get(&t.id).map_or(&[][..], Vec::as_slice);
        let title = format!("{} · {}", site.config.title, t.label_in(default, default));
        let url = format!("/topics/{}/feed.xml", t.id);
        out.push(Output { path: url.trim_start_matches('/').into(), content: Content::Bytes(feed(site, &title, &url, on).into_bytes()) });
    }
    out
}

/// Escapes a text value of iCalendar.
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// `/follow-up.ics`: follow-up due dates and reviews of decisions in force,
/// as all-day events, so that a calendar shows what is coming.
pub fn follow_up_ics(site: &Site) -> String {
    let base = &site.config.base_url;
    let host = base.split('/').nth(2).unwrap_or("cahier");
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cahier//follow-up//EN\r\nCALSCALE:GREGORIAN\r\n");
    ics.push_str(&format!("X-WR-CALNAME:{}\r\n", ics_text(&site.config.title)));
    for &g in &site.register.decisions {
        let s = &site.register.records[&g];
        if !s.in_force() {
            continue;
        }
        let p = site.main(g);
        let page = &site.pages[p];
        let Kind::Decision(d) = &page.kind else { continue };
        let url = format!("{base}{}", site.url(p).trim_start_matches('/'));
        let mut events = Vec::new();
        if let Some(f) = d.follow_up.as_ref().filter(|f| f.done.is_none()) {
            if let Some(due) = f.due {
                events.push(("due", due, format!("⏰ {}", page.title)));
            }
        }
        if let Some(review) = d.review {
            events.push(("review", review, format!("↻ {}", page.title)));
        }
        for (kind, date, summary) in events {
            let next = date.succ_opt().unwrap_or(date);
            ics.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:{kind}-{}@{host}\r\nDTSTAMP:{}T000000Z\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nSUMMARY:{}\r\nURL:{}\r\nEND:VEVENT\r\n",
                crate::id::slug_path(page.id.as_str()).replace('/', "-"),
                site.today.format("%Y%m%d"),
                date.format("%Y%m%d"),
                next.format("%Y%m%d"),
                ics_text(&summary),
                url
            ));
        }
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}
