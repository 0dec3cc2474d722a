use super::*;
use crate::check::check_source;
use crate::load::SourceFile;
use crate::model::Date;
use crate::validate::Validator;

fn catalogues() -> &'static Catalogues {
    Catalogues::builtin().expect("embedded catalogues")
}

fn load(name: &str, text: &str) -> Profile {
    let today = Date::new(2026, 11, 23).expect("a date");
    let checked = check_source(
        SourceFile::new(name, text),
        Validator::builtin().expect("a validator"),
        today,
    );
    match checked.profile {
        Some(crate::model::AnyProfile::Cyberwellness(profile)) => profile,
        _ => panic!(
            "{name} is a valid Cyberwellness Profile: {:#?}",
            checked.diagnostics
        ),
    }
}

fn belgium_2015() -> Profile {
    load(
        "belgium-2015.yaml",
        include_str!("../../profiles/belgium-2015.yaml"),
    )
}

fn belgium_current() -> Profile {
    load("belgium.yaml", include_str!("../../profiles/belgium.yaml"))
}

fn compare(old: &Profile, new: &Profile) -> Report {
    diff(
        Input {
            file: "old.yaml",
            profile: old,
        },
        Input {
            file: "new.yaml",
            profile: new,
        },
        catalogues(),
        &NoStandardText,
    )
    .expect("same edition")
}

fn indicator<'a>(report: &'a Report, number: &str) -> &'a IndicatorDiff {
    report
        .areas
        .iter()
        .flat_map(|a| &a.indicators)
        .find(|i| i.number == number)
        .unwrap_or_else(|| panic!("indicator {number} in the report"))
}

fn answer<'a>(profile: &'a mut Profile, area: &str, key: &str) -> &'a mut Indicator {
    profile
        .area_mut(area)
        .and_then(|a| a.get_mut(key))
        .expect("indicator")
}

#[test]
fn a_profile_against_itself_has_no_differences() {
    let profile = belgium_2015();
    let report = compare(&profile, &profile);
    assert!(report.identical);
    assert_eq!(report.summary.line, "no differences");
    assert_eq!(report.summary.counts.indicators, 21);
    assert_eq!(report.summary.counts.changed, 0);
    assert!(
        report
            .clone()
            .changed_only()
            .areas
            .iter()
            .all(|a| a.indicators.is_empty())
    );
    assert_eq!(report.areas.len(), 6, "every area is listed");
}

#[test]
fn areas_and_indicators_follow_the_catalogue_order() {
    let report = compare(&belgium_2015(), &belgium_2015());
    let titles: Vec<&str> = report.areas.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "1.1 LEGAL MEASURES",
            "1.2 TECHNICAL MEASURES",
            "1.3 ORGANIZATION MEASURES",
            "1.4 CAPACITY BUILDING",
            "1.5 COOPERATION",
            "2. CHILD ONLINE PROTECTION",
        ]
    );
    let numbers: Vec<&str> = report.areas[2]
        .indicators
        .iter()
        .map(|i| i.number.as_str())
        .collect();
    assert_eq!(numbers, ["1.3.1", "1.3.2", "1.3.3", "1.3.4"]);
}

#[test]
fn a_status_change_is_reported_with_both_statuses() {
    let old = belgium_2015();
    let mut new = old.clone();
    answer(&mut new, "organizational", "roadmap").status = Status::No;
    let report = compare(&old, &new);
    let roadmap = indicator(&report, "1.3.2");
    assert!(roadmap.changed && roadmap.status.changed);
    assert_eq!(
        (roadmap.status.old, roadmap.status.new),
        (Status::Unknown, Status::No)
    );
    assert_eq!(
        report.summary.line,
        "1 of 21 indicators changed: 1 status change"
    );
    assert_eq!(
        report.areas[2].line,
        "1 of 4 indicators changed: 1 status change"
    );
    assert!(!report.identical);
}

