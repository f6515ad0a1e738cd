//! Where a printer lives, as the one line of text settings store:
//! - `tcp://HOST[:PORT]` — a raw network printer (JetDirect, port 9100);
//! - `serial:///dev/ttyUSB0?baud=9600[&flow=rtscts]` — a serial label printer (8N1);
//! - `usb://VVVV:PPPP[/SERIAL]` — a USB printer-class device driven directly (bulk OUT), or
//!   `usb:///dev/usb/lp0` — the Linux usblp node of one;
//! - `spooler://NAME` — an OS print queue (CUPS on Linux/macOS, the Windows spooler), fed RAW;
//! - `file:///PATH` or a plain path — a file (a PDF label, or a capture for debugging).
mod escape;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use super::PrinterError;
use crate::discovery::UsbId;
use escape::{escape, unescape};

/// The JetDirect/RAW port almost every network label and receipt printer listens on.
pub const DEFAULT_RAW_PORT: u16 = 9100;
/// What serial label and receipt printers ship set to.
pub const DEFAULT_SERIAL_BAUD: u32 = 9600;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrinterUri {
    /// A raw network printer: bytes go straight to `host:port`.
    Tcp { host: String, port: u16 },
    /// A file the job is written to (a PDF label, or a capture for debugging).
    File(PathBuf),
    /// A serial port (`/dev/ttyUSB0`, `COM3`), 8 data bits, no parity, 1 stop bit.
    Serial {
        path: String,
        baud: u32,
        flow: SerialFlow,
    },
    /// A USB printer-class device.
    Usb { id: UsbPrinterId },
    /// An OS print queue, by the name the OS lists it under.
    Spooler { name: String },
}

/// Serial flow control. Label printers raise CTS only while their buffer has room, so a long
/// job without RTS/CTS overruns it and loses bytes; receipt printers mostly need none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SerialFlow {
    #[default]
    None,
    /// Hardware (RTS/CTS).
    RtsCts,
    /// Software (XON/XOFF).
    XonXoff,
}

impl SerialFlow {
    /// The `flow=` value in a `serial://` URI.
    pub fn id(self) -> &'static str {
        match self {
            SerialFlow::None => "none",
            SerialFlow::RtsCts => "rtscts",
            SerialFlow::XonXoff => "xonxoff",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "none" | "off" => Some(SerialFlow::None),
            "rtscts" | "rts/cts" | "hardware" => Some(SerialFlow::RtsCts),
            "xonxoff" | "xon/xoff" | "software" => Some(SerialFlow::XonXoff),
            _ => None,
        }
    }
}

/// Which USB printer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UsbPrinterId {
    /// Found by vendor and product ID; `serial` (the device's serial number, or where it is
    /// plugged in such as `1-1.2` when it has none) picks one of several alike, `None` the first.
    Device {
        vid: u16,
        pid: u16,
        serial: Option<String>,
    },
    /// A Linux usblp device node (`/dev/usb/lp0`), written like a file while the kernel driver
    /// keeps the device.
    Node(PathBuf),
}

impl FromStr for PrinterUri {
    type Err = PrinterError;

    /// Accepts the forms in the module docs, plus CUPS' `socket://` spelling of `tcp://`,
    /// discovery's `usb:VVVV:PPPP[:SERIAL]`, and a plain `/dev/usb/lpN` path.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let trimmed = input.trim();
        let bad = |reason: &str| PrinterError::BadUri {
            input: input.to_owned(),
            reason: reason.to_owned(),
        };
        if trimmed.is_empty() {
            return Err(bad("empty"));
        }
        let Some((scheme, rest)) = trimmed.split_once("://") else {
            if UsbId::is_usb_id(trimmed) {
                return parse_discovery_usb_id(trimmed).map_err(|reason| bad(&reason));
            }
            if is_usblp_node(trimmed) {
                return Ok(PrinterUri::Usb {
                    id: UsbPrinterId::Node(PathBuf::from(trimmed)),
                });
            }
            // `192.168.0.50:9100` or `192.168.0.50` typed without tcp:// is a network printer,
            // not a file of that name in the working directory.
            if looks_like_host(trimmed) {
                return parse_host_port(trimmed).map_err(|reason| bad(&reason));
            }
            return Ok(PrinterUri::File(PathBuf::from(trimmed)));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "tcp" | "socket" => parse_host_port(rest).map_err(|reason| bad(&reason)),
            "file" => {
                let url = url::Url::parse(trimmed).map_err(|e| bad(&e.to_string()))?;
                let path = url
                    .to_file_path()
                    .map_err(|()| bad("file URI must hold an absolute local path"))?;
                Ok(PrinterUri::File(path))
            }
            "serial" => parse_serial(rest).map_err(|reason| bad(&reason)),
            "usb" => parse_usb(rest).map_err(|reason| bad(&reason)),
            "spooler" => parse_spooler(rest).map_err(|reason| bad(&reason)),
            other => Err(bad(&format!(
                "unsupported scheme '{other}' (use tcp://, serial://, usb://, spooler:// or file://)"
            ))),
        }
    }
}

