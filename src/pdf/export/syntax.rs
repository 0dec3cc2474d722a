//! PDF syntax, written straight into bytes: numbers, names, strings, and the
//! file itself (objects packed into a compressed object stream, streams,
//! the cross-reference stream). Only what the export writes; no parsing.
//!
//! Numbers are written with at most three decimals by integer arithmetic
//! (no float formatting), which is both fast and the same on every platform.

use std::io::Write as _;

/// Appends an integer.
pub fn int(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    let mut n = value.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Appends a number with at most three decimals (not-a-number as 0).
pub fn real(out: &mut Vec<u8>, value: f32) {
    let thousandths = if value.is_finite() {
        (f64::from(value) * 1000.0).round() as i64
    } else {
        0
    };
    if thousandths < 0 {
        out.push(b'-');
    }
    let n = thousandths.unsigned_abs();
    int(out, (n / 1000) as i64);
    let mut fraction = n % 1000;
    if fraction != 0 {
        out.push(b'.');
        let mut digits = [b'0' + (fraction / 100) as u8, 0, 0];
        fraction %= 100;
        digits[1] = b'0' + (fraction / 10) as u8;
        digits[2] = b'0' + (fraction % 10) as u8;
        let len = if digits[2] != b'0' {
            3
        } else if digits[1] != b'0' {
            2
        } else {
            1
        };
        out.extend_from_slice(&digits[..len]);
    }
}

/// Appends numbers separated by spaces.
pub fn reals(out: &mut Vec<u8>, values: &[f32]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        real(out, *v);
    }
}

/// Appends a reference to object `id`.
pub fn reference(out: &mut Vec<u8>, id: u32) {
    int(out, i64::from(id));
    out.extend_from_slice(b" 0 R");
}

/// Appends a name (`/P`); bytes outside the regular characters are
/// written as `#xx`.
pub fn name(out: &mut Vec<u8>, text: &str) {
    out.push(b'/');
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'_' | b'.') {
            out.push(b);
        } else {
            out.push(b'#');
            hex_byte(out, b);
        }
    }
}

/// Appends a text string: literal when printable ASCII, else UTF-16BE
/// with a byte-order mark, in hexadecimal.
pub fn text(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        out.push(b'(');
        for &b in text.as_bytes() {
            if matches!(b, b'(' | b')' | b'\\') {
                out.push(b'\\');
            }
            out.push(b);
        }
        out.push(b')');
    } else {
        out.extend_from_slice(b"<FEFF");
        for unit in text.encode_utf16() {
            hex_u16(out, unit);
        }
        out.push(b'>');
    }
}

/// Appends a byte string in hexadecimal.
pub fn hex_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'<');
    for &b in bytes {
        hex_byte(out, b);
    }
    out.push(b'>');
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends a byte as two hexadecimal digits.
pub fn hex_byte(out: &mut Vec<u8>, b: u8) {
    out.push(HEX[usize::from(b >> 4)]);
    out.push(HEX[usize::from(b & 15)]);
}

/// Appends a 16-bit value as four hexadecimal digits.
pub fn hex_u16(out: &mut Vec<u8>, value: u16) {
    let [high, low] = value.to_be_bytes();
    hex_byte(out, high);
    hex_byte(out, low);
}

/// Deflate, with one compressor for all the streams of a file (setting one
/// up costs as much as compressing a small stream).
pub struct Deflater {
    compress: flate2::Compress,
}

impl Deflater {
    /// A compressor at zlib's fastest level. Measured on the Belgian 2015
    /// PDF (200 in one process, one core): level 6, zlib's default, 0.47 s
    /// and 27.9 KB each; level 2, 0.38 s and 31.1 KB; level 1, 0.30 s and
    /// 39.3 KB. Deflate was a third of the time at level 6; the files stay
    /// far under the 150 KB a PDF may weigh.
    pub fn new() -> Self {
        Deflater {
            compress: flate2::Compress::new(flate2::Compression::fast(), true),
        }
    }

    /// The zlib stream of `data`.
    pub fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, String> {
        self.compress.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = self.compress.total_in() as usize;
            let status = self
                .compress
                .compress_vec(
                    data.get(consumed..).unwrap_or(&[]),
                    &mut out,
                    flate2::FlushCompress::Finish,
                )
                .map_err(|e| format!("cannot compress a stream: {e}"))?;
            match status {
                flate2::Status::StreamEnd => return Ok(out),
                flate2::Status::Ok | flate2::Status::BufError => {
                    out.reserve(out.capacity().max(64));
                }
            }
        }
    }
}

/// Where an object is: at a byte offset of the file, or packed in the
/// object stream at an index.
#[derive(Debug, Clone, Copy)]
enum Place {
    File(usize),
    Packed(u32),
}

/// A PDF file being written. Objects that are not streams are packed into
/// one compressed object stream at the end, which is where a tagged PDF's
/// many small dictionaries (structure elements, annotations, outline
/// entries) would otherwise spend most of their bytes.
pub struct File {
    out: Vec<u8>,
    places: Vec<Option<Place>>,
    /// The packed objects' bodies, one after the other.
    packed: Vec<u8>,
    /// Each packed object's number and offset in `packed`.
    packed_index: Vec<(u32, usize)>,
    next_id: u32,
    /// The compressor.
    pub deflater: Deflater,
}

