//! Every scale protocol: the documented frames (hardware reference §6), noise, split and
//! concatenated frames, a seeded randomized robustness run, and detection / reading over a
//! real pty against the simulator.
#![allow(clippy::unwrap_used)]
use std::time::Duration;

use packdesk_devices::scale::{
    Decoder, DetectOptions, Indication, Protocol, Reading, ScaleReader, ScaleState, ScaleStatus,
    StableWeigher, detect_with, ecr_bcc, parse_frame,
};
use packdesk_sim::scale::{SimScaleProtocol, VirtualScale};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tokio::sync::watch;

fn ok(frame: &[u8], protocol: Protocol) -> Reading {
    parse_frame(frame, protocol)
        .unwrap_or_else(|e| panic!("{} as {protocol}: {e}", frame.escape_ascii()))
}

fn code(frame: &[u8], protocol: Protocol) -> &'static str {
    match parse_frame(frame, protocol) {
        Ok(r) => panic!("{} parsed as {r:?}", frame.escape_ascii()),
        Err(e) => e.code(),
    }
}

#[test]
fn cas10_weight_without_status() {
    let r = ok(b"000013.5\r\n", Protocol::Cas10);
    assert_eq!(
        (r.grams, r.stable, r.state),
        (13_500, false, ScaleState::Motion)
    );
    assert_eq!(
        ok(b"-013.500\r\n", Protocol::Cas10).state,
        ScaleState::UnderZero
    );
    assert_eq!(ok(b"\xFF\x00000013.5", Protocol::Cas10).grams, 13_500);
    assert_eq!(
        code(b"13.5\r\n", Protocol::Cas10),
        "SCALE_FRAME_UNRECOGNIZED"
    );
    assert_eq!(
        code(b"ST,GS,+0001.234kg", Protocol::Cas10),
        "SCALE_FRAME_UNRECOGNIZED"
    );
}

#[test]
fn toledo_weights_and_statuses() {
    assert_eq!(
        ok(b"\x0201.234\r", Protocol::Toledo8217),
        Reading::weight(1_234, true)
    );
    assert_eq!(
        ok(b"\x0201.234N\r", Protocol::Toledo8217),
        Reading::weight(1_234, true)
    );
    assert_eq!(ok(b"\x02 1.234\r", Protocol::Toledo8217).grams, 1_234);
    // lb layout `0WW.WW`: 2.50 lb = 1133.98 g.
    assert_eq!(ok(b"\x02002.50\r", Protocol::Toledo8217).grams, 1_134);
    assert_eq!(
        ok(b"\x02?A\r", Protocol::Toledo8217).state,
        ScaleState::Motion
    );
    assert_eq!(
        ok(b"\x02?Q\r", Protocol::Toledo8217).state,
        ScaleState::Motion
    );
    assert_eq!(
        ok(b"\x02?\x01\r", Protocol::Toledo8217).state,
        ScaleState::Motion
    );
    assert_eq!(
        ok(b"\x02?D\r", Protocol::Toledo8217).state,
        ScaleState::UnderZero
    );
    assert_eq!(ok(b"\x02?B\r", Protocol::Toledo8217), Reading::overload());
    assert_eq!(
        code(b"\x02?H\r", Protocol::Toledo8217),
        "SCALE_DEVICE_ZERO_RANGE"
    );
    assert_eq!(code(b"\x02E\r", Protocol::Toledo8217), "SCALE_NOT_WEIGHING");
    assert_eq!(
        code(b"01.234\r", Protocol::Toledo8217),
        "SCALE_FRAME_UNRECOGNIZED"
    );
    assert!(
        ok(b"\x02?A\r", Protocol::Toledo8217)
            .stable_grams()
            .is_none()
    );
}

