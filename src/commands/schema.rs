//! `profilec schema`: print the JSON Schema of a profile file.

use super::{Exit, Output};
use crate::schema::{Catalogues, json_schema};

/// Prints the JSON Schema (draft 2020-12) of a profile file on standard output.
pub fn schema(out: &mut Output) -> Exit {
    let catalogues = match Catalogues::builtin() {
        Ok(catalogues) => catalogues,
        Err(e) => {
            out.err(&format!("error: {e}\n"));
            return Exit::Error;
        }
    };
    match serde_json::to_string_pretty(&json_schema(catalogues)) {
        Ok(text) => {
            out.out(&text);
            out.out("\n");
            Exit::Success
        }
        Err(e) => {
            out.err(&format!("error: cannot write the schema: {e}\n"));
            Exit::Error
        }
    }
}
