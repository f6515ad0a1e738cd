//! `^GF` graphic fields. ASCII hex with Zebra's run-length compression is what label
//! generators emit; `:B64:` is accepted too. `:Z64:` (zlib) and binary formats are refused.
use base64::Engine as _;

use super::Graphic;

/// Decodes the parameters of one `^GF` command (`a,b,c,d,data`) placed at (`x`, `y`).
pub(super) fn decode_command(params: &[u8], x: u32, y: u32) -> Result<Graphic, String> {
    let mut parts = params.splitn(5, |&b| b == b',');
    let format = parts.next().unwrap_or_default().trim_ascii();
    let total: usize = number(parts.next(), "binary byte count")?;
    let _field_count: usize = number(parts.next(), "graphic field count")?;
    let width_bytes: usize = number(parts.next(), "bytes per row")?;
    let data = parts.next().unwrap_or_default();
    if !format.eq_ignore_ascii_case(b"A") {
        return Err(format!(
            "format '{}' is not supported (only A)",
            String::from_utf8_lossy(format)
        ));
    }
    if width_bytes == 0 || !total.is_multiple_of(width_bytes) {
        return Err(format!(
            "{total} bytes is not a whole number of {width_bytes}-byte rows"
        ));
    }
    let data: Vec<u8> = data
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let bits = if let Some(b64) = data.strip_prefix(b":B64:") {
        decode_b64(b64)?
    } else if data.starts_with(b":Z64:") {
        return Err(":Z64: (zlib) data is not supported".into());
    } else {
        decode_ascii_hex(&data, width_bytes)?
    };
    if bits.len() != total {
        return Err(format!(
            "declared {total} bytes but the data holds {}",
            bits.len()
        ));
    }
    let to_u32 = |n: usize| u32::try_from(n).map_err(|_| "graphic too large".to_string());
    Ok(Graphic {
        x,
        y,
        width_bytes: to_u32(width_bytes)?,
        height: to_u32(total / width_bytes)?,
        bits,
    })
}

fn number(part: Option<&[u8]>, what: &str) -> Result<usize, String> {
    let raw = part.unwrap_or_default().trim_ascii();
    std::str::from_utf8(raw)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("invalid {what} '{}'", String::from_utf8_lossy(raw)))
}

fn decode_b64(data: &[u8]) -> Result<Vec<u8>, String> {
    // `:B64:<data>:<crc>`; the CRC is for the wire, not for us.
    let payload = data.split(|&b| b == b':').next().unwrap_or_default();
    base64::engine::general_purpose::STANDARD
        .decode(payload)
        .map_err(|e| format!("bad base64: {e}"))
}

/// ASCII hex, two characters per byte, rows of `width_bytes` bytes, with compression:
/// `G`–`Y` repeat the next hex digit 1–19 times, `g`–`z` 20–400 times (counts add up);
/// `,` fills the rest of the row with 0, `!` with 1s; `:` repeats the previous row.
pub(super) fn decode_ascii_hex(data: &[u8], width_bytes: usize) -> Result<Vec<u8>, String> {
    let row_digits = width_bytes * 2;
    let mut out: Vec<u8> = Vec::new();
    let mut row: Vec<u8> = Vec::with_capacity(row_digits);
    let mut previous: Option<Vec<u8>> = None;
    let mut count = 0usize;
    for (offset, &c) in data.iter().enumerate() {
        match c {
            b'G'..=b'Y' => count += usize::from(c - b'G') + 1,
            b'g'..=b'z' => count += (usize::from(c - b'g') + 1) * 20,
            b'0'..=b'9' | b'A'..=b'F' | b'a'..=b'f' => {
                let digit = hex_value(c);
                for _ in 0..count.max(1) {
                    row.push(digit);
                    if row.len() == row_digits {
                        previous = Some(finish_row(&mut row, &mut out));
                    }
                }
                count = 0;
            }
            b',' | b'!' if count == 0 => {
                let fill = if c == b',' { 0 } else { 0xF };
                row.resize(row_digits, fill);
                previous = Some(finish_row(&mut row, &mut out));
            }
            b':' if count == 0 && row.is_empty() => {
                let prev = previous
                    .as_ref()
                    .ok_or("':' repeats a row but there is none before it")?;
                out.extend_from_slice(prev);
            }
            _ => {
                return Err(format!(
                    "unexpected '{}' at offset {offset} of the graphic data",
                    char::from(c).escape_default()
                ));
            }
        }
    }
    if count != 0 {
        return Err("repeat count at the end of the data".into());
    }
    if !row.is_empty() {
        return Err(format!(
            "last row has {} of {row_digits} hex digits",
            row.len()
        ));
    }
    Ok(out)
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'F' => c - b'A' + 10,
        _ => c - b'a' + 10,
    }
}

/// Packs a row of hex digits into bytes, appends it, and returns it (for a later `:`).
fn finish_row(row: &mut Vec<u8>, out: &mut Vec<u8>) -> Vec<u8> {
    let bytes: Vec<u8> = row.chunks(2).map(|pair| (pair[0] << 4) | pair[1]).collect();
    out.extend_from_slice(&bytes);
    row.clear();
    bytes
}
