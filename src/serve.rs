//! A preview server for the site: static files over HTTP/1.1 on the
//! loopback address, with live reload. It is for one person previewing
//! their own site, not a public web server.
//!
//! It is deliberately small: `GET` and `HEAD` of files under one folder,
//! `Connection: close`, no keep-alive, no ranges, no compression. Paths are
//! percent-decoded and refused if they would leave the folder; a redirect
//! (a folder without its `/`) is always to a path on the same host. HTML
//! responses get one extra script tag that polls `/__profilec/version` and
//! reloads the page when the site was rebuilt (or shows the build's errors);
//! the files on disk are never changed, so the served site is byte for byte
//! the built one plus that tag.
//!
//! **Holding up.** One thread reads every request head, from all
//! connections at once (`poll(2)`), each within a deadline: a client that
//! sends slowly, or not at all, costs a socket and some bytes, never a
//! thread, and when too many wait, the one waiting longest is dropped. A
//! whole head goes to a few worker threads that read the file and write the
//! response (under a deadline too). So slow clients cannot lock others out.
//!
//! **Only for this machine.** It listens on 127.0.0.1, and answers only
//! requests whose `Host` is `127.0.0.1`, `localhost` or `[::1]` with its
//! port: a page of another site cannot reach it by pointing its own name at
//! 127.0.0.1 (DNS rebinding), as other local preview servers also guard.
//!
//! [`Fingerprint`] tells the command when a profile or template changed, by
//! polling sizes and modification times: no platform file-watching API, and
//! nothing to go wrong on network or container file systems.

use std::collections::VecDeque;
use std::hash::{Hash, Hasher};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// The address prefix of the server's own endpoints.
pub const ENDPOINT: &str = "/__profilec/";

/// The longest request head read.
const MAX_HEAD: usize = 16 * 1024;

/// The live-reload script.
const LIVE_JS: &str = r#"// profilec serve: reload the page when the site is rebuilt.
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = me ? me.getAttribute("data-version") : null;
  var banner = null;
  function show(error) {
    if (!error) {
      if (banner) { banner.remove(); banner = null; }
      return;
    }
    if (!banner) {
      banner = document.createElement("pre");
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:1rem;background:#fff4f4;color:#7a1010;border-top:3px solid #a1232b;font:13px/1.4 monospace;white-space:pre-wrap;z-index:9999";
      document.body.appendChild(banner);
    }
    banner.textContent = "profilec: the last rebuild failed; showing the previous site.\n\n" + error;
  }
  function poll() {
    fetch("/__profilec/version", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (seen !== null && String(state.version) !== String(seen)) {
          window.location.reload();
          return;
        }
        seen = String(state.version);
        show(state.error);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 100); });
  }
  poll();
})();
"#;

/// What the server shares with the command that rebuilds the site.
#[derive(Debug)]
pub struct State {
    /// The site's folder.
    pub root: PathBuf,
    /// Bumped after each rebuild, successful or not.
    pub version: AtomicU64,
    /// The last rebuild's diagnostics, when it failed.
    pub error: Mutex<Option<String>>,
}

impl State {
    /// A state serving `root`, at version 1.
    pub fn new(root: PathBuf) -> Self {
        State {
            root,
            version: AtomicU64::new(1),
            error: Mutex::new(None),
        }
    }

    /// Records a rebuild: its error (if it failed), then the new version.
    pub fn rebuilt(&self, error: Option<String>) {
        if let Ok(mut slot) = self.error.lock() {
            *slot = error;
        }
        self.version.fetch_add(1, Ordering::SeqCst);
    }
}

/// Binds `127.0.0.1:port` (0 for any free port).
pub fn bind(port: u16) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let address = listener.local_addr()?;
    Ok((listener, address))
}

/// How long the server waits for clients, and how many it keeps waiting.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// From connection to the end of the request head.
    head: Duration,
    /// For the whole response to be written.
    write: Duration,
    /// Connections waiting for their request head; past it, the one waiting
    /// longest is dropped. Each is a file descriptor, so this stays well
    /// under the usual limit of 1024.
    pending: usize,
    /// Threads answering whole requests.
    workers: usize,
}

const LIMITS: Limits = Limits {
    head: Duration::from_secs(10),
    write: Duration::from_secs(30),
    pending: 256,
    workers: 4,
};

/// Serves connections on `listener` until the process ends.
pub fn run(listener: TcpListener, state: Arc<State>) {
    serve(listener, state, LIMITS);
}

