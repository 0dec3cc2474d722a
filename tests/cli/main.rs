//! Integration tests: the real `profilec` binary run on fixture files, one
//! test binary with a module per command.

mod common;
mod diff;
mod schema;
mod validate;
