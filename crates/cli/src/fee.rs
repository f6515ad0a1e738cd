//! `packdesk fee`: the international shipping fee of one parcel, from the rate tables shipped in
//! packdesk-fees. Pure arithmetic, so it runs without a station database.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use packdesk_fees::{
    Currency, Destination, Dims, ExchangeRate, FeeError, Quote, ServiceId, fmt_kg, group_thousands,
    quote_to, shipped,
};
use serde_json::json;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FeeArgs {
    /// Station fee settings and flagged parcels (these read the station database)
    #[command(subcommand)]
    pub action: Option<FeeCommand>,
    /// Destination country, two-letter code (JP, US, …)
    #[arg(long)]
    to: Option<String>,
    /// Weight: 1250, 1250g or 1.25kg
    #[arg(long)]
    weight: Option<String>,
    /// Box size L×W×H: 30x20x10cm or 300x200x100mm (cm when no unit is given)
    #[arg(long)]
    dims: Option<String>,
    /// ems | kpacket | express
    #[arg(long, default_value = "ems")]
    service: String,
    /// Destination postcode, for remote-area surcharges
    #[arg(long)]
    postcode: Option<String>,
    /// Export declaration fee per parcel in KRW [default: the service's, 500]
    #[arg(long)]
    export_fee: Option<u64>,
    /// The shop's currency, USD or JPY (needs --rate)
    #[arg(long, requires = "rate")]
    currency: Option<String>,
    /// The shop's fixed exchange rate: KRW per unit of --currency, e.g. 1380.50
    #[arg(long, requires = "currency")]
    rate: Option<String>,
    /// Print the quote as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum FeeCommand {
    /// Show or change the undercharge tolerance and the export declaration fee
    Settings {
        /// Underpayment tolerated before a parcel is flagged: 10% or a KRW amount (1000)
        #[arg(long)]
        tolerance: Option<String>,
        /// Export declaration fee per international parcel, KRW
        #[arg(long)]
        export_declaration: Option<u64>,
        #[arg(long)]
        json: bool,
    },
    /// Parcels flagged for the owner: undercharged shipping or over a service limit
    Flagged {
        #[arg(long)]
        json: bool,
    },
}

/// A bad argument, or a parcel the service refuses.
enum FeeCliError {
    Input { en: String, ko: String },
    Fee(FeeError),
}

impl From<FeeError> for FeeCliError {
    fn from(e: FeeError) -> Self {
        FeeCliError::Fee(e)
    }
}

impl FeeCliError {
    fn input(en: String, ko: String) -> Self {
        FeeCliError::Input { en, ko }
    }
}

/// Runs the command; prints errors like every other command (code, Korean, English) → exit 1.
pub fn run(args: &FeeArgs) -> ExitCode {
    match fee(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(FeeCliError::Fee(e)) => {
            eprintln!("오류 [{}]: {}", e.code(), e.message_ko());
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::from(1)
        }
        Err(FeeCliError::Input { en, ko }) => {
            eprintln!("오류 [INVALID_INPUT]: 입력 오류: {ko}");
            eprintln!("error [INVALID_INPUT]: {en}");
            ExitCode::from(1)
        }
    }
}

fn fee(args: &FeeArgs) -> Result<(), FeeCliError> {
    let (Some(to), Some(weight)) = (&args.to, &args.weight) else {
        return Err(FeeCliError::input(
            "give --to COUNTRY and --weight (or a subcommand: settings, flagged)".into(),
            "--to 국가와 --weight 무게를 주세요 (또는 settings, flagged 하위 명령)".into(),
        ));
    };
    let grams = parse_weight(weight)?;
    let dims = args.dims.as_deref().map(parse_dims).transpose()?;
    let mut service = shipped(ServiceId::parse(&args.service)?)?;
    if let Some(krw) = args.export_fee {
        service = service.with_export_declaration_krw(krw);
    }
    let rate = match (&args.currency, &args.rate) {
        (Some(c), Some(r)) => {
            let currency = Currency::parse(c)
                .filter(|c| *c != Currency::Krw)
                .ok_or_else(|| {
                    FeeCliError::input(
                        format!("currency {c:?}: USD or JPY"),
                        format!("통화 {c:?}: USD 또는 JPY"),
                    )
                })?;
            Some(ExchangeRate::new(currency, r)?)
        }
        _ => None,
    };
    let dest = Destination {
        country: to,
        postcode: args.postcode.as_deref(),
    };
    let q = quote_to(&service, dest, grams, dims)?;
    if args.json {
        print_json(&q, rate);
    } else {
        print_text(&q, rate);
    }
    Ok(())
}