/// A connection whose request head is still arriving.
struct Waiting {
    stream: TcpStream,
    head: Vec<u8>,
    deadline: Instant,
}

/// A connection with its whole request head, for a worker.
struct Request {
    stream: TcpStream,
    head: Vec<u8>,
}

fn serve(listener: TcpListener, state: Arc<State>, limits: Limits) {
    let port = listener.local_addr().map_or(0, |a| a.port());
    if listener.set_nonblocking(true).is_err() {
        return;
    }
    let (requests, queue) = std::sync::mpsc::sync_channel::<Request>(limits.workers * 4);
    let queue = Arc::new(Mutex::new(queue));
    for _ in 0..limits.workers {
        let queue = Arc::clone(&queue);
        let state = Arc::clone(&state);
        let spawned = std::thread::Builder::new()
            .name("profilec-http".into())
            .spawn(move || work(&queue, &state, port, limits.write));
        if spawned.is_err() {
            break;
        }
    }
    let mut waiting: VecDeque<Waiting> = VecDeque::new();
    loop {
        // Connections past their deadline are told so and closed.
        let now = Instant::now();
        while waiting.front().is_some_and(|w| w.deadline <= now) {
            if let Some(mut late) = waiting.pop_front() {
                refuse(&mut late.stream, 408, "Request Timeout", "request too slow");
            }
        }
        // All have the same deadline from their start: the first is the next.
        let wait = waiting
            .front()
            .map_or(Duration::from_secs(1), |w| {
                w.deadline.saturating_duration_since(now)
            })
            .min(Duration::from_secs(1));
        let timeout = Timespec::try_from(wait).ok();
        let ready: Vec<bool> = {
            let mut fds = Vec::with_capacity(waiting.len() + 1);
            fds.push(PollFd::new(&listener, PollFlags::IN));
            fds.extend(
                waiting
                    .iter()
                    .map(|w| PollFd::new(&w.stream, PollFlags::IN)),
            );
            if poll(&mut fds, timeout.as_ref()).is_err() {
                // EINTR; or out of memory, where a pause beats a spin.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            fds.iter().map(|fd| !fd.revents().is_empty()).collect()
        };
        // Read what arrived, from the back so removing keeps the indexes.
        for index in (0..waiting.len()).rev() {
            if !ready[index + 1] {
                continue;
            }
            match read_more(&mut waiting[index]) {
                Head::Partial => {}
                Head::Gone => {
                    waiting.remove(index);
                }
                Head::TooLarge => {
                    if let Some(mut w) = waiting.remove(index) {
                        let reason = "Request Header Fields Too Large";
                        refuse(&mut w.stream, 431, reason, "request too large");
                    }
                }
                Head::Complete => {
                    if let Some(w) = waiting.remove(index) {
                        dispatch(&requests, w);
                    }
                }
            }
        }
        if ready[0] {
            accept_all(&listener, &mut waiting, limits);
        }
    }
}

/// Takes every connection the listener holds into `waiting`.
fn accept_all(listener: &TcpListener, waiting: &mut VecDeque<Waiting>, limits: Limits) {
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                if stream.set_nonblocking(true).is_err() {
                    continue;
                }
                waiting.push_back(Waiting {
                    stream,
                    head: Vec::new(),
                    deadline: Instant::now() + limits.head,
                });
                // Too many waiting: the longest waiter has had its chance.
                if waiting.len() > limits.pending
                    && let Some(mut oldest) = waiting.pop_front()
                {
                    refuse(
                        &mut oldest.stream,
                        503,
                        "Service Unavailable",
                        "too many connections",
                    );
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return,
            Err(e)
                if e.kind() == ErrorKind::Interrupted
                    || e.kind() == ErrorKind::ConnectionAborted => {}
            Err(_) => {
                // Out of file descriptors: let some close before trying again.
                std::thread::sleep(Duration::from_millis(10));
                return;
            }
        }
    }
}

/// Hands a whole request to the workers, or says the server is busy.
fn dispatch(requests: &SyncSender<Request>, waiting: Waiting) {
    let request = Request {
        stream: waiting.stream,
        head: waiting.head,
    };
    match requests.try_send(request) {
        Ok(()) => {}
        Err(TrySendError::Full(mut r) | TrySendError::Disconnected(mut r)) => {
            refuse(&mut r.stream, 503, "Service Unavailable", "busy; try again");
        }
    }
}

