//! The text layer of a PDF, for importing a legacy profile from the PDF the
//! ITU published. This is the only module that knows the PDF crate
//! (`pdf-extract`), so that replacing it touches one file.
//!
//! It takes bytes and returns text; reading the file is the caller's job.

use std::panic::{self, AssertUnwindSafe};

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The PDF could not be read (damaged, encrypted, not a PDF).
    #[error("the PDF cannot be read: {0}")]
    Unreadable(String),
    /// The PDF has pages but no text on them: scanned images.
    #[error("the PDF has no text layer: its pages are images, probably scans")]
    NoText,
}

/// Extracts the text of every page of a PDF, in reading order, one line of
/// text per line.
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
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }));
    panic::set_hook(previous);
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(error)) => return Err(PdfError::Unreadable(error.to_string())),
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
}
