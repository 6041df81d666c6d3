//! `cahier serve` as a user sees it: the site over HTTP on loopback, a
//! rebuild and reload after an edit, and, when an edit breaks the site, the
//! last good page with the errors shown over it. And as a neighbour sees
//! it: idle when nothing changes, only what the build reads watched, only
//! GET and HEAD for loopback names answered, and a fixed number of threads
//! whatever the number of connections.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Server {
    /// `cahier serve` of `root` on a free port of 127.0.0.1.
    fn start(root: &Path) -> (Server, u16) {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_cahier"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (Server(child), port)
    }

    fn pid(&self) -> u32 {
        self.0.id()
    }

    fn is_running(&mut self) -> bool {
        matches!(self.0.try_wait(), Ok(None))
    }
}

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
    request(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
}

/// Sends a request as written; the status and the whole response.
fn request(port: u16, raw: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    s.write_all(raw.as_bytes()).ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, text))
}

/// The version browsers wait on: a wait for a version that is not the
/// current one answers at once with the current one.
fn current_version(port: u16) -> u64 {
    get(port, "/__cahier/wait?v=999999").map(|(_, b)| b.rsplit("\r\n\r\n").next().unwrap_or("0").trim().parse().unwrap_or(0)).unwrap()
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
    let (_server, port) = Server::start(root);
    let first = wait_for(port, "/a/", |b| b.contains("Première version"));
    assert!(first.contains("/__cahier/wait"), "the live-reload script is injected");
    let version = current_version(port);
    assert_eq!(get(port, "/a").map(|(s, _)| s), Some(301), "folder URLs get their slash");
    assert_eq!(get(port, "/nowhere/").map(|(s, _)| s), Some(404));

    // A browser already waiting when the edit comes is answered by the rebuild.
    let waiting = std::thread::spawn(move || (Instant::now(), get(port, &format!("/__cahier/wait?v={version}"))));
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&page, "---\ntitle: Deuxième version\n---\nBonjour.\n").unwrap();
    let (asked, answer) = waiting.join().unwrap();
    assert!(asked.elapsed() < Duration::from_secs(20), "answered by the rebuild, not by the 25 s deadline");
    assert_ne!(answer.unwrap().1.rsplit("\r\n\r\n").next().unwrap().trim(), version.to_string(), "browsers waiting are told to reload");
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

/// A small site with a page at the top and one in a subfolder.
fn small_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content/sub")).unwrap();
    std::fs::write(tmp.path().join("content/a.md"), "---\ntitle: Page A\n---\nBonjour.\n").unwrap();
    std::fs::write(tmp.path().join("content/sub/b.md"), "---\ntitle: Page B\n---\nSalut.\n").unwrap();
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// CPU time (user and system) of a process, from `/proc/<pid>/stat`, in
/// seconds; Linux reports it in ticks of 1/100 s (USER_HZ).
#[cfg(target_os = "linux")]
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses: state is
    // field 3, utime 14 and stime 15.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 1..].split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks as f64 / 100.0
}

#[cfg(target_os = "linux")]
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status.lines().find_map(|l| l.strip_prefix("Threads:")).unwrap().trim().parse().unwrap()
}

/// How many inotify watches the process holds, from `/proc/<pid>/fdinfo`.
#[cfg(target_os = "linux")]
fn inotify_watches(pid: u32) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(format!("/proc/{pid}/fdinfo")).unwrap().flatten() {
        let info = std::fs::read_to_string(entry.path()).unwrap_or_default();
        count += info.lines().filter(|l| l.starts_with("inotify wd:")).count();
    }
    count
}

#[cfg(target_os = "linux")]
#[test]
fn an_idle_serve_of_the_example_site_uses_no_cpu_and_reloads_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "themes"] {
        copy_dir(&example.join(dir), &tmp.path().join(dir));
    }
    std::fs::copy(example.join("site.yaml"), tmp.path().join("site.yaml")).unwrap();
    let (server, port) = Server::start(tmp.path());
    wait_for(port, "/", |b| b.contains("/__cahier/wait"));
    // The first build is done once the page is served; let its events pass.
    std::thread::sleep(Duration::from_secs(1));
    let (cpu, version) = (cpu_seconds(server.pid()), current_version(port));
    std::thread::sleep(Duration::from_secs(5));
    let used = cpu_seconds(server.pid()) - cpu;
    assert!(used < 0.2, "an idle serve used {used} s of CPU in 5 s: it rebuilds without an edit");
    assert_eq!(current_version(port), version, "no edit, no reload");
}

