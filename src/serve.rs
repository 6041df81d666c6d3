//! `cahier serve`: builds the site into memory, serves it on loopback,
//! rebuilds when a file changes and reloads the browser.
//!
//! The last good build keeps being served while the site has errors; the
//! errors are shown over every page (file, line, column, source line and
//! hint, as `check` prints them) until they are fixed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Response, Server};

use crate::pipeline::{self, Compiled, Failure, Options};
use crate::render::{Content, Output};

/// What the server shows: the last good site, the current errors, and a
/// version number that browsers wait on to reload.
#[derive(Default)]
struct State {
    files: HashMap<String, Arc<Vec<u8>>>,
    errors: Option<String>,
    version: u64,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

pub fn serve(opts: Options, bind: &str, port: u16) -> Result<(), String> {
    let shared = Arc::new(Shared { state: Mutex::new(State::default()), changed: Condvar::new() });
    rebuild(&opts, &shared);
    let server = Server::http((bind, port)).map_err(|e| format!("cannot listen on {bind}:{port}: {e}"))?;
    eprintln!("serving {} at http://{bind}:{port}/ (Ctrl-C to stop)", pipeline::display_root(&opts.root));
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            let _ = tx.send(e);
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for path in ["content", "themes", "site.yaml"] {
        let p = opts.root.join(path);
        if p.exists() {
            watcher.watch(&p, RecursiveMode::Recursive).map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    let watched = Arc::clone(&shared);
    let out = opts.out.clone();
    std::thread::spawn(move || {
        while let Ok(event) = rx.recv() {
            if event.paths.iter().all(|p| p.starts_with(&out)) {
                continue;
            }
            // Editors write a file in several steps: wait for them to settle.
            while rx.recv_timeout(Duration::from_millis(80)).is_ok() {}
            rebuild(&opts, &watched);
        }
    });
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || respond(request, &shared));
    }
    Ok(())
}

fn rebuild(opts: &Options, shared: &Shared) {
    let started = Instant::now();
    let result = pipeline::compile(opts);
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(compiled) if !compiled.has_errors() => {
            state.files = in_memory(&compiled);
            state.errors = None;
            eprintln!("rebuilt {} files in {} ms", state.files.len(), started.elapsed().as_millis());
            print_warnings(opts, &compiled);
        }
        Ok(compiled) => {
            let mut text = Vec::new();
            let mut out = codespan_reporting::term::termcolor::NoColor::new(&mut text);
            crate::report::render_human(&opts.root, &compiled.diagnostics, &mut out);
            let text = String::from_utf8_lossy(&text).into_owned();
            eprint!("{text}");
            state.errors = Some(text);
        }
        Err(Failure::Template(e) | Failure::Io(e)) => {
            eprintln!("error: {e}");
            state.errors = Some(e);
        }
        Err(Failure::Site) => {}
    }
    state.version += 1;
    shared.changed.notify_all();
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

fn respond(request: tiny_http::Request, shared: &Shared) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == "/__cahier/wait" {
        let since: u64 = query.strip_prefix("v=").and_then(|v| v.parse().ok()).unwrap_or(0);
        let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) =
            shared.changed.wait_timeout_while(state, Duration::from_secs(25), |s| s.version == since).unwrap_or_else(|e| e.into_inner());
        let _ = request.respond(Response::from_string(state.version.to_string()).with_header(header("Content-Type", "text/plain")));
        return;
    }
    let decoded = crate::resolve::links::percent_decode(path.trim_start_matches('/'));
    let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let mut key = decoded.clone();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let (status, key) = if state.files.contains_key(&key) {
        (200, key)
    } else if state.files.contains_key(&format!("{key}/index.html")) {
        drop(state);
        let _ = request.respond(Response::empty(301).with_header(header("Location", &format!("/{decoded}/"))));
        return;
    } else {
        (404, "404.html".to_string())
    };
    let body = state.files.get(&key).cloned();
    let errors = state.errors.clone();
    let version = state.version;
    drop(state);
    let content_type = content_type(&key);
    let mut bytes = body.map(|b| b.as_ref().clone()).unwrap_or_else(|| b"not found".to_vec());
    if content_type.starts_with("text/html") {
        bytes = inject(bytes, version, errors.as_deref());
    }
    let response = Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header"))
}

/// Adds the live-reload script, and the error overlay when the last
/// rebuild failed.
fn inject(html: Vec<u8>, version: u64, errors: Option<&str>) -> Vec<u8> {
    let mut extra = format!(
        "<script>(function(){{var v={version};function w(){{fetch('/__cahier/wait?v='+v).then(function(r){{return r.text()}}).then(function(t){{if(+t!==v){{location.reload()}}else{{w()}}}}).catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>"
    );
    if let Some(errors) = errors {
        extra.push_str(&format!(
            "<div id=\"cahier-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#2b0a0a;color:#ffdede;font:13px/1.4 ui-monospace,monospace;padding:1em;z-index:9999;border-top:4px solid #e33\"><strong>cahier: the site has errors; showing the last good build.</strong><pre style=\"white-space:pre-wrap\">{}</pre></div>",
            crate::render::url::escape(errors)
        ));
    }
    let text = String::from_utf8_lossy(&html);
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
