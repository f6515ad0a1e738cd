//! Just enough ZPL parsing for this crate's tests: labels, their fields and `^GFA` bitmaps.
//! Fields are split here so tests can look at raw commands; `^GFA` data is decompressed by
//! packdesk-sim's printer decoder, so every bitmap a test inspects is one the printer read.

#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // test support: a panic is a test failure

use packdesk_labels::raster::Bitmap;

/// One `^FO … ^FS` field: its origin and the commands in it, `(name, args)` e.g. `("A0", "N,36,36")`.
#[derive(Debug, Clone)]
pub struct Field {
    pub x: u32,
    pub y: u32,
    pub cmds: Vec<(String, String)>,
}

impl Field {
    pub fn cmd(&self, name: &str) -> Option<&str> {
        self.cmds
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| a.as_str())
    }

    /// The `^FD` data, with `^FH` `_XX` escapes resolved.
    pub fn data(&self) -> Option<String> {
        let fd = self.cmd("FD")?;
        if self.cmd("FH").is_none() {
            return Some(fd.to_string());
        }
        let mut out = String::new();
        let mut chars = fd.chars();
        while let Some(c) = chars.next() {
            if c == '_' {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).expect("bad ^FH escape") as char);
            } else {
                out.push(c);
            }
        }
        Some(out)
    }
}

/// One `^XA … ^XZ` format: the commands outside fields and the fields.
#[derive(Debug, Default)]
pub struct Label {
    pub setup: Vec<(String, String)>,
    pub fields: Vec<Field>,
}

impl Label {
    pub fn setup(&self, name: &str) -> Option<&str> {
        self.setup
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| a.as_str())
    }

    pub fn graphics(&self) -> Vec<(u32, u32, Bitmap)> {
        self.fields
            .iter()
            .filter_map(|f| f.cmd("GF").map(|a| (f.x, f.y, gfa(a))))
            .collect()
    }

    pub fn data_with(&self, cmd: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|f| f.cmd(cmd).is_some())
            .filter_map(Field::data)
            .collect()
    }
}

/// Splits ZPL into labels. Panics (failing the test) on anything malformed.
pub fn parse(zpl: &[u8]) -> Vec<Label> {
    let text = std::str::from_utf8(zpl).expect("ZPL is UTF-8 (^CI28)");
    let mut labels = Vec::new();
    let mut label: Option<Label> = None;
    let mut field: Option<Field> = None;
    for raw in text.split('^').skip(1) {
        let (name, args) = raw.split_at(2.min(raw.len()));
        // Line breaks between commands are cosmetic; inside ^FD they would be printed.
        let args = if name == "FD" {
            args.to_string()
        } else {
            args.trim_end().to_string()
        };
        match name {
            "XA" => {
                assert!(label.is_none(), "^XA inside a label");
                label = Some(Label::default());
            }
            "XZ" => {
                assert!(field.is_none(), "^XZ inside a field");
                labels.push(label.take().expect("^XZ without ^XA"));
            }
            "FO" => {
                assert!(field.is_none(), "^FO inside a field");
                let (x, y) = args.split_once(',').expect("^FOx,y");
                field = Some(Field {
                    x: x.parse().expect("x"),
                    y: y.parse().expect("y"),
                    cmds: Vec::new(),
                });
            }
            "FS" => {
                let f = field.take().expect("^FS without ^FO");
                label.as_mut().expect("field outside label").fields.push(f);
            }
            _ => match field.as_mut() {
                Some(f) => f.cmds.push((name.to_string(), args)),
                None => label
                    .as_mut()
                    .expect("command outside ^XA..^XZ")
                    .setup
                    .push((name.to_string(), args)),
            },
        }
    }
    assert!(label.is_none(), "missing ^XZ");
    labels
}

/// Decodes `^GF` arguments `A,b,c,r,DATA` (compressed ASCII hex) with the virtual printer's
/// decoder and checks the header: `b` = `c` = the uncompressed byte count, whole rows of `r`.
pub fn gfa(args: &str) -> Bitmap {
    let mut parts = args.splitn(5, ',');
    let kind = parts.next().unwrap();
    assert_eq!(kind, "A", "ASCII hex graphic");
    let b: usize = parts.next().unwrap().parse().unwrap();
    let c: usize = parts.next().unwrap().parse().unwrap();
    let r: usize = parts.next().unwrap().parse().unwrap();
    assert_eq!(b, c, "binary byte count equals field count for ^GFA");
    assert!(
        r > 0 && b.is_multiple_of(r),
        "{b} bytes is not whole rows of {r}"
    );
    // The decoder checks that the data expands to exactly `b` bytes.
    let one = format!("^XA^FO0,0^GF{args}^FS^XZ");
    let labels = packdesk_sim::printer::zpl::decode(one.as_bytes())
        .unwrap_or_else(|e| panic!("printer cannot read ^GF{args}: {e}"));
    let g = &labels[0].graphics[0];
    assert_eq!((g.width_bytes as usize, g.height as usize), (r, b / r));
    // The width is not carried by ^GF; the bitmap's own width is bytes_per_row × 8 at most.
    Bitmap {
        width: (r * 8) as u32,
        height: (b / r) as u32,
        bytes_per_row: r as u32,
        bits: g.bits.clone(),
    }
}

/// Does `needle`'s inked area occur anywhere in `hay` (exact pixels inside the needle's ink box)?
pub fn contains_image(hay: &Bitmap, needle: &Bitmap) -> bool {
    let Some((nx0, ny0, nx1, ny1)) = ink_box(needle) else {
        return false;
    };
    let (w, h) = (nx1 - nx0 + 1, ny1 - ny0 + 1);
    if w > hay.width || h > hay.height {
        return false;
    }
    for oy in 0..=hay.height - h {
        for ox in 0..=hay.width - w {
            let hit = (0..h)
                .all(|y| (0..w).all(|x| hay.get(ox + x, oy + y) == needle.get(nx0 + x, ny0 + y)));
            if hit {
                return true;
            }
        }
    }
    false
}

fn ink_box(b: &Bitmap) -> Option<(u32, u32, u32, u32)> {
    let mut bx: Option<(u32, u32, u32, u32)> = None;
    for y in 0..b.height {
        for x in 0..b.width {
            if b.get(x, y) {
                bx = Some(match bx {
                    None => (x, y, x, y),
                    Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
                });
            }
        }
    }
    bx
}

/// Is `bmp` exactly what ZPL carries for `expected` (same rows, same bytes — ^GF pads rows to
/// whole bytes)?
pub fn same_bitmap(field: &Bitmap, expected: &Bitmap) -> bool {
    field.height == expected.height
        && field.bytes_per_row == expected.bytes_per_row
        && field.bits == expected.bits
}
