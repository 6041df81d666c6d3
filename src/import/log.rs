//! A chronological log read into dated sections and their items.
//!
//! A section starts at a heading that carries a date, or at a line that is
//! essentially a date and, optionally, the name of a body
//! (`'''6 juillet 2010 (CT)'''`, `**2010-07-06 — AG**`, `; 06/07/2010`).
//! A line that starts with such a date and goes on after a colon or a dash
//! (`6 juillet 2010 : gel des embauches.`) starts a section whose first item
//! is the rest of the line. A date anywhere else (inside a sentence) is text.
//!
//! Each list item of a section is an item; a section without a list takes
//! its paragraphs as items. What no dated section holds is a stray line,
//! reported by its number.

use chrono::NaiveDate;

use super::dates;
use super::lines::{classify, Format, Line};
use super::markup::plain;
use super::names::{folded_words, Bodies};

/// Words that may stand beside a date in a heading or a date line without
/// naming a body: articles, weekdays, kinds of meeting.
const FILLERS: &str = "le la les l du de des d au aux a à en et ou par pour lors the of on at in and for by \
    lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday \
    matin soir morning evening réunion reunion séance rencontre meeting ordinaire extraordinaire special spéciale \
    décision décisions decision decisions prises pris adoptées taken pv procès verbal compte rendu cr minutes";

/// How many words, beside the date, a line may hold and still be a date
/// line rather than a sentence.
const DATE_LINE_WORDS: usize = 6;

/// What a section says of the body that decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// A committee of the site (what its `by:` will say).
    Body(String),
    /// Nothing beside the date: `--by` applies.
    Nothing,
    /// Words that name no known committee.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub line: usize,
    pub date: NaiveDate,
    pub named: Named,
    pub items: Vec<Item>,
}

/// One item: its text (Markdown) and the lines it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub line: usize,
    pub last: usize,
    pub text: String,
}

/// Why a line is in no item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stray {
    /// Before the first date, or under a heading without one.
    NoDate,
    /// A paragraph beside the list of a dated section.
    BesideList,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    pub sections: Vec<Section>,
    /// (line number, why), in line order.
    pub strays: Vec<(usize, Stray)>,
}

/// A block of a section being read: a list item or a paragraph.
#[derive(Debug)]
struct Block {
    is_item: bool,
    depth: usize,
    item: Item,
}

/// The section being read.
#[derive(Debug)]
struct Open {
    line: usize,
    date: NaiveDate,
    named: Named,
    /// Heading level it started at; date lines are deeper than any heading.
    level: usize,
    blocks: Vec<Block>,
    /// The depth of the section's items; deeper list items belong to them.
    item_depth: Option<usize>,
}

/// A section start read from a line that is not a heading.
struct DateLine {
    date: NaiveDate,
    named: Named,
    first_item: Option<String>,
}

/// Reads a log. `bodies` are the committees, so that a date line can be
/// told from a sentence that starts with a date.
pub fn read(text: &str, format: Format, bodies: &Bodies) -> Log {
    let fillers: Vec<String> = folded_words(FILLERS);
    let reader = Reader { bodies, fillers: &fillers, lazy: format == Format::Markdown };
    let mut state = State::default();
    for (i, raw) in text.lines().enumerate() {
        reader.line(&mut state, i + 1, classify(format, raw));
    }
    state.close();
    state.log
}

struct Reader<'a> {
    bodies: &'a Bodies,
    fillers: &'a [String],
    /// Markdown: a text line right after a list item continues it.
    lazy: bool,
}

#[derive(Default)]
struct State {
    log: Log,
    open: Option<Open>,
    after_blank: bool,
}

impl State {
    fn close(&mut self) {
        let Some(open) = self.open.take() else { return };
        let has_list = open.blocks.iter().any(|b| b.is_item);
        let mut items = Vec::new();
        for block in open.blocks {
            if block.is_item || !has_list {
                items.push(block.item);
            } else {
                self.log.strays.extend((block.item.line..=block.item.last).map(|n| (n, Stray::BesideList)));
            }
        }
        self.log.sections.push(Section { line: open.line, date: open.date, named: open.named, items });
    }

    fn start(&mut self, n: usize, level: usize, depth: usize, start: DateLine) {
        self.close();
        let mut open = Open { line: n, date: start.date, named: start.named, level, blocks: Vec::new(), item_depth: None };
        if let Some(text) = start.first_item {
            open.blocks.push(Block { is_item: true, depth, item: Item { line: n, last: n, text } });
            open.item_depth = Some(depth);
        }
        self.open = Some(open);
    }
}

