//! cahier: a static site generator for the wiki and decision register of
//! self-managed organisations.
//!
//! The pipeline runs one way, one module per stage: [`load`] reads the
//! files, [`parse`] types their front matter, [`resolve`] builds the
//! register and resolves every reference, [`render`] produces the HTML and
//! [`write`] swaps it into place. [`pipeline`] chains them.

pub mod config;
pub mod diagnostic;
pub mod id;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod new;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod resolve;
pub mod write;

pub use diagnostic::{Code, Diagnostic, Level};
pub use pipeline::{build, compile, Options};
pub mod search;
pub mod serve;
pub mod text;
