//! `packdesk print`: print a range (송장범위관리), the print queue (jobs, resume), test labels, the
//! reprint policy, the printers and the reprint audit log.

use clap::{Args, Subcommand, ValueEnum};
use packdesk_core::{
    Desk, DeskError, PrintFormat, PrintJobSummary, PrintReport, PrintRequest, PrinterEntry,
    ReprintAudit, ReprintPolicy, TestPrintReport,
};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PrintArgs {
    #[command(subcommand)]
    pub action: Option<PrintCommand>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Args)]
pub struct RunArgs {
    /// Rows by 연번, e.g. "1-3, 5, 7" (quoted); empty = every row waiting for its label
    #[arg(default_value = "")]
    pub range: String,
    /// A printer URI (tcp://HOST:PORT, file:///PATH.pdf, …) [default: the station printer]
    #[arg(long)]
    pub printer: Option<String>,
    /// Printer language [default: the printer's saved format; PDF for files, else ZPL]
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Template id (waybill-cj, packing-slip, pick-list, …) [default: the carrier's waybill]
    #[arg(long)]
    pub document: Option<String>,
    /// Why rows already printed are printed again (required for a reprint)
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum PrintCommand {
    /// Recent print jobs with 출력/미출력 counts and why a job is paused
    Jobs {
        #[arg(long)]
        json: bool,
    },
    /// Resume a paused job from its first label not printed
    Resume {
        /// The job id (`packdesk print jobs`)
        job: i64,
        #[arg(long)]
        json: bool,
    },
    /// Print a test label ("TEST 테스트") in the printer's format
    Test {
        /// [default: the station printer]
        #[arg(long)]
        printer: Option<String>,
    },
    /// Show or set what a reprint does with the invoice number: same | new
    Policy { policy: Option<PolicyArg> },
    /// The default printer, the saved ones and the ones found on this PC
    Printers {
        #[arg(long)]
        json: bool,
    },
    /// The reprint audit log (newest first)
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show or set what packing slips and warranty cards print (사업자번호, 보증서 QR, …)
    Docs {
        /// 사업자등록번호 printed on packing slips
        #[arg(long)]
        business_no: Option<String>,
        /// Warranty cards' QR opens <URL>/<warranty number>
        #[arg(long)]
        warranty_url: Option<String>,
        /// e.g. "구입일로부터 1년"
        #[arg(long)]
        warranty_period: Option<String>,
        /// 고객센터 line on warranty cards
        #[arg(long)]
        support: Option<String>,
        /// Which product name a warranty card prints: name | english | supplier | model
        #[arg(long)]
        name_source: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Zpl,
    Tspl,
    Escpos,
    Pdf,
}

impl From<FormatArg> for PrintFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Zpl => PrintFormat::Zpl,
            FormatArg::Tspl => PrintFormat::Tspl,
            FormatArg::Escpos => PrintFormat::EscPos,
            FormatArg::Pdf => PrintFormat::Pdf,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PolicyArg {
    /// Reprint with the same number
    Same,
    /// Take a new number from the pool and void the old
    New,
}

pub async fn run(desk: &Desk, args: PrintArgs) -> Result<(), DeskError> {
    match args.action {
        None => {
            let a = args.run;
            let req = PrintRequest {
                range: a.range,
                printer: a.printer,
                format: a.format.map(PrintFormat::from),
                document: a.document,
                reason: a.reason,
            };
            let report = desk.print(req).await.map_err(hint)?;
            printed(&report, a.json);
        }
        Some(PrintCommand::Jobs { json }) => jobs(&desk.print_jobs()?, json),
        Some(PrintCommand::Resume { job, json }) => {
            printed(&desk.resume_print(job).await.map_err(hint)?, json)
        }
        Some(PrintCommand::Test { printer }) => tested(&desk.test_print(printer).await?),
        Some(PrintCommand::Policy { policy }) => {
            if let Some(p) = policy {
                desk.set_reprint_policy(match p {
                    PolicyArg::Same => ReprintPolicy::Same,
                    PolicyArg::New => ReprintPolicy::New,
                })?;
            }
            policy_line(desk.reprint_policy()?);
        }
        Some(PrintCommand::Printers { json }) => printers(&desk.printers()?, json),
        Some(PrintCommand::Audit { limit, json }) => audit(&desk.reprint_audit(limit)?, json),
        Some(PrintCommand::Docs {
            business_no,
            warranty_url,
            warranty_period,
            support,
            name_source,
            json: as_json,
        }) => {
            let mut s = desk.document_settings()?;
            let changed = business_no.is_some()
                || warranty_url.is_some()
                || warranty_period.is_some()
                || support.is_some()
                || name_source.is_some();
            s.business_no = business_no.unwrap_or(s.business_no);
            s.warranty_url = warranty_url.unwrap_or(s.warranty_url);
            s.warranty_period = warranty_period.unwrap_or(s.warranty_period);
            s.support_contact = support.unwrap_or(s.support_contact);
            s.warranty_name_source = name_source.unwrap_or(s.warranty_name_source);
            if changed {
                s = desk.set_document_settings(s)?;
            }
            if as_json {
                json(&s);
            } else {
                println!("사업자등록번호 / business no: {}", s.business_no);
                println!("보증서 QR / warranty URL:   {}", s.warranty_url);
                println!("보증기간 / period:          {}", s.warranty_period);
                println!("고객센터 / support:         {}", s.support_contact);
                println!("보증서 상품명 / name from:  {}", s.warranty_name_source);
            }
        }
    }
    Ok(())
}

/// Says how to go on after a pause or a refused reprint, then hands the error on.
fn hint(e: DeskError) -> DeskError {
    match &e {
        DeskError::PrintPaused { job_id, .. } => eprintln!(
            "프린터를 확인한 뒤 / when the printer is back: packdesk print resume {job_id}"
        ),
        DeskError::PrintReasonRequired { .. } => {
            eprintln!("재출력 사유를 --reason \"…\"으로 입력하세요 / give --reason \"…\"")
        }
        _ => {}
    }
    e
}

fn json<T: serde::Serialize>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

pub fn printed(p: &PrintReport, as_json: bool) {
    if as_json {
        return json(p);
    }
    crate::output::printed(p);
    for r in &p.renumbered {
        println!(
            "새 번호로 재출력 / renumbered {}번: {} → {} (이전 번호 폐기 / old number void)",
            r.no, r.old, r.new
        );
    }
    for s in &p.skipped {
        println!("건너뜀 / skipped {}번 ({}): {}", s.no, s.why, s.why_ko);
    }
}

fn jobs(rows: &[PrintJobSummary], as_json: bool) {
    if as_json {
        return json(&rows);
    }
    if rows.is_empty() {
        println!("출력 작업 없음 / no print jobs");
    }
    for j in rows {
        println!(
            "#{} {} ({:?}) {} · 출력 {} / 미출력 {} / 전체 {} · 재출력 {} · {} {} · 범위 '{}' · {}",
            j.job_id,
            j.status_ko,
            j.status,
            j.created_kst,
            j.printed,
            j.pending,
            j.total,
            j.reprints,
            j.document,
            j.format,
            j.range,
            j.printer
        );
        if let Some(p) = &j.paused {
            println!("    일시정지 [{}]: {}", p.code, p.message_ko);
            println!("    paused: {}", p.message_en);
        }
        if let Some(e) = &j.error {
            println!("    error: {e}");
        }
    }
}

fn tested(t: &TestPrintReport) {
    println!(
        "테스트 출력 / test label sent → {} ({}, {} bytes)",
        t.printer,
        t.format.id(),
        t.bytes
    );
}

fn policy_line(p: ReprintPolicy) {
    let ko = match p {
        ReprintPolicy::Same => "같은 송장번호로 재출력",
        ReprintPolicy::New => "새 송장번호로 재출력 (이전 번호 폐기)",
    };
    println!("재출력 정책 / reprint policy: {} — {ko}", p.as_str());
}

fn printers(rows: &[PrinterEntry], as_json: bool) {
    if as_json {
        return json(&rows);
    }
    for p in rows {
        println!(
            "{}{} [{}] {} {}{}",
            if p.is_default { "* " } else { "  " },
            p.uri,
            p.kind,
            p.name,
            p.format.map(|f| f.id()).unwrap_or(""),
            if p.detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", p.detail)
            }
        );
    }
}

fn audit(rows: &[ReprintAudit], as_json: bool) {
    if as_json {
        return json(&rows);
    }
    for a in rows {
        println!(
            "{} 택배 {} · {} → {} · {} · 사유 reason: {}",
            a.at_kst,
            a.parcel_id,
            a.tracking_no_old,
            a.tracking_no_new,
            a.policy.as_str(),
            a.reason
        );
    }
}
