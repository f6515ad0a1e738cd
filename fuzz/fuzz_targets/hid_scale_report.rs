//! The USB HID POS scale report parser must never panic, must agree with itself whatever
//! leading zero bytes or trailing bytes a HID stack adds, and its readings must be consistent.
#![no_main]
use libfuzzer_sys::fuzz_target;
use packdesk_devices::scale::{FrameError, ScaleState, parse_hid_report};

fuzz_target!(|data: &[u8]| {
    let result = parse_hid_report(data);
    if let Ok(reading) = &result {
        match reading.state {
            ScaleState::Stable => assert!(reading.stable && reading.grams >= 0),
            ScaleState::Motion => assert!(!reading.stable && reading.grams >= 0),
            ScaleState::Overload => assert_eq!(reading.grams, 0),
            ScaleState::UnderZero => assert!(!reading.stable && reading.grams <= 0),
        }
    }
    // A prepended report-ID zero byte changes nothing.
    let mut zeroed = vec![0u8];
    zeroed.extend_from_slice(data);
    assert_eq!(parse_hid_report(&zeroed), result);
    // Bytes after a complete 6-byte report (8-byte reads) change nothing.
    let body = data.iter().position(|&b| b != 0).map(|i| &data[i..]);
    if body.is_some_and(|b| b.len() >= 6) {
        let mut longer = data.to_vec();
        longer.extend_from_slice(&[0xAA, 0x55]);
        assert_eq!(parse_hid_report(&longer), result);
    } else if body.is_none() {
        assert_eq!(result, Err(FrameError::Empty));
    }
});