#[cfg(target_os = "linux")]
#[test]
fn a_symlink_to_the_root_is_not_followed_and_edits_still_rebuild() {
    let site = small_site();
    let root = site.path();
    std::os::unix::fs::symlink("/", root.join("content/x")).unwrap();
    let (mut server, port) = Server::start(root);
    wait_for(port, "/sub/b/", |b| b.contains("Page B"));
    std::fs::write(root.join("content/sub/b.md"), "---\ntitle: Page B modifiée\n---\n").unwrap();
    wait_for(port, "/sub/b/", |b| b.contains("Page B modifiée"));
    // A link made while serving is not followed either.
    std::os::unix::fs::symlink("/", root.join("content/sub/y")).unwrap();
    std::fs::write(root.join("content/a.md"), "---\ntitle: Page A modifiée\n---\n").unwrap();
    wait_for(port, "/a/", |b| b.contains("Page A modifiée"));
    assert!(server.is_running(), "serve is still up");
    // The site folder, content/ and content/sub/: nothing behind the links.
    let watches = inotify_watches(server.pid());
    assert!(watches <= 3, "{watches} folders watched");
}

#[test]
fn only_get_and_head_for_loopback_host_names_are_answered() {
    let site = small_site();
    let (_server, port) = Server::start(site.path());
    wait_for(port, "/a/", |b| b.contains("Page A"));
    for method in ["POST", "PUT", "DELETE"] {
        let (status, response) =
            request(port, &format!("{method} /a/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello")).unwrap();
        assert_eq!(status, 405, "{method}");
        assert!(response.contains("\r\nAllow: GET, HEAD\r\n"), "{method}: {response}");
    }
    let (status, head) = request(port, &format!("HEAD /a/ HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n")).unwrap();
    assert_eq!(status, 200);
    let (headers, body) = head.split_once("\r\n\r\n").unwrap();
    assert!(body.is_empty(), "HEAD has no body");
    assert!(!headers.contains("Content-Length: 0\r\n"), "HEAD tells the length of the page: {headers}");
    let (status, refused) = request(port, "GET /a/ HTTP/1.1\r\nHost: evil.example\r\n\r\n").unwrap();
    assert_eq!(status, 403, "a name that is not loopback is refused (DNS rebinding)");
    assert!(!refused.contains("Page A"));
    let (status, page) = request(port, &format!("GET /a/ HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n")).unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("Page A"));
}

#[cfg(target_os = "linux")]
#[test]
fn idle_connections_add_no_thread_and_are_closed() {
    let site = small_site();
    let (server, port) = Server::start(site.path());
    wait_for(port, "/a/", |b| b.contains("Page A"));
    std::thread::sleep(Duration::from_millis(500));
    let before = threads(server.pid());
    let idle: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let (status, page) = get(port, "/a/").unwrap();
    assert!(status == 200 && page.contains("Page A"), "answered while 200 connections are idle");
    assert!(started.elapsed() < Duration::from_secs(2), "answered at once: {:?}", started.elapsed());
    let during = threads(server.pid());
    assert!(during <= before, "{before} threads before 200 idle connections, {during} with them");
    // A silent client is let go after a few seconds.
    let mut silent = &idle[0];
    silent.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(silent.read(&mut buf).unwrap(), 0, "the server closed the idle connection");
    assert!(started.elapsed() < Duration::from_secs(10), "closed after {:?}", started.elapsed());
}

/// The load `serve` is built for: 300 idle connections and 200 pages
/// waiting for a reload, while a person's requests still answer at once;
/// then an edit answers every waiting page.
#[cfg(target_os = "linux")]
#[test]
fn three_hundred_idle_and_two_hundred_waiting_connections_leave_requests_answered() {
    let site = small_site();
    let (_server, port) = Server::start(site.path());
    wait_for(port, "/a/", |b| b.contains("Page A"));
    let version = current_version(port);
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    let waiting: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.write_all(format!("GET /__cahier/wait?v={version} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes()).unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..20 {
        let started = Instant::now();
        let (status, page) = get(port, "/sub/b/").unwrap();
        assert!(status == 200 && page.contains("Page B"));
        assert!(started.elapsed() < Duration::from_secs(1), "answered at once under load: {:?}", started.elapsed());
    }
    std::fs::write(site.path().join("content/a.md"), "---\ntitle: Page A, relue\n---\nBonjour.\n").unwrap();
    for mut s in waiting {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200") && !answer.ends_with(&format!("\r\n\r\n{version}")), "told to reload: {answer:?}");
    }
    drop(idle);
}
