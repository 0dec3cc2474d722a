//! A preview server for the site: static files over HTTP/1.1 on the
//! loopback address, with live reload.
//!
//! It is deliberately small: `GET` and `HEAD` of files under one folder, one
//! thread per connection (capped), `Connection: close`, no keep-alive, no
//! ranges, no compression. Paths are percent-decoded and refused if they
//! would leave the folder. HTML responses get one extra script tag that
//! polls `/__profilec/version` and reloads the page when the site was
//! rebuilt (or shows the build's errors); the files on disk are never
//! changed, so the served site is byte for byte the built one plus that tag.
//!
//! [`Fingerprint`] tells the command when a profile or template changed, by
//! polling sizes and modification times: no platform file-watching API, and
//! nothing to go wrong on network or container file systems.

use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// The address prefix of the server's own endpoints.
pub const ENDPOINT: &str = "/__profilec/";

/// How many connections are served at once; more get `503`.
const MAX_CONNECTIONS: usize = 64;

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
      .then(function () { setTimeout(poll, 1000); });
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
    active: AtomicUsize,
}

impl State {
    /// A state serving `root`, at version 1.
    pub fn new(root: PathBuf) -> Self {
        State {
            root,
            version: AtomicU64::new(1),
            error: Mutex::new(None),
            active: AtomicUsize::new(0),
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

/// Serves connections on `listener` until the process ends.
pub fn run(listener: TcpListener, state: Arc<State>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(&state);
        if state.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            let mut stream = stream;
            let _ = respond(
                &mut stream,
                &Response::text(503, "Service Unavailable", "too many connections"),
                false,
            );
            state.active.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let spawned = std::thread::Builder::new()
            .name("profilec-http".into())
            .spawn({
                let state = Arc::clone(&state);
                move || {
                    let _ = handle(stream, &state);
                    state.active.fetch_sub(1, Ordering::SeqCst);
                }
            });
        if spawned.is_err() {
            state.active.fetch_sub(1, Ordering::SeqCst);
        }
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

fn handle(mut stream: TcpStream, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            let response =
                Response::text(431, "Request Header Fields Too Large", "request too large");
            return respond(&mut stream, &response, false);
        }
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buffer[..n]);
    }
    let line = head
        .split(|&b| b == b'\r')
        .next()
        .and_then(|l| std::str::from_utf8(l).ok())
        .unwrap_or_default();
    let mut parts = line.split(' ');
    let (method, target) = match (parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v)) if v.starts_with("HTTP/1.") => (m, t),
        _ => {
            return respond(
                &mut stream,
                &Response::text(400, "Bad Request", "bad request"),
                false,
            );
        }
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let mut response = Response::text(405, "Method Not Allowed", "only GET and HEAD");
        response.location = None;
        return respond(&mut stream, &response, false);
    }
    let response = answer(target, state);
    respond(&mut stream, &response, head_only)
}

/// The response to `GET target`.
fn answer(target: &str, state: &State) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or_default();
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
            response.location = Some(format!("{path}/"));
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

fn respond(stream: &mut TcpStream, response: &Response, head_only: bool) -> std::io::Result<()> {
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
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
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
}
