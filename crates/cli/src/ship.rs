//! `packdesk ship`: 배송처리 by scan (`--scan`) or for a range of the list (`--range "1-3,5"`),
//! the mismatch view (`ship mismatches`, `ship fix ID`) and the claims list (`ship claims`).

use clap::{Args, Subcommand, ValueEnum};
use packdesk_core::{
    ClaimedParcel, Desk, DeskError, FixAction, Mismatch, ShipRequest, ShipSelectedReport,
};
use serde::Serialize;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ShipArgs {
    #[command(subcommand)]
    pub action: Option<ShipCommand>,
    /// The scanned waybill barcode (tracking number)
    #[arg(long, conflicts_with = "range")]
    scan: Option<String>,
    /// Ship every printed parcel of these rows of the list (선택 배송처리), e.g. "1-3, 5"
    #[arg(long)]
    range: Option<String>,
    /// The cancelled/returned lines of a partly claimed parcel were taken out of the box
    #[arg(long)]
    removed_claimed: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ShipCommand {
    /// Orders whose status here and at the shop disagree (판매처와 배송상태 불일치)
    Mismatches {
        /// Show what the last read found, without re-reading shipped orders from the shop
        #[arg(long)]
        no_recheck: bool,
        #[arg(long)]
        json: bool,
    },
    /// Fix a mismatch (its id from `ship mismatches`) with the action that applies to it
    Fix {
        id: i64,
        /// Say which fix is meant; refused if it is not the one that applies
        #[arg(long, value_enum)]
        action: Option<FixArg>,
    },
    /// Parcels not shipped with cancelled/returned/exchanged lines (클레임)
    Claims {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FixArg {
    RequeuePush,
    MarkShipped,
    RetryPush,
}

impl From<FixArg> for FixAction {
    fn from(a: FixArg) -> Self {
        match a {
            FixArg::RequeuePush => FixAction::RequeuePush,
            FixArg::MarkShipped => FixAction::MarkShipped,
            FixArg::RetryPush => FixAction::RetryPush,
        }
    }
}

fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

pub async fn run(desk: &Desk, args: ShipArgs) -> Result<(), DeskError> {
    match args.action {
        Some(ShipCommand::Mismatches { no_recheck, json }) => {
            if !no_recheck {
                let report = desk.recheck_shipped().await?;
                for s in &report.skipped_shops {
                    eprintln!("재확인 못함 / not re-checked: {s}");
                }
            }
            let list = desk.mismatches()?;
            if json {
                print_json(&list);
            } else {
                print_mismatches(&list);
            }
        }
        Some(ShipCommand::Fix { id, action }) => {
            let fixed = desk.fix_mismatch(id, action.map(FixAction::from))?;
            println!(
                "해결 / fixed: [{}] {} — {} (전송대기 queued {})",
                fixed.id,
                fixed.order_id,
                fixed.action.as_str(),
                fixed.queued
            );
        }
        Some(ShipCommand::Claims { json }) => {
            let list = desk.claimed_parcels()?;
            if json {
                print_json(&list);
            } else {
                print_claims(&list);
            }
        }
        None => match (args.scan, args.range) {
            (Some(code), _) => {
                let outcome = desk.ship(&ShipRequest {
                    code,
                    removed_claimed: args.removed_claimed,
                })?;
                if args.json {
                    print_json(&outcome);
                } else {
                    crate::output::shipped(&outcome);
                }
            }
            (None, Some(range)) => {
                let report = desk.ship_selected(&range, args.removed_claimed)?;
                if args.json {
                    print_json(&report);
                } else {
                    print_selected(&report);
                }
            }
            (None, None) => {
                return Err(DeskError::invalid(
                    "give --scan CODE or --range \"1-3,5\"",
                    "--scan 송장번호 또는 --range \"1-3,5\"를 입력하세요",
                ));
            }
        },
    }
    Ok(())
}

fn print_selected(r: &ShipSelectedReport) {
    println!(
        "선택 배송처리 / ship selected: 배송 shipped {} · 거절 refused {}",
        r.shipped, r.refused
    );
    for row in &r.rows {
        let tracking = row.tracking_no.as_deref().unwrap_or("-");
        match (&row.shipped, &row.error) {
            (Some(o), _) => println!(
                "  ✓ {}번 {tracking} {} — 주문 orders {}",
                row.no,
                o.recipient,
                o.order_ids.join(", ")
            ),
            (None, Some(e)) => println!(
                "  ✗ {}번 {tracking} [{}] {} / {}",
                row.no, e.code, e.message_ko, e.message_en
            ),
            (None, None) => println!("  ? {}번 {tracking}", row.no),
        }
    }
}

fn print_mismatches(list: &[Mismatch]) {
    if list.is_empty() {
        println!("불일치 없음 / no mismatches");
    }
    for m in list {
        let no = m.no.map_or("-".to_string(), |n| format!("{n}번"));
        println!(
            "[{}] {} {no} 판매처 shop {} — {} / {}",
            m.id, m.order_id, m.shop_status, m.detail_ko, m.detail_en
        );
        println!(
            "    해결 fix: packdesk ship fix {} ({})",
            m.id,
            m.fix.as_str()
        );
    }
}

fn print_claims(list: &[ClaimedParcel]) {
    if list.is_empty() {
        println!("클레임 없음 / no claimed parcels");
    }
    for p in list {
        let kind = if p.partly {
            "일부 클레임 / partly claimed"
        } else {
            "전체 클레임 / claimed"
        };
        let printed = if p.printed {
            "송장 출력됨 / label printed"
        } else {
            "송장 미출력 / not printed"
        };
        println!(
            "{}번 {} — {kind}, {printed}",
            p.no,
            p.tracking_no.as_deref().unwrap_or("-")
        );
        for o in &p.orders {
            let reason = o.reason.as_deref().unwrap_or("");
            let mark = if o.claimed { "✗" } else { "✓" };
            println!("    {mark} {} {reason}", o.order_id);
        }
        println!("    할 일: {}", p.todo_ko);
        println!("    to do: {}", p.todo_en);
    }
}
