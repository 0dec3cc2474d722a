//! Cutting a TrueType subset for a PDF: the glyphs a document draws (and
//! the parts of composite glyphs), renumbered in order, with the tables a
//! PDF's CID font needs (`glyf`, `loca`, `hmtx`, `head`, `hhea`, `maxp`,
//! `post`). No `cmap`: the PDF maps codes to glyphs itself
//! (`/CIDToGIDMap /Identity`) and text to Unicode with `/ToUnicode`.
//!
//! No hinting either: the glyphs' instructions and the programs they call
//! (`fpgm`, `prep`, `cvt `) were three fifths of a subset's bytes (the
//! Belgian 2015 PDF: 39 KB with them, 28 KB without), and PDF viewers draw
//! the outlines at the sizes asked, mostly unhinted (pdf.js; Acrobat's and
//! Apple's renderers); poppler, which hints lightly, places a few edge
//! pixels differently and nothing else.
//!
//! The face's table directory and glyph offsets are read once per process
//! ([`Program::read`]); a subset is then a copy of bytes, which is what
//! makes it cheap: a general subsetter (allsorts) re-reads the whole face,
//! its character map included, for every document. Malformed data is an
//! error, never a panic.

use std::collections::HashMap;

/// A TrueType face, its tables found and its glyphs' places known.
#[derive(Debug)]
pub struct Program {
    bytes: &'static [u8],
    /// Tag, offset and length of each table.
    tables: Vec<([u8; 4], usize, usize)>,
    /// Where each glyph starts in `glyf` (one more entry than glyphs).
    loca: Vec<usize>,
    num_h_metrics: usize,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
        *data.get(at + 2)?,
        *data.get(at + 3)?,
    ]))
}

/// The tables a subset keeps, rebuilt.
const KEPT: [&[u8; 4]; 7] = [
    b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"post",
];

impl Program {
    /// Reads a face's table directory and glyph offsets.
    pub fn read(bytes: &'static [u8]) -> Result<Program, String> {
        let bad = |what: &str| format!("malformed font: {what}");
        let count = u16_at(bytes, 4).ok_or_else(|| bad("no table directory"))?;
        let mut tables = Vec::with_capacity(usize::from(count));
        for i in 0..usize::from(count) {
            let at = 12 + 16 * i;
            let tag = bytes
                .get(at..at + 4)
                .and_then(|t| <[u8; 4]>::try_from(t).ok())
                .ok_or_else(|| bad("table directory"))?;
            let offset = u32_at(bytes, at + 8).ok_or_else(|| bad("table directory"))? as usize;
            let length = u32_at(bytes, at + 12).ok_or_else(|| bad("table directory"))? as usize;
            if bytes.get(offset..offset.saturating_add(length)).is_none() {
                return Err(bad("a table past the end"));
            }
            tables.push((tag, offset, length));
        }
        let mut program = Program {
            bytes,
            tables,
            loca: Vec::new(),
            num_h_metrics: 0,
        };
        let head = program.table(b"head").ok_or_else(|| bad("no head"))?;
        let maxp = program.table(b"maxp").ok_or_else(|| bad("no maxp"))?;
        let hhea = program.table(b"hhea").ok_or_else(|| bad("no hhea"))?;
        let loca = program.table(b"loca").ok_or_else(|| bad("no loca"))?;
        let glyf = program.table(b"glyf").ok_or_else(|| bad("no glyf"))?;
        let long = u16_at(head, 50).ok_or_else(|| bad("head"))? == 1;
        let glyphs = usize::from(u16_at(maxp, 4).ok_or_else(|| bad("maxp"))?);
        program.num_h_metrics = usize::from(u16_at(hhea, 34).ok_or_else(|| bad("hhea"))?);
        program.loca = (0..=glyphs)
            .map(|g| {
                if long {
                    u32_at(loca, 4 * g).map(|o| o as usize)
                } else {
                    u16_at(loca, 2 * g).map(|o| 2 * usize::from(o))
                }
                .filter(|o| *o <= glyf.len())
            })
            .collect::<Option<Vec<usize>>>()
            .ok_or_else(|| bad("loca"))?;
        if program.loca.windows(2).any(|w| w[0] > w[1]) {
            return Err(bad("loca out of order"));
        }
        if program.num_h_metrics == 0 {
            return Err(bad("no horizontal metrics"));
        }
        Ok(program)
    }