impl Reader<'_> {
    fn line(&self, state: &mut State, n: usize, line: Line) {
        match line {
            Line::Blank => {
                state.after_blank = true;
                return;
            }
            Line::Skip => return,
            Line::Heading { level, text } => self.heading(state, n, level, &text),
            Line::Item { depth, text } => match self.date_line(&text) {
                Some(start) => state.start(n, usize::MAX, depth, start),
                None => item(state, n, depth, text),
            },
            // An explicit continuation joins the block above even across a
            // blank line (an indented paragraph of a Markdown item).
            Line::More(text) => self.text(state, n, text, Join { across_blank: true, item: true }),
            Line::Text(text) => self.text(state, n, text, Join { across_blank: false, item: self.lazy }),
        }
        state.after_blank = false;
    }

    fn text(&self, state: &mut State, n: usize, text: String, join: Join) {
        match self.date_line(&text) {
            Some(start) => state.start(n, usize::MAX, 1, start),
            None => more(state, n, text, join),
        }
    }

    fn heading(&self, state: &mut State, n: usize, level: usize, text: &str) {
        let words = plain(text);
        match dates::find(&words) {
            Some(found) => {
                let rest = format!("{} {}", &words[..found.span.start], &words[found.span.end..]);
                let named = self.named(&rest);
                state.start(n, level, 1, DateLine { date: found.date, named, first_item: None });
            }
            // A heading deeper than the section's divides it; one at its
            // level or above ends it, and what follows has no date.
            None if state.open.as_ref().is_some_and(|o| level > o.level) => {}
            None => state.close(),
        }
    }

    /// What the words beside a date name.
    fn named(&self, words: &str) -> Named {
        if let Some(body) = self.bodies.named_in(words) {
            return Named::Body(body.by.clone());
        }
        // Shown as written, so that the user can copy it into `--map`.
        let words = plain(words);
        let unknown: Vec<&str> =
            words.split_whitespace().filter(|w| folded_words(w).iter().any(|f| !self.fillers.contains(f))).collect();
        if unknown.is_empty() {
            Named::Nothing
        } else {
            Named::Unknown(unknown.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        }
    }

    /// Whether every word of `words` is a filler or part of a body's name.
    fn only_names(&self, words: &str) -> bool {
        folded_words(words).len() <= DATE_LINE_WORDS && self.bodies.unnamed_words(words).iter().all(|w| self.fillers.contains(w))
    }

    /// A line that starts a section: a date, preceded only by fillers or a
    /// body's name, followed by a few words (the body), and optionally by a
    /// colon or a dash and the text of a first item.
    fn date_line(&self, markdown: &str) -> Option<DateLine> {
        let found = dates::find(markdown)?;
        let before = &markdown[..found.span.start];
        if before.contains(['.', '!', '?', ':']) || !self.only_names(&plain(before)) {
            return None;
        }
        let after = &markdown[found.span.end..];
        let (head, item) = match separator(after) {
            Some((head, item)) => (head, Some(tidy(item))),
            None => (after, None),
        };
        let head_words = plain(head);
        let sentence = item.is_none() && head_words.trim_end().ends_with(['.', '!', '?']);
        if sentence || folded_words(&head_words).len() + folded_words(before).len() > DATE_LINE_WORDS {
            return None;
        }
        let named = self.named(&format!("{} {head_words}", plain(before)));
        Some(DateLine { date: found.date, named, first_item: item.filter(|t| !t.is_empty()) })
    }
}

/// A list item of the open section: a new item at the section's item depth
/// or above, a nested line of the last item when deeper.
fn item(state: &mut State, n: usize, depth: usize, text: String) {
    let Some(open) = state.open.as_mut() else {
        state.log.strays.push((n, Stray::NoDate));
        return;
    };
    let nested = open.item_depth.is_some_and(|d| depth > d) && open.blocks.last().is_some_and(|b| b.is_item);
    if nested {
        let last = open.blocks.last_mut().expect("checked");
        let indent = "  ".repeat(depth - last.depth - 1);
        last.item.text.push_str(&format!("\n{indent}- {text}"));
        last.item.last = n;
    } else {
        open.item_depth = Some(open.item_depth.map_or(depth, |d| d.min(depth)));
        open.blocks.push(Block { is_item: true, depth, item: Item { line: n, last: n, text } });
    }
}

/// When a line that is not a list item joins the block above it.
#[derive(Clone, Copy)]
struct Join {
    /// Even after a blank line.
    across_blank: bool,
    /// Even when that block is a list item.
    item: bool,
}

/// A line that continues the last block, or starts a paragraph.
fn more(state: &mut State, n: usize, text: String, join: Join) {
    let after_blank = state.after_blank;
    let Some(open) = state.open.as_mut() else {
        state.log.strays.push((n, Stray::NoDate));
        return;
    };
    match open.blocks.last_mut() {
        Some(last) if (join.across_blank || !after_blank) && (join.item || !last.is_item) => {
            last.item.text.push('\n');
            last.item.text.push_str(&text);
            last.item.last = n;
        }
        _ => open.blocks.push(Block { is_item: false, depth: 0, item: Item { line: n, last: n, text } }),
    }
}

/// The words naming the body and the item's text, around the first colon
/// or spaced dash after a date (not the colon of a URL).
fn separator(after: &str) -> Option<(&str, &str)> {
    let colon = after.match_indices(':').find(|(i, _)| !after[i + 1..].starts_with("//")).map(|(i, _)| (i, 1));
    let dash = [" - ", " – ", " — "].iter().filter_map(|d| after.find(d).map(|i| (i, d.len()))).min();
    let (at, len) = match (colon, dash) {
        (Some(c), Some(d)) => c.min(d),
        (c, d) => c.or(d)?,
    };
    Some((&after[..at], &after[at + len..]))
}

/// The text of an item cut from a date line: emphasis that the cut left
/// unbalanced (`**6 juillet 2010 :** texte`) removed.
fn tidy(text: &str) -> String {
    let mut t = text.trim();
    for marker in ["**", "*", "__"] {
        if t.matches(marker).count() % 2 == 1 {
            t = t.strip_prefix(marker).or_else(|| t.strip_suffix(marker)).unwrap_or(t).trim();
        }
    }
    t.to_string()
}
