//! Every scale protocol's frame parser (`parse_frame`) must never panic on any bytes, and a
//! reading it returns must be self-consistent. The first byte picks the protocol.
#![no_main]
use libfuzzer_sys::fuzz_target;
use packdesk_devices::scale::{Protocol, ScaleState, parse_frame};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, frame)) = data.split_first() else {
        return;
    };
    let protocol = Protocol::ALL[usize::from(pick) % Protocol::ALL.len()];
    let result = parse_frame(frame, protocol);
    if let Ok(reading) = &result {
        match reading.state {
            ScaleState::Stable => assert!(reading.stable && reading.grams >= 0, "{reading:?}"),
            ScaleState::Motion => assert!(!reading.stable && reading.grams >= 0, "{reading:?}"),
            ScaleState::Overload => assert_eq!(reading.grams, 0, "{reading:?}"),
            // A settled negative weight is still under zero (and never a usable weight).
            ScaleState::UnderZero => assert!(reading.grams <= 0 && reading.stable_grams().is_none(), "{reading:?}"),
        }
    }
    // Codes and Korean messages exist for every failure.
    if let Err(e) = &result {
        assert!(!e.code().is_empty());
        assert!(!e.message_ko().is_empty());
    }
    // The CR LF a line arrives with does not change what it means.
    let mut line = frame.to_vec();
    line.extend_from_slice(b"\r\n");
    assert_eq!(parse_frame(&line, protocol), result);
});
