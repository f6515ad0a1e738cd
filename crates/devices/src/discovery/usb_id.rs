//! The text that names one USB device in settings and on the command line:
//! `usb:VVVV:PPPP:serial-or-path` (hex vendor and product IDs). Shorter forms select the first
//! matching scale: `usb` (any HID scale) and `usb:VVVV:PPPP` (any with those IDs).
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UsbId {
    /// Vendor and product ID; `None` for a bare `usb` (the first scale found).
    pub ids: Option<(u16, u16)>,
    /// The device's serial number, or where it is plugged in when it has none (on Linux the
    /// USB port, e.g. `1-1.2`; elsewhere the OS device path). May contain `:`.
    pub tail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a USB device id (expected usb, usb:VVVV:PPPP or usb:VVVV:PPPP:SERIAL)")]
pub struct UsbIdError {
    pub text: String,
}

impl UsbIdError {
    pub fn code(&self) -> &'static str {
        "USB_ID_INVALID"
    }

    pub fn message_ko(&self) -> String {
        format!(
            "'{}'은(는) USB 장치 이름이 아닙니다. usb, usb:VVVV:PPPP 또는 usb:VVVV:PPPP:일련번호 형식으로 적어 주세요.",
            self.text
        )
    }
}

impl UsbId {
    pub fn new(vid: u16, pid: u16, tail: impl Into<String>) -> Self {
        let tail = tail.into();
        Self {
            ids: Some((vid, pid)),
            tail: (!tail.is_empty()).then_some(tail),
        }
    }

    /// Whether `text` names a USB device rather than a serial port path.
    pub fn is_usb_id(text: &str) -> bool {
        let text = text.trim();
        text.eq_ignore_ascii_case("usb")
            || text
                .get(..4)
                .is_some_and(|head| head.eq_ignore_ascii_case("usb:"))
    }

    /// Whether a device with these IDs and tail is the one named (a shorter id matches more).
    pub fn matches(&self, vid: u16, pid: u16, tail: &str) -> bool {
        self.ids.is_none_or(|ids| ids == (vid, pid))
            && self.tail.as_deref().is_none_or(|t| t == tail)
    }
}

impl fmt::Display for UsbId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("usb")?;
        if let Some((vid, pid)) = self.ids {
            write!(f, ":{vid:04x}:{pid:04x}")?;
            if let Some(tail) = &self.tail {
                write!(f, ":{tail}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for UsbId {
    type Err = UsbIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || UsbIdError { text: s.to_owned() };
        let text = s.trim();
        if !Self::is_usb_id(text) {
            return Err(bad());
        }
        let rest = text.get(4..).unwrap_or_default();
        if rest.is_empty() {
            return Ok(Self {
                ids: None,
                tail: None,
            });
        }
        let mut parts = rest.splitn(3, ':');
        let hex = |part: Option<&str>| {
            part.filter(|p| p.len() == 4)
                .and_then(|p| u16::from_str_radix(p, 16).ok())
        };
        let vid = hex(parts.next()).ok_or_else(bad)?;
        let pid = hex(parts.next()).ok_or_else(bad)?;
        let tail = parts.next().unwrap_or_default();
        Ok(Self::new(vid, pid, tail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_and_round_trips() {
        let any: UsbId = "usb".parse().unwrap();
        assert_eq!(any.ids, None);
        assert_eq!(any.to_string(), "usb");
        assert_eq!("USB:".parse::<UsbId>().unwrap(), any);

        let ids: UsbId = "usb:0922:8003".parse().unwrap();
        assert_eq!(ids.ids, Some((0x0922, 0x8003)));
        assert_eq!(ids.tail, None);
        assert_eq!(ids.to_string(), "usb:0922:8003");

        let full: UsbId = "usb:0eb8:F000:\\\\?\\hid#vid_0eb8:x".parse().unwrap();
        assert_eq!(full.ids, Some((0x0eb8, 0xf000)));
        assert_eq!(full.tail.as_deref(), Some("\\\\?\\hid#vid_0eb8:x"));
        assert_eq!(full.to_string(), "usb:0eb8:f000:\\\\?\\hid#vid_0eb8:x");
    }

    #[test]
    fn rejects_non_usb_text() {
        for bad in [
            "/dev/ttyUSB0",
            "usb:09:8003",
            "usb:zzzz:8003",
            "usb:0922",
            "usbx",
            "",
        ] {
            let err = bad.parse::<UsbId>().unwrap_err();
            assert_eq!(err.code(), "USB_ID_INVALID", "{bad}");
        }
        assert!(!UsbId::is_usb_id("/dev/ttyUSB0"));
        assert!(UsbId::is_usb_id("usb:0922:8003"));
    }

    #[test]
    fn shorter_ids_match_more() {
        let any: UsbId = "usb".parse().unwrap();
        let ids: UsbId = "usb:0922:8003".parse().unwrap();
        let full: UsbId = "usb:0922:8003:1-1.2".parse().unwrap();
        assert!(any.matches(1, 2, "x"));
        assert!(ids.matches(0x0922, 0x8003, "1-3"));
        assert!(!ids.matches(0x0922, 0x8004, "1-3"));
        assert!(full.matches(0x0922, 0x8003, "1-1.2"));
        assert!(!full.matches(0x0922, 0x8003, "1-3"));
    }
}
