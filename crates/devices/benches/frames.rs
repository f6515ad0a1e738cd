//! Scale frames parsed per second through the streaming decoder (split + parse + convert to grams),
//! for the streaming protocols a desk scale sends at ~10 Hz (the fastest indicators: 100 Hz).
//! USB HID scale reports are parsed one per read (group `hid_reports`).
//! The figure is set against that physical rate in docs/benchmarks.md.

#![allow(clippy::unwrap_used)] // bench code: a failed unwrap is a failed bench

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use packdesk_devices::scale::{Decoder, Protocol, parse_hid_report};

const FRAMES: usize = 10_000;

fn stream(frame: &[u8]) -> Vec<u8> {
    frame.repeat(FRAMES)
}

fn bench(c: &mut Criterion) {
    let cases: [(&str, Protocol, &[u8]); 4] = [
        ("cas22", Protocol::Cas22, b"ST,GS,1\xE4,000013.5 kg\r\n"),
        ("generic", Protocol::Generic, b"ST,GS,+0001.234kg\r\n"),
        ("mtsics", Protocol::MtSics, b"S S      1.234 kg\r\n"),
        ("auto", Protocol::Auto, b"ST,GS,+0001.234kg\r\n"),
    ];
    let mut group = c.benchmark_group("scale_frames");
    group.throughput(Throughput::Elements(FRAMES as u64));
    for (name, protocol, frame) in cases {
        let bytes = stream(frame);
        // Sanity: every frame of the stream decodes to a reading.
        let decoded = Decoder::decode_all(protocol, &bytes);
        assert_eq!(decoded.len(), FRAMES, "{name}");
        assert!(decoded.iter().all(|d| d.result.is_ok()), "{name}");
        group.bench_function(name, |b| {
            b.iter(|| {
                // Fed in 64-byte reads, as a serial port delivers them.
                let mut d = Decoder::new(protocol);
                let mut n = 0;
                for chunk in bytes.chunks(64) {
                    d.push(chunk);
                    while d.next_decoded().is_some() {
                        n += 1;
                    }
                }
                assert_eq!(n, FRAMES);
            })
        });
    }
    group.finish();

    // USB HID scales deliver one 6-byte report per read: no splitting, just the parse.
    let reports: Vec<[u8; 6]> = (0..FRAMES)
        .map(|i| {
            let [lsb, msb] = ((i % 5_000) as u16).to_le_bytes();
            [0x03, 0x04, 0x0B, 0xFF, lsb, msb] // tenths of an ounce, stable
        })
        .collect();
    assert!(reports.iter().all(|r| parse_hid_report(r).is_ok()));
    let mut group = c.benchmark_group("hid_reports");
    group.throughput(Throughput::Elements(FRAMES as u64));
    group.bench_function("hid_scale_report", |b| {
        b.iter(|| {
            let mut grams = 0i64;
            for report in &reports {
                grams += parse_hid_report(std::hint::black_box(report))
                    .unwrap()
                    .grams;
            }
            assert!(grams > 0);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
