//! The decision files an import meets and writes: what `content/decisions/`
//! already holds, and each new file written whole or not at all.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::parse::fields::{parse_date, scalar_string};
use crate::parse::split_front_matter;

/// A decision file already in `content/decisions/`.
#[derive(Debug, Clone)]
pub struct Existing {
    /// Relative to the site root.
    pub path: PathBuf,
    pub date: Option<NaiveDate>,
    pub imported_from: Option<String>,
    /// Its text as compared with a log's items ([`same_text`]).
    pub text: String,
}

/// The form under which two texts are the same: trimmed, every run of
/// white space one space (an editor that rewraps a line changes nothing).
pub fn same_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every Markdown file below `content/decisions/`, read as far as an
/// import needs: a file whose front matter cannot be read still counts,
/// by its name, so that nothing is written over it.
pub fn existing(root: &Path) -> io::Result<Vec<Existing>> {
    let folder = root.join("content").join("decisions");
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let bytes = fs::read(path)?;
        let text = String::from_utf8_lossy(&bytes);
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        out.push(read(rel, &text));
    }
    Ok(out)
}

fn read(path: PathBuf, text: &str) -> Existing {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let Ok(Some(split)) = split_front_matter(&text) else {
        return Existing { path, date: None, imported_from: None, text: same_text(&text) };
    };
    let yaml: serde_yaml::Value = serde_yaml::from_str(split.yaml).unwrap_or(serde_yaml::Value::Null);
    let key = |k: &str| yaml.get(k).and_then(scalar_string);
    Existing { path, date: key("date").as_deref().and_then(parse_date), imported_from: key("imported_from"), text: same_text(split.body) }
}

/// Writes a new file whole: into a hidden temporary file next to it, then
/// linked under its name. A link, unlike a rename, fails when the name is
/// taken, so a file that appeared meanwhile is never replaced; where links
/// are not supported, the name is checked and the file renamed.
pub fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Hidden, so that a build never reads one left by a crash.
    let temp = folder.join(format!(".{name}.cahier-import"));
    let written = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()
    })();
    let placed = written.and_then(|()| match fs::hard_link(&temp, path) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists && !path.exists() => fs::rename(&temp, path),
        other => other,
    });
    // Gone already after a rename.
    let _ = fs::remove_file(&temp);
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_date_origin_and_text() {
        let e = read(
            "content/decisions/x.md".into(),
            "\u{feff}---\r\ntitle: X\r\ndate: 2010-07-06\r\nimported_from: \"log.wiki:12\"\r\n---\r\n\r\nGel  des\r\nembauches.\r\n",
        );
        assert_eq!(e.date, NaiveDate::from_ymd_opt(2010, 7, 6));
        assert_eq!(e.imported_from.as_deref(), Some("log.wiki:12"));
        assert_eq!(e.text, "Gel des embauches.");
    }

    #[test]
    fn never_writes_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.md");
        write_new(&path, "one").unwrap();
        assert_eq!(write_new(&path, "two").unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        let left: Vec<_> = fs::read_dir(dir.path().join("a")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, ["b.md"], "no temporary file left");
    }
}
