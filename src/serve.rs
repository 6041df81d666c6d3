//! `cahier serve`: builds the site into memory, serves it on loopback,
//! rebuilds when a file the build reads changes and reloads the browser.
//! This module owns what is shown (the last good build, the current errors
//! and the version browsers wait on); `http` owns the connections, and
//! `watch` what is watched and which events count as a change.
//!
//! The last good build keeps being served while the site has errors; the
//! errors are shown over every page (file, line, column, source line and
//! hint, as `check` prints them) until they are fixed.

mod http;
mod watch;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::output::{Content, Output};
use crate::pipeline::{self, Compiled, Failure, Options};
use http::{Answer, News, Reply};

/// What the server shows: the last good site, the current errors, and a
/// version number that browsers wait on, with what each version changed,
/// so that a browser reloads only for a change of what it shows.
#[derive(Default)]
struct State {
    files: Arc<HashMap<String, Arc<Vec<u8>>>>,
    errors: Option<String>,
    version: u64,
    /// Per output file, the version that last changed it (or removed it).
    changed_at: HashMap<String, u64>,
    /// The last version every page reloads for: the errors shown changed,
    /// or a file pages may use that is neither a page, a stylesheet nor
    /// the search's index (which searches fetch fresh).
    everyone: u64,
    /// The last version that changed a stylesheet.
    styles: u64,
    /// The last version that changed a page.
    pages: u64,
}

impl State {
    /// Makes a new version of what `differ` (output paths) and, when
    /// `errors_changed`, the errors changed.
    fn record(&mut self, differ: Vec<String>, errors_changed: bool) {
        self.version += 1;
        let v = self.version;
        if errors_changed {
            self.everyone = v;
        }
        for path in differ {
            if path.ends_with(".css") {
                self.styles = v;
            } else if path.ends_with(".html") {
                self.pages = v;
            } else if !path.starts_with("search/") {
                self.everyone = v;
            }
            self.changed_at.insert(path, v);
        }
    }

    /// What the changes after version `since` mean for the page at URL
    /// path `page` (any page when `None`).
    fn news(&self, since: u64, page: Option<&str>) -> News {
        if since == self.version {
            return News::Nothing;
        }
        // A version this server never gave: a page from an earlier run.
        if since > self.version || self.everyone > since {
            return News::Reload;
        }
        let changed = |key: &str| self.changed_at.get(key).is_some_and(|&v| v > since);
        let page_changed = match page {
            // The file served at that path, whichever of these it is (a
            // page created or removed there included).
            Some(path) => {
                let key = output_key(path);
                changed(&key) || changed(&format!("{key}/index.html")) || changed("404.html")
            }
            None => self.pages > since,
        };
        if page_changed {
            News::Reload
        } else if self.styles > since {
            News::Styles
        } else {
            News::Nothing
        }
    }
}

/// The output file a URL path names first: `index.html` for a folder. What
/// is served at that path, and what a page waiting there watches.
fn output_key(path: &str) -> String {
    let mut key = crate::text::percent_decode(path.trim_start_matches('/'));
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    key
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
}

/// Serves the site at `opts.root`. `give_back` is called once the work
/// left for a quiet moment is done: the allocator's hook to return what
/// that work freed, which the binary, where the allocator is chosen,
/// provides (see `main.rs`).
pub fn serve(opts: Options, bind: &str, port: u16, open: bool, give_back: fn()) -> Result<(), String> {
    let shared = Arc::new(Shared::default());
    let server = bind_free(bind, port)?;
    if !server.addr.ip().is_loopback() {
        eprintln!("warning: listening on {}: the site is visible to every machine that can reach this one", server.addr);
    }
    // Watching starts before the first build, so that no edit made during
    // it goes unseen; its events wait until the build is done.
    let watch = watch::start(&opts.root, &opts.out);
    let mut session = Session { give_back, ..Session::default() };
    session.rebuild(&opts, &shared, None);
    let url = format!("http://{}/", server.addr);
    eprintln!("serving {} at {url} (Ctrl-C to stop)", pipeline::display_root(&opts.root));
    if open {
        open_browser(&url);
    }
    if let Some(watch) = watch {
        let waker = server.waker();
        let rebuilt = Arc::clone(&shared);
        let session = Arc::new(Mutex::new(session));
        let session_idle = Arc::clone(&session);
        let shared_idle = Arc::clone(&shared);
        let on_change = move |change: &watch::Change| {
            // If waking fails, waiting browsers learn of the change at
            // their next deadline instead.
            let wake = || {
                let _ = waker.wake();
            };
            session.lock().unwrap_or_else(|e| e.into_inner()).update(&opts, &rebuilt, change, &wake);
        };
        let idle = move || session_idle.lock().unwrap_or_else(|e| e.into_inner()).idle(&shared_idle);
        watch.spawn(on_change, idle);
    }
    server.run(shared.as_ref())
}

