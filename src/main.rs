//! The `profilec` binary: parse the arguments, run the command, exit with its
//! code (0 success, 1 invalid input or differences, 2 usage or I/O error).

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

/// profilec allocates and frees many small strings and trees (templates,
/// JSON values, HTML parsing); mimalloc does that markedly faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version on stdout (exit 0), usage errors on stderr (exit 2).
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = std::io::stderr().is_terminal() && !no_color;
    let stdout_color = std::io::stdout().is_terminal() && !no_color;
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    // Standard error is not held locked: a progress bar draws on it from
    // worker threads while the command runs, and would wait for the lock
    // forever. Each write locks it for just that write.
    let mut stderr = std::io::stderr();
    let mut out = profilec::commands::Output::new(&mut stdout, &mut stderr, color, stdout_color);
    let exit = cli.command.run(&mut out);
    // A command's output that did not reach standard output is an error.
    let exit = out.finish(exit);
    ExitCode::from(exit.code())
}
