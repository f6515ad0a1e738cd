//! `packdesk` — the headless station and scripting interface. Every command is a thin call into
//! packdesk-core, the same services the desktop app uses, and fails with the same error codes.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use packdesk_core::{ConnectRequest, Desk, DeskError, DeskOptions, PrintFormat, PrintRequest};

mod output;

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
        /// First payment date, YYYY-MM-DD (KST) [default: the schedule's window]
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Last payment date, YYYY-MM-DD (KST) [default: today]
        #[arg(long)]
        to: Option<NaiveDate>,
    },
    /// The working list of parcels, numbered (연번)
    Orders {
        #[arg(long)]
        json: bool,
    },
    /// Invoice numbers and waybill printing (송장)
    Invoice {
        #[command(subcommand)]
        action: InvoiceCommand,
    },
    /// Ship the parcel whose waybill was scanned (배송처리)
    Ship {
        /// The scanned waybill barcode (tracking number)
        #[arg(long)]
        scan: String,
    },
    /// Deliver what the outbox owes the shop now (tracking numbers)
    Sync,
    /// Run the built-in simulated shop, printer and scale and point this database at them
    Demo,
    /// The station's state: shop, printer, outbox, invoice pool
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Station printer settings
    Printer {
        #[command(subcommand)]
        action: PrinterCommand,
    },
}

#[derive(Subcommand)]
enum ConnectPlatform {
    /// Connect a Cafe24 shop: opens the consent page and catches the redirect, or exchanges --code
    Cafe24(ConnectArgs),
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
        format: Option<FormatArg>,
    },
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

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Zpl,
    Pdf,
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
            };
            let shop = desk
                .connect_cafe24(req, |url| {
                    println!("카페24 동의 페이지를 여세요 / open the consent page:\n  {url}");
                    println!("(리다이렉트를 기다리는 중 / waiting for the redirect …)");
                })
                .await?;
            output::connected(&shop);
        }
        Command::Collect { from, to } => output::collected(&desk.collect(from, to).await?),
        Command::Orders { json } => output::orders(&desk.parcels()?, json),
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
                },
        } => {
            let format = format.map(|f| match f {
                FormatArg::Zpl => PrintFormat::Zpl,
                FormatArg::Pdf => PrintFormat::Pdf,
            });
            output::printed(
                &desk
                    .print(PrintRequest {
                        range,
                        printer,
                        format,
                    })
                    .await?,
            )
        }
        Command::Ship { scan } => output::shipped(&desk.ship_scan(&scan)?),
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
        Command::Printer {
            action: PrinterCommand::Set { uri },
        } => {
            desk.set_default_printer(&uri)?;
            println!("기본 프린터 / default printer: {uri}");
        }
    }
    Ok(())
}