/// Binds `port`, or when it is taken the next free one (and says so).
fn bind_free(bind: &str, port: u16) -> Result<http::Server, String> {
    let mut first_error = None;
    for candidate in port..=port.saturating_add(20) {
        match http::Server::bind(bind, candidate) {
            Ok(server) => {
                if candidate != port {
                    eprintln!("port {port} is taken; using {candidate}");
                }
                return Ok(server);
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| format!("cannot listen on {bind}:{port}")))
}

/// Opens the site in the default browser; failing to is a warning.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = command {
        eprintln!("warning: cannot open a browser ({e}); open {url}");
    }
}

/// The last build, kept while it has no errors, so that an edit is
/// applied to it (`pipeline::patch`, `pipeline::splice`) instead of
/// building the whole site again. A build with errors drops it: what is
/// shown then is an older site with an overlay, which only a full build
/// may clear.
struct Session {
    compiled: Option<Compiled>,
    /// What the edits applied left for a quiet moment.
    pending: Pending,
    /// Returns freed memory to the system; see [`serve`].
    give_back: fn(),
}

impl Default for Session {
    fn default() -> Session {
        Session { compiled: None, pending: Pending::Nothing, give_back: || {} }
    }
}

/// Work an edit leaves until edits pause, in growing order of size.
#[derive(Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    #[default]
    Nothing,
    /// The search index's term files (after a patch).
    Index,
    /// The register's views, listings, exports and search index (after a
    /// splice).
    Rest,
}

impl Session {
    /// Makes what the edits left once edits pause: it depends on every
    /// page and takes a while at 10,000 pages, and a person saving again
    /// soon should not wait for it. The search's files are shown without a
    /// reload (searches fetch them fresh); views and listings reload the
    /// browsers when they changed.
    fn idle(&mut self, shared: &Shared) {
        let pending = std::mem::take(&mut self.pending);
        if pending == Pending::Nothing {
            return;
        }
        let Some(compiled) = self.compiled.as_ref() else { return };
        let started = Instant::now();
        match pending {
            Pending::Nothing => {}
            Pending::Index => {
                if let Some(outputs) = pipeline::reindex(compiled) {
                    shared.replace(outputs);
                    eprintln!("search index updated in {} ms", started.elapsed().as_millis());
                }
            }
            Pending::Rest => {
                if let Some(outputs) = pipeline::finish(compiled) {
                    let n = shared.replace(outputs);
                    eprintln!(
                        "register views, listings, exports and search index updated ({n} files changed) in {} ms",
                        started.elapsed().as_millis()
                    );
                }
            }
        }
        (self.give_back)();
    }

    /// Shows the effect of a change: by patching the last build when only
    /// one wiki page's text changed, by splicing pages into it when pages
    /// changed in place, else by building again.
    fn update(&mut self, opts: &Options, shared: &Shared, change: &watch::Change, wake: &dyn Fn()) {
        let started = Instant::now();
        if let (Some(file), Some(compiled)) = (change.single_page(), self.compiled.as_mut()) {
            if let Some(patched) = pipeline::patch(compiled, opts, file) {
                shared.replace(patched.outputs);
                wake();
                eprintln!("1 file changed, {} page re-rendered in {} ms", patched.pages, started.elapsed().as_millis());
                self.pending = self.pending.max(Pending::Index);
                return;
            }
        }
        let files = change.written.len() + usize::from(change.other);
        if !change.other && !change.written.is_empty() {
            if let Some((compiled, spliced)) = self.compiled.take().and_then(|c| pipeline::splice(c, opts, &change.written)) {
                shared.replace(spliced.outputs);
                wake();
                let s = if files == 1 { "" } else { "s" };
                eprintln!("{files} file{s} changed, {} pages re-rendered in {} ms", spliced.pages, started.elapsed().as_millis());
                print_warnings(opts, &compiled);
                self.compiled = Some(compiled);
                self.pending = Pending::Rest;
                return;
            }
        }
        self.pending = Pending::Nothing;
        if change.theme_only {
            // Templates and theme files: the Markdown is read as it was.
            if let Some(compiled) = self.compiled.take() {
                if self.show(opts, shared, started, Some(files), pipeline::rerender(compiled, opts)) {
                    wake();
                }
                return;
            }
        }
        if self.rebuild(opts, shared, Some(files)) {
            wake();
        }
    }

