//! Writes a synthetic corpus of valid, varied profiles for benchmarks:
//! 196 countries × 10 editions by default.
//!
//! ```sh
//! cargo run --release --example corpus -- /tmp/corpus            # 196 × 10
//! cargo run --release --example corpus -- /tmp/small 12 3        # 12 × 3
//! cargo run --release --example corpus -- /tmp/worst 196 10 independent
//! ```
//!
//! Each edition of a country revises the previous one, as real editions do:
//! some statuses change, names come and go, a sentence of free text is
//! replaced, added or dropped, now and then a text is rewritten, new
//! documents are cited. With `independent`, every edition is made afresh
//! instead, so consecutive editions share nothing: the worst case for the
//! change reports of `profilec site`.
//!
//! The profiles are made up (every file says so in its first line): real
//! ISO codes and names, so the site groups them like real profiles, with
//! invented answers, laws, agencies and text. Every status appears; answers
//! drift toward `yes` over the editions; free text varies from one sentence
//! to several paragraphs with Markdown; names include accents, Greek and
//! Cyrillic. The variation is a hash of country, edition and indicator
//! (SplitMix64), so the same arguments always write the same bytes. Nothing
//! here is committed: the corpus is made where it is needed.

use std::fmt::Write as _;
use std::path::PathBuf;

use profilec::model::Status;
use profilec::schema::{Catalogues, IndicatorSpec, NamedList, countries};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const LAW_KINDS: &[&str] = &[
    "Cybercrime Act",
    "Electronic Transactions Act",
    "Data Protection Law",
    "Telecommunications Act",
    "Penal Code, Chapter on Computer Offences",
    "National Cybersecurity Strategy",
    "Critical Information Infrastructure Decree",
    "Child Online Protection Act",
    "Code pénal numérique (exemple)",
    "Νόμος για την Κυβερνοασφάλεια (παράδειγμα)",
    "Закон о кибербезопасности (пример)",
    "Ley de Delitos Informáticos (ejemplo)",
];

const AGENCY_KINDS: &[&str] = &[
    "National CERT",
    "Cybersecurity Agency",
    "Ministry of Digital Affairs",
    "Telecommunications Regulatory Authority",
    "Data Protection Authority",
    "Police Cybercrime Unit",
    "Agence nationale de sécurité numérique (exemple)",
    "Εθνική Αρχή Κυβερνοασφάλειας (παράδειγμα)",
    "Национальный центр реагирования (пример)",
    "Centro Nacional de Respuesta (ejemplo)",
];

const WORDS: &[&str] = &[
    "the",
    "national",
    "framework",
    "agency",
    "coordinates",
    "incident",
    "response",
    "with",
    "operators",
    "of",
    "critical",
    "infrastructure",
    "and",
    "publishes",
    "guidance",
    "for",
    "public",
    "bodies",
    "training",
    "programmes",
    "reach",
    "schools",
    "universities",
    "regional",
    "partners",
    "under",
    "a",
    "memorandum",
    "signed",
    "in",
    "draft",
    "law",
    "is",
    "before",
    "parliament",
    "certification",
    "scheme",
    "covers",
    "products",
    "services",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 6 + rng.below(18) as usize;
    let mut words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    if rng.below(5) == 0 {
        words[n / 2] = "*notably*";
    }
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s.push('.');
    s
}

/// Free text: paragraphs of sentences, some of them bullet lists.
#[derive(Clone)]
struct Paragraph {
    list: bool,
    items: Vec<String>,
}

fn free_text(rng: &mut Rng) -> Vec<Paragraph> {
    (0..1 + rng.below(4))
        .map(|_| {
            let list = rng.below(6) == 0;
            let n = if list {
                2 + rng.below(3)
            } else {
                1 + rng.below(5)
            };
            Paragraph {
                list,
                items: (0..n).map(|_| sentence(rng)).collect(),
            }
        })
        .collect()
}

