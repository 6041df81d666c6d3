//! URL helpers: links between pages are written relative, so that the site
//! works under any path prefix of any static host and from `file://`.

/// The relative href from the page at URL `from` to the URL `to` (both
/// site paths starting with `/`; directory URLs end with `/`).
pub fn relative(from: &str, to: &str) -> String {
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
    fn root_prefixes() {
        assert_eq!(root_prefix("/"), "");
        assert_eq!(root_prefix("/a/b/"), "../../");
        assert_eq!(root_prefix("/404.html"), "");
    }
}
