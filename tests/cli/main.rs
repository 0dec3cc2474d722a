//! Integration tests: the real `profilec` binary run on fixture files, one
//! test binary with a module per command.

mod build;
mod common;
mod fidelity;
mod pdf;
mod schema;
mod validate;