impl File {
    /// A file of this PDF version (`1.7`).
    pub fn new(version: &str, capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"%PDF-");
        out.extend_from_slice(version.as_bytes());
        // A comment of bytes above 127: the file is binary.
        out.extend_from_slice(b"\n%\xe2\xe3\xcf\xd3\n");
        File {
            out,
            places: vec![None],
            packed: Vec::with_capacity(capacity / 2),
            packed_index: Vec::new(),
            next_id: 1,
            deflater: Deflater::new(),
        }
    }

    /// A new object number.
    pub fn id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        self.places.push(None);
        id
    }

    /// Writes object `id` (not a stream): its body, such as `<< … >>`.
    pub fn object(&mut self, id: u32, body: &[u8]) {
        if let Some(place) = self.places.get_mut(id as usize) {
            *place = Some(Place::Packed(self.packed_index.len() as u32));
        }
        self.packed_index.push((id, self.packed.len()));
        self.packed.extend_from_slice(body);
        self.packed.push(b'\n');
    }

    /// Writes stream `id`: its dictionary's entries (without `/Length`
    /// and `/Filter`, which this adds) and its data, compressed or not.
    pub fn stream(
        &mut self,
        id: u32,
        entries: &[u8],
        data: &[u8],
        compress: bool,
    ) -> Result<(), String> {
        let deflated;
        let (data, filter) = if compress {
            deflated = self.deflater.deflate(data)?;
            (deflated.as_slice(), true)
        } else {
            (data, false)
        };
        if let Some(place) = self.places.get_mut(id as usize) {
            *place = Some(Place::File(self.out.len()));
        }
        let out = &mut self.out;
        int(out, i64::from(id));
        out.extend_from_slice(b" 0 obj\n<<");
        out.extend_from_slice(entries);
        out.extend_from_slice(b" /Length ");
        int(out, data.len() as i64);
        if filter {
            out.extend_from_slice(b" /Filter /FlateDecode");
        }
        out.extend_from_slice(b" >>\nstream\n");
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        Ok(())
    }

    /// Finishes the file: the object stream, the cross-reference stream
    /// with the trailer's entries (`/Root …`), and the end.
    pub fn finish(mut self, trailer: &[u8]) -> Result<Vec<u8>, String> {
        if !self.packed_index.is_empty() {
            let id = self.id();
            let mut header = Vec::with_capacity(self.packed_index.len() * 10);
            for (object, offset) in &self.packed_index {
                int(&mut header, i64::from(*object));
                header.push(b' ');
                int(&mut header, *offset as i64);
                header.push(b' ');
            }
            let mut entries = b" /Type /ObjStm /N ".to_vec();
            int(&mut entries, self.packed_index.len() as i64);
            entries.extend_from_slice(b" /First ");
            int(&mut entries, header.len() as i64);
            header.extend_from_slice(&self.packed);
            let body = std::mem::take(&mut header);
            self.stream(id, &entries, &body, true)?;
            self.finish_xref(trailer, Some(id))
        } else {
            self.finish_xref(trailer, None)
        }
    }

    fn finish_xref(
        mut self,
        trailer: &[u8],
        object_stream: Option<u32>,
    ) -> Result<Vec<u8>, String> {
        let xref = self.id();
        let xref_offset = self.out.len();
        if let Some(place) = self.places.get_mut(xref as usize) {
            *place = Some(Place::File(xref_offset));
        }
        // Entries: type (1 byte), offset or object stream (4), index (2).
        let mut table = Vec::with_capacity(self.places.len() * 7);
        for (number, place) in self.places.iter().enumerate() {
            let (kind, field, index): (u8, u32, u16) = match place {
                Some(Place::File(offset)) => (1, *offset as u32, 0),
                Some(Place::Packed(index)) => (2, object_stream.unwrap_or(0), *index as u16),
                None if number == 0 => (0, 0, 65535),
                None => (0, 0, 0),
            };
            table.push(kind);
            table.extend_from_slice(&field.to_be_bytes());
            table.extend_from_slice(&index.to_be_bytes());
        }
        let mut entries = b" /Type /XRef /Size ".to_vec();
        int(&mut entries, self.places.len() as i64);
        entries.extend_from_slice(b" /W [1 4 2]");
        entries.extend_from_slice(trailer);
        self.stream(xref, &entries, &table, true)?;
        let _ = write!(self.out, "startxref\n{xref_offset}\n%%EOF\n");
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_have_at_most_three_decimals_and_no_trailing_zeros() {
        assert_eq!(s(|o| real(o, 0.0)), "0");
        assert_eq!(s(|o| real(o, -0.0001)), "0");
        assert_eq!(s(|o| real(o, 12.5)), "12.5");
        assert_eq!(s(|o| real(o, -3.25)), "-3.25");
        assert_eq!(s(|o| real(o, 841.8898)), "841.89");
        assert_eq!(s(|o| real(o, 0.1234)), "0.123");
        assert_eq!(s(|o| real(o, f32::NAN)), "0");
        assert_eq!(s(|o| int(o, -120)), "-120");
        assert_eq!(s(|o| int(o, i64::MIN)), "-9223372036854775808");
    }

    #[test]
    fn strings_and_names_are_escaped() {
        assert_eq!(s(|o| text(o, "a (b) \\c")), "(a \\(b\\) \\\\c)");
        assert_eq!(s(|o| text(o, "é")), "<FEFF00E9>");
        assert_eq!(s(|o| text(o, "a\nb")), "<FEFF0061000A0062>");
        assert_eq!(s(|o| name(o, "A B/C")), "/A#20B#2FC");
    }

    #[test]
    fn deflate_round_trips() {
        use std::io::Read as _;
        let data = b"BT /R 9 Tf ET ".repeat(1000);
        let mut deflater = Deflater::new();
        for _ in 0..2 {
            let packed = deflater.deflate(&data).unwrap();
            assert!(packed.len() < data.len() / 10);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(packed.as_slice())
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
        }
    }
}
