//! Serial ports as the OS lists them, plus USB serial device nodes it may have missed.
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerialPortInfo {
    /// What to open: `/dev/ttyUSB0`, `COM3`.
    pub path: String,
    pub kind: SerialPortKind,
    /// USB vendor/product IDs and strings, when the port is a USB adapter or CDC-ACM device.
    pub vid: Option<u16>,
    pub pid: Option<u16>,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SerialPortKind {
    Usb,
    Pci,
    Bluetooth,
    /// A pseudo-terminal or other software port (simulators, virtual COM pairs).
    Virtual,
    Unknown,
}

impl SerialPortKind {
    /// Stable identifier for the UI and settings.
    pub fn id(self) -> &'static str {
        match self {
            SerialPortKind::Usb => "usb",
            SerialPortKind::Pci => "pci",
            SerialPortKind::Bluetooth => "bluetooth",
            SerialPortKind::Virtual => "virtual",
            SerialPortKind::Unknown => "unknown",
        }
    }
}

/// Every serial port the OS reports, sorted by path. Never fails: an error while enumerating
/// is logged and yields what could be found (possibly nothing).
///
/// On Linux this is serialport's sysfs scan (it is built without libudev), which reads the
/// same vendor/product strings udev would; `/dev/ttyUSB*` and `/dev/ttyACM*` nodes it did not
/// report are added as USB ports without details. Pseudo-terminals are not listed (there are
/// dozens, all terminals): the simulators' pty paths are typed in, and any typed path works.
pub fn list_serial_ports() -> Vec<SerialPortInfo> {
    let mut ports: Vec<SerialPortInfo> = if os_lists_ports() {
        match serialport::available_ports() {
            Ok(ports) => ports.into_iter().map(from_serialport).collect(),
            Err(e) => {
                tracing::warn!(error = %e, "could not list serial ports");
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    for path in usb_serial_nodes() {
        if !ports.iter().any(|p| p.path == path) {
            ports.push(SerialPortInfo {
                path,
                kind: SerialPortKind::Usb,
                vid: None,
                pid: None,
                manufacturer: None,
                product: None,
            });
        }
    }
    ports.sort_by(|a, b| a.path.cmp(&b.path));
    ports
}

/// serialport's Linux scan panics when `/sys/class/tty` is missing (minimal containers).
fn os_lists_ports() -> bool {
    !cfg!(target_os = "linux") || Path::new("/sys/class/tty").is_dir()
}

fn from_serialport(info: serialport::SerialPortInfo) -> SerialPortInfo {
    let path = info.port_name;
    let blank = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    match info.port_type {
        serialport::SerialPortType::UsbPort(usb) => SerialPortInfo {
            path,
            kind: SerialPortKind::Usb,
            vid: Some(usb.vid),
            pid: Some(usb.pid),
            manufacturer: blank(usb.manufacturer),
            product: blank(usb.product),
        },
        other => SerialPortInfo {
            kind: match other {
                serialport::SerialPortType::PciPort => SerialPortKind::Pci,
                serialport::SerialPortType::BluetoothPort => SerialPortKind::Bluetooth,
                _ if is_virtual(&path) => SerialPortKind::Virtual,
                _ => SerialPortKind::Unknown,
            },
            path,
            vid: None,
            pid: None,
            manufacturer: None,
            product: None,
        },
    }
}

fn is_virtual(path: &str) -> bool {
    path.starts_with("/dev/pts/") || path.starts_with("/dev/tnt") || path.contains("/dev/ttyV")
}

/// `/dev/ttyUSB*` (USB-serial adapters) and `/dev/ttyACM*` (CDC-ACM scanners and scales).
fn usb_serial_nodes() -> Vec<String> {
    if !cfg!(target_os = "linux") {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir("/dev") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| is_usb_serial_name(name))
        .map(|name| format!("/dev/{name}"))
        .collect()
}

fn is_usb_serial_name(name: &str) -> bool {
    ["ttyUSB", "ttyACM"].iter().any(|prefix| {
        name.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usb_serial_names() {
        assert!(is_usb_serial_name("ttyUSB0"));
        assert!(is_usb_serial_name("ttyACM12"));
        assert!(!is_usb_serial_name("ttyUSB"));
        assert!(!is_usb_serial_name("ttyS0"));
        assert!(!is_usb_serial_name("ttyUSB0.lock"));
    }

    #[test]
    fn converts_serialport_usb_info() {
        let info = from_serialport(serialport::SerialPortInfo {
            port_name: "/dev/ttyUSB0".into(),
            port_type: serialport::SerialPortType::UsbPort(serialport::UsbPortInfo {
                vid: 0x067b,
                pid: 0x2303,
                serial_number: None,
                manufacturer: Some("Prolific".into()),
                product: Some(" ".into()),
            }),
        });
        assert_eq!(info.kind, SerialPortKind::Usb);
        assert_eq!((info.vid, info.pid), (Some(0x067b), Some(0x2303)));
        assert_eq!(info.manufacturer.as_deref(), Some("Prolific"));
        assert_eq!(info.product, None, "blank strings are no product name");
        let pty = from_serialport(serialport::SerialPortInfo {
            port_name: "/dev/pts/3".into(),
            port_type: serialport::SerialPortType::Unknown,
        });
        assert_eq!(pty.kind, SerialPortKind::Virtual);
    }
}