/// An IPv4 address, optionally with `:port` — what people type for a network label printer.
fn looks_like_host(s: &str) -> bool {
    let (host, port) = s.rsplit_once(':').unwrap_or((s, "9100"));
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()))
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
}

/// `/dev/usb/lp0`: what the Linux usblp driver creates for a USB printer.
fn is_usblp_node(path: &str) -> bool {
    path.strip_prefix("/dev/usb/lp")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_serial(rest: &str) -> Result<PrinterUri, String> {
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    if path.contains('#') {
        return Err("a serial port URI has no fragment".into());
    }
    let path = unescape(path)?;
    if path.trim().is_empty() {
        return Err("missing serial port (e.g. serial:///dev/ttyUSB0 or serial://COM3)".into());
    }
    let mut baud = DEFAULT_SERIAL_BAUD;
    let mut flow = SerialFlow::None;
    for pair in query.into_iter().flat_map(|q| q.split('&')) {
        if pair.is_empty() {
            continue;
        }
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key.to_ascii_lowercase().as_str() {
            "baud" => {
                baud = match value.parse::<u32>() {
                    Ok(b) if (50..=4_000_000).contains(&b) => b,
                    _ => return Err(format!("invalid baud rate '{value}'")),
                }
            }
            "flow" => {
                flow = SerialFlow::parse(value).ok_or_else(|| {
                    format!("invalid flow control '{value}' (use none, rtscts or xonxoff)")
                })?
            }
            other => return Err(format!("unknown serial setting '{other}' (use baud, flow)")),
        }
    }
    Ok(PrinterUri::Serial { path, baud, flow })
}

fn parse_usb(rest: &str) -> Result<PrinterUri, String> {
    if rest.starts_with('/') {
        if rest.contains(['?', '#']) {
            return Err("a USB device path has no query or fragment".into());
        }
        return Ok(PrinterUri::Usb {
            id: UsbPrinterId::Node(PathBuf::from(unescape(rest)?)),
        });
    }
    let (ids, serial) = match rest.split_once('/') {
        Some((ids, serial)) => (ids, Some(serial)),
        None => (rest, None),
    };
    let (vid, pid) = ids
        .split_once(':')
        .and_then(|(v, p)| Some((hex4(v)?, hex4(p)?)))
        .ok_or_else(|| format!("'{ids}' is not VVVV:PPPP (hex vendor and product ID)"))?;
    let serial = match serial {
        None | Some("") => None,
        Some(s) if s.contains(['?', '#']) => {
            return Err("a USB printer URI has no query or fragment".into());
        }
        Some(s) => Some(unescape(s)?),
    };
    Ok(PrinterUri::Usb {
        id: UsbPrinterId::Device { vid, pid, serial },
    })
}

fn hex4(text: &str) -> Option<u16> {
    (text.len() == 4)
        .then(|| u16::from_str_radix(text, 16).ok())
        .flatten()
}

fn parse_discovery_usb_id(text: &str) -> Result<PrinterUri, String> {
    let id: UsbId = text
        .parse()
        .map_err(|e: crate::discovery::UsbIdError| e.to_string())?;
    let (vid, pid) = id
        .ids
        .ok_or_else(|| "a printer needs the vendor and product ID: usb://VVVV:PPPP".to_string())?;
    Ok(PrinterUri::Usb {
        id: UsbPrinterId::Device {
            vid,
            pid,
            serial: id.tail,
        },
    })
}

fn parse_spooler(rest: &str) -> Result<PrinterUri, String> {
    // A trailing slash is a copy-paste leftover; a slash inside is a CUPS instance (`q/copy`).
    let name = rest.strip_suffix('/').unwrap_or(rest);
    if name.contains(['?', '#']) {
        return Err("a queue URI has no query or fragment".into());
    }
    let name = unescape(name)?;
    if name.trim().is_empty() {
        return Err("missing queue name (e.g. spooler://Zebra_ZD421)".into());
    }
    Ok(PrinterUri::Spooler { name })
}

fn parse_host_port(rest: &str) -> Result<PrinterUri, String> {
    // A trailing slash is a common copy-paste leftover; anything after it is not ours to ignore.
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains('/') || authority.contains('?') || authority.contains('#') {
        return Err("a printer URI has no path, query or fragment".into());
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        // IPv6 literal: [addr] or [addr]:port
        let (host, after) = bracketed
            .split_once(']')
            .ok_or_else(|| "unclosed '[' in IPv6 address".to_string())?;
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| "expected ':' after ']'".to_string())?,
            ),
        };
        (host, port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("missing host".into());
    }
    if host.contains(char::is_whitespace) {
        return Err("host contains whitespace".into());
    }
    let port = match port {
        None => DEFAULT_RAW_PORT,
        Some(p) => match p.parse::<u16>() {
            Ok(0) | Err(_) => return Err(format!("invalid port '{p}'")),
            Ok(n) => n,
        },
    };
    Ok(PrinterUri::Tcp {
        host: host.to_owned(),
        port,
    })
}

