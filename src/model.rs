//! The content model: pages and their typed front matter, as parsed from
//! the files, before references between pages are resolved.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Located, Pos};
use crate::id::Id;

/// A reference to another page as written (`by: ct`), to be resolved.
pub type Ref = Located<String>;

/// One page of the site, of any type.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub id: Id,
    pub lang: String,
    pub title: String,
    pub summary: Option<String>,
    /// Topic ids, aliases already resolved.
    pub topics: Vec<String>,
    pub aliases: Vec<Located<String>>,
    pub draft: bool,
    pub updated: Option<NaiveDate>,
    /// On a translation: the day it last caught up with its
    /// default-language version (content format 14.3).
    pub translated: Option<Located<NaiveDate>>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The plain keys its type declares (see [`TypeInfo::plain`]).
    pub plain: PlainValues,
    /// The Markdown text.
    pub body: String,
    pub source: Source,
    pub kind: Kind,
    /// Written as `_index.md`: the landing text of its folder.
    pub is_index: bool,
}

impl Page {
    /// The date a page is listed and sorted by: when a decision was taken or
    /// a meeting held, when a principle was adopted or a committee created,
    /// else when the page was last updated.
    pub fn date(&self) -> Option<NaiveDate> {
        match &self.kind {
            Kind::Decision(d) => Some(d.date),
            Kind::Meeting(m) => Some(m.date),
            Kind::Principle(p) => p.adopted,
            Kind::Committee(c) => c.created,
            Kind::Plain(_) | Kind::Glossary(_) => self.updated,
        }
    }

    pub fn is_glossary(&self) -> bool {
        matches!(self.kind, Kind::Glossary(_))
    }

    /// A wiki page: not a decision, committee, principle or meeting. Only
    /// these are checked for upkeep (outdated, orphan, stale).
    pub fn is_wiki(&self) -> bool {
        matches!(self.kind, Kind::Plain(_) | Kind::Glossary(_))
    }
}

/// Where a page comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Relative to the site root, e.g. `content/decisions/x.md`.
    pub file: PathBuf,
    /// The file line on which the Markdown body starts.
    pub body_line: usize,
    /// Where the id or the front matter is written, for page-level problems.
    pub pos: Pos,
}

/// The type of a page and its type-specific front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A type with no keys of its own: a wiki page, or any type whose row in
    /// [`PAGE_TYPES`] declares only plain keys.
    Plain(PageType),
    Decision(Decision),
    Committee(Committee),
    Principle(Principle),
    Meeting(Meeting),
    Glossary(Glossary),
}

impl Kind {
    pub fn page_type(&self) -> PageType {
        match self {
            Kind::Plain(t) => *t,
            Kind::Decision(_) => PageType::Decision,
            Kind::Committee(_) => PageType::Committee,
            Kind::Principle(_) => PageType::Principle,
            Kind::Meeting(_) => PageType::Meeting,
            Kind::Glossary(_) => PageType::Glossary,
        }
    }

    /// The type's name, as `type:` and the output write it.
    pub fn name(&self) -> &'static str {
        self.page_type().name()
    }
}

/// The types of page. Each is one row of [`PAGE_TYPES`], which says
/// everything the other stages need to know of it; the variant is also the
/// value `cahier new` takes on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum PageType {
    Decision,
    Committee,
    Principle,
    Meeting,
    Page,
    Glossary,
}

/// What a page type means to each stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeInfo {
    pub page_type: PageType,
    /// The `type:` value, and the name in `decisions.json`, search facets…
    pub name: &'static str,
    /// The folder of `content/` whose files have this type by default.
    pub folder: Option<&'static str>,
    /// The theme template of its pages.
    pub template: &'static str,
    /// The front-matter keys it defines besides the common ones, each read
    /// by its own code because rules of the register use it.
    pub keys: &'static [&'static str],
    /// Keys read, checked and shown with no rule attached: declared here
    /// and nowhere else, each reaches the page's template (`decision.KEY`)
    /// and, for decisions, `decisions.json` (after the keys of the spec).
    pub plain: &'static [PlainKey],
}

/// A key with no rule attached: see [`TypeInfo::plain`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlainKey {
    pub name: &'static str,
    pub kind: PlainKind,
}

/// What a plain key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainKind {
    Text,
    Number,
    /// A date written `YYYY-MM-DD`.
    Date,
    Flag,
    /// A list of texts.
    List,
}

/// The value of a plain key, as written (a date as `YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PlainValue {
    Text(String),
    Number(f64),
    Flag(bool),
    List(Vec<String>),
}

