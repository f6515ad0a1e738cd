//! Every printer the station could print to, for the printer picker: spooler queues, USB
//! printer-class devices and serial ports. Listing never fails; whatever cannot be looked at
//! (no CUPS, no USB bus, no permission) simply adds nothing.
use super::{PrinterUri, SerialFlow, UsbPrinterId};
use crate::discovery::{self, SerialPortInfo};

pub const KIND_SPOOLER: &str = "spooler";
pub const KIND_USB: &str = "usb";
pub const KIND_SERIAL: &str = "serial";
pub const KIND_NETWORK: &str = "network";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterInfo {
    /// What to store in settings and pass to `PrinterConnection::open` (a [`PrinterUri`]).
    pub uri: String,
    /// What the operator sees: the queue name, the USB product name, the port.
    pub name: String,
    /// [`KIND_SPOOLER`], [`KIND_USB`], [`KIND_SERIAL`] or [`KIND_NETWORK`].
    pub kind: &'static str,
    /// Where it is connected, when known (a queue's device URI, USB IDs, adapter name).
    pub detail: Option<String>,
}

/// Spooler queues first (what the operator named), then USB printers, network printers behind
/// CUPS queues, and serial ports (any of which may have a printer on it, at 9600 baud until
/// set otherwise).
pub fn list_printers() -> Vec<PrinterInfo> {
    let queues = super::spooler::queues();
    let mut printers: Vec<PrinterInfo> = queues
        .iter()
        .map(|q| PrinterInfo {
            uri: PrinterUri::Spooler {
                name: q.name.clone(),
            }
            .to_string(),
            name: q.name.clone(),
            kind: KIND_SPOOLER,
            detail: q.device.clone(),
        })
        .collect();
    printers.extend(usb_printers());
    // A CUPS queue for a network printer knows its address: offer printing to it directly too
    // (raw TCP), which skips CUPS's deprecated raw queues.
    printers.extend(queues.iter().filter_map(|q| {
        let device = q.device.as_deref()?;
        let rest = device.strip_prefix("socket://")?;
        let uri: PrinterUri = format!("tcp://{rest}").parse().ok()?;
        Some(PrinterInfo {
            uri: uri.to_string(),
            name: q.name.clone(),
            kind: KIND_NETWORK,
            detail: Some(format!("인쇄 대기열 {}의 프린터 주소 (직접 연결)", q.name)),
        })
    }));
    printers.extend(
        discovery::list_serial_ports()
            .into_iter()
            .map(serial_printer),
    );
    printers
}

fn serial_printer(port: SerialPortInfo) -> PrinterInfo {
    let uri = PrinterUri::Serial {
        path: port.path.clone(),
        baud: super::DEFAULT_SERIAL_BAUD,
        flow: SerialFlow::None,
    };
    let ids = port
        .vid
        .zip(port.pid)
        .map(|(v, p)| format!("{v:04x}:{p:04x}"));
    let detail = [port.manufacturer.clone(), port.product.clone(), ids]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    PrinterInfo {
        uri: uri.to_string(),
        name: port.product.unwrap_or_else(|| port.path.clone()),
        kind: KIND_SERIAL,
        detail: Some(if detail.is_empty() {
            format!("{} 시리얼 포트", port.kind.id())
        } else {
            detail
        }),
    }
}

fn usb_info(
    vid: u16,
    pid: u16,
    tail: Option<String>,
    manufacturer: Option<String>,
    product: Option<String>,
) -> PrinterInfo {
    let uri = PrinterUri::Usb {
        id: UsbPrinterId::Device {
            vid,
            pid,
            serial: tail.clone(),
        },
    };
    let ids = format!("{vid:04x}:{pid:04x}");
    let detail = [manufacturer, product.clone(), Some(ids.clone()), tail]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    PrinterInfo {
        uri: uri.to_string(),
        name: product.unwrap_or_else(|| format!("USB 프린터 {ids}")),
        kind: KIND_USB,
        detail: Some(detail),
    }
}

/// Linux: from sysfs (no libusb, no permission needed) plus the usblp nodes.
#[cfg(target_os = "linux")]
fn usb_printers() -> Vec<PrinterInfo> {
    let mut printers: Vec<PrinterInfo> = discovery::list_usb_devices()
        .into_iter()
        .filter(|d| d.class == discovery::UsbClass::Printer)
        .map(|d| {
            let tail = d.id.parse::<discovery::UsbId>().ok().and_then(|id| id.tail);
            usb_info(d.vid, d.pid, tail, d.manufacturer, d.product)
        })
        .collect();
    let mut nodes: Vec<String> = std::fs::read_dir("/dev/usb")
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.starts_with("lp"))
                .map(|n| format!("/dev/usb/{n}"))
                .collect()
        })
        .unwrap_or_default();
    nodes.sort();
    for node in nodes {
        let Ok(uri) = node.parse::<PrinterUri>() else {
            continue;
        };
        if !matches!(uri, PrinterUri::Usb { .. }) {
            continue;
        }
        printers.push(PrinterInfo {
            uri: uri.to_string(),
            name: node.clone(),
            kind: KIND_USB,
            detail: Some("usblp 커널 드라이버".into()),
        });
    }
    printers
}

/// Windows, macOS: libusb's view (printers there are more often used through the spooler).
#[cfg(not(target_os = "linux"))]
fn usb_printers() -> Vec<PrinterInfo> {
    super::usb::usb_printers()
        .into_iter()
        .map(|p| usb_info(p.vid, p.pid, p.tail, p.manufacturer, p.product))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discovery::SerialPortKind;

    #[test]
    fn serial_ports_are_offered_at_the_default_speed() {
        let info = serial_printer(SerialPortInfo {
            path: "/dev/ttyUSB0".into(),
            kind: SerialPortKind::Usb,
            vid: Some(0x067b),
            pid: Some(0x2303),
            manufacturer: Some("Prolific".into()),
            product: None,
        });
        assert_eq!(info.uri, "serial:///dev/ttyUSB0?baud=9600");
        assert_eq!(info.name, "/dev/ttyUSB0");
        assert_eq!(info.kind, "serial");
        assert_eq!(info.detail.as_deref(), Some("Prolific 067b:2303"));
        assert!(info.uri.parse::<PrinterUri>().is_ok());
    }

    #[test]
    fn usb_printers_get_a_uri_that_opens_them() {
        let info = usb_info(
            0x0a5f,
            0x0166,
            Some("D4J12".into()),
            Some("Zebra".into()),
            Some("ZD421".into()),
        );
        assert_eq!(info.uri, "usb://0a5f:0166/D4J12");
        assert_eq!(info.name, "ZD421");
        assert_eq!(info.detail.as_deref(), Some("Zebra ZD421 0a5f:0166 D4J12"));
        let bare = usb_info(0x1203, 0x0230, None, None, None);
        assert_eq!(bare.uri, "usb://1203:0230");
        assert_eq!(bare.name, "USB 프린터 1203:0230");
    }
}
