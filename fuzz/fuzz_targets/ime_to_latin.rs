//! `ime_to_latin` must never panic, must report `None` exactly when there was no Hangul, and
//! must leave non-Hangul characters untouched.
#![no_main]
use libfuzzer_sys::fuzz_target;
use packdesk_devices::scanner::ime_to_latin;

fn is_hangul(c: char) -> bool {
    matches!(u32::from(c), 0xAC00..=0xD7A3 | 0x3131..=0x3163 | 0x1100..=0x1112 | 0x1161..=0x1175 | 0x11A8..=0x11C2)
}

fuzz_target!(|text: &str| {
    match ime_to_latin(text) {
        None => assert!(!text.chars().any(is_hangul)),
        Some(latin) => {
            assert!(text.chars().any(is_hangul));
            assert!(!latin.chars().any(is_hangul));
            let kept: String = text.chars().filter(|c| !is_hangul(*c)).collect();
            let out_non_letters: String =
                latin.chars().filter(|c| !c.is_ascii_alphabetic()).collect();
            let in_non_letters: String =
                kept.chars().filter(|c| !c.is_ascii_alphabetic()).collect();
            assert_eq!(out_non_letters, in_non_letters);
        }
    }
});
