//! The command line: clap's view of the arguments, converted into the
//! library's plain option types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use std::io::IsTerminal;

use profilec::commands::{
    self, BuildOptions, Destination, DiffFormat, DiffOptions, DocFormat, Format, GitDiffOptions,
    ImportDataOptions, ImportOptions, NewOptions, ServeOptions, SiteOptions, ValidateOptions,
};
use profilec::import::pdf::Reader as PdfReader;
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
    /// Show what changed between two profiles, indicator by indicator.
    ///
    /// Exit status: 0 when the profiles do not differ, 1 when they do, 2 on
    /// error (an unreadable or invalid file, or two editions of the ITU schema).
    Diff {
        /// The old profile.
        old: PathBuf,
        /// The new profile.
        new: PathBuf,
        /// The output form.
        #[arg(short, long, value_enum, default_value_t = DiffForm::Text)]
        format: DiffForm,
        /// Show unchanged indicators too.
        #[arg(long)]
        all: bool,
        /// Show only the summary per area.
        #[arg(long, conflicts_with = "all")]
        stat: bool,
        /// A folder of templates that override the built-in ones by name
        /// (diff.md.tera, diff.html.tera, style.css), for -f md and html.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Git's external diff driver: `git diff` and `git log -p` through
    /// `profilec diff` (see README, "Git integration").
    #[command(name = "git-diff")]
    GitDiff {
        /// What git passes: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.
        #[arg(num_args = 1..=9, required = true)]
        args: Vec<PathBuf>,
    },
    /// Build a static web site of every profile, edition and change.
    Site {
        /// The folder of profiles (searched recursively for *.yaml).
        #[arg(default_value = "profiles")]
        profiles: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build the site, serve it on 127.0.0.1, and rebuild and reload the
    /// open pages when a profile or template changes.
    Serve {
        /// The folder of profiles (searched recursively for *.yaml).
        #[arg(default_value = "profiles")]
        profiles: PathBuf,
        /// The port to listen on, on 127.0.0.1 only (0 picks a free one).
        #[arg(short, long, default_value_t = 8000)]
        port: u16,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Print the JSON Schema of a profile file.
    Schema,
    /// Turn a legacy ITU Cyberwellness Profile (its text, or the PDF) into profile YAML.
    Import {
        /// The legacy profile (text from `pdftotext`, with or without
        /// -layout, or the PDF); or the Data360 CSV files of the ITU Global
        /// Cybersecurity Index (`*.csv`), all at once.
        #[arg(required = true, value_name = "LEGACY|DATA.csv")]
        inputs: Vec<PathBuf>,
        /// Write the YAML to this file instead of standard output; for data
        /// files, the folder the profiles go to.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// For data files: the day they were read (YYYY-MM-DD; default
        /// today), recorded in each profile.
        #[arg(long, value_name = "DATE")]
        retrieved: Option<Date>,
        /// For a legacy profile: the date it was last updated (YYYY-MM-DD),
        /// for a text without its "Last updated on" line (an extraction that
        /// lost its last page); it wins over the text's date.
        #[arg(long, value_name = "DATE")]
        last_updated: Option<Date>,
    },
    /// Write a new profile to fill in for a country (every indicator
    /// `unknown`), or start the next edition of a profile (--from).
    New {
        /// The country: its name (Belgium, Viet Nam, Republic of Korea) or
        /// its ISO 3166-1 alpha-2 or alpha-3 code (BE, BEL).
        country: String,
        /// The edition of the ITU indicators to follow (default
        /// cyberwellness-2015; with --from, the old profile's).
        #[arg(long, value_name = "ID")]
        edition: Option<String>,
        /// Start the next edition of this profile: every statement kept,
        /// marked as carried over until it is re-sourced.
        #[arg(long, value_name = "OLD.yaml")]
        from: Option<PathBuf>,
        /// The file to write (never overwritten); standard output by default.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The edition's year (default: this year).
        #[arg(long, value_name = "YEAR",
              value_parser = clap::value_parser!(u16).range(1990..=2200))]
        year: Option<u16>,
        /// Who compiles the profile, as its documents will name it
        /// (required, except with --from a profile you compiled).
        #[arg(long, value_name = "NAME")]
        publisher: Option<String>,
    },
    /// Reads a PDF on standard input and writes its text, under limits: the
    /// child process in which `import` reads a PDF.
    #[command(name = "__extract-pdf", hide = true)]
    ExtractPdf,
}

