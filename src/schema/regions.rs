//! The ITU-D regions (`schema/regions/itu-d.csv`, embedded): which region
//! each ITU member state belongs to, by ISO 3166-1 alpha-3 code.
//!
//! The list is not one the ITU publishes as a table: it was derived by rule
//! from an ITU administrations export (see `data/gci/README.md`), and the
//! number of CIS countries differs between sources. Profiles name a region
//! by its name; validation checks the name is one of these.

use std::sync::OnceLock;

const TABLE: &str = include_str!("../../schema/regions/itu-d.csv");

/// The six ITU-D regions, as the list names them.
pub const REGIONS: [&str; 6] = [
    "Africa",
    "Americas",
    "Arab States",
    "Asia and the Pacific",
    "CIS",
    "Europe",
];

/// Every `(alpha3, region)` pair of the list, in its order.
pub fn memberships() -> &'static [(&'static str, &'static str)] {
    static ROWS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .skip(1) // the header
            .filter_map(|line| {
                let (code, region) = line.trim_end_matches('\r').split_once(',')?;
                Some((code.trim(), region.trim()))
            })
            .collect()
    })
}

/// The ITU-D region of the country with this alpha-3 code.
pub fn region_of(alpha3: &str) -> Option<&'static str> {
    memberships()
        .iter()
        .find(|(code, _)| *code == alpha3)
        .map(|(_, region)| *region)
}

/// The list's region of this name (exact), so a profile's region can be
/// checked and keyed.
pub fn region(name: &str) -> Option<&'static str> {
    REGIONS.iter().find(|r| **r == name).copied()
}

/// A stable identifier of a region for file names and anchors
/// (`asia-and-the-pacific`).
pub fn region_slug(name: &str) -> String {
    crate::wording::slug(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_is_in_one_of_the_six_regions() {
        let rows = memberships();
        assert_eq!(rows.len(), 195);
        for (code, region) in rows {
            assert!(REGIONS.contains(region), "{code}: {region}");
            assert!(
                crate::schema::country_by_alpha3(code).is_some(),
                "{code} is an ISO 3166-1 code"
            );
        }
        let count = |r: &str| rows.iter().filter(|(_, x)| *x == r).count();
        assert_eq!(
            [
                count("Africa"),
                count("Americas"),
                count("Arab States"),
                count("Asia and the Pacific"),
                count("CIS"),
                count("Europe")
            ],
            [44, 35, 22, 39, 9, 46]
        );
    }

    #[test]
    fn regions_are_found_by_country() {
        assert_eq!(region_of("BEL"), Some("Europe"));
        assert_eq!(region_of("SLV"), Some("Americas"));
        assert_eq!(region_of("PSE"), Some("Arab States"));
        assert_eq!(region_of("XXX"), None);
        assert_eq!(region("Europe"), Some("Europe"));
        assert_eq!(region("europe"), None);
        assert_eq!(region_slug("Asia and the Pacific"), "asia-and-the-pacific");
    }
}
