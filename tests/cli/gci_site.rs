//! The site of the whole shipped corpus (issue 14, item 5): the Belgian
//! Cyberwellness Profiles and the 388 GCI profiles of 194 countries. Every
//! link resolves; each GCI page says what the profile files say, read here
//! from the YAML itself: the results of each edition list every country
//! with its region, tier or rank and scores; each region page its members
//! and their averages; the tiers page each country in its tier; `gci.csv`
//! every score. The site is built once (without PDFs) and shared by the
//! tests; the downloads are compared with `profilec build`'s on a small
//! site with PDFs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use crate::common::{TestCommand, repo};
use crate::site::{check_site, copy_yaml, summary_numbers, tree};

const BASE: &str = "https://example.org/gci/";

/// The shipped GCI profiles, by edition year, then country code, as their
/// YAML says.
fn corpus() -> &'static BTreeMap<u16, BTreeMap<String, Value>> {
    static CORPUS: OnceLock<BTreeMap<u16, BTreeMap<String, Value>>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut out: BTreeMap<u16, BTreeMap<String, Value>> = BTreeMap::new();
        for (path, bytes) in tree(&repo().join("profiles/gci")) {
            let text = String::from_utf8(bytes).unwrap();
            let value: Value = serde_saphyr::from_str(&text)
                .unwrap_or_else(|e| panic!("profiles/gci/{path}: {e}"));
            let year = value["edition"].as_u64().unwrap() as u16;
            let code = value["country"]["alpha3"].as_str().unwrap().to_owned();
            out.entry(year).or_default().insert(code, value);
        }
        out
    })
}

/// The site of `profiles/`, built once (no PDFs: their bytes are checked
/// on a small site below), and what the build said.
fn site() -> &'static (PathBuf, String) {
    static SITE: OnceLock<(PathBuf, String)> = OnceLock::new();
    SITE.get_or_init(|| {
        // Under target/: a later run replaces it (it is a site profilec made).
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gci-site");
        let ran = TestCommand::new()
            .arg("site")
            .arg(repo().join("profiles"))
            .arg("-o")
            .arg(&out)
            .args(["--no-pdf", "--base-url", BASE])
            .run();
        assert_eq!(ran.code, 0, "{}", ran.stderr_text());
        (out, ran.stderr_text())
    })
}

