//! Dates as people write them in a French or English log: `2010-07-06`,
//! `06/07/2010`, `6 juillet 2010`, `1er juillet 2010`, `July 6, 2010`,
//! `6 July 2010`, `juil. 2010`, `juillet 2010`.
//!
//! The text is cut into tokens (runs of letters and digits, and single
//! punctuation marks) and each form is tried at each token, so a date is
//! found wherever it stands; whether it starts a section is the log
//! reader's business, not this module's.

use std::ops::Range;

use chrono::NaiveDate;

use crate::text::analysis::fold;

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    /// Byte range of the date in the text.
    pub span: Range<usize>,
    /// False for a month and a year (`juillet 2010`): the date is the 1st.
    pub has_day: bool,
}

/// Month names and abbreviations, French and English, folded (lowercase,
/// no accents): `févr.` and `fevr` are the same entry. An abbreviation may
/// be followed by a period, which the tokens keep apart.
const MONTHS: [(&str, u32); 41] = [
    ("janvier", 1),
    ("janv", 1),
    ("january", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juin", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("juil", 7),
    ("july", 7),
    ("jul", 7),
    ("aout", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("october", 10),
    ("oct", 10),
    ("novembre", 11),
    ("november", 11),
    ("nov", 11),
    ("decembre", 12),
    ("december", 12),
    ("dec", 12),
];

/// Years a log of an organisation can hold; other four-digit numbers
/// (amounts, room numbers) are not years.
const YEARS: Range<i32> = 1900..2101;

/// A run of letters and digits, or one other visible character.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            word.get_or_insert(i);
            continue;
        }
        if let Some(start) = word.take() {
            out.push(Token { text: &text[start..i], start, end: i });
        }
        if !c.is_whitespace() {
            out.push(Token { text: &text[i..i + c.len_utf8()], start: i, end: i + c.len_utf8() });
        }
    }
    if let Some(start) = word {
        out.push(Token { text: &text[start..], start, end: text.len() });
    }
    out
}

fn number(t: &Token<'_>, digits: Range<usize>) -> Option<u32> {
    let ok = digits.contains(&t.text.len()) && t.text.bytes().all(|b| b.is_ascii_digit());
    if ok {
        t.text.parse().ok()
    } else {
        None
    }
}

fn year(t: &Token<'_>) -> Option<i32> {
    number(t, 4..5).map(|y| y as i32).filter(|y| YEARS.contains(y))
}

/// A day of the month, with an ordinal suffix if any (`1er`, `1re`, `2nd`,
/// `6th`, and `1ᵉʳ` as some keyboards type it).
fn day(t: &Token<'_>) -> Option<u32> {
    let digits = t.text.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = fold(&t.text[digits..]);
    let ordinal = ["", "er", "re", "e", "eme", "st", "nd", "rd", "th"].contains(&suffix.as_str());
    if (1..3).contains(&digits) && ordinal {
        t.text[..digits].parse().ok().filter(|d| (1..32).contains(d))
    } else {
        None
    }
}

fn month(t: &Token<'_>) -> Option<u32> {
    let folded = fold(t.text);
    MONTHS.iter().find(|(name, _)| *name == folded).map(|&(_, m)| m)
}

/// Whether `b` follows `a` with nothing between them.
fn touching(a: &Token<'_>, b: &Token<'_>) -> bool {
    a.end == b.start
}

/// The date that starts at token `i`, and the index of the token after it.
fn date_at(t: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize, bool)> {
    numeric(t, i)
        .map(|(date, next)| (date, next, true))
        .or_else(|| day_month_year(t, i).map(|(date, next)| (date, next, true)))
        .or_else(|| month_day_year(t, i).map(|(date, next)| (date, next, true)))
        .or_else(|| month_year(t, i).map(|(date, next)| (date, next, false)))
}

/// `2010-07-06`, `2010/07/06`; `06/07/2010`, `6.7.2010`, `06-07-2010`,
/// `06/07/10`. Numbers written day first are read day/month/year, as in
/// French; when that reading is impossible and month/day/year is not
/// (`07/26/2010`), the only possible reading is taken.
fn numeric(t: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let parts = t.get(i..i + 5)?;
    let sep = parts[1].text;
    let joined = parts.windows(2).all(|w| touching(&w[0], &w[1])) && parts[3].text == sep && ["-", "/", "."].contains(&sep);
    if !joined {
        return None;
    }
    // A longer run of numbers (`1.2.3.2010`, `10/06/2010/2`) is something else.
    if let Some(next) = t.get(i + 5).filter(|n| touching(&parts[4], n)) {
        if [sep, "-", "/"].contains(&next.text) || next.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if let (Some(y), Some(m), Some(d)) = (year(&parts[0]), number(&parts[2], 1..3), number(&parts[4], 1..3)) {
        return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, i + 5));
    }
    let (a, b) = (number(&parts[0], 1..3)?, number(&parts[2], 1..3)?);
    // Two-digit years only with slashes: `1.2.10` is more likely a version.
    let y = year(&parts[4]).or_else(|| (sep == "/").then(|| number(&parts[4], 2..3)).flatten().map(|y| 2000 + y as i32))?;
    NaiveDate::from_ymd_opt(y, b, a).or_else(|| NaiveDate::from_ymd_opt(y, a, b)).map(|date| (date, i + 5))
}