fn text_markdown(text: &[Paragraph]) -> String {
    text.iter()
        .map(|p| {
            if p.list {
                p.items
                    .iter()
                    .map(|i| format!("- {i}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                p.items.join(" ")
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A revision of free text, as a later edition makes: a sentence replaced,
/// one added, one dropped; now and then a rewrite.
fn revise(rng: &mut Rng, text: &mut Vec<Paragraph>) {
    if rng.below(20) == 0 || text.is_empty() {
        *text = free_text(rng);
        return;
    }
    let p = rng.below(text.len() as u64) as usize;
    let items = &mut text[p].items;
    match rng.below(3) {
        0 => {
            let at = rng.below(items.len() as u64) as usize;
            items[at] = sentence(rng);
        }
        1 => items.push(sentence(rng)),
        _ if items.len() > 1 => {
            items.remove(rng.below(items.len() as u64) as usize);
        }
        _ => text.push(Paragraph {
            list: false,
            items: vec![sentence(rng)],
        }),
    }
}

fn quoted(text: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(text).expect("strings serialize")
}

fn make_name(rng: &mut Rng, kinds: &[&str], country: &str, year: u16) -> String {
    let kind = rng.pick(kinds);
    match rng.below(4) {
        0 => format!("{kind} of {country}"),
        1 => format!(
            "{kind} No. {}/{}",
            1 + rng.below(90),
            year - rng.below(8) as u16
        ),
        2 => format!("{kind} ({year})"),
        _ => kind.to_owned(),
    }
}

/// One indicator's answer, carried from edition to edition.
#[derive(Clone)]
struct Answer {
    status: Status,
    instruments: Vec<String>,
    agencies: Vec<String>,
    text: Option<Vec<Paragraph>>,
    sources: Vec<usize>,
}

/// A document cited.
#[derive(Clone)]
struct Cited {
    title: String,
    publisher: &'static str,
    date: u16,
    url: Option<String>,
}

const PUBLISHERS: &[&str] = &[
    "Synthetic Ministry",
    "Synthetic Institute",
    "Εταιρεία Δοκιμών",
    "Тестовый институт",
];

fn new_source(rng: &mut Rng, name: &str, alpha3: &str, year: u16, n: usize) -> Cited {
    Cited {
        title: format!("Synthetic report {n} on {name}, {year}"),
        publisher: rng.pick(PUBLISHERS),
        date: year - rng.below(3) as u16,
        url: (rng.below(2) == 0).then(|| {
            format!(
                "https://example.org/reports/{}/{year}/{n}",
                alpha3.to_ascii_lowercase()
            )
        }),
    }
}

/// Makes an answer valid for its indicator: the names a `yes` sentence
/// needs, the text a `partial` answer needs.
fn settle(rng: &mut Rng, answer: &mut Answer, spec: &IndicatorSpec, name: &str, year: u16) {
    match answer.status {
        Status::Yes | Status::Partial => {
            for need in spec.needs.iter().chain(spec.list.iter()) {
                let (list, kinds) = match need {
                    NamedList::Instruments => (&mut answer.instruments, LAW_KINDS),
                    NamedList::Agencies => (&mut answer.agencies, AGENCY_KINDS),
                };
                while list.is_empty() {
                    for _ in 0..(1 + rng.below(3)) {
                        let n = make_name(rng, kinds, name, year);
                        if !list.contains(&n) {
                            list.push(n);
                        }
                    }
                }
            }
            if answer.instruments.is_empty() && answer.agencies.is_empty() && answer.text.is_none()
            {
                answer
                    .agencies
                    .push(make_name(rng, AGENCY_KINDS, name, year));
            }
            if answer.status == Status::Partial && answer.text.is_none() {
                answer.text = Some(free_text(rng));
            }
        }
        Status::No | Status::Unknown => {
            answer.instruments.clear();
            answer.agencies.clear();
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: corpus DIR [COUNTRIES=196] [EDITIONS=10] [independent]");
        std::process::exit(2);
    };
    let count: usize = args
        .next()
        .map_or(196, |a| a.parse().expect("a number of countries"));
    let editions: u16 = args
        .next()
        .map_or(10, |a| a.parse().expect("a number of editions"));
    let independent = match args.next().as_deref() {
        None => false,
        Some("independent") => true,
        Some(other) => panic!("`{other}`: the fourth argument can only be `independent`"),
    };
    let catalogue = Catalogues::builtin()
        .expect("embedded catalogues")
        .get("cyberwellness-2015")
        .expect("the 2015 catalogue");
    let mut list: Vec<_> = countries().iter().collect();
    list.sort_by_key(|c| c.alpha3);
    let statuses = [Status::Yes, Status::Partial, Status::No, Status::Unknown];

    std::fs::create_dir_all(&dir).expect("create the corpus folder");
    let mut written = 0;
    for (c, country) in list.iter().take(count).enumerate() {
        let folder = dir.join(country.alpha3.to_ascii_lowercase());
        std::fs::create_dir_all(&folder).expect("create a country folder");
        let name = country.name();
        let specs: Vec<_> = catalogue.indicators().collect();
        let mut rng = Rng::new(c as u64);
        let mut population = 50_000 + rng.below(300_000_000);
        let mut percent = rng.below(9000);
        let mut cited: Vec<Cited> = (0..1 + rng.below(3) as usize)
            .map(|n| new_source(&mut rng, name, country.alpha3, 2012, n))
            .collect();
        let fresh = |rng: &mut Rng, cited: usize, year: u16| -> Vec<Answer> {
            specs
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut answer = Answer {
                        status: statuses[rng.below(4) as usize],
                        instruments: Vec::new(),
                        agencies: Vec::new(),
                        text: (rng.below(4) == 0).then(|| free_text(rng)),
                        sources: vec![i % cited],
                    };
                    settle(rng, &mut answer, l.indicator, name, year);
                    answer
                })
                .collect()
        };
        let mut answers = fresh(&mut rng, cited.len(), 2012);
        for e in 0..editions {
            let year = 2012 + e;
            if e > 0 && independent {
                answers = fresh(&mut rng, cited.len(), year);
            } else if e > 0 {
                // A later edition revises the previous one.
                population += population / 100 * rng.below(3);
                percent = (percent + rng.below(600)).min(9999);
                if rng.below(2) == 0 && cited.len() < 6 {
                    let n = cited.len();
                    cited.push(new_source(&mut rng, name, country.alpha3, year, n));
                }
                let newest = cited.len() - 1;
                for (answer, l) in answers.iter_mut().zip(&specs) {
                    if rng.below(4) == 0 {
                        answer.status = if rng.below(2) == 0 {
                            Status::Yes
                        } else {
                            statuses[rng.below(4) as usize]
                        };
                    }
                    if rng.below(5) == 0 {
                        let list = if rng.below(2) == 0 {
                            &mut answer.instruments
                        } else {
                            &mut answer.agencies
                        };
                        if list.len() > 1 && rng.below(2) == 0 {
                            list.pop();
                        } else if !list.is_empty() {
                            let kinds = if rng.below(2) == 0 {
                                LAW_KINDS
                            } else {
                                AGENCY_KINDS
                            };
                            let n = make_name(&mut rng, kinds, name, year);
                            if !list.contains(&n) {
                                list.push(n);
                            }
                        }
                    }
                    match &mut answer.text {
                        Some(text) if rng.below(10) < 3 => revise(&mut rng, text),
                        Some(_) if answer.status != Status::Partial && rng.below(20) == 0 => {
                            answer.text = None;
                        }
                        None if rng.below(10) == 0 => answer.text = Some(free_text(&mut rng)),
                        _ => {}
                    }
                    if rng.below(5) == 0 && !answer.sources.contains(&newest) {
                        answer.sources.push(newest);
                    }
                    settle(&mut rng, answer, l.indicator, name, year);
                }
            }
            // Every document is cited by some indicator.
            for n in 0..cited.len() {
                if !answers.iter().any(|a| a.sources.contains(&n)) {
                    let at = rng.below(answers.len() as u64) as usize;
                    answers[at].sources.push(n);
                }
            }

            let mut y = String::new();
            y.push_str("# SYNTHETIC benchmark profile written by examples/corpus.rs: invented, not a fact about any country.\n");
            y.push_str("schema_edition: cyberwellness-2015\n");
            let _ = writeln!(
                y,
                "country: {{name: {}, alpha2: {}, alpha3: {}}}",
                quoted(name),
                country.alpha2,
                country.alpha3
            );
            let _ = writeln!(y, "edition: {year}");
            let _ = writeln!(
                y,
                "last_updated: {year}-{:02}-{:02}",
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let _ = writeln!(y, "publisher: Synthetic Corpus Compilers");
            let _ = writeln!(
                y,
                "background:\n  population: {{value: {population}, source: \"Synthetic Statistics Office\", as_of: {}}}",
                year - 1
            );
            let _ = writeln!(
                y,
                "  internet_users: {{percent: {}.{:02}, source: \"Synthetic Telecom Survey\", as_of: {}-{:02}}}",
                percent / 100,
                percent % 100,
                year - 1,
                1 + rng.below(12)
            );
            y.push_str("sources:\n");
            for (n, source) in cited.iter().enumerate() {
                let _ = writeln!(
                    y,
                    "  src-{n}:\n    title: {}\n    publisher: {}\n    date: {}",
                    quoted(&source.title),
                    quoted(source.publisher),
                    source.date
                );
                if let Some(url) = &source.url {
                    let _ = writeln!(y, "    url: {url}");
                }
            }
            let mut area = "";
            for (answer, l) in answers.iter().zip(&specs) {
                if l.area.key != area {
                    area = &l.area.key;
                    let _ = writeln!(y, "{area}:");
                }
                let _ = write!(
                    y,
                    "  {}:\n    status: {}\n",
                    l.indicator.key,
                    answer.status.as_str()
                );
                if !answer.instruments.is_empty() {
                    let items: Vec<String> = answer.instruments.iter().map(|s| quoted(s)).collect();
                    let _ = writeln!(y, "    instruments: [{}]", items.join(", "));
                }
                if !answer.agencies.is_empty() {
                    let items: Vec<String> = answer.agencies.iter().map(|s| quoted(s)).collect();
                    let _ = writeln!(y, "    agencies: [{}]", items.join(", "));
                }
                if let Some(text) = &answer.text {
                    let _ = writeln!(y, "    text: {}", quoted(&text_markdown(text)));
                }
                let ids: Vec<String> = answer.sources.iter().map(|n| format!("src-{n}")).collect();
                let _ = writeln!(y, "    sources: [{}]", ids.join(", "));
            }
            let path = folder.join(format!(
                "{}-{year}.yaml",
                country.alpha3.to_ascii_lowercase()
            ));
            std::fs::write(&path, y).expect("write a profile");
            written += 1;
        }
    }
    eprintln!(
        "wrote {written} profiles ({} countries × {editions} editions) to {}",
        count.min(list.len()),
        dir.display()
    );
}
