//! Stock (재고) and goods (상품) as FASSTO lists them (reference §1.5).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::de;

/// One stock line. FASSTO can list a good more than once (per warehouse or
/// lot), so sum with [`available_by_cst_god_cd`] for a per-SKU figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockRow {
    pub wh_cd: Option<String>,
    /// FASSTO's code (e.g. `00000IBA00001`).
    pub god_cd: String,
    /// The shop's SKU.
    pub cst_god_cd: String,
    pub god_nm: String,
    pub god_barcd: Option<String>,
    /// 재고수량.
    pub stock_qty: i64,
    /// 불용재고.
    pub bad_stock_qty: i64,
    /// 주문가능수량 — what an outbound request can still take.
    pub can_stock_qty: i64,
    /// 유통기한 of this lot, when FASSTO manages one.
    pub dist_term_dt: Option<String>,
}

/// Orderable quantity per `cstGodCd`, summed over warehouses and lots.
pub fn available_by_cst_god_cd(rows: &[StockRow]) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for row in rows {
        *out.entry(row.cst_god_cd.clone()).or_insert(0) += row.can_stock_qty;
    }
    out
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireStock {
    #[serde(default, deserialize_with = "de::opt_string")]
    wh_cd: Option<String>,
    #[serde(default, deserialize_with = "de::string")]
    god_cd: String,
    #[serde(default, deserialize_with = "de::string")]
    cst_god_cd: String,
    #[serde(default, deserialize_with = "de::string")]
    god_nm: String,
    #[serde(default, deserialize_with = "de::opt_string")]
    god_barcd: Option<String>,
    #[serde(default, deserialize_with = "de::i64_or_zero")]
    stock_qty: i64,
    #[serde(default, deserialize_with = "de::i64_or_zero")]
    bad_stock_qty: i64,
    #[serde(default, deserialize_with = "de::i64_or_zero")]
    can_stock_qty: i64,
    #[serde(default, deserialize_with = "de::opt_string")]
    dist_term_dt: Option<String>,
}

impl From<WireStock> for StockRow {
    fn from(w: WireStock) -> StockRow {
        StockRow {
            wh_cd: w.wh_cd,
            god_cd: w.god_cd,
            cst_god_cd: w.cst_god_cd,
            god_nm: w.god_nm,
            god_barcd: w.god_barcd,
            stock_qty: w.stock_qty,
            bad_stock_qty: w.bad_stock_qty,
            can_stock_qty: w.can_stock_qty,
            dist_term_dt: w.dist_term_dt,
        }
    }
}

/// A good registered in FMS; `cst_god_cd` is what Packdesk matches its SKUs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FmsGoods {
    pub god_cd: String,
    pub cst_god_cd: String,
    pub god_nm: String,
    pub god_barcd: Option<String>,
    /// 상품유형: 1 단일, 2 모음, 3 세트, 4 대표상품.
    pub god_type: Option<String>,
    /// 01 본품, 02 사은품, 03 부자재.
    pub gift_div: Option<String>,
    /// `useYn == "Y"`; `None` when FASSTO leaves it out.
    pub in_use: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireGoods {
    #[serde(default, deserialize_with = "de::string")]
    god_cd: String,
    #[serde(default, deserialize_with = "de::string")]
    cst_god_cd: String,
    #[serde(default, deserialize_with = "de::string")]
    god_nm: String,
    #[serde(default, deserialize_with = "de::opt_string")]
    god_barcd: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    god_type: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    gift_div: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    use_yn: Option<String>,
}

impl From<WireGoods> for FmsGoods {
    fn from(w: WireGoods) -> FmsGoods {
        FmsGoods {
            god_cd: w.god_cd,
            cst_god_cd: w.cst_god_cd,
            god_nm: w.god_nm,
            god_barcd: w.god_barcd,
            god_type: w.god_type,
            gift_div: w.gift_div,
            in_use: w.use_yn.map(|y| y.eq_ignore_ascii_case("Y")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_stock_item_parses_and_sums() {
        let json = r#"{"whCd":"TEST","godCd":"00000IBA00001","cstGodCd":"IBA00001","godNm":"테스트상품",
            "distTermDt":"","godBarcd":"IBA00001","stockQty":10000,"badStockQty":0,"canStockQty":9999,
            "giftDiv":"01","goodsSerialNo":[],"slipNo":"TESTIO260113000001"}"#;
        let row: StockRow = serde_json::from_str::<WireStock>(json).unwrap().into();
        assert_eq!(row.can_stock_qty, 9999);
        assert_eq!(row.dist_term_dt, None);
        let mut other = row.clone();
        other.can_stock_qty = 1;
        other.wh_cd = Some("ICN".into());
        let sums = available_by_cst_god_cd(&[row, other]);
        assert_eq!(sums.get("IBA00001"), Some(&10000));
    }

    #[test]
    fn goods_numbers_as_strings_parse() {
        let json = r#"{"godCd":"943881","godType":"1","godNm":"테스트 상품1","cstGodCd":1,"godBarcd":"","useYn":"Y"}"#;
        let g: FmsGoods = serde_json::from_str::<WireGoods>(json).unwrap().into();
        assert_eq!(g.cst_god_cd, "1");
        assert_eq!(g.god_barcd, None);
        assert_eq!(g.in_use, Some(true));
    }
}
