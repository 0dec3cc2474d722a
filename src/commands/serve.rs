//! `profilec serve [PROFILES_DIR]`: build the site, serve it on 127.0.0.1,
//! rebuild when a profile or template changes, and reload the open pages.
//!
//! The server answers from threads of its own; this thread watches the inputs
//! and rebuilds with the same [`build_site_in`] as `profilec site`, keeping a
//! [`Session`] between builds so that a rebuild reads, checks and makes only
//! what changed. A rebuild that fails leaves the previous site in place (the
//! site is swapped in whole), and the open pages show its errors until the
//! next good one. The site a rebuild replaced is removed only after the open
//! pages were told to reload: they should not wait for thousands of files
//! to be deleted.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::site::{Session, SiteOptions, build_site_in};
use super::{Exit, Output};
use crate::diag::{Code, Diagnostic};
use crate::output::absolute;
use crate::serve::{self, Fingerprint, State};

/// How long the inputs must stay unchanged before a rebuild starts.
const SETTLE: Duration = Duration::from_millis(50);

/// What to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// How to build the site.
    pub site: SiteOptions,
    /// The port on 127.0.0.1 (0 for any free port).
    pub port: u16,
    /// How often to look for changed profiles and templates.
    pub poll: Duration,
}

/// Builds and serves the site until the process is stopped. Returns only on
/// an error: 2 when the port cannot be bound or the first build cannot be
/// written.
pub fn serve(options: &ServeOptions, out: &mut Output) -> Exit {
    let mut site = options.site.clone();
    site.progress = false;
    let (listener, address) = match serve::bind(options.port) {
        Ok(bound) => bound,
        Err(e) => {
            out.diagnostics(&[Diagnostic::error(
                Code::Io,
                format!("cannot listen on 127.0.0.1:{}: {e}", options.port),
            )
            .with_hint("choose another port with --port (0 picks a free one)")]);
            return Exit::Error;
        }
    };
    let root = absolute(&site.output).unwrap_or_else(|| site.output.clone());
    let watched = absolute(&site.profiles).unwrap_or_else(|| site.profiles.clone());
    let templates: Option<PathBuf> = site
        .templates
        .as_deref()
        .map(|t| absolute(t).unwrap_or_else(|| t.to_path_buf()));
    let fingerprint = || Fingerprint::take(&watched, templates.as_deref(), &root);

    let state = Arc::new(State::new(root.clone()));
    let mut session = Session::removing_later();
    let mut seen = fingerprint();
    // Without a first site to show, a failed first build ends the command;
    // with one (from an earlier run), it is served with the errors shown.
    if let Err(exit) = rebuild(&site, out, &state, &mut session, false)
        && (exit == Exit::Error || !root.join(crate::site::paths::MARKER).exists())
    {
        return exit;
    }
    let server = {
        let state = Arc::clone(&state);
        std::thread::Builder::new()
            .name("profilec-serve".into())
            .spawn(move || serve::run(listener, state))
    };
    if let Err(e) = server {
        out.err(&format!("error: cannot start the server: {e}\n"));
        return Exit::Error;
    }
    out.err(&format!(
        "serving {} at http://{address}/ (rebuilds when a profile or template changes; Ctrl-C stops)\n",
        root.display()
    ));
    let _ = out.flush();
    loop {
        std::thread::sleep(options.poll);
        let now = fingerprint();
        if now == seen {
            continue;
        }
        // Let a burst of saves settle before rebuilding: an editor that
        // writes a file in steps is seen still at it within a few
        // milliseconds; waiting a whole poll again would only add to the
        // half second a save may take to reach the page.
        let mut settled = now;
        for _ in 0..10 {
            std::thread::sleep(SETTLE);
            let again = fingerprint();
            if again == settled {
                break;
            }
            settled = again;
        }
        seen = settled;
        out.err("change detected: rebuilding\n");
        let _ = rebuild(&site, out, &state, &mut session, true);
        let _ = out.flush();
    }
}

/// Builds once, echoing what the build says and keeping its errors for the
/// open pages; then tells the pages to reload.
fn rebuild(
    site: &SiteOptions,
    out: &mut Output,
    state: &State,
    session: &mut Session,
    announce: bool,
) -> Result<(), Exit> {
    let mut captured: Vec<u8> = Vec::new();
    let result = {
        let mut stdout = std::io::sink();
        let mut buffer = Output::new(&mut stdout, &mut captured, false, false);
        build_site_in(site, &mut buffer, session)
    };
    let text = String::from_utf8_lossy(&captured).into_owned();
    out.err(&text);
    match result {
        Ok(_) => {
            state.rebuilt(None);
            if announce {
                out.err("rebuilt; open pages reload\n");
            }
            // The pages were told; now the replaced site can go.
            out.diagnostics(&session.remove_old());
            Ok(())
        }
        Err(exit) => {
            state.rebuilt(Some(text));
            out.err("the rebuild failed; still serving the previous site\n");
            Err(exit)
        }
    }
}
