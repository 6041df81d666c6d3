//! The HTTP side of `serve`: one thread runs one event loop (mio) over the
//! listening socket and every connection, so the number of threads does not
//! grow with the number of clients. It reads a request head (parsed by
//! httparse), applies the server's policy (GET and HEAD only; on a loopback
//! address, loopback host names only, against DNS rebinding), asks the site
//! for the answer and writes it, one request per connection. Live-reload
//! requests that have to wait are parked in the loop, not in a thread, and
//! answered when the site changes or after 25 seconds. Connections that stay
//! silent are closed after a few seconds.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
/// Beyond this many open connections, new ones wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 1024;
/// A client has this long to send its request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// And this long to take the answer.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// After the answer, how long the rest of what the client sent is read and
/// dropped: closing with unread bytes would reset the connection and could
/// lose the answer (a 405 to a POST with a body).
const LINGER: Duration = Duration::from_secs(2);
/// How long a live-reload request waits for a change.
const WAIT: Duration = Duration::from_secs(25);
/// How often deadlines are checked while connections are open.
const TICK: Duration = Duration::from_secs(1);
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;

/// What the site answers to a GET of a path (with its query).
pub enum Answer {
    Reply(Reply),
    /// Answer once a change after version `since` concerns the page at
    /// `page` (a URL path; `None`: any page).
    Wait {
        since: u64,
        page: Option<String>,
    },
}

/// What the changes since a version mean for a page waiting on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    /// Nothing it shows: it keeps waiting.
    Nothing,
    /// Stylesheets only: it swaps them.
    Styles,
    /// It reloads.
    Reload,
}

/// What `serve` shows, seen from the HTTP side.
pub trait Site {
    fn answer(&self, target: &str) -> Answer;
    fn version(&self) -> u64;
    /// What the changes after version `since` mean for `page`.
    fn news(&self, since: u64, page: Option<&str>) -> News;
}

/// A response; the connection is closed after it.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Arc<Vec<u8>>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Arc<Vec<u8>>>) -> Reply {
        Reply { status, headers: vec![("Content-Type", content_type.to_string())], body: body.into() }
    }

    pub fn text(status: u16, text: impl Into<String>) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", text.into().into_bytes())
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    /// Status line and headers; with `Content-Length` of the body even when
    /// the body is left out (HEAD).
    fn head(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", self.body.len()));
        head.into_bytes()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "",
    }
}

/// Which `Host` headers are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostPolicy {
    /// Bound to loopback: only loopback names, so that a web page whose
    /// domain an attacker points at 127.0.0.1 cannot read the site.
    Loopback,
    /// Bound to another address on purpose: any name.
    Any,
}

impl HostPolicy {
    fn allows(self, host: &str) -> bool {
        self == HostPolicy::Any || is_loopback_host(host)
    }
}

/// `localhost`, `*.localhost`, `127.x.x.x` or `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    if let Some(rest) = host.strip_prefix('[') {
        let Some((ip, port)) = rest.split_once(']') else { return false };
        return is_port(port) && ip.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback());
    }
    let (name, port) = host.find(':').map_or((host, ""), |i| host.split_at(i));
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    is_port(port) && (name == "localhost" || name.ends_with(".localhost") || name.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback()))
}