    fn table(&self, tag: &[u8; 4]) -> Option<&'static [u8]> {
        let bytes: &'static [u8] = self.bytes;
        self.tables
            .iter()
            .find(|(t, _, _)| t == tag)
            .and_then(|(_, offset, length)| bytes.get(*offset..offset + length))
    }

    /// The outline data of a glyph (empty for a glyph that draws nothing).
    fn glyph(&self, glyf: &'static [u8], id: u16) -> &'static [u8] {
        let g = usize::from(id);
        match (self.loca.get(g), self.loca.get(g + 1)) {
            (Some(start), Some(end)) => glyf.get(*start..*end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The glyphs a composite glyph is made of, each with where its id is
    /// written in the glyph's data.
    fn components(data: &[u8]) -> Vec<(usize, u16)> {
        let mut found = Vec::new();
        let contours = u16_at(data, 0).map_or(0, |n| n as i16);
        if contours >= 0 {
            return found;
        }
        let mut at = 10;
        while let (Some(flags), Some(id)) = (u16_at(data, at), u16_at(data, at + 2)) {
            found.push((at + 2, id));
            at += 4;
            at += if flags & 0x0001 != 0 { 4 } else { 2 };
            if flags & 0x0008 != 0 {
                at += 2;
            } else if flags & 0x0040 != 0 {
                at += 4;
            } else if flags & 0x0080 != 0 {
                at += 8;
            }
            if flags & 0x0020 == 0 {
                break;
            }
        }
        found
    }

    /// The subset of glyphs `used` (original ids): glyph 0 first, then the
    /// used glyphs in order of their ids, then the parts of composite
    /// glyphs. Returns the font program and the renumbering.
    pub fn subset(&self, used: &[u16]) -> Result<(Vec<u8>, HashMap<u16, u16>), String> {
        let bad = |what: &str| format!("malformed font: {what}");
        let glyf = self.table(b"glyf").ok_or_else(|| bad("no glyf"))?;
        let glyph_count = self.loca.len().saturating_sub(1);
        let mut order: Vec<u16> = Vec::with_capacity(used.len() + 8);
        order.push(0);
        let mut sorted: Vec<u16> = used
            .iter()
            .copied()
            .filter(|g| *g != 0 && usize::from(*g) < glyph_count)
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        order.extend(sorted);
        let mut renumber: HashMap<u16, u16> = order
            .iter()
            .enumerate()
            .map(|(new, old)| (*old, new as u16))
            .collect();
        // Parts of composite glyphs, and their parts, after the rest.
        let mut i = 0;
        while i < order.len() {
            for (_, part) in Self::components(self.glyph(glyf, order[i])) {
                if usize::from(part) < glyph_count && !renumber.contains_key(&part) {
                    if order.len() >= usize::from(u16::MAX) {
                        return Err(bad("too many glyphs"));
                    }
                    renumber.insert(part, order.len() as u16);
                    order.push(part);
                }
            }
            i += 1;
        }

        let count = order.len();
        let mut new_glyf = Vec::with_capacity(count * 160);
        let mut new_loca = Vec::with_capacity((count + 1) * 4);
        let mut new_hmtx = Vec::with_capacity(count * 4);
        let hmtx = self.table(b"hmtx").ok_or_else(|| bad("no hmtx"))?;
        let nh = self.num_h_metrics;
        for &old in &order {
            new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
            let data = self.glyph(glyf, old);
            let start = new_glyf.len();
            let parts = Self::components(data);
            push_unhinted(&mut new_glyf, data, &parts);
            for (at, part) in parts {
                let id = renumber.get(&part).copied().unwrap_or(0).to_be_bytes();
                if let Some(slot) = new_glyf.get_mut(start + at..start + at + 2) {
                    slot.copy_from_slice(&id);
                }
            }
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
            let g = usize::from(old);
            let advance = u16_at(hmtx, 4 * g.min(nh - 1)).ok_or_else(|| bad("hmtx"))?;
            let side = if g < nh {
                u16_at(hmtx, 4 * g + 2)
            } else {
                u16_at(hmtx, 4 * nh + 2 * (g - nh))
            }
            .ok_or_else(|| bad("hmtx"))?;
            new_hmtx.extend_from_slice(&advance.to_be_bytes());
            new_hmtx.extend_from_slice(&side.to_be_bytes());
        }
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

        let count16 = (count as u16).to_be_bytes();
        let mut head = self.table(b"head").ok_or_else(|| bad("no head"))?.to_vec();
        let mut hhea = self.table(b"hhea").ok_or_else(|| bad("no hhea"))?.to_vec();
        let mut maxp = self.table(b"maxp").ok_or_else(|| bad("no maxp"))?.to_vec();
        let mut post = self
            .table(b"post")
            .and_then(|p| p.get(..32))
            .map_or_else(|| vec![0; 32], <[u8]>::to_vec);
        if head.len() < 54 || hhea.len() < 36 || maxp.len() < 6 {
            return Err(bad("short head, hhea or maxp"));
        }
        head[8..12].copy_from_slice(&[0; 4]);
        head[50..52].copy_from_slice(&1u16.to_be_bytes());
        hhea[34..36].copy_from_slice(&count16);
        maxp[4..6].copy_from_slice(&count16);
        // Version 3: no glyph names.
        post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

        let mut tables: Vec<(&[u8; 4], std::borrow::Cow<'_, [u8]>)> = Vec::with_capacity(10);
        for tag in KEPT {
            let data: std::borrow::Cow<'_, [u8]> = match tag {
                b"glyf" => (&new_glyf[..]).into(),
                b"loca" => (&new_loca[..]).into(),
                b"hmtx" => (&new_hmtx[..]).into(),
                b"head" => (&head[..]).into(),
                b"hhea" => (&hhea[..]).into(),
                b"maxp" => (&maxp[..]).into(),
                _ => (&post[..]).into(),
            };
            tables.push((tag, data));
        }
        Ok((sfnt(&tables), renumber))
    }
}

/// Appends a glyph without its instructions: a simple glyph's are after
/// its contours' end points, a composite glyph's after its last part (the
/// flag that announces them is cleared). `parts` are the composite's parts
/// (empty for a simple glyph); their places do not move.
fn push_unhinted(out: &mut Vec<u8>, data: &[u8], parts: &[(usize, u16)]) {
    let contours = u16_at(data, 0).map_or(0, |n| n as i16);
    if data.len() < 10 {
        out.extend_from_slice(data);
        return;
    }
    if contours >= 0 {
        let at = 10 + 2 * contours as usize;
        match u16_at(data, at) {
            Some(length) if data.len() >= at + 2 + usize::from(length) => {
                out.extend_from_slice(&data[..at]);
                out.extend_from_slice(&[0, 0]);
                out.extend_from_slice(&data[at + 2 + usize::from(length)..]);
            }
            _ => out.extend_from_slice(data),
        }
        return;
    }
    // The end of the last part: its flags say how long its arguments and
    // transform are.
    let Some(&(last, _)) = parts.last() else {
        out.extend_from_slice(data);
        return;
    };
    let flags = u16_at(data, last - 2).unwrap_or(0);
    let mut end = last + 2 + if flags & 0x0001 != 0 { 4 } else { 2 };
    if flags & 0x0008 != 0 {
        end += 2;
    } else if flags & 0x0040 != 0 {
        end += 4;
    } else if flags & 0x0080 != 0 {
        end += 8;
    }
    let start = out.len();
    out.extend_from_slice(data.get(..end).unwrap_or(data));
    // WE_HAVE_INSTRUCTIONS, on any part.
    for (at, _) in parts {
        if let Some(slot) = out.get_mut(start + at - 2..start + at) {
            let flags = u16::from_be_bytes([slot[0], slot[1]]) & !0x0100;
            slot.copy_from_slice(&flags.to_be_bytes());
        }
    }
}

/// A TrueType file of these tables (sorted by tag), with checksums.
fn sfnt(tables: &[(&[u8; 4], std::borrow::Cow<'_, [u8]>)]) -> Vec<u8> {
    let count = tables.len() as u16;
    let size: usize = tables.iter().map(|(_, d)| (d.len() + 3) & !3).sum();
    let mut out = Vec::with_capacity(12 + 16 * tables.len() + size);
    let entry_selector = 15 - count.max(1).leading_zeros() as u16;
    let search_range = (1u16 << entry_selector) * 16;
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&(count * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(*tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if *tag == b"head" {
            head_at = Some(offset);
        }
        offset += (data.len() + 3) & !3;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The sum of a table's big-endian 32-bit words (the last one padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, word| {
        let mut padded = [0u8; 4];
        padded[..word.len()].copy_from_slice(word);
        sum.wrapping_add(u32::from_be_bytes(padded))
    })
}
