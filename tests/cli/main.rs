//! Integration tests: the real `profilec` binary run on fixture files, one
//! test binary with a module per command.

mod build;
mod common;
mod diff;
mod fidelity;
mod gci;
mod gci_documents;
mod gci_site;
mod import;
mod incremental;
mod issue13;
mod new;
mod pdf;
mod properties;
mod provenance;
mod robust;
mod schema;
mod serve;
mod site;
mod structure;
mod tagged_pdf;
mod validate;
