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
use http::{Answer, Reply};

/// What the server shows: the last good site, the current errors, and a
/// version number that browsers wait on to reload.
#[derive(Default)]
struct State {
    files: Arc<HashMap<String, Arc<Vec<u8>>>>,
    errors: Option<String>,
    version: u64,
    /// The last version that changed more than stylesheets.
    full_version: u64,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
}

pub fn serve(opts: Options, bind: &str, port: u16, open: bool) -> Result<(), String> {
    let shared = Arc::new(Shared::default());
    let server = bind_free(bind, port)?;
    if !server.addr.ip().is_loopback() {
        eprintln!("warning: listening on {}: the site is visible to every machine that can reach this one", server.addr);
    }
    // Watching starts before the first build, so that no edit made during
    // it goes unseen; its events wait until the build is done.
    let watch = watch::start(&opts.root, &opts.out);
    let mut session = Session::default();
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
#[derive(Default)]
struct Session {
    compiled: Option<Compiled>,
    /// What the edits applied left for a quiet moment.
    pending: Pending,
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
        let Some(compiled) = self.compiled.as_ref() else { return };
        let started = Instant::now();
        match pending {
            Pending::Nothing => {}
            Pending::Index => {
                if let Some(outputs) = pipeline::reindex(compiled) {
                    shared.replace(outputs, false);
                    eprintln!("search index updated in {} ms", started.elapsed().as_millis());
                }
            }
            Pending::Rest => {
                if let Some(outputs) = pipeline::finish(compiled) {
                    let n = shared.replace(outputs, true);
                    eprintln!(
                        "register views, listings, exports and search index updated ({n} files changed) in {} ms",
                        started.elapsed().as_millis()
                    );
                }
            }
        }
    }

    /// Shows the effect of a change: by patching the last build when only
    /// one wiki page's text changed, by splicing pages into it when pages
    /// changed in place, else by building again.
    fn update(&mut self, opts: &Options, shared: &Shared, change: &watch::Change, wake: &dyn Fn()) {
        let started = Instant::now();
        if let (Some(file), Some(compiled)) = (change.single_page(), self.compiled.as_mut()) {
            if let Some(patched) = pipeline::patch(compiled, opts, file) {
                shared.replace(patched.outputs, true);
                wake();
                eprintln!("1 file changed, {} page re-rendered in {} ms", patched.pages, started.elapsed().as_millis());
                self.pending = self.pending.max(Pending::Index);
                return;
            }
        }
        let files = change.written.len() + usize::from(change.other);
        if !change.other && !change.written.is_empty() {
            if let Some((compiled, spliced)) = self.compiled.take().and_then(|c| pipeline::splice(c, opts, &change.written)) {
                shared.replace(spliced.outputs, true);
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
            let styles_only = errors == shown_errors && differ.iter().all(|path| path.ends_with(".css"));
            let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            state.files = files;
            state.errors = errors;
            state.version += 1;
            if !styles_only {
                state.full_version = state.version;
            }
        } else {
            eprintln!("no change: browsers are not reloaded");
        }
        changed
    }
}

impl Shared {
    /// Replaces some files of what is shown; when `reload` and any file
    /// differs, tells the browsers. Returns how many files differed.
    fn replace(&self, outputs: Vec<Output>, reload: bool) -> usize {
        let changed = in_memory(outputs);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let differ = changed.iter().filter(|(k, v)| state.files.get(*k) != Some(*v)).count();
        if differ == 0 {
            return 0;
        }
        let mut files = (*state.files).clone();
        files.extend(changed);
        state.files = Arc::new(files);
        if reload {
            state.version += 1;
            state.full_version = state.version;
        }
        differ
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
    fn styles_only_since(&self, since: u64) -> bool {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        // A version the server never gave (a page from an earlier run)
        // reloads.
        (state.full_version..state.version).contains(&since)
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
        let since: u64 = query.strip_prefix("v=").and_then(|v| v.parse().ok()).unwrap_or(0);
        return Answer::Wait { since };
    }
    let decoded = crate::text::percent_decode(path.trim_start_matches('/'));
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let mut key = decoded.clone();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let (status, key) = if state.files.contains_key(&key) {
        (200, key)
    } else if state.files.contains_key(&format!("{key}/index.html")) {
        return Answer::Reply(Reply::text(301, "").header("Location", format!("/{decoded}/")));
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
        "<script>(function(){{var v={version};function w(){{fetch('/__cahier/wait?v='+v).then(function(r){{return r.text()}}).then(function(t){{var p=t.split(' ');if(+p[0]===v){{w()}}else if(p[1]==='css'){{v=+p[0];document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){{var u=new URL(l.href);u.searchParams.set('v',v);l.href=u.href}});w()}}else{{location.reload()}}}}).catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>"
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