    /// Compiles the site and shows the result. Returns whether what is shown
    /// changed: a rebuild with the same output and the same errors does not
    /// reload the browsers.
    fn rebuild(&mut self, opts: &Options, shared: &Shared, changed: Option<usize>) -> bool {
        let started = Instant::now();
        self.show(opts, shared, started, changed, pipeline::compile(opts))
    }

    /// Shows the result of a build that started at `started`.
    fn show(
        &mut self,
        opts: &Options,
        shared: &Shared,
        started: Instant,
        changed: Option<usize>,
        result: Result<Compiled, Failure>,
    ) -> bool {
        // Only this thread changes the state: the snapshot stays current, and
        // the comparison below runs without holding the lock.
        let (shown_files, shown_errors) = {
            let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            (Arc::clone(&state.files), state.errors.clone())
        };
        let (files, errors) = match result {
            Ok(mut compiled) if !compiled.has_errors() => {
                let files = Arc::new(in_memory(std::mem::take(&mut compiled.outputs)));
                let pages = compiled.site.as_ref().map_or(0, |s| s.pages.len());
                let ms = started.elapsed().as_millis();
                match changed {
                    Some(n) => eprintln!("{n} file{} changed, {pages} pages re-rendered in {ms} ms", if n == 1 { "" } else { "s" }),
                    None => eprintln!("built {pages} pages ({} files) in {ms} ms", files.len()),
                }
                print_warnings(opts, &compiled);
                self.compiled = Some(compiled);
                (files, None)
            }
            Ok(compiled) => {
                // Patching applies to a site without errors only.
                self.compiled = None;
                let mut text = Vec::new();
                let mut out = codespan_reporting::term::termcolor::NoColor::new(&mut text);
                crate::report::render_human(&opts.root, &compiled.diagnostics, &mut out);
                let text = String::from_utf8_lossy(&text).into_owned();
                eprint!("{text}");
                (shown_files.clone(), Some(text))
            }
            Err(Failure::Template(e) | Failure::Io(e)) => {
                self.compiled = None;
                eprintln!("error: {e}");
                (shown_files.clone(), Some(e))
            }
            Err(Failure::Site) => {
                self.compiled = None;
                (shown_files.clone(), shown_errors.clone())
            }
        };
        let differ = if Arc::ptr_eq(&files, &shown_files) { Vec::new() } else { differing(&files, &shown_files) };
        let changed = errors != shown_errors || !differ.is_empty();
        if changed {
            let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            state.files = files;
            state.record(differ, errors != shown_errors);
            state.errors = errors;
        } else {
            eprintln!("no change: browsers are not reloaded");
        }
        changed
    }
}

impl Shared {
    /// Replaces some files of what is shown, and tells the browsers that
    /// show one that differs. Returns how many differed.
    fn replace(&self, outputs: Vec<Output>) -> usize {
        let changed = in_memory(outputs);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let differ: Vec<String> = changed.iter().filter(|(k, v)| state.files.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect();
        if differ.is_empty() {
            return 0;
        }
        let mut files = (*state.files).clone();
        files.extend(changed);
        state.files = Arc::new(files);
        let n = differ.len();
        state.record(differ, false);
        n
    }
}

fn print_warnings(opts: &Options, compiled: &Compiled) {
    if !compiled.diagnostics.is_empty() {
        crate::report::print(&opts.root, &compiled.diagnostics, crate::report::Format::Human);
    }
}

fn in_memory(outputs: Vec<Output>) -> HashMap<String, Arc<Vec<u8>>> {
    outputs
        .into_iter()
        .filter_map(|Output { path, content }| {
            let bytes = match content {
                Content::Bytes(b) => b,
                Content::Static(b) => b.to_vec(),
                Content::Copy(src) => std::fs::read(src).ok()?,
            };
            Some((crate::diagnostic::display_path(&path), Arc::new(bytes)))
        })
        .collect()
}

/// The paths whose bytes differ between two sets of files (either side).
fn differing(a: &HashMap<String, Arc<Vec<u8>>>, b: &HashMap<String, Arc<Vec<u8>>>) -> Vec<String> {
    let mut out: Vec<String> = a.iter().filter(|(k, v)| b.get(*k).is_none_or(|w| w != *v)).map(|(k, _)| k.clone()).collect();
    out.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
    out
}

impl http::Site for Shared {
    fn news(&self, since: u64, page: Option<&str>) -> News {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).news(since, page)
    }

