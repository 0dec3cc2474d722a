//! The ISO 3166-1 country table (`schema/countries.tsv`, embedded): codes and
//! the names a country goes by, for checking codes and for finding a country
//! from the name a document prints.

use std::sync::OnceLock;

/// One country of ISO 3166-1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Alpha-2 code, `BE`.
    pub alpha2: &'static str,
    /// Alpha-3 code, `BEL`.
    pub alpha3: &'static str,
    /// The ISO short name first, then other names (official, common).
    pub names: Vec<&'static str>,
}

impl Country {
    /// The ISO short name.
    pub fn name(&self) -> &'static str {
        self.names.first().copied().unwrap_or(self.alpha2)
    }
}

const TABLE: &str = include_str!("../../schema/countries.tsv");

/// Every country, ordered by alpha-2 code.
pub fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let alpha2 = fields.next()?;
                let alpha3 = fields.next()?;
                Some(Country {
                    alpha2,
                    alpha3,
                    names: fields.collect(),
                })
            })
            .collect()
    })
}

/// The country with this alpha-2 code.
pub fn country_by_alpha2(code: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.alpha2 == code)
}

/// The country with this alpha-3 code.
pub fn country_by_alpha3(code: &str) -> Option<&'static Country> {
    countries().iter().find(|c| c.alpha3 == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_iso_country() {
        assert_eq!(countries().len(), 249);
        assert!(
            countries()
                .iter()
                .all(|c| c.alpha2.len() == 2 && c.alpha3.len() == 3 && !c.names.is_empty())
        );
    }

    #[test]
    fn codes_find_countries() {
        assert_eq!(country_by_alpha2("BE").map(Country::name), Some("Belgium"));
        assert_eq!(country_by_alpha3("CIV").map(|c| c.alpha2), Some("CI"));
        assert!(country_by_alpha2("XX").is_none());
    }
}
