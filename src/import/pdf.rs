//! The text layer of a PDF, for importing a legacy profile from the PDF the
//! ITU published. This is the only module that knows the PDF crate
//! (`pdf-extract`), so that replacing it touches one file.
//!
//! It takes bytes and returns text; reading the file is the caller's job.
//!
//! A PDF is a program of sorts, and `pdf-extract` trusts it: a form that
//! draws itself recurses until the stack overflows (an abort, which no
//! `catch_unwind` stops), a compressed stream can inflate to gigabytes, and
//! a few kilobytes of save-state operators can ask for memory without end.
//! None of that can be stopped from inside the process that suffers it. So
//! there are two ways to read a PDF ([`Reader`]):
//!
//! | way | where | for |
//! | --- | --- | --- |
//! | [`Reader::InProcess`] ([`extract_text`]) | this process, panics caught | PDFs you trust, tests |
//! | [`Reader::Child`] ([`sandbox`]) | a child process under limits of memory, processor time and wall-clock time, whose crash is only an error | `profilec import` |
//!
//! The child is the same program run with a hidden subcommand that calls
//! [`sandbox::serve`]; the command line names it, this module only runs it.
//!
//! Both ways refuse a PDF whose compressed streams inflate to more than
//! [`MAX_INFLATED_BYTES`] before extracting anything: in-process, that is
//! the only defence against a flate bomb; in the child, it names the
//! problem, where the memory limit would only abort, or pdf-extract (which
//! skips a stream it cannot inflate) would call the bomb a PDF without
//! text.

pub mod sandbox;

use std::ffi::OsString;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The PDF could not be read (damaged, encrypted, not a PDF).
    #[error("the PDF cannot be read: {0}")]
    Unreadable(String),
    /// The PDF has pages but no text on them: scanned images.
    #[error("the PDF has no text layer: its pages are images, probably scans")]
    NoText,
    /// Reading the PDF crashed the reader or ran into one of its limits: the
    /// PDF is damaged or built to harm readers.
    #[error("the PDF could not be read safely: {0}")]
    Unsafe(String),
    /// The child process that reads PDFs could not be started or talked to:
    /// a fault of the installation, not of the PDF.
    #[error("cannot run the PDF reader `{program}`: {error}")]
    NoReader {
        /// The program that was to be run.
        program: String,
        /// What went wrong.
        error: String,
    },
}

/// How the text of a PDF is extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reader {
    /// In this process. A PDF built to harm readers can crash the process or
    /// exhaust its memory: only for PDFs you trust.
    InProcess,
    /// In a child process, `program args…`, which must call
    /// [`sandbox::serve`]; it runs under [`sandbox::LIMITS`].
    Child {
        /// The program, usually this one (`std::env::current_exe()`).
        program: PathBuf,
        /// Its arguments: the subcommand that calls [`sandbox::serve`].
        args: Vec<OsString>,
    },
}

impl Reader {
    /// Extracts the text of every page of a PDF, in reading order, the way
    /// this reader does.
    pub fn extract_text(&self, bytes: &[u8]) -> Result<String, PdfError> {
        match self {
            Reader::InProcess => extract_text(bytes),
            Reader::Child { program, args } => sandbox::extract_text(program, args, bytes),
        }
    }
}

