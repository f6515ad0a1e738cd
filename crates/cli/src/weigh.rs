//! `packdesk weigh` and `packdesk fee settings|flagged`: weighing a parcel at the desk and the
//! owner's view of international fees. Thin calls into packdesk-core; printing only.

use clap::Args;
use packdesk_core::{
    Desk, DeskError, FeeFlagRow, FeeSettings, FeeSettingsUpdate, WeighOutcome, WeighRequest,
};

use crate::fee::FeeCommand;

#[derive(Args)]
pub struct WeighArgs {
    /// The parcel: no:12 (연번), a tracking number or the scanned waybill
    parcel: String,
    /// Weight: 1250, 1250g or 1.25kg [default: the station scale's stable weight]
    #[arg(long)]
    weight: Option<String>,
    /// Box size L×W×H: 30x20x10cm or 300x200x100mm
    #[arg(long)]
    dims: Option<String>,
    /// ems | kpacket | express [default: the shop's service]
    #[arg(long)]
    service: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn weigh(desk: &Desk, args: WeighArgs) -> Result<(), DeskError> {
    let grams = args
        .weight
        .as_deref()
        .map(|w| {
            packdesk_fees::parse_weight_g(w).ok_or_else(|| {
                DeskError::invalid(
                    format!("weight {w:?}: write 1250, 1250g or 1.25kg"),
                    format!("무게 {w:?}: 1250, 1250g 또는 1.25kg 형식으로 쓰세요"),
                )
            })
        })
        .transpose()?;
    let outcome = desk.weigh_parcel(WeighRequest {
        parcel: args.parcel,
        grams,
        dims: args.dims,
        service: args.service,
    })?;
    if args.json {
        json(&outcome);
    } else {
        print_outcome(&outcome);
    }
    Ok(())
}

/// `packdesk fee settings …` / `packdesk fee flagged`.
pub fn fee_command(desk: &Desk, action: FeeCommand) -> Result<(), DeskError> {
    match action {
        FeeCommand::Settings {
            tolerance,
            export_declaration,
            json: as_json,
        } => {
            let s = if tolerance.is_some() || export_declaration.is_some() {
                desk.set_fee_settings(FeeSettingsUpdate {
                    tolerance,
                    export_declaration_krw: export_declaration,
                })?
            } else {
                desk.fee_settings()?
            };
            if as_json {
                json(&s);
            } else {
                print_settings(&s);
            }
        }
        FeeCommand::Flagged { json: as_json } => {
            let rows = desk.undercharged_parcels()?;
            if as_json {
                json(&rows);
            } else {
                print_flagged(&rows);
            }
        }
    }
    Ok(())
}

fn json<T: serde::Serialize>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

fn print_outcome(w: &WeighOutcome) {
    let kind = if w.domestic {
        "국내 domestic"
    } else {
        "해외 international"
    };
    println!(
        "{}번 택배 parcel {} · {} · {} · {}",
        w.no,
        w.parcel_id,
        packdesk_fees::fmt_kg(w.grams),
        w.country,
        kind
    );
    if let Some(r) = &w.refused {
        println!("  ✗ 접수 불가 refused [{}] {}", r.code, r.message_ko);
        println!("    {}", r.message_en);
    }
    if let Some(q) = &w.quote {
        println!(
            "  {} / {} ({})",
            q.service_name_ko, q.service_name_en, q.data_status
        );
        for l in &q.lines {
            println!(
                "    {} / {}: {} KRW",
                l.label_ko,
                l.label_en,
                packdesk_fees::group_thousands(l.krw)
            );
        }
        println!(
            "  배송비 fee: {} KRW = {}",
            packdesk_fees::group_thousands(q.total_krw),
            q.total_shop.display
        );
    }
    let paid_krw = w
        .paid_krw
        .map(|k| format!(" = {} KRW", packdesk_fees::group_thousands(k)))
        .unwrap_or_else(|| " (환율 없음 / no exchange rate)".into());
    println!("  고객 결제 배송비 paid: {}{paid_krw}", w.paid.display);
    if let Some(short) = w.undercharged_krw {
        println!(
            "  ⚠ 배송비 부족 undercharged: {} KRW",
            packdesk_fees::group_thousands(short)
        );
    }
    if let Some(o) = &w.save_weight {
        let current = o
            .current_grams
            .map(packdesk_fees::fmt_kg)
            .unwrap_or_else(|| "없음 none".into());
        println!(
            "  상품 무게 저장? save weight? {} ({}): {current} → {}  (packdesk product weight {} {})",
            o.sku,
            o.name,
            packdesk_fees::fmt_kg(o.grams),
            o.sku,
            o.grams
        );
    }
}

fn print_settings(s: &FeeSettings) {
    println!("허용 오차 tolerance: {}", s.tolerance);
    println!(
        "수출신고 수수료 export declaration: {} KRW",
        packdesk_fees::group_thousands(s.export_declaration_krw)
    );
}

fn print_flagged(rows: &[FeeFlagRow]) {
    if rows.is_empty() {
        println!("표시된 택배 없음 / no flagged parcels");
        return;
    }
    for r in rows {
        let no = r.no.map_or_else(|| "-".to_string(), |n| n.to_string());
        println!(
            "[{no}] {} {} · {}",
            r.tracking_no.as_deref().unwrap_or("-"),
            r.flag,
            r.message_ko
        );
        println!("      {}", r.message_en);
    }
}
