//! Search: the searchable documents made from the site (`document`); the
//! tantivy index behind `cahier search` (`store`) and its queries
//! (`engine`, `terminal`); the static index the browser loads
//! (`static_index`); and the rules both searches share, each mirrored in
//! `themes/default/static/search-query.js`: the query syntax (`query`),
//! topics as synonyms (`synonyms`), typing mistakes (`typo`) and proximity
//! (`proximity`). Every path uses the one text analysis of
//! `text::analysis`.

pub mod document;
pub mod engine;
pub mod proximity;
pub mod query;
pub mod static_index;
pub mod store;
pub mod synonyms;
pub mod terminal;
pub mod typo;
