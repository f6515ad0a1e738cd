//! `packdesk match`: 매칭 — the lines waiting for a SKU, matching them by hand (remembered for next
//! time), the SKU search, the remembered mappings, mapping files, and bundles (세트상품).

use std::path::PathBuf;

use clap::Subcommand;
use packdesk_core::{
    BundleComponentInput, BundleInfo, Desk, DeskError, MappingImport, MatchTarget,
};
use serde::Serialize;

#[derive(Subcommand)]
pub enum MatchCommand {
    /// Lines waiting for a SKU, grouped by product name + option (매칭 대기)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Match the waiting lines of a product name (or one line, `item:ID`) to a SKU
    Set {
        /// The product name as on the order, or `item:ID` for one line (ids in `match list --json`)
        name_or_item: String,
        /// SKU code, 품목코드 or barcode
        sku: String,
        /// The option text as on the order (e.g. "색상=화이트, 사이즈=L"; any order)
        #[arg(long)]
        option: Option<String>,
        /// Match without remembering: only these lines, not the next ones
        #[arg(long)]
        no_remember: bool,
    },
    /// Search the SKU list by SKU code, barcode, product name or option
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// The remembered name+option → SKU mappings
    Mappings {
        #[arg(long)]
        json: bool,
    },
    /// Forget a remembered mapping (lines it matched keep their SKU)
    Forget { id: i64 },
    /// Point a remembered mapping at another SKU
    Edit { id: i64, sku: String },
    /// Upload mappings from a file (columns 상품명, 옵션, SKU): preview, or write with --apply
    Import {
        file: PathBuf,
        /// Write every valid row (in one transaction); without it nothing is written
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Make a SKU a bundle (세트상품) of components: --component SKU:COUNT (repeat)
    Bundle {
        sku: String,
        #[arg(long = "component", required = true, value_parser = parse_component)]
        components: Vec<BundleComponentInput>,
    },
    /// Turn a bundle back into a plain SKU
    Unbundle { sku: String },
    /// The bundles and their components
    Bundles {
        #[arg(long)]
        json: bool,
    },
}

/// `SKU:COUNT`, or `SKU` for one.
fn parse_component(text: &str) -> Result<BundleComponentInput, String> {
    let (sku, count) = match text.rsplit_once(':') {
        Some((sku, count)) => (
            sku,
            count.trim().parse::<i64>().map_err(|_| {
                format!("'{count}' is not a count (SKU:COUNT, e.g. P000000A000A:2)")
            })?,
        ),
        None => (text, 1),
    };
    if sku.trim().is_empty() {
        return Err("empty SKU (SKU:COUNT)".into());
    }
    Ok(BundleComponentInput {
        sku: sku.trim().to_string(),
        count,
    })
}

/// `item:ID` (or a bare number without --option) names one line; anything else a product name.
fn target(name_or_item: &str, option: Option<String>) -> MatchTarget {
    if option.is_none() {
        let id = name_or_item
            .strip_prefix("item:")
            .unwrap_or(name_or_item)
            .trim();
        if let Ok(item_id) = id.parse::<i64>() {
            return MatchTarget::Item { item_id };
        }
    }
    MatchTarget::Group {
        product_name: name_or_item.to_string(),
        option_text: option.unwrap_or_default(),
    }
}

fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

pub fn run(desk: &Desk, cmd: MatchCommand) -> Result<(), DeskError> {
    match cmd {
        MatchCommand::List { json } => {
            let groups = desk.unmatched_groups()?;
            if json {
                print_json(&groups);
                return Ok(());
            }
            if groups.is_empty() {
                println!("매칭 대기 없음 / nothing waiting for a SKU");
            }
            for g in &groups {
                println!(
                    "item:{}  {} [{}]  {}줄·주문 {}건·수량 {} / {} line(s), {} order(s), qty {}  ({})",
                    g.first_item_id,
                    g.product_name,
                    g.option_text,
                    g.lines,
                    g.orders,
                    g.quantity,
                    g.lines,
                    g.orders,
                    g.quantity,
                    g.channels.join(", ")
                );
                if let (Some(ko), Some(en)) = (&g.flag_ko, &g.flag_en) {
                    println!("    ⚠ {ko}\n      {en}");
                }
            }
        }
        MatchCommand::Set {
            name_or_item,
            sku,
            option,
            no_remember,
        } => {
            let r = desk.match_line(&target(&name_or_item, option), &sku, !no_remember)?;
            println!(
                "매칭됨 / matched: {} [{}] → {}: {} line(s), {} parcel(s) re-planned, {} ready{}",
                r.product_name,
                r.option_text,
                r.sku,
                r.matched_lines,
                r.parcels,
                r.ready,
                match r.mapping_id {
                    Some(id) => format!(" — 기억함 / remembered (mapping {id})"),
                    None => String::new(),
                }
            );
        }
        MatchCommand::Search { query, limit, json } => {
            let hits = desk.search_skus(&query, limit)?;
            if json {
                print_json(&hits);
                return Ok(());
            }
            if hits.is_empty() {
                println!("검색 결과 없음 / no SKU found");
            }
            for h in &hits {
                println!(
                    "{}  {} [{}]  재고/stock {} (가용/available {}){}{}",
                    h.sku,
                    h.product_name,
                    h.option_text,
                    h.on_hand,
                    h.available,
                    if h.bundle { "  세트/bundle" } else { "" },
                    if h.linked_option {
                        "  ⚠ 상품 연동형/linked option"
                    } else {
                        ""
                    }
                );
            }
        }
        MatchCommand::Mappings { json } => {
            let mappings = desk.sku_mappings()?;
            if json {
                print_json(&mappings);
                return Ok(());
            }
            if mappings.is_empty() {
                println!("기억된 매칭 없음 / no remembered mappings");
            }
            for m in &mappings {
                println!(
                    "[{}] {} [{}] → {} ({} [{}])  {}",
                    m.id,
                    m.product_name,
                    m.option_text,
                    m.sku,
                    m.sku_product_name,
                    m.sku_option_text,
                    m.source
                );
            }
        }
        MatchCommand::Forget { id } => {
            desk.delete_mapping(id)?;
            println!("매칭 정보 삭제 / mapping {id} forgotten");
        }
        MatchCommand::Edit { id, sku } => {
            let m = desk.edit_mapping(id, &sku)?;
            println!(
                "매칭 변경 / mapping {}: {} [{}] → {}",
                m.id, m.product_name, m.option_text, m.sku
            );
        }
        MatchCommand::Import { file, apply, json } => {
            let report = desk.import_mappings(&file, apply)?;
            if json {
                print_json(&report);
            } else {
                print_import(&report);
            }
        }
        MatchCommand::Bundle { sku, components } => {
            let b = desk.set_bundle(&sku, &components)?;
            println!("세트상품 저장 / bundle set:");
            print_bundle(&b);
        }
        MatchCommand::Unbundle { sku } => {
            desk.delete_bundle(&sku)?;
            println!("세트 해제 / {sku} is no longer a bundle");
        }
        MatchCommand::Bundles { json } => {
            let bundles = desk.bundles()?;
            if json {
                print_json(&bundles);
                return Ok(());
            }
            if bundles.is_empty() {
                println!("세트상품 없음 / no bundles");
            }
            for b in &bundles {
                print_bundle(b);
            }
        }
    }
    Ok(())
}

fn print_bundle(b: &BundleInfo) {
    println!("{}  {} [{}]", b.sku, b.product_name, b.option_text);
    for c in &b.components {
        println!(
            "    × {}  {}  {} [{}]  가용/available {}",
            c.count, c.sku, c.product_name, c.option_text, c.available
        );
    }
}

fn print_import(r: &MappingImport) {
    for row in &r.rows {
        println!(
            "{:>5}행  {:<18}  {} [{}] → {}{}",
            row.row_no,
            row.outcome.code(),
            row.product_name,
            row.option_text,
            row.sku,
            match (&row.detail_ko, &row.detail_en) {
                (Some(ko), Some(en)) => format!("  — {ko} / {en}"),
                _ => String::new(),
            }
        );
    }
    if r.applied {
        println!(
            "적용됨 / applied: {} 정상, {} 실패 / {} ok, {} failed; {} written, {} waiting line(s) matched",
            r.ok, r.failed, r.ok, r.failed, r.written, r.matched_lines
        );
    } else {
        println!(
            "미리보기 / preview: {} 정상, {} 실패 / {} ok, {} failed — 아무것도 저장하지 않았습니다; --apply 로 정상 행을 저장 / nothing written; --apply writes the ok rows",
            r.ok, r.failed, r.ok, r.failed
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_and_targets_parse() {
        let c = parse_component("P000000A000A:2").unwrap();
        assert_eq!((c.sku.as_str(), c.count), ("P000000A000A", 2));
        assert_eq!(parse_component("X").unwrap().count, 1);
        assert!(parse_component("X:two").is_err());
        assert_eq!(target("item:12", None), MatchTarget::Item { item_id: 12 });
        assert_eq!(
            target("12", Some("색상=블랙".into())),
            MatchTarget::Group {
                product_name: "12".into(),
                option_text: "색상=블랙".into()
            }
        );
    }
}
