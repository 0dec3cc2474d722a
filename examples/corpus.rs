//! Writes a synthetic corpus of valid, varied profiles for benchmarks:
//! 196 countries × 10 editions by default.
//!
//! ```sh
//! cargo run --release --example corpus -- /tmp/corpus            # 196 × 10
//! cargo run --release --example corpus -- /tmp/small 12 3        # 12 × 3
//! ```
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
use profilec::schema::{Catalogues, NamedList, countries};

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

fn free_text(rng: &mut Rng) -> String {
    let paragraphs = 1 + rng.below(4);
    let mut out = String::new();
    for p in 0..paragraphs {
        if p > 0 {
            out.push_str("\n\n");
        }
        if rng.below(6) == 0 {
            for _ in 0..(2 + rng.below(3)) {
                let _ = writeln!(out, "- {}", sentence(rng));
            }
            out.pop();
        } else {
            let sentences = 1 + rng.below(5);
            let text: Vec<String> = (0..sentences).map(|_| sentence(rng)).collect();
            out.push_str(&text.join(" "));
        }
    }
    out
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

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: corpus DIR [COUNTRIES=196] [EDITIONS=10]");
        std::process::exit(2);
    };
    let count: usize = args
        .next()
        .map_or(196, |a| a.parse().expect("a number of countries"));
    let editions: u16 = args
        .next()
        .map_or(10, |a| a.parse().expect("a number of editions"));
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
        for e in 0..editions {
            let year = 2012 + e;
            let mut rng = Rng::new(((c as u64) << 16) ^ u64::from(year));
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
            let _ = writeln!(
                y,
                "background:\n  population: {{value: {}, source: \"Synthetic Statistics Office\", as_of: {}}}",
                50_000 + rng.below(300_000_000),
                year - 1
            );
            let _ = writeln!(
                y,
                "  internet_users: {{percent: {}.{:02}, source: \"Synthetic Telecom Survey\", as_of: {}-{:02}}}",
                rng.below(100),
                rng.below(100),
                year - 1,
                1 + rng.below(12)
            );
            let sources = 1 + rng.below(4) as usize;
            y.push_str("sources:\n");
            for s in 0..sources {
                let _ = writeln!(
                    y,
                    "  src-{s}:\n    title: {}\n    publisher: {}\n    date: {}",
                    quoted(&format!("Synthetic report {s} on {name}, {year}")),
                    quoted(rng.pick(&[
                        "Synthetic Ministry",
                        "Synthetic Institute",
                        "Εταιρεία Δοκιμών",
                        "Тестовый институт"
                    ])),
                    year - rng.below(3) as u16
                );
                if rng.below(2) == 0 {
                    let _ = writeln!(
                        y,
                        "    url: https://example.org/reports/{}/{year}/{s}",
                        country.alpha3.to_ascii_lowercase()
                    );
                }
            }
            let mut cited = vec![false; sources];
            let located: Vec<_> = catalogue.indicators().collect();
            let mut area = "";
            for (i, l) in located.iter().enumerate() {
                if l.area.key != area {
                    area = &l.area.key;
                    let _ = writeln!(y, "{area}:");
                }
                // Later editions lean to `yes`; every status appears.
                let roll = rng.below(100) as u16;
                let status = if roll < 20 + e * 5 {
                    Status::Yes
                } else {
                    statuses[rng.below(4) as usize]
                };
                let _ = write!(
                    y,
                    "  {}:\n    status: {}\n",
                    l.indicator.key,
                    status.as_str()
                );
                let wants_text = status == Status::Partial || rng.below(4) == 0;
                let mut instruments = Vec::new();
                let mut agencies = Vec::new();
                if status == Status::Yes || status == Status::Partial {
                    for need in l.indicator.needs.iter().chain(l.indicator.list.iter()) {
                        let list = match need {
                            NamedList::Instruments => &mut instruments,
                            NamedList::Agencies => &mut agencies,
                        };
                        if list.is_empty() {
                            for _ in 0..(1 + rng.below(3)) {
                                let kinds = if *need == NamedList::Instruments {
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
                    }
                    if instruments.is_empty() && agencies.is_empty() && !wants_text {
                        agencies.push(format!(
                            "{} {i}",
                            make_name(&mut rng, AGENCY_KINDS, name, year)
                        ));
                    }
                }
                if !instruments.is_empty() {
                    let items: Vec<String> = instruments.iter().map(|s| quoted(s)).collect();
                    let _ = writeln!(y, "    instruments: [{}]", items.join(", "));
                }
                if !agencies.is_empty() {
                    let items: Vec<String> = agencies.iter().map(|s| quoted(s)).collect();
                    let _ = writeln!(y, "    agencies: [{}]", items.join(", "));
                }
                if wants_text {
                    let _ = writeln!(y, "    text: {}", quoted(&free_text(&mut rng)));
                }
                // Every source is cited by some indicator.
                let first = if i < sources {
                    i
                } else {
                    rng.below(sources as u64) as usize
                };
                cited[first] = true;
                let mut ids = vec![format!("src-{first}")];
                if rng.below(3) == 0 && sources > 1 {
                    let other = (first + 1) % sources;
                    cited[other] = true;
                    ids.push(format!("src-{other}"));
                }
                let _ = writeln!(y, "    sources: [{}]", ids.join(", "));
            }
            debug_assert!(cited.iter().all(|c| *c));
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
