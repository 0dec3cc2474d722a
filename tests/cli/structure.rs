//! The structure of a document reaches the HTML and PDF stages as marks and
//! catalogue data, never as words to search for (issue 12): a publisher who
//! rewords or translates the Markdown template, or a catalogue worded in
//! another language, keeps the status badges, the status colours, the
//! anchors and the links to the sources.

use std::path::Path;

use profilec::check::check_source;
use profilec::load::SourceFile;
use profilec::model::{Date, Status};
use profilec::pdf::layout::{Item, Layout, Target};
use profilec::pdf::{lay_out, load_style};
use profilec::render::{self, HtmlRenderer, Renderer, Sentences, Templates};
use profilec::schema::{Catalogues, EDITION_FILES};
use profilec::validate::Validator;

use crate::common::{TestCommand, repo};

/// The Markdown template, reworded in French: other words everywhere, the
/// same marks.
const FRENCH_TEMPLATE: &str = r#"# PROFIL DE CYBERBIEN-ÊTRE {{ doc.country | upper }}

{{ mark(background=true) }}
## CONTEXTE

Population : {{ doc.background.population }}

Internautes : {{ doc.background.internet_users }}
{% for part in doc.parts %}
{{ mark(heading=part.anchor) }}
## {{ part.number }} {{ part.heading }}
{% for area in part.areas %}{% for indicator in area.indicators %}
{{ mark(heading=indicator.anchor) }}
### Indicateur {{ indicator.number }}

{{ indicator.answer }}

{{ mark(status=indicator.status) }}
Statut : **{% if indicator.status == "yes" %}oui{% elif indicator.status == "no" %}non{% elif indicator.status == "partial" %}en partie{% else %}aucune information{% endif %}**
{%- if indicator.sources %} · Réf. :{% for n in indicator.sources %} [{{ n }}](#source-{{ n }}){% endfor %}{% endif %}
{% endfor %}{% endfor %}{% endfor %}
{{ mark(sources=true) }}
## Références

{% for source in doc.sources %}{{ source.number }}. *{{ source.title }}*
{% endfor %}
---

Mis à jour le {{ doc.last_updated_iso }}
"#;

/// The HTML body shows a badge per status line, anchors from the catalogue
/// and an anchored list of sources.
fn assert_html_structure(html: &str, status_words: &str) {
    assert_eq!(
        html.matches("<p class=\"status status-").count(),
        21,
        "one badge per indicator"
    );
    assert!(
        html.contains(&format!("<p class=\"status status-yes\">{status_words}")),
        "{html}"
    );
    assert!(html.contains("id=\"1-2-1-cirt\""), "{html}");
    assert!(html.contains("id=\"2-4-reporting-mechanism\""), "{html}");
    assert!(html.contains("<ol class=\"sources\">"), "{html}");
    assert!(html.contains("<li id=\"source-1\">"), "{html}");
}

/// The PDF's status words carry their status colour, and every status
/// line's source number links to the list of sources.
fn assert_pdf_structure(layout: &Layout, yes_word: &str, yes_colour: profilec::pdf::style::Rgb) {
    let coloured = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|item| matches!(item, Item::Text(run) if run.text() == yes_word && run.color == yes_colour))
        .count();
    assert!(
        coloured >= 10,
        "the `yes` word in its colour on the Belgian status lines: {coloured}"
    );
    let internal = layout
        .pages
        .iter()
        .flat_map(|p| &p.links)
        .filter(|l| matches!(l.target, Target::Internal { .. }))
        .count();
    assert_eq!(internal, 21, "one source link per status line");
}

#[test]
fn regression_issue_12_a_reworded_template_keeps_badges_colours_anchors_and_links() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("a folder");
    std::fs::write(templates.join("profile.md.tera"), FRENCH_TEMPLATE).expect("a template");
    let out = dir.path().join("out");
    let ran = TestCommand::new()
        .current_dir(repo())
        .args([
            "build",
            "profiles/belgium-2015.yaml",
            "-f",
            "html,pdf",
            "-o",
        ])
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .run();
    assert_eq!(ran.code, 0, "{}", ran.stderr_text());
    let html = std::fs::read_to_string(out.join("belgium-2015.html")).expect("the page");
    assert_html_structure(&html, "Statut : <strong>oui</strong>");
    assert!(!html.contains("Status:"), "no English left: {html}");

    // The PDF, through the same templates, laid out by the library.
    let validator = Validator::builtin().expect("a validator");
    let profile = belgium_2015(validator);
    let templates = Templates::with_overrides(&templates).expect("the templates");
    let sentences = Sentences::builtin().expect("sentences");
    let prepared = render::prepare(&profile, validator.catalogues(), &templates, sentences)
        .expect("a document");
    let context = prepared.context(&profile, &templates);
    let style = load_style(&templates, &prepared.view).expect("the style");
    assert_pdf_structure(
        &lay_out(&context).expect("a layout"),
        "oui",
        style.status.yes,
    );
}

#[test]
fn regression_issue_12_a_catalogue_in_other_words_keeps_badges_colours_anchors_and_links() {
    // The 2015 catalogue with its labels in French.
    let text = EDITION_FILES[0]
        .1
        .replace("  status: Status\n", "  status: Statut\n")
        .replace("  source: Source\n", "  source: Réf.\n")
        .replace("  sources: Sources\n", "  sources: Références\n")
        .replace("  as_of: as of\n", "  as_of: état au\n")
        .replace("    yes: \"yes\"\n", "    yes: oui\n")
        .replace("    no: \"no\"\n", "    no: non\n")
        .replace("    partial: partial\n", "    partial: en partie\n")
        .replace(
            "    unknown: no information\n",
            "    unknown: aucune information\n",
        );
    assert_ne!(text, EDITION_FILES[0].1, "the labels were replaced");
    let catalogues = Catalogues::from_files(&[("fr.yaml", &text)]).expect("the catalogue");
    let validator = Validator::new(&catalogues).expect("a validator");
    let profile = belgium_2015(&validator);
    let catalogue = catalogues.get("cyberwellness-2015").expect("the edition");
    let templates = Templates::builtin().expect("the templates");
    let sentences = Sentences::compile(&catalogues).expect("sentences");
    let prepared =
        render::prepare(&profile, &catalogues, &templates, &sentences).expect("a document");
    assert!(
        prepared
            .markdown
            .contains("Statut: **oui** · état au February 2015 · Réf.: [1](#source-1)"),
        "{}",
        prepared.markdown
    );
    assert!(prepared.markdown.contains("## Références"));
    let context = prepared.context(&profile, &templates);
    let html = String::from_utf8(HtmlRenderer.render(&context).expect("a page")).expect("UTF-8");
    assert_html_structure(&html, "Statut: <strong>oui</strong>");
    let style = load_style(&templates, &prepared.view).expect("the style");
    assert_pdf_structure(
        &lay_out(&context).expect("a layout"),
        "oui",
        style.status.yes,
    );
    // The status words mean the same statuses.
    assert_eq!(
        catalogue.labels.status_word(Status::Unknown),
        "aucune information"
    );
}

fn belgium_2015(validator: &Validator) -> profilec::model::AnyProfile {
    let path = repo().join("profiles/belgium-2015.yaml");
    let text = std::fs::read_to_string(Path::new(&path)).expect("the profile");
    let checked = check_source(
        SourceFile::new("belgium-2015.yaml", text),
        validator,
        Date::new(2026, 1, 1).expect("a date"),
    );
    checked.profile.expect("a valid profile")
}