impl fmt::Display for PrinterUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrinterUri::Tcp { host, port } if host.contains(':') => {
                write!(f, "tcp://[{host}]:{port}")
            }
            PrinterUri::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            PrinterUri::File(path) => match url::Url::from_file_path(path) {
                Ok(url) => f.write_str(url.as_str()),
                // Relative paths have no file URI; the plain path parses back to the same value.
                Err(()) => write!(f, "{}", path.display()),
            },
            PrinterUri::Serial { path, baud, flow } => {
                write!(f, "serial://{}?baud={baud}", escape(path, true))?;
                match flow {
                    SerialFlow::None => Ok(()),
                    other => write!(f, "&flow={}", other.id()),
                }
            }
            PrinterUri::Usb {
                id: UsbPrinterId::Device { vid, pid, serial },
            } => {
                write!(f, "usb://{vid:04x}:{pid:04x}")?;
                match serial {
                    Some(serial) => write!(f, "/{}", escape(serial, false)),
                    None => Ok(()),
                }
            }
            PrinterUri::Usb {
                id: UsbPrinterId::Node(path),
            } => write!(f, "usb://{}", escape(&path.to_string_lossy(), true)),
            PrinterUri::Spooler { name } => write!(f, "spooler://{}", escape(name, false)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_ip_address_is_a_network_printer_not_a_file() {
        let with_port: PrinterUri = "192.168.0.50:9100".parse().unwrap();
        assert_eq!(with_port.to_string(), "tcp://192.168.0.50:9100");
        let without: PrinterUri = "10.0.0.7".parse().unwrap();
        assert!(
            without.to_string().starts_with("tcp://10.0.0.7"),
            "{without}"
        );
        // Files stay files.
        assert!(matches!(
            "labels.pdf".parse::<PrinterUri>().unwrap(),
            PrinterUri::File(_)
        ));
        assert!(matches!(
            "out/1.2.3.4.pdf".parse::<PrinterUri>().unwrap(),
            PrinterUri::File(_)
        ));
    }

    fn parse(s: &str) -> PrinterUri {
        s.parse().unwrap()
    }

    #[test]
    fn tcp_with_and_without_port() {
        assert_eq!(
            parse("tcp://192.168.0.50:9101"),
            PrinterUri::Tcp {
                host: "192.168.0.50".into(),
                port: 9101
            }
        );
        assert_eq!(
            parse("tcp://zebra.local"),
            PrinterUri::Tcp {
                host: "zebra.local".into(),
                port: 9100
            }
        );
        assert_eq!(
            parse("socket://10.0.0.2/"),
            PrinterUri::Tcp {
                host: "10.0.0.2".into(),
                port: 9100
            }
        );
        assert_eq!(
            parse("tcp://[::1]:9200"),
            PrinterUri::Tcp {
                host: "::1".into(),
                port: 9200
            }
        );
        assert_eq!(
            parse("tcp://[fe80::1]"),
            PrinterUri::Tcp {
                host: "fe80::1".into(),
                port: 9100
            }
        );
    }

    #[test]
    fn files_from_uri_and_plain_path() {
        assert_eq!(
            parse("file:///tmp/label.pdf"),
            PrinterUri::File("/tmp/label.pdf".into())
        );
        assert_eq!(
            parse("file:///tmp/%EB%9D%BC%EB%B2%A8%20a.pdf"),
            PrinterUri::File("/tmp/라벨 a.pdf".into())
        );
        assert_eq!(
            parse("/var/out/job.zpl"),
            PrinterUri::File("/var/out/job.zpl".into())
        );
        assert_eq!(parse("out/job.zpl"), PrinterUri::File("out/job.zpl".into()));
    }

    #[test]
    fn serial_ports_with_settings() {
        assert_eq!(
            parse("serial:///dev/ttyUSB0?baud=9600"),
            PrinterUri::Serial {
                path: "/dev/ttyUSB0".into(),
                baud: 9600,
                flow: SerialFlow::None
            }
        );
        assert_eq!(
            parse("serial:///dev/ttyUSB0"),
            parse("serial:///dev/ttyUSB0?baud=9600")
        );
        assert_eq!(
            parse("serial://COM3?flow=RTSCTS&baud=115200"),
            PrinterUri::Serial {
                path: "COM3".into(),
                baud: 115_200,
                flow: SerialFlow::RtsCts
            }
        );
    }

    #[test]
    fn usb_printers_by_ids_or_node() {
        assert_eq!(
            parse("usb://0A5F:0166/D4J123"),
            PrinterUri::Usb {
                id: UsbPrinterId::Device {
                    vid: 0x0a5f,
                    pid: 0x0166,
                    serial: Some("D4J123".into())
                }
            }
        );
        assert_eq!(
            parse("usb://0a5f:0166"),
            PrinterUri::Usb {
                id: UsbPrinterId::Device {
                    vid: 0x0a5f,
                    pid: 0x0166,
                    serial: None
                }
            }
        );
        // The id the device page shows (discovery's form) works as a printer address too.
        assert_eq!(parse("usb:0a5f:0166:1-1.2"), parse("usb://0a5f:0166/1-1.2"));
        let node = PrinterUri::Usb {
            id: UsbPrinterId::Node("/dev/usb/lp0".into()),
        };
        assert_eq!(parse("usb:///dev/usb/lp0"), node);
        assert_eq!(parse("/dev/usb/lp0"), node);
        // Only usblp nodes are USB; other device paths stay files.
        assert_eq!(
            parse("/dev/usb/lpx"),
            PrinterUri::File("/dev/usb/lpx".into())
        );
    }

    #[test]
    fn spooler_queues_by_name() {
        assert_eq!(
            parse("spooler://Zebra_ZD421"),
            PrinterUri::Spooler {
                name: "Zebra_ZD421".into()
            }
        );
        assert_eq!(
            parse("spooler://%5C%5Cserver%5CLabel%20Printer"),
            PrinterUri::Spooler {
                name: r"\\server\Label Printer".into()
            }
        );
        assert_eq!(
            parse("spooler://사무실 프린터").to_string(),
            "spooler://사무실%20프린터"
        );
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "  ",
            "tcp://",
            "tcp://:9100",
            "tcp://host:0",
            "tcp://host:99999",
            "tcp://h:x",
            "tcp://host/path",
            "ipp://printer/queue",
            "file://relative",
            "serial://",
            "serial://?baud=9600",
            "serial:///dev/ttyUSB0?baud=0",
            "serial:///dev/ttyUSB0?baud=fast",
            "serial:///dev/ttyUSB0?baudrate=9600",
            "serial:///dev/ttyUSB0?flow=maybe",
            "usb://",
            "usb://04b8",
            "usb://04b8:20",
            "usb://zzzz:0202",
            "usb://04b8:0202/x?y",
            "usb:",
            "spooler://",
            "spooler:///",
            "spooler://q?x=1",
        ] {
            let err = bad.parse::<PrinterUri>().unwrap_err();
            assert_eq!(err.code(), "PRINTER_BAD_URI", "{bad:?} gave {err}");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "tcp://127.0.0.1:9100",
            "tcp://[::1]:9200",
            "file:///tmp/a%20b.pdf",
            "tcp://zebra.local:9100",
            "serial:///dev/ttyUSB0?baud=9600",
            "serial:///dev/ttyS1?baud=115200&flow=rtscts",
            "serial://COM3?baud=19200&flow=xonxoff",
            "usb://0a5f:0166",
            "usb://0a5f:0166/D4J123456",
            "usb:///dev/usb/lp0",
            "spooler://Zebra_ZD421",
            "spooler://사무실%20프린터",
            r"spooler://%5C%5Cserver%5CLabel%20Printer",
        ] {
            let uri = parse(s);
            assert_eq!(uri.to_string(), s);
            assert_eq!(parse(&uri.to_string()), uri);
        }
        for s in [
            "/tmp/라벨.pdf",
            "rel/out.zpl",
            "socket://host",
            "tcp://host",
            "serial:///dev/ttyUSB0",
            "SERIAL:///dev/ttyUSB0?flow=hardware&baud=38400",
            "usb://0A5F:0166/",
            "usb:0a5f:0166:1-1.2",
            "/dev/usb/lp1",
            "spooler://Zebra/",
            "spooler://사무실 프린터",
            "spooler://q/instance",
        ] {
            let uri = parse(s);
            assert_eq!(parse(&uri.to_string()), uri, "{s}");
        }
    }
}
