//! Pick list of a batch: what to take from which shelf, walked in location order, one row per
//! (location, SKU) with the quantities of every parcel added up.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One thing to pick for one parcel, as core lists it (unsorted, repeats allowed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickLine {
    /// Shelf location, e.g. `A-01-03`; empty when the product has none (listed last).
    pub location: String,
    pub sku: String,
    pub name: String,
    pub option: String,
    pub qty: u32,
    /// 연번 of the parcel it goes into.
    pub parcel_no: u32,
}

/// A batch to pick.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickList {
    /// Batch name shown in the title, e.g. `2025-03-14 오전 1차`.
    pub batch: String,
    /// When it was printed, as shown (`2025-03-14 09:30`).
    pub printed_at: String,
    pub lines: Vec<PickLine>,
}

/// One row of the printed list: a SKU at a location, totalled over the batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickTotal {
    pub location: String,
    pub sku: String,
    pub name: String,
    pub option: String,
    pub qty: u32,
    /// Distinct parcels it goes into, ascending.
    pub parcels: Vec<u32>,
}

impl PickList {
    /// Rows in walking order (natural order of locations, so `A-2` comes before `A-10`; no
    /// location last), then by SKU; lines of the same SKU at the same location are added up.
    pub fn totals(&self) -> Vec<PickTotal> {
        let mut out: Vec<PickTotal> = Vec::new();
        let mut lines: Vec<&PickLine> = self.lines.iter().collect();
        lines.sort_by(|a, b| {
            location_order(&a.location, &b.location).then_with(|| a.sku.cmp(&b.sku))
        });
        for l in lines {
            match out.last_mut() {
                Some(t) if t.location == l.location && t.sku == l.sku => {
                    t.qty += l.qty;
                    if !t.parcels.contains(&l.parcel_no) {
                        t.parcels.push(l.parcel_no);
                    }
                }
                _ => out.push(PickTotal {
                    location: l.location.clone(),
                    sku: l.sku.clone(),
                    name: l.name.clone(),
                    option: l.option.clone(),
                    qty: l.qty,
                    parcels: vec![l.parcel_no],
                }),
            }
        }
        for t in &mut out {
            t.parcels.sort_unstable();
        }
        out
    }

    /// Total units in the batch.
    pub fn units(&self) -> u32 {
        self.lines.iter().map(|l| l.qty).sum()
    }

    /// Distinct parcels in the batch.
    pub fn parcels(&self) -> usize {
        let mut p: Vec<u32> = self.lines.iter().map(|l| l.parcel_no).collect();
        p.sort_unstable();
        p.dedup();
        p.len()
    }
}

/// Natural order: digit runs compare as numbers; an empty location sorts last.
fn location_order(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let (ta, tb) = (tokens(a), tokens(b));
    for (x, y) in ta.iter().zip(&tb) {
        let o = match (x, y) {
            (Token::Num(x), Token::Num(y)) => x.cmp(y),
            (Token::Text(x), Token::Text(y)) => x.cmp(y),
            (Token::Num(_), Token::Text(_)) => Ordering::Less,
            (Token::Text(_), Token::Num(_)) => Ordering::Greater,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    ta.len().cmp(&tb.len()).then_with(|| a.cmp(b))
}

#[derive(Debug, PartialEq, Eq)]
enum Token {
    Num(u64),
    Text(String),
}

fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut digits = false;
    let flush = |cur: &mut String, digits: bool, out: &mut Vec<Token>| {
        if cur.is_empty() {
            return;
        }
        let t = std::mem::take(cur);
        out.push(match t.parse::<u64>() {
            Ok(n) if digits => Token::Num(n),
            _ => Token::Text(t.to_uppercase()),
        });
    };
    for c in s.chars() {
        if c.is_ascii_digit() != digits {
            flush(&mut cur, digits, &mut out);
            digits = c.is_ascii_digit();
        }
        cur.push(c);
    }
    flush(&mut cur, digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(location: &str, sku: &str, qty: u32, parcel_no: u32) -> PickLine {
        PickLine {
            location: location.into(),
            sku: sku.into(),
            name: format!("상품 {sku}"),
            option: String::new(),
            qty,
            parcel_no,
        }
    }

    #[test]
    fn rows_follow_the_shelves_and_add_up_per_sku() {
        let list = PickList {
            batch: "1차".into(),
            printed_at: String::new(),
            lines: vec![
                line("A-10-01", "S1", 1, 1),
                line("", "S9", 1, 2),
                line("A-2-05", "S2", 2, 1),
                line("A-10-01", "S1", 3, 3),
                line("B-1-01", "S3", 1, 2),
                line("A-2-05", "S2", 1, 1),
            ],
        };
        let t = list.totals();
        let got: Vec<(&str, &str, u32)> = t
            .iter()
            .map(|t| (t.location.as_str(), t.sku.as_str(), t.qty))
            .collect();
        assert_eq!(
            got,
            [
                ("A-2-05", "S2", 3),
                ("A-10-01", "S1", 4),
                ("B-1-01", "S3", 1),
                ("", "S9", 1)
            ]
        );
        assert_eq!(t[1].parcels, [1, 3]);
        assert_eq!(t[0].parcels, [1]);
        assert_eq!(list.units(), 9);
        assert_eq!(list.parcels(), 3);
    }
}
