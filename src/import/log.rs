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

/// Words that may stand around a date in a heading or a date line without
/// naming anything: articles, prepositions, weekdays. A name shown to the
/// user is trimmed of them.
const FUNCTION_WORDS: &str = "le la les l du de des d au aux a à en et ou par pour lors sur the of on at in and for by about \
    lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday \
    matin soir morning evening";

/// Words of a heading that say it is a meeting or its decisions without
/// saying whose: beside a date they name no body, so `--by` applies.
const MEETING_WORDS: &str = "réunion reunion séance rencontre meeting ordinaire extraordinaire special spéciale \
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
    let function_words = folded_words(FUNCTION_WORDS);
    let fillers: Vec<String> = function_words.iter().cloned().chain(folded_words(MEETING_WORDS)).collect();
    let reader = Reader { bodies, fillers: &fillers, function_words: &function_words, lazy: format == Format::Markdown };
    let mut state = State::default();
    for (i, raw) in text.lines().enumerate() {
        reader.line(&mut state, i + 1, classify(format, raw));
    }
    state.close();
    state.log
}

struct Reader<'a> {
    bodies: &'a Bodies,
    /// Function words and meeting words: what may stand beside a date.
    fillers: &'a [String],
    function_words: &'a [String],
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
        let mut open = Open { line: n, date: start.date, named: start.named, level, blocks: Vec::new() };
        if let Some(text) = start.first_item {
            open.blocks.push(Block { is_item: true, depth, item: Item { line: n, last: n, text } });
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
            Line::Heading { level, text } => {
                self.heading(state, n, level, &text);
                // A heading ends a paragraph as a blank line does.
                state.after_blank = true;
                return;
            }
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
                let named = self.named(&words[..found.span.start], &words[found.span.end..]);
                state.start(n, level, 1, DateLine { date: found.date, named, first_item: None });
            }
            // A heading deeper than the section's divides it; one at its
            // level or above ends it, and what follows has no date.
            None if state.open.as_ref().is_some_and(|o| level > o.level) => {}
            None => state.close(),
        }
    }

    /// What the words before and after a date name.
    fn named(&self, before: &str, after: &str) -> Named {
        let (before, after) = (plain(before), plain(after));
        if let Some(body) = self.bodies.named_in(&format!("{before} {after}")) {
            return Named::Body(body.by.clone());
        }
        let names_something = |part: &str| folded_words(part).iter().any(|w| !self.fillers.contains(w));
        let part = if names_something(&after) {
            after
        } else if names_something(&before) {
            before
        } else {
            return Named::Nothing;
        };
        // Shown as written, so that it can be copied into `--map`: the
        // words of the part that names something, without the function
        // words at its ends.
        let words: Vec<&str> = part.split(|c: char| !(c.is_alphanumeric() || "'’-".contains(c))).filter(|w| !w.is_empty()).collect();
        let function = |w: &&str| folded_words(w).iter().all(|f| self.function_words.contains(f));
        let start = words.iter().position(|w| !function(w)).unwrap_or(0);
        let end = words.iter().rposition(|w| !function(w)).map_or(words.len(), |e| e + 1);
        Named::Unknown(words[start..end].join(" "))
    }

    /// Whether every word of `words` is a filler or part of a body's name.
    fn only_names(&self, words: &str) -> bool {
        folded_words(words).len() <= DATE_LINE_WORDS && self.bodies.unnamed_words(words).iter().all(|w| self.fillers.contains(w))
    }

    /// The words naming the body and the text of a first item, in what
    /// follows a date: split at the last colon that has only names before
    /// it and more than names after it (`6 juillet 2010, CT : gel des
    /// embauches`; in `6 juillet 2010 (CT) :` the colon splits nothing).
    fn split<'t>(&self, after: &'t str) -> Option<(&'t str, &'t str)> {
        let mut chosen = None;
        for (at, len) in separators(after) {
            let (head, tail) = (&after[..at], &after[at + len..]);
            if !self.only_names(&plain(head)) {
                break;
            }
            if !self.only_names(&plain(tail)) {
                chosen = Some((head, tail));
            }
        }
        chosen
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
        let (head, item) = match self.split(after) {
            Some((head, item)) => (head, Some(tidy(item))),
            None => (after, None),
        };
        let head_words = plain(head);
        let sentence = item.is_none() && head_words.trim_end().ends_with(['.', '!', '?']);
        if sentence || folded_words(&head_words).len() + folded_words(before).len() > DATE_LINE_WORDS {
            return None;
        }
        let named = self.named(before, head);
        Some(DateLine { date: found.date, named, first_item: item.filter(|t| !t.is_empty()) })
    }
}

