//! `packdesk` — the headless station and scripting interface. Every command is a thin call into
//! packdesk-core, the same services the desktop app uses, and fails with the same error codes.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use packdesk_core::{
    CollectRequest, CollectTrigger, ConnectRequest, DayOffInfo, Desk, DeskError, DeskOptions,
    FasstoConnectRequest, PrintFormat, PrintRequest, ShopRules,
};

mod allocate;
mod device;
mod fee;
mod invoice_file;
mod matching;
mod merge;
mod orders;
mod output;
mod print;
mod returns;
mod scale;
mod ship;
mod weigh;

#[derive(Parser)]
#[command(
    name = "packdesk",
    version,
    about = "Packdesk 패킹데스크 — Cafe24 fulfilment station (headless CLI)"
)]
struct Cli {
    /// The station database [default: packdesk.sqlite in the OS data directory]
    #[arg(long, global = true, env = "PACKDESK_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Connect a shop (OAuth)
    Connect {
        #[command(subcommand)]
        platform: ConnectPlatform,
    },
    /// Collect orders now (주문수집)
    Collect {
        /// Only this shop (id from `packdesk shop list`) [default: every shop chosen for collection]
        #[arg(long)]
        shop: Option<i64>,
        /// First payment date, YYYY-MM-DD (KST) [default: the shop's daily range]
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last payment date, YYYY-MM-DD (KST) [default: today]
        #[arg(long)]
        to: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Connected shops and their collection rules (쇼핑몰)
    Shop {
        #[command(subcommand)]
        action: ShopCommand,
    },
    /// The collection schedule (수집 스케줄)
    Schedule {
        #[command(subcommand)]
        action: ScheduleCommand,
    },
    /// Products: weights, shelf locations, customs facts (상품)
    Product {
        #[command(subcommand)]
        action: ProductCommand,
    },
    /// FASSTO FMS fulfilment (파스토)
    Fassto {
        #[command(subcommand)]
        action: FasstoCommand,
    },
    /// The working list of parcels, numbered (연번); with a subcommand, 주문등록 (orders by hand or file)
    Orders {
        #[command(subcommand)]
        action: Option<orders::OrdersCommand>,
        #[arg(long)]
        json: bool,
    },
    /// Returns intake (반품 입고)
    Returns {
        #[command(subcommand)]
        action: returns::ReturnsCommand,
    },
    /// Print a range of the working list, and the print queue (jobs, resume, test, policy)
    Print(print::PrintArgs),
    /// Invoice numbers and waybill printing (송장)
    Invoice {
        #[command(subcommand)]
        action: InvoiceCommand,
    },
    /// 배송처리: by scan (--scan) or a range of the list (--range); `ship mismatches|fix|claims`
    Ship(ship::ShipArgs),
    /// Deliver what the outbox owes the shop now (tracking numbers)
    Sync,
    /// Run the built-in simulated shop, printer and scale and point this database at them
    Demo,
    /// The station's state: shop, printer, outbox, invoice pool
    Status {
        #[arg(long)]
        json: bool,
    },
    /// 주문처리: what waits for a person at each stage (처리필요), as the app's stage tabs count it
    Pipeline {
        #[arg(long)]
        json: bool,
    },
    /// Station printer settings
    Printer {
        #[command(subcommand)]
        action: PrinterCommand,
    },
    /// 매칭: lines waiting for a SKU, match by hand (remembered), SKU search, mapping files, bundles
    Match {
        #[command(subcommand)]
        action: matching::MatchCommand,
    },
    /// 할당: re-allocate under a policy; `allocate split NO|--all`, `allocate backorders`
    Allocate(allocate::AllocateArgs),
    /// Stock per SKU: list, set a count, ledger (재고)
    Stock {
        #[command(subcommand)]
        action: allocate::StockCommand,
    },
    /// 합포 확인필요: same name and address, different phones — merge or keep apart; lock an order
    Merge {
        #[command(subcommand)]
        action: merge::MergeCommand,
    },
    /// International shipping fee of a parcel (국제 배송비); `fee settings`, `fee flagged`
    Fee(fee::FeeArgs),
    /// Weigh a parcel: record its weight, price it when it goes abroad (무게·국제 배송비)
    Weigh(weigh::WeighArgs),
    /// Scales (serial or USB HID): read one stable weight, list ports and USB devices (저울)
    Scale {
        #[command(subcommand)]
        action: ScaleCommand,
    },
    /// The station's scale and serial scanner, as the app's device page sets them (장치)
    Device {
        #[command(subcommand)]
        action: device::DeviceCommand,
    },
}

#[derive(Subcommand)]
enum ConnectPlatform {
    /// Connect a Cafe24 shop: opens the consent page and catches the redirect, or exchanges --code
    Cafe24(ConnectArgs),
    /// Connect FASSTO FMS with the issued apiCd/apiKey and the customer code
    Fassto(FasstoConnectArgs),
}

#[derive(Args)]
struct FasstoConnectArgs {
    /// Customer code (고객사 코드)
    #[arg(long)]
    cst_cd: String,
    #[arg(long)]
    api_cd: String,
    #[arg(long, env = "PACKDESK_FASSTO_API_KEY", hide_env_values = true)]
    api_key: String,
    /// API base URL [default: FASSTO's production API]
    #[arg(long)]
    api_base: Option<String>,
}

#[derive(Subcommand)]
enum ScaleCommand {
    /// Detect the scale's protocol (or use --protocol) and print one stable, non-zero weight
    Read(scale::ScaleReadArgs),
    /// List serial ports and USB devices (HID scales first)
    List(scale::ScaleListArgs),
}

#[derive(Subcommand)]
enum ShopCommand {
    /// List connected shops with their rules, next collection and last result
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a shop's collection rules
    Set {
        /// Shop id from `packdesk shop list`
        shop: i64,
        /// Collect this shop on the schedule: on | off
        #[arg(long, value_parser = parse_on_off)]
        collect: Option<bool>,
        /// Order status to collect: N10 (상품준비중) | N20 (배송준비중)
        #[arg(long)]
        status: Option<String>,
        /// Minutes after payment before an order is collected
        #[arg(long)]
        min_age: Option<i64>,
        /// Days every run re-reads (일일수집범위)
        #[arg(long)]
        range_days: Option<i64>,
        /// Who packs: self | fassto
        #[arg(long)]
        fulfilment: Option<String>,
        /// Fixed exchange rate, KRW per 1 unit of the shop currency (e.g. 1385.5); none clears it
        #[arg(long)]
        rate: Option<String>,
        /// International service for its parcels: ems | kpacket | express
        #[arg(long)]
        service: Option<String>,
    },
    /// The last collection result of every shop, with the orders that failed to link
    Results {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ScheduleCommand {
    /// Timetables and the next collection times (KST)
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Set a timetable: TARGET is a shop id or `fassto`; TIMETABLE e.g. `every 10m`,
    /// `every 30m 08:00-21:00`, `fassto`, `times 09:00,13:30,16:00`, `off`
    Set {
        target: String,
        #[arg(num_args = 1.., trailing_var_arg = true)]
        timetable: Vec<String>,
    },
    /// Days the schedule skips: public holidays, the shop's own holidays, carrier rest days
    Holidays {
        #[arg(long)]
        json: bool,
    },
    /// Add a temporary holiday (or, with --carrier, a carrier rest day)
    HolidayAdd {
        day: NaiveDate,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long)]
        carrier: bool,
    },
    HolidayRemove {
        day: NaiveDate,
        #[arg(long)]
        carrier: bool,
    },
    /// Run the schedule in the foreground until Ctrl-C (a headless station)
    Run,
}

#[derive(Subcommand)]
enum ProductCommand {
    /// Save a measured weight to a SKU and write it back to the shop's product
    Weight {
        /// SKU, 품목코드 or barcode
        code: String,
        /// Grams, e.g. 1250 or 1250g or 1.25kg
        weight: String,
    },
    /// SKUs with no weight yet, most ordered first
    Unweighed {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show or set a SKU's shelf location (pick lists) and customs facts (CN22)
    Facts {
        /// SKU or 품목코드
        sku: String,
        /// 로케이션, e.g. A-01-3 ("" clears it)
        #[arg(long)]
        location: Option<String>,
        /// English product name for the customs form
        #[arg(long)]
        name_en: Option<String>,
        /// HS code, e.g. 6109.10
        #[arg(long)]
        hs: Option<String>,
        /// Country of origin, e.g. KR
        #[arg(long)]
        origin: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum FasstoCommand {
    /// Do what the FASSTO schedule does now: goods and stock, new outbound requests, invoices back
    Run {
        #[arg(long)]
        json: bool,
    },
    /// FASSTO goods and the SKUs they are linked to
    Goods {
        #[arg(long)]
        json: bool,
    },
    /// Link a FASSTO goods code (cstGodCd) to a SKU
    Link { cst_god_cd: String, sku: String },
    /// Outbound requests and their state
    Outbounds {
        #[arg(long)]
        json: bool,
    },
}

fn parse_on_off(s: &str) -> Result<bool, String> {
    match s {
        "on" | "yes" | "true" => Ok(true),
        "off" | "no" | "false" => Ok(false),
        _ => Err(format!("{s}: on | off")),
    }
}

/// `1250`, `1250g`, `1.25kg` → grams.
fn parse_grams(s: &str) -> Result<u32, DeskError> {
    let t = s.trim().to_ascii_lowercase();
    let bad = || {
        DeskError::invalid(
            format!("weight {s:?}: write 1250, 1250g or 1.25kg"),
            format!("무게 {s:?}: 1250, 1250g 또는 1.25kg 형식으로 쓰세요"),
        )
    };
    let grams = if let Some(kg) = t.strip_suffix("kg") {
        kg.trim().parse::<f64>().map_err(|_| bad())? * 1000.0
    } else {
        t.trim_end_matches('g')
            .trim()
            .parse::<f64>()
            .map_err(|_| bad())?
    };
    if !(grams.is_finite() && grams >= 0.0 && grams <= f64::from(u32::MAX)) {
        return Err(bad());
    }
    Ok(grams.round() as u32)
}

#[derive(Args)]
struct ConnectArgs {
    #[arg(long)]
    mall_id: String,
    #[arg(long)]
    client_id: String,
    #[arg(long, env = "PACKDESK_CLIENT_SECRET", hide_env_values = true)]
    client_secret: String,
    /// API base URL [default: https://{mall_id}.cafe24api.com]
    #[arg(long)]
    api_base: Option<String>,
    /// An authorization code pasted from the redirect (skips the browser)
    #[arg(long)]
    code: Option<String>,
    /// The redirect URI registered for the app [default: http://127.0.0.1:8719/callback]
    #[arg(long)]
    redirect_uri: Option<String>,
    /// Shop numbers to collect, e.g. 1,2 [default: every shop of the mall]
    #[arg(long, value_delimiter = ',')]
    shops: Option<Vec<u32>>,
}

#[derive(Subcommand)]
enum InvoiceCommand {
    /// Pre-issued invoice-number pools
    Pool {
        #[command(subcommand)]
        action: PoolCommand,
    },
    /// Print waybills for a range of the working list
    Print {
        /// Rows by 연번, e.g. "1-3, 5, 7"; empty = every printable row
        #[arg(long, default_value = "")]
        range: String,
        /// tcp://HOST:PORT or file:///PATH.pdf [default: the station printer]
        #[arg(long)]
        printer: Option<String>,
        #[arg(long, value_enum)]
        format: Option<print::FormatArg>,
        /// Why rows already printed are printed again (required for a reprint)
        #[arg(long)]
        reason: Option<String>,
    },
    #[command(flatten)]
    File(invoice_file::FileCommand),
}

#[derive(Subcommand)]
enum PoolCommand {
    /// Register a block of pre-issued numbers
    Add {
        /// cj | hanjin | lotte | logen | epost
        #[arg(long)]
        carrier: String,
        #[arg(long)]
        first: String,
        #[arg(long)]
        count: u32,
    },
}

#[derive(Subcommand)]
enum PrinterCommand {
    /// Set the station's default printer (tcp://HOST:PORT or file:///PATH.pdf)
    Set { uri: String },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PACKDESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    // Fees are arithmetic on the shipped rate tables: answered without opening the database.
    if let Command::Device { action } = &cli.command {
        return device::run(cli.db.clone(), action);
    }
    if let Command::Scale { action } = &cli.command {
        return match action {
            ScaleCommand::Read(args) => scale::read(args).await,
            ScaleCommand::List(args) => scale::list(args),
        };
    }
    if let Command::Fee(args) = &cli.command
        && args.action.is_none()
    {
        return fee::run(args);
    }
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("오류 [{}]: {}", e.code(), e.message_ko());
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::from(1)
        }
    }
}

async fn run(cli: Cli) -> Result<(), DeskError> {
    let db = cli.db.unwrap_or_else(packdesk_core::paths::default_db);
    let desk = Desk::open(DeskOptions::new(db))?;
    match cli.command {
        Command::Connect {
            platform: ConnectPlatform::Cafe24(a),
        } => {
            let req = ConnectRequest {
                mall_id: a.mall_id,
                client_id: a.client_id,
                client_secret: a.client_secret,
                api_base: a.api_base,
                code: a.code,
                redirect_uri: a.redirect_uri,
                shops: a.shops,
            };
            let shop = desk
                .connect_cafe24(req, |url| {
                    println!("카페24 동의 페이지를 여세요 / open the consent page:\n  {url}");
                    println!("(리다이렉트를 기다리는 중 / waiting for the redirect …)");
                })
                .await?;
            output::connected(&shop);
        }
        Command::Connect {
            platform: ConnectPlatform::Fassto(a),
        } => output::fassto_connected(
            &desk
                .connect_fassto(FasstoConnectRequest {
                    cst_cd: a.cst_cd,
                    api_cd: a.api_cd,
                    api_key: a.api_key,
                    api_base: a.api_base,
                })
                .await?,
        ),
        Command::Collect {
            shop,
            from,
            to,
            json,
        } => {
            let req = CollectRequest {
                shop_id: shop,
                from,
                to,
                trigger: CollectTrigger::Manual,
            };
            output::collected(&desk.collect_with(req).await?, json)
        }
        Command::Shop { action } => match action {
            ShopCommand::List { json } => output::shops(&desk.shops()?, json),
            ShopCommand::Set {
                shop,
                collect,
                status,
                min_age,
                range_days,
                fulfilment,
                rate,
                service,
            } => {
                let rules = ShopRules {
                    collect,
                    collect_status: status,
                    min_age_minutes: min_age,
                    range_days,
                    fulfilment,
                    krw_per_unit: rate,
                    intl_service: service,
                };
                output::shops(&[desk.set_shop_rules(shop, rules)?], false)
            }
            ShopCommand::Results { json } => output::results(&desk.last_collections()?, json),
        },
        Command::Schedule { action } => match action {
            ScheduleCommand::Show { json } => output::schedule(&desk.schedule()?, json),
            ScheduleCommand::Set { target, timetable } => {
                output::schedule(&[desk.set_schedule(&target, &timetable.join(" "))?], false)
            }
            ScheduleCommand::Holidays { json } => output::days_off(&desk.days_off()?, json),
            ScheduleCommand::HolidayAdd { day, name, carrier } => {
                let kind = if carrier { "carrier_rest" } else { "holiday" };
                desk.add_day_off(DayOffInfo {
                    day,
                    kind: kind.into(),
                    name,
                })?;
                println!("추가됨 / added: {day} ({kind})");
            }
            ScheduleCommand::HolidayRemove { day, carrier } => {
                let kind = if carrier { "carrier_rest" } else { "holiday" };
                if desk.remove_day_off(day, kind)? {
                    println!("삭제됨 / removed: {day} ({kind})");
                } else {
                    println!("없음 / not found: {day} ({kind})");
                }
            }
            ScheduleCommand::Run => {
                output::schedule(&desk.schedule()?, false);
                println!("스케줄 실행 중 (Ctrl-C로 종료) / running the schedule (Ctrl-C to stop)");
                desk.run_scheduler(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await;
            }
        },
        Command::Product {
            action: ProductCommand::Weight { code, weight },
        } => output::weight_saved(&desk.save_product_weight(&code, parse_grams(&weight)?)?),
        Command::Product {
            action: ProductCommand::Unweighed { limit, json },
        } => output::unweighed(&desk.unweighed_skus(limit)?, json),
        Command::Product {
            action:
                ProductCommand::Facts {
                    sku,
                    location,
                    name_en,
                    hs,
                    origin,
                    json,
                },
        } => {
            let facts =
                if location.is_some() || name_en.is_some() || hs.is_some() || origin.is_some() {
                    desk.set_sku_facts(
                        &sku,
                        packdesk_core::SkuFactsUpdate {
                            location,
                            name_en,
                            hs_code: hs,
                            origin,
                        },
                    )?
                } else {
                    desk.sku_facts(&sku)?
                };
            output::sku_facts(&facts, json)
        }
        Command::Fassto { action } => match action {
            FasstoCommand::Run { json } => output::fassto_run(&desk.fassto_run().await?, json),
            FasstoCommand::Goods { json } => output::fassto_goods(&desk.fassto_goods()?, json),
            FasstoCommand::Link { cst_god_cd, sku } => {
                desk.fassto_link(&cst_god_cd, &sku)?;
                println!("연결됨 / linked: {cst_god_cd} → {sku}");
            }
            FasstoCommand::Outbounds { json } => {
                output::fassto_outbounds(&desk.fassto_outbounds()?, json)
            }
        },
        Command::Orders { action: None, json } => output::orders(&desk.parcels()?, json),
        Command::Orders {
            action: Some(action),
            ..
        } => orders::run(&desk, action)?,
        Command::Returns { action } => returns::run(&desk, action)?,
        Command::Invoice {
            action:
                InvoiceCommand::Pool {
                    action:
                        PoolCommand::Add {
                            carrier,
                            first,
                            count,
                        },
                },
        } => output::pool(&desk.add_invoice_pool(&carrier, &first, count)?),
        Command::Invoice {
            action:
                InvoiceCommand::Print {
                    range,
                    printer,
                    format,
                    reason,
                },
        } => print::printed(
            &desk
                .print(PrintRequest {
                    range,
                    printer,
                    format: format.map(PrintFormat::from),
                    reason,
                    ..PrintRequest::default()
                })
                .await?,
            false,
        ),
        Command::Invoice {
            action: InvoiceCommand::File(cmd),
        } => invoice_file::run(&desk, cmd)?,
        Command::Print(args) => print::run(&desk, args).await?,
        Command::Ship(args) => ship::run(&desk, args).await?,
        Command::Sync => output::synced(&desk.sync().await?),
        Command::Demo => {
            let info = desk.start_demo().await?;
            output::demo(&info, &desk.db_path().display().to_string());
            tokio::signal::ctrl_c()
                .await
                .map_err(|e| DeskError::Internal(e.to_string()))?;
            println!("데모 종료 / demo stopped");
        }
        Command::Status { json } => output::status(&desk.status()?, json),
        Command::Pipeline { json } => output::pipeline(&desk.pipeline_counts()?, json),
        Command::Printer {
            action: PrinterCommand::Set { uri },
        } => {
            desk.set_default_printer(&uri)?;
            println!("기본 프린터 / default printer: {uri}");
        }
        Command::Weigh(args) => weigh::weigh(&desk, args)?,
        Command::Match { action } => matching::run(&desk, action)?,
        Command::Merge { action } => merge::run(&desk, action)?,
        Command::Allocate(args) => allocate::run(&desk, args)?,
        Command::Stock { action } => allocate::run_stock(&desk, action)?,
        Command::Fee(fee::FeeArgs {
            action: Some(action),
            ..
        }) => weigh::fee_command(&desk, action)?,
        // Answered in main() before any database is opened.
        Command::Fee(_) | Command::Scale { .. } | Command::Device { .. } => {}
    }
    Ok(())
}
