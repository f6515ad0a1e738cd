//! USB HID POS scale reports (hardware reference §1.3 and §6): every status, unit and exponent,
//! the stack quirks (leading 0x00, 8-byte reads, all-zero wake-up reports) and garbled input.
//! There is no HID device (nor uhid) in CI, so the transport is exercised only up to "no scale
//! attached"; see `open_usb_without_a_scale_fails_with_a_code`.
use packdesk_devices::scale::{
    DeviceFault, FrameError, Indication, Reading, ScaleReader, ScaleState, parse_hid_report,
};

fn report(status: u8, unit: u8, exponent: i8, weight: u16) -> [u8; 6] {
    let [lsb, msb] = weight.to_le_bytes();
    [0x03, status, unit, exponent as u8, lsb, msb]
}

fn ok(bytes: &[u8]) -> Reading {
    parse_hid_report(bytes).unwrap_or_else(|e| panic!("{bytes:02x?}: {e}"))
}

fn stable(grams: i64) -> Reading {
    Reading::weight(grams, true)
}

#[test]
fn documented_vectors() {
    // weighty's comment: 4.9 oz stable.
    assert_eq!(ok(&[0x03, 0x04, 0x0B, 0xFF, 0x31, 0x00]), stable(139));
    assert_eq!(ok(&[0x03, 0x04, 0x02, 0x00, 0xE8, 0x03]), stable(1_000));
    assert_eq!(
        ok(&[0x03, 0x03, 0x02, 0x00, 0x10, 0x00]),
        Reading::weight(16, false)
    );
    assert_eq!(
        ok(&[0x03, 0x05, 0x02, 0x00, 0x00, 0x00]).state,
        ScaleState::UnderZero
    );
    assert_eq!(
        ok(&[0x03, 0x06, 0x02, 0x00, 0x00, 0x00]),
        Reading::overload()
    );
}

#[test]
fn every_status() {
    let r = |status| parse_hid_report(&report(status, 2, 0, 250));
    assert_eq!(r(1), Err(FrameError::Device(DeviceFault::Fault)));
    // Stable at center of zero: a settled zero whatever the weight field says.
    let zero = r(2).unwrap();
    assert!(zero.is_zero());
    assert_eq!(Indication::of(&r(2)), Indication::Zero);
    assert_eq!(r(3), Ok(Reading::weight(250, false)));
    assert_eq!(r(4), Ok(stable(250)));
    let under = r(5).unwrap();
    assert_eq!(
        (under.grams, under.stable, under.state),
        (-250, false, ScaleState::UnderZero)
    );
    assert_eq!(under.stable_grams(), None);
    assert_eq!(r(6), Ok(Reading::overload()));
    assert_eq!(r(7), Err(FrameError::Device(DeviceFault::NeedsCalibration)));
    assert_eq!(r(8), Err(FrameError::Device(DeviceFault::NeedsRezero)));
    for status in [0u8, 9, 0x74, 0xFF] {
        assert_eq!(
            r(status).map_err(|e| e.code()),
            Err("SCALE_FRAME_UNRECOGNIZED"),
            "status {status}"
        );
    }
    assert_eq!(r(7).unwrap_err().code(), "SCALE_DEVICE_NEEDS_CALIBRATION");
    assert!(r(8).unwrap_err().message_ko().contains("영점"));
}

#[test]
fn every_unit() {
    let g = |unit, exponent, weight| parse_hid_report(&report(4, unit, exponent, weight));
    assert_eq!(g(1, 0, 5_000), Ok(stable(5))); // mg
    assert_eq!(g(2, 0, 1_234), Ok(stable(1_234))); // g
    assert_eq!(g(3, -3, 1_234), Ok(stable(1_234))); // kg
    assert_eq!(g(4, 0, 5), Ok(stable(1))); // 5 ct = 1 g
    assert_eq!(g(6, 0, 1_000), Ok(stable(65))); // 1000 gr = 64.79891 g
    assert_eq!(g(7, 0, 100), Ok(stable(156))); // 100 dwt = 155.517384 g
    assert_eq!(g(8, -3, 2), Ok(stable(2_000))); // 0.002 t
    assert_eq!(g(9, -3, 1), Ok(stable(907))); // 0.001 short ton = 907.18474 g
    assert_eq!(g(10, 0, 1), Ok(stable(31))); // troy oz
    assert_eq!(g(11, 0, 16), Ok(stable(454))); // 16 oz = 1 lb
    assert_eq!(g(11, -1, 160), Ok(stable(454))); // Dymo's tenths of an ounce
    assert_eq!(g(12, -2, 250), Ok(stable(1_134))); // 2.50 lb = 1133.98 g
    for unit in [0u8, 5, 13, 0xFF] {
        assert_eq!(
            g(unit, 0, 1).map_err(|e| e.code()),
            Err("SCALE_FRAME_UNKNOWN_UNIT"),
            "unit {unit}"
        );
    }
    assert_eq!(
        g(5, 0, 1),
        Err(FrameError::UnknownUnit {
            unit: "tael".into()
        })
    );
}

