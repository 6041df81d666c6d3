//! The files of a build, as every stage after resolve hands them on:
//! render and search produce them, write puts them on disk, serve keeps
//! them in memory. Below both producers, so that neither imports the other.

use std::path::PathBuf;
use std::sync::Mutex;

/// What goes into one output file.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file copied from the site (an asset or a theme file).
    Copy(PathBuf),
    Static(&'static [u8]),
}

/// One file of the output, relative to the output folder.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub content: Content,
}

/// The output path of a URL: `/a/b/` is `a/b/index.html`.
pub fn output_path(url: &str) -> PathBuf {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        PathBuf::from(format!("{trimmed}index.html"))
    } else {
        PathBuf::from(trimmed)
    }
}

/// Where files go as soon as they are made: a build writes each into its
/// staging folder at once (no site is held whole in memory); `serve` and the
/// tests keep them ([`Collect`]); `check` drops them ([`Discard`]).
pub trait Sink: Sync {
    fn put(&self, output: Output) -> Result<(), SinkError>;
}

/// A file that could not be put where the build goes.
#[derive(Debug)]
pub struct SinkError(pub String);

/// Keeps every file, in the order they came.
#[derive(Default)]
pub struct Collect(Mutex<Vec<Output>>);

impl Collect {
    pub fn into_outputs(self) -> Vec<Output> {
        self.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for Collect {
    fn put(&self, output: Output) -> Result<(), SinkError> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(output);
        Ok(())
    }
}

/// Drops every file: `check` renders to find template errors, not to keep
/// the result.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: Output) -> Result<(), SinkError> {
        Ok(())
    }
}