/// Where a request head stands after a read.
enum Head {
    Partial,
    Complete,
    TooLarge,
    Gone,
}

/// Reads what a waiting connection has sent, without blocking.
fn read_more(waiting: &mut Waiting) -> Head {
    let mut buffer = [0u8; 4096];
    loop {
        match waiting.stream.read(&mut buffer) {
            Ok(0) => return Head::Gone,
            Ok(n) => {
                let from = waiting.head.len().saturating_sub(3);
                waiting.head.extend_from_slice(&buffer[..n]);
                if waiting.head[from..].windows(4).any(|w| w == b"\r\n\r\n") {
                    return Head::Complete;
                }
                if waiting.head.len() > MAX_HEAD {
                    return Head::TooLarge;
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Head::Partial,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Head::Gone,
        }
    }
}

/// Writes a short error response without waiting (a socket's buffer holds
/// it), then closes the connection.
fn refuse(stream: &mut TcpStream, status: u16, reason: &'static str, body: &str) {
    let response = Response::text(status, reason, body);
    let _ = stream.write_all(&encode(&response, false));
}

/// A worker: answers whole requests, one at a time.
fn work(queue: &Mutex<Receiver<Request>>, state: &State, port: u16, limit: Duration) {
    loop {
        let next = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(request) = next else { return };
        let _ = handle(request, state, port, limit);
    }
}

/// A response about to be written.
#[derive(Debug)]
struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn text(status: u16, reason: &'static str, body: &str) -> Self {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: format!("{body}\n").into_bytes(),
            location: None,
        }
    }
}

fn handle(request: Request, state: &State, port: u16, limit: Duration) -> std::io::Result<()> {
    let Request { mut stream, head } = request;
    stream.set_nonblocking(false)?;
    let deadline = Instant::now() + limit;
    let (response, head_only) = route(&head, state, port);
    send(&mut stream, &encode(&response, head_only), deadline)
}

/// The response to a whole request head, and whether it is a `HEAD`.
fn route(head: &[u8], state: &State, port: u16) -> (Response, bool) {
    let bad = || Response::text(400, "Bad Request", "bad request");
    let Ok(text) = std::str::from_utf8(head) else {
        return (bad(), false);
    };
    let mut lines = text.split("\r\n");
    let line = lines.next().unwrap_or_default();
    let mut parts = line.split(' ');
    let (method, target, version) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v), None) if v.starts_with("HTTP/1.") => (m, t, v),
        _ => return (bad(), false),
    };
    let mut hosts = lines
        .filter_map(|l| l.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim());
    match (hosts.next(), hosts.next()) {
        (Some(host), None) if host_allowed(host, port) => {}
        // HTTP/1.0 may leave the host out; a browser never does.
        (None, None) if version == "HTTP/1.0" => {}
        (None, None) => {
            return (
                Response::text(400, "Bad Request", "missing Host header"),
                false,
            );
        }
        _ => {
            let body = format!(
                "this preview server answers only for http://127.0.0.1:{port}/ and http://localhost:{port}/"
            );
            return (Response::text(421, "Misdirected Request", &body), false);
        }
    }
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let response = Response::text(405, "Method Not Allowed", "only GET and HEAD");
        return (response, false);
    }
    (answer(target, state), head_only)
}

/// Whether a `Host` header names this server: `127.0.0.1`, `localhost` or
/// `[::1]`, with the port served (which a browser always sends unless it
/// is 80).
fn host_allowed(host: &str, port: u16) -> bool {
    let (name, given) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, "")) => (name, None),
            Some((name, after)) => match after.strip_prefix(':') {
                Some(given) => (name, Some(given)),
                None => return false,
            },
            None => return false,
        },
        None => match host.split_once(':') {
            Some((name, given)) => (name, Some(given)),
            None => (host, None),
        },
    };
    let local = name == "127.0.0.1" || name == "::1" || name.eq_ignore_ascii_case("localhost");
    let same_port = match given {
        Some(given) => given.parse::<u16>() == Ok(port),
        None => port == 80,
    };
    local && same_port
}