#[test]
fn names_are_compared_as_sets() {
    let old = belgium_2015();
    let mut new = old.clone();
    let cirt = answer(&mut new, "technical", "cirt");
    cirt.agencies = vec!["Fedict".into(), "CERT.be".into(), "CCB".into()];
    let report = compare(&old, &new);
    let cirt = indicator(&report, "1.2.1");
    assert_eq!(cirt.agencies.added, ["CCB"]);
    assert_eq!(cirt.agencies.removed, ["Belnet CERT", "Belnet"]);
    assert_eq!(cirt.agencies.kept, ["Fedict", "CERT.be"]);
    assert!(!cirt.instruments.changed);

    let mut reordered = old.clone();
    answer(&mut reordered, "technical", "cirt")
        .agencies
        .reverse();
    assert!(compare(&old, &reordered).identical, "order is not a change");
}

#[test]
fn rewrapped_text_is_not_a_change_but_new_words_are() {
    let old = belgium_2015();
    let mut rewrapped = old.clone();
    let text = answer(&mut rewrapped, "technical", "cirt")
        .text
        .take()
        .expect("text");
    answer(&mut rewrapped, "technical", "cirt").text = Some(text.replace(' ', "\n  "));
    assert!(compare(&old, &rewrapped).identical);

    let mut new = old.clone();
    answer(&mut new, "technical", "cirt").text = Some(text.replace("Fedict", "the CCB"));
    let report = compare(&old, &new);
    let diff = &indicator(&report, "1.2.1").text;
    assert!(diff.changed);
    let changed: Vec<(Op, &str)> = diff
        .words
        .iter()
        .filter(|s| s.op != Op::Equal)
        .map(|s| (s.op, s.text.as_str()))
        .collect();
    assert_eq!(changed, [(Op::Delete, "Fedict."), (Op::Insert, "the CCB.")]);
    assert_eq!(report.summary.counts.text, 1);
}

#[test]
fn text_replacing_the_standard_sentence_is_all_inserted() {
    let old = belgium_2015();
    let mut new = old.clone();
    answer(&mut new, "legal", "criminal_legislation").text = Some("New words.".into());
    let report = compare(&old, &new);
    let text = &indicator(&report, "1.1.1").text;
    assert_eq!(text.old, None);
    assert_eq!(text.words.len(), 1);
    assert_eq!(
        (text.words[0].op, text.words[0].text.as_str()),
        (Op::Insert, "New words.")
    );
}

#[test]
fn sources_are_named_by_their_titles() {
    let old = belgium_2015();
    let mut new = old.clone();
    new.sources.insert(
        "plan".into(),
        Source {
            title: "National Cyber Emergency Plan".into(),
            publisher: Some("Belgian federal government".into()),
            ..Source::default()
        },
    );
    answer(&mut new, "organizational", "roadmap").sources = vec!["plan".into()];
    let report = compare(&old, &new);
    let roadmap = indicator(&report, "1.3.2");
    assert_eq!(
        roadmap.sources.added[0].label,
        "National Cyber Emergency Plan — Belgian federal government"
    );
    assert_eq!(roadmap.sources.removed[0].id, "itu-2015");
    assert_eq!(
        roadmap.sources.removed[0].label,
        "Cyberwellness Profile: Belgium — International Telecommunication Union (ITU), 2015-02-02"
    );
    assert_eq!(report.sources.added.len(), 1);
    assert!(report.sources.removed.is_empty() && report.sources.modified.is_empty());
    assert_eq!(report.summary.other, ["sources"]);
    assert_eq!(
        report.summary.line,
        "1 of 21 indicators changed: 1 in sources; sources changed"
    );
}

#[test]
fn a_source_described_differently_is_modified() {
    let old = belgium_2015();
    let mut new = old.clone();
    if let Some(source) = new.sources.get_mut("itu-2015") {
        source.url = Some("https://www.itu.int/".into());
    }
    let report = compare(&old, &new);
    assert_eq!(report.sources.modified.len(), 1);
    assert_eq!(
        report.sources.modified[0].new.url.as_deref(),
        Some("https://www.itu.int/")
    );
    assert_eq!(report.summary.counts.changed, 0);
    assert_eq!(
        report.summary.line,
        "0 of 21 indicators changed; sources changed"
    );
}

