//! The catalogue's standard sentences, read backwards: given a sentence of
//! the legacy text, which standard sentence is it, and which names fill it?
//!
//! The catalogue writes each sentence as a Tera snippet. The importer needs
//! the opposite of rendering — a pattern with holes — so it reads the small
//! part of Tera the catalogue uses (`{{ country }}`, `{{ list | and_list }}`,
//! `{{ list | length | pluralize }}` with or without `singular=`/`plural=`,
//! `{% if list %}…{% endif %}`) into [`Piece`]s, matches those against the
//! text, then renders them again with what it captured and accepts the match
//! only if that gives the same words back. A snippet using anything else is
//! not matched at all (the tests check that every catalogue snippet parses).

use crate::schema::NamedList;

/// One part of a standard sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Words printed as they are.
    Text(String),
    /// The country's name.
    Country,
    /// A list joined as "A, B and C".
    Names(NamedList),
    /// `s` unless the list has exactly one item.
    PluralS(NamedList),
    /// One word for a list of one item, another for any other count.
    PluralWord {
        /// The list counted.
        list: NamedList,
        /// The word for one item.
        singular: String,
        /// The word for any other count.
        plural: String,
    },
    /// Printed only when the list is not empty.
    IfAny(NamedList, Vec<Piece>),
}

/// Reads a catalogue snippet; `None` if it uses Tera the importer does not know.
pub fn parse(template: &str) -> Option<Vec<Piece>> {
    let mut stack: Vec<(Option<NamedList>, Vec<Piece>)> = vec![(None, Vec::new())];
    let mut rest = template;
    while !rest.is_empty() {
        let next = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        if next > 0 {
            stack
                .last_mut()?
                .1
                .push(Piece::Text(rest[..next].to_owned()));
            rest = &rest[next..];
            continue;
        }
        if let Some(body) = rest.strip_prefix("{{") {
            let end = body.find("}}")?;
            stack.last_mut()?.1.push(expression(&body[..end])?);
            rest = &body[end + 2..];
        } else {
            let body = rest.strip_prefix("{%")?;
            let end = body.find("%}")?;
            let tag: Vec<&str> = body[..end].split_whitespace().collect();
            match tag.as_slice() {
                ["if", list] => stack.push((Some(list_named(list)?), Vec::new())),
                ["endif"] => {
                    let (list, pieces) = stack.pop()?;
                    stack.last_mut()?.1.push(Piece::IfAny(list?, pieces));
                }
                _ => return None,
            }
            rest = &body[end + 2..];
        }
    }
    match stack.pop() {
        Some((None, pieces)) if stack.is_empty() => Some(pieces),
        _ => None,
    }
}

fn list_named(name: &str) -> Option<NamedList> {
    match name {
        "instruments" => Some(NamedList::Instruments),
        "agencies" => Some(NamedList::Agencies),
        _ => None,
    }
}

fn expression(text: &str) -> Option<Piece> {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    match parts.as_slice() {
        ["country"] => Some(Piece::Country),
        [list, "and_list"] => Some(Piece::Names(list_named(list)?)),
        [list, "length", "pluralize"] => Some(Piece::PluralS(list_named(list)?)),
        [list, "length", call] => {
            let arguments = call.strip_prefix("pluralize(")?.strip_suffix(')')?;
            let mut singular = None;
            let mut plural = None;
            for argument in arguments.split(',') {
                let (key, value) = argument.split_once('=')?;
                let value = value.trim().trim_matches(['\'', '"']).to_owned();
                match key.trim() {
                    "singular" => singular = Some(value),
                    "plural" => plural = Some(value),
                    _ => return None,
                }
            }
            Some(Piece::PluralWord {
                list: list_named(list)?,
                singular: singular.unwrap_or_default(),
                plural: plural.unwrap_or_else(|| "s".to_owned()),
            })
        }
        _ => None,
    }
}

/// The names a sentence is rendered with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Laws, strategies, programmes.
    pub instruments: Vec<String>,
    /// Agencies and bodies.
    pub agencies: Vec<String>,
}

impl Names {
    fn get(&self, list: NamedList) -> &[String] {
        match list {
            NamedList::Instruments => &self.instruments,
            NamedList::Agencies => &self.agencies,
        }
    }
}

/// Joins names as the catalogue's `and_list` filter does: "A, B and C".
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Renders pieces as the catalogue's Tera snippet would.
pub fn render(pieces: &[Piece], country: &str, names: &Names) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Country => out.push_str(country),
            Piece::Names(list) => out.push_str(&and_list(names.get(*list))),
            Piece::PluralS(list) => {
                if names.get(*list).len() != 1 {
                    out.push('s');
                }
            }
            Piece::PluralWord {
                list,
                singular,
                plural,
            } => out.push_str(if names.get(*list).len() == 1 {
                singular
            } else {
                plural
            }),
            Piece::IfAny(list, body) => {
                if !names.get(*list).is_empty() {
                    out.push_str(&render(body, country, names));
                }
            }
        }
    }
    out
}

