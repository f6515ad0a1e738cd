//! `packdesk orders add|template|import|batches|delete-batch`: 주문등록 — orders from channels other
//! than Cafe24, typed on the command line or uploaded as an Excel/CSV batch (preview without
//! `--apply`, like `invoice import`).

use std::path::PathBuf;

use clap::Subcommand;
use packdesk_core::{Desk, DeskError, EntryIssue, EntryLine, OrderEntry, OrderFilePreview};

#[derive(Subcommand)]
pub enum OrdersCommand {
    /// Register one order by hand (주문등록)
    Add(Box<AddArgs>),
    /// Write the Excel template for 주문엑셀등록
    Template {
        /// Where to write it (.xlsx)
        file: PathBuf,
    },
    /// Read an order file (XLSX/XLS/CSV) and show every row's check; stores only with --apply
    Import {
        file: PathBuf,
        /// Channel for rows without a 판매처 value (스마트스토어, 쿠팡, 전화주문 …)
        #[arg(long)]
        channel: Option<String>,
        /// Store every order as one batch (refused if any row is bad)
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Uploaded batches
    Batches {
        #[arg(long)]
        json: bool,
    },
    /// Delete a batch with its orders (only while none was invoiced, printed or shipped)
    DeleteBatch { id: i64 },
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// 판매처: 스마트스토어, 쿠팡, 전화주문, 직접입력 …
    #[arg(long)]
    channel: String,
    /// The channel's order id [default: generated, M + date + number]
    #[arg(long)]
    order_id: Option<String>,
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    mobile: String,
    #[arg(long, default_value = "")]
    zipcode: String,
    #[arg(long)]
    address: String,
    #[arg(long, default_value = "")]
    address2: String,
    #[arg(long, default_value = "")]
    message: String,
    /// Two-letter country code [default: KR]
    #[arg(long, default_value = "")]
    country: String,
    /// A line: "NAME|OPTION|QTY[|SKU[|UNIT_PRICE]]" (repeat for several lines)
    #[arg(long = "item", required = true)]
    items: Vec<String>,
    #[arg(long, default_value_t = 0)]
    shipping_fee: i64,
    #[arg(long)]
    json: bool,
}

fn parse_item(text: &str) -> Result<EntryLine, DeskError> {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    let bad = || {
        DeskError::invalid(
            format!("--item '{text}': use \"NAME|OPTION|QTY[|SKU[|UNIT_PRICE]]\""),
            format!("--item '{text}': \"상품명|옵션|수량[|SKU[|단가]]\" 형식으로 입력하세요"),
        )
    };
    if parts.len() < 3 || parts.len() > 5 {
        return Err(bad());
    }
    let quantity = parts[2].parse::<i64>().map_err(|_| bad())?;
    let unit_price = match parts.get(4) {
        Some(p) if !p.is_empty() => p.parse::<i64>().map_err(|_| bad())?,
        _ => 0,
    };
    Ok(EntryLine {
        product_name: parts[0].to_string(),
        option_text: parts[1].to_string(),
        sku: parts
            .get(3)
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string()),
        quantity,
        unit_price,
    })
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

fn issue_line(i: &EntryIssue) -> String {
    format!(
        "{}행 [{}] {}: {} / {}",
        i.row.map(|r| r.to_string()).unwrap_or_default(),
        i.code,
        i.column,
        i.message_ko,
        i.message_en
    )
}

fn print_preview(p: &OrderFilePreview) {
    println!(
        "{} ({}): 주문 {}건, 행 {}개, 오류 행 {}개 / {} orders, {} rows, {} bad",
        p.file_name, p.kind, p.orders, p.lines, p.bad_rows, p.orders, p.lines, p.bad_rows
    );
    for i in &p.issues {
        println!("  {}", issue_line(i));
    }
}

pub fn run(desk: &Desk, cmd: OrdersCommand) -> Result<(), DeskError> {
    match cmd {
        OrdersCommand::Add(a) => {
            let lines = a
                .items
                .iter()
                .map(|t| parse_item(t))
                .collect::<Result<Vec<_>, _>>()?;
            let entry = OrderEntry {
                channel: a.channel,
                order_id: a.order_id,
                name: a.name,
                phone: a.phone,
                mobile: a.mobile,
                zipcode: a.zipcode,
                address1: a.address,
                address2: a.address2,
                message: a.message,
                country: a.country,
                lines,
                shipping_fee: a.shipping_fee,
            };
            let r = desk.register_order(&entry)?;
            if a.json {
                print_json(&r);
            } else {
                println!(
                    "주문등록 / registered: {} ({}) → parcel {}{} · {}",
                    r.order_id,
                    r.channel,
                    r.parcel_id,
                    if r.merged { " 합포 / merged" } else { "" },
                    r.stage.as_str()
                );
                if r.unmatched_lines > 0 {
                    println!(
                        "  매칭 필요 / to match: {} line(s) without a SKU",
                        r.unmatched_lines
                    );
                }
            }
        }
        OrdersCommand::Template { file } => {
            desk.order_template(&file)?;
            println!("양식 저장 / template written: {}", file.display());
        }
        OrdersCommand::Import {
            file,
            channel,
            apply,
            json,
        } => {
            let import = desk.import_order_file(&file, channel.as_deref(), apply)?;
            if json {
                print_json(&import);
            } else {
                print_preview(&import.preview);
                match &import.batch {
                    Some(b) => println!(
                        "등록 완료 / registered: batch {} — {} orders, {} lines",
                        b.id, b.orders, b.lines
                    ),
                    None if import.preview.can_apply => {
                        println!("미리보기 / preview only: add --apply to register")
                    }
                    None => println!(
                        "오류를 고친 뒤 다시 올리세요 / fix the rows above and import again"
                    ),
                }
            }
        }
        OrdersCommand::Batches { json } => {
            let batches = desk.order_batches()?;
            if json {
                print_json(&batches);
            } else if batches.is_empty() {
                println!("등록 묶음 없음 / no batches");
            } else {
                for b in batches {
                    println!(
                        "[{}] {} · {} · 주문 {} / 행 {} · {}",
                        b.id, b.file_name, b.channel, b.orders, b.lines, b.created_at
                    );
                }
            }
        }
        OrdersCommand::DeleteBatch { id } => {
            let d = desk.delete_order_batch(id)?;
            println!(
                "삭제 / deleted: batch {} — {} orders, {} parcels",
                d.id, d.orders_deleted, d.parcels_deleted
            );
        }
    }
    Ok(())
}
