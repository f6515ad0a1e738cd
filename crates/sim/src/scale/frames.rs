//! Byte-exact frames as the real indicators send them (hardware reference §1.1).
use super::SimScaleProtocol;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    Weight { grams: i64, stable: bool },
    Overload,
}

/// CAS lamp byte: b7 always set, b5 set on CI-400 class indicators, b2 gross.
const CAS_LAMP_BASE: u8 = 0x80 | 0x20 | 0x04;
const CAS_LAMP_STABLE: u8 = 0x40;

pub(super) fn encode(protocol: SimScaleProtocol, frame: Frame) -> Vec<u8> {
    match (protocol, frame) {
        (SimScaleProtocol::Generic, Frame::Weight { grams, stable }) => {
            format!("{},GS,{}kg\r\n", header(stable), signed_kg(grams)).into_bytes()
        }
        (SimScaleProtocol::Generic, Frame::Overload) => b"OL,GS,+    .   kg\r\n".to_vec(),
        (SimScaleProtocol::AndStandard, Frame::Weight { grams, stable }) => {
            format!("{},{} kg\r\n", header(stable), signed_kg(grams)).into_bytes()
        }
        (SimScaleProtocol::AndStandard, Frame::Overload) => b"OL,+9999999E+19\r\n".to_vec(),
        (SimScaleProtocol::Cas22, Frame::Weight { grams, stable }) => {
            let lamp = CAS_LAMP_BASE | if stable { CAS_LAMP_STABLE } else { 0 };
            cas22(header(stable).as_bytes(), lamp, cas_data(grams).as_bytes())
        }
        (SimScaleProtocol::Cas22, Frame::Overload) => cas22(b"OL", CAS_LAMP_BASE, b"        "),
        (SimScaleProtocol::Cas10, Frame::Weight { grams, .. }) => {
            format!("{}\r\n", cas_data(grams)).into_bytes()
        }
        // The 10-byte format has no status; indicators blank the digits when over.
        (SimScaleProtocol::Cas10, Frame::Overload) => b"        \r\n".to_vec(),
        (SimScaleProtocol::Toledo8217, Frame::Weight { grams, stable }) => {
            if grams < 0 {
                b"\x02?D\r".to_vec()
            } else if !stable {
                b"\x02?A\r".to_vec()
            } else {
                format!("\x02{}\r", unsigned_kg(grams, 2)).into_bytes()
            }
        }
        (SimScaleProtocol::Toledo8217, Frame::Overload) => b"\x02?B\r".to_vec(),
        (SimScaleProtocol::MtSics, Frame::Weight { grams, stable }) => {
            let kind = if stable { 'S' } else { 'D' };
            let sign = if grams < 0 { "-" } else { "" };
            let value = format!("{sign}{}", unsigned_kg(grams, 1));
            format!("S {kind} {value:>10} kg\r\n").into_bytes()
        }
        (SimScaleProtocol::MtSics, Frame::Overload) => b"S +\r\n".to_vec(),
        (SimScaleProtocol::CasEcr, Frame::Weight { grams, stable }) => {
            let sign = if grams < 0 { b'-' } else { b' ' };
            ecr(
                if stable { b'S' } else { b'U' },
                sign,
                &unsigned_kg(grams, 2),
            )
        }
        (SimScaleProtocol::CasEcr, Frame::Overload) => ecr(b'S', b'F', "99.999"),
        (SimScaleProtocol::Adam, Frame::Weight { grams, .. }) => {
            let sign = if grams < 0 { "-" } else { "" };
            format!("{:>8}kg\r\n", format!("{sign}{}", unsigned_kg(grams, 1))).into_bytes()
        }
        (SimScaleProtocol::Adam, Frame::Overload) => Vec::new(),
    }
}

/// `01.234` with at least `int_digits` integer digits.
fn unsigned_kg(grams: i64, int_digits: usize) -> String {
    let g = grams.unsigned_abs();
    format!("{:0int_digits$}.{:03}", g / 1000, g % 1000)
}

/// `SOH STX STA SIGN weight kg BCC ETX EOT`, BCC = XOR of the bytes between STX and BCC.
fn ecr(status: u8, sign: u8, weight: &str) -> Vec<u8> {
    let mut body = vec![status, sign];
    body.extend_from_slice(weight.as_bytes());
    body.extend_from_slice(b"kg");
    let bcc = body.iter().fold(0u8, |acc, b| acc ^ b);
    let mut frame = vec![0x01, 0x02];
    frame.extend_from_slice(&body);
    frame.extend_from_slice(&[bcc, 0x03, 0x04]);
    frame
}

fn header(stable: bool) -> &'static str {
    if stable { "ST" } else { "US" }
}

/// `+0001.234` (sign and 8 characters including the decimal point).
fn signed_kg(grams: i64) -> String {
    let sign = if grams < 0 { '-' } else { '+' };
    let g = grams.unsigned_abs();
    format!("{sign}{:04}.{:03}", g / 1000, g % 1000)
}

/// CAS weight field: 8 characters including the decimal point; a minus replaces a leading zero.
fn cas_data(grams: i64) -> String {
    let g = grams.unsigned_abs();
    if grams < 0 {
        format!("-{:03}.{:03}", g / 1000, g % 1000)
    } else {
        format!("{:04}.{:03}", g / 1000, g % 1000)
    }
}

fn cas22(header: &[u8], lamp: u8, data: &[u8]) -> Vec<u8> {
    let mut frame = Vec::with_capacity(22);
    frame.extend_from_slice(header);
    frame.extend_from_slice(b",GS,1");
    frame.push(lamp);
    frame.push(b',');
    frame.extend_from_slice(data);
    frame.extend_from_slice(b" kg\r\n");
    frame
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_match_the_documented_layouts() {
        let w = |grams, stable| Frame::Weight { grams, stable };
        assert_eq!(
            encode(SimScaleProtocol::Generic, w(1234, true)),
            b"ST,GS,+0001.234kg\r\n"
        );
        assert_eq!(
            encode(SimScaleProtocol::Generic, w(-500, false)),
            b"US,GS,-0000.500kg\r\n"
        );
        assert_eq!(
            encode(SimScaleProtocol::AndStandard, w(1234, true)),
            b"ST,+0001.234 kg\r\n"
        );
        let cas = encode(SimScaleProtocol::Cas22, w(13_500, true));
        assert_eq!(cas, b"ST,GS,1\xE4,0013.500 kg\r\n");
        assert_eq!(cas.len(), 22);
        assert_eq!(
            encode(SimScaleProtocol::Cas22, w(13_400, false)),
            b"US,GS,1\xA4,0013.400 kg\r\n"
        );
        assert_eq!(encode(SimScaleProtocol::Cas22, Frame::Overload).len(), 22);
        assert_eq!(
            encode(SimScaleProtocol::Cas10, w(13_500, true)),
            b"0013.500\r\n"
        );
        assert_eq!(
            encode(SimScaleProtocol::CasEcr, w(1_234, true)),
            b"\x01\x02S 01.234kg\x65\x03\x04"
        );
        assert_eq!(
            encode(SimScaleProtocol::Toledo8217, w(1_234, true)),
            b"\x0201.234\r"
        );
        assert_eq!(
            encode(SimScaleProtocol::MtSics, w(1_234, true)),
            b"S S      1.234 kg\r\n"
        );
        assert_eq!(
            encode(SimScaleProtocol::Adam, w(1_234, true)),
            b"   1.234kg\r\n"
        );
    }
}
