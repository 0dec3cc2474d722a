//! `profilec schema`: print the JSON Schema of a profile file.

use super::{Exit, Output, Stop, finish, validator};
use crate::diag::{Code, Diagnostic};
use crate::schema::json_schema;

/// Prints the JSON Schema (draft 2020-12) of a profile file on standard output.
pub fn schema(out: &mut Output) -> Exit {
    let result = run(out);
    finish(out, result)
}

fn run(out: &mut Output) -> Result<Exit, Stop> {
    let catalogues = validator()?.catalogues();
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
