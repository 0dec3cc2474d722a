//! `profilec serve`: the preview server, on loopback only. It is started on
//! a free port, asked for pages, watched rebuilding after a profile changes,
//! and stopped. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::repo;

/// The server process, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
    /// Every line of standard error read so far.
    log: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(profiles: &Path, site: &Path) -> Server {
        Server::start_with(profiles, site, &[])
    }

    fn start_with(profiles: &Path, site: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_profilec"))
            .args(["serve", "--port", "0", "-o"])
            .arg(site)
            .arg(profiles)
            .args(extra)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("profilec serve starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            lines,
            log: Vec::new(),
        };
        let line = server
            .wait_for_line(|l| l.starts_with("serving "), Duration::from_secs(60))
            .expect("the server says where it listens");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"));
        server.port = port;
        server
    }

    fn wait_for_line(&mut self, want: impl Fn(&str) -> bool, limit: Duration) -> Option<String> {
        let deadline = Instant::now() + limit;
        let start = self.log.len();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if want(&line) {
                        return Some(line);
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no such line within {limit:?}; saw:\n{}",
            self.log[start..].join("\n")
        );
    }

    /// `GET path`: the status code and body.
    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        ));
        (status, body)
    }

    /// Sends a raw request head: the status code, the response head and body.
    fn request(&self, raw: &str) -> (u16, String, String) {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).expect("connect to the server");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream.write_all(raw.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status code");
        (status, head.to_owned(), body.to_owned())
    }

    fn version(&self) -> serde_json::Value {
        let (status, body) = self.get("/__profilec/version");
        assert_eq!(status, 200);
        serde_json::from_str(&body).expect("the version is JSON")
    }

    /// Polls the version until it differs from `old` (bounded).
    fn wait_for_version_after(&self, old: u64) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            let state = self.version();
            if state["version"].as_u64() != Some(old) {
                return state;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("no rebuild within 60 s");
    }
}

#[test]
fn serve_builds_serves_and_rebuilds_when_a_profile_changes() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    for name in ["kenya-2016.yaml", "kenya-2018.yaml", "japan-2018.yaml"] {
        std::fs::copy(
            repo().join("tests/fixtures/site").join(name),
            profiles.join(name),
        )
        .unwrap();
    }
    let site = dir.path().join("site");
    let mut server = Server::start(&profiles, &site);

    // Pages, with the live-reload script added to HTML only; the file on
    // disk is the built one.
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Kenya") && home.contains("Japan"), "{home}");
    assert!(
        home.contains("<script src=\"/__profilec/live.js\""),
        "{home}"
    );
    let on_disk = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!on_disk.contains("__profilec"));
    let (status, css) = server.get("/assets/site.css");
    assert_eq!(status, 200);
    assert!(!css.contains("__profilec"));
    let (status, live) = server.get("/__profilec/live.js");
    assert_eq!(status, 200);
    assert!(live.contains("location.reload"));
    let (status, page) = server.get("/countries/ken/2016.html");
    assert_eq!(status, 200);
    assert!(page.contains("2016 edition"));
    // Missing pages get the 404 page, fixed for its depth; escapes are refused.
    let (status, missing) = server.get("/no/such/page.html");
    assert_eq!(status, 404);
    assert!(missing.contains("<base href=\"/\">"), "{missing}");
    let (status, _) = server.get("/%2e%2e/%2e%2e/etc/passwd");
    assert_eq!(status, 400);

    // A profile changes: the site is rebuilt, the version moves on.
    let before = server.version();
    assert!(before["error"].is_null());
    let old = before["version"].as_u64().unwrap();
    let path = profiles.join("japan-2018.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("name: Japan", "name: Japan (renamed)")).unwrap();
    server.wait_for_line(|l| l.starts_with("rebuilt"), Duration::from_secs(60));
    let after = server.wait_for_version_after(old);
    assert!(after["error"].is_null(), "{after}");
    let (_, home) = server.get("/");
    assert!(
        home.contains("Japan (renamed)"),
        "the served site is the new one"
    );

    // A profile breaks: the old site stays, the error goes to the pages.
    std::fs::write(&path, text.replace("status: no", "status: maybe")).unwrap();
    server.wait_for_line(
        |l| l.contains("the rebuild failed"),
        Duration::from_secs(60),
    );
    let broken = server.wait_for_version_after(after["version"].as_u64().unwrap());
    let error = broken["error"].as_str().expect("the error is reported");
    assert!(
        error.contains("japan-2018.yaml") && error.contains("maybe"),
        "{error}"
    );
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        home.contains("Japan (renamed)"),
        "the previous site is still served"
    );
}