/// Nothing, or `:` and digits.
fn is_port(port: &str) -> bool {
    port.is_empty() || port.strip_prefix(':').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// The listening socket and its event loop, not yet running.
pub struct Server {
    poll: Poll,
    listener: TcpListener,
    waker: Arc<Waker>,
    policy: HostPolicy,
    pub addr: SocketAddr,
}

impl Server {
    pub fn bind(bind: &str, port: u16) -> Result<Server, String> {
        let addr = (bind, port)
            .to_socket_addrs()
            .ok()
            .and_then(|mut addrs| addrs.next())
            .ok_or_else(|| format!("cannot listen on {bind}:{port}: not an address"))?;
        let mut listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let poll = Poll::new().map_err(|e| format!("cannot start the server: {e}"))?;
        poll.registry().register(&mut listener, LISTENER, Interest::READABLE).map_err(|e| format!("cannot start the server: {e}"))?;
        let waker = Arc::new(Waker::new(poll.registry(), WAKER).map_err(|e| format!("cannot start the server: {e}"))?);
        let policy = if addr.ip().is_loopback() { HostPolicy::Loopback } else { HostPolicy::Any };
        let addr = listener.local_addr().unwrap_or(addr);
        Ok(Server { poll, listener, waker, policy, addr })
    }

    /// Wakes the loop to answer parked requests: call after the version
    /// changed.
    pub fn waker(&self) -> Arc<Waker> {
        Arc::clone(&self.waker)
    }

    /// Serves forever; returns only if polling itself fails.
    pub fn run(mut self, site: &dyn Site) -> Result<(), String> {
        let mut events = Events::with_capacity(256);
        let mut conns: HashMap<Token, Conn> = HashMap::new();
        let mut next = WAKER.0;
        let mut retry_accept = false;
        loop {
            // Sleep until the next deadline: an idle server does not wake.
            let now = Instant::now();
            let next_deadline = conns.values().map(|c| c.deadline.saturating_duration_since(now)).min();
            let timeout = if retry_accept { Some(next_deadline.map_or(TICK, |d| d.min(TICK))) } else { next_deadline };
            match self.poll.poll(&mut events, timeout) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(format!("the server stopped: {e}")),
            }
            let mut woken = false;
            let mut incoming = retry_accept;
            for event in &events {
                match event.token() {
                    LISTENER => incoming = true,
                    WAKER => woken = true,
                    token => {
                        if let Some(conn) = conns.get_mut(&token) {
                            conn.drive(site, self.policy);
                        }
                    }
                }
            }
            let version = site.version();
            let now = Instant::now();
            for conn in conns.values_mut() {
                if woken {
                    conn.answer_if_changed(version, site);
                }
                conn.expire(now, version, site);
            }
            conns.retain(|_, c| !matches!(c.phase, Phase::Done));
            if incoming {
                retry_accept = self.accept(&mut conns, &mut next);
            }
        }
    }

    /// Accepts until the backlog is empty (the listener is edge-triggered).
    /// Returns whether to try again without a new event: when the
    /// connection limit or the process's file limit was reached.
    fn accept(&mut self, conns: &mut HashMap<Token, Conn>, next: &mut usize) -> bool {
        while conns.len() < MAX_CONNECTIONS {
            let mut stream = match self.listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    eprintln!("warning: cannot accept a connection: {e}");
                    return true;
                }
            };
            // The head and the body are two writes: Nagle's algorithm could
            // hold the body back until the head is acknowledged.
            let _ = stream.set_nodelay(true);
            *next = if *next == usize::MAX { WAKER.0 + 1 } else { *next + 1 };
            let token = Token(*next);
            // Registering reports the socket as ready if data already came.
            if self.poll.registry().register(&mut stream, token, Interest::READABLE | Interest::WRITABLE).is_ok() {
                conns.insert(token, Conn { stream, phase: Phase::Reading(Vec::new()), deadline: Instant::now() + HEAD_TIMEOUT });
            }
        }
        true
    }
}

enum Phase {
    Reading(Vec<u8>),
    Parked {
        since: u64,
        page: Option<String>,
        head_only: bool,
    },
    Writing {
        head: Vec<u8>,
        body: Option<Arc<Vec<u8>>>,
        sent: usize,
    },
    /// Answered and shut for writing; reading until the client closes.
    Closing,
    Done,
}

struct Conn {
    stream: TcpStream,
    phase: Phase,
    deadline: Instant,
}

impl Conn {
    /// Makes all the progress the socket allows now; called on every event.
    fn drive(&mut self, site: &dyn Site, policy: HostPolicy) {
        if let Phase::Reading(buf) = &mut self.phase {
            match read_head(&self.stream, buf) {
                Err(()) => self.phase = Phase::Done,
                Ok(false) => {}
                Ok(true) => match handle(buf, site, policy) {
                    Handled::Reply(reply, head_only) => self.reply(reply, head_only),
                    Handled::Wait { since, page, head_only } => match site.version() {
                        current if current == since || site.news(since, page.as_deref()) == News::Nothing => {
                            self.phase = Phase::Parked { since, page, head_only };
                            self.deadline = Instant::now() + WAIT;
                        }
                        current => self.reply(version_reply(current, since, site.news(since, page.as_deref())), head_only),
                    },
                },
            }
        }
        match self.phase {
            Phase::Parked { .. } | Phase::Closing => {
                if !drain(&self.stream) {
                    self.phase = Phase::Done;
                }
            }
            Phase::Writing { .. } => self.write(),
            Phase::Reading(_) | Phase::Done => {}
        }
    }

    fn reply(&mut self, reply: Reply, head_only: bool) {
        let head = reply.head();
        let body = (!head_only).then_some(reply.body);
        self.phase = Phase::Writing { head, body, sent: 0 };
        self.deadline = Instant::now() + WRITE_TIMEOUT;
        self.write();
    }

