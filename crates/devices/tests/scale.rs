//! The serial scale path: frame parsing against the documented vectors (hardware reference
//! §6 and §1.1), re-framing of split/concatenated reads, and `ScaleReader` reading a
//! `VirtualScale` over a real pty.
#![allow(clippy::unwrap_used)] // helpers outside #[test] fns unwrap too
use std::time::Duration;

use packdesk_devices::scale::{
    FrameBuffer, LinkState, Protocol, Reading, ScaleReader, ScaleState, ScaleStatus, parse_frame,
};
use packdesk_sim::scale::{SimScaleProtocol, VirtualScale};
use tokio::sync::watch;

// ---------------------------------------------------------------------------------------------
// Frames table

fn ok(frame: &[u8], protocol: Protocol) -> Reading {
    parse_frame(frame, protocol)
        .unwrap_or_else(|e| panic!("{:?} as {protocol}: {e}", frame.escape_ascii().to_string()))
}

fn err_code(frame: &[u8], protocol: Protocol) -> &'static str {
    match parse_frame(frame, protocol) {
        Ok(r) => panic!("{} parsed as {r:?}", frame.escape_ascii()),
        Err(e) => e.code(),
    }
}

fn stable(grams: i64) -> Reading {
    Reading {
        grams,
        stable: true,
        state: ScaleState::Stable,
    }
}

fn moving(grams: i64) -> Reading {
    Reading {
        grams,
        stable: false,
        state: ScaleState::Motion,
    }
}

#[test]
fn cas22_stable_with_binary_lamp_byte() {
    let frame = b"ST,GS,1\xE4,000013.5 kg\r\n";
    assert_eq!(frame.len(), 22);
    assert_eq!(ok(frame, Protocol::Cas22), stable(13_500));
    assert_eq!(ok(frame, Protocol::Auto), stable(13_500));
}

#[test]
fn cas22_unstable_header_and_lamp() {
    assert_eq!(
        ok(b"US,GS,1\xA4,000013.4 kg\r\n", Protocol::Cas22),
        moving(13_400)
    );
    // ST header but the lamp says "not stable": trust the more cautious signal.
    assert_eq!(
        ok(b"ST,GS,1\xA4,000013.4 kg", Protocol::Cas22),
        Reading {
            grams: 13_400,
            stable: false,
            state: ScaleState::Motion
        }
    );
}

#[test]
fn cas22_tonnes_relay_byte_and_overload() {
    assert_eq!(
        ok(b"ST,NT,1\xC4,0001.250\x03 t\r\n", Protocol::Cas22),
        stable(1_250_000)
    );
    assert_eq!(
        ok(b"OL,GS,1\xA4,        kg\r\n", Protocol::Cas22).state,
        ScaleState::Overload
    );
}

#[test]
fn cas22_requires_the_lamp_marker_bit() {
    assert_eq!(
        err_code(b"ST,GS,1A,000013.5 kg", Protocol::Cas22),
        "SCALE_FRAME_UNRECOGNIZED"
    );
}

#[test]
fn and_standard_vectors() {
    let frame = b"ST,+0001.234 kg\r\n";
    assert_eq!(frame.len(), 17);
    assert_eq!(ok(frame, Protocol::AndStandard), stable(1_234));
    assert_eq!(ok(frame, Protocol::Auto), stable(1_234));
    assert_eq!(
        ok(b"ST,+00081.72  g\r\n", Protocol::AndStandard),
        stable(82)
    );
    assert_eq!(ok(b"US,+0001.300 kg", Protocol::AndStandard), moving(1_300));
    assert_eq!(
        ok(b"ST,OK,+0001.234 kg", Protocol::AndStandard),
        stable(1_234)
    );
}

#[test]
fn and_standard_overload_and_counting() {
    assert_eq!(
        ok(b"OL,+9999999E+19\r\n", Protocol::AndStandard),
        Reading::overload()
    );
    assert_eq!(
        ok(b"OL,+9999999E+19\r\n", Protocol::Auto),
        Reading::overload()
    );
    assert_eq!(
        err_code(b"QT,+0000012 PC\r\n", Protocol::AndStandard),
        "SCALE_NOT_WEIGHING"
    );
}

#[test]
fn generic_indicator_vectors() {
    let and_indicator = b"ST,GS,+0123.45kg\r\n";
    assert_eq!(and_indicator.len(), 18);
    assert_eq!(ok(and_indicator, Protocol::Generic), stable(123_450));
    assert_eq!(
        ok(b"ST,NT,+0001.234kg\r\n", Protocol::Generic),
        stable(1_234)
    );
    assert_eq!(ok(b"ST,NT,+0001.234kg\r\n", Protocol::Auto), stable(1_234));
    assert_eq!(ok(b"US,GS,+0001.300kg", Protocol::Generic), moving(1_300));
    // Tiger TI-02: blank sign, comma before the unit.
    assert_eq!(
        ok(b"US,NT, 001.234,kg\r\n", Protocol::Generic),
        moving(1_234)
    );
    assert_eq!(ok(b"ST,GS,+   0.750 kg", Protocol::Generic), stable(750));
    assert_eq!(
        ok(b"ST,GS,+0012345kg", Protocol::Generic),
        stable(12_345_000)
    );
}