#[test]
fn background_figures_change_absolutely_and_relatively() {
    let old = belgium_2015();
    let mut new = old.clone();
    new.background.population.as_mut().expect("a figure").value = 11_000_000;
    new.background
        .internet_users
        .as_mut()
        .expect("a figure")
        .percent = 85.0;
    new.background
        .internet_users
        .as_mut()
        .expect("a figure")
        .as_of = "2015-12".parse().expect("a date");
    let report = compare(&old, &new);
    let population = &report.background.population;
    assert_eq!(population.change, Some(Amount::Whole(212_000)));
    assert_eq!(population.relative_change, Some(1.9651));
    assert_eq!(population.old_text, "10 788 000");
    assert_eq!(population.change_text, "+212 000 (+1.97%)");
    let users = &report.background.internet_users;
    assert_eq!(users.change, Some(Amount::Decimal(2.83)));
    assert_eq!(users.relative_change, Some(3.4441));
    assert_eq!(users.change_text, "+2.83 percentage points (+3.44%)");
    assert_eq!(users.new_text, "85%");
    assert!(users.as_of.changed && !users.source.changed);
    assert_eq!(report.summary.other, ["background"]);
}

#[test]
fn a_falling_figure_has_a_negative_change() {
    let old = belgium_2015();
    let mut new = old.clone();
    new.background.population.as_mut().expect("a figure").value = 10_000_000;
    let population = compare(&old, &new).background.population;
    assert_eq!(population.change, Some(Amount::Whole(-788_000)));
    assert_eq!(population.change_text, "-788 000 (-7.3%)");
}

#[test]
fn edition_and_dates_are_compared() {
    let old = belgium_2015();
    let mut new = old.clone();
    new.edition = 2018;
    new.last_updated = Date::new(2026, 11, 23).expect("a date");
    let report = compare(&old, &new);
    assert_eq!((report.edition.old, report.edition.new), (2015, 2018));
    assert_eq!(report.last_updated.new, "2026-11-23");
    assert_eq!(
        report.title,
        "Belgium: what changed between the 2015 and 2018 editions"
    );
    assert_eq!(
        report.summary.line,
        "0 of 21 indicators changed; edition and last-updated date changed"
    );
}

#[test]
fn two_countries_can_be_compared_and_the_title_says_so() {
    let old = belgium_2015();
    let mut new = old.clone();
    new.country.name = "Netherlands".into();
    new.country.alpha2 = "NL".into();
    new.country.alpha3 = "NLD".into();
    let report = compare(&old, &new);
    assert!(!report.same_country);
    assert!(report.country.changed);
    assert_eq!(
        report.title,
        "Belgium, 2015 edition compared with Netherlands, 2015 edition"
    );
}

#[test]
fn profiles_of_different_editions_are_refused_naming_both() {
    let old = belgium_2015();
    let mut new = old.clone();
    new.schema_edition = "gci-2020".into();
    let error = diff(
        Input {
            file: "a.yaml",
            profile: &old,
        },
        Input {
            file: "b.yaml",
            profile: &new,
        },
        catalogues(),
        &NoStandardText,
    )
    .expect_err("different editions");
    let message = error.to_string();
    assert!(message.contains("`cyberwellness-2015`"), "{message}");
    assert!(message.contains("`gci-2020`"), "{message}");
    assert!(
        message.contains("a.yaml") && message.contains("b.yaml"),
        "{message}"
    );
}

#[test]
fn an_unknown_edition_is_an_error_not_a_panic() {
    let mut old = belgium_2015();
    old.schema_edition = "gci-2020".into();
    let input = Input {
        file: "a.yaml",
        profile: &old,
    };
    assert!(matches!(
        diff(input, input, catalogues(), &NoStandardText),
        Err(DiffError::UnknownEdition { .. })
    ));
}

#[test]
fn the_current_belgian_profile_changes_eight_indicators() {
    let report = compare(&belgium_2015(), &belgium_current());
    let changed: Vec<&str> = report
        .areas
        .iter()
        .flat_map(|a| &a.indicators)
        .filter(|i| i.changed)
        .map(|i| i.number.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "1.1.2", "1.2.1", "1.3.1", "1.3.3", "1.3.4", "1.5.2", "1.5.3", "1.5.4"
        ]
    );
    let roadmap = indicator(&report, "1.3.2");
    assert!(!roadmap.changed, "1.3.2 stays as in 2015 (issue 15)");
    assert_eq!(
        (roadmap.status.old, roadmap.status.new),
        (Status::Unknown, Status::Unknown)
    );
    assert!(
        !report.background.changed,
        "the background figures are those of 2015"
    );
    assert_eq!(report.sources.added.len(), 4);
}

