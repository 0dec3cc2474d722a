//! The published results of the ITU Global Cybersecurity Index (the World
//! Bank Data360 downloads of dataset `ITU_GCI`) → one GCI profile per
//! country and edition.
//!
//! | owns | must not |
//! | --- | --- |
//! | reading the Data360 CSV files (`schema/datasets/data360-itu-gci.yaml` says what they hold); what a profile needs from the whole dataset to stand alone (the 2020 rank, the 2024 tier, the ITU-D region, the region's and the world's averages); the YAML of the profiles | write files; compute what the data does not hold (strengths, growth areas) |
//!
//! Every problem of every file is reported, each at its file, line and
//! column; nothing is imported when there is one. The output is
//! deterministic: the same files and the same date read give the same
//! bytes, so the committed profiles can be checked against a re-import.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Location};
use crate::model::{Average, Averages, Country, Date, Figures, ScoredProfile, Scores, Source};
use crate::schema::{Catalogues, Ranking, ScoredEdition, country_by_alpha3, regions};
use crate::wording::{date_text, round};

/// What the dataset's files hold, from `schema/datasets/data360-itu-gci.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The dataset's identifier at the publisher (`ITU_GCI`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its publisher.
    pub publisher: String,
    /// Its page.
    pub url: String,
    /// Where a file can be downloaded (`{file}` is its name).
    pub file_url: String,
    /// The columns a file may have.
    pub columns: Vec<String>,
    /// Indicator code → `overall` or a pillar key.
    pub indicators: BTreeMap<String, String>,
    /// Year → GCI edition identifier.
    pub editions: BTreeMap<u16, String>,
}