#[test]
fn generic_overload_and_negative() {
    assert_eq!(
        ok(b"OL,GS,+    .  kg\r\n", Protocol::Generic).state,
        ScaleState::Overload
    );
    let under = ok(b"ST,GS,-0000.500kg", Protocol::Generic);
    assert_eq!(
        under,
        Reading {
            grams: -500,
            stable: true,
            state: ScaleState::UnderZero
        }
    );
    assert_eq!(under.stable_grams(), None);
}

#[test]
fn noise_before_the_header_does_not_cost_the_frame() {
    assert_eq!(
        ok(b"\x00\xFF#ST,GS,+0001.234kg\r\n", Protocol::Generic),
        stable(1_234)
    );
    assert_eq!(
        ok(b"kg\x13ST,GS,1\xE4,000013.5 kg", Protocol::Auto),
        stable(13_500)
    );
}

#[test]
fn garbage_and_truncated_frames_are_errors() {
    for protocol in Protocol::ALL {
        assert_eq!(
            err_code(b"\x00\xFFnoise", protocol),
            "SCALE_FRAME_UNRECOGNIZED"
        );
        assert_eq!(err_code(b"\r\n", protocol), "SCALE_FRAME_EMPTY");
        // A port opened mid-frame sees the tail of a frame: no header, no reading.
        assert_eq!(
            err_code(b"S,+0001.234kg", protocol),
            "SCALE_FRAME_UNRECOGNIZED"
        );
    }
    assert_eq!(
        err_code(b"ST,GS,+0001.234xx", Protocol::Generic),
        "SCALE_FRAME_UNKNOWN_UNIT"
    );
    assert_eq!(
        err_code(b"ST,GS,+00?1.234kg", Protocol::Generic),
        "SCALE_FRAME_UNRECOGNIZED"
    );
    assert_eq!(
        err_code(b"ST,GS,+0001.2.4kg", Protocol::Generic),
        "SCALE_FRAME_BAD_WEIGHT"
    );
}

#[test]
fn protocols_do_not_accept_each_other() {
    assert_eq!(
        err_code(b"ST,GS,+0001.234kg", Protocol::Cas22),
        "SCALE_FRAME_UNRECOGNIZED"
    );
    assert_eq!(
        err_code(b"ST,GS,+0001.234kg", Protocol::AndStandard),
        "SCALE_FRAME_UNRECOGNIZED"
    );
    assert_eq!(
        err_code(b"ST,+0001.234 kg", Protocol::Generic),
        "SCALE_FRAME_UNRECOGNIZED"
    );
    assert_eq!(
        err_code(b"ST,GS,1\xE4,000013.5 kg", Protocol::Generic),
        "SCALE_FRAME_UNRECOGNIZED"
    );
    // CAS 10-byte frames carry no stability flag, so no protocol here accepts them.
    assert_eq!(
        err_code(b"000013.5\r\n", Protocol::Auto),
        "SCALE_FRAME_UNRECOGNIZED"
    );
}

/// The whole path a reader takes: bytes arriving in awkward slices → frames → readings.
fn readings_from_chunks(chunks: &[&[u8]], protocol: Protocol) -> (Vec<Reading>, usize) {
    let mut buffer = FrameBuffer::new();
    let mut readings = Vec::new();
    let mut garbled = 0;
    for chunk in chunks {
        buffer.push(chunk);
        while let Some(frame) = buffer.next_frame() {
            match parse_frame(&frame, protocol) {
                Ok(r) => readings.push(r),
                Err(_) => garbled += 1,
            }
        }
    }
    (readings, garbled)
}

#[test]
fn split_frames_parse_once_complete() {
    let frame: &[u8] = b"ST,GS,1\xE4,000013.5 kg\r\n";
    for cut in 1..frame.len() {
        let (head, tail) = frame.split_at(cut);
        let (readings, garbled) = readings_from_chunks(&[head, tail], Protocol::Cas22);
        assert_eq!(
            (readings, garbled),
            (vec![stable(13_500)], 0),
            "cut at {cut}"
        );
    }
    let bytewise: Vec<&[u8]> = b"ST,+0001.234 kg\r\n".chunks(1).collect();
    assert_eq!(
        readings_from_chunks(&bytewise, Protocol::AndStandard),
        (vec![stable(1_234)], 0)
    );
}