/// A folder of profiles with one small profile, and where its site goes.
fn one_profile() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/site/kenya-2016.yaml"),
        profiles.join("kenya-2016.yaml"),
    )
    .unwrap();
    let site = dir.path().join("site");
    (dir, profiles, site)
}

#[test]
fn issue13_serve_answers_while_64_clients_send_their_requests_slowly() {
    let (_dir, profiles, site) = one_profile();
    let server = Server::start_with(&profiles, &site, &["--no-pdf"]);
    let mut slow: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            stream
        })
        .collect();
    for stream in &mut slow {
        stream.write_all(b"Ho").unwrap();
    }
    // Answered, not refused or left waiting behind the slow ones.
    let (status, home) = server.get("/");
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("Kenya"), "{home}");
    drop(slow);
}

#[test]
fn issue13_serve_redirects_a_folder_to_a_path_on_the_same_host() {
    let (_dir, profiles, site) = one_profile();
    let server = Server::start_with(&profiles, &site, &["--no-pdf"]);
    for (target, location) in [
        ("//countries", "/countries/"),
        ("/countries", "/countries/"),
        ("///countries//ken?x=1", "/countries/ken/?x=1"),
    ] {
        let (status, head, _) = server.request(&format!(
            "GET {target} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            server.port
        ));
        assert_eq!(status, 301, "{target}: {head}");
        assert!(
            head.lines().any(|l| l == format!("Location: {location}")),
            "{target}: {head}"
        );
    }
}

#[test]
fn issue13_serve_refuses_a_host_other_than_this_machine() {
    let (_dir, profiles, site) = one_profile();
    let server = Server::start_with(&profiles, &site, &["--no-pdf"]);
    let port = server.port;
    let ask = |host: &str| {
        server
            .request(&format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"))
            .0
    };
    // A page of evil.example whose name was pointed at 127.0.0.1.
    assert_eq!(ask(&format!("evil.example:{port}")), 421);
    assert_eq!(ask(&format!("127.0.0.1:{}", port.wrapping_add(1))), 421);
    let (status, _, body) = server.request(&format!(
        "GET / HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n"
    ));
    assert_eq!(status, 421);
    assert!(
        body.contains(&format!("http://127.0.0.1:{port}/")),
        "{body}"
    );
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(ask(&host), 200, "{host}");
    }
    let (status, _, _) = server.request("GET / HTTP/1.1\r\n\r\n");
    assert_eq!(status, 400, "HTTP/1.1 without a Host");
}

#[test]
fn issue13_serve_skips_a_fifo_in_the_profiles_folder() {
    let (_dir, profiles, site) = one_profile();
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        profiles.join("pipe.yaml"),
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .unwrap();
    // Before the fix, the first build waited on the FIFO for ever and the
    // server never said where it listens.
    let server = Server::start_with(&profiles, &site, &["--no-pdf"]);
    assert!(
        server.log.iter().any(|l| l.contains("warning[not-a-file]")),
        "{:?}",
        server.log
    );
    assert!(
        server.log.iter().any(|l| l.contains("pipe.yaml")),
        "{:?}",
        server.log
    );
    assert_eq!(server.get("/").0, 200);
}