/// Sentences longer than this are not standard sentences; the limit also
/// bounds the matcher's backtracking.
const MAX_SENTENCE_CHARS: usize = 1_000;

/// Matches `text` against a standard sentence. `given` holds the names known
/// from elsewhere (the bullets of the indicator); the names the sentence
/// itself holds are captured. Returns all the names when the sentence,
/// rendered with them, gives back the text's words.
pub fn matches(pieces: &[Piece], text: &str, country: &str, given: &Names) -> Option<Names> {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.len() > MAX_SENTENCE_CHARS {
        return None;
    }
    let country: Vec<char> = country.chars().collect();
    let flat = flatten(pieces);
    let mut captures: Vec<Option<String>> = vec![None; 2];
    let mut steps = 0usize;
    if !walk(&flat, 0, &chars, 0, &country, &mut captures, &mut steps) {
        return None;
    }
    let mut names = given.clone();
    for (list, slot) in [NamedList::Instruments, NamedList::Agencies]
        .into_iter()
        .zip(&captures)
    {
        if let Some(captured) = slot {
            let parsed = split_and_list(captured);
            if !parsed.iter().all(|name| plausible_name(name)) {
                return None;
            }
            let target = match list {
                NamedList::Instruments => &mut names.instruments,
                NamedList::Agencies => &mut names.agencies,
            };
            if !target.is_empty() {
                return None; // named both in the sentence and in bullets
            }
            *target = parsed;
        }
    }
    let rendered = render(pieces, &country.iter().collect::<String>(), &names);
    (same_words(&rendered, text)).then_some(names)
}

/// A step of a flattened pattern: optional groups become jumps.
#[derive(Debug, Clone)]
enum Step {
    Text(String),
    Country,
    Names(NamedList),
    Choice(Vec<String>),
    /// Either go on, or skip to the given step (an `{% if %}` left out).
    Optional(usize),
}

fn flatten(pieces: &[Piece]) -> Vec<Step> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push(Step::Text(text.clone())),
            Piece::Country => out.push(Step::Country),
            Piece::Names(list) => out.push(Step::Names(*list)),
            Piece::PluralS(_) => out.push(Step::Choice(vec!["s".into(), String::new()])),
            Piece::PluralWord {
                singular, plural, ..
            } => out.push(Step::Choice(vec![singular.clone(), plural.clone()])),
            Piece::IfAny(_, body) => {
                let at = out.len();
                out.push(Step::Optional(0));
                out.extend(flatten(body));
                let end = out.len();
                out[at] = Step::Optional(end);
            }
        }
    }
    out
}

/// A bound on the matcher's work, far above what real sentences need.
const MAX_STEPS: usize = 200_000;

fn walk(
    steps: &[Step],
    at: usize,
    text: &[char],
    pos: usize,
    country: &[char],
    captures: &mut Vec<Option<String>>,
    work: &mut usize,
) -> bool {
    *work += 1;
    if *work > MAX_STEPS {
        return false;
    }
    let Some(step) = steps.get(at) else {
        return text[pos..].iter().all(|c| c.is_whitespace());
    };
    match step {
        Step::Text(literal) => match literal_at(literal, text, pos, false) {
            Some(next) => walk(steps, at + 1, text, next, country, captures, work),
            None => false,
        },
        Step::Country => {
            let name: String = country.iter().collect();
            match literal_at(&name, text, pos, true) {
                Some(next) => walk(steps, at + 1, text, next, country, captures, work),
                None => false,
            }
        }
        Step::Choice(options) => options.iter().any(|option| {
            literal_at(option, text, pos, false)
                .is_some_and(|next| walk(steps, at + 1, text, next, country, captures, work))
        }),
        Step::Optional(skip_to) => {
            walk(steps, at + 1, text, pos, country, captures, work)
                || walk(steps, *skip_to, text, pos, country, captures, work)
        }
        Step::Names(list) => {
            let slot = match list {
                NamedList::Instruments => 0,
                NamedList::Agencies => 1,
            };
            let before = captures[slot].clone();
            for end in pos + 1..=text.len() {
                let captured: String = text[pos..end].iter().collect();
                let captured = captured.trim();
                if captured.is_empty() {
                    continue;
                }
                if before.as_deref().is_some_and(|b| b != captured) {
                    continue;
                }
                captures[slot] = Some(captured.to_owned());
                if walk(steps, at + 1, text, end, country, captures, work) {
                    return true;
                }
            }
            captures[slot] = before;
            false
        }
    }
}

