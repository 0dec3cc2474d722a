//! A small helper to run the real `profilec` binary and read what it did.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The repository root (where `Cargo.toml` is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `profilec` invocation being built.
pub struct TestCommand {
    command: assert_cmd::Command,
}

/// What a finished invocation did.
pub struct Ran {
    /// Exit code (-1 if killed by a signal or the hang guard).
    pub code: i32,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error.
    pub stderr: Vec<u8>,
}

impl Ran {
    /// Standard output as text.
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Standard error as text.
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

impl TestCommand {
    /// `profilec` with no arguments yet, with color and the clock's influence
    /// on output kept out of the way.
    pub fn new() -> Self {
        let mut command = assert_cmd::Command::cargo_bin("profilec").expect("the profilec binary");
        command.env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
        command.timeout(Duration::from_secs(120));
        TestCommand { command }
    }

    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    /// Runs in this folder.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Removes an environment variable.
    pub fn env_remove(mut self, key: &str) -> Self {
        self.command.env_remove(key);
        self
    }

    /// Feeds standard input.
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.command.write_stdin(input.into());
        self
    }

    /// Kills the process if it runs longer than this (a hang guard).
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.command.timeout(limit);
        self
    }

    /// Runs it to completion.
    pub fn run(mut self) -> Ran {
        let output = self.command.output().expect("profilec runs");
        Ran {
            code: output.status.code().unwrap_or(-1),
            stdout: output.stdout,
            stderr: output.stderr,
        }
    }
}
