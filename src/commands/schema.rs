//! `profilec schema`: print the JSON Schema of a profile file.

use super::{Exit, Output, Stop, finish};
use crate::diag::{Code, Diagnostic};
use crate::schema::{Catalogues, json_schema};

/// Prints the JSON Schema (draft 2020-12) of a profile file on standard output.
pub fn schema(out: &mut Output) -> Exit {
    let result = run(out);
    finish(out, result)
}

fn run(out: &mut Output) -> Result<Exit, Stop> {
    // The catalogues only: compiling the schema into a validator is work
    // this command has no use for.
    let catalogues =
        Catalogues::builtin().map_err(|e| Stop::from(Diagnostic::from(e)).exit(Exit::Error))?;
    let text = serde_json::to_string_pretty(&json_schema(catalogues)).map_err(|e| {
        Stop::from(Diagnostic::error(
            Code::Internal,
            format!("cannot write the schema: {e}"),
        ))
        .exit(Exit::Error)
    })?;
    out.out(&text);
    out.out("\n");
    Ok(Exit::Success)
}
