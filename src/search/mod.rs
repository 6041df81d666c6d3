//! Search: the searchable documents made from the site (`document`); the
//! tantivy index behind `cahier search` (`engine`, `terminal`); and the
//! static index the browser loads (`static_index`). Every path uses the one
//! text analysis of `text::analysis`.

pub mod document;
pub mod engine;
pub mod proximity;
pub mod query;
pub mod static_index;
pub mod store;
pub mod synonyms;
pub mod terminal;
pub mod typo;
