//! The files of a build, as every stage after resolve hands them on:
//! render and search produce them, write puts them on disk, serve keeps
//! them in memory. Below both producers, so that neither imports the other.

use std::path::PathBuf;

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