/// Options of `site` (and `serve`).
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site's folder; it is replaced whole on each build.
    #[arg(short, long, default_value = "output/site")]
    output: PathBuf,
    /// The address the site will be published at. Used only for the absolute
    /// addresses of sitemap.xml and feed.xml, which are not written without it.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The site's title.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// A folder of templates that override the built-in ones by name.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Offer no PDF downloads (PDFs are the slowest part of a build).
    #[arg(long)]
    no_pdf: bool,
    /// The creation date to record in the PDFs, in seconds since 1970
    /// (UTC); by default the date each profile was last updated. Also the
    /// day from which --stale-after counts.
    #[arg(long, env = "SOURCE_DATE_EPOCH", value_name = "SECONDS",
          value_parser = clap::value_parser!(i64).range(0..=253_402_300_799))]
    source_date_epoch: Option<i64>,
    /// Mark statements whose newest source is more than YEARS years older
    /// than the newest last-updated date of the profiles (or the day of
    /// SOURCE_DATE_EPOCH); 0 marks none.
    #[arg(long, value_name = "YEARS", default_value_t = 5,
          value_parser = clap::value_parser!(u16).range(0..=200))]
    stale_after: u16,
}

impl SiteArgs {
    fn options(self, profiles: PathBuf) -> SiteOptions {
        SiteOptions {
            profiles,
            output: self.output,
            base_url: self.base_url,
            title: self.title,
            templates: self.templates,
            today: Date::today(),
            progress: std::io::stderr().is_terminal(),
            pdf: !self.no_pdf,
            source_date_epoch: self.source_date_epoch,
            stale_after: self.stale_after,
        }
    }
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

/// Output forms of `diff`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffForm {
    /// A change report for the terminal (colored on a terminal unless NO_COLOR is set).
    Text,
    /// A change report in Markdown, for publishing.
    Md,
    /// The change report as a self-contained HTML page.
    Html,
    /// The report as JSON (see docs/diff-json.md).
    Json,
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
            Command::Diff {
                old,
                new,
                format,
                all,
                stat,
                templates,
            } => commands::diff(
                &DiffOptions {
                    old,
                    new,
                    format: match format {
                        DiffForm::Text => DiffFormat::Text,
                        DiffForm::Md => DiffFormat::Markdown,
                        DiffForm::Html => DiffFormat::Html,
                        DiffForm::Json => DiffFormat::Json,
                    },
                    all,
                    stat,
                    today: Date::today(),
                    templates,
                    labels: None,
                },
                out,
            ),
            Command::GitDiff { args } => commands::git_diff(
                &GitDiffOptions {
                    args,
                    today: Date::today(),
                },
                out,
            ),
            Command::Site { profiles, site } => commands::site(&site.options(profiles), out),
            Command::Serve {
                profiles,
                port,
                site,
            } => commands::serve(
                &ServeOptions {
                    site: site.options(profiles),
                    port,
                    poll: std::time::Duration::from_millis(100),
                },
                out,
            ),
            Command::Schema => commands::schema(out),
            Command::New {
                country,
                edition,
                from,
                output,
                year,
                publisher,
            } => commands::new(
                &NewOptions {
                    country,
                    edition,
                    from,
                    output,
                    year,
                    publisher,
                    today: Date::today(),
                },
                out,
            ),
            Command::Import {
                inputs,
                output,
                retrieved,
                last_updated,
            } => {
                let is_data =
                    |p: &PathBuf| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                let data = inputs.iter().any(is_data);
                // An option for the other kind of import is refused, not
                // silently ignored.
                let misplaced = match (data, &retrieved, &last_updated) {
                    (true, _, Some(_)) => Some((
                        "--last-updated applies to a legacy profile, not to the GCI's data files",
                        "leave it out: each imported GCI profile is dated by --retrieved (the day the data was read)",
                    )),
                    (false, Some(_), _) => Some((
                        "--retrieved applies to the GCI's data files, not to a legacy profile",
                        "leave it out, or give --last-updated DATE for a legacy text that lacks its date",
                    )),
                    _ => None,
                };
                if let Some((message, hint)) = misplaced {
                    out.diagnostics(&[profilec::diag::Diagnostic::error(
                        profilec::diag::Code::BadValue,
                        message,
                    )
                    .with_hint(hint)]);
                    return commands::Exit::Error;
                }
                if data {
                    commands::import_data(
                        &ImportDataOptions {
                            files: inputs,
                            output,
                            retrieved: retrieved.unwrap_or_else(Date::today),
                            today: Date::today(),
                        },
                        out,
                    )
                } else if let [legacy] = inputs.as_slice() {
                    commands::import(
                        &ImportOptions {
                            legacy: legacy.clone(),
                            output,
                            last_updated,
                            pdf_reader: PdfReader::Child {
                                program: std::env::current_exe().unwrap_or_default(),
                                args: vec!["__extract-pdf".into()],
                            },
                            today: Date::today(),
                        },
                        out,
                    )
                } else {
                    out.diagnostics(&[profilec::diag::Diagnostic::error(
                        profilec::diag::Code::BadValue,
                        "import reads one legacy profile at a time",
                    )
                    .with_hint("give one text or PDF file; several files only for the GCI's CSV data files")]);
                    commands::Exit::Error
                }
            }
            Command::ExtractPdf => commands::extract_pdf(&mut std::io::stdin().lock(), out),
        }
    }
}