/// The index after a month name at `i` and its optional period.
fn after_month(t: &[Token<'_>], i: usize) -> Option<(u32, usize)> {
    let m = month(t.get(i)?)?;
    let next = match t.get(i + 1) {
        Some(dot) if dot.text == "." && touching(&t[i], dot) => i + 2,
        _ => i + 1,
    };
    Some((m, next))
}

/// `6 juillet 2010`, `1er juillet 2010`, `6 July 2010`, `6 juil. 2010`.
fn day_month_year(t: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let d = day(t.get(i)?)?;
    let (m, next) = after_month(t, i + 1)?;
    let y = year(t.get(next)?)?;
    NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, next + 1))
}

/// `July 6, 2010`, `Jul. 6 2010`, `July 6th, 2010`.
fn month_day_year(t: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let (m, next) = after_month(t, i)?;
    let d = day(t.get(next)?)?;
    let after_day = match t.get(next + 1) {
        Some(comma) if comma.text == "," => next + 2,
        _ => next + 1,
    };
    let y = year(t.get(after_day)?)?;
    NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, after_day + 1))
}

/// `juillet 2010`, `July 2010`, `juil. 2010`: the first of the month.
fn month_year(t: &[Token<'_>], i: usize) -> Option<(NaiveDate, usize)> {
    let (m, next) = after_month(t, i)?;
    let y = year(t.get(next)?)?;
    NaiveDate::from_ymd_opt(y, m, 1).map(|date| (date, next + 1))
}

/// The first date in `text`.
pub fn find(text: &str) -> Option<Found> {
    let t = tokens(text);
    (0..t.len()).find_map(|i| {
        // The tail of a longer run of numbers (`1.2.3.2010`) is no date.
        if i >= 2 && touching(&t[i - 1], &t[i]) && touching(&t[i - 2], &t[i - 1]) && ["-", "/", "."].contains(&t[i - 1].text) {
            return None;
        }
        let (date, next, has_day) = date_at(&t, i)?;
        // `32 juillet 2010` is a wrong date, not July.
        if !has_day && i > 0 && t[i - 1].text.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        Some(Found { date, span: t[i].start..t[next - 1].end, has_day })
    })
}

/// The date when `text` is a date and nothing else (spaces aside).
pub fn parse(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    find(text).filter(|f| f.span == (0..text.len())).map(|f| f.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_written_form() {
        let cases = [
            ("2010-07-06", ymd(2010, 7, 6)),
            ("2010/07/06", ymd(2010, 7, 6)),
            ("06/07/2010", ymd(2010, 7, 6)),
            ("6/7/2010", ymd(2010, 7, 6)),
            ("06.07.2010", ymd(2010, 7, 6)),
            ("06-07-2010", ymd(2010, 7, 6)),
            ("06/07/10", ymd(2010, 7, 6)),
            ("6 juillet 2010", ymd(2010, 7, 6)),
            ("6 Juillet 2010", ymd(2010, 7, 6)),
            ("1er juillet 2010", ymd(2010, 7, 1)),
            ("1ᵉʳ juillet 2010", ymd(2010, 7, 1)),
            ("6 juil. 2010", ymd(2010, 7, 6)),
            ("12 février 2008", ymd(2008, 2, 12)),
            ("12 fevrier 2008", ymd(2008, 2, 12)),
            ("12 févr. 2008", ymd(2008, 2, 12)),
            ("3 août 2011", ymd(2011, 8, 3)),
            ("3 aout 2011", ymd(2011, 8, 3)),
            ("9 déc. 2014", ymd(2014, 12, 9)),
            ("9 decembre 2014", ymd(2014, 12, 9)),
            ("July 6, 2010", ymd(2010, 7, 6)),
            ("July 6 2010", ymd(2010, 7, 6)),
            ("Jul. 6th, 2010", ymd(2010, 7, 6)),
            ("6 July 2010", ymd(2010, 7, 6)),
            ("Sept. 21, 2009", ymd(2009, 9, 21)),
            ("21 sept. 2009", ymd(2009, 9, 21)),
            ("juillet 2010", ymd(2010, 7, 1)),
            ("July 2010", ymd(2010, 7, 1)),
            ("janv. 2005", ymd(2005, 1, 1)),
        ];
        for (text, date) in cases {
            assert_eq!(parse(text), Some(date), "{text}");
        }
    }

    #[test]
    fn day_and_month_order() {
        // Day first unless only month first makes a date.
        assert_eq!(parse("03/04/2012"), Some(ymd(2012, 4, 3)));
        assert_eq!(parse("04/26/2012"), Some(ymd(2012, 4, 26)));
        assert_eq!(parse("31/02/2012"), None);
    }

    #[test]
    fn only_a_month_has_no_day() {
        assert!(!find("juillet 2010").unwrap().has_day);
        assert!(find("6 juillet 2010").unwrap().has_day);
    }

    #[test]
    fn finds_dates_inside_text_with_their_span() {
        let text = "Réunion du CT du mardi 6 juillet 2010 :";
        let found = find(text).unwrap();
        assert_eq!((found.date, &text[found.span.clone()]), (ymd(2010, 7, 6), "6 juillet 2010"));
        let text = "'''2010-07-06''' (CT)";
        assert_eq!(&text[find(text).unwrap().span], "2010-07-06");
        assert_eq!(find("le gel sera revu en décembre 2010.").unwrap().date, ymd(2010, 12, 1));
    }

    #[test]
    fn what_is_not_a_date() {
        for text in [
            "6 juillet",
            "2010",
            "version 1.2.10",
            "10/06/2010/2",
            "salle 12, 2010 personnes",
            "Jan a dit",
            "mai 1789",
            "32 juillet 2010",
            "12 000 $",
            "ref A12/06/2010",
            "1.2.3.2010",
            "2010-13-01",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