/// The response to `GET target`.
fn answer(target: &str, state: &State) -> Response {
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    if path == "/__profilec/version" {
        let error = state.error.lock().ok().and_then(|e| e.clone());
        let body = serde_json::json!({
            "version": state.version.load(Ordering::SeqCst),
            "error": error,
        });
        return Response {
            status: 200,
            reason: "OK",
            content_type: "application/json",
            body: body.to_string().into_bytes(),
            location: None,
        };
    }
    if path == "/__profilec/live.js" {
        return Response {
            status: 200,
            reason: "OK",
            content_type: "text/javascript; charset=utf-8",
            body: LIVE_JS.as_bytes().to_vec(),
            location: None,
        };
    }
    let Some(relative) = decode_path(path) else {
        return Response::text(400, "Bad Request", "bad path");
    };
    let mut file = state.root.join(&relative);
    if file.is_dir() {
        if !path.ends_with('/') {
            let mut response = Response::text(301, "Moved Permanently", "moved");
            response.location = Some(folder_location(&relative, query));
            return response;
        }
        file = file.join("index.html");
    }
    let version = state.version.load(Ordering::SeqCst);
    match std::fs::read(&file) {
        Ok(bytes) => {
            let content_type = content_type(&file);
            let body = if content_type.starts_with("text/html") {
                inject(bytes, version, false)
            } else {
                bytes
            };
            Response {
                status: 200,
                reason: "OK",
                content_type,
                body,
                location: None,
            }
        }
        Err(_) => match std::fs::read(state.root.join("404.html")) {
            // The 404 page is written for the site's root; a <base> makes
            // its links right at whatever depth it is shown.
            Ok(bytes) => Response {
                status: 404,
                reason: "Not Found",
                content_type: "text/html; charset=utf-8",
                body: inject(bytes, version, true),
                location: None,
            },
            Err(_) => Response::text(404, "Not Found", "not found"),
        },
    }
}

/// Adds the live-reload script before `</body>` (and, for the 404 page, a
/// `<base href="/">` after `<head>`).
fn inject(bytes: Vec<u8>, version: u64, base: bool) -> Vec<u8> {
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    if base && let Some(at) = html.find("<head>") {
        html.insert_str(at + "<head>".len(), "\n<base href=\"/\">");
    }
    let tag = format!("<script src=\"{ENDPOINT}live.js\" data-version=\"{version}\"></script>\n");
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &tag),
        None => html.push_str(&tag),
    }
    html.into_bytes()
}

/// Percent-decodes a request path into a relative path inside the root,
/// or `None` if it would leave it or is not text.
fn decode_path(path: &str) -> Option<PathBuf> {
    let path = path.strip_prefix('/')?;
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    let mut out = PathBuf::new();
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part if part.contains(['\\', '\0', ':']) => return None,
            part => out.push(part),
        }
    }
    Some(out)
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "md" => "text/markdown; charset=utf-8",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The address of a folder's index, for a redirect: a path from the root,
/// built from the decoded parts, so it always starts with exactly one `/`
/// (`//host/` would name another host) and ends with one.
fn folder_location(relative: &Path, query: Option<&str>) -> String {
    let mut location = String::from("/");
    for part in relative.iter() {
        for byte in part.to_string_lossy().bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                location.push(char::from(byte));
            } else {
                location.push_str(&format!("%{byte:02X}"));
            }
        }
        location.push('/');
    }
    if let Some(query) = query {
        location.push('?');
        location.push_str(query);
    }
    location
}

/// The bytes of a response: head, then body unless `head_only`.
fn encode(response: &Response, head_only: bool) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        response.reason,
        response.content_type,
        response.body.len()
    );
    if let Some(location) = &response.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    if response.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    bytes
}

/// Writes `bytes` before `deadline`, however slowly the client reads.
fn send(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    stream.flush()
}

/// A summary of the files a build reads: the profiles (`*.yaml`, `*.yml`)
/// under a folder and every file under the templates folder, by path, size
/// and modification time. Two equal fingerprints mean nothing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// Takes the fingerprint of `profiles` and `templates`, never looking
    /// inside `skip` (the site's own folder) or hidden entries.
    pub fn take(profiles: &Path, templates: Option<&Path>, skip: &Path) -> Self {
        let mut entries = Vec::new();
        walk(profiles, true, skip, &mut entries);
        if let Some(templates) = templates {
            walk(templates, false, skip, &mut entries);
        }
        entries.sort();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        entries.hash(&mut hasher);
        Fingerprint(hasher.finish())
    }
}

