//! The status of an indicator whose text is not a standard sentence, inferred
//! from the ITU's usual phrasings. This is a guess, and says so: the caller
//! writes an `# imported:` comment with the evidence.

use crate::model::Status;

/// Phrasings that mean the ITU had no information.
const UNKNOWN: &[&str] = &[
    "there is no information",
    "no information is available",
    "no information was found",
    "does not have the exact number",
    "there is no data",
];

/// Phrasings that say something is not in place.
const NO: &[&str] = &[
    "does not have",
    "do not have",
    "has not acceded",
    "has not ratified",
    "has not signed",
    "does not participate",
    "is not a member",
    "there is no ",
    "there are no ",
    "has no ",
];

/// Phrasings that say something is in place.
const YES: &[&str] = &[
    "has an officially recognized",
    "has officially recognized",
    "has an officially approved",
    "has officially approved",
    "has been enacted through",
    "has been enacted",
    "has acceded",
    "has ratified",
    "is a member of",
    "are members of",
    "can be reported",
    "is responsible for",
    "are responsible for",
    "known as",
];

/// A status inferred from free text, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    /// The status.
    pub status: Status,
    /// Why, in words, for the `# imported:` comment.
    pub reason: String,
}

/// Infers a status from free text. The order matters: "There is no
/// information" is unknown although it holds "there is no"; "does not have"
/// beside "has an officially recognized" is partial.
pub fn infer(text: &str) -> Inferred {
    let lower = crate::import::text::collapse(&text.to_lowercase().replace('\u{2019}', "'"));
    let find = |phrases: &[&'static str]| phrases.iter().copied().find(|p| lower.contains(p));
    if let Some(phrase) = find(UNKNOWN) {
        return Inferred {
            status: Status::Unknown,
            reason: format!("inferred from the phrase \"{phrase}\""),
        };
    }
    match (find(NO), find(YES)) {
        (Some(no), Some(yes)) => Inferred {
            status: Status::Partial,
            reason: format!("inferred from the phrases \"{no}\" and \"{yes}\" together"),
        },
        (Some(no), None) => Inferred {
            status: Status::No,
            reason: format!("inferred from the phrase \"{no}\""),
        },
        (None, Some(yes)) => Inferred {
            status: Status::Yes,
            reason: format!("inferred from the phrase \"{yes}\""),
        },
        (None, None) => Inferred {
            status: Status::Yes,
            reason: "guessed: the text describes measures without the ITU's standard phrasing"
                .to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(text: &str) -> Status {
        infer(text).status
    }

    #[test]
    fn the_itu_phrasings_give_their_status() {
        assert_eq!(
            status("There is no information on any CIRT in X."),
            Status::Unknown
        );
        assert_eq!(
            status("X  does not  have any national benchmarking."),
            Status::No
        );
        assert_eq!(status("X has not acceded to the Convention."), Status::No);
        assert_eq!(
            status("X has an officially recognized national CIRT known as X-CERT."),
            Status::Yes
        );
        assert_eq!(
            status("Legislation has been enacted through the following:"),
            Status::Yes
        );
        assert_eq!(status("X, through Y, is a member of FIRST."), Status::Yes);
        assert_eq!(
            status("X does not have a strategy but has officially approved frameworks."),
            Status::Partial
        );
    }

    #[test]
    fn other_text_is_a_marked_guess() {
        let inferred = infer("The B-CCENTRE is the main platform for collaboration.");
        assert_eq!(inferred.status, Status::Yes);
        assert!(
            inferred.reason.starts_with("guessed"),
            "{}",
            inferred.reason
        );
        assert!(
            infer("X has acceded to Y.")
                .reason
                .contains("\"has acceded\"")
        );
    }
}
