//! Write: puts the rendered files on disk, all or nothing.
//!
//! Files are written into a staging folder next to the output, which then
//! takes the output's place by a rename. A build that fails before this
//! stage writes nothing at all; one that fails during it leaves the previous
//! output as it was.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Content, Output};

/// What the write stage did.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Writes `outputs` as the new content of `out`.
pub fn write(out: &Path, outputs: &[Output]) -> io::Result<WriteStats> {
    let staging = sibling(out, "cahier-new");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    let result = fill(&staging, outputs);
    let stats = match result {
        Ok(stats) => stats,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    swap(&staging, out)?;
    Ok(stats)
}

fn fill(staging: &Path, outputs: &[Output]) -> io::Result<WriteStats> {
    let dirs: BTreeSet<&Path> = outputs.iter().filter_map(|o| o.path.parent()).collect();
    for d in dirs {
        fs::create_dir_all(staging.join(d))?;
    }
    let sizes: Vec<u64> = outputs
        .par_iter()
        .map(|o| {
            let dest = staging.join(&o.path);
            match &o.content {
                Content::Bytes(b) => fs::write(&dest, b).map(|_| b.len() as u64),
                Content::Static(b) => fs::write(&dest, b).map(|_| b.len() as u64),
                Content::Copy(src) => fs::copy(src, &dest),
            }
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dest.display())))
        })
        .collect::<io::Result<_>>()?;
    Ok(WriteStats { files: outputs.len(), bytes: sizes.iter().sum() })
}

/// Puts `staging` in place of `out` with two renames, then removes the old
/// output.
fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let old = sibling(out, "cahier-old");
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(out, &old)?;
        if let Err(e) = fs::rename(staging, out) {
            // Put the previous output back rather than leave nothing.
            let _ = fs::rename(&old, out);
            return Err(e);
        }
        fs::remove_dir_all(&old)?;
    } else {
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(staging, out)?;
    }
    Ok(())
}
