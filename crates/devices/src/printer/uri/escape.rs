//! Percent-escaping for the free-text parts of a printer URI, above all the spooler queue name:
//! Windows queue names have spaces, backslashes (`\\server\Printer`) and Hangul. Only the characters that
//! would break the URI (or its round trip) are escaped, so `spooler://사무실` stays readable.

/// Escapes `%`, `?`, `#`, whitespace and control characters, and `/` and `\` unless `path`
/// (a device path keeps its separators readable: `serial:///dev/ttyUSB0`).
pub(super) fn escape(text: &str, path: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let separator = matches!(c, '/' | '\\');
        if matches!(c, '%' | '?' | '#')
            || (separator && !path)
            || c.is_whitespace()
            || c.is_control()
        {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes `%XX` escapes. A `%` not followed by two hex digits is kept as typed (a name someone
/// pasted unescaped); escapes that do not form UTF-8 are an error.
pub(super) fn unescape(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| "the escaped name is not UTF-8".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_awkward_names() {
        for name in [
            "Zebra_ZD421",
            "사무실 프린터",
            r"\\server\Label Printer",
            "50% off",
            "a%41",
            "q/instance",
            "tab\there",
        ] {
            let escaped = escape(name, false);
            assert!(!escaped.contains([' ', '/', '\\', '?', '#']), "{escaped}");
            assert_eq!(unescape(&escaped).unwrap(), name);
        }
        assert_eq!(escape("사무실 프린터", false), "사무실%20프린터");
        assert_eq!(escape("/dev/tty USB0", true), "/dev/tty%20USB0");
    }

    #[test]
    fn lenient_about_stray_percent_signs() {
        assert_eq!(unescape("50%").unwrap(), "50%");
        assert_eq!(unescape("5%zz").unwrap(), "5%zz");
        assert_eq!(unescape("%EC%82%AC").unwrap(), "사");
        assert!(unescape("%FF").is_err());
    }
}
