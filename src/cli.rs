//! The command line: clap's view of the arguments, converted into the
//! library's plain option types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use profilec::commands::{self, BuildOptions, Destination, DocFormat, Format, ValidateOptions};
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
    /// Render profiles to Markdown, HTML and PDF documents.
    Build {
        /// The profile files to build.
        #[arg(required = true)]
        profiles: Vec<PathBuf>,
        /// Output folder, or `-` for standard output (one profile, one format).
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Formats to write, comma-separated.
        #[arg(short, long, value_enum, value_delimiter = ',', default_values_t = [OutputFormat::Md, OutputFormat::Html, OutputFormat::Pdf])]
        format: Vec<OutputFormat>,
        /// A folder of templates that override the built-in ones by name.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// The creation date to record in the PDF, in seconds since 1970
        /// (UTC); by default the date the profile was last updated.
        #[arg(long, env = "SOURCE_DATE_EPOCH", value_name = "SECONDS",
              value_parser = clap::value_parser!(i64).range(0..=253_402_300_799))]
        source_date_epoch: Option<i64>,
    },
    /// Print the JSON Schema of a profile file.
    Schema,
}

/// Document formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
    /// A typeset PDF document.
    Pdf,
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
            Command::Build {
                profiles,
                output,
                format,
                templates,
                source_date_epoch,
            } => commands::build(
                &BuildOptions {
                    profiles,
                    destination: if output.as_os_str() == "-" {
                        Destination::Stdout
                    } else {
                        Destination::Folder(output)
                    },
                    formats: format
                        .into_iter()
                        .map(|f| match f {
                            OutputFormat::Md => DocFormat::Markdown,
                            OutputFormat::Html => DocFormat::Html,
                            OutputFormat::Pdf => DocFormat::Pdf,
                        })
                        .collect(),
                    templates,
                    today: Date::today(),
                    source_date_epoch,
                },
                out,
            ),
            Command::Schema => commands::schema(out),
        }
    }
}
