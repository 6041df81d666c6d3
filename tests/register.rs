//! The register's rules (content format sections 4 to 8): effective status,
//! supersession chains, repeals, amendments, expiry, follow-ups, authority,
//! overlaps, outside-mandate, repeats, principles and point in time.

mod common;

use cahier::id::Id;
use cahier::resolve::register::{in_force_on, Effective};
use cahier::resolve::{GroupIdx, Site};
use chrono::NaiveDate;

fn site() -> Site {
    common::compile("register").site.expect("a site")
}

fn g(site: &Site, id: &str) -> GroupIdx {
    site.index.group(&Id::parse(id).unwrap()).unwrap_or_else(|| panic!("no {id}"))
}

fn id(site: &Site, g: GroupIdx) -> &str {
    site.index.groups[g].id.as_str()
}

fn ids(site: &Site, gs: &[GroupIdx]) -> Vec<String> {
    gs.iter().map(|&x| id(site, x).to_string()).collect()
}

fn record<'a>(site: &'a Site, decision: &str) -> &'a cahier::resolve::register::DecisionRecord {
    &site.register.records[&g(site, decision)]
}

#[test]
fn supersession_chain_of_three() {
    let s = site();
    let a = record(&s, "decisions/chain-a");
    assert_eq!(a.effective, Effective::Superseded);
    assert_eq!(ids(&s, &a.superseded_by), ["decisions/chain-b"]);
    assert_eq!(id(&s, a.current), "decisions/chain-c", "current is the end of the chain");
    assert_eq!(record(&s, "decisions/chain-b").effective, Effective::Superseded);
    let c = record(&s, "decisions/chain-c");
    assert!(c.in_force(), "a proposal does not supersede");
    assert_eq!(id(&s, c.current), "decisions/chain-c");
    assert_eq!(record(&s, "decisions/proposal").effective, Effective::Proposed);
}

#[test]
fn repeal_and_amendment() {
    let s = site();
    let old = record(&s, "decisions/repeal-old");
    assert_eq!(old.effective, Effective::Repealed);
    assert_eq!(ids(&s, &old.repealed_by), ["decisions/repeal-new"]);
    let amended = record(&s, "decisions/amend-old");
    assert!(amended.in_force(), "an amended decision stays in force");
    assert_eq!(ids(&s, &amended.amended_by), ["decisions/amend-new"]);
}

#[test]
fn expiry_at_build_time() {
    let s = site();
    assert_eq!(record(&s, "decisions/expired").effective, Effective::Expired);
    assert!(record(&s, "decisions/expiring").in_force());
}

#[test]
fn follow_ups_and_reviews() {
    let s = site();
    assert!(record(&s, "decisions/overdue").follow_up_overdue());
    assert!(!record(&s, "decisions/done").follow_up_overdue(), "done is not overdue");
    assert!(record(&s, "decisions/review").review_due);
    assert!(!record(&s, "decisions/expiring").review_due);
}

#[test]
fn authority_follows_subtopics_and_subcommittees() {
    let s = site();
    let held = |c: &str| {
        let mut v: Vec<String> = s.register.authority[&g(&s, c)].iter().cloned().collect();
        v.sort();
        v
    };
    assert_eq!(held("committees/ag"), ["embauche", "finances", "loisirs", "orga"], "the assembly holds every topic");
    assert_eq!(held("committees/ct"), ["embauche", "orga"]);
    assert_eq!(held("committees/rh"), ["embauche"], "authority does not climb to the parent's topics");
    assert_eq!(s.register.unowned, ["loisirs"]);
}

#[test]
fn overlaps_skip_parents_and_dissolved_committees() {
    let s = site();
    let mut found: Vec<(String, String, String)> = s
        .register
        .overlaps
        .iter()
        .map(|o| (o.topic.clone(), id(&s, o.committees[0]).to_string(), id(&s, o.committees[1]).to_string()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("embauche".to_string(), "committees/com".to_string(), "committees/ct".to_string()),
            ("embauche".to_string(), "committees/com".to_string(), "committees/rh".to_string()),
        ],
        "ct/rh is a parent and child; fin/ancien: ancien is dissolved"
    );
}