fn walk(
    dir: &Path,
    yaml_only: bool,
    skip: &Path,
    out: &mut Vec<(PathBuf, u64, Option<SystemTime>)>,
) {
    if dir == skip {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push((dir.to_path_buf(), u64::MAX, None));
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') || path == skip {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            walk(&path, yaml_only, skip, out);
        } else if !yaml_only
            || matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            )
        {
            out.push((path, meta.len(), meta.modified().ok()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_root() {
        assert_eq!(decode_path("/"), Some(PathBuf::new()));
        assert_eq!(
            decode_path("/countries/bel/index.html"),
            Some(PathBuf::from("countries/bel/index.html"))
        );
        assert_eq!(
            decode_path("/a%20b/c%C3%A9.html"),
            Some(PathBuf::from("a b/cé.html"))
        );
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/a/..%2f..%2fx",
            "/%ff",
            "/%2",
            "relative",
            "/c:/x",
            "/a\\..\\b",
        ] {
            assert_eq!(decode_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn html_gets_the_reload_script_before_the_body_ends() {
        let html = inject(
            b"<html><head></head><body><p>x</p></body></html>".to_vec(),
            7,
            false,
        );
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.ends_with(
                "<script src=\"/__profilec/live.js\" data-version=\"7\"></script>\n</body></html>"
            ),
            "{html}"
        );
        let page = String::from_utf8(inject(
            b"<html><head></head><body></body></html>".to_vec(),
            1,
            true,
        ))
        .unwrap();
        assert!(page.contains("<head>\n<base href=\"/\">"), "{page}");
    }

    #[test]
    fn a_fingerprint_changes_with_a_profile_but_not_with_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let profiles = dir.path();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(profiles.join("a.yaml"), "x").unwrap();
        let before = Fingerprint::take(profiles, None, &site);
        std::fs::write(site.join("index.html"), "new").unwrap();
        std::fs::write(profiles.join("notes.txt"), "not a profile").unwrap();
        assert_eq!(Fingerprint::take(profiles, None, &site), before);
        std::fs::write(profiles.join("a.yaml"), "xy").unwrap();
        assert_ne!(Fingerprint::take(profiles, None, &site), before);
    }

    #[test]
    fn only_this_machine_and_this_port_are_served() {
        for good in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LocalHost:8000",
            "[::1]:8000",
        ] {
            assert!(host_allowed(good, 8000), "{good}");
        }
        assert!(host_allowed("localhost", 80));
        for bad in [
            "evil.example:8000",
            "127.0.0.1.evil.example:8000",
            "localhost:8001",
            "localhost",
            "127.0.0.1:",
            "[::1]8000",
            "[::1",
            "localhost:8000:8000",
            "",
        ] {
            assert!(!host_allowed(bad, 8000), "{bad}");
        }
    }

    #[test]
    fn a_redirect_is_always_a_path_on_the_same_host() {
        let at = |target: &str| {
            let (path, query) = match target.split_once('?') {
                Some((p, q)) => (p, Some(q)),
                None => (target, None),
            };
            folder_location(&decode_path(path).unwrap(), query)
        };
        assert_eq!(at("/countries"), "/countries/");
        assert_eq!(at("//countries"), "/countries/");
        assert_eq!(at("///evil.example/x"), "/evil.example/x/");
        assert_eq!(at("/a%20b//c?x=1"), "/a%20b/c/?x=1");
        assert_eq!(at("/%2F%2Fevil.example"), "/evil.example/");
    }

    /// A server on a free port with short limits, in a thread that lives as
    /// long as the test process.
    fn start(limits: Limits) -> (u16, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<body>home</body>").unwrap();
        let (listener, address) = bind(0).unwrap();
        let state = Arc::new(State::new(dir.path().to_path_buf()));
        std::thread::spawn(move || serve(listener, state, limits));
        (address.port(), dir)
    }

    fn get_home(port: u16) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(stream, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    #[test]
    fn a_client_too_slow_with_its_request_is_cut_off() {
        let (port, _dir) = start(Limits {
            head: Duration::from_millis(200),
            ..LIMITS
        });
        let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
        slow.set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
        let mut response = String::new();
        // Ends (the server closes) instead of waiting for the rest for ever.
        slow.read_to_string(&mut response).unwrap();
        assert!(response.starts_with("HTTP/1.1 408 "), "{response}");
    }

    #[test]
    fn when_too_many_wait_the_longest_waiting_makes_room() {
        let (port, _dir) = start(Limits {
            pending: 4,
            ..LIMITS
        });
        let silent: Vec<TcpStream> = (0..8)
            .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
            .collect();
        let response = get_home(port);
        assert!(response.starts_with("HTTP/1.1 200 "), "{response}");
        assert!(response.contains("home"), "{response}");
        drop(silent);
    }
}
