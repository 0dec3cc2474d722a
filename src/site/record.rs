//! What a build of the site made, so that the next build makes only what
//! changed (an incremental build).
//!
//! | owns | must not |
//! | --- | --- |
//! | the [`Record`] of a build (`.profilec/manifest.json` in the site, written last): each part of the site, the digest of everything it was made from, the templates it rendered, the files it wrote with their stamps, the warnings it raised, and a country's summary for the shared pages; the profiles as checked (`.profilec/checked/`, [`keep_check`]); [`Digest`], how inputs are digested | decide what a part is made from ([`super::generate`] does), or touch files (the caller reads and writes the record) |
//!
//! A site is made of *parts*: each country's pages and downloads (one part
//! per country), and the pages every country feeds (home, matrix,
//! indicators, changes, GCI results, tiers, regions, search, `profiles.json`,
//! the feeds and the assets: one part). A part's *key* digests all it is
//! made from: profilec's identity and the options (the caller's
//! fingerprint), the country's profiles as validated (not their bytes:
//! a comment changes nothing), the templates it rendered with those they
//! use; the shared part's key, the keys of every country and every
//! template. A part whose key is the one recorded, and whose files are all
//! still as written ([`crate::output::Stamp`]), is carried over, not made
//! again. Everything a part says is replayed with it: its warnings, and a
//! country's summary, so that the shared pages are made from the same data
//! as in a full build. So an incremental build is the full build, byte
//! for byte: a test compares them after random edits.
//!
//! The site also keeps each valid profile as checked, in a file named by
//! the digest of the profile file's name and text: the next build reads
//! it (a few microseconds of JSON) instead of parsing and validating the
//! YAML again (a millisecond), for every file whose text has not changed.
//! A kept check is written only if it reads back as the same profile, and
//! read only on the day it was made or later.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::model::{AnyProfile, Date, Profile, ScoredProfile};
use crate::output::Stamp;
use crate::render::templates::hex;

/// Where the record is, in the site's folder. Hidden: it is for profilec,
/// not for readers (removing it only makes the next build a full one).
pub const RECORD: &str = ".profilec/manifest.json";

/// The record's own format: another format is not read.
pub const FORMAT: u32 = 1;

/// The folder of the profiles as checked, one file each, named by the
/// digest of the profile file's name and text ([`checked_path`]).
pub const CHECKED: &str = ".profilec/checked";

/// Where the check of a profile file (by the digest of its name and text)
/// is kept in the site.
pub fn checked_path(digest: &str) -> String {
    format!("{CHECKED}/{digest}.json")
}

/// The name of the shared part.
pub const SHARED: &str = "shared";

/// The name of a country's part.
pub fn country_part(alpha3: &str) -> String {
    format!("country/{}", alpha3.to_ascii_lowercase())
}

/// What a build made.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    /// [`FORMAT`].
    pub format: u32,
    /// Each part, by name.
    pub parts: BTreeMap<String, Part>,
}

impl Record {
    /// A record read from its text; `None` if it is not one this version
    /// reads (then everything is made again).
    pub fn parse(text: &[u8]) -> Option<Record> {
        serde_json::from_slice::<Record>(text)
            .ok()
            .filter(|r| r.format == FORMAT)
    }

    /// The record as text.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// One part of a site, as made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Part {
    /// The digest of everything it was made from.
    pub key: String,
    /// The templates it rendered (by name; those they use are found from
    /// their text when the key is made).
    pub templates: Vec<String>,
    /// Every file it wrote, by site path, with its stamp.
    pub files: Vec<(String, Stamp)>,
    /// The warnings it raised, as it raised them (placed in their files by
    /// the caller).
    pub warnings: Vec<Warning>,
    /// A country's summary, for the shared pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<serde_json::Value>,
}

/// A [`Diagnostic`], every field of it, as the record keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    error: bool,
    code: String,
    file: Option<String>,
    location: Option<(u32, u32, u32)>,
    path: Option<String>,
    message: String,
    hint: Option<String>,
    suggestion: Option<String>,
    missing: Option<String>,
    line_text: Option<String>,
    at_key: bool,
}

