//! The fonts of the PDF: Noto Sans regular, bold and italic, embedded in the
//! binary (SIL Open Font License, see `assets/fonts/OFL.txt`).
//!
//! This module owns the font files and is the only reader of their tables
//! (through allsorts): it answers "which
//! glyph shows this character, and how wide is it" for the layout, and cuts a
//! subset of the glyphs a document uses for the export. It knows nothing of
//! pages or PDF objects.
//!
//! Widths are given in thousandths of an em, rounded down, because that is
//! what the PDF's `/W` array says and what a viewer advances by: measuring
//! with the same integers keeps every glyph exactly where the layout put it.

use std::collections::HashMap;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use allsorts::tag;
use serde::Serialize;

mod subset;

/// One face of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Face {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold (also used for bold italic, which is not embedded).
    Bold,
    /// Italic, normal weight.
    Italic,
}

impl Face {
    /// Every face, in a fixed order.
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    /// The face for a combination of emphasis. Bold italic falls back to
    /// bold: strong emphasis matters more than the slant, and a fourth face
    /// would add half a megabyte to the binary for text profiles rarely use.
    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (true, _) => Face::Bold,
            (false, true) => Face::Italic,
            (false, false) => Face::Regular,
        }
    }

    /// The PostScript name of the face.
    pub fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "NotoSans-Regular",
            Face::Bold => "NotoSans-Bold",
            Face::Italic => "NotoSans-Italic",
        }
    }

    /// The font file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
            Face::Bold => include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
            Face::Italic => include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
        }
    }

    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
        }
    }
}

/// What the layout needs to know about one face.
#[derive(Debug)]
pub struct FaceMetrics {
    /// Character → glyph.
    cmap: HashMap<u32, u16>,
    /// Glyph → advance, in thousandths of an em (rounded down, as in `/W`).
    advances: Vec<u16>,
    /// Height above the baseline, in thousandths of an em.
    pub ascent: f32,
    /// Depth below the baseline (positive), in thousandths of an em.
    pub descent: f32,
    /// What the PDF's font descriptor says of the face, in thousandths of
    /// an em.
    pub descriptor: Descriptor,
    /// The font program, read for cutting subsets.
    program: subset::Program,
}

/// The face's metrics a PDF font descriptor records.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Descriptor {
    /// The box every glyph fits in: left, bottom, right, top.
    pub bbox: [i32; 4],
    /// The height of capital letters.
    pub cap_height: i32,
    /// The slant, in degrees counter-clockwise from the vertical.
    pub italic_angle: f32,
    /// Whether the face is italic.
    pub italic: bool,
}

impl FaceMetrics {
    /// The glyph that shows `c`, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.cmap.get(&(c as u32)).copied().filter(|g| *g != 0)
    }

    /// The advance of a glyph in thousandths of an em.
    pub fn advance(&self, glyph: u16) -> u16 {
        self.advances.get(usize::from(glyph)).copied().unwrap_or(0)
    }
}

/// The three faces, parsed once per process.
#[derive(Debug)]
pub struct Fonts {
    faces: [FaceMetrics; 3],
}

/// Why the embedded fonts could not be used: always a defect in profilec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("embedded font {face}: {message}")]
pub struct FontError {
    /// The face's PostScript name.
    pub face: &'static str,
    /// What went wrong.
    pub message: String,
}

impl Fonts {
    /// The embedded fonts, parsed on first use.
    pub fn embedded() -> Result<&'static Fonts, FontError> {
        static FONTS: OnceLock<Result<Fonts, FontError>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    faces: [
                        parse(Face::Regular)?,
                        parse(Face::Bold)?,
                        parse(Face::Italic)?,
                    ],
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The metrics of one face.
    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }
}

