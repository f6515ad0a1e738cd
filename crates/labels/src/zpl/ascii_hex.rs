//! ZPL II's compressed ASCII hex for `^GFA` data. Text bitmaps are mostly white, and white runs
//! shrink to a count and a digit, the white tail of a row to `,`, and an identical row (a
//! vertical stroke, a blank line) to `:`. Inside small Hangul glyphs runs are short, so a
//! waybill's graphics come out at 45–55% of plain hex (a 203 dpi label 33 KB → 18 KB).
//!
//! The alphabet, as the ZPL II manual defines it and as printers decode it:
//! - `G`–`Y` repeat the following hex digit 1–19 times, `g`–`z` 20, 40, … 400 times; letters
//!   add up, so `gK` followed by `0` is 25 zeros;
//! - `,` fills the rest of the row with `0`, `!` with `F`;
//! - `:` repeats the previous row.
//!
//! Each row is encoded on its own, so no run crosses a row boundary: `,`, `!` and `:` are only
//! meaningful at row granularity, and keeping runs inside rows leaves nothing to a decoder's
//! reading of a run that wraps.

/// Longest run one count prefix can express: `z` (400) + `Y` (19).
const MAX_RUN: usize = 419;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Stands for the run's hex digit in [`RUN_CODES`].
const DIGIT: u8 = 0;

/// How a run of `n` equal digits is written, for `n` in 1..=419: up to three bytes (`DIGIT`
/// for the digit itself) and how many of them count. Runs of one or two are written out ("H0"
/// is no shorter than "00"); longer ones are a count — at most one letter from `g`–`z`
/// (twenties) and one from `G`–`Y` — and the digit.
const RUN_CODES: [([u8; 3], u8); MAX_RUN + 1] = run_codes();

const fn run_codes() -> [([u8; 3], u8); MAX_RUN + 1] {
    let mut table = [([DIGIT; 3], 0u8); MAX_RUN + 1];
    let mut n = 1;
    while n <= MAX_RUN {
        let mut code = [DIGIT; 3];
        let mut len = 0;
        if n <= 2 {
            len = n;
        } else {
            let (twenties, ones) = (n / 20, n % 20);
            if twenties > 0 {
                code[len] = b'g' + (twenties - 1) as u8;
                len += 1;
            }
            if ones > 0 {
                code[len] = b'G' + (ones - 1) as u8;
                len += 1;
            }
            len += 1; // the digit, already DIGIT
        }
        table[n] = (code, len as u8);
        n += 1;
    }
    table
}

/// Appends `bits` (rows of `bytes_per_row` bytes) to `out` as compressed ASCII hex.
/// `bits.len()` must be a whole number of rows; a `bytes_per_row` of 0 writes nothing.
pub(super) fn write_compressed(out: &mut Vec<u8>, bits: &[u8], bytes_per_row: usize) {
    if bytes_per_row == 0 {
        return;
    }
    // One row's hex digits as values 0..=15, reused across rows.
    let mut digits = Vec::with_capacity(bytes_per_row * 2);
    let mut previous: Option<&[u8]> = None;
    for row in bits.chunks(bytes_per_row) {
        if previous == Some(row) {
            out.push(b':');
        } else {
            write_row(out, row, &mut digits);
        }
        previous = Some(row);
    }
}

/// One row: runs of its hex digits, with a white (or black) tail replaced by `,` (or `!`).
fn write_row(out: &mut Vec<u8>, row: &[u8], digits: &mut Vec<u8>) {
    let Some(&last) = row.last() else {
        return;
    };
    // A tail of one digit costs the same as its fill character; either is correct.
    let (end, fill) = match last & 0x0F {
        0x0 => (digits_before_tail(row, 0x0), Some(b',')),
        0xF => (digits_before_tail(row, 0xF), Some(b'!')),
        _ => (row.len() * 2, None),
    };
    digits.clear();
    digits.extend(row.iter().flat_map(|&b| [b >> 4, b & 0x0F]));
    write_runs(out, &digits[..end]);
    if let Some(fill) = fill {
        out.push(fill);
    }
}

/// How many hex digits of `row` come before its trailing run of `nibble` (0x0 or 0xF).
fn digits_before_tail(row: &[u8], nibble: u8) -> usize {
    match row.iter().rposition(|&b| b != nibble * 0x11) {
        None => 0,
        // That byte's high digit differs from `nibble` if its low one does not.
        Some(i) if row[i] & 0x0F == nibble => 2 * i + 1,
        Some(i) => 2 * i + 2,
    }
}

