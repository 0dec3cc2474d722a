//! The command line: clap's view of the arguments, converted into the
//! library's plain option types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use profilec::commands::{self, Format, ValidateOptions};
use profilec::model::Date;

/// Compile ITU cyberwellness profiles (YAML) into documents, sites and diffs.
#[derive(Debug, Parser)]
#[command(name = "profilec", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check profiles against the ITU schema and report every problem.
    Validate {
        /// Profile files or folders (searched recursively for *.yaml).
        #[arg(default_value = "profiles")]
        paths: Vec<PathBuf>,
        /// How to report: text for people, json for CI.
        #[arg(short, long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Print the JSON Schema of a profile file.
    Schema,
}

/// Report formats of `validate`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// Human-readable diagnostics on standard error.
    Text,
    /// A JSON report on standard output.
    Json,
}

impl Command {
    /// Runs the command against the library.
    pub fn run(self, out: &mut commands::Output) -> commands::Exit {
        match self {
            Command::Validate { paths, format } => commands::validate(
                &ValidateOptions {
                    paths,
                    format: match format {
                        ReportFormat::Text => Format::Text,
                        ReportFormat::Json => Format::Json,
                    },
                    today: Date::today(),
                },
                out,
            ),
            Command::Schema => commands::schema(out),
        }
    }
}