#[test]
fn mt_sics_answers() {
    assert_eq!(
        ok(b"S S      1.234 kg\r\n", Protocol::MtSics),
        Reading::weight(1_234, true)
    );
    assert_eq!(
        ok(b"S S      1.250 kg", Protocol::Auto),
        Reading::weight(1_250, true)
    );
    assert_eq!(
        ok(b"S D      1.250 kg\r\n", Protocol::MtSics),
        Reading::weight(1_250, false)
    );
    assert_eq!(ok(b"S S    100.00 g\r\n", Protocol::MtSics).grams, 100);
    assert_eq!(
        ok(b"S S     -0.120 kg", Protocol::MtSics).state,
        ScaleState::UnderZero
    );
    assert_eq!(ok(b"S +\r\n", Protocol::MtSics), Reading::overload());
    assert_eq!(
        ok(b"S -\r\n", Protocol::MtSics).state,
        ScaleState::UnderZero
    );
    assert_eq!(code(b"S I\r\n", Protocol::MtSics), "SCALE_DEVICE_BUSY");
    assert_eq!(
        code(b"ES\r\n", Protocol::MtSics),
        "SCALE_DEVICE_SYNTAX_ERROR"
    );
    assert_eq!(
        code(b"ET\r\n", Protocol::MtSics),
        "SCALE_DEVICE_TRANSMISSION_ERROR"
    );
    assert_eq!(
        code(b"EL\r\n", Protocol::MtSics),
        "SCALE_DEVICE_LOGICAL_ERROR"
    );
    assert_eq!(
        code(b"S S      1.234 ct", Protocol::MtSics),
        "SCALE_FRAME_UNKNOWN_UNIT"
    );
    assert_eq!(code(b"Z A", Protocol::MtSics), "SCALE_FRAME_UNRECOGNIZED");
    let busy = parse_frame(b"S I", Protocol::MtSics);
    assert_eq!(Indication::of(&busy), Indication::Error);
    assert!(!busy.unwrap_err().message_ko().is_empty());
}

#[test]
fn cas_ecr_block_with_bcc() {
    let frame = b"\x01\x02S 01.234kg\x65\x03\x04";
    assert_eq!(ecr_bcc(b"S 01.234kg"), 0x65);
    assert_eq!(ok(frame, Protocol::CasEcr), Reading::weight(1_234, true));
    // 0x81 SOH variant and 7-character weight field.
    let body = b"U 001.234kg";
    let mut long = vec![0x81, 0x02];
    long.extend_from_slice(body);
    long.extend_from_slice(&[ecr_bcc(body), 0x03, 0x04]);
    assert_eq!(ok(&long, Protocol::CasEcr), Reading::weight(1_234, false));
    let over = [
        b"\x01\x02SF99.999kg".as_slice(),
        &[ecr_bcc(b"SF99.999kg"), 3, 4],
    ]
    .concat();
    assert_eq!(ok(&over, Protocol::CasEcr), Reading::overload());
    assert_eq!(
        code(b"\x01\x02S 01.234kg\x66\x03\x04", Protocol::CasEcr),
        "SCALE_FRAME_CHECKSUM"
    );
    assert_eq!(code(b"\x06", Protocol::CasEcr), "SCALE_NOT_WEIGHING");
    assert_eq!(code(b"\x15", Protocol::CasEcr), "SCALE_DEVICE_REFUSED");
}

#[test]
fn adam_print_lines() {
    assert_eq!(
        ok(b"  1.234kg\r\n", Protocol::Adam),
        Reading::weight(1_234, true)
    );
    assert_eq!(
        ok(b"GS 1.234 kg\r\n", Protocol::Adam),
        Reading::weight(1_234, true)
    );
    assert_eq!(ok(b"  2.5 lb", Protocol::Adam).grams, 1_134);
    assert_eq!(ok(b"  16.00 oz", Protocol::Adam).grams, 454);
    assert_eq!(code(b"No. 1", Protocol::Adam), "SCALE_FRAME_UNRECOGNIZED");
    assert_eq!(
        code(b"  1.234 pcs", Protocol::Adam),
        "SCALE_FRAME_UNKNOWN_UNIT"
    );
}

/// From the `scale_parse_frame` fuzz target: a signed Adam line is a settled weight below zero —
/// `stable` as the scale said, but under zero and never a weight a parcel may use.
#[test]
fn adam_negative_line_is_under_zero_and_unusable() {
    let r = ok(b"-001kg\r\n", Protocol::Adam);
    assert_eq!(r.grams, -1_000);
    assert_eq!(r.state, packdesk_devices::scale::ScaleState::UnderZero);
    assert_eq!(r.stable_grams(), None);
}

#[test]
fn indications_tell_zero_and_error_apart() {
    let of = |b: &[u8], p| Indication::of(&parse_frame(b, p));
    assert_eq!(
        of(b"ST,GS,+0000.000kg", Protocol::Generic),
        Indication::Zero
    );
    assert_eq!(
        of(b"ST,GS,+0001.000kg", Protocol::Generic),
        Indication::Stable
    );
    assert_eq!(
        of(b"US,GS,+0001.000kg", Protocol::Generic),
        Indication::Motion
    );
    assert_eq!(
        of(b"OL,GS,+    .   kg", Protocol::Generic),
        Indication::Overload
    );
    assert_eq!(
        of(b"ST,GS,-0001.000kg", Protocol::Generic),
        Indication::Underload
    );
    assert_eq!(of(b"ES", Protocol::MtSics), Indication::Error);
}

