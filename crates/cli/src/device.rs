//! `packdesk device …`: the station's scale and serial scanner settings (the same ones the
//! app's device page sets), and what is plugged in.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use packdesk_core::{
    Desk, DeskOptions, DeviceError, DeviceLink, DeviceList, ScaleDeviceState, ScannerDeviceState,
};

#[derive(Subcommand)]
pub enum DeviceCommand {
    /// Set the station's scale: a serial port (/dev/ttyUSB0, COM3) or a USB id (usb, usb:VVVV:PPPP)
    SetScale {
        port: String,
        /// auto (detect now) | cas22 | cas10 | cas-ecr | and-standard | generic | toledo | mtsics | adam
        #[arg(long, default_value = "auto")]
        protocol: String,
        /// Overrides the protocol's speed (not with auto)
        #[arg(long)]
        baud: Option<u32>,
    },
    /// Set the station's serial / CDC-ACM scanner (its scans ship parcels in the app)
    SetScanner {
        port: String,
        #[arg(long)]
        baud: Option<u32>,
    },
    /// Forget the station's scale
    ClearScale,
    /// Forget the station's scanner
    ClearScanner,
    /// Ports, USB devices, and the station's scale and scanner
    Show {
        #[arg(long)]
        json: bool,
    },
}

fn fail(e: &DeviceError) -> ExitCode {
    eprintln!("오류 [{}]: {}", e.code(), e.message_ko());
    eprintln!("error [{}]: {e}", e.code());
    ExitCode::from(1)
}

fn link(l: DeviceLink) -> &'static str {
    match l {
        DeviceLink::Connected => "연결됨 connected",
        DeviceLink::Disconnected => "끊김 disconnected",
        DeviceLink::NotConfigured => "설정 안 됨 not configured",
    }
}

fn print_scale(s: &ScaleDeviceState) {
    match &s.port {
        None => println!("저울 scale: {}", link(s.link)),
        Some(port) => {
            println!(
                "저울 scale: {port} — {} {}{} · {} · frames {} · garbled {}",
                s.protocol.as_deref().unwrap_or("?"),
                s.baud.map(|b| format!("{b} baud")).unwrap_or_default(),
                if s.detected {
                    " (자동 감지 detected)"
                } else {
                    ""
                },
                link(s.link),
                s.frames,
                s.garbled
            );
            if let (Some(ko), Some(en)) = (&s.message_ko, &s.message_en) {
                println!("  {ko}\n  {en}");
            }
        }
    }
}

fn print_scanner(s: &ScannerDeviceState) {
    match &s.port {
        None => println!("스캐너 scanner: {}", link(s.link)),
        Some(port) => {
            println!(
                "스캐너 scanner: {port} — {} baud · {} · scans {}",
                s.baud.unwrap_or(9600),
                link(s.link),
                s.scans
            );
            if let (Some(ko), Some(en)) = (&s.message_ko, &s.message_en) {
                println!("  {ko}\n  {en}");
            }
        }
    }
}

fn print_list(list: &DeviceList) {
    println!("시리얼 포트 serial ports:");
    if list.serial.is_empty() {
        println!("  (없음 none)");
    }
    for p in &list.serial {
        let ids = match (p.vid, p.pid) {
            (Some(v), Some(p)) => format!(" {v:04x}:{p:04x}"),
            _ => String::new(),
        };
        let name = [p.manufacturer.as_deref(), p.product.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let used = p
            .in_use
            .as_deref()
            .map(|u| format!(" [{u}]"))
            .unwrap_or_default();
        println!("  {} ({}{ids}) {name}{used}", p.path, p.kind);
    }
    println!("USB 장치 USB devices:");
    if list.usb.is_empty() {
        println!("  (없음 none)");
    }
    for u in &list.usb {
        println!(
            "  {} [{}] {} {}",
            u.id,
            u.class,
            u.manufacturer.as_deref().unwrap_or(""),
            u.product.as_deref().unwrap_or("")
        );
    }
    print_scale(&list.scale);
    print_scanner(&list.scanner);
}

pub fn run(db: Option<PathBuf>, command: &DeviceCommand) -> ExitCode {
    let db = db.unwrap_or_else(packdesk_core::paths::default_db);
    let desk = match Desk::open(DeskOptions::new(db)) {
        Ok(desk) => desk,
        Err(e) => return fail(&DeviceError::Desk(e)),
    };
    let done = match command {
        DeviceCommand::SetScale {
            port,
            protocol,
            baud,
        } => desk
            .set_scale(port, protocol, *baud)
            .map(|s| print_scale(&s)),
        DeviceCommand::SetScanner { port, baud } => {
            desk.set_scanner(port, *baud).map(|s| print_scanner(&s))
        }
        DeviceCommand::ClearScale => desk
            .clear_scale()
            .map(|()| println!("저울 설정 삭제 / scale cleared")),
        DeviceCommand::ClearScanner => desk
            .clear_scanner()
            .map(|()| println!("스캐너 설정 삭제 / scanner cleared")),
        DeviceCommand::Show { json } => {
            // The configured devices are opened so their state is real (a port the running
            // app holds shows as busy).
            let opened = desk.open_devices().map_err(DeviceError::Desk);
            opened.map(|()| {
                let list = desk.devices();
                if *json {
                    match serde_json::to_string_pretty(&list) {
                        Ok(s) => println!("{s}"),
                        Err(e) => eprintln!("error: {e}"),
                    }
                } else {
                    print_list(&list);
                }
            })
        }
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}
