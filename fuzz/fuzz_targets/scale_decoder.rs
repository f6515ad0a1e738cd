//! The streaming decoder (splitter + parser) for every protocol: arbitrary bytes cut into
//! arbitrary reads must never panic, and how the stream is cut must not change the frames
//! that come out (as long as no noise run is long enough to be dropped as an overflow).
#![no_main]
use libfuzzer_sys::fuzz_target;
use packdesk_devices::scale::{Decoded, Decoder, Protocol};

/// The splitters drop an undelimited run longer than this; where the cut falls then depends
/// on the read sizes, by design.
const MAX_FRAME: usize = 256;

fuzz_target!(|data: &[u8]| {
    let [pick, cut_seed, stream @ ..] = data else {
        return;
    };
    let protocol = Protocol::ALL[usize::from(*pick) % Protocol::ALL.len()];

    let whole = Decoder::decode_all(protocol, stream);

    // Reads of 1..=16 bytes, sizes derived from the seed, draining after every read.
    let mut decoder = Decoder::new(protocol);
    let mut pieces: Vec<Decoded> = Vec::new();
    let mut rest = stream;
    let mut seed = u32::from(*cut_seed) | 1;
    while !rest.is_empty() {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let n = (((seed >> 16) as usize) % 16 + 1).min(rest.len());
        let (chunk, tail) = rest.split_at(n);
        decoder.push(chunk);
        pieces.extend(std::iter::from_fn(|| decoder.next_decoded()));
        rest = tail;
    }

    for d in whole.iter().chain(&pieces) {
        assert!(!d.raw.is_empty(), "empty frame from {stream:?}");
    }
    if stream.len() <= MAX_FRAME {
        assert_eq!(pieces, whole, "{protocol}: cutting {stream:?} changed the frames");
    }
});