/// Writes `digits` as runs. This is the hot loop of a label, and text bitmaps have short,
/// irregular runs, so it avoids data-dependent branches: every digit writes its run's code
/// as if the run ended there, and the write is kept (the position advanced) only if it did.
fn write_runs(out: &mut Vec<u8>, digits: &[u8]) {
    let start = out.len();
    // No run's code is longer than the run, so the output fits in the digits' length; three
    // more bytes take the unconditional write past the last kept one.
    out.resize(start + digits.len() + 3, 0);
    let buf = &mut out[start..];
    let (mut pos, mut run) = (0usize, 0usize);
    for (i, &digit) in digits.iter().enumerate() {
        run += 1;
        let next = digits.get(i + 1).copied();
        let ends = next != Some(digit) || run == MAX_RUN;
        let (code, len) = RUN_CODES[run];
        let c = HEX[usize::from(digit)];
        for (slot, &b) in buf[pos..pos + 3].iter_mut().zip(&code) {
            *slot = if b == DIGIT { c } else { b };
        }
        pos += usize::from(len) * usize::from(ends);
        run *= usize::from(!ends);
    }
    out.truncate(start + pos);
}

#[cfg(test)]
mod tests {
    use super::*;
    use packdesk_sim::printer::zpl::decode;

    fn compress(bits: &[u8], bytes_per_row: usize) -> String {
        let mut out = Vec::new();
        write_compressed(&mut out, bits, bytes_per_row);
        String::from_utf8(out).unwrap()
    }

    /// Decodes `data` the way the virtual printer does, inside a one-field label.
    fn printer_reads(data: &str, bytes_per_row: usize, total: usize) -> Vec<u8> {
        let zpl = format!("^XA^FO0,0^GFA,{total},{total},{bytes_per_row},{data}^FS^XZ");
        let labels = decode(zpl.as_bytes()).unwrap_or_else(|e| panic!("{e}: {zpl}"));
        labels[0].graphics[0].bits.clone()
    }

    fn round_trip(bits: &[u8], bytes_per_row: usize) -> String {
        let data = compress(bits, bytes_per_row);
        assert_eq!(
            printer_reads(&data, bytes_per_row, bits.len()),
            bits,
            "{data}"
        );
        data
    }

    #[test]
    fn counts_follow_the_manual() {
        let code = |n: usize| {
            let (bytes, len) = RUN_CODES[n];
            bytes[..usize::from(len)]
                .iter()
                .map(|&b| if b == DIGIT { '5' } else { char::from(b) })
                .collect::<String>()
        };
        assert_eq!(code(1), "5");
        assert_eq!(code(2), "55");
        assert_eq!(code(3), "I5");
        assert_eq!(code(19), "Y5");
        assert_eq!(code(20), "g5");
        assert_eq!(code(25), "gK5");
        assert_eq!(code(40), "h5");
        assert_eq!(code(327), "vM5");
        assert_eq!(code(400), "z5");
        assert_eq!(code(419), "zY5");
    }

    #[test]
    fn rows_use_fills_runs_and_repeats() {
        // Row 1: "FF00" → "FF,"; row 2 the same → ":"; row 3 all white → ","; row 4 "0FFF" →
        // "0!"; row 5 "1234" literal.
        let bits = [0xFF, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x0F, 0xFF, 0x12, 0x34];
        assert_eq!(round_trip(&bits, 2), "FF,:,0!1234");
    }

    #[test]
    fn long_runs_are_counted_and_split_past_the_largest_count() {
        // 500 bytes: 1 digit 'A', 998 digits '5', 1 digit 'A'.
        let mut row = vec![0x55u8; 500];
        row[0] = 0xA5;
        row[499] = 0x5A;
        let data = round_trip(&row, 500);
        // 998 = 419 + 419 + 160.
        assert_eq!(data, "AzY5zY5n5A");
        // 421 ones: the largest count, then two digits written out.
        let mut wide = vec![0x11u8; 210];
        wide.push(0x12);
        assert_eq!(round_trip(&wide, 211), "zY1112");
    }

    #[test]
    fn random_bitmaps_survive_the_printer_decoder() {
        // A small xorshift keeps the test deterministic without a dependency.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for case in 0..300 {
            let bytes_per_row = 1 + (next() % 60) as usize;
            let rows = 1 + (next() % 12) as usize;
            // Sparse, dense and run-heavy bitmaps, with some rows copied from the one above.
            let palette = [0x00u8, 0xFF, 0x0F, 0xF0, 0x80, 0x01, 0x3C];
            let mut bits: Vec<u8> = Vec::with_capacity(bytes_per_row * rows);
            for r in 0..rows {
                if r > 0 && next() % 4 == 0 {
                    let start = (r - 1) * bytes_per_row;
                    bits.extend_from_within(start..start + bytes_per_row);
                    continue;
                }
                for _ in 0..bytes_per_row {
                    let v = next();
                    bits.push(if case % 3 == 0 {
                        v as u8
                    } else {
                        palette[(v % palette.len() as u64) as usize]
                    });
                }
            }
            round_trip(&bits, bytes_per_row);
        }
    }

    #[test]
    fn output_is_only_the_compressed_alphabet() {
        let bits: Vec<u8> = (0..=255u8).collect();
        let data = round_trip(&bits, 16);
        assert!(
            data.bytes()
                .all(|b| b"0123456789ABCDEF,!:".contains(&b) || b.is_ascii_alphabetic()),
            "{data}"
        );
        assert!(!data.contains(['^', '~']), "{data}");
    }
}
