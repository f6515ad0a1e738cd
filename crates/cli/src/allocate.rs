//! `packdesk allocate` (할당: re-allocation under a policy, the 재고부족 list, 미할당주문나누기) and
//! `packdesk stock` (counts by hand, a SKU's ledger).

use clap::{Args, Subcommand};
use packdesk_core::{
    AllocationPolicy, AllocationReport, BackorderParcel, Desk, DeskError, Priority, ServiceOrder,
    SplitOutcome,
};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AllocateArgs {
    #[command(subcommand)]
    action: Option<AllocateCommand>,
    /// Order of service: full-first (fully shippable parcels first) or partial [default: the saved setting]
    #[arg(long, value_parser = parse_order)]
    policy: Option<ServiceOrder>,
    /// Priority within a pass: date, seller, quantity or amount [default: the saved setting]
    #[arg(long, value_parser = parse_priority)]
    priority: Option<Priority>,
    /// Save --policy/--priority as the shop-wide setting
    #[arg(long)]
    save: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum AllocateCommand {
    /// 미할당주문나누기: ship the allocated lines of a 재고부족 parcel now, the rest waits in a new parcel
    Split {
        /// 연번 of the parcel in the list
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        no: Option<u32>,
        /// Every 재고부족 parcel holding stock for some lines
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// The 재고부족 parcels and their short lines (SKU, need, available)
    Backorders {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum StockCommand {
    /// Stock per SKU (on hand, allocated, available)
    List {
        /// Only SKUs whose code, product name or option contains this
        #[arg(default_value = "")]
        query: String,
        #[arg(long, default_value_t = 200)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Set a SKU's counted stock (ledger kind adjust); waiting parcels are re-planned
    Set {
        /// SKU, 품목코드 or barcode
        sku: String,
        qty: i64,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// A SKU's stock movements, newest first
    Ledger {
        sku: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

fn parse_order(s: &str) -> Result<ServiceOrder, String> {
    s.parse()
        .map_err(|e: packdesk_core::AllocationError| e.to_string())
}

fn parse_priority(s: &str) -> Result<Priority, String> {
    s.parse()
        .map_err(|e: packdesk_core::AllocationError| e.to_string())
}

fn json<T: serde::Serialize>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

pub fn run(desk: &Desk, args: AllocateArgs) -> Result<(), DeskError> {
    match args.action {
        Some(AllocateCommand::Split {
            no,
            all,
            json: as_json,
        }) => {
            let outcomes = match (no, all) {
                (_, true) => desk.split_all_unallocated()?,
                (Some(no), false) => vec![desk.split_unallocated(no)?],
                (None, false) => Vec::new(),
            };
            if as_json {
                json(&outcomes);
            } else {
                print_splits(&outcomes);
            }
        }
        Some(AllocateCommand::Backorders { json: as_json }) => {
            let list = desk.backorders()?;
            if as_json {
                json(&list);
            } else {
                print_backorders(&list);
            }
        }
        None => {
            let policy = if args.policy.is_none() && args.priority.is_none() {
                None
            } else {
                let saved = desk.allocation_policy()?;
                Some(AllocationPolicy {
                    order: args.policy.unwrap_or(saved.order),
                    priority: args.priority.unwrap_or(saved.priority),
                })
            };
            if args.save
                && let Some(p) = policy
            {
                desk.set_allocation_policy(p)?;
            }
            let report = desk.allocate(policy)?;
            if args.json {
                json(&report);
            } else {
                print_report(&report);
            }
        }
    }
    Ok(())
}

pub fn run_stock(desk: &Desk, cmd: StockCommand) -> Result<(), DeskError> {
    match cmd {
        StockCommand::List {
            query,
            limit,
            json: as_json,
        } => {
            let rows = desk.stock(&query, limit)?;
            if as_json {
                json(&rows);
                return Ok(());
            }
            println!("SKU\t재고 on hand\t할당 allocated\t가용 available\t상품 product");
            for r in rows {
                let option = if r.option_text.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", r.option_text)
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}{}",
                    r.sku, r.on_hand, r.allocated, r.available, r.product_name, option
                );
            }
        }
        StockCommand::Set { sku, qty, reason } => {
            let s = desk.set_stock(&sku, qty, &reason)?;
            println!(
                "재고 설정 / stock set: {} 재고 on hand {} · 할당 allocated {} · 가용 available {}",
                s.sku, s.on_hand, s.allocated, s.available
            );
        }
        StockCommand::Ledger {
            sku,
            limit,
            json: as_json,
        } => {
            let rows = desk.stock_ledger(&sku, limit)?;
            if as_json {
                json(&rows);
                return Ok(());
            }
            println!("시각 at\t변동 delta\t종류 kind\t참조 ref");
            for m in rows {
                println!(
                    "{}\t{:+}\t{}\t{}",
                    m.at,
                    m.delta,
                    m.kind,
                    m.reference.unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}

fn order_name(o: ServiceOrder) -> &'static str {
    match o {
        ServiceOrder::FullFirst => "전체출고 우선 full-first",
        ServiceOrder::Partial => "부분출고 partial",
    }
}

fn priority_name(p: Priority) -> &'static str {
    match p {
        Priority::Date => "주문일 date",
        Priority::Seller => "판매처 seller",
        Priority::Quantity => "수량 quantity",
        Priority::Amount => "금액 amount",
    }
}

fn print_report(r: &AllocationReport) {
    println!(
        "재할당 완료 / re-allocated ({} · {}): 택배 parcels {} → 송장대기 ready {} · 재고부족 backorder {} (부분할당 partial {}) · 매칭필요 unmatched {} · 클레임 claimed {}",
        order_name(r.policy.order),
        priority_name(r.policy.priority),
        r.parcels,
        r.ready,
        r.backorder,
        r.partial,
        r.unmatched,
        r.claimed
    );
    println!(
        "품목 lines: 할당 allocated {} · 부족 short {} · 변경 changed {} · 단계변경 stage changes {}",
        r.lines_allocated, r.lines_short, r.lines_changed, r.stages_changed
    );
}

fn print_splits(list: &[SplitOutcome]) {
    if list.is_empty() {
        println!("나눌 택배가 없습니다 / nothing to split");
    }
    for s in list {
        println!(
            "나눔 / split: {}번 → {} (지금 출고 ships now) · 새 {}번 new no. {} ← 품목 {}개 moved ({})",
            s.no, s.stage, s.new_no, s.new_no, s.moved_lines, s.new_stage
        );
    }
}

fn print_backorders(list: &[BackorderParcel]) {
    if list.is_empty() {
        println!("재고부족 택배가 없습니다 / no backorders");
    }
    for p in list {
        println!(
            "{}번 no. {} [{}]{}",
            p.no,
            p.no,
            p.order_ids.join(", "),
            if p.splittable {
                " — 나누기 가능 splittable"
            } else {
                ""
            }
        );
        for l in &p.lines {
            let mark = if l.short { "부족 SHORT" } else { "할당 ok" };
            let needs: Vec<String> = l
                .needs
                .iter()
                .map(|n| {
                    format!(
                        "{} 필요 need {} / 가용 available {}",
                        n.sku, n.need, n.available
                    )
                })
                .collect();
            println!(
                "  {mark}\t{} {} ×{}\t{}",
                l.product_name,
                l.option_text,
                l.quantity,
                needs.join("; ")
            );
        }
    }
}