#[test]
fn concatenated_frames_and_garbage_in_one_read() {
    let (readings, garbled) = readings_from_chunks(
        &[
            b"234kg\r\nST,GS,+0001.234kg\r\nUS,GS,+0001.2",
            b"50kg\r\n\x00\xFF\xFE\r\nST,GS,+0001.250kg\r\n",
        ],
        Protocol::Auto,
    );
    assert_eq!(readings, vec![stable(1_234), moving(1_250), stable(1_250)]);
    assert_eq!(garbled, 2, "the leading half frame and the noise line");
}

#[test]
fn protocol_ids_round_trip() {
    for p in Protocol::ALL {
        assert_eq!(p.to_string().parse::<Protocol>(), Ok(p));
    }
    assert_eq!("toledo".parse::<Protocol>(), Ok(Protocol::Toledo8217));
    assert!("sartorius".parse::<Protocol>().is_err());
}

// ---------------------------------------------------------------------------------------------
// ScaleReader against a virtual scale on a pty

const FRAME_INTERVAL: Duration = Duration::from_millis(20);
const WAIT: Duration = Duration::from_secs(10);

async fn wait_until(
    rx: &mut watch::Receiver<ScaleStatus>,
    what: &str,
    pred: impl FnMut(&ScaleStatus) -> bool,
) -> ScaleStatus {
    let outcome =
        tokio::time::timeout(WAIT, async { rx.wait_for(pred).await.map(|s| s.clone()) }).await;
    match outcome {
        Ok(Ok(status)) => status,
        Ok(Err(_)) => panic!("scale reader ended while waiting for {what}"),
        Err(_) => panic!(
            "timed out waiting for {what}; last status {:?}",
            *rx.borrow()
        ),
    }
}

fn start(protocol: SimScaleProtocol, grams: i64) -> VirtualScale {
    let sim = VirtualScale::start(protocol, FRAME_INTERVAL).unwrap();
    sim.set_weight(grams);
    sim
}

async fn read_stable(sim: &VirtualScale, protocol: Protocol, grams: i64) -> ScaleReader {
    let reader = ScaleReader::open(&sim.port_path(), 9600, protocol).unwrap();
    let mut rx = reader.subscribe();
    wait_until(&mut rx, "the stable weight", |s| {
        s.reading == Some(stable(grams))
    })
    .await;
    reader
}

#[tokio::test]
async fn latest_reading_is_what_the_scale_shows_for_every_protocol() {
    for (sim_protocol, protocol) in [
        (SimScaleProtocol::Generic, Protocol::Generic),
        (SimScaleProtocol::Cas22, Protocol::Cas22),
        (SimScaleProtocol::AndStandard, Protocol::AndStandard),
        (SimScaleProtocol::Cas22, Protocol::Auto),
    ] {
        let sim = start(sim_protocol, 1_234);
        let reader = read_stable(&sim, protocol, 1_234).await;
        assert_eq!(
            reader.latest(),
            Some(stable(1_234)),
            "{sim_protocol:?} read as {protocol}"
        );
        assert_eq!(reader.latest().and_then(|r| r.stable_grams()), Some(1_234));

        sim.set_weight(20_050);
        let mut rx = reader.subscribe();
        wait_until(&mut rx, "the new weight", |s| {
            s.reading == Some(stable(20_050))
        })
        .await;
        assert_eq!(
            reader.status().garbled,
            0,
            "{sim_protocol:?} read as {protocol}"
        );
        reader.close();
    }
}

#[tokio::test]
async fn motion_is_not_stable() {
    let sim = start(SimScaleProtocol::Generic, 980);
    let reader = read_stable(&sim, Protocol::Generic, 980).await;
    sim.set_motion(true);
    let mut rx = reader.subscribe();
    let status = wait_until(&mut rx, "motion", |s| {
        s.reading.is_some_and(|r| r.state == ScaleState::Motion)
    })
    .await;
    let reading = status.reading.unwrap();
    assert!(!reading.stable);
    assert_eq!(reading.stable_grams(), None);

    sim.set_motion(false);
    wait_until(&mut rx, "settling", |s| s.reading == Some(stable(980))).await;
}

#[tokio::test]
async fn overload_and_negative_weights_are_reported_not_accepted() {
    let sim = start(SimScaleProtocol::AndStandard, 500);
    let reader = read_stable(&sim, Protocol::AndStandard, 500).await;
    let mut rx = reader.subscribe();
    sim.set_overload(true);
    wait_until(&mut rx, "overload", |s| {
        s.reading.is_some_and(|r| r.state == ScaleState::Overload)
    })
    .await;
    assert_eq!(reader.latest().unwrap().stable_grams(), None);
    sim.set_overload(false);
    sim.set_weight(-120);
    let status = wait_until(&mut rx, "under zero", |s| {
        s.reading.is_some_and(|r| r.stable && r.grams == -120)
    })
    .await;
    assert_eq!(status.reading.unwrap().state, ScaleState::UnderZero);
}