#[test]
fn outside_mandate() {
    let s = site();
    assert!(record(&s, "decisions/outside").outside_mandate);
    assert!(record(&s, "decisions/outside-rh").outside_mandate);
    assert!(!record(&s, "decisions/rh-ok").outside_mandate);
    assert!(!record(&s, "decisions/ct-ok").outside_mandate);
    assert!(!record(&s, "decisions/chain-c").outside_mandate, "the assembly may decide anything");
}

#[test]
fn repeats_true_and_false_positives() {
    let s = site();
    assert_eq!(ids(&s, &record(&s, "decisions/repeat-2").possible_repeats), ["decisions/repeat-1"]);
    assert!(record(&s, "decisions/near-2").possible_repeats.is_empty(), "shares a topic and words, but says something else");
    assert!(record(&s, "decisions/chain-b").possible_repeats.is_empty(), "a referenced decision is not a repeat");
    assert!(record(&s, "decisions/chain-c").possible_repeats.is_empty(), "nor one reached through the chain");
}

#[test]
fn principles_sets_and_crosswalk() {
    let s = site();
    let replaced = |p: &str| s.register.principle_superseded_by.get(&g(&s, p)).map(|v| ids(&s, v)).unwrap_or_default();
    assert_eq!(replaced("principles/2004-a"), ["principles/2011-x"]);
    assert_eq!(replaced("principles/2004-b"), ["principles/2011-x"]);
    assert!(replaced("principles/2004-c").is_empty(), "dropped");
    assert_eq!(ids(&s, &record(&s, "decisions/cites-retired").retired_principles), ["principles/2004-c"]);
}

#[test]
fn point_in_time() {
    let s = site();
    let on = |d: &str| {
        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        ids(&s, &in_force_on(&s.register, date))
    };
    let mid_2011 = on("2011-06-01");
    assert!(mid_2011.contains(&"decisions/chain-b".to_string()));
    assert!(!mid_2011.contains(&"decisions/chain-a".to_string()), "superseded by then");
    assert!(!mid_2011.contains(&"decisions/chain-c".to_string()), "not yet taken");
    assert!(mid_2011.contains(&"decisions/repeal-old".to_string()), "repealed only in 2013");
    assert!(on("2019-06-01").contains(&"decisions/expired".to_string()), "in force before its expiry");
    assert!(on("2020-01-01").contains(&"decisions/expired".to_string()), "and on its expiry date");
    assert!(!on("2020-01-02").contains(&"decisions/expired".to_string()), "not the day after");
    assert!(!on("2030-01-02").contains(&"decisions/expiring".to_string()), "a future expiry counts too");
    assert_eq!(record(&s, "decisions/expiring").ended, NaiveDate::from_ymd_opt(2030, 1, 2));
    assert!(!on("2021-06-01").contains(&"decisions/expired".to_string()));
}

#[test]
fn inline_decisions_are_full_members() {
    let s = site();
    let pause = record(&s, "meetings/2011-01-10-ct/pause");
    assert!(pause.in_force());
    let p = s.main(g(&s, "meetings/2011-01-10-ct/pause"));
    assert_eq!(s.url(p), "/meetings/2011-01-10-ct/pause/");
}

