//! The command line: clap's view of the arguments, converted into the
//! library's plain option types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use profilec::commands::{self, Format, ImportOptions, ValidateOptions};
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
    /// Turn a legacy ITU Cyberwellness Profile (its text, or the PDF) into profile YAML.
    Import {
        /// The legacy profile: text from `pdftotext` (with or without -layout), or the PDF.
        legacy: PathBuf,
        /// Write the YAML to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
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
            Command::Import { legacy, output } => commands::import(
                &ImportOptions {
                    legacy,
                    output,
                    today: Date::today(),
                },
                out,
            ),
        }
    }
}
