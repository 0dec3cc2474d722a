//! Old statements: which answers of an edition rest on sources older than a
//! number of years, so that the site can say so beside them.
//!
//! | owns | must not |
//! | --- | --- |
//! | the rule that makes a statement old, against a reference day given by the caller | read the clock: a site rebuilt from the same profiles must be the same, byte for byte |
//!
//! A statement is old when the newest source it cites has a date, and the
//! whole of that date (all of 2015-02, all of 2015) lies before the cutoff,
//! `years` years before the reference day. A statement dated only by a
//! bound ("not before October 2019") is never called old, since it may be
//! recent; an undated one neither, since its age is unknown: both already
//! say so beside their status.

use serde::Serialize;

use crate::model::{Date, Dating, Profile};
use crate::render::view::answer_dating;
use crate::schema::Catalogue;
use crate::wording::date_text;

/// When statements count as old.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staleness {
    /// How many years.
    pub years: u16,
    /// The day they are counted back from: the site's reference day (see
    /// `profilec site --stale-after`), never today's.
    pub reference: Date,
}

impl Staleness {
    /// The first day that is not old.
    pub fn cutoff(&self) -> Date {
        self.reference.years_before(self.years)
    }

    /// Whether a statement of this date is old.
    pub fn is_old(&self, dating: Option<Dating>) -> bool {
        matches!(dating, Some(Dating::On(date)) if date.latest() < self.cutoff())
    }

    /// The anchors (`1-2-1-cirt`) of the answers of `profile` that are old,
    /// in catalogue order.
    pub fn old_answers(&self, profile: &Profile, catalogue: &Catalogue) -> Vec<String> {
        catalogue
            .indicators()
            .filter(|located| {
                profile
                    .area(&located.area.key)
                    .and_then(|area| area.get(&located.indicator.key))
                    .is_some_and(|answer| self.is_old(answer_dating(profile, answer)))
            })
            .map(|located| located.indicator.anchor.clone())
            .collect()
    }

    /// What the templates see: the number of years and the cutoff in words.
    pub fn view(&self) -> StaleView {
        StaleView {
            years: self.years,
            before: date_text(self.cutoff()),
            reference: date_text(self.reference),
        }
    }
}

/// The threshold, as the templates word it.
#[derive(Debug, Clone, Serialize)]
pub struct StaleView {
    /// `5`.
    pub years: u16,
    /// `23 November 2021`: statements whose sources all date from before
    /// this day are old.
    pub before: String,
    /// `23 November 2026`: the day counted back from.
    pub reference: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn staleness() -> Staleness {
        Staleness {
            years: 5,
            reference: "2026-11-23".parse().unwrap(),
        }
    }

    fn on(text: &str) -> Option<Dating> {
        Some(Dating::On(text.parse::<PartialDate>().unwrap()))
    }

    #[test]
    fn a_statement_is_old_when_all_of_its_date_is_before_the_cutoff() {
        let s = staleness();
        assert_eq!(s.cutoff().to_string(), "2021-11-23");
        assert!(s.is_old(on("2015-02-02")));
        assert!(s.is_old(on("2021-10")));
        assert!(s.is_old(on("2021-11-22")));
        assert!(!s.is_old(on("2021-11-23")));
        // All of 2021 is not before 23 November 2021: it may be December.
        assert!(!s.is_old(on("2021")));
        assert!(!s.is_old(on("2021-11")));
        assert!(s.is_old(on("2020")));
    }

    #[test]
    fn bounds_and_undated_statements_are_never_called_old() {
        let s = staleness();
        let bound = Some(Dating::NotBefore("2015-02".parse().unwrap()));
        assert!(!s.is_old(bound));
        assert!(!s.is_old(None));
    }
}
