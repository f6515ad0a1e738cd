//! ZPL II's compressed ASCII hex for `^GFA` data. Text bitmaps are mostly white, and white runs
//! shrink to a count and a digit, the white tail of a row to `,`, and an identical row (a
//! vertical stroke, a blank line) to `:` — a Hangul waybill shrinks to about a quarter.
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

/// Appends `bits` (rows of `bytes_per_row` bytes) to `out` as compressed ASCII hex.
/// `bits.len()` must be a whole number of rows; a `bytes_per_row` of 0 writes nothing.
pub(super) fn write_compressed(out: &mut String, bits: &[u8], bytes_per_row: usize) {
    if bytes_per_row == 0 {
        return;
    }
    let mut previous: Option<&[u8]> = None;
    for row in bits.chunks(bytes_per_row) {
        if previous == Some(row) {
            out.push(':');
        } else {
            write_row(out, row);
        }
        previous = Some(row);
    }
}

fn nibble(row: &[u8], i: usize) -> u8 {
    let byte = row[i / 2];
    if i.is_multiple_of(2) {
        byte >> 4
    } else {
        byte & 0x0F
    }
}

/// One row: runs of its hex digits, with a white (or black) tail replaced by `,` (or `!`).
fn write_row(out: &mut String, row: &[u8]) {
    let digits = row.len() * 2;
    let last = nibble(row, digits - 1);
    // A tail of one digit costs the same as its fill character; either is correct.
    let (end, fill) = match last {
        0x0 | 0xF => {
            let mut end = digits;
            while end > 0 && nibble(row, end - 1) == last {
                end -= 1;
            }
            (end, Some(if last == 0 { ',' } else { '!' }))
        }
        _ => (digits, None),
    };
    let mut i = 0;
    while i < end {
        let digit = nibble(row, i);
        let mut run = 1;
        while i + run < end && nibble(row, i + run) == digit {
            run += 1;
        }
        write_run(out, digit, run);
        i += run;
    }
    if let Some(fill) = fill {
        out.push(fill);
    }
}

/// `run` copies of hex `digit`, as a count prefix and the digit where that is shorter.
fn write_run(out: &mut String, digit: u8, mut run: usize) {
    let c = char::from(HEX[usize::from(digit)]);
    while run > 0 {
        let n = run.min(MAX_RUN);
        if n <= 2 {
            // "H0" is no shorter than "00".
            for _ in 0..n {
                out.push(c);
            }
        } else {
            write_count(out, n);
            out.push(c);
        }
        run -= n;
    }
}

/// A repeat count 1..=419: at most one letter from `g`–`z` (twenties) and one from `G`–`Y`.
fn write_count(out: &mut String, n: usize) {
    debug_assert!((1..=MAX_RUN).contains(&n));
    let (twenties, ones) = (n / 20, n % 20);
    if twenties > 0 {
        out.push(char::from(b'g' + (twenties - 1) as u8));
    }
    if ones > 0 {
        out.push(char::from(b'G' + (ones - 1) as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use packdesk_sim::printer::zpl::decode;

    fn compress(bits: &[u8], bytes_per_row: usize) -> String {
        let mut out = String::new();
        write_compressed(&mut out, bits, bytes_per_row);
        out
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
        let count = |n| {
            let mut s = String::new();
            write_count(&mut s, n);
            s
        };
        assert_eq!(count(1), "G");
        assert_eq!(count(19), "Y");
        assert_eq!(count(20), "g");
        assert_eq!(count(25), "gK");
        assert_eq!(count(40), "h");
        assert_eq!(count(327), "vM");
        assert_eq!(count(400), "z");
        assert_eq!(count(419), "zY");
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