#[test]
fn every_exponent_sign_and_range() {
    let g = |exponent, weight| parse_hid_report(&report(4, 2, exponent, weight));
    assert_eq!(g(0, 65_535), Ok(stable(65_535)));
    assert_eq!(g(1, 12), Ok(stable(120)));
    assert_eq!(g(3, 7), Ok(stable(7_000)));
    assert_eq!(g(-1, 15), Ok(stable(2))); // 1.5 g rounds half up
    assert_eq!(g(-1, 14), Ok(stable(1)));
    assert_eq!(g(-2, 49), Ok(stable(0)));
    // Absurd exponents: tiny values round to nothing, huge ones are refused, nothing panics.
    assert_eq!(g(-128, 65_535), Ok(stable(0)));
    assert_eq!(g(-40, 65_535), Ok(stable(0)));
    assert_eq!(g(15, 1), Ok(stable(1_000_000_000_000_000)));
    assert_eq!(
        g(16, 65_535).map_err(|e| e.code()),
        Err("SCALE_FRAME_BAD_WEIGHT")
    );
    assert_eq!(
        g(127, 65_535).map_err(|e| e.code()),
        Err("SCALE_FRAME_BAD_WEIGHT")
    );
    for exponent in i8::MIN..=i8::MAX {
        for unit in 0..=13 {
            let _ = parse_hid_report(&report(4, unit, exponent, u16::MAX));
        }
    }
}

#[test]
fn stack_quirks() {
    // A prepended 0x00 report-ID byte (some stacks), and Mettler's 8-byte reads.
    assert_eq!(
        ok(&[0x00, 0x03, 0x04, 0x02, 0x00, 0xE8, 0x03]),
        stable(1_000)
    );
    assert_eq!(
        ok(&[0x03, 0x04, 0x02, 0x00, 0xE8, 0x03, 0x00, 0x00]),
        stable(1_000)
    );
    // All-zero wake-up reads are "empty", never "0 g stable".
    assert_eq!(parse_hid_report(&[0; 8]), Err(FrameError::Empty));
    assert_eq!(parse_hid_report(&[0; 6]), Err(FrameError::Empty));
    assert_eq!(parse_hid_report(&[]), Err(FrameError::Empty));
}

#[test]
fn short_and_garbled_reports() {
    for bytes in [
        &[0x03][..],
        &[0x03, 0x04, 0x02, 0x00, 0xE8],
        &[0x00, 0x03, 0x04, 0x02],
        &[0x02, 0x04, 0x02, 0x00, 0xE8, 0x03], // the output report's id, not a data report
        &[0x04, 0x04, 0x00, 0x00, 0x00, 0x00],
        &[0xFF; 6],
        b"ST,GS,",
    ] {
        assert_eq!(
            parse_hid_report(bytes).map_err(|e| e.code()),
            Err("SCALE_FRAME_UNRECOGNIZED"),
            "{bytes:02x?}"
        );
    }
}

#[test]
fn open_usb_without_a_scale_fails_with_a_code() {
    // No HID scale is attached here (CI has no USB at all): opening must fail cleanly, not hang.
    let err = ScaleReader::open_usb("usb:ffff:fffe").err().unwrap();
    assert_eq!(err.code(), "SCALE_OPEN_FAILED");
    assert!(err.message_ko().contains("usb:ffff:fffe"));
    let err = ScaleReader::open_usb("usb:not-an-id").err().unwrap();
    assert_eq!(err.code(), "SCALE_OPEN_FAILED");
    assert!(err.to_string().contains("not a USB device id"), "{err}");
}