fn parse(face: Face) -> Result<FaceMetrics, FontError> {
    let fail = |what: &str, e: &dyn std::fmt::Display| FontError {
        face: face.postscript_name(),
        message: format!("{what}: {e}"),
    };
    let data = ReadScope::new(face.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail("not a font", &e))?;
    let provider = data.table_provider(0).map_err(|e| fail("no face", &e))?;
    let table = |t: u32| {
        provider
            .read_table_data(t)
            .map_err(|e| fail(&format!("table {}", tag::DisplayTag(t)), &e))
    };
    let head_data = table(tag::HEAD)?;
    let head = ReadScope::new(&head_data)
        .read::<HeadTable>()
        .map_err(|e| fail("head", &e))?;
    let hhea_data = table(tag::HHEA)?;
    let hhea = ReadScope::new(&hhea_data)
        .read::<HheaTable>()
        .map_err(|e| fail("hhea", &e))?;
    let maxp_data = table(tag::MAXP)?;
    let maxp = ReadScope::new(&maxp_data)
        .read::<MaxpTable>()
        .map_err(|e| fail("maxp", &e))?;
    let hmtx_data = table(tag::HMTX)?;
    let hmtx = ReadScope::new(&hmtx_data)
        .read_dep::<HmtxTable<'_>>((
            usize::from(maxp.num_glyphs),
            usize::from(hhea.num_h_metrics),
        ))
        .map_err(|e| fail("hmtx", &e))?;
    let cmap_data = table(tag::CMAP)?;
    let cmap = ReadScope::new(&cmap_data)
        .read::<Cmap<'_>>()
        .map_err(|e| fail("cmap", &e))?;
    let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap)
        .map_err(|e| fail("cmap", &e))?
        .ok_or_else(|| fail("cmap", &"no Unicode subtable"))?;

    let upm = f32::from(head.units_per_em.max(1));
    let per_mille = |units: f32| units * 1000.0 / upm;
    let whole = |units: i16| (f32::from(units) * 1000.0 / upm).round() as i32;
    let cap_height = provider
        .read_table_data(tag::OS_2)
        .ok()
        .and_then(|data| {
            ReadScope::new(&data)
                .read_dep::<allsorts::tables::os2::Os2>(data.len())
                .ok()
                .and_then(|os2| os2.version2to4.map(|v| v.s_cap_height))
        })
        .unwrap_or(hhea.ascender);
    let italic_angle = provider
        .read_table_data(tag::POST)
        .ok()
        .and_then(|data| {
            ReadScope::new(&data)
                .read::<allsorts::post::PostTable<'_>>()
                .ok()
                .map(|post| post.header.italic_angle as f32 / 65536.0)
        })
        .unwrap_or(0.0);
    let descriptor = Descriptor {
        bbox: [
            whole(head.x_min),
            whole(head.y_min),
            whole(head.x_max),
            whole(head.y_max),
        ],
        cap_height: whole(cap_height),
        italic_angle,
        italic: face == Face::Italic,
    };
    let mut map = HashMap::new();
    subtable
        .mappings_fn(|c, g| {
            map.insert(c, g);
        })
        .map_err(|e| fail("cmap", &e))?;
    let advances = (0..maxp.num_glyphs)
        .map(|g| {
            let units = hmtx.horizontal_advance(g).unwrap_or(0);
            // Truncated: the integers the export writes in `/W`.
            (u32::from(units) * 1000 / u32::from(head.units_per_em.max(1))) as u16
        })
        .collect();
    Ok(FaceMetrics {
        cmap: map,
        advances,
        ascent: per_mille(f32::from(hhea.ascender)),
        descent: per_mille(-f32::from(hhea.descender)),
        descriptor,
        program: subset::Program::read(face.bytes()).map_err(|e| fail("glyf", &e))?,
    })
}

/// A font program holding only some glyphs of a face, renumbered.
#[derive(Debug, Clone)]
pub struct Subset {
    /// The TrueType font program.
    pub bytes: Vec<u8>,
    /// Original glyph id → glyph id in the subset.
    pub glyphs: HashMap<u16, u16>,
}

