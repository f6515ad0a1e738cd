//! GS1 element strings and whole-scan decoding must never panic, whatever the scanner sends,
//! and a successful parse must survive a round trip through the bracketed form.
#![no_main]
use libfuzzer_sys::fuzz_target;
use packdesk_devices::scanner::{Affixes, Scan, parse_element_string_at};

fuzz_target!(|data: &[u8]| {
    let _ = Scan::decode(data, &Affixes::default());
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Scan::decode_typed(text, &Affixes::default());
        if let Ok(parsed) = parse_element_string_at(text, 2025) {
            let again = parse_element_string_at(&parsed.to_hri(), 2025);
            // Bracketed values end at the next `(NN)`; a lot that itself contains `(NN)` cannot
            // round-trip, so only check when the values have no brackets.
            if parsed.elements.iter().all(|e| !e.value.contains('(')) {
                assert_eq!(again.as_ref().ok(), Some(&parsed), "round trip of {text:?}");
            }
        }
    }
});
