//! USB printers without hardware. The CI containers have no USB bus (no /sys/bus/usb, no
//! usbfs), so the bulk-transfer path (claim the printer interface, detach usblp, write bulk
//! OUT) is NOT tested anywhere automatically; what is tested is that every way of asking for a
//! USB printer that is not there fails as "offline" without hanging, and that listing is safe.
#![allow(clippy::unwrap_used)]
use std::path::Path;
use std::time::Duration;

use packdesk_devices::printer::{PrinterConnection, PrinterUri, list_printers};

const TIMEOUT: Duration = Duration::from_secs(2);

#[test]
fn a_usb_printer_that_is_not_connected_is_offline() {
    // 0xfffe is not a vendor ID anyone has.
    for text in [
        "usb://fffe:0001",
        "usb://fffe:0001/SN123",
        "usb:fffe:0001:1-1.2",
    ] {
        let uri: PrinterUri = text.parse().unwrap();
        let err = PrinterConnection::open(&uri, TIMEOUT).err().unwrap();
        assert_eq!(err.code(), "PRINTER_OFFLINE", "{text}: {err:?}");
        assert_eq!(err.bytes_sent(), Some(0));
        assert!(err.message_ko().contains("USB"), "{}", err.message_ko());
    }
}

#[test]
fn a_missing_usblp_node_is_offline() {
    let uri: PrinterUri = "/dev/usb/lp97".parse().unwrap();
    assert_eq!(uri.to_string(), "usb:///dev/usb/lp97");
    assert!(!Path::new("/dev/usb/lp97").exists());
    let err = PrinterConnection::open(&uri, TIMEOUT).err().unwrap();
    assert_eq!(err.code(), "PRINTER_OFFLINE", "{err:?}");
}

#[test]
fn listing_works_without_usb_and_every_entry_opens_by_its_uri() {
    let printers = list_printers();
    for p in &printers {
        let uri: PrinterUri = p.uri.parse().unwrap_or_else(|e| panic!("{p:?}: {e}"));
        assert_eq!(uri.to_string(), p.uri, "listed URIs are canonical");
        assert!(
            ["spooler", "usb", "serial", "network"].contains(&p.kind),
            "{p:?}"
        );
        assert!(!p.name.is_empty(), "{p:?}");
    }
    if !Path::new("/sys/bus/usb/devices").exists() && !Path::new("/dev/usb").exists() {
        // This machine (and CI) has no USB at all: no USB printers, and no error either.
        assert!(printers.iter().all(|p| p.kind != "usb"), "{printers:?}");
    }
}