impl Warning {
    /// Keeps a diagnostic.
    pub fn of(d: &Diagnostic) -> Self {
        Warning {
            error: d.is_error(),
            code: d.code.as_str().to_owned(),
            file: d.file.clone(),
            location: d.location.map(|l| (l.line, l.column, l.length)),
            path: d.path.clone(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            suggestion: d.suggestion.clone(),
            missing: d.missing.clone(),
            line_text: d.line_text.clone(),
            at_key: d.at_key,
        }
    }

    /// The diagnostic again; `None` if its code is not one this version
    /// knows.
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        let code = Code::ALL.into_iter().find(|c| c.as_str() == self.code)?;
        let mut d = if self.error {
            Diagnostic::error(code, self.message.clone())
        } else {
            Diagnostic::warning(code, self.message.clone())
        };
        debug_assert_eq!(d.severity == Severity::Error, self.error);
        d.file = self.file.clone();
        d.location = self.location.map(|(line, column, length)| Location {
            line,
            column,
            length,
        });
        d.path = self.path.clone();
        d.hint = self.hint.clone();
        d.suggestion = self.suggestion.clone();
        d.missing = self.missing.clone();
        d.line_text = self.line_text.clone();
        d.at_key = self.at_key;
        Some(d)
    }
}

/// A valid profile as checked, kept so that the next build need not read
/// its YAML and check it again: the profile (under the name of its kind,
/// so that it is read straight into its type), the diagnostics the check
/// found (warnings, placed in the file), and the day it was checked on (a
/// profile valid on a day is valid on every later day: only dates in the
/// future are judged against the day).
#[derive(Serialize)]
struct KeptCheck<'a> {
    today: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    cyberwellness: Option<&'a Profile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scored: Option<&'a ScoredProfile>,
    diagnostics: Vec<Warning>,
}

#[derive(Deserialize)]
struct ReadCheck {
    today: Date,
    #[serde(default)]
    cyberwellness: Option<Profile>,
    #[serde(default)]
    scored: Option<ScoredProfile>,
    diagnostics: Vec<Warning>,
}

/// A valid profile's check as text for [`checked_path`]; `None` if reading
/// it back would not give the same profile and diagnostics (then it is
/// not kept, and the file is checked again next time).
pub fn keep_check(
    profile: &AnyProfile,
    diagnostics: &[Diagnostic],
    today: Date,
) -> Option<Vec<u8>> {
    let (cyberwellness, scored) = match profile {
        AnyProfile::Cyberwellness(p) => (Some(p), None),
        AnyProfile::Scored(p) => (None, Some(p)),
    };
    let kept = KeptCheck {
        today,
        cyberwellness,
        scored,
        diagnostics: diagnostics.iter().map(Warning::of).collect(),
    };
    let bytes = serde_json::to_vec(&kept).ok()?;
    let (_, again, read_diagnostics) = read_check(&bytes, today)?;
    (&again == profile && read_diagnostics == diagnostics).then_some(bytes)
}

/// A profile's check read back: the day it was made, the profile and its
/// diagnostics; `None` if it cannot be read, or was made after `today`
/// (a clock set back: what was valid then may not be today).
pub fn read_check(bytes: &[u8], today: Date) -> Option<(Date, AnyProfile, Vec<Diagnostic>)> {
    let read: ReadCheck = serde_json::from_slice(bytes).ok()?;
    if read.today > today {
        return None;
    }
    let diagnostics = read
        .diagnostics
        .iter()
        .map(Warning::diagnostic)
        .collect::<Option<Vec<_>>>()?;
    let profile = match (read.cyberwellness, read.scored) {
        (Some(p), None) => AnyProfile::Cyberwellness(p),
        (None, Some(p)) => AnyProfile::Scored(p),
        _ => return None,
    };
    Some((read.today, profile, diagnostics))
}

