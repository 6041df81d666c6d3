//! URL helpers: links between pages are written relative, so that the site
//! works under any path prefix of any static host and from `file://`.

/// The relative href from the page at URL `from` to the URL `to` (both
/// site paths starting with `/`; directory URLs end with `/`).
pub fn relative(from: &str, to: &str) -> String {
    if from == MARKED {
        return format!("{MARK}{to}");
    }
    let from_dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
    let from_parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let (to_path, fragment) = match to.find('#') {
        Some(i) => (&to[..i], &to[i..]),
        None => (to, ""),
    };
    let to_parts: Vec<&str> = to_path.split('/').filter(|s| !s.is_empty()).collect();
    let to_is_dir = to_path.ends_with('/');
    let common = from_parts.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from_parts.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if to_is_dir && to_parts.len() > common {
        out.push('/');
    }
    if out.is_empty() {
        out.push_str("./");
    }
    out.push_str(fragment);
    out
}

/// Starts a link that [`relativize`] makes relative once the page it
/// lands on is known: the register's rows are rendered once per language,
/// then shown on many pages. Only `href="` followed by the mark is
/// rewritten, so that the character in any text stays as written.
pub const MARK: char = '\u{E000}';

/// The `from` of a [`Linker`](super::context::Linker) whose links are
/// marked site paths (`MARK` + `/decisions/x/`), not relative ones.
pub const MARKED: &str = "\u{E000}";

/// Rewrites every marked link (`href`) and image (`src`) of a page at URL
/// `from` as the relative link [`relative`] gives: the page reads as if
/// its rows, or the texts it shows, were rendered for it.
pub fn relativize(html: String, from: &str) -> String {
    rewrite_marked(html, |path| relative(from, path))
}

/// Rewrites every marked link and image as an absolute URL under
/// `base_url`: for a page read outside the site (`cahier report --at`).
pub fn absolutize(html: String, base_url: &str) -> String {
    rewrite_marked(html, |path| absolute(base_url, path))
}

fn rewrite_marked(html: String, rewrite: impl Fn(&str) -> String) -> String {
    const MARKED_ATTR: &str = "=\"\u{E000}";
    if !html.contains(MARKED_ATTR) {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(i) = rest.find(MARKED_ATTR) {
        let attribute_ok = rest[..i].ends_with(" href") || rest[..i].ends_with(" src");
        if !attribute_ok {
            // The mark in some other attribute's text stays as written.
            let keep = i + MARKED_ATTR.len();
            out.push_str(&rest[..keep]);
            rest = &rest[keep..];
            continue;
        }
        out.push_str(&rest[..i + "=\"".len()]);
        let after = &rest[i + MARKED_ATTR.len()..];
        let end = after.find(|c: char| matches!(c, '"' | '\'' | '<' | '>') || c.is_whitespace()).unwrap_or(after.len());
        out.push_str(&rewrite(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The absolute URL of the site path `path` (`/decisions/x/`) under the
/// site's `base_url` (which ends with `/`): for feeds, the sitemap,
/// canonical links and reports read outside the site.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}{}", path.trim_start_matches('/'))
}

/// The prefix from a page to the site root: `../../` for `/a/b/`.
pub fn root_prefix(from: &str) -> String {
    let depth = from.matches('/').count().saturating_sub(1);
    "../".repeat(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative("/a/b/", "/a/c/"), "../c/");
        assert_eq!(relative("/a/b/", "/a/b/"), "./");
        assert_eq!(relative("/", "/x/"), "x/");
        assert_eq!(relative("/en/a/", "/"), "../../");
        assert_eq!(relative("/a/b/", "/images/l.svg"), "../../images/l.svg");
        assert_eq!(relative("/a/", "/a/#h"), "./#h");
        assert_eq!(relative("/404.html", "/x/"), "x/");
    }

    #[test]
    fn marked_links_become_relative_to_their_page() {
        let row = format!("<a href=\"{}\">x</a> <a href=\"{}\">y</a>", relative(MARKED, "/decisions/a/"), relative(MARKED, "/topics/t/#h"));
        assert_eq!(relativize(row.clone(), "/topics/u/"), "<a href=\"../../decisions/a/\">x</a> <a href=\"../t/#h\">y</a>");
        assert_eq!(relativize(row, "/decisions/"), "<a href=\"a/\">x</a> <a href=\"../topics/t/#h\">y</a>");
        let text = "<p>\u{E000}/x</p>".to_string();
        assert_eq!(relativize(text.clone(), "/a/"), text);
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix("/"), "");
        assert_eq!(root_prefix("/a/b/"), "../../");
        assert_eq!(root_prefix("/404.html"), "");
    }
}