/// A list item of the open section: a nested line of the last item when
/// deeper than it, else a new item.
fn item(state: &mut State, n: usize, depth: usize, text: String) {
    let Some(open) = state.open.as_mut() else {
        state.log.strays.push((n, Stray::NoDate));
        return;
    };
    match open.blocks.last_mut() {
        Some(last) if last.is_item && depth > last.depth => {
            let indent = "  ".repeat(depth - last.depth - 1);
            last.item.text.push_str(&format!("\n{indent}- {text}"));
            last.item.last = n;
        }
        _ => open.blocks.push(Block { is_item: true, depth, item: Item { line: n, last: n, text } }),
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

/// Where a date line's first item may start: after a colon followed by a
/// space (not `14:30`, not `https://`). Dashes do not count: `6 juillet
/// 2010 - journée de réflexion` names a meeting, it records no decision.
fn separators(text: &str) -> Vec<(usize, usize)> {
    // The colon may sit inside emphasis: `**6 juillet 2010 :** texte`.
    let spaced = |i: usize| text[i + 1..].trim_start_matches(['*', '_']).chars().next().is_none_or(char::is_whitespace);
    text.match_indices(':').filter(|&(i, _)| spaced(i)).map(|(i, _)| (i, 1)).collect()
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

#[cfg(test)]
mod tests {
    use super::super::names::Body;
    use super::*;

    fn bodies() -> Bodies {
        Bodies {
            list: vec![Body::new("ct".into(), &["ct", "Comité de travail"]), Body::new("ag".into(), &["ag", "Assemblée générale"])]
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// (date, named, item texts) of each section.
    fn sections(text: &str, format: Format) -> Vec<(NaiveDate, Named, Vec<String>)> {
        read(text, format, &bodies())
            .sections
            .into_iter()
            .map(|s| (s.date, s.named, s.items.into_iter().map(|i| i.text).collect()))
            .collect()
    }

    #[test]
    fn headings_and_date_lines_start_sections() {
        let log = "Notes en vrac\n\n== 6 juillet 2010 (CT) ==\n* Gel des embauches.\n* Achat d'un serveur.\n\n'''12/08/2010 - Assemblée générale'''\n# Nouveau taux horaire.\n";
        let read = read(log, Format::Mediawiki, &bodies());
        assert_eq!(read.strays, [(1, Stray::NoDate)]);
        assert_eq!(read.sections.len(), 2);
        assert_eq!(read.sections[0].line, 3);
        assert_eq!(read.sections[1].items[0].line, 8);
        assert_eq!(
            sections(log, Format::Mediawiki),
            [
                (date(2010, 7, 6), Named::Body("ct".into()), vec!["Gel des embauches.".to_string(), "Achat d'un serveur.".into()]),
                (date(2010, 8, 12), Named::Body("ag".into()), vec!["Nouveau taux horaire.".to_string()]),
            ]
        );
    }

    #[test]
    fn a_date_inside_a_sentence_is_text() {
        let log = "## 2010-07-06\n\n- Gel des embauches, réexaminé le 1er décembre 2010.\n- Prochaine réunion le 12/09/2010\n- 6 juillet 2010, le CT a aussi décidé de fermer en août.\n";
        let s = sections(log, Format::Markdown);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].2.len(), 3);
        assert_eq!(s[0].1, Named::Nothing);
    }

    #[test]
    fn a_date_then_a_colon_carries_its_first_item() {
        let log = "* '''6 juillet 2010 (CT) :''' gel des embauches.\n** les pigistes continuent.\n* 12 août 2010 : achat d'un serveur.\n";
        let s = sections(log, Format::Mediawiki);
        assert_eq!(s[0], (date(2010, 7, 6), Named::Body("ct".into()), vec!["gel des embauches.\n- les pigistes continuent.".to_string()]));
        assert_eq!(s[1], (date(2010, 8, 12), Named::Nothing, vec!["achat d'un serveur.".to_string()]));
        let log = "2010-09-14 - AG : taux horaire à 20 $ - sans rétroactivité\n2010-09-21 - journée de réflexion\n* Un item.\n";
        let s = sections(log, Format::Mediawiki);
        assert_eq!(s[0], (date(2010, 9, 14), Named::Body("ag".into()), vec!["taux horaire à 20 $ - sans rétroactivité".to_string()]));
        assert_eq!(s[1], (date(2010, 9, 21), Named::Unknown("journée de réflexion".into()), vec!["Un item.".to_string()]));
    }

    #[test]
    fn paragraphs_are_items_when_a_section_has_no_list() {
        let log = "# Juillet 2010, comité de travail\n\nGel des embauches\njusqu'en décembre.\n\nAchat d'un serveur.\n\n# Août 2010 — réunion des pigistes\n\nPrésents : tous.\n\n- Fermeture du local.\n";
        let read = read(log, Format::Markdown, &bodies());
        let s = &read.sections;
        assert_eq!(s[0].items.iter().map(|i| (i.line, i.last)).collect::<Vec<_>>(), [(3, 4), (6, 6)]);
        assert_eq!((s[0].date, &s[0].named), (date(2010, 7, 1), &Named::Body("ct".into())));
        assert_eq!(s[1].named, Named::Unknown("réunion des pigistes".into()));
        assert_eq!(s[1].items.len(), 1);
        assert_eq!(read.strays, [(10, Stray::BesideList)], "a paragraph beside a list");
    }

    #[test]
    fn an_undated_heading_ends_a_section_unless_deeper() {
        let log = "== 2010 ==\n=== 6 juillet 2010 ===\n* Gel.\n==== Embauche ====\n* Serveur.\n== Divers ==\n* Note perdue.\n";
        let read = read(log, Format::Mediawiki, &bodies());
        assert_eq!(read.sections[0].items.len(), 2);
        assert_eq!(read.strays, [(7, Stray::NoDate)]);
    }

    #[test]
    fn list_depths_in_any_order() {
        // Found by the property tests: a deep item after a paragraph, then
        // a less deep one.
        let log = "== 6 juillet 2010 ==\nUn paragraphe.\n*** profond\n** moins profond\n**** détail\n* haut\n";
        let s = sections(log, Format::Mediawiki);
        assert_eq!(s[0].2, ["profond", "moins profond\n  - détail", "haut"]);
    }

    #[test]
    fn plain_text_lines_are_items() {
        let log = "6 juillet 2010 CT\nGel des embauches\nqui dure jusqu'en décembre.\nAchat d'un serveur.\n\njuillet 2011\nFin du gel.\n";
        let s = sections(log, Format::Text);
        assert_eq!(s[0].2, ["Gel des embauches\nqui dure jusqu'en décembre.", "Achat d'un serveur."]);
        assert_eq!((s[1].0, &s[1].2[..]), (date(2011, 7, 1), &["Fin du gel.".to_string()][..]));
    }
}
