//! Search: the shared text analysis, and (later stages) the indexes built
//! from it.

pub mod analysis;