/// One documented frame per protocol with its expected weight.
fn documented() -> Vec<(Protocol, Vec<u8>, i64)> {
    vec![
        (
            Protocol::Cas22,
            b"ST,GS,1\xE4,000013.5 kg\r\n".to_vec(),
            13_500,
        ),
        (Protocol::Cas10, b"000013.5\r\n".to_vec(), 13_500),
        (
            Protocol::AndStandard,
            b"ST,+0001.234 kg\r\n".to_vec(),
            1_234,
        ),
        (Protocol::Generic, b"ST,GS,+0123.45kg\r\n".to_vec(), 123_450),
        (Protocol::Toledo8217, b"\x0201.234\r".to_vec(), 1_234),
        (Protocol::MtSics, b"S S      1.234 kg\r\n".to_vec(), 1_234),
        (
            Protocol::CasEcr,
            b"\x01\x02S 01.234kg\x65\x03\x04".to_vec(),
            1_234,
        ),
        (Protocol::Adam, b"  1.234kg\r\n".to_vec(), 1_234),
    ]
}

fn weights(protocol: Protocol, chunks: &[&[u8]]) -> Vec<i64> {
    let mut d = Decoder::new(protocol);
    let mut out = Vec::new();
    for c in chunks {
        d.push(c);
        while let Some(f) = d.next_decoded() {
            if let Ok(r) = f.result {
                out.push(r.grams);
            }
        }
    }
    out
}

#[test]
fn every_protocol_survives_splits_concatenation_and_garbage() {
    for (protocol, frame, grams) in documented() {
        for cut in 1..frame.len() {
            let (a, b) = frame.split_at(cut);
            assert_eq!(
                weights(protocol, &[a, b]),
                vec![grams],
                "{protocol} cut at {cut}"
            );
        }
        let garbage: &[u8] = b"\x00\xFFjunk\r\n";
        let stream = [garbage, &frame, &frame, garbage, &frame].concat();
        assert_eq!(
            weights(protocol, &[&stream]),
            vec![grams; 3],
            "{protocol} concatenated"
        );
        let bytewise: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(
            weights(protocol, &bytewise),
            vec![grams; 3],
            "{protocol} bytewise"
        );
        // The raw frame is kept for the test screen.
        let decoded = Decoder::decode_all(protocol, &frame);
        assert_eq!(decoded.len(), 1);
        // Line protocols drop the CR LF delimiter; block protocols keep every byte.
        assert!(frame.starts_with(&decoded[0].raw), "{protocol}");
        assert!(decoded[0].raw.len() >= frame.len() - 2, "{protocol}");
    }
}

