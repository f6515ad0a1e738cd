//! `packdesk returns receive|list`: 반품 입고 — a returned parcel scanned back in, its window and
//! who pays the return shipping, every line restocked or written off.

use clap::Subcommand;
use packdesk_core::{
    Desk, DeskError, Disposition, Payer, ReturnReason, ReturnRecord, ReturnRequest,
};

#[derive(Subcommand)]
pub enum ReturnsCommand {
    /// Take a returned parcel in (its waybill, parcel code P0000123 or an order id)
    Receive {
        code: String,
        /// change-of-mind (7 days, customer pays) | defect | wrong-item (3 months, seller pays)
        #[arg(long)]
        reason: String,
        /// Put every line back in stock
        #[arg(
            long,
            conflicts_with = "write_off",
            required_unless_present = "write_off"
        )]
        restock: bool,
        /// Write every line off (recorded in the ledger; stock unchanged)
        #[arg(long)]
        write_off: bool,
        #[arg(long)]
        json: bool,
    },
    /// Returns received, newest first
    List {
        #[arg(long)]
        json: bool,
    },
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

fn print_record(r: &ReturnRecord) {
    let window = if r.within_window {
        "기간 내 / within the window"
    } else {
        "기간 지남 / past the window"
    };
    let payer = match r.payer {
        Payer::Customer => "고객 부담 / customer pays",
        Payer::Seller => "판매자 부담 / seller pays",
    };
    println!(
        "[{}] {} {} · {} · 출고 {} 기준 {}일 (~{}) {} · 반품배송비 {}",
        r.id,
        r.tracking_no.as_deref().unwrap_or(&r.scanned_code),
        r.reason.as_str(),
        r.received_at,
        r.shipped_at,
        r.window_days,
        r.window_ends_at,
        window,
        payer
    );
    for l in &r.lines {
        let what = match l.disposition {
            Some(Disposition::Restock) => "재입고 / restocked",
            _ => "폐기 / written off",
        };
        println!(
            "    {} {} ({}) ×{} — {}",
            l.order_id, l.product_name, l.option_text, l.quantity, what
        );
    }
}

pub fn run(desk: &Desk, cmd: ReturnsCommand) -> Result<(), DeskError> {
    match cmd {
        ReturnsCommand::Receive {
            code,
            reason,
            restock,
            json,
            ..
        } => {
            let reason = ReturnReason::parse(&reason).ok_or_else(|| {
                DeskError::invalid(
                    format!("--reason '{reason}': change-of-mind, defect or wrong-item"),
                    format!("--reason '{reason}': change-of-mind(단순변심), defect(불량), wrong-item(오배송) 중 하나"),
                )
            })?;
            let r = desk.receive_return(&ReturnRequest {
                code,
                reason,
                disposition: if restock {
                    Disposition::Restock
                } else {
                    Disposition::WriteOff
                },
                per_line: Vec::new(),
            })?;
            if json {
                print_json(&r);
            } else {
                print_record(&r);
                println!(
                    "  반품 기간은 출고일부터 계산합니다 (배송완료일은 알 수 없음) / the window counts from shipping, not delivery"
                );
            }
        }
        ReturnsCommand::List { json } => {
            let all = desk.returns()?;
            if json {
                print_json(&all);
            } else if all.is_empty() {
                println!("반품 없음 / no returns");
            } else {
                all.iter().for_each(print_record);
            }
        }
    }
    Ok(())
}