/// Matches literal words at `pos`, tolerant of the spacing of extraction: a
/// space in the literal may be absent in the text, and the text may have a
/// stray space inside a word (`f ramework`). Returns the position after.
fn literal_at(literal: &str, text: &[char], mut pos: usize, any_case: bool) -> Option<usize> {
    let same = |a: char, b: char| {
        a == b
            || (any_case && a.to_lowercase().eq(b.to_lowercase()))
            || (is_quote(a) && is_quote(b))
    };
    for c in literal.chars() {
        if c.is_whitespace() {
            while text.get(pos).is_some_and(|t| t.is_whitespace()) {
                pos += 1;
            }
            continue;
        }
        if text.get(pos).is_some_and(|t| t.is_whitespace()) && pos > 0 {
            pos += 1;
        }
        if !text.get(pos).is_some_and(|&t| same(c, t)) {
            return None;
        }
        pos += 1;
    }
    Some(pos)
}

fn is_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Whether two texts have the same words: spaces and the case of letters
/// do not count, as for the fidelity of a rebuilt document.
pub fn same_words(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if is_quote(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

/// Splits "A, B and C" into names. Without a comma the text is one name,
/// even if it holds "and": "Ministry of Posts and Telecommunications".
pub fn split_and_list(text: &str) -> Vec<String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(", ").collect();
    match parts.as_slice() {
        [one] => vec![(*one).to_owned()],
        [init @ .., last] => {
            let mut names: Vec<String> = init.iter().map(|s| (*s).to_owned()).collect();
            match last.rsplit_once(" and ") {
                Some((a, b)) => {
                    names.push(a.to_owned());
                    names.push(b.to_owned());
                }
                None => names.push((*last).to_owned()),
            }
            names
        }
        [] => Vec::new(),
    }
}

/// Whether a captured text can be a name rather than a clause: short, with
/// balanced brackets, without a verb of the kind that starts a new clause.
fn plausible_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let depth = name.chars().try_fold(0i32, |depth, c| match c {
        '(' => Some(depth + 1),
        ')' if depth == 0 => None,
        ')' => Some(depth - 1),
        _ => Some(depth),
    });
    const CLAUSE: [&str; 10] = [
        "is", "are", "was", "were", "has", "have", "had", "it", "which", "that",
    ];
    !words.is_empty()
        && words.len() <= 16
        && depth == Some(0)
        && !name.contains([';', ':'])
        && !name.ends_with(',')
        && !words
            .iter()
            .any(|w| CLAUSE.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Catalogues;

    fn names(instruments: &[&str], agencies: &[&str]) -> Names {
        Names {
            instruments: instruments.iter().map(|s| (*s).to_owned()).collect(),
            agencies: agencies.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn every_catalogue_sentence_parses_and_renders_back() {
        for catalogue in Catalogues::builtin().unwrap().iter() {
            for located in catalogue.indicators() {
                for (status, template) in &located.indicator.sentences {
                    let pieces = parse(template).unwrap_or_else(|| {
                        panic!("{} {status}: {template}", located.indicator.number)
                    });
                    let rendered = render(&pieces, "Xland", &names(&["Act A"], &["Agency B"]));
                    assert!(
                        !rendered.contains("{{") && !rendered.contains("{%"),
                        "{rendered}"
                    );
                    assert!(rendered.ends_with(['.', ':']), "{rendered}");
                }
            }
        }
    }

    /// The importer reads the catalogue's snippets itself; what it renders
    /// must be what `build` renders with Tera, or a matched sentence would
    /// not come back the same.
    #[test]
    fn rendering_agrees_with_the_tera_renderer() {
        let tera = crate::render::Sentences::builtin().unwrap();
        let lists: [&[&str]; 4] = [&[], &["A"], &["A", "B"], &["A", "B", "C"]];
        let mut checked = 0;
        for catalogue in Catalogues::builtin().unwrap().iter() {
            for located in catalogue.indicators() {
                let spec = located.indicator;
                for (status, template) in &spec.sentences {
                    let pieces = parse(template).unwrap();
                    for instruments in lists {
                        for agencies in lists {
                            let given = names(instruments, agencies);
                            let ours = render(&pieces, "Xland", &given);
                            let theirs = tera
                                .render(
                                    catalogue,
                                    spec,
                                    *status,
                                    "Xland",
                                    &given.instruments,
                                    &given.agencies,
                                )
                                .unwrap();
                            assert_eq!(ours.trim(), theirs, "{} {status}", spec.number);
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked >= 21 * 3 * 16);
    }

    #[test]
    fn unknown_tera_is_refused() {
        assert_eq!(parse("{{ country | upper }}"), None);
        assert_eq!(parse("{% for a in agencies %}{{ a }}{% endfor %}"), None);
        assert_eq!(parse("{% if agencies %}unclosed"), None);
        assert_eq!(parse("{{ country"), None);
    }

    #[test]
    fn and_lists_read_both_ways() {
        let three = names(&[], &["A", "B", "C"]).agencies;
        assert_eq!(and_list(&three), "A, B and C");
        assert_eq!(split_and_list("A, B and C"), three);
        assert_eq!(split_and_list("A and B"), ["A and B"]);
        assert_eq!(split_and_list("A, B"), ["A", "B"]);
    }

    #[test]
    fn a_sentence_with_names_is_matched_and_its_names_captured() {
        let pieces = parse(
            "{{ country }} has an officially recognized national CIRT known as {{ agencies | and_list }}.",
        )
        .unwrap();
        let got = matches(
            &pieces,
            "Xland  has an officially recognized national CIRT  known as X-CERT, Y CERT and Z.",
            "Xland",
            &Names::default(),
        );
        assert_eq!(got, Some(names(&[], &["X-CERT", "Y CERT", "Z"])));
        assert_eq!(
            matches(
                &pieces,
                "Xland has an officially recognized national CIRT known as X-CERT formerly Y (both have since merged) and it is operated by Z, on behalf of W.",
                "Xland",
                &Names::default()
            ),
            None,
            "a clause is not a list of names"
        );
    }

    #[test]
    fn plurals_must_agree_with_the_bullets() {
        let pieces = parse(
            "Specific legislation on cybercrime has been enacted through the following instrument{{ instruments | length | pluralize }}:",
        )
        .unwrap();
        let one = names(&["Penal Code"], &[]);
        let two = names(&["A", "B"], &[]);
        let singular =
            "Specific legislation on cybercrime has been enacted through the following instrument:";
        let plural = "Specific legislation on cybercrime has been enacted through the following instruments:";
        assert_eq!(matches(&pieces, singular, "X", &one), Some(one.clone()));
        assert_eq!(matches(&pieces, plural, "X", &two), Some(two.clone()));
        assert_eq!(matches(&pieces, plural, "X", &one), None);
        assert_eq!(matches(&pieces, singular, "X", &two), None);
    }

    #[test]
    fn optional_parts_and_word_plurals_match() {
        let pieces = parse(
            "{{ country }} has a program{% if agencies %} through the {{ agencies | and_list }}{% endif %}.",
        )
        .unwrap();
        assert_eq!(
            matches(
                &pieces,
                "X has a program through the B-CCENTRE.",
                "X",
                &Names::default()
            ),
            Some(names(&[], &["B-CCENTRE"]))
        );
        assert_eq!(
            matches(&pieces, "X has a program.", "X", &Names::default()),
            Some(Names::default())
        );
        let pieces = parse(
            "The {{ agencies | and_list }} {{ agencies | length | pluralize(singular='is', plural='are') }} responsible in {{ country }}.",
        )
        .unwrap();
        assert_eq!(
            matches(
                &pieces,
                "The A and the B, C and D are responsible in X.",
                "X",
                &Names::default()
            ),
            Some(names(&[], &["A and the B", "C", "D"]))
        );
        assert_eq!(
            matches(
                &pieces,
                "The A, C and D is responsible in X.",
                "X",
                &Names::default()
            ),
            None
        );
    }

    #[test]
    fn spacing_of_extraction_is_tolerated_but_not_other_words() {
        let pieces = parse(
            "There is no information about any framework for certification in {{ country }}.",
        )
        .unwrap();
        for text in [
            "There  is  no  information  about  any  f ramework  for  certification  in  Belgium.",
            "There is no information about any framework for certification in BELGIUM .",
        ] {
            assert_eq!(
                matches(&pieces, text, "Belgium", &Names::default()),
                Some(Names::default()),
                "{text}"
            );
        }
        for text in [
            "There is no information about any framework for certification in France.",
            "There is information about any framework for certification in Belgium.",
            "There is no information about any framework for certification in Belgium. More.",
        ] {
            assert_eq!(
                matches(&pieces, text, "Belgium", &Names::default()),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn long_texts_are_not_matched() {
        let pieces = parse("{{ country }} is a member of {{ agencies | and_list }}.").unwrap();
        let long = format!("X is a member of {}.", "A, ".repeat(600));
        assert_eq!(matches(&pieces, &long, "X", &Names::default()), None);
    }
}
