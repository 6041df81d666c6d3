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
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
}

pub fn serve(opts: Options, bind: &str, port: u16) -> Result<(), String> {
    let shared = Arc::new(Shared::default());
    let server = http::Server::bind(bind, port)?;
    // Watching starts before the first build, so that no edit made during
    // it goes unseen; its events wait until the build is done.
    let watch = watch::start(&opts.root, &opts.out);
    rebuild(&opts, &shared);
    eprintln!("serving {} at http://{}/ (Ctrl-C to stop)", pipeline::display_root(&opts.root), server.addr);
    if let Some(watch) = watch {
        let waker = server.waker();
        let rebuilt = Arc::clone(&shared);
        watch.spawn(move || {
            if rebuild(&opts, &rebuilt) {
                // If waking fails, waiting browsers learn of the change at
                // their next deadline instead.
                let _ = waker.wake();
            }
        });
    }
    server.run(shared.as_ref())
}

/// Compiles the site and shows the result. Returns whether what is shown
/// changed: a rebuild with the same output and the same errors does not
/// reload the browsers.
fn rebuild(opts: &Options, shared: &Shared) -> bool {
    let started = Instant::now();
    let result = pipeline::compile(opts);
    // Only this thread changes the state: the snapshot stays current, and
    // the comparison below runs without holding the lock.
    let (shown_files, shown_errors) = {
        let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        (Arc::clone(&state.files), state.errors.clone())
    };
    let (files, errors) = match result {
        Ok(compiled) if !compiled.has_errors() => {
            let files = Arc::new(in_memory(&compiled));
            eprintln!("rebuilt {} files in {} ms", files.len(), started.elapsed().as_millis());
            print_warnings(opts, &compiled);
            (files, None)
        }
        Ok(compiled) => {
            let mut text = Vec::new();
            let mut out = codespan_reporting::term::termcolor::NoColor::new(&mut text);
            crate::report::render_human(&opts.root, &compiled.diagnostics, &mut out);
            let text = String::from_utf8_lossy(&text).into_owned();
            eprint!("{text}");
            (shown_files.clone(), Some(text))
        }
        Err(Failure::Template(e) | Failure::Io(e)) => {
            eprintln!("error: {e}");
            (shown_files.clone(), Some(e))
        }
        Err(Failure::Site) => (shown_files.clone(), shown_errors.clone()),
    };
    let changed = errors != shown_errors || (!Arc::ptr_eq(&files, &shown_files) && files != shown_files);
    if changed {
        let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        state.files = files;
        state.errors = errors;
        state.version += 1;
    } else {
        eprintln!("no change: browsers are not reloaded");
    }
    changed
}

fn print_warnings(opts: &Options, compiled: &Compiled) {
    if !compiled.diagnostics.is_empty() {
        crate::report::print(&opts.root, &compiled.diagnostics, crate::report::Format::Human);
    }
}

fn in_memory(compiled: &Compiled) -> HashMap<String, Arc<Vec<u8>>> {
    compiled
        .outputs
        .iter()
        .filter_map(|Output { path, content }| {
            let bytes = match content {
                Content::Bytes(b) => b.clone(),
                Content::Static(b) => b.to_vec(),
                Content::Copy(src) => std::fs::read(src).ok()?,
            };
            Some((crate::diagnostic::display_path(path), Arc::new(bytes)))
        })
        .collect()
}

impl http::Site for Shared {
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
        "<script>(function(){{var v={version};function w(){{fetch('/__cahier/wait?v='+v).then(function(r){{return r.text()}}).then(function(t){{if(+t!==v){{location.reload()}}else{{w()}}}}).catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>"
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
