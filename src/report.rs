//! Renders diagnostics for people (like rustc: the source line, a caret, the
//! hint) and for machines (JSON, GitHub workflow annotations).

use std::collections::HashMap;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::diagnostic::{counts, Diagnostic, Level};

/// Output formats of `cahier check` (and of build errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// Prints diagnostics to stdout in the given format.
pub fn print(root: &Path, diags: &[Diagnostic], format: Format) {
    match format {
        Format::Human => {
            use std::io::IsTerminal;
            let choice = if std::env::var_os("NO_COLOR").is_some() || !std::io::stderr().is_terminal() {
                ColorChoice::Never
            } else {
                ColorChoice::Auto
            };
            let mut out = StandardStream::stderr(choice);
            render_human(root, diags, &mut out);
        }
        Format::Json => println!("{}", render_json(diags)),
        Format::Github => print!("{}", render_github(diags)),
    }
}

/// rustc-style text, with the source line and a caret under the column.
pub fn render_human(root: &Path, diags: &[Diagnostic], out: &mut dyn WriteColor) {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&str, Option<usize>> = HashMap::new();
    let config = Config::default();
    for d in diags {
        let file_id = *ids.entry(&d.file).or_insert_with(|| {
            let text = std::fs::read(root.join(&d.file)).ok()?;
            let text = String::from_utf8_lossy(&text).replace("\r\n", "\n");
            Some(files.add(d.file.clone(), text))
        });
        let severity = match d.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        };
        let mut cs = CsDiagnostic::new(severity).with_code(d.code.as_str()).with_message(&d.message);
        let mut shown = false;
        if let Some(id) = file_id {
            if let Ok(src) = files.get(id) {
                if let Some(offset) = byte_offset(src.source(), d.line, d.column) {
                    let end = next_char_boundary(src.source(), offset);
                    cs = cs.with_labels(vec![Label::primary(id, offset..end)]);
                    shown = true;
                }
            }
        }
        let mut notes = Vec::new();
        if !shown {
            notes.push(format!("at {}:{}:{}", d.file, d.line, d.column));
        }
        if let Some(hint) = &d.hint {
            notes.push(format!("hint: {hint}"));
        }
        cs = cs.with_notes(notes);
        let _ = term::emit(out, &config, &files, &cs);
    }
    let (errors, warnings) = counts(diags);
    if errors + warnings > 0 {
        let _ = writeln!(out, "{} error{}, {} warning{}", errors, plural(errors), warnings, plural(warnings));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The byte offset of a 1-based line and character column, if inside the text.
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let rest = &text[start..];
    let line_text = rest.split('\n').next().unwrap_or("");
    let col = line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
    Some(start + col)
}

fn next_char_boundary(text: &str, offset: usize) -> usize {
    text[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8())
}

/// One JSON array of diagnostic objects (spec section 12).
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into())
}

/// GitHub workflow commands, one a line, so a pull request shows each
/// problem on its line.
pub fn render_github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str(" (hint: ");
            message.push_str(hint);
            message.push(')');
        }
        out.push_str(&format!(
            "::{kind} file={},line={},col={},title={}::{}\n",
            escape_property(&d.file),
            d.line,
            d.column,
            d.code,
            escape_data(&message)
        ));
    }
    out
}

/// GitHub's escaping of a command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offset_counts_characters() {
        let text = "ab\nécrit: x\n";
        assert_eq!(byte_offset(text, 2, 1), Some(3));
        assert_eq!(byte_offset(text, 2, 2), Some(5));
        assert_eq!(byte_offset(text, 9, 1), None);
    }

    #[test]
    fn github_escapes_message_and_file() {
        let d = Diagnostic::new(
            crate::diagnostic::Code::BrokenLink,
            Path::new("content/a,b.md"),
            crate::diagnostic::Pos::new(3, 4),
            "50% broken\nlink",
        );
        assert_eq!(render_github(&[d]), "::error file=content/a%2Cb.md,line=3,col=4,title=broken-link::50%25 broken%0Alink\n");
    }
}