/// The embedded description of the dataset.
pub fn dataset() -> Result<&'static Dataset, String> {
    static DATASET: OnceLock<Result<Dataset, String>> = OnceLock::new();
    DATASET
        .get_or_init(|| {
            crate::load::from_yaml_str(include_str!("../../schema/datasets/data360-itu-gci.yaml"))
                .map_err(|e| format!("the embedded description of the GCI dataset: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The columns a row must have.
const NEEDED: [&str; 4] = ["REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE"];

/// One file to import: its name as the user gave it, and its text.
#[derive(Debug, Clone, Copy)]
pub struct DataFile<'a> {
    /// The name, as given.
    pub name: &'a str,
    /// The text.
    pub text: &'a str,
}

/// A profile made from the dataset, with where it goes.
#[derive(Debug, Clone)]
pub struct ImportedProfile {
    /// Its path under the output folder (`2024/bel.yaml`).
    pub path: String,
    /// The profile.
    pub profile: ScoredProfile,
    /// Its YAML, with the comment that says how it was made.
    pub yaml: String,
}

/// The scores read for one country and year.
#[derive(Debug, Default)]
struct Entry {
    pillars: BTreeMap<String, f64>,
    overall: Option<f64>,
    /// Where each value was read: score key → (file, line).
    at: BTreeMap<String, (String, u32)>,
}

/// One edition's countries and their scores.
type Year<'a> = (&'a ScoredEdition, Vec<(String, Entry)>);

/// Reads the files and makes the profiles, sorted by edition then country.
/// `retrieved` is the day the files were read (also each profile's
/// `last_updated`).
pub fn import(
    files: &[DataFile],
    catalogues: &Catalogues,
    retrieved: Date,
) -> Result<Vec<ImportedProfile>, Vec<Diagnostic>> {
    let dataset = dataset().map_err(|e| vec![Diagnostic::error(Code::Internal, e)])?;
    let mut problems = Vec::new();
    let mut entries: BTreeMap<(u16, String), Entry> = BTreeMap::new();
    for file in files {
        read_file(file, dataset, &mut entries, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if entries.is_empty() {
        return Err(vec![
            Diagnostic::error(Code::ImportIncomplete, "the files hold no scores").with_hint(
                "give the Data360 files of the ITU_GCI dataset, e.g. data/gci/ITU_GCI_*.csv",
            ),
        ]);
    }

    // Each year's edition, and a complete set of scores per country.
    let mut years: BTreeMap<u16, Year> = BTreeMap::new();
    for ((year, alpha3), entry) in entries {
        let Some(edition) = dataset
            .editions
            .get(&year)
            .and_then(|id| catalogues.scored(id))
        else {
            continue; // refused while reading
        };
        for pillar in &edition.pillars {
            if !entry.pillars.contains_key(&pillar.key) {
                let code = dataset
                    .indicators
                    .iter()
                    .find(|(_, key)| **key == pillar.key)
                    .map_or("?", |(code, _)| code.as_str());
                let (file, line) = entry.at.values().next().cloned().unwrap_or_default();
                problems.push(
                    Diagnostic::error(
                        Code::ImportIncomplete,
                        format!(
                            "{alpha3} has no {} score for {year} ({})",
                            pillar.name, edition.short_name
                        ),
                    )
                    .with_hint(format!(
                        "give the file of the dataset's indicator {code} too (for example data/gci/{code}.csv)"
                    ))
                    .in_file(file)
                    .with_location(
                        Location {
                            line,
                            column: 1,
                            length: 1,
                        },
                        None,
                    ),
                );
            }
        }
        years
            .entry(year)
            .or_insert_with(|| (edition, Vec::new()))
            .1
            .push((alpha3, entry));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let source_files: Vec<String> = files
        .iter()
        .map(|f| {
            std::path::Path::new(f.name)
                .file_name()
                .map_or_else(|| f.name.to_owned(), |n| n.to_string_lossy().into_owned())
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut profiles = Vec::new();
    for (year, (edition, countries)) in &years {
        let world = average(countries.iter().map(|(_, e)| e), edition);
        let by_region: BTreeMap<&str, Average> = regions::REGIONS
            .iter()
            .filter_map(|region| {
                let members = countries
                    .iter()
                    .filter(|(alpha3, _)| regions::region_of(alpha3) == Some(*region))
                    .map(|(_, e)| e);
                let average = average(members, edition);
                (average.countries > 0).then_some((*region, average))
            })
            .collect();
        let ranks = ranks(countries);
        for (alpha3, entry) in countries {
            let Some(country) = country_by_alpha3(alpha3) else {
                continue; // refused while reading
            };
            let region = regions::region_of(alpha3);
            let profile = ScoredProfile {
                schema_edition: edition.id.clone(),
                country: Country {
                    name: country.reading_name(),
                    alpha2: country.alpha2.to_owned(),
                    alpha3: country.alpha3.to_owned(),
                },
                edition: *year,
                last_updated: retrieved,
                region: region.map(str::to_owned),
                scores: Scores {
                    source: SOURCE_ID.to_owned(),
                    figures: Figures::Dataset,
                    pillars: entry.pillars.clone(),
                    overall: entry.overall,
                },
                rank: (edition.ranking == Ranking::Ranks)
                    .then(|| ranks.get(alpha3.as_str()).copied())
                    .flatten(),
                tier: match (edition.ranking, entry.overall) {
                    (Ranking::Tiers, Some(overall)) => edition.tier_of(overall).map(|t| t.tier),
                    _ => None,
                },
                strengths: Vec::new(),
                growth: Vec::new(),
                averages: region
                    .and_then(|r| by_region.get(r))
                    .map(|region| Averages {
                        region: region.clone(),
                        world: world.clone(),
                    }),
                notes: BTreeMap::new(),
                sources: BTreeMap::from([(
                    SOURCE_ID.to_owned(),
                    Source {
                        title: format!("{} (dataset {})", dataset.title, dataset.id),
                        publisher: Some(dataset.publisher.clone()),
                        url: Some(dataset.url.clone()),
                        retrieved: Some(retrieved),
                        dataset: Some(dataset.id.clone()),
                        files: source_files.clone(),
                        ..Source::default()
                    },
                )]),
            };
            let yaml = to_yaml(&profile, edition, dataset, countries.len());
            profiles.push(ImportedProfile {
                path: format!("{year}/{}.yaml", alpha3.to_ascii_lowercase()),
                profile,
                yaml,
            });
        }
    }
    Ok(profiles)
}

/// The identifier of the dataset under each profile's `sources`.
pub const SOURCE_ID: &str = "data360-itu-gci";

/// Reads one file's rows into `entries`, reporting every problem.
fn read_file(
    file: &DataFile,
    dataset: &Dataset,
    entries: &mut BTreeMap<(u16, String), Entry>,
    problems: &mut Vec<Diagnostic>,
) {
    let lines: Vec<&str> = file
        .text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let at = |line: u32, column: usize, width: usize| {
        let text = lines
            .get(line.saturating_sub(1) as usize)
            .map(|l| (*l).to_owned());
        (
            Location {
                line,
                column: u32::try_from(column + 1).unwrap_or(u32::MAX),
                length: u32::try_from(width.max(1)).unwrap_or(u32::MAX),
            },
            text,
        )
    };
    let problem = |code: Code, message: String, hint: &str, line: u32, field: usize| {
        let raw = lines
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let (column, width) = field_span(raw, field);
        let (location, text) = at(line, column, width);
        Diagnostic::error(code, message)
            .with_hint(hint.to_owned())
            .in_file(file.name.to_owned())
            .with_location(location, text)
    };

    let body = file.text.trim_start_matches('\u{feff}');
    // The line of a byte offset of `body`: csv's own line count is not the
    // file's (it counts a record's lines from the reader's start).
    let starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: u64| {
        // After a `\r`, csv's offset points at the `\n` that ends the line.
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX);
        while matches!(body.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        let index = starts.partition_point(|&s| s <= byte);
        u32::try_from(index).unwrap_or(u32::MAX)
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            problems.push(
                Diagnostic::error(Code::NotAProfile, format!("the file is not CSV: {e}"))
                    .with_hint("give the Data360 files of the ITU_GCI dataset as downloaded")
                    .in_file(file.name.to_owned()),
            );
            return;
        }
    };
    let mut ok = true;
    for (i, column) in header.iter().enumerate() {
        if !dataset.columns.iter().any(|c| c == column) {
            problems.push(problem(
                Code::BadFormat,
                format!(
                    "`{column}` is not a column of the Data360 files of {}",
                    dataset.id
                ),
                "give the files as downloaded from Data360, with their own columns",
                1,
                i,
            ));
            ok = false;
        }
    }
    let index = |name: &str| header.iter().position(|c| c == name);
    let missing: Vec<&str> = NEEDED
        .iter()
        .copied()
        .filter(|c| index(c).is_none())
        .collect();
    if !missing.is_empty() {
        problems.push(
            Diagnostic::error(
                Code::ImportIncomplete,
                format!("the file has no {} column", missing.join(", ")),
            )
            .with_hint("give the Data360 files of the ITU_GCI dataset as downloaded")
            .in_file(file.name.to_owned())
            .with_location(at(1, 0, 1).0, at(1, 0, 1).1),
        );
        return;
    }
    if !ok {
        return;
    }
    let [area, indicator, period, value] = NEEDED.map(|c| index(c).unwrap_or(0));
    let mut record = csv::StringRecord::new();
    loop {
        // Where the next record starts, before it is read.
        let line = line_of(reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(
                    Diagnostic::error(Code::BadFormat, format!("this row is not CSV: {e}"))
                        .with_hint("each row has the same columns as the header")
                        .in_file(file.name.to_owned())
                        .with_location(at(line, 0, 1).0, at(line, 0, 1).1),
                );
                continue;
            }
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let mut row_ok = true;
        let alpha3 = field(area);
        if country_by_alpha3(alpha3).is_none() {
            problems.push(problem(
                Code::BadCountryCode,
                format!("`{alpha3}` is not an ISO 3166-1 alpha-3 country code"),
                "REF_AREA holds a country's ISO 3166-1 alpha-3 code, such as BEL; regional aggregates are not profiles",
                line,
                area,
            ));
            row_ok = false;
        }
        let code = field(indicator);
        let key = dataset.indicators.get(code);
        if key.is_none() {
            let known: Vec<&str> = dataset.indicators.keys().map(String::as_str).collect();
            problems.push(problem(
                Code::BadValue,
                format!("`{code}` is not an indicator of the GCI dataset"),
                &format!("the dataset's indicators are: {}", known.join(", ")),
                line,
                indicator,
            ));
            row_ok = false;
        }
        let year_text = field(period);
        let year = year_text.parse::<u16>().ok();
        if !year.is_some_and(|y| dataset.editions.contains_key(&y)) {
            let known: Vec<String> = dataset.editions.keys().map(u16::to_string).collect();
            problems.push(problem(
                Code::BadValue,
                format!("`{year_text}` is not a year of a GCI edition profilec knows"),
                &format!(
                    "the years of the dataset's editions are: {}",
                    known.join(", ")
                ),
                line,
                period,
            ));
            row_ok = false;
        }
        let value_text = field(value);
        let score = value_text.parse::<f64>().ok().filter(|v| v.is_finite());
        if score.is_none() {
            problems.push(problem(
                Code::BadValue,
                format!("`{value_text}` is not a number"),
                "OBS_VALUE holds the score, such as 96.8196812009602",
                line,
                value,
            ));
            row_ok = false;
        }
        let (Some(key), Some(year), Some(score), true) = (key, year, score, row_ok) else {
            continue;
        };
        let entry = entries.entry((year, alpha3.to_owned())).or_default();
        if let Some((first_file, first_line)) = entry.at.get(key) {
            problems.push(problem(
                Code::DuplicateEntry,
                format!(
                    "{alpha3}'s {key} score for {year} is given twice (first in {first_file}, line {first_line})"
                ),
                "give each file once; a country has one row per indicator and year",
                line,
                value,
            ));
            continue;
        }
        entry.at.insert(key.clone(), (file.name.to_owned(), line));
        if key == "overall" {
            entry.overall = Some(score);
        } else {
            entry.pillars.insert(key.clone(), score);
        }
    }
}

/// The column (0-based, in characters) and width of field `index` of a CSV
/// line, quotes respected, for pointing at it.
fn field_span(line: &str, index: usize) -> (usize, usize) {
    let mut field = 0;
    let mut start = 0;
    let mut quoted = false;
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if field == index {
                    return (start, i - start);
                }
                field += 1;
                start = i + 1;
            }
            _ => {}
        }
    }
    if field == index {
        (start, chars.len() - start)
    } else {
        (0, 1)
    }
}

/// The average of some countries' scores, per pillar and overall, rounded
/// to two decimals (the precision of the published figures).
fn average<'a>(entries: impl Iterator<Item = &'a Entry>, edition: &ScoredEdition) -> Average {
    let entries: Vec<&Entry> = entries.collect();
    let count = entries.len();
    let mean = |values: Vec<f64>| {
        (!values.is_empty()).then(|| round(values.iter().sum::<f64>() / values.len() as f64, 2))
    };
    Average {
        countries: u32::try_from(count).unwrap_or(u32::MAX),
        pillars: edition
            .pillars
            .iter()
            .filter_map(|p| {
                mean(
                    entries
                        .iter()
                        .filter_map(|e| e.pillars.get(&p.key).copied())
                        .collect(),
                )
                .map(|m| (p.key.clone(), m))
            })
            .collect(),
        overall: mean(entries.iter().filter_map(|e| e.overall).collect()),
    }
}

/// Dense ranks by overall score as published (two decimals), ties shared:
/// alpha-3 → rank.
fn ranks(countries: &[(String, Entry)]) -> BTreeMap<&str, u32> {
    // Scores as published, in hundredths, so ties are exact.
    let hundredths = |e: &Entry| e.overall.map(|o| (round(o, 2) * 100.0).round() as i64);
    let mut scores: Vec<i64> = countries
        .iter()
        .filter_map(|(_, e)| hundredths(e))
        .collect();
    scores.sort_unstable_by(|a, b| b.cmp(a));
    scores.dedup();
    countries
        .iter()
        .filter_map(|(alpha3, e)| {
            let score = hundredths(e)?;
            let rank = scores.iter().position(|s| *s == score)? + 1;
            Some((alpha3.as_str(), u32::try_from(rank).unwrap_or(u32::MAX)))
        })
        .collect()
}

/// The profile as YAML, with a comment that says how it was made. Written
/// by hand rather than by a serializer so that the file reads like the
/// other profiles, and stays byte for byte the same across releases.
fn to_yaml(
    profile: &ScoredProfile,
    edition: &ScoredEdition,
    dataset: &Dataset,
    countries: usize,
) -> String {
    let mut out = String::new();
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    let number = |value: f64| format!("{value}");
    let _ = writeln!(
        out,
        "# yaml-language-server: $schema=../../../schema/profile.schema.json"
    );
    let _ = writeln!(out, "#");
    let mut comment = format!(
        "{} in the {}, imported by `profilec import` from the {} files of dataset {} (data/gci/). The scores are the dataset's values, at full precision; the ITU's report prints them rounded, and can differ in the second decimal.",
        profile.country.name, edition.name, dataset.publisher, dataset.id
    );
    let _ = write!(
        comment,
        " Computed by profilec from the whole dataset ({countries} countries in {}):",
        profile.edition
    );
    match edition.ranking {
        Ranking::Tiers => {
            comment.push_str(" the tier, from the overall score and the edition's thresholds;")
        }
        Ranking::Ranks => comment
            .push_str(" the rank, by overall score as published (two decimals), ties shared;"),
        Ranking::None => {}
    }
    comment.push_str(" the region, from profilec's list of ITU-D regions (schema/regions/itu-d.csv); the averages, plain means of the countries' scores, rounded to two decimals. The dataset states no areas of relative strength or of potential growth, so none are given.");
    for line in super::emit::wrap(&comment, 74) {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "schema_edition: {}", profile.schema_edition);
    let _ = writeln!(out, "country:");
    let _ = writeln!(out, "  name: {}", quote(&profile.country.name));
    let _ = writeln!(out, "  alpha2: {}", profile.country.alpha2);
    let _ = writeln!(out, "  alpha3: {}", profile.country.alpha3);
    let _ = writeln!(out, "edition: {}", profile.edition);
    let _ = writeln!(out, "last_updated: {}", profile.last_updated);
    if let Some(region) = &profile.region {
        let _ = writeln!(out, "region: {}", quote(region));
    }
    let _ = writeln!(out, "scores:");
    let _ = writeln!(out, "  source: {}", profile.scores.source);
    let _ = writeln!(out, "  figures: dataset");
    if !profile.scores.pillars.is_empty() {
        let _ = writeln!(out, "  pillars:");
        for pillar in &edition.pillars {
            if let Some(score) = profile.scores.pillars.get(&pillar.key) {
                let _ = writeln!(out, "    {}: {}", pillar.key, number(*score));
            }
        }
    }
    if let Some(overall) = profile.scores.overall {
        let _ = writeln!(out, "  overall: {}", number(overall));
    }
    if let Some(rank) = profile.rank {
        let _ = writeln!(out, "rank: {rank}");
    }
    if let Some(tier) = profile.tier {
        let name = edition.tier(tier).map_or("", |t| t.name.as_str());
        let _ = writeln!(out, "tier: {tier}  # {name}");
    }
    if let Some(averages) = &profile.averages {
        let _ = writeln!(out, "averages:");
        for (label, average) in [("region", &averages.region), ("world", &averages.world)] {
            let _ = writeln!(out, "  {label}:");
            let _ = writeln!(out, "    countries: {}", average.countries);
            let _ = writeln!(out, "    pillars:");
            for pillar in &edition.pillars {
                if let Some(score) = average.pillars.get(&pillar.key) {
                    let _ = writeln!(out, "      {}: {}", pillar.key, number(*score));
                }
            }
            if let Some(overall) = average.overall {
                let _ = writeln!(out, "    overall: {}", number(overall));
            }
        }
    }
    let _ = writeln!(out, "sources:");
    for (id, source) in &profile.sources {
        let _ = writeln!(out, "  {id}:");
        let _ = writeln!(out, "    title: {}", quote(&source.title));
        if let Some(publisher) = &source.publisher {
            let _ = writeln!(out, "    publisher: {}", quote(publisher));
        }
        if let Some(dataset) = &source.dataset {
            let _ = writeln!(out, "    dataset: {dataset}");
        }
        if !source.files.is_empty() {
            let _ = writeln!(out, "    files:");
            for file in &source.files {
                let _ = writeln!(out, "      - {}", quote(file));
            }
        }
        if let Some(retrieved) = source.retrieved {
            let _ = writeln!(
                out,
                "    retrieved: {retrieved}  # {}",
                date_text(retrieved)
            );
        }
        if let Some(url) = &source.url {
            let _ = writeln!(out, "    url: {url}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,FREQ_LABEL,REF_AREA,REF_AREA_LABEL,INDICATOR,INDICATOR_LABEL,SEX,SEX_LABEL,AGE,AGE_LABEL,URBANISATION,URBANISATION_LABEL,UNIT_MEASURE,UNIT_MEASURE_LABEL,COMP_BREAKDOWN_1,COMP_BREAKDOWN_1_LABEL,COMP_BREAKDOWN_2,COMP_BREAKDOWN_2_LABEL,COMP_BREAKDOWN_3,COMP_BREAKDOWN_3_LABEL,TIME_PERIOD,OBS_VALUE,AGG_METHOD,AGG_METHOD_LABEL,DATABASE_ID,DATABASE_ID_LABEL,UNIT_MULT,UNIT_MULT_LABEL,UNIT_TYPE,UNIT_TYPE_LABEL,TIME_FORMAT,TIME_FORMAT_LABEL,OBS_STATUS,OBS_STATUS_LABEL,OBS_CONF,OBS_CONF_LABEL";

    fn row(area: &str, indicator: &str, year: &str, value: &str) -> String {
        format!(
            "datastructure,WB.DATA360:DS_DATA360(1.2),I,A,Annual,{area},\"Name, The\",{indicator},Label,_T,Total,_T,All,_T,Total,0_TO_20,0-20 scale,_Z,NA,_Z,NA,_Z,NA,{year},{value},MEAN,Mean,ITU_GCI,GCI,0,Units,IX,Index,602,CCYY,A,Normal value,PU,Public"
        )
    }

    fn file(rows: &[String]) -> String {
        format!("{HEADER}\r\n{}\r\n", rows.join("\r\n"))
    }

    fn today() -> Date {
        Date::new(2026, 11, 30).unwrap()
    }

    /// A complete 2024 set for two countries.
    fn complete() -> Vec<String> {
        let mut rows = Vec::new();
        for (area, scores) in [
            ("BEL", [20.0, 19.0, 19.0, 19.0, 20.0]),
            ("FRA", [18.0, 17.0, 16.0, 15.0, 14.0]),
        ] {
            let codes = [
                "ITU_GCI_LEGL_SCRE",
                "ITU_GCI_TECH_SCORE",
                "ITU_GCI_ORG_SCORE",
                "ITU_GCI_CDS_SCORE",
                "ITU_GCI_COOP_SCORE",
            ];
            for (code, score) in codes.iter().zip(scores) {
                rows.push(row(area, code, "2024", &score.to_string()));
            }
            let overall: f64 = scores.iter().sum();
            rows.push(row(
                area,
                "ITU_GCI_GCI_OVRL_SCRE",
                "2024",
                &overall.to_string(),
            ));
        }
        rows
    }

    fn run(text: &str) -> Result<Vec<ImportedProfile>, Vec<Diagnostic>> {
        import(
            &[DataFile {
                name: "gci.csv",
                text,
            }],
            Catalogues::builtin().unwrap(),
            today(),
        )
    }

    #[test]
    fn a_complete_year_gives_one_profile_per_country_with_tier_region_and_averages() {
        let profiles = run(&file(&complete())).unwrap();
        assert_eq!(profiles.len(), 2);
        let bel = &profiles[0];
        assert_eq!(bel.path, "2024/bel.yaml");
        assert_eq!(bel.profile.tier, Some(1));
        assert_eq!(bel.profile.region.as_deref(), Some("Europe"));
        let averages = bel.profile.averages.as_ref().unwrap();
        assert_eq!(averages.region.countries, 2);
        assert_eq!(averages.region.pillars["legal"], 19.0);
        assert_eq!(averages.world.overall, Some(88.5));
        assert_eq!(profiles[1].profile.tier, Some(3));
        assert!(
            bel.yaml.contains("tier: 1  # Role-modelling"),
            "{}",
            bel.yaml
        );
    }

    #[test]
    fn ranks_are_dense_and_shared_by_ties_as_published() {
        let mut countries = Vec::new();
        for (code, overall) in [("A", 90.004), ("B", 89.996), ("C", 80.0), ("D", 95.0)] {
            countries.push((
                code.to_owned(),
                Entry {
                    overall: Some(overall),
                    ..Entry::default()
                },
            ));
        }
        let ranks = ranks(&countries);
        // 90.004 and 89.996 are both 90.00 as published.
        assert_eq!(ranks["D"], 1);
        assert_eq!(ranks["A"], 2);
        assert_eq!(ranks["B"], 2);
        assert_eq!(ranks["C"], 3);
    }

    #[test]
    fn bad_rows_are_located_errors_and_nothing_is_imported() {
        let mut rows = complete();
        rows[0] = row("XXX", "ITU_GCI_LEGL_SCRE", "2024", "20");
        rows[1] = row("BEL", "ITU_GCI_TECH_SCORE", "2024", "n/a");
        rows[2] = row("BEL", "ITU_GCI_NOPE", "2024", "1");
        let errors = run(&file(&rows)).unwrap_err();
        let codes: Vec<(Code, u32, u32)> = errors
            .iter()
            .map(|d| {
                let l = d.location.unwrap();
                (d.code, l.line, l.column)
            })
            .collect();
        let column = |text: &str| text.find("XXX").map(|i| i as u32 + 1).unwrap();
        assert_eq!(codes[0], (Code::BadCountryCode, 2, column(&rows[0])));
        assert_eq!(codes[1].0, Code::BadValue);
        assert_eq!(codes[1].1, 3);
        assert_eq!(codes[2].0, Code::BadValue);
        assert_eq!(codes[2].1, 4);
        assert!(errors[1].message.contains("`n/a` is not a number"));
    }

    #[test]
    fn unknown_columns_and_missing_pillars_are_refused() {
        let text = file(&complete()).replacen("OBS_CONF_LABEL", "EXTRA", 1);
        let errors = run(&text).unwrap_err();
        assert_eq!(errors[0].code, Code::BadFormat);
        assert!(
            errors[0].message.contains("`EXTRA`"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].location.map(|l| l.line), Some(1));

        let rows: Vec<String> = complete()
            .into_iter()
            .filter(|r| !(r.contains("BEL") && r.contains("TECH")))
            .collect();
        let errors = run(&file(&rows)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, Code::ImportIncomplete);
        assert!(errors[0].message.contains("BEL has no Technical score"));
        assert!(
            errors[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("ITU_GCI_TECH_SCORE")
        );
    }

    #[test]
    fn the_yaml_reads_back_as_the_profile_and_validates() {
        let profiles = run(&file(&complete())).unwrap();
        let validator = crate::validate::Validator::builtin().unwrap();
        for imported in profiles {
            let checked = crate::check::check_source(
                crate::load::SourceFile::new("x.yaml", imported.yaml.as_str()),
                validator,
                today(),
            );
            assert!(
                checked.diagnostics.is_empty(),
                "{:?}\n{}",
                checked.diagnostics,
                imported.yaml
            );
            assert_eq!(
                checked.profile,
                Some(crate::model::AnyProfile::Scored(imported.profile))
            );
        }
    }

    #[test]
    fn the_dataset_description_knows_every_score() {
        let dataset = dataset().unwrap();
        let catalogues = Catalogues::builtin().unwrap();
        for (year, id) in &dataset.editions {
            let edition = catalogues.scored(id).unwrap();
            assert_eq!(edition.year, *year);
            for pillar in &edition.pillars {
                assert!(dataset.indicators.values().any(|k| *k == pillar.key));
            }
        }
    }
}