    fn write(&mut self) {
        let Phase::Writing { head, body, sent } = &mut self.phase else { return };
        loop {
            let body_bytes = body.as_deref().map_or(&[][..], Vec::as_slice);
            let pending = if *sent < head.len() { &head[*sent..] } else { &body_bytes[*sent - head.len()..] };
            if pending.is_empty() {
                let _ = self.stream.shutdown(Shutdown::Write);
                self.phase = Phase::Closing;
                self.deadline = Instant::now() + LINGER;
                if !drain(&self.stream) {
                    self.phase = Phase::Done;
                }
                return;
            }
            match (&self.stream).write(pending) {
                Ok(0) => break,
                Ok(n) => *sent += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        self.phase = Phase::Done;
    }

    fn answer_if_changed(&mut self, version: u64, site: &dyn Site) {
        if let Phase::Parked { since, ref page, head_only } = self.phase {
            let news = site.news(since, page.as_deref());
            if since != version && news != News::Nothing {
                self.reply(version_reply(version, since, news), head_only);
            }
        }
    }

    fn expire(&mut self, now: Instant, version: u64, site: &dyn Site) {
        if now < self.deadline {
            return;
        }
        match self.phase {
            Phase::Parked { head_only, since, ref page } => {
                let news = site.news(since, page.as_deref());
                self.reply(version_reply(version, since, news), head_only)
            }
            _ => self.phase = Phase::Done,
        }
    }
}

/// Reads what the socket has. `Ok(true)` once the head is complete (or too
/// long, which `handle` answers), `Err` when the client is gone.
fn read_head(stream: &TcpStream, buf: &mut Vec<u8>) -> Result<bool, ()> {
    let mut chunk = [0u8; 4096];
    loop {
        if buf.len() > MAX_HEAD || buf.windows(4).any(|w| w == b"\r\n\r\n") {
            return Ok(true);
        }
        match (&*stream).read(&mut chunk) {
            Ok(0) => return Err(()),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(()),
        }
    }
}

/// Reads and drops what the client sends; false once it has closed.
fn drain(stream: &TcpStream) -> bool {
    let mut chunk = [0u8; 4096];
    loop {
        match (&*stream).read(&mut chunk) {
            Ok(0) => return false,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// What a waiting page is told: the current version, followed by ` css`
/// when only stylesheets changed since the version it has; its own version
/// when nothing it shows changed, and it waits again.
fn version_reply(version: u64, since: u64, news: News) -> Reply {
    Reply::text(
        200,
        match news {
            News::Nothing => since.to_string(),
            News::Styles => format!("{version} css"),
            News::Reload => version.to_string(),
        },
    )
}

enum Handled {
    /// The reply, and whether to leave its body out (HEAD).
    Reply(Reply, bool),
    Wait {
        since: u64,
        page: Option<String>,
        head_only: bool,
    },
}

/// Parses a complete request head and decides the answer.
fn handle(buf: &[u8], site: &dyn Site, policy: HostPolicy) -> Handled {
    if buf.len() > MAX_HEAD {
        return Handled::Reply(Reply::text(431, "request head too large\n"), false);
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let (method, target) = match request.parse(buf) {
        Ok(httparse::Status::Complete(_)) => (request.method.unwrap_or(""), request.path.unwrap_or("")),
        Err(httparse::Error::TooManyHeaders) => return Handled::Reply(Reply::text(431, "too many headers\n"), false),
        _ => return Handled::Reply(Reply::text(400, "malformed request\n"), false),
    };
    let head_only = method == "HEAD";
    let host = request.headers.iter().find(|h| h.name.eq_ignore_ascii_case("host")).and_then(|h| std::str::from_utf8(h.value).ok());
    if let Some(refused) = refuse(method, target, host, policy) {
        return Handled::Reply(refused, head_only);
    }
    match site.answer(target) {
        Answer::Reply(reply) => Handled::Reply(reply, head_only),
        Answer::Wait { since, page } => Handled::Wait { since, page, head_only },
    }
}

/// The policy of the server, before the site is asked anything.
fn refuse(method: &str, target: &str, host: Option<&str>, policy: HostPolicy) -> Option<Reply> {
    let Some(host) = host else {
        return Some(Reply::text(400, "a Host header is required\n"));
    };
    if !policy.allows(host.trim()) {
        return Some(Reply::text(
            403,
            "cahier serve is bound to a loopback address and answers only requests for localhost, 127.0.0.1 or [::1].\n\
             To serve other host names, start it with --bind on a non-loopback address.\n",
        ));
    }
    if method != "GET" && method != "HEAD" {
        return Some(Reply::text(405, "cahier serve answers GET and HEAD only\n").header("Allow", "GET, HEAD"));
    }
    if !target.starts_with('/') {
        return Some(Reply::text(400, "the request target must be a path\n"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_host_names() {
        for host in ["localhost", "LOCALHOST:1111", "site.localhost:80", "127.0.0.1", "127.1.2.3:8080", "[::1]", "[::1]:1111", "localhost."]
        {
            assert!(is_loopback_host(host), "{host} is loopback");
        }
        for host in [
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.1",
            "[::2]",
            "[::1]x",
            "127.0.0.1:x",
            "localhost:",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host} is not loopback");
        }
    }

    #[test]
    fn policy_before_the_site() {
        let refused = |method, host| refuse(method, "/", host, HostPolicy::Loopback).map(|r| r.status);
        assert_eq!(refused("GET", Some("localhost:1111")), None);
        assert_eq!(refused("HEAD", Some("127.0.0.1")), None);
        assert_eq!(refused("POST", Some("localhost")), Some(405));
        assert_eq!(refused("GET", Some("evil.example")), Some(403));
        assert_eq!(refused("GET", None), Some(400));
        assert_eq!(refuse("GET", "/", Some("evil.example"), HostPolicy::Any).map(|r| r.status), None);
    }
}