fn print_text(q: &Quote, rate: Option<ExchangeRate>) {
    println!("{} / {} → {}", q.name_ko, q.name_en, q.country);
    println!(
        "자료 / data: {} / {}",
        q.status.label_ko(),
        q.status.label_en()
    );
    let volumetric = q
        .volumetric_g
        .map(|v| format!(" · 부피중량 / volumetric {}", fmt_kg(v)))
        .unwrap_or_default();
    println!(
        "실중량 / actual {}{volumetric} · 적용중량 / chargeable {}",
        fmt_kg(q.actual_g),
        fmt_kg(q.chargeable_g)
    );
    let converted = rate.map(|r| q.in_currency(r));
    for (i, line) in q.lines.iter().enumerate() {
        let shop = converted
            .as_ref()
            .map(|c| format!(" ({})", c.rate.currency.format_minor(c.lines[i].minor)))
            .unwrap_or_default();
        println!(
            "  {} / {}: {} KRW{shop}",
            line.label_ko,
            line.label_en,
            group_thousands(line.krw)
        );
    }
    println!("합계 / total: {} KRW", group_thousands(q.total_krw));
    if let Some(c) = &converted {
        println!(
            "쇼핑몰 통화 / shop currency: {} (고정환율 / fixed rate, 반올림 / rounded half up)",
            c.total_display()
        );
    }
    if !q.size_checked {
        println!("크기 제한 미확인 (--dims 없음) / size limits not checked (no --dims)");
    }
}

fn print_json(q: &Quote, rate: Option<ExchangeRate>) {
    let converted = rate.map(|r| q.in_currency(r));
    let lines: Vec<_> = q
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut v = json!({
                "kind": l.kind.as_str(),
                "label_ko": l.label_ko,
                "label_en": l.label_en,
                "krw": l.krw,
            });
            if let Some(c) = &converted {
                v["shop_minor"] = json!(c.lines[i].minor);
            }
            v
        })
        .collect();
    let mut out = json!({
        "service": q.service,
        "carrier": q.carrier,
        "status": q.status.as_str(),
        "country": q.country,
        "actual_g": q.actual_g,
        "volumetric_g": q.volumetric_g,
        "chargeable_g": q.chargeable_g,
        "size_checked": q.size_checked,
        "lines": lines,
        "total_krw": q.total_krw,
    });
    if let Some(c) = &converted {
        out["shop_currency"] = json!({
            "currency": c.rate.currency.code(),
            "total_minor": c.total_minor,
            "total": c.total_display(),
        });
    }
    println!("{out:#}");
}

/// `1250`, `1250g`, `1.25kg` → grams (to the gram).
fn parse_weight(s: &str) -> Result<u32, FeeCliError> {
    packdesk_fees::parse_weight_g(s).ok_or_else(|| {
        FeeCliError::input(
            format!("weight {s:?}: write 1250, 1250g or 1.25kg"),
            format!("무게 {s:?}: 1250, 1250g 또는 1.25kg 형식으로 쓰세요"),
        )
    })
}

/// `30x20x10cm`, `30×20×10`, `300x200x100mm` → millimetres (cm to one decimal).
fn parse_dims(s: &str) -> Result<Dims, FeeCliError> {
    packdesk_fees::parse_dims(s).ok_or_else(|| {
        FeeCliError::input(
            format!("size {s:?}: write LxWxH like 30x20x10cm or 300x200x100mm"),
            format!("크기 {s:?}: 30x20x10cm 또는 300x200x100mm 형식으로 쓰세요"),
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn weights() {
        assert_eq!(parse_weight("1.25kg").ok(), Some(1250));
        assert_eq!(parse_weight("1250g").ok(), Some(1250));
        assert_eq!(parse_weight("1250").ok(), Some(1250));
        assert_eq!(parse_weight("0.501KG").ok(), Some(501));
        assert!(parse_weight("1.2345kg").is_err());
        assert!(parse_weight("heavy").is_err());
    }

    #[test]
    fn dims() {
        assert_eq!(
            parse_dims("30x20x10cm").ok(),
            Some(Dims::new(300, 200, 100))
        );
        assert_eq!(parse_dims("30×20×10").ok(), Some(Dims::new(300, 200, 100)));
        assert_eq!(
            parse_dims("30.5x20x10").ok(),
            Some(Dims::new(305, 200, 100))
        );
        assert_eq!(
            parse_dims("300x200x100mm").ok(),
            Some(Dims::new(300, 200, 100))
        );
        assert!(parse_dims("30x20").is_err());
        assert!(parse_dims("30x0x10").is_err());
        assert!(parse_dims("30x20x10in").is_err());
    }
}