/// Cuts the glyphs `used` (original ids, any order) out of a face. Glyph 0
/// (`.notdef`, drawn for characters the font lacks) is always kept; the
/// others are numbered in the order of their ids, the parts of composite
/// glyphs after them.
pub fn subset_face(face: Face, used: &[u16]) -> Result<Subset, FontError> {
    let fail = |e: &dyn std::fmt::Display| FontError {
        face: face.postscript_name(),
        message: format!("cannot subset: {e}"),
    };
    let fonts = Fonts::embedded()?;
    let (bytes, glyphs) = fonts
        .face(face)
        .program
        .subset(used)
        .map_err(|e| fail(&e))?;
    Ok(Subset { bytes, glyphs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faces_cover_latin_greek_and_cyrillic() {
        let fonts = Fonts::embedded().unwrap();
        for face in Face::ALL {
            for c in "AzéßŁőĞşÆøÅ€–—“”‘’…•·ΑΩαωάϊЖжЯяЁёЇїҐґ№".chars()
            {
                assert!(
                    fonts.face(face).glyph(c).is_some(),
                    "{face:?} lacks {c} (U+{:04X})",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn a_character_the_font_lacks_has_no_glyph() {
        let fonts = Fonts::embedded().unwrap();
        assert_eq!(fonts.face(Face::Regular).glyph('中'), None);
        assert_eq!(fonts.face(Face::Regular).glyph('😀'), None);
    }

    #[test]
    fn widths_are_per_mille_and_bold_is_wider() {
        let fonts = Fonts::embedded().unwrap();
        let regular = fonts.face(Face::Regular);
        let bold = fonts.face(Face::Bold);
        let m = |f: &FaceMetrics| f.advance(f.glyph('m').unwrap());
        assert!((700..1000).contains(&m(regular)), "{}", m(regular));
        assert!(m(bold) > m(regular));
        assert!(regular.ascent > 700.0 && regular.descent > 100.0);
    }

    #[test]
    fn a_subset_is_small_and_renumbers_in_order() {
        let fonts = Fonts::embedded().unwrap();
        let regular = fonts.face(Face::Regular);
        let used: Vec<u16> = "Belgium".chars().filter_map(|c| regular.glyph(c)).collect();
        let subset = subset_face(Face::Regular, &used).unwrap();
        assert!(subset.bytes.len() < 20_000, "{}", subset.bytes.len());
        assert_eq!(subset.glyphs[&0], 0);
        let mut sorted = used.clone();
        sorted.sort_unstable();
        sorted.dedup();
        for (i, g) in sorted.iter().enumerate() {
            assert_eq!(subset.glyphs[g], i as u16 + 1);
        }
    }

    /// The subset read back by another reader (allsorts): a valid font
    /// whose glyphs are the ones asked for, composite glyphs' parts
    /// included and renumbered, with the original advances.
    #[test]
    fn a_subset_is_a_valid_font_with_the_parts_of_composite_glyphs() {
        use allsorts::tables::glyf::{GlyfRecord, GlyfTable, Glyph};
        use allsorts::tables::loca::LocaTable;
        let fonts = Fonts::embedded().unwrap();
        let regular = fonts.face(Face::Regular);
        // Accented letters are composites in Noto Sans.
        let used: Vec<u16> = "éőЁ".chars().filter_map(|c| regular.glyph(c)).collect();
        let subset = subset_face(Face::Regular, &used).unwrap();
        let whole = subset.bytes.chunks(4).fold(0u32, |sum, w| {
            let mut p = [0u8; 4];
            p[..w.len()].copy_from_slice(w);
            sum.wrapping_add(u32::from_be_bytes(p))
        });
        assert_eq!(whole, 0xB1B0_AFBA, "the checksum adjustment");
        let data = ReadScope::new(&subset.bytes)
            .read::<FontData<'_>>()
            .unwrap();
        let provider = data.table_provider(0).unwrap();
        let head = ReadScope::new(&provider.read_table_data(tag::HEAD).unwrap())
            .read::<HeadTable>()
            .unwrap();
        let maxp = ReadScope::new(&provider.read_table_data(tag::MAXP).unwrap())
            .read::<MaxpTable>()
            .unwrap();
        let count = usize::from(maxp.num_glyphs);
        assert!(count > used.len() + 1, "the parts come after: {count}");
        assert_eq!(subset.glyphs.len(), count);
        let loca_data = provider.read_table_data(tag::LOCA).unwrap();
        let loca = ReadScope::new(&loca_data)
            .read_dep::<LocaTable<'_>>((maxp.num_glyphs, head.index_to_loc_format))
            .unwrap();
        let glyf_data = provider.read_table_data(tag::GLYF).unwrap();
        let mut glyf = ReadScope::new(&glyf_data)
            .read_dep::<GlyfTable<'_>>(&loca)
            .unwrap();
        let mut composites = 0;
        let mut simple = 0;
        for record in glyf.records_mut() {
            record.parse().unwrap();
            match record {
                GlyfRecord::Parsed(Glyph::Composite(composite)) => {
                    composites += 1;
                    for part in &composite.glyphs {
                        assert!(usize::from(part.glyph_index) < count);
                    }
                    assert!(composite.instructions.is_empty(), "no hinting");
                }
                GlyfRecord::Parsed(Glyph::Simple(glyph)) => {
                    simple += 1;
                    assert!(glyph.instructions.is_empty(), "no hinting");
                }
                _ => {}
            }
        }
        assert!(simple > 0);
        for table in [tag::FPGM, tag::PREP, tag::CVT] {
            assert!(
                provider.read_table_data(table).is_err(),
                "no hinting program"
            );
        }
        assert_eq!(composites, used.len(), "every accented letter");
        let hhea = ReadScope::new(&provider.read_table_data(tag::HHEA).unwrap())
            .read::<HheaTable>()
            .unwrap();
        let hmtx_data = provider.read_table_data(tag::HMTX).unwrap();
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((count, usize::from(hhea.num_h_metrics)))
            .unwrap();
        for old in &used {
            let new = subset.glyphs[old];
            let units = hmtx.horizontal_advance(new).unwrap();
            assert_eq!(
                (u32::from(units) * 1000 / u32::from(head.units_per_em)) as u16,
                regular.advance(*old)
            );
        }
    }

    #[test]
    fn a_malformed_font_is_an_error() {
        let short: &'static [u8] = b"\x00\x01\x00\x00\x00\x01";
        assert!(subset::Program::read(short).is_err());
    }
}
