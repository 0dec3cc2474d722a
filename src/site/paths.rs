//! Where each page of the site lives, and links between pages.
//!
//! Every page has a *site path*: a `/`-separated path from the site's root,
//! such as `countries/bel/index.html`. Pages never link by site path or by
//! absolute URL: [`relative`] turns the target's site path into a path
//! relative to the page that links to it, so the site works opened from disk
//! (`file://`) and served under any sub-path. Links always name the file
//! (`…/index.html`), because a browser opening files from disk does not look
//! for `index.html` in a folder.

/// The home page.
pub const HOME: &str = "index.html";
/// The search page.
pub const SEARCH: &str = "search.html";
/// The countries × indicators matrix.
pub const MATRIX: &str = "matrix.html";
/// Every change report, newest first.
pub const CHANGES: &str = "changes.html";
/// The page a server shows for a missing address.
pub const NOT_FOUND: &str = "404.html";
/// Every profile as JSON, for researchers.
pub const PROFILES_JSON: &str = "profiles.json";
/// The sitemap (absolute URLs, only with a base URL).
pub const SITEMAP: &str = "sitemap.xml";
/// The Atom feed of editions (absolute URLs, only with a base URL).
pub const FEED: &str = "feed.xml";
/// The shared stylesheet.
pub const CSS: &str = "assets/site.css";
/// The script of every page (sorting and filtering tables).
pub const SITE_JS: &str = "assets/site.js";
/// The search script.
pub const SEARCH_JS: &str = "assets/search.js";
/// The prebuilt search index, as a script that assigns a global (a browser
/// opening files from disk refuses to `fetch` a local JSON file).
pub const SEARCH_INDEX_JS: &str = "assets/search-index.js";
/// A marker that says the folder is a site profilec made, so a rebuild may
/// replace it.
pub const MARKER: &str = ".profilec-site";
/// The results of the latest GCI edition (every country, sortable and
/// filterable), with links to the other editions, the regions and the tiers.
pub const GCI: &str = "gci/index.html";
/// The GCI scores as tidy CSV: one row per country, edition and pillar.
pub const GCI_CSV: &str = "gci.csv";

/// The results page of one GCI edition: `gci/2024.html`.
pub fn gci_results(year: u16) -> String {
    format!("gci/{year}.html")
}

/// The countries of each tier of a GCI edition that places countries in
/// tiers: `gci/tiers-2024.html`.
pub fn gci_tiers(year: u16) -> String {
    format!("gci/tiers-{year}.html")
}

/// The page of an ITU-D region, by its slug: `regions/europe.html`.
pub fn region_page(slug: &str) -> String {
    format!("regions/{slug}.html")
}

/// The page of one GCI profile of a country: `countries/bel/gci-2024.html`.
/// Named apart from the Cyberwellness editions (`2024.html`), which may
/// share a year.
pub fn scorecard_page(alpha3: &str, year: u16) -> String {
    format!("{}/gci-{year}.html", country_dir(alpha3))
}

/// A download of one GCI profile: `countries/bel/bel-gci-2024.pdf`.
pub fn scorecard_download(alpha3: &str, year: u16, extension: &str) -> String {
    let code = alpha3.to_ascii_lowercase();
    format!("{}/{code}-gci-{year}.{extension}", country_dir(alpha3))
}

/// The folder of a country's pages, by ISO alpha-3 code: `countries/bel`.
pub fn country_dir(alpha3: &str) -> String {
    format!("countries/{}", alpha3.to_ascii_lowercase())
}

/// A country's page (its latest edition in full).
pub fn country_page(alpha3: &str) -> String {
    format!("{}/index.html", country_dir(alpha3))
}

/// The page of one edition of a country's profile.
pub fn edition_page(alpha3: &str, year: u16) -> String {
    format!("{}/{year}.html", country_dir(alpha3))
}

/// A download of one edition: `countries/bel/bel-2015.md`.
pub fn edition_download(alpha3: &str, year: u16, extension: &str) -> String {
    let code = alpha3.to_ascii_lowercase();
    format!("{}/{code}-{year}.{extension}", country_dir(alpha3))
}

/// The change report between two consecutive editions.
pub fn changes_page(alpha3: &str, old: u16, new: u16) -> String {
    format!("{}/changes-{old}-{new}.html", country_dir(alpha3))
}

/// The page of one indicator of a catalogue, listing every country's answer.
pub fn indicator_page(catalogue: &str, anchor: &str) -> String {
    format!("indicators/{catalogue}/{anchor}.html")
}

/// The path of `to` (a site path, possibly with a `#fragment`) relative to
/// the page at site path `from`.
///
/// ```
/// use profilec::site::paths::relative;
/// assert_eq!(relative("countries/bel/index.html", "assets/site.css"), "../../assets/site.css");
/// assert_eq!(relative("index.html", "countries/bel/index.html#1-2-1-cirt"), "countries/bel/index.html#1-2-1-cirt");
/// assert_eq!(relative("countries/bel/2015.html", "countries/bel/index.html"), "index.html");
/// ```
pub fn relative(from: &str, to: &str) -> String {
    let (to_path, fragment) = match to.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (to, None),
    };
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to_path.split('/').collect();
    let (to_dirs, to_file) = to_parts.split_at(to_parts.len() - 1);
    let common = from_dirs
        .iter()
        .zip(to_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = String::new();
    for _ in common..from_dirs.len() {
        out.push_str("../");
    }
    for dir in &to_dirs[common..] {
        out.push_str(dir);
        out.push('/');
    }
    out.push_str(to_file[0]);
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_and_descend() {
        assert_eq!(relative("index.html", "assets/site.css"), "assets/site.css");
        assert_eq!(
            relative("countries/bel/index.html", "index.html"),
            "../../index.html"
        );
        assert_eq!(
            relative("countries/bel/index.html", "countries/fra/index.html"),
            "../fra/index.html"
        );
        assert_eq!(
            relative(
                "indicators/cyberwellness-2015/1-2-1-cirt.html",
                "countries/bel/index.html#1-2-1-cirt"
            ),
            "../../countries/bel/index.html#1-2-1-cirt"
        );
        assert_eq!(
            relative("countries/bel/2015.html", "countries/bel/bel-2015.md"),
            "bel-2015.md"
        );
        assert_eq!(relative("matrix.html", "matrix.html#x"), "matrix.html#x");
    }

    #[test]
    fn page_paths_use_lower_case_codes() {
        assert_eq!(country_page("BEL"), "countries/bel/index.html");
        assert_eq!(edition_page("BEL", 2015), "countries/bel/2015.html");
        assert_eq!(
            edition_download("BEL", 2015, "pdf"),
            "countries/bel/bel-2015.pdf"
        );
        assert_eq!(
            changes_page("BEL", 2015, 2018),
            "countries/bel/changes-2015-2018.html"
        );
        assert_eq!(scorecard_page("BEL", 2024), "countries/bel/gci-2024.html");
        assert_eq!(
            scorecard_download("BEL", 2024, "md"),
            "countries/bel/bel-gci-2024.md"
        );
        assert_eq!(region_page("arab-states"), "regions/arab-states.html");
        assert_eq!(gci_tiers(2024), "gci/tiers-2024.html");
    }
}