#[tokio::test]
async fn garbage_lines_are_counted_and_ignored() {
    let sim = start(SimScaleProtocol::Generic, 1_500);
    let reader = read_stable(&sim, Protocol::Generic, 1_500).await;
    let mut rx = reader.subscribe();
    let before = reader.status().garbled;

    sim.inject_garbage(b"\x00\xFF\xFE noise\r\n");
    let status = wait_until(&mut rx, "the garbled count", |s| s.garbled > before).await;
    assert_eq!(status.garbled, before + 1);
    assert_eq!(
        status.reading,
        Some(stable(1_500)),
        "garbage must not change the reading"
    );

    // Noise without a line end glues onto the next frame, which still parses.
    sim.inject_garbage(b"\x11\x13");
    sim.set_weight(777);
    let status = wait_until(&mut rx, "the next weight", |s| {
        s.reading == Some(stable(777))
    })
    .await;
    assert_eq!(status.garbled, before + 1);
    assert_eq!(reader.latest(), Some(stable(777)));
}

#[tokio::test]
async fn wrong_protocol_yields_only_garbled_frames() {
    let sim = start(SimScaleProtocol::Generic, 1_000);
    let reader = ScaleReader::open(&sim.port_path(), 9600, Protocol::Cas22).unwrap();
    let mut rx = reader.subscribe();
    let status = wait_until(&mut rx, "garbled frames", |s| s.garbled >= 3).await;
    assert_eq!(status.reading, None);
    assert_eq!(status.frames, 0);
    assert_eq!(reader.latest(), None);
}

#[tokio::test]
async fn unplugged_scale_disconnects_and_drops_the_reading() {
    let sim = start(SimScaleProtocol::Cas22, 2_000);
    let reader = read_stable(&sim, Protocol::Cas22, 2_000).await;
    let mut rx = reader.subscribe();
    sim.stop();
    let status = wait_until(&mut rx, "disconnect", |s| {
        matches!(s.link, LinkState::Disconnected { .. })
    })
    .await;
    let LinkState::Disconnected { message } = status.link else {
        unreachable!()
    };
    assert!(!message.is_empty());
    assert_eq!(status.reading, None);
    assert_eq!(reader.latest(), None);
    reader.close();
}

/// Hot-plug: pulling the cable clears the reading with a message; plugging it back into the same
/// port resumes with fresh readings, on the reader's own reconnect loop (for a streaming and a
/// polled protocol).
#[tokio::test]
async fn unplug_then_replug_resumes_with_fresh_readings() {
    for (sim_protocol, protocol) in [
        (SimScaleProtocol::Generic, Protocol::Generic),
        (SimScaleProtocol::Toledo8217, Protocol::Toledo8217),
    ] {
        let sim = start(sim_protocol, 1_200);
        let reader = read_stable(&sim, protocol, 1_200).await;
        assert_eq!(reader.path(), sim.port_path());
        let mut rx = reader.subscribe();

        sim.unplug();
        assert!(!sim.is_plugged());
        let status = wait_until(&mut rx, "disconnect", |s| {
            matches!(s.link, LinkState::Disconnected { .. })
        })
        .await;
        let LinkState::Disconnected { message } = &status.link else {
            unreachable!()
        };
        assert!(!message.is_empty());
        assert_eq!(
            status.reading, None,
            "{protocol}: the old weight is dropped"
        );
        assert_eq!(reader.latest(), None);
        let frames_before = status.frames;

        // A different parcel goes on while unplugged: after replug only the new weight counts.
        sim.set_weight(2_750);
        sim.replug().unwrap();
        let status = wait_until(&mut rx, "reconnect with the new weight", |s| {
            s.link == LinkState::Connected && s.reading == Some(stable(2_750))
        })
        .await;
        assert!(status.frames > frames_before);
        assert_eq!(reader.latest(), Some(stable(2_750)), "{protocol}");
        reader.close();
    }
}

#[test]
fn opening_a_missing_port_fails_with_a_code() {
    let err = ScaleReader::open("/dev/does-not-exist-scale", 9600, Protocol::Auto)
        .err()
        .unwrap();
    assert_eq!(err.code(), "SCALE_OPEN_FAILED");
    assert!(err.message_ko().contains("/dev/does-not-exist-scale"));
}

#[test]
fn reader_and_simulator_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ScaleReader>();
    assert_send_sync::<VirtualScale>();
    assert_send_sync::<ScaleStatus>();
}
