//! `cahier serve` as a user sees it: the site over HTTP on loopback, a
//! rebuild and reload after an edit, and, when an edit breaks the site, the
//! last good page with the errors shown over it.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, text))
}

/// Polls until `pred` holds for the page, for at most 20 seconds.
fn wait_for(port: u16, path: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        if let Some((_, body)) = get(port, path) {
            if pred(&body) {
                return body;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting on {path}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_rebuilds_reloads_and_keeps_the_last_good_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let page = root.join("content/a.md");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(&page, "---\ntitle: Première version\n---\nBonjour.\n").unwrap();
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_cahier"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let first = wait_for(port, "/a/", |b| b.contains("Première version"));
    assert!(first.contains("/__cahier/wait"), "the live-reload script is injected");
    let version: u64 =
        get(port, "/__cahier/wait?v=999999").map(|(_, b)| b.rsplit("\r\n\r\n").next().unwrap_or("0").trim().parse().unwrap_or(0)).unwrap();
    assert_eq!(get(port, "/a").map(|(s, _)| s), Some(301), "folder URLs get their slash");
    assert_eq!(get(port, "/nowhere/").map(|(s, _)| s), Some(404));

    std::fs::write(&page, "---\ntitle: Deuxième version\n---\nBonjour.\n").unwrap();
    wait_for(port, "/a/", |b| b.contains("Deuxième version"));
    let (_, waited) = get(port, &format!("/__cahier/wait?v={version}")).unwrap();
    assert_ne!(waited.rsplit("\r\n\r\n").next().unwrap().trim(), version.to_string(), "browsers waiting are told to reload");

    std::fs::write(&page, "---\ntitle: Cassée\ntopics: [inconnu]\n---\n").unwrap();
    let broken = wait_for(port, "/a/", |b| b.contains("cahier-errors"));
    assert!(broken.contains("Deuxième version"), "the last good build is still served");
    assert!(broken.contains("unknown-topic") && broken.contains("content/a.md:3:10"), "the error, with its place");

    std::fs::write(&page, "---\ntitle: Réparée\n---\n").unwrap();
    let fixed = wait_for(port, "/a/", |b| b.contains("Réparée"));
    assert!(!fixed.contains("cahier-errors"));
    assert!(!Path::new(&root.join("public")).exists(), "serve builds in memory");
}