/// Extracts the text of every page of a PDF, in reading order, one line of
/// text per line, in this process (see the module's note on hostile PDFs).
pub fn extract_text(bytes: &[u8]) -> Result<String, PdfError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(PdfError::Unreadable(
            "the file does not start with `%PDF-`, so it is not a PDF".to_owned(),
        ));
    }
    // pdf-extract can panic on malformed input rather than return an error.
    // A damaged PDF must be an error message, not a crash, so a panic is
    // caught here, and its default report (a "panicked at" line on standard
    // error) is silenced for the duration of this call only.
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = panic::catch_unwind(AssertUnwindSafe(|| read(bytes)));
    panic::set_hook(previous);
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(error)) => return Err(error),
        Err(_) => {
            return Err(PdfError::Unreadable(
                "its structure is damaged or uses features the reader does not support".to_owned(),
            ));
        }
    };
    if text.chars().all(char::is_whitespace) {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

/// The most the compressed streams of a PDF may inflate to, together. An
/// ITU profile's pages, fonts and images take a few megabytes.
pub const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;

/// What `pdf_extract::extract_text_from_mem` does, with a look at the
/// compressed streams between loading and reading: a stream that inflates
/// to gigabytes is refused by its size rather than by an allocation that
/// fails (which aborts) or that the reader silently skips (which passes the
/// bomb off as a PDF without text).
fn read(bytes: &[u8]) -> Result<String, PdfError> {
    let unreadable = |error: &dyn std::fmt::Display| PdfError::Unreadable(error.to_string());
    let mut document = pdf_extract::Document::load_mem(bytes).map_err(|e| unreadable(&e))?;
    if document.is_encrypted() {
        document
            .decrypt("")
            .map_err(|e| PdfError::Unreadable(format!("it is encrypted ({e})")))?;
    }
    check_inflated_size(&document, MAX_INFLATED_BYTES)?;
    let mut text = String::new();
    pdf_extract::output_doc(&document, &mut pdf_extract::PlainTextOutput::new(&mut text))
        .map_err(|e| unreadable(&e))?;
    Ok(text)
}

/// Refuses a document whose Flate streams inflate to more than `limit`
/// bytes together, inflating each no further than the budget left.
fn check_inflated_size(document: &pdf_extract::Document, limit: u64) -> Result<(), PdfError> {
    let mut total = 0u64;
    for object in document.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let flate = stream
            .filters()
            .is_ok_and(|filters| matches!(filters.first(), Some(&b"FlateDecode" | &b"Fl")));
        if !flate {
            continue;
        }
        total += inflated_len(&stream.content, limit - total);
        if total > limit {
            return Err(PdfError::Unsafe(format!(
                "its compressed streams inflate to more than {} MiB, far more than a profile's (a \"flate bomb\")",
                limit / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

/// How many bytes `data` inflates to, counting no further than one past
/// `limit`; a damaged stream counts up to where it breaks.
fn inflated_len(data: &[u8], limit: u64) -> u64 {
    use std::io::Read;
    let mut decoder = flate2::read::ZlibDecoder::new(data);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut count = 0u64;
    while count <= limit {
        match decoder.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => count += n as u64,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_pdf_is_refused() {
        assert!(matches!(
            extract_text(b"CYBERWELLNESS PROFILE"),
            Err(PdfError::Unreadable(_))
        ));
        assert!(matches!(
            extract_text(b"%PDF-1.4\ngarbage"),
            Err(PdfError::Unreadable(_))
        ));
        assert!(matches!(extract_text(b""), Err(PdfError::Unreadable(_))));
    }

    fn deflated(len: usize) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&vec![b' '; len]).expect("deflate");
        encoder.finish().expect("deflate")
    }

    #[test]
    fn inflated_sizes_are_counted_to_the_limit_only() {
        assert_eq!(inflated_len(&deflated(100_000), 1_000_000), 100_000);
        let counted = inflated_len(&deflated(4_000_000), 1_000_000);
        assert!(
            counted > 1_000_000 && counted <= 1_000_000 + 64 * 1024,
            "{counted}"
        );
        assert_eq!(inflated_len(b"not deflate", 10), 0);
    }

    #[test]
    fn a_pdf_whose_streams_inflate_too_far_is_refused() {
        use pdf_extract::{Dictionary, Document, Object, Stream};
        let mut document = Document::with_version("1.4");
        for _ in 0..3 {
            let mut dict = Dictionary::new();
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            document.add_object(Stream::new(dict, deflated(1_000_000)));
        }
        assert_eq!(check_inflated_size(&document, 3_000_000), Ok(()));
        let Err(PdfError::Unsafe(why)) = check_inflated_size(&document, 2_999_999) else {
            panic!("refused")
        };
        assert!(why.contains("flate bomb"), "{why}");
    }

    #[test]
    fn the_in_process_reader_reads_a_pdf() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/belgium-2015.pdf"
        ))
        .expect("the fixture");
        let text = Reader::InProcess.extract_text(&bytes).expect("text");
        assert!(text.contains("CYBERWELLNESS PROFILE"), "{text}");
    }
}
