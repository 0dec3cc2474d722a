//! Reading a PDF in a child process under limits, so that a PDF built to
//! harm readers costs an error message, not the process.
//!
//! Both sides live here, so that they agree on the limits and the answer:
//!
//! - the child ([`serve`]) limits itself first (memory, processor time, no
//!   core file, no file written), then reads the PDF on its standard input,
//!   extracts the text in-process and writes a tagged answer on its standard
//!   output;
//! - the parent ([`extract_text`]) starts it, feeds it the PDF, reads its
//!   answer, and kills it at a wall-clock deadline. An answer is taken only
//!   from a child that exited 0; a crash, a signal, a limit reached or the
//!   deadline passed is [`PdfError::Unsafe`], with the reason.
//!
//! The limits are resource limits (`setrlimit`) rather than checks inside
//! the extraction, since the harm happens inside a crate that checks
//! nothing: a stack overflow aborts, an allocation that fails aborts, a loop
//! runs until a signal stops it. The memory limit is on the address space
//! (`RLIMIT_AS`), which bounds the resident memory too, and it must be in
//! force when the program starts: mimalloc reserves a gigabyte of address
//! space (writable, so the data-segment limit counts it too) before `main`,
//! and a limit set later leaves that reserve usable (measured: a child that
//! limited itself after its start grew to 535 MB). So the child sets its
//! limits and then starts itself again (`exec`, same program, same
//! arguments, same standard streams) under them; mimalloc then reserves less
//! and works (measured down to a 64 MiB address space).

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::PdfError;
use crate::import::MAX_LEGACY_BYTES;

/// The limits a PDF is read under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The child's address space, in bytes: all the memory it may map.
    pub memory_bytes: u64,
    /// Processor time, in seconds.
    pub cpu_seconds: u64,
    /// Wall-clock time, from start to answer.
    pub wall: Duration,
    /// The largest PDF, and the largest text of one.
    pub max_bytes: u64,
}

/// The limits `import` reads PDFs under. An ITU profile of a few pages
/// takes a few megabytes and a fraction of a second.
pub const LIMITS: Limits = Limits {
    memory_bytes: 256 * 1024 * 1024,
    cpu_seconds: 4,
    wall: Duration::from_secs(10),
    max_bytes: MAX_LEGACY_BYTES,
};

/// The most of the child's standard error kept, to tell why it died.
const MAX_STDERR: u64 = 64 * 1024;

const TEXT: &[u8] = b"text\n";
const NO_TEXT: &[u8] = b"no-text\n";
const UNREADABLE: &[u8] = b"unreadable\n";
const UNSAFE: &[u8] = b"unsafe\n";

/// The child's side: limits this process, reads a PDF from `input`,
/// extracts its text and writes the answer to `output` for
/// [`extract_text`]. The program that calls it must do nothing else.
pub fn serve(input: &mut dyn Read, output: &mut dyn Write) -> io::Result<()> {
    let started_limited = limited(&LIMITS);
    limit_this_process(&LIMITS)?;
    if !started_limited {
        // Only returns if the program could not be started again.
        return Err(restart());
    }
    let mut bytes = Vec::new();
    input.take(LIMITS.max_bytes + 1).read_to_end(&mut bytes)?;
    let answer = if bytes.len() as u64 > LIMITS.max_bytes {
        Err(PdfError::Unreadable(too_large("the PDF")))
    } else {
        super::extract_text(&bytes).and_then(|text| {
            if text.len() as u64 > LIMITS.max_bytes {
                Err(PdfError::Unreadable(too_large("its text")))
            } else {
                Ok(text)
            }
        })
    };
    output.write_all(&encode(&answer))?;
    output.flush()
}

fn too_large(what: &str) -> String {
    format!(
        "{what} is larger than {} MiB, far more than a profile",
        LIMITS.max_bytes / (1024 * 1024)
    )
}

/// The parent's side: runs `program args…` (which calls [`serve`]) on the
/// PDF `bytes`, under [`LIMITS`], and returns its text.
pub fn extract_text(program: &Path, args: &[OsString], bytes: &[u8]) -> Result<String, PdfError> {
    let limits = &LIMITS;
    let no_reader = |error: io::Error| PdfError::NoReader {
        program: program.display().to_string(),
        error: error.to_string(),
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(no_reader)?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(no_reader(io::Error::other(
            "its standard streams are not pipes",
        )));
    };
    let deadline = Instant::now() + limits.wall;
    let (status, answer, report) = std::thread::scope(|scope| {
        // The child may die before it has read everything: a write that
        // fails then is expected, and the verdict comes from its status.
        scope.spawn(move || {
            let _ = stdin.write_all(bytes);
        });
        let answer = scope.spawn(move || read_bounded(stdout, limits.max_bytes + 64));
        let report = scope.spawn(move || read_bounded(stderr, MAX_STDERR));
        let status = wait_until(&mut child, deadline);
        (
            status,
            answer.join().unwrap_or_default(),
            report.join().unwrap_or_default(),
        )
    });
    let status = status.map_err(no_reader)?;
    verdict(status, &answer, &report, limits)
}