fn page(path: &str) -> String {
    std::fs::read_to_string(site().0.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn two(value: &Value) -> String {
    format!("{:.2}", value.as_f64().unwrap())
}

/// The rows of the table with this id: each row's HTML.
fn rows(html: &str, table: &str) -> Vec<String> {
    let start = html
        .find(&format!("id=\"{table}\""))
        .unwrap_or_else(|| panic!("no table {table}"));
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    body.split("<tr")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap().to_owned())
        .collect()
}

/// The country code of a row or list item, from its link to the country page.
fn code_of(html: &str) -> String {
    let re = Regex::new(r#"countries/([a-z]{3})/index\.html"#).unwrap();
    re.captures(html)
        .unwrap_or_else(|| panic!("no country link in {html}"))[1]
        .to_uppercase()
}

/// The texts of the cells of a row (`<td>` only), tags removed.
fn cells(row: &str) -> Vec<String> {
    let tags = Regex::new(r"<[^>]+>").unwrap();
    row.split("<td")
        .skip(1)
        .map(|c| {
            let inner = &c[c.find('>').unwrap() + 1..];
            let inner = inner.split("</td>").next().unwrap();
            tags.replace_all(inner, "").trim().to_owned()
        })
        .collect()
}

#[test]
fn the_whole_corpus_builds_and_every_internal_link_resolves() {
    let (root, stderr) = site();
    let [countries, editions, gci, pages] = summary_numbers(stderr);
    assert_eq!(countries, 194);
    assert_eq!(editions, 2, "the two Belgian Cyberwellness editions");
    assert_eq!(gci, 388);
    let checked = check_site(root, Some(BASE));
    assert_eq!(checked.pages, pages);
    // A country page and two GCI profile pages per country, and more.
    assert!(pages > 194 * 3, "{pages} pages");
    let files = tree(root);
    for year in [2020, 2024] {
        assert!(files.contains_key(&format!("gci/{year}.html")));
    }
    assert!(files.contains_key("gci/tiers-2024.html"));
    assert!(
        !files.contains_key("gci/tiers-2020.html"),
        "2020 ranks, it has no tiers"
    );
    // The latest results are also the GCI index.
    assert!(files["gci/index.html"] == files["gci/2024.html"]);
    // The sitemap lists the new pages.
    let sitemap = String::from_utf8_lossy(&files["sitemap.xml"]).into_owned();
    for path in [
        "gci/index.html",
        "gci/2020.html",
        "gci/tiers-2024.html",
        "regions/europe.html",
        "countries/afg/gci-2024.html",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{BASE}{path}</loc>")),
            "{path}"
        );
    }
}

#[test]
fn each_results_page_lists_every_country_of_its_edition_with_its_scores() {
    let corpus = corpus();
    assert_eq!(corpus.len(), 2);
    for (year, profiles) in corpus {
        assert_eq!(profiles.len(), 194, "{year}");
        let html = page(&format!("gci/{year}.html"));
        let rows = rows(&html, "results");
        assert_eq!(rows.len(), 194, "{year}: one row per country");
        let mut seen = BTreeSet::new();
        for row in &rows {
            let code = code_of(row);
            let profile = &profiles[&code];
            assert!(seen.insert(code.clone()), "{code} twice");
            let region = profile["region"].as_str().unwrap();
            let slug = region.to_lowercase().replace(' ', "-");
            assert!(row.contains(&format!("data-region=\"{slug}\"")), "{code}");
            let texts = cells(row);
            // Region, placing, overall, then the pillars in the edition's order.
            assert_eq!(texts[0], region, "{code}");
            match profile.get("tier") {
                Some(tier) => {
                    assert!(row.contains(&format!("data-tier=\"{tier}\"")), "{code}");
                    assert!(
                        texts[1].contains(&format!("Tier {tier}:")),
                        "{code}: {}",
                        texts[1]
                    );
                }
                None => {
                    let rank = &profile["rank"];
                    assert!(
                        texts[1].starts_with(&format!("Rank {rank} of 194")),
                        "{code}"
                    );
                }
            }
            assert_eq!(texts[2], two(&profile["scores"]["overall"]), "{code}");
            let pillars = &profile["scores"]["pillars"];
            for (i, key) in [
                "legal",
                "technical",
                "organizational",
                "capacity_development",
                "cooperation",
            ]
            .iter()
            .enumerate()
            {
                assert_eq!(texts[3 + i], two(&pillars[key]), "{code} {key}");
            }
        }
        // The filters offer the six regions and, in 2024, the five tiers.
        let options = html.matches("<option value=\"").count();
        let expected = 1 + 6 + if *year == 2024 { 1 + 5 } else { 0 };
        assert_eq!(options, expected, "{year}");
    }
}

#[test]
fn region_pages_list_their_members_and_averages_that_match_the_profiles() {
    let corpus = corpus();
    let latest = &corpus[&2024];
    let regions: BTreeSet<&str> = latest
        .values()
        .map(|p| p["region"].as_str().unwrap())
        .collect();
    assert_eq!(regions.len(), 6);
    for region in regions {
        let slug = region.to_lowercase().replace(' ', "-");
        let html = page(&format!("regions/{slug}.html"));
        let members: BTreeSet<String> = rows(&html, "members").iter().map(|r| code_of(r)).collect();
        let expected: BTreeSet<String> = latest
            .iter()
            .filter(|(_, p)| p["region"] == region)
            .map(|(code, _)| code.clone())
            .collect();
        assert_eq!(members, expected, "{region}");
        // The averages of each edition, as every member's profile states
        // them (the import computed them over the whole dataset), region
        // and world, each pillar and the overall.
        let tables: Vec<&str> = html.split("<table class=\"averages\">").skip(1).collect();
        assert_eq!(tables.len(), 2, "{region}: one table per edition");
        for (table, year) in tables.iter().zip([2024u16, 2020]) {
            let any_member = corpus[&year]
                .values()
                .find(|p| p["region"] == region)
                .unwrap();
            let averages = &any_member["averages"];
            let body = &table[..table.find("</table>").unwrap()];
            let lines: Vec<Vec<String>> = body.split("<tr").skip(2).map(cells).collect();
            let keys = [
                "legal",
                "technical",
                "organizational",
                "capacity_development",
                "cooperation",
            ];
            assert_eq!(lines.len(), keys.len() + 1, "{region} {year}");
            for (line, key) in lines.iter().zip(keys) {
                for (column, which) in [(0, "region"), (1, "world")] {
                    let shown: f64 = line[column].parse().unwrap();
                    let stated = averages[which]["pillars"][key].as_f64().unwrap();
                    assert!(
                        (shown - stated).abs() < 0.0051,
                        "{region} {year} {which} {key}: page {shown}, profiles {stated}"
                    );
                }
            }
            let overall = &lines[keys.len()];
            for (column, which) in [(0, "region"), (1, "world")] {
                let shown: f64 = overall[column].parse().unwrap();
                let stated = averages[which]["overall"].as_f64().unwrap();
                assert!(
                    (shown - stated).abs() < 0.0051,
                    "{region} {year} {which} overall"
                );
            }
        }
    }
}

#[test]
fn the_tiers_page_puts_each_country_in_its_tier_belgium_in_tier_1() {
    let html = page("gci/tiers-2024.html");
    let mut placed = BTreeMap::new();
    for tier in 1..=5u64 {
        let start = html.find(&format!("id=\"tier-{tier}\"")).unwrap();
        let section = &html[start..];
        let section = &section[..section.find("</section>").unwrap()];
        assert!(section.contains(&format!("<span class=\"tier-number\">Tier {tier}</span>")));
        for item in section.split("<li>").skip(1) {
            assert!(placed.insert(code_of(item), tier).is_none(), "in two tiers");
        }
    }
    assert_eq!(placed["BEL"], 1, "Belgium is in Tier 1");
    assert_eq!(placed.len(), 194);
    for (code, profile) in &corpus()[&2024] {
        assert_eq!(
            Some(&placed[code]),
            profile["tier"].as_u64().as_ref(),
            "{code}"
        );
    }
    // Tiers are told by words and a staircase, not by color alone.
    assert!(html.contains("<span class=\"tier-steps\" aria-hidden=\"true\">■■■■■&nbsp;</span><span class=\"tier-number\">Tier 1</span><span class=\"tier-name\">: Role-modelling</span>"));
}

#[test]
fn gci_csv_is_tidy_and_holds_every_score_at_full_precision() {
    let bytes = std::fs::read(site().0.join("gci.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "alpha3", "country", "region", "edition", "pillar", "score", "source"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Five pillars and the overall score of each of the 388 profiles.
    assert_eq!(records.len(), 388 * 6);
    let mut per_profile: BTreeMap<(String, u16), usize> = BTreeMap::new();
    for record in &records {
        let year: u16 = record[3].parse().unwrap();
        let profile = &corpus()[&year][&record[0]];
        assert_eq!(&record[1], profile["country"]["name"].as_str().unwrap());
        assert_eq!(&record[2], profile["region"].as_str().unwrap());
        let stated = match &record[4] {
            "overall" => &profile["scores"]["overall"],
            pillar => &profile["scores"]["pillars"][pillar],
        };
        assert_eq!(record[5].parse::<f64>().unwrap(), stated.as_f64().unwrap());
        assert_eq!(
            &record[6],
            "https://data360.worldbank.org/en/dataset/ITU_GCI"
        );
        *per_profile.entry((record[0].to_owned(), year)).or_default() += 1;
    }
    assert_eq!(per_profile.len(), 388);
    assert!(per_profile.values().all(|&n| n == 6));
}

#[test]
fn gci_csv_quotes_what_needs_quoting() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let text = std::fs::read_to_string(repo().join("profiles/gci/2024/bel.yaml")).unwrap();
    let renamed = text.replace(
        "name: \"Belgium\"",
        "name: \"Belgium, \\\"the\\\" Kingdom\"",
    );
    assert_ne!(renamed, text);
    std::fs::write(input.join("bel.yaml"), renamed).unwrap();
    let ran = TestCommand::new()
        .arg("site")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("site"))
        .arg("--no-pdf")
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let bytes = std::fs::read(dir.path().join("site/gci.csv")).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("BEL,\"Belgium, \"\"the\"\" Kingdom\",Europe,2024,legal,20,"),
        "{text}"
    );
    let records: Vec<csv::StringRecord> = csv::Reader::from_reader(&bytes[..])
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(records.len(), 6);
    assert!(records.iter().all(|r| &r[1] == "Belgium, \"the\" Kingdom"));
}