/// Stands in for cargo-fuzz (no nightly here): random bytes must never panic, and valid frames
/// cut at random points between random junk must all still be found.
#[test]
fn randomized_robustness_seeded() {
    let mut rng = ChaCha8Rng::seed_from_u64(0xF00D);
    for protocol in Protocol::ALL {
        for _ in 0..300 {
            let len = rng.gen_range(0..200);
            let junk: Vec<u8> = (0..len).map(|_| rng.r#gen()).collect();
            let _ = parse_frame(&junk, protocol);
            let _ = Decoder::decode_all(protocol, &junk);
        }
    }
    for (protocol, frame, grams) in documented() {
        for _ in 0..200 {
            let mut stream = Vec::new();
            let n = rng.gen_range(1..6);
            for _ in 0..n {
                // Junk from a printable alphabet that cannot form a frame of any protocol
                // by itself, ended by a line break so it cannot glue onto the next frame.
                let junk_len = rng.gen_range(0..12);
                stream.extend((0..junk_len).map(|_| b"#@!~xyz"[rng.gen_range(0..7)]));
                if junk_len > 0 {
                    stream.extend_from_slice(b"\r\n");
                }
                stream.extend_from_slice(&frame);
            }
            let mut chunks = Vec::new();
            let mut rest: &[u8] = &stream;
            while !rest.is_empty() {
                let take = rng.gen_range(1..=rest.len().min(9));
                let (a, b) = rest.split_at(take);
                chunks.push(a);
                rest = b;
            }
            assert_eq!(
                weights(protocol, &chunks),
                vec![grams; n],
                "{protocol}: {}",
                stream.escape_ascii()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Over a pty

const FRAME_INTERVAL: Duration = Duration::from_millis(20);
const WAIT: Duration = Duration::from_secs(10);

fn options() -> DetectOptions {
    DetectOptions {
        listen: Duration::from_millis(600),
        answer_timeout: Duration::from_millis(600),
    }
}

#[test]
fn detection_finds_every_probeable_protocol() {
    for (sim, expected) in [
        (SimScaleProtocol::Cas22, Protocol::Cas22),
        (SimScaleProtocol::Generic, Protocol::Generic),
        (SimScaleProtocol::AndStandard, Protocol::AndStandard),
        (SimScaleProtocol::Cas10, Protocol::Cas10),
        (SimScaleProtocol::MtSics, Protocol::MtSics),
        (SimScaleProtocol::CasEcr, Protocol::CasEcr),
        (SimScaleProtocol::Toledo8217, Protocol::Toledo8217),
    ] {
        let scale = VirtualScale::start(sim, FRAME_INTERVAL).unwrap();
        scale.set_weight(1_234);
        let found =
            detect_with(&scale.port_path(), &options()).unwrap_or_else(|e| panic!("{sim:?}: {e}"));
        assert_eq!(found.protocol, expected, "{sim:?}");
        assert_eq!(found.settings, expected.line_settings(), "{sim:?}");
        scale.stop();
    }
}

#[test]
fn adam_cannot_be_detected() {
    let scale = VirtualScale::start(SimScaleProtocol::Adam, FRAME_INTERVAL).unwrap();
    scale.set_weight(1_234);
    let err = detect_with(&scale.port_path(), &options()).unwrap_err();
    assert_eq!(err.code(), "SCALE_NOT_DETECTED");
    assert!(err.message_ko().contains("Adam"));
}

async fn wait_until(
    rx: &mut watch::Receiver<ScaleStatus>,
    what: &str,
    pred: impl FnMut(&ScaleStatus) -> bool,
) -> ScaleStatus {
    match tokio::time::timeout(WAIT, async { rx.wait_for(pred).await.map(|s| s.clone()) }).await {
        Ok(Ok(s)) => s,
        _ => panic!("timed out waiting for {what}; last {:?}", *rx.borrow()),
    }
}

#[tokio::test]
async fn reader_polls_request_protocols_through_motion_and_noise() {
    for (sim, protocol) in [
        (SimScaleProtocol::Toledo8217, Protocol::Toledo8217),
        (SimScaleProtocol::MtSics, Protocol::MtSics),
        (SimScaleProtocol::CasEcr, Protocol::CasEcr),
        (SimScaleProtocol::Adam, Protocol::Adam),
    ] {
        let scale = VirtualScale::start(sim, FRAME_INTERVAL).unwrap();
        // Adam prints each weight once; noise glued onto that one line loses it for good
        // (as on a real line), so Adam runs clean.
        if protocol != Protocol::Adam {
            scale.set_noise(0.3);
        }
        let reader =
            ScaleReader::open_with(&scale.port_path(), protocol.line_settings(), protocol).unwrap();
        let mut rx = reader.subscribe();
        let mut weigher = StableWeigher::new(protocol);
        scale.set_weight(2_345);
        let status = wait_until(&mut rx, "the parcel's weight", |s| {
            s.reading.is_some_and(|r| weigher.feed(&r).is_some())
        })
        .await;
        assert_eq!(weigher.accepted(), Some(2_345), "{protocol}");
        assert!(status.last_frame.is_some());
        reader.close();
    }
}

#[tokio::test]
async fn overload_reaches_the_reader_for_polled_scales() {
    for (sim, protocol) in [
        (SimScaleProtocol::Toledo8217, Protocol::Toledo8217),
        (SimScaleProtocol::MtSics, Protocol::MtSics),
        (SimScaleProtocol::CasEcr, Protocol::CasEcr),
    ] {
        let scale = VirtualScale::start(sim, FRAME_INTERVAL).unwrap();
        scale.set_overload(true);
        let reader =
            ScaleReader::open_with(&scale.port_path(), protocol.line_settings(), protocol).unwrap();
        let mut rx = reader.subscribe();
        wait_until(&mut rx, "overload", |s| {
            s.reading.is_some_and(|r| r.state == ScaleState::Overload)
        })
        .await;
        reader.close();
    }
}