#[test]
fn decisions_json_follows_section_11() {
    let (_tmp, out) = common::build("register");
    let json: serde_json::Value = serde_json::from_str(&common::read(&out, "decisions.json")).unwrap();
    let list = json.as_array().unwrap();
    let dates: Vec<&str> = list.iter().map(|d| d["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "sorted by date");
    let a = list.iter().find(|d| d["id"] == "decisions/chain-a").unwrap();
    let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "id",
            "title",
            "url",
            "date",
            "by",
            "meeting",
            "lang",
            "topics",
            "status",
            "effective_status",
            "in_force",
            "supersedes",
            "superseded_by",
            "repeals",
            "repealed_by",
            "amends",
            "amended_by",
            "current",
            "principles",
            "method",
            "review",
            "expires",
            "follow_up",
            "possible_repeats",
            "source"
        ]
    );
    assert_eq!(a["url"], "/decisions/chain-a/");
    assert_eq!(a["by"], "committees/ct", "ids are always full");
    assert_eq!(a["effective_status"], "superseded");
    assert_eq!(a["in_force"], false);
    assert_eq!(a["current"], "decisions/chain-c");
    assert_eq!(a["superseded_by"], serde_json::json!(["decisions/chain-b"]));
    assert_eq!(a["source"], "content/decisions/chain-a.md");
    let overdue = list.iter().find(|d| d["id"] == "decisions/overdue").unwrap();
    assert_eq!(overdue["follow_up"], serde_json::json!({"owner": "committees/fin", "due": "2020-06-01", "done": null, "overdue": true}));
    let inline = list.iter().find(|d| d["id"] == "meetings/2011-01-10-ct/pause").unwrap();
    assert_eq!(inline["meeting"], "meetings/2011-01-10-ct");
}

