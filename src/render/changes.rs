//! `cahier report --since`: the changes in force between two dates
//! (`resolve::changes`) as Markdown to paste into an invitation, as JSON
//! for other tools, or as a printable HTML page. Titles and links come from
//! the site; headings from the theme's strings in the site's language.

use serde_json::json;

use super::theme::Strings;
use crate::resolve::changes::{Changes, Ended};
use crate::resolve::{GroupIdx, Site};
use crate::text::escape_html;

/// One decision as a report names it.
struct Named {
    id: String,
    title: String,
    date: String,
    url: String,
}

fn named(site: &Site, g: GroupIdx) -> Named {
    let p = site.main(g);
    let page = &site.pages[p];
    Named {
        id: page.id.as_str().to_string(),
        title: page.title.clone(),
        date: site.register.records.get(&g).map_or(String::new(), |r| r.date.to_string()),
        url: super::url::absolute(&site.config.base_url, site.url(p)),
    }
}

/// How a decision left force, as the interface strings and the JSON name it.
pub fn ended_key(how: Ended) -> &'static str {
    match how {
        Ended::Superseded => "superseded",
        Ended::Repealed => "repealed",
        Ended::Expired => "expired",
    }
}

/// The report as JSON: ids, titles, dates and URLs.
pub fn json(site: &Site, c: &Changes) -> String {
    let one = |g: GroupIdx| {
        let n = named(site, g);
        json!({ "id": n.id, "title": n.title, "date": n.date, "url": n.url })
    };
    let value = json!({
        "from": c.from.to_string(),
        "to": c.to.to_string(),
        "entered_force": c.entered.iter().map(|&g| one(g)).collect::<Vec<_>>(),
        "left_force": c.left.iter().map(|l| json!({
            "decision": one(l.decision),
            "on": l.on.to_string(),
            "how": ended_key(l.how),
            "by": l.by.iter().map(|&g| one(g)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "amended": c.amended.iter().map(|a| json!({ "decision": one(a.decision), "by": one(a.by) })).collect::<Vec<_>>(),
        "pending": c.pending.iter().map(|&g| one(g)).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The report's sections: a heading and its lines, each line a list of
/// (text, link) parts, so that Markdown and HTML say the same.
type Part = (String, Option<String>);

fn sections(site: &Site, c: &Changes, t: &Strings) -> Vec<(String, Vec<Vec<Part>>)> {
    let link = |g: GroupIdx| {
        let n = named(site, g);
        (format!("{} ({})", n.title, n.date), Some(n.url))
    };
    let text = |s: &str| (s.to_string(), None);
    let mut out = Vec::new();
    out.push((t.get("report_entered").to_string(), c.entered.iter().map(|&g| vec![link(g)]).collect()));
    out.push((
        t.get("report_left").to_string(),
        c.left
            .iter()
            .map(|l| {
                let mut line = vec![link(l.decision)];
                if l.by.is_empty() {
                    line.push(text(&format!(" — {} {}", t.get(ended_key(l.how)), l.on)));
                } else {
                    let by_key = if l.how == Ended::Repealed { "repealed_by" } else { "superseded_by" };
                    line.push(text(&format!(" — {} · {} ", l.on, t.get(by_key))));
                    for (i, &b) in l.by.iter().enumerate() {
                        if i > 0 {
                            line.push(text(", "));
                        }
                        line.push(link(b));
                    }
                }
                line
            })
            .collect(),
    ));
    out.push((
        t.get("report_amended").to_string(),
        c.amended.iter().map(|a| vec![link(a.decision), text(&format!(" · {} ", t.get("amended_by"))), link(a.by)]).collect(),
    ));
    out.push((t.get("report_pending").to_string(), c.pending.iter().map(|&g| vec![link(g)]).collect()));
    out
}

fn title(site: &Site, c: &Changes, t: &Strings) -> String {
    format!("{} · {} → {} · {}", site.config.title, c.from, c.to, t.get("report_title"))
}

/// The report as Markdown, to paste into an invitation.
pub fn markdown(site: &Site, c: &Changes, t: &Strings) -> String {
    let escape = |s: &str| s.replace('[', "\\[").replace(']', "\\]");
    let mut out = format!("# {}\n", title(site, c, t));
    for (heading, lines) in sections(site, c, t) {
        out.push_str(&format!("\n## {heading} ({})\n\n", lines.len()));
        if lines.is_empty() {
            out.push_str("—\n");
        }
        for line in lines {
            out.push_str("- ");
            for (text, url) in line {
                match url {
                    Some(url) => out.push_str(&format!("[{}]({url})", escape(&text))),
                    None => out.push_str(&text),
                }
            }
            out.push('\n');
        }
    }
    out
}

/// The report as a page of its own that prints well.
pub fn html(site: &Site, c: &Changes, t: &Strings, lang: &str) -> String {
    let mut body = String::new();
    for (heading, lines) in sections(site, c, t) {
        body.push_str(&format!("<h2>{} ({})</h2>\n", escape_html(&heading), lines.len()));
        if lines.is_empty() {
            body.push_str("<p>—</p>\n");
            continue;
        }
        body.push_str("<ul>\n");
        for line in lines {
            body.push_str("<li>");
            for (text, url) in line {
                match url {
                    Some(url) => body.push_str(&format!("<a href=\"{}\">{}</a>", escape_html(&url), escape_html(&text))),
                    None => body.push_str(&escape_html(&text)),
                }
            }
            body.push_str("</li>\n");
        }
        body.push_str("</ul>\n");
    }
    let title = escape_html(&title(site, c, t));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>body{{font:11pt/1.45 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}}a{{color:#124}}h2{{font-size:1.1rem;margin-top:1.6rem}}@media print{{a{{color:#000;text-decoration:none}}}}</style>\n</head>\n<body>\n<h1>{title}</h1>\n{body}</body>\n</html>\n",
        escape_html(lang)
    )
}

/// The rules in force on `at`, in register order, each with its topics.
fn in_force_list(site: &Site, at: chrono::NaiveDate) -> Vec<(GroupIdx, Named)> {
    crate::resolve::register::in_force_on(&site.register, at).into_iter().map(|g| (g, named(site, g))).collect()
}

/// `cahier report --at D`: the rules in force on D, as a Markdown list
/// under their first topic, to paste (the full texts are the HTML form's).
pub fn in_force_markdown(site: &Site, at: chrono::NaiveDate, t: &Strings) -> String {
    let escape = |s: &str| s.replace('[', "\\[").replace(']', "\\]");
    let rules = in_force_list(site, at);
    let mut out = format!("# {} · {} · {} ({})\n", site.config.title, t.get("in_force_title"), at, rules.len());
    let default = site.config.default_lang();
    let mut by_topic: std::collections::BTreeMap<String, Vec<&Named>> = std::collections::BTreeMap::new();
    for (g, n) in &rules {
        let first = site.pages[site.main(*g)].topics.first().cloned().unwrap_or_default();
        by_topic.entry(first).or_default().push(n);
    }
    let mut order: Vec<String> = site.config.topics.list.iter().map(|t| t.id.clone()).collect();
    order.push(String::new());
    for topic in order {
        let Some(list) = by_topic.get(&topic) else { continue };
        let label =
            site.config.topics.get(&topic).map_or_else(|| t.get("no_topic").to_string(), |x| x.label_in(default, default).to_string());
        out.push_str(&format!("\n## {} ({})\n\n", label, list.len()));
        for n in list {
            out.push_str(&format!("- [{}]({}) ({})\n", escape(&n.title), n.url, n.date));
        }
    }
    out
}

/// `cahier report --at D --format json`.
pub fn in_force_json(site: &Site, at: chrono::NaiveDate) -> String {
    let rules: Vec<serde_json::Value> = in_force_list(site, at)
        .into_iter()
        .map(|(g, n)| json!({ "id": n.id, "title": n.title, "date": n.date, "url": n.url, "topics": site.pages[site.main(g)].topics }))
        .collect();
    serde_json::to_string_pretty(&json!({ "at": at.to_string(), "in_force": rules })).unwrap_or_default()
}