#[test]
fn a_country_page_opens_on_its_scorecard() {
    // Belgium: both kinds; the scorecard first, then the Cyberwellness
    // Profile in full.
    let html = page("countries/bel/index.html");
    let scorecard = html.find("class=\"scorecard\"").unwrap();
    let document = html.find("<article class=\"doc\">").unwrap();
    assert!(scorecard < document);
    for text in [
        "Belgium in the Global Cybersecurity Index",
        "<span class=\"tier-number\">Tier 1</span><span class=\"tier-name\">: Role-modelling</span>",
        "<span class=\"overall\">96.82</span>",
        "href=\"../../regions/europe.html\">Europe</a>",
        "href=\"gci-2024.html\">GCI 2024</a>",
        "href=\"gci-2020.html\">GCI 2020</a>",
        "href=\"2021.html\">2021 edition</a>",
        "href=\"../../gci/2024.html\">GCI 2024 results</a>",
        "href=\"../../gci/tiers-2024.html\">GCI 2024 tiers</a>",
        "Rank 19<span class=\"muted\"> of 194</span>",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // The pillars against the region: as numbers in a table, and as a
    // chart with a title and a description that says every number.
    let table = &html[html.find("<table class=\"pillar-table\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let technical = table
        .split("<tr>")
        .find(|r| r.contains(">Technical<"))
        .unwrap();
    assert_eq!(cells(technical), ["18.11", "16.41", "+1.70"]);
    let chart = &html[html.find("aria-labelledby=\"gci-pillars-title").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    assert!(html.contains("role=\"img\" aria-labelledby=\"gci-pillars-title gci-pillars-desc\""));
    assert!(chart.contains("<title id=\"gci-pillars-title\">Belgium&#x27;s pillar scores in the GCI 2024, against the Europe average</title>"));
    assert!(chart.contains("Technical: Belgium 18.11, Europe average 16.41"));
    assert!(chart.contains(">18.11</text>"));
    // The trend of the overall score, with its numbers beside it.
    assert!(html.contains("<title id=\"gci-trend-title\">"));
    assert!(html.contains("<li>2020: <strong>96.25</strong></li>"));
    assert!(html.contains("<li>2024: <strong>96.82</strong></li>"));

    // Afghanistan: GCI profiles only.
    let html = page("countries/afg/index.html");
    assert!(html.contains("<h1 class=\"country-title\">Afghanistan</h1>"));
    assert!(html.contains("Tier 5:"));
    assert!(!html.contains("<article"));
    assert!(html.contains("publishes no ITU Cyberwellness Profile of Afghanistan"));
    // Its GCI profile's page: the document beside its downloads.
    let html = page("countries/afg/gci-2024.html");
    assert!(html.contains("<article class=\"doc gci-doc\">"));
    assert!(html.contains("GCI 5th Edition Country Performance Afghanistan"));
    assert!(html.contains("href=\"afg-gci-2024.md\""));
    assert!(html.contains("href=\"afg-gci-2024.json\""));
    assert!(!html.contains(".pdf"), "--no-pdf");
}

#[test]
fn home_lists_every_country_and_the_matrix_says_it_holds_cyberwellness_only() {
    let html = page("index.html");
    let rows = rows(&html, "countries");
    assert_eq!(rows.len(), 194);
    let belgium = rows.iter().find(|r| code_of(r) == "BEL").unwrap();
    let texts = cells(belgium);
    assert_eq!(texts[0], "BEL");
    assert_eq!(texts[1], "Europe");
    assert!(texts[2].contains("Tier 1: Role-modelling"), "{}", texts[2]);
    assert_eq!(texts[3], "96.82");
    assert!(texts[4].starts_with("2021"), "{}", texts[4]);
    let afghanistan = rows.iter().find(|r| code_of(r) == "AFG").unwrap();
    assert!(cells(afghanistan)[4].contains("no cyberwellness profile"));
    // The filters: the six regions, the five tiers of the latest edition.
    assert!(html.contains("<option value=\"arab-states\">Arab States (22)</option>"));
    assert!(html.contains("<option value=\"1\">Tier 1: Role-modelling (46)</option>"));
    let matrix = page("matrix.html");
    assert!(matrix.contains("indicators of the ITU Cyberwellness Profiles only"));
    assert!(matrix.contains("href=\"gci/index.html\">GCI results</a>"));
}

/// The site's GCI downloads are `profilec build`'s documents, byte for
/// byte, PDF included.
#[test]
fn gci_downloads_are_the_documents_build_makes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        repo().join("profiles/gci/2024/bel.yaml"),
        input.join("bel.yaml"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("profiles/belgium.yaml"),
        input.join("belgium.yaml"),
    )
    .unwrap();
    copy_yaml(&repo().join("profiles/gci/2020"), &input.join("2020"));
    let ran = TestCommand::new()
        .arg("site")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("site"))
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let built = dir.path().join("built");
    let ran = TestCommand::new()
        .arg("build")
        .arg(input.join("bel.yaml"))
        .args(["-f", "md,pdf", "-o"])
        .arg(&built)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let site = dir.path().join("site/countries/bel");
    for ext in ["md", "pdf"] {
        assert!(
            std::fs::read(site.join(format!("bel-gci-2024.{ext}"))).unwrap()
                == std::fs::read(built.join(format!("bel.{ext}"))).unwrap(),
            "the site's {ext} is build's"
        );
    }
    let json: Value =
        serde_json::from_slice(&std::fs::read(site.join("bel-gci-2024.json")).unwrap()).unwrap();
    assert_eq!(json["tier"], 1);
    assert_eq!(json["schema_edition"], "gci-2024");
    // With 194 countries in 2020 but one in 2024, the pages still resolve.
    check_site(&dir.path().join("site"), None);
}

/// Where the profiles folder holds no GCI profile, no GCI page, link or
/// file is made.
#[test]
fn without_gci_profiles_there_are_no_gci_pages() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        repo().join("profiles/belgium.yaml"),
        input.join("belgium.yaml"),
    )
    .unwrap();
    let ran = TestCommand::new()
        .arg("site")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("site"))
        .arg("--no-pdf")
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let files = tree(&dir.path().join("site"));
    assert!(
        !files
            .keys()
            .any(|p| p.starts_with("gci") || p.starts_with("regions/"))
    );
    let home = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(!home.contains("GCI"), "{home}");
    check_site(&dir.path().join("site"), None);
}