#[test]
fn views_feeds_and_calendar_are_written() {
    let (_tmp, out) = common::build("register");
    for path in [
        "decisions/index.html",
        "topics/index.html",
        "topics/embauche/index.html",
        "topics/embauche/feed.xml",
        "committees/index.html",
        "authority/index.html",
        "principles/index.html",
        "meetings/index.html",
        "timeline/index.html",
        "follow-up/index.html",
        "feed.xml",
        "site.json",
        "follow-up.ics",
        "en/decisions/index.html",
        "en/topics/embauche/index.html",
    ] {
        assert!(out.join(path).is_file(), "{path} is missing");
    }
    // A committee that owns a follow-up is named and linked, as everywhere else.
    let follow_up = common::read(&out, "follow-up/index.html");
    assert!(follow_up.contains(r#"<a href="../committees/fin/">"#), "the owner `fin` links to its committee");
    assert!(!follow_up.contains("<td>fin</td>"), "the owner is not shown as a raw id");
    let ics = common::read(&out, "follow-up.ics");
    assert!(ics.contains("DTSTART;VALUE=DATE:20250101"), "the review date");
    assert!(!ics.contains("Nouvelle banque"), "done follow-ups are not in the calendar");
    let site_json: serde_json::Value = serde_json::from_str(&common::read(&out, "site.json")).unwrap();
    let com = site_json["committees"].as_array().unwrap().iter().find(|c| c["id"] == "committees/com").unwrap();
    assert_eq!(com["overlaps"].as_array().unwrap().len(), 2);
}

/// The HTML people read on a topic page and a decision page, reviewed as
/// snapshots: a change in what they show must be looked at.
#[test]
fn topic_and_decision_pages_snapshot() {
    let (_tmp, out) = common::build("register");
    insta::assert_snapshot!("topic_orga", without_git_date(common::main_of(&common::read(&out, "topics/orga/index.html"))));
    insta::assert_snapshot!("decision_chain_a", without_git_date(common::main_of(&common::read(&out, "decisions/chain-a/index.html"))));
}

/// The "updated" date comes from the last commit touching the file: it is
/// not part of what the snapshot reviews.
fn without_git_date(html: &str) -> String {
    // The page's history comes from this repository's commits, which any
    // change of the fixture adds to: tests/history.rs tests it.
    let html = match html.find("\n<aside class=\"page-history\"") {
        Some(start) => {
            let end = start + html[start..].find("</aside>\n\n").expect("the history ends") + "</aside>\n\n".len();
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    };
    let marker = "Mis à jour le ";
    match html.find(marker) {
        Some(i) => format!("{}{marker}[date]{}", &html[..i], &html[(i + marker.len() + 10).min(html.len())..]),
        None => html,
    }
}

#[test]
fn a_principle_retired_in_the_future_is_current_everywhere_until_then() {
    let s = common::site(&[
        ("content/committees/ag.md", "---\ntitle: AG\nkind: assembly\n---\n"),
        ("content/principles/ouverture.md", "---\ntitle: Ouverture\nset: \"2011\"\nretired: 2030-01-01\n---\n"),
        ("content/principles/ancien.md", "---\ntitle: Ancien\nset: \"2004\"\nretired: 2020-01-01\n---\n"),
        ("content/decisions/d.md", "---\ntitle: D\ndate: 2021-01-01\nby: ag\nprinciples: [ouverture, ancien]\n---\n"),
    ]);
    let (_t, out) = common::build_dir(s.path());
    let decision = common::main_of(&common::read(&out, "decisions/d/index.html")).to_string();
    let warning = decision.split("class=\"warning\"").nth(1).unwrap_or("");
    assert!(warning.contains("Ancien") && !warning.contains("Ouverture"), "only the principle retired by now is flagged: {decision}");
    let principle = common::read(&out, "principles/ouverture/index.html");
    assert!(principle.contains("status-banner adopted"), "its own page says it is current");
    let view = common::main_of(&common::read(&out, "principles/index.html")).to_string();
    let current = view.split("id=\"current-title\"").nth(1).unwrap().split("</ol>").next().unwrap();
    assert!(current.contains("Ouverture") && !current.contains("Ancien"), "the principles view lists it as current: {current}");
}

#[test]
fn a_follow_up_owner_is_resolved_once_for_every_output() {
    let (_t, out) = common::build("register");
    let page = common::main_of(&common::read(&out, "decisions/overdue/index.html")).to_string();
    let row = common::main_of(&common::read(&out, "follow-up/index.html")).to_string();
    assert!(
        page.contains(r#"<dd><a href="../../committees/fin/">Comité finances</a></dd>"#),
        "the page names and links the committee: {page}"
    );
    assert!(
        row.contains(r#"<td><a href="../committees/fin/">Comité finances</a></td>"#),
        "the follow-up view names it the same way: {row}"
    );
    let json: serde_json::Value = serde_json::from_str(&common::read(&out, "decisions.json")).unwrap();
    let overdue = json.as_array().unwrap().iter().find(|d| d["id"] == "decisions/overdue").unwrap();
    assert_eq!(overdue["follow_up"]["owner"], "committees/fin", "decisions.json gives its full id");
}

#[test]
fn a_plain_decision_key_reaches_the_page_and_decisions_json() {
    let s = common::site(&[
        ("content/committees/ag.md", "---\ntitle: AG\nkind: assembly\n---\n"),
        ("content/decisions/d.md", "---\ntitle: D\ndate: 2021-01-01\nby: ag\nimported_from: \"cahier-de-decisions.txt:42\"\n---\n"),
        ("content/decisions/e.md", "---\ntitle: E\ndate: 2021-01-02\nby: ag\nimported_from: [x]\n---\n"),
    ]);
    let compiled = common::compile_dir(s.path());
    let bad = common::diag(&compiled.diagnostics, "bad-value", "content/decisions/e.md");
    assert_eq!((bad.line, bad.message.contains("imported_from")), (5, true), "checked against its kind");
    assert!(!compiled.diagnostics.iter().any(|d| d.code.as_str() == "unknown-key"), "declared, so not unknown");
    std::fs::remove_file(s.path().join("content/decisions/e.md")).unwrap();
    let (_t, out) = common::build_dir(s.path());
    let page = common::main_of(&common::read(&out, "decisions/d/index.html")).to_string();
    assert!(page.contains("<dd>cahier-de-decisions.txt:42</dd>"), "{page}");
    let json: serde_json::Value = serde_json::from_str(&common::read(&out, "decisions.json")).unwrap();
    let d = &json[0];
    assert_eq!(d["imported_from"], "cahier-de-decisions.txt:42");
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.last(), Some(&"imported_from"), "after the keys of the spec");
}

#[test]
fn a_decision_record_serialises() {
    let s = site();
    let record = &s.register.records[&g(&s, "decisions/overdue")];
    let value = serde_json::to_value(record).unwrap();
    assert_eq!(value["effective"], "adopted");
    assert_eq!(value["follow_up"]["overdue"], true);
    assert_eq!(value["follow_up"]["owner"]["committee"], g(&s, "committees/fin"));
    assert_eq!(value["refs"]["by"], serde_json::json!(record.refs.by));
}

/// `/in-force/`: every decision in force on the build date, each once, with
/// its full text, under its first topic; nothing that has left force; ids
/// unique on the page and links that lead to pages that exist.
#[test]
fn the_rules_in_force_are_listed_once_with_their_text() {
    let (_t, out) = common::build("register");
    let json: serde_json::Value = serde_json::from_str(&common::read(&out, "decisions.json")).unwrap();
    let html = common::read(&out, "in-force/index.html");
    let main = common::main_of(&html).to_string();
    let rules = main.matches("<article class=\"rule\"").count();
    let in_force: Vec<&serde_json::Value> = json.as_array().unwrap().iter().filter(|d| d["in_force"] == true).collect();
    assert_eq!(rules, in_force.len(), "one rule per decision in force");
    for d in json.as_array().unwrap() {
        let link = format!("href=\"../{}\"", d["url"].as_str().unwrap().trim_start_matches('/'));
        let shown = main.contains(&link);
        assert_eq!(shown, d["in_force"] == true, "{} in force: {}, shown: {shown}", d["id"], d["in_force"]);
    }
    let mut ids: Vec<&str> = html.split(" id=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "ids are unique on the page");
    for href in main.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).filter(|h| !h.starts_with('#') && !h.contains(':')) {
        let target = out.join("in-force").join(href.split('#').next().unwrap());
        let file = if href.ends_with('/') || href.contains("/#") { target.join("index.html") } else { target };
        assert!(file.exists(), "{href} leads nowhere ({})", file.display());
    }
    assert!(common::read(&out, "en/in-force/index.html").contains("Rules in force"), "in every language");
}

/// What changed in force between two dates (`cahier report --since`): a
/// supersession chain that crosses the dates, a repeal, an expiry between
/// them, an amendment, a pending proposal; both days count.
#[test]
fn changes_between_two_dates() {
    use cahier::resolve::changes::{between, Ended};
    let s = site();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let ids = |gs: &[GroupIdx]| gs.iter().map(|&x| id(&s, x).to_string()).collect::<Vec<_>>();
    let c = between(&s.register, day("2011-01-10"), day("2014-05-01"));
    assert_eq!(
        ids(&c.entered),
        ["decisions/chain-b", "meetings/2011-01-10-ct/pause", "decisions/chain-c", "decisions/repeal-new", "decisions/amend-new"],
        "entered on the first and the last day included, in minutes too"
    );
    let left: Vec<(String, Ended, Vec<String>)> = c.left.iter().map(|l| (id(&s, l.decision).to_string(), l.how, ids(&l.by))).collect();
    assert_eq!(
        left,
        [
            ("decisions/chain-a".to_string(), Ended::Superseded, vec!["decisions/chain-b".to_string()]),
            ("decisions/chain-b".to_string(), Ended::Superseded, vec!["decisions/chain-c".to_string()]),
            ("decisions/repeal-old".to_string(), Ended::Repealed, vec!["decisions/repeal-new".to_string()]),
        ],
        "a chain crossing the dates: each link left force when the next came"
    );
    assert_eq!(
        c.amended.iter().map(|a| (id(&s, a.decision), id(&s, a.by))).collect::<Vec<_>>(),
        [("decisions/amend-old", "decisions/amend-new")]
    );
    let expiry = between(&s.register, day("2019-06-01"), day("2020-06-01"));
    assert!(
        expiry.left.iter().any(|l| id(&s, l.decision) == "decisions/expired" && l.how == Ended::Expired && l.on == day("2020-01-02")),
        "expired the day after its expiry date"
    );
    let recent = between(&s.register, day("2026-01-01"), day("2026-12-31"));
    assert_eq!(ids(&recent.pending), ["decisions/proposal"]);
    assert!(recent.left.is_empty(), "a proposal replaces nothing yet");
}