/// The plain keys of one page, in the order its type declares them.
pub type PlainValues = Vec<(&'static str, PlainValue)>;

/// Keys every page may have.
pub const COMMON_KEYS: &[&str] = &["title", "id", "type", "lang", "topics", "summary", "aliases", "draft", "updated", "translated"];

/// Every page type, in the order the interface lists them.
pub const PAGE_TYPES: [TypeInfo; 6] = [
    TypeInfo {
        page_type: PageType::Decision,
        name: "decision",
        folder: Some("decisions"),
        template: "decision.html",
        keys: &[
            "date",
            "by",
            "meeting",
            "status",
            "method",
            "supersedes",
            "repeals",
            "amends",
            "related",
            "principles",
            "review",
            "expires",
            "follow_up",
        ],
        // Section 15: where `cahier import log` found the decision.
        plain: &[PlainKey { name: "imported_from", kind: PlainKind::Text }],
    },
    TypeInfo {
        page_type: PageType::Committee,
        name: "committee",
        folder: Some("committees"),
        template: "committee.html",
        keys: &[
            "kind",
            "parent",
            "created",
            "dissolved",
            "topics",
            "powers",
            "escalates",
            "escalates_to",
            "mandate_adopted_by",
            "meets",
            "members",
        ],
        plain: &[],
    },
    TypeInfo {
        page_type: PageType::Principle,
        name: "principle",
        folder: Some("principles"),
        template: "principle.html",
        keys: &["adopted", "adopted_by", "supersedes", "retired", "order", "set"],
        plain: &[],
    },
    TypeInfo {
        page_type: PageType::Meeting,
        name: "meeting",
        folder: Some("meetings"),
        template: "meeting.html",
        keys: &["date", "by", "attendees", "facilitator", "minutes_by"],
        plain: &[],
    },
    TypeInfo { page_type: PageType::Page, name: "page", folder: None, template: "page.html", keys: &[], plain: &[] },
    TypeInfo { page_type: PageType::Glossary, name: "glossary", folder: None, template: "glossary.html", keys: &["terms"], plain: &[] },
];

/// Ids whose page is a glossary by default, in any language (content
/// format 14.4: `content/glossaire.md`, `content/glossary.md`).
pub const GLOSSARY_IDS: &[&str] = &["glossaire", "glossary"];

impl PageType {
    pub fn info(self) -> &'static TypeInfo {
        PAGE_TYPES.iter().find(|t| t.page_type == self).expect("every page type has a row in PAGE_TYPES")
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The type whose default folder is `folder`.
    pub fn of_folder(folder: &str) -> Option<PageType> {
        PAGE_TYPES.iter().find(|t| t.folder == Some(folder)).map(|t| t.page_type)
    }
}

/// The status written in a decision's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Proposed,
    Adopted,
    Rejected,
    Withdrawn,
}

impl Status {
    pub const ALL: [(&'static str, Status); 4] =
        [("proposed", Status::Proposed), ("adopted", Status::Adopted), ("rejected", Status::Rejected), ("withdrawn", Status::Withdrawn)];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Adopted => "adopted",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// How a decision was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Consensus,
    Consent,
    Vote,
    Delegated,
}

impl Method {
    pub const ALL: [(&'static str, Method); 4] =
        [("consensus", Method::Consensus), ("consent", Method::Consent), ("vote", Method::Vote), ("delegated", Method::Delegated)];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Consensus => "consensus",
            Method::Consent => "consent",
            Method::Vote => "vote",
            Method::Delegated => "delegated",
        }
    }
}

/// Implementation tracking of a decision.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FollowUp {
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    /// `None` while not done.
    pub done: Option<NaiveDate>,
    pub note: Option<String>,
}

/// A decision (a file, or a block inside minutes).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub date: NaiveDate,
    pub by: Ref,
    pub meeting: Option<Ref>,
    pub status: Status,
    pub method: Option<Method>,
    pub supersedes: Vec<Ref>,
    pub repeals: Vec<Ref>,
    pub amends: Vec<Ref>,
    pub related: Vec<Ref>,
    pub principles: Vec<Ref>,
    pub review: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub follow_up: Option<FollowUp>,
    /// Written inside minutes rather than in a file of its own.
    pub inline: bool,
}

/// The kinds of decision-making bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommitteeKind {
    Assembly,
    Board,
    Committee,
    Subcommittee,
    WorkingGroup,
}

impl CommitteeKind {
    pub const ALL: [(&'static str, CommitteeKind); 5] = [
        ("assembly", CommitteeKind::Assembly),
        ("board", CommitteeKind::Board),
        ("committee", CommitteeKind::Committee),
        ("subcommittee", CommitteeKind::Subcommittee),
        ("working-group", CommitteeKind::WorkingGroup),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommitteeKind::Assembly => "assembly",
            CommitteeKind::Board => "board",
            CommitteeKind::Committee => "committee",
            CommitteeKind::Subcommittee => "subcommittee",
            CommitteeKind::WorkingGroup => "working-group",
        }
    }
}

/// A decision-making body and its mandate.
#[derive(Debug, Clone, PartialEq)]
pub struct Committee {
    pub kind: CommitteeKind,
    pub parent: Option<Ref>,
    pub created: Option<NaiveDate>,
    pub dissolved: Option<NaiveDate>,
    /// Topic ids its mandate gives it authority over.
    pub topics: Vec<Located<String>>,
    pub powers: Vec<String>,
    pub escalates: Vec<String>,
    pub escalates_to: Option<Ref>,
    pub mandate_adopted_by: Option<Ref>,
    pub meets: Option<String>,
    pub members: Vec<String>,
}

/// A founding principle, member of a set.
#[derive(Debug, Clone, PartialEq)]
pub struct Principle {
    pub adopted: Option<NaiveDate>,
    pub adopted_by: Option<Ref>,
    pub supersedes: Vec<Ref>,
    pub retired: Option<NaiveDate>,
    pub order: Option<i64>,
    pub set: Option<String>,
}

/// Minutes of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub date: NaiveDate,
    pub by: Ref,
    pub attendees: Vec<String>,
    pub facilitator: Option<String>,
    pub minutes_by: Option<String>,
    /// Ids of the decisions written inline, in the order of the text.
    pub decisions: Vec<Id>,
}

/// A glossary: the terms it defines, in the order written (front matter
/// first, then the text).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Glossary {
    pub terms: Vec<TermDef>,
}

/// One term of a glossary.
#[derive(Debug, Clone, PartialEq)]
pub struct TermDef {
    /// The term as written, and where.
    pub term: Located<String>,
    /// Other written forms that mean the same (`comité de travail` for
    /// `CT`); front matter only.
    pub aliases: Vec<Located<String>>,
    /// Plain text, for the tooltip.
    pub definition: String,
    /// Written in the page's text (a definition list or a bold list item)
    /// rather than in `terms:`.
    pub in_body: bool,
}