    fn version(&self) -> u64 {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).version
    }

    fn answer(&self, url: &str) -> Answer {
        respond(url, self)
    }
}

fn respond(url: &str, shared: &Shared) -> Answer {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == "/__cahier/wait" {
        let param = |name: &str| query.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='));
        let since: u64 = param("v").and_then(|v| v.parse().ok()).unwrap_or(0);
        return Answer::Wait { since, page: param("p").map(crate::text::percent_decode) };
    }
    let key = output_key(path);
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let (status, key) = if state.files.contains_key(&key) {
        (200, key)
    } else if state.files.contains_key(&format!("{key}/index.html")) {
        // A folder asked without its slash (so `key` is the path as is).
        return Answer::Reply(Reply::text(301, "").header("Location", format!("/{key}/")));
    } else {
        (404, "404.html".to_string())
    };
    let body = state.files.get(&key).cloned();
    let errors = state.errors.clone();
    let version = state.version;
    drop(state);
    let content_type = content_type(&key);
    let mut bytes = body.unwrap_or_else(|| Arc::new(b"not found".to_vec()));
    if content_type.starts_with("text/html") {
        bytes = Arc::new(inject(&bytes, version, errors.as_deref()));
    }
    Answer::Reply(Reply::new(status, content_type, bytes).header("Cache-Control", "no-store"))
}

/// Adds the live-reload script, and the error overlay when the last
/// rebuild failed.
fn inject(html: &[u8], version: u64, errors: Option<&str>) -> Vec<u8> {
    let mut extra = format!(
        "<script>(function(){{var v={version};function w(){{fetch('/__cahier/wait?v='+v+'&p='+encodeURIComponent(location.pathname)).then(function(r){{return r.text()}}).then(function(t){{var p=t.split(' ');if(+p[0]===v){{w()}}else if(p[1]==='css'){{v=+p[0];document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){{var u=new URL(l.href);u.searchParams.set('v',v);l.href=u.href}});w()}}else{{location.reload()}}}}).catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>"
    );
    if let Some(errors) = errors {
        extra.push_str(&format!(
            "<div id=\"cahier-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#2b0a0a;color:#ffdede;font:13px/1.4 ui-monospace,monospace;padding:1em;z-index:9999;border-top:4px solid #e33\"><strong>cahier: the site has errors; showing the last good build.</strong><pre style=\"white-space:pre-wrap\">{}</pre></div>",
            crate::text::escape_html(errors)
        ));
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_reloads_for_a_change_of_what_it_shows_only() {
        let mut state = State::default();
        state.record(vec!["index.html".into(), "decisions/a/index.html".into()], false);
        let loaded = state.version;
        // The register's views change after an edit: a decision's page
        // waits on.
        state.record(vec!["decisions/index.html".into(), "search/t/ab.js".into()], false);
        assert_eq!(state.news(loaded, Some("/decisions/a/")), News::Nothing);
        assert_eq!(state.news(loaded, Some("/decisions/")), News::Reload);
        assert_eq!(state.news(loaded, Some("/decisions/index.html")), News::Reload);
        // A waiter that names no page reloads for any page.
        assert_eq!(state.news(loaded, None), News::Reload);
        // Then a stylesheet: swapped, unless the page changed too.
        state.record(vec!["style.css".into()], false);
        assert_eq!(state.news(loaded, Some("/decisions/a/")), News::Styles);
        assert_eq!(state.news(loaded, Some("/decisions/")), News::Reload);
        // Errors, an image, or a version never given: every page reloads.
        let now = state.version;
        assert_eq!(state.news(now, Some("/decisions/a/")), News::Nothing);
        state.record(Vec::new(), true);
        assert_eq!(state.news(now, Some("/decisions/a/")), News::Reload);
        let now = state.version;
        state.record(vec!["logo.png".into()], false);
        assert_eq!(state.news(now, Some("/decisions/a/")), News::Reload);
        assert_eq!(state.news(state.version + 5, Some("/decisions/a/")), News::Reload);
        // A page removed or created at that path, percent-encoded or not.
        let now = state.version;
        state.record(vec!["sécurité/index.html".into()], false);
        assert_eq!(state.news(now, Some("/s%C3%A9curit%C3%A9/")), News::Reload);
    }
}
