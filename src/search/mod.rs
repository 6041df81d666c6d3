//! Search: one text analysis (`analysis`) shared by every search path; the
//! searchable documents made from the site (`document`); the tantivy index
//! behind `cahier search` (`engine`); and the static index the browser
//! loads (`static_index`).

pub mod analysis;
pub mod document;
pub mod engine;
pub mod query;
pub mod static_index;
pub mod terminal;