#[test]
fn every_changed_indicator_of_the_current_profile_cites_a_newer_source() {
    let report = compare(&belgium_2015(), &belgium_current());
    for indicator in report.areas.iter().flat_map(|a| &a.indicators) {
        let cites_new = indicator.sources.added.iter().any(|s| s.id != "itu-2015");
        assert_eq!(
            indicator.changed, cites_new,
            "{}: changed indicators, and only they, cite the later documents",
            indicator.title
        );
    }
}

#[test]
fn numbers_are_printed_like_the_itu_prints_them() {
    assert_eq!(group_thousands(10_788_000), "10 788 000");
    assert_eq!(group_thousands(999), "999");
    assert_eq!(group_thousands(1_000), "1 000");
    assert_eq!(decimal(82.17), "82.17");
    assert_eq!(decimal(85.0), "85");
    assert_eq!(decimal(0.1 + 0.2), "0.3");
    assert_eq!(signed_decimal(-0.001), "0");
    assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
}

#[test]
fn the_report_serializes_with_its_format_version() {
    let report = compare(&belgium_2015(), &belgium_current()).changed_only();
    let json = serde_json::to_value(&report).expect("serializable");
    assert_eq!(json["format_version"], FORMAT_VERSION);
    assert_eq!(json["summary"]["changed"], 8);
    assert_eq!(json["areas"][0]["indicators"][0]["number"], "1.1.2");
    assert_eq!(json["areas"][2]["indicators"][1]["number"], "1.3.3");
    assert_eq!(json["areas"][2]["indicators"][1]["status"]["new"], "yes");
}

/// A stand-in for the render stage's sentences.
struct Fixed;

impl StandardText for Fixed {
    fn standard_text(
        &self,
        _: &Catalogue,
        spec: &IndicatorSpec,
        profile: &Profile,
        _: &Indicator,
    ) -> Option<String> {
        Some(format!(
            "{} has the standard answer for {}.",
            profile.country.name, spec.number
        ))
    }
}

#[test]
fn new_text_is_compared_with_the_standard_sentence_it_replaces() {
    let old = belgium_2015();
    let mut new = old.clone();
    answer(&mut new, "legal", "criminal_legislation").text =
        Some("Belgium has a better answer for 1.1.1.".into());
    let report = diff(
        Input {
            file: "a",
            profile: &old,
        },
        Input {
            file: "b",
            profile: &new,
        },
        catalogues(),
        &Fixed,
    )
    .expect("one edition");
    let text = &indicator(&report, "1.1.1").text;
    assert!(text.changed);
    assert_eq!(text.old, None);
    assert_eq!(
        text.old_standard.as_deref(),
        Some("Belgium has the standard answer for 1.1.1.")
    );
    assert_eq!(text.new_standard, None);
    let shown: Vec<(Op, &str)> = text.words.iter().map(|s| (s.op, s.text.as_str())).collect();
    assert_eq!(
        shown,
        [
            (Op::Equal, "Belgium has"),
            (Op::Delete, "the standard"),
            (Op::Insert, "a better"),
            (Op::Equal, "answer for 1.1.1."),
        ]
    );
    // Unchanged text asks for no sentence.
    assert_eq!(indicator(&report, "1.1.2").text.old_standard, None);
}

#[test]
fn a_change_too_small_for_two_decimals_is_not_shown_as_zero() {
    let old = belgium_2015();
    let mut new = old.clone();
    new.background.population.as_mut().expect("a figure").value = 10_788_002;
    let report = compare(&old, &new);
    assert_eq!(report.background.population.change_text, "+2 (+<0.01%)");
    new.background.population.as_mut().expect("a figure").value = 10_787_999;
    let report = compare(&old, &new);
    assert_eq!(report.background.population.change_text, "-1 (-<0.01%)");
}