/// Reads up to `limit` bytes (one more tells that there were more), and
/// drains the rest so that the writer is never blocked.
fn read_bounded(reader: impl Read, limit: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut reader = reader;
    let _ = (&mut reader).take(limit + 1).read_to_end(&mut bytes);
    let _ = io::copy(&mut reader, &mut io::sink());
    bytes
}

/// Waits for the child until `deadline`; kills it then. `None` when it was
/// killed.
fn wait_until(
    child: &mut std::process::Child,
    deadline: Instant,
) -> io::Result<Option<ExitStatus>> {
    // Short polls at first (a good PDF takes milliseconds), longer later.
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            // Killing a child that has just exited is harmless: it is not
            // reaped until `wait`, so its id cannot have been reused.
            let _ = child.kill();
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// What the child's end means.
fn verdict(
    status: Option<ExitStatus>,
    answer: &[u8],
    report: &[u8],
    limits: &Limits,
) -> Result<String, PdfError> {
    let unsafe_because = |why: String| Err(PdfError::Unsafe(why));
    let Some(status) = status else {
        return unsafe_because(format!(
            "reading it took longer than {} seconds",
            limits.wall.as_secs()
        ));
    };
    if status.success() {
        if answer.len() as u64 > limits.max_bytes + 64 {
            return unsafe_because(too_large("its text"));
        }
        return decode(answer).unwrap_or_else(|| {
            unsafe_because("the reader's answer was cut short or garbled".to_owned())
        });
    }
    let report = String::from_utf8_lossy(report);
    if report.contains("memory allocation of") || report.contains("out of memory") {
        return unsafe_because(format!(
            "reading it needed more than {} MiB of memory",
            limits.memory_bytes / (1024 * 1024)
        ));
    }
    if report.contains("overflowed its stack") || report.contains("stack overflow") {
        return unsafe_because(
            "its drawings are nested too deeply (a form that draws itself, or forms within forms without end)"
                .to_owned(),
        );
    }
    if let Some(signal) = signal_of(status) {
        if is_cpu_limit(signal) {
            return unsafe_because(format!(
                "reading it needed more than {} seconds of processor time",
                limits.cpu_seconds
            ));
        }
        return unsafe_because(format!("the reader crashed (signal {signal})"));
    }
    let first = report.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    unsafe_because(format!(
        "the reader stopped with exit status {}{}{}",
        status.code().unwrap_or(-1),
        if first.is_empty() { "" } else { ": " },
        first.trim()
    ))
}

fn encode(answer: &Result<String, PdfError>) -> Vec<u8> {
    match answer {
        Ok(text) => [TEXT, text.as_bytes()].concat(),
        Err(PdfError::NoText) => NO_TEXT.to_vec(),
        Err(PdfError::Unsafe(why)) => [UNSAFE, why.as_bytes()].concat(),
        Err(other) => {
            let message = match other {
                PdfError::Unreadable(message) => message.clone(),
                other => other.to_string(),
            };
            [UNREADABLE, message.as_bytes()].concat()
        }
    }
}

/// The answer [`encode`] wrote; `None` if it is not one.
fn decode(answer: &[u8]) -> Option<Result<String, PdfError>> {
    if let Some(text) = answer.strip_prefix(TEXT) {
        return String::from_utf8(text.to_vec()).ok().map(Ok);
    }
    if answer == NO_TEXT {
        return Some(Err(PdfError::NoText));
    }
    if let Some(why) = answer.strip_prefix(UNSAFE) {
        return Some(Err(PdfError::Unsafe(
            String::from_utf8_lossy(why).into_owned(),
        )));
    }
    let message = answer.strip_prefix(UNREADABLE)?;
    Some(Err(PdfError::Unreadable(
        String::from_utf8_lossy(message).into_owned(),
    )))
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn signal_of(_: ExitStatus) -> Option<i32> {
    None
}

/// The soft limit of processor time sends SIGXCPU. (The hard one, a second
/// later, sends SIGKILL, as the kernel does when memory runs out: that one
/// is only "crashed".)
#[cfg(unix)]
fn is_cpu_limit(signal: i32) -> bool {
    signal == rustix::process::Signal::XCPU.as_raw()
}

#[cfg(not(unix))]
fn is_cpu_limit(_: i32) -> bool {
    false
}

/// Whether this process runs under `limits` (inherited through `exec`, or
/// set tighter by whoever started it).
#[cfg(unix)]
fn limited(limits: &Limits) -> bool {
    use rustix::process::{Resource, getrlimit};
    getrlimit(Resource::As)
        .current
        .is_some_and(|bytes| bytes <= limits.memory_bytes)
}

#[cfg(not(unix))]
fn limited(_: &Limits) -> bool {
    true
}

/// Replaces this process with a new start of the same program, with the
/// same arguments and standard streams, so that it starts under the limits
/// just set. Returns only on failure.
#[cfg(unix)]
fn restart() -> io::Error {
    use std::os::unix::process::CommandExt;
    match std::env::current_exe() {
        Ok(program) => Command::new(program)
            .args(std::env::args_os().skip(1))
            .exec(),
        Err(error) => error,
    }
}

#[cfg(not(unix))]
fn restart() -> io::Error {
    io::Error::other("restarting under limits needs a Unix system")
}

/// Sets the limits, or keeps tighter ones already in force (a limit can be
/// lowered, never raised without privilege).
#[cfg(unix)]
fn limit_this_process(limits: &Limits) -> io::Result<()> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let set = |resource: Resource, soft: u64, hard: u64| {
        let now = getrlimit(resource);
        let hard = now.maximum.map_or(hard, |max| max.min(hard));
        let soft = now
            .current
            .map_or(soft, |current| current.min(soft))
            .min(hard);
        setrlimit(
            resource,
            Rlimit {
                current: Some(soft),
                maximum: Some(hard),
            },
        )
        .map_err(io::Error::from)
    };
    set(Resource::As, limits.memory_bytes, limits.memory_bytes)?;
    set(Resource::Cpu, limits.cpu_seconds, limits.cpu_seconds + 1)?;
    // A crash must leave nothing behind: no core file, and the reader has
    // no file to write.
    set(Resource::Core, 0, 0)?;
    set(Resource::Fsize, 0, 0)
}

#[cfg(not(unix))]
fn limit_this_process(_: &Limits) -> io::Result<()> {
    // Only the parent's wall-clock deadline applies here.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_back_as_written() {
        for answer in [
            Ok("CYBERWELLNESS PROFILE\nBELGIUM\n".to_owned()),
            Ok(String::new()),
            Err(PdfError::NoText),
            Err(PdfError::Unreadable("damaged".to_owned())),
            Err(PdfError::Unsafe("a bomb".to_owned())),
        ] {
            assert_eq!(decode(&encode(&answer)), Some(answer));
        }
        assert_eq!(decode(b""), None, "an empty answer is no answer");
        assert_eq!(decode(b"tex"), None);
        assert_eq!(decode(b"text\n\xff"), None, "text that is not UTF-8");
    }

    fn exited(code: i32) -> ExitStatus {
        #[cfg(unix)]
        {
            std::os::unix::process::ExitStatusExt::from_raw(code << 8)
        }
        #[cfg(not(unix))]
        {
            std::os::windows::process::ExitStatusExt::from_raw(code as u32)
        }
    }

    #[test]
    fn only_a_clean_exit_gives_an_answer() {
        let answer = encode(&Ok("words".to_owned()));
        assert_eq!(
            verdict(Some(exited(0)), &answer, b"", &LIMITS),
            Ok("words".to_owned())
        );
        assert!(matches!(
            verdict(Some(exited(0)), b"garbage", b"", &LIMITS),
            Err(PdfError::Unsafe(_))
        ));
        let Err(PdfError::Unsafe(why)) =
            verdict(Some(exited(3)), &answer, b"\nno stdin\n", &LIMITS)
        else {
            panic!("a failed child is no answer")
        };
        assert_eq!(why, "the reader stopped with exit status 3: no stdin");
        let Err(PdfError::Unsafe(why)) = verdict(None, b"", b"", &LIMITS) else {
            panic!("a killed child is no answer")
        };
        assert_eq!(why, "reading it took longer than 10 seconds");
    }

    #[cfg(unix)]
    #[test]
    fn deaths_are_told_apart() {
        use std::os::unix::process::ExitStatusExt;
        let abort = ExitStatus::from_raw(rustix::process::Signal::ABORT.as_raw());
        let why = |status, report: &[u8]| match verdict(Some(status), b"", report, &LIMITS) {
            Err(PdfError::Unsafe(why)) => why,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            why(abort, b"memory allocation of 1073741824 bytes failed\n"),
            "reading it needed more than 256 MiB of memory"
        );
        assert!(
            why(
                abort,
                b"\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n"
            )
            .starts_with("its drawings are nested too deeply")
        );
        assert_eq!(why(abort, b""), "the reader crashed (signal 6)");
        let xcpu = ExitStatus::from_raw(rustix::process::Signal::XCPU.as_raw());
        assert_eq!(
            why(xcpu, b""),
            "reading it needed more than 4 seconds of processor time"
        );
    }

    #[test]
    fn a_reader_that_cannot_start_is_no_fault_of_the_pdf() {
        let missing = Path::new("/nonexistent/profilec-reader");
        assert!(matches!(
            extract_text(missing, &[], b"%PDF-1.4"),
            Err(PdfError::NoReader { .. })
        ));
    }
}
