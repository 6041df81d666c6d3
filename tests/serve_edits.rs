//! `cahier serve` after each kind of edit: what it serves is, file for
//! file, what a full build of the edited site makes, and an edit of one wiki
//! page's text re-renders that page alone.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cahier::output::Content;
use cahier::pipeline::{self, Options};

struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    fn start(root: &Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = root.with_extension("serve.log");
        let child = Command::new(env!("CARGO_BIN_EXE_cahier"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let server = Server { child, port, log };
        server.wait_until(|s| s.get("/").is_some_and(|(status, _)| status == 200), "the first build");
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The status and body of a GET.
    fn get(&self, path: &str) -> Option<(u16, Vec<u8>)> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
        s.write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes()).ok()?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).ok()?;
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&buf[..end]);
        let status = head.split_whitespace().nth(1)?.parse().ok()?;
        Some((status, buf[end + 4..].to_vec()))
    }

    fn wait_until(&self, done: impl Fn(&Server) -> bool, what: &str) {
        let start = Instant::now();
        while !done(self) {
            assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}; log:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the log has `n` lines containing `text`.
    fn wait_for_log(&self, text: &str, n: usize) {
        self.wait_until(|s| s.log().matches(text).count() >= n, text);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Removes the live-reload script (and nothing else) that serve adds to pages.
fn without_reload_script(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let Some(start) = text.rfind("<script>(function(){var v=") else { return html.to_vec() };
    let end = text[start..].find("</script>").map_or(text.len(), |i| start + i + "</script>".len());
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// Every file a full build of `root` makes is served, byte for byte.
fn assert_serves_a_full_build(server: &Server, root: &Path, step: &str) {
    let mut opts = Options::new(root);
    opts.search_cache = None;
    let compiled = pipeline::compile(&opts).unwrap_or_else(|_| panic!("{step}: the edited site compiles"));
    assert!(!compiled.has_errors(), "{step}: the edited site has no errors");
    let mut different = Vec::new();
    for output in &compiled.outputs {
        let expected = match &output.content {
            Content::Bytes(b) => b.clone(),
            Content::Static(b) => b.to_vec(),
            Content::Copy(src) => std::fs::read(src).unwrap(),
        };
        let path = output.path.to_string_lossy().replace('\\', "/");
        let served = server.get(&format!("/{path}")).filter(|(status, _)| *status == 200).map(|(_, body)| body);
        let served = served.map(|b| if path.ends_with(".html") { without_reload_script(&b) } else { b });
        if served.as_deref() != Some(&expected[..]) {
            different.push(path);
        }
    }
    assert!(
        different.is_empty(),
        "{step}: {} served files differ from a full build: {:?}",
        different.len(),
        &different[..different.len().min(10)]
    );
}

/// How many pages the `n`th edit applied to the last build re-rendered,
/// as the log says (`1 file changed, 7 pages re-rendered in 38 ms`).
fn rerendered_pages(log: &str, n: usize) -> usize {
    let line =
        log.lines().filter(|l| l.contains("pages re-rendered in")).nth(n - 1).unwrap_or_else(|| panic!("edit {n} in the log:\n{log}"));
    line.split(" changed, ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count in {line:?}"))
}

/// How many pages the first build made (`built 150 pages (…) in …`).
fn built_pages(log: &str) -> usize {
    let line = log.lines().find(|l| l.starts_with("built ")).unwrap_or_else(|| panic!("the first build in the log:\n{log}"));
    line.split(' ').nth(1).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("a count in {line:?}"))
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn every_kind_of_edit_serves_what_a_full_build_makes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&example.join("content"), &root.join("content"));
    std::fs::copy(example.join("site.yaml"), root.join("site.yaml")).unwrap();
    let server = Server::start(&root);
    assert_serves_a_full_build(&server, &root, "first build");

    // A paragraph of a wiki page: that page alone, then the search index.
    let page = root.join("content/procedures/accueil-nouveau-membre.md");
    edit(&page, "Cette page s'adresse", "Cette page, relue en décembre, s'adresse");
    server.wait_for_log("search index updated", 1);
    assert!(server.log().contains("1 file changed, 1 page re-rendered"), "{}", server.log());
    let (_, html) = server.get("/procedures/accueil-nouveau-membre/").unwrap();
    assert!(String::from_utf8_lossy(&html).contains("relue en décembre"));
    assert_serves_a_full_build(&server, &root, "a paragraph of a wiki page");

    // A decision's topics: the whole register may change.
    let decision = root.join("content/decisions/2006-02-21-taux-horaire-unique.md");
    edit(&decision, "topics: [remuneration]", "topics: [remuneration, embauche]");
    server.wait_for_log("register views, listings, exports and search index updated", 1);
    let pages = built_pages(&server.log());
    let rerendered = rerendered_pages(&server.log(), 1);
    assert!(
        rerendered >= 1 && rerendered * 5 <= pages,
        "a decision's topics re-render the pages that show it, not the site: {rerendered} of {pages}"
    );
    assert_serves_a_full_build(&server, &root, "a decision's topics");

    // Which decision it replaces: the one replaced, and what shows it,
    // change too.
    let later = root.join("content/decisions/2008-06-03-notes-de-frais.md");
    edit(&later, "topics: [depenses]", "topics: [depenses]\nsupersedes: [2007-09-11-premiers-postes-salaries]");
    server.wait_for_log("register views, listings, exports and search index updated", 2);
    let rerendered = rerendered_pages(&server.log(), 2);
    assert!(
        rerendered >= 2 && rerendered * 5 <= pages,
        "a supersession re-renders the pages that show either decision: {rerendered} of {pages}"
    );
    assert_serves_a_full_build(&server, &root, "a supersession");

    // A decision's title, which every page linking to it shows.
    let text = std::fs::read_to_string(&later).unwrap();
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    edit(&later, &title, "title: Notes de frais, règle renommée");
    server.wait_for_log("register views, listings, exports and search index updated", 3);
    assert!(rerendered_pages(&server.log(), 3) * 5 <= pages, "{}", server.log());
    assert_serves_a_full_build(&server, &root, "a decision's title");

    // The committee that took it: the page of the one named now lists it,
    // though it showed nothing of it before.
    edit(&later, "by: finances", "by: ag");
    server.wait_for_log("register views, listings, exports and search index updated", 4);
    assert!(rerendered_pages(&server.log(), 4) * 5 <= pages, "{}", server.log());
    assert_serves_a_full_build(&server, &root, "a decision's committee");

    // A decision with a warning (taken outside its committee's mandate):
    // the warning stays, and the edit is spliced all the same.
    let warned = root.join("content/decisions/2011-05-03-appel-de-candidatures-public.md");
    edit(&warned, "affiché trois semaines", "affiché quatre semaines");
    server.wait_for_log("register views, listings, exports and search index updated", 5);
    assert!(rerendered_pages(&server.log(), 5) * 5 <= pages, "{}", server.log());
    assert!(server.log().matches("warning[outside-mandate]").count() >= 2, "the warning is still reported:\n{}", server.log());
    assert_serves_a_full_build(&server, &root, "a decision with a warning");

    // A page created, then deleted.
    let new_page = root.join("content/wiki/nouvelle-page.md");
    std::fs::write(&new_page, "---\ntitle: Une nouvelle page\n---\nElle parle de [[Guide d'accueil]].\n").unwrap();
    server.wait_until(|s| s.get("/wiki/nouvelle-page/").is_some_and(|(status, _)| status == 200), "the new page");
    assert_serves_a_full_build(&server, &root, "a page created");
    let renamed = root.join("content/wiki/autre-page.md");
    std::fs::rename(&new_page, &renamed).unwrap();
    server.wait_until(|s| s.get("/wiki/autre-page/").is_some_and(|(status, _)| status == 200), "the page renamed");
    assert_eq!(server.get("/wiki/nouvelle-page/").map(|(s, _)| s), Some(404));
    assert_serves_a_full_build(&server, &root, "a page renamed");
    std::fs::remove_file(&renamed).unwrap();
    server.wait_until(|s| s.get("/wiki/autre-page/").is_some_and(|(status, _)| status == 404), "the page deleted");
    assert_serves_a_full_build(&server, &root, "a page deleted");

    // A page others link to, deleted: the links are shown broken over the
    // last good site, until the page comes back.
    let linked = root.join("content/procedures/evaluation.md");
    let text = std::fs::read_to_string(&linked).unwrap();
    std::fs::remove_file(&linked).unwrap();
    server.wait_until(|s| s.get("/").is_some_and(|(_, b)| String::from_utf8_lossy(&b).contains("broken-link")), "the broken links shown");
    std::fs::write(&linked, text).unwrap();
    server.wait_until(|s| s.get("/").is_some_and(|(_, b)| !String::from_utf8_lossy(&b).contains("cahier-errors")), "the errors gone");
    assert_serves_a_full_build(&server, &root, "a linked page deleted and restored");

    // A template, overridden by the site's theme folder: rendered again
    // without reading the Markdown.
    let template = root.join("themes/default/templates/page.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    let builtin = std::fs::read_to_string(example.join("themes/default/templates/page.html")).unwrap();
    std::fs::write(&template, builtin.replace("<article class=\"page\">", "<article class=\"page edited\">")).unwrap();
    server.wait_until(
        |s| s.get("/procedures/accueil-nouveau-membre/").is_some_and(|(_, b)| String::from_utf8_lossy(&b).contains("page edited")),
        "the new template",
    );
    assert_serves_a_full_build(&server, &root, "a template");

    // The stylesheet: pages waiting for a change are told to swap it, not
    // to reload.
    let version = server.get("/__cahier/wait?v=999999").map(|(_, b)| String::from_utf8_lossy(&b).trim().to_string()).unwrap();
    assert!(version.parse::<u64>().is_ok(), "a page from another run reloads: {version:?}");
    let css = root.join("themes/default/static/style.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "body { color: #123456; }\n").unwrap();
    server.wait_until(|s| s.get("/style.css").is_some_and(|(_, b)| b.starts_with(b"body { color: #123456")), "the new stylesheet");
    let (_, answer) = server.get(&format!("/__cahier/wait?v={version}")).unwrap();
    assert!(String::from_utf8_lossy(&answer).ends_with(" css"), "a stylesheet change is a swap: {:?}", String::from_utf8_lossy(&answer));
    assert_serves_a_full_build(&server, &root, "the stylesheet");

    // site.yaml: everything may change.
    edit(&root.join("site.yaml"), "title:", "title: Nouveau titre —");
    server.wait_until(|s| s.get("/").is_some_and(|(_, b)| String::from_utf8_lossy(&b).contains("Nouveau titre")), "the new title");
    assert_serves_a_full_build(&server, &root, "site.yaml");
}

/// However an editor saves, one save is one rebuild: by writing a
/// temporary file and renaming it over the page, by truncating the page
/// then writing it, or twice within a few milliseconds.
#[test]
fn each_way_of_saving_makes_exactly_one_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let page = root.join("content/a.md");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(&page, "---\ntitle: Page A\n---\nPremière version.\n").unwrap();
    let server = Server::start(&root);
    let rebuilds = |s: &Server| s.log().matches("re-rendered").count();
    let saved = |s: &Server, text: &str, before: usize| {
        s.wait_until(|s| s.get("/a/").is_some_and(|(_, b)| String::from_utf8_lossy(&b).contains(text)), text);
        // Events still in flight would show now as a second rebuild.
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(rebuilds(s), before + 1, "one save, one rebuild ({text}); log:\n{}", s.log());
    };

    let before = rebuilds(&server);
    let temporary = root.join("content/.a.md.swp");
    std::fs::write(&temporary, "---\ntitle: Page A\n---\nDeuxième version.\n").unwrap();
    std::fs::rename(&temporary, &page).unwrap();
    saved(&server, "Deuxième version", before);

    let before = rebuilds(&server);
    let mut file = std::fs::OpenOptions::new().write(true).truncate(true).open(&page).unwrap();
    std::thread::sleep(Duration::from_millis(5));
    file.write_all(b"---\ntitle: Page A\n---\nTroisi\xc3\xa8me version.\n").unwrap();
    drop(file);
    saved(&server, "Troisième version", before);

    let before = rebuilds(&server);
    std::fs::write(&page, "---\ntitle: Page A\n---\nQuatrième, premier essai.\n").unwrap();
    std::thread::sleep(Duration::from_millis(10));
    std::fs::write(&page, "---\ntitle: Page A\n---\nQuatrième version.\n").unwrap();
    saved(&server, "Quatrième version", before);
}