/// A digest of inputs: SHA-256 over each part given, each prefixed with
/// its length (so that `ab`,`c` and `a`,`bc` differ), shown as 32
/// hexadecimal digits (128 bits).
pub struct Digest(Sha256);

impl Digest {
    /// A digest of a kind of thing (`country`, `shared`), so that digests
    /// of different kinds never meet.
    pub fn new(kind: &str) -> Self {
        let mut digest = Digest(Sha256::new());
        digest.text(kind);
        digest
    }

    /// Adds bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// Adds a value as its JSON.
    pub fn json(&mut self, value: &impl Serialize) -> &mut Self {
        let bytes = serde_json::to_vec(value).unwrap_or_default();
        self.bytes(&bytes)
    }

    /// The digest.
    pub fn finish(self) -> String {
        hex(&self.0.finalize()[..16])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_is_kept_whole() {
        let d = Diagnostic::warning(Code::Output, "a glyph is missing")
            .with_hint("use another font")
            .in_file("profiles/kenya.yaml")
            .at_key("/legal/criminal_legislation")
            .with_location(
                Location {
                    line: 3,
                    column: 5,
                    length: 7,
                },
                Some("  text: x".to_owned()),
            )
            .with_suggestion("sources")
            .missing("status");
        let kept: Warning =
            serde_json::from_slice(&serde_json::to_vec(&Warning::of(&d)).unwrap()).unwrap();
        assert_eq!(kept.diagnostic().unwrap(), d);
        let e = Diagnostic::error(Code::Template, "broken");
        assert_eq!(Warning::of(&e).diagnostic().unwrap(), e);
        let mut unknown = Warning::of(&e);
        unknown.code = "no-such-code".to_owned();
        assert!(unknown.diagnostic().is_none());
    }

    #[test]
    fn digests_tell_parts_apart() {
        let digest = |parts: &[&str]| {
            let mut d = Digest::new("test");
            for p in parts {
                d.text(p);
            }
            d.finish()
        };
        assert_eq!(digest(&["ab", "c"]), digest(&["ab", "c"]));
        assert_ne!(digest(&["ab", "c"]), digest(&["a", "bc"]));
        assert_ne!(Digest::new("a").finish(), Digest::new("b").finish());
        assert_eq!(digest(&[]).len(), 32);
    }

    #[test]
    fn a_kept_check_reads_back_as_the_same_profile_for_that_day_and_after() {
        let validator = crate::validate::Validator::builtin().unwrap();
        let today = Date::new(2027, 1, 1).unwrap();
        for (name, text) in [
            (
                "belgium-2015.yaml",
                include_str!("../../profiles/belgium-2015.yaml"),
            ),
            ("bel.yaml", include_str!("../../profiles/gci/2024/bel.yaml")),
        ] {
            let checked = crate::check::check_source(
                crate::load::SourceFile::new(name, text),
                validator,
                today,
            );
            let profile = checked
                .profile
                .unwrap_or_else(|| panic!("{name}: {:?}", checked.diagnostics));
            let warning = Diagnostic::warning(Code::Output, "kept with it").in_file(name);
            let kept = keep_check(&profile, std::slice::from_ref(&warning), today).unwrap();
            let (day, again, diagnostics) = read_check(&kept, today).unwrap();
            assert_eq!((day, &again, diagnostics), (today, &profile, vec![warning]));
            let later = Date::new(2027, 6, 1).unwrap();
            assert!(read_check(&kept, later).is_some());
            let earlier = Date::new(2026, 12, 31).unwrap();
            assert!(read_check(&kept, earlier).is_none(), "the clock went back");
        }
        assert!(read_check(b"{}", Date::new(2026, 1, 1).unwrap()).is_none());
    }

    #[test]
    fn a_record_of_another_format_is_not_read() {
        let record = Record {
            format: FORMAT,
            parts: BTreeMap::new(),
        };
        assert!(Record::parse(&record.to_json()).is_some());
        let old = Record {
            format: FORMAT + 1,
            ..record
        };
        assert!(Record::parse(&old.to_json()).is_none());
        assert!(Record::parse(b"{not json").is_none());
    }
}
