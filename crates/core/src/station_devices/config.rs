//! The station's device settings, kept in the settings table so the app and the CLI share them.
use packdesk_devices::scale::{LineSettings, Protocol};
use packdesk_store::{Connection, Store, settings};

/// Serial path (`/dev/ttyUSB0`, `COM3`) or USB id (`usb:VVVV:PPPP:…`).
pub const SCALE_PORT: &str = settings::SCALE_PORT;
/// Protocol id, or `auto` to detect at every open.
pub const SCALE_PROTOCOL: &str = "scale.protocol";
/// Overrides the protocol's default speed (data bits and parity stay the protocol's).
pub const SCALE_BAUD: &str = "scale.baud";
/// `1` when the stored protocol came from auto-detection (the device page says so).
pub const SCALE_DETECTED: &str = "scale.detected";
pub const SCANNER_PORT: &str = "scanner.port";
pub const SCANNER_BAUD: &str = "scanner.baud";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleConfig {
    pub port: String,
    pub protocol: Protocol,
    pub baud: Option<u32>,
    pub detected: bool,
}

impl ScaleConfig {
    pub fn is_usb(&self) -> bool {
        super::discovery::is_usb(&self.port)
    }

    /// The protocol's line settings with the configured speed.
    pub fn line_settings(&self) -> LineSettings {
        let mut settings = self.protocol.line_settings();
        if let Some(baud) = self.baud {
            settings.baud = baud;
        }
        settings
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannerSetup {
    pub port: String,
    pub baud: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Configured {
    pub scale: Option<ScaleConfig>,
    pub scanner: Option<ScannerSetup>,
}

fn text(c: &Connection, key: &str) -> packdesk_store::Result<Option<String>> {
    Ok(settings::get(c, key)?.filter(|v| !v.trim().is_empty()))
}

fn number(c: &Connection, key: &str) -> packdesk_store::Result<Option<u32>> {
    Ok(text(c, key)?.and_then(|v| v.trim().parse().ok()))
}

pub fn load(store: &Store) -> packdesk_store::Result<Configured> {
    store.read(|c| {
        let scale = match text(c, SCALE_PORT)? {
            Some(port) => Some(ScaleConfig {
                port,
                // A station set up before protocols were stored: detect it.
                protocol: text(c, SCALE_PROTOCOL)?
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(Protocol::Auto),
                baud: number(c, SCALE_BAUD)?,
                detected: text(c, SCALE_DETECTED)?.as_deref() == Some("1"),
            }),
            None => None,
        };
        let scanner = match text(c, SCANNER_PORT)? {
            Some(port) => Some(ScannerSetup {
                port,
                baud: number(c, SCANNER_BAUD)?,
            }),
            None => None,
        };
        Ok(Configured { scale, scanner })
    })
}

fn remove(c: &Connection, key: &str) -> packdesk_store::Result<()> {
    c.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}

fn set_or_remove(c: &Connection, key: &str, value: Option<String>) -> packdesk_store::Result<()> {
    match value {
        Some(v) => settings::set(c, key, &v),
        None => remove(c, key),
    }
}

pub fn save_scale(store: &Store, scale: Option<&ScaleConfig>) -> packdesk_store::Result<()> {
    store.read(|c| {
        set_or_remove(c, SCALE_PORT, scale.map(|s| s.port.clone()))?;
        set_or_remove(c, SCALE_PROTOCOL, scale.map(|s| s.protocol.id().to_owned()))?;
        set_or_remove(
            c,
            SCALE_BAUD,
            scale.and_then(|s| s.baud).map(|b| b.to_string()),
        )?;
        set_or_remove(
            c,
            SCALE_DETECTED,
            scale.filter(|s| s.detected).map(|_| "1".to_owned()),
        )
    })
}

pub fn save_scanner(store: &Store, scanner: Option<&ScannerSetup>) -> packdesk_store::Result<()> {
    store.read(|c| {
        set_or_remove(c, SCANNER_PORT, scanner.map(|s| s.port.clone()))?;
        set_or_remove(
            c,
            SCANNER_BAUD,
            scanner.and_then(|s| s.baud).map(|b| b.to_string()),
        )
    })
}
