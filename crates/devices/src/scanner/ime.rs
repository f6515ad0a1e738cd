//! Korean IME guard. A keyboard-wedge scanner types key presses; when the OS keyboard is in
//! 한글 mode the IME turns them into jamo and composes syllables (`abc123` arrives as
//! `뮻123`). The 2-set (두벌식) layout is fixed, so the keys can be recovered exactly: split
//! syllables into jamo, split compound jamo (ㅘ, ㄳ) into their keys, map each jamo to its key.
//!
//! Case is only partly recoverable: Shift changes the jamo for Q W E R T O P (ㅃ ㅉ ㄸ ㄲ ㅆ ㅒ
//! ㅖ) but not for other letters, so `ABC` comes back as `abc`. Callers should match scanned
//! codes case-insensitively when [`ime_to_latin`] had to correct them.

/// Each compatibility jamo (U+3131..=U+3163, in Unicode order) and the 2-set keys that type it.
const COMPAT_JAMO_KEYS: [&str; 51] = [
    "r", "R", "rt", "s", "sw", "sg", "e", "E", "f", "fr", "fa", "fq", "ft", "fx", "fv",
    "fg", // ㄱ..ㅀ
    "a", "q", "Q", "qt", "t", "T", "d", "w", "W", "c", "z", "x", "v", "g", // ㅁ..ㅎ
    "k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n", "nj", "np", "nl", "b",
    "m", "ml", "l", // ㅏ..ㅣ
];

/// Syllable components (Unicode order) as compatibility jamo.
const INITIALS: [char; 19] = [
    'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ',
    'ㅌ', 'ㅍ', 'ㅎ',
];
const FINALS: [Option<char>; 28] = [
    None,
    Some('ㄱ'),
    Some('ㄲ'),
    Some('ㄳ'),
    Some('ㄴ'),
    Some('ㄵ'),
    Some('ㄶ'),
    Some('ㄷ'),
    Some('ㄹ'),
    Some('ㄺ'),
    Some('ㄻ'),
    Some('ㄼ'),
    Some('ㄽ'),
    Some('ㄾ'),
    Some('ㄿ'),
    Some('ㅀ'),
    Some('ㅁ'),
    Some('ㅂ'),
    Some('ㅄ'),
    Some('ㅅ'),
    Some('ㅆ'),
    Some('ㅇ'),
    Some('ㅈ'),
    Some('ㅊ'),
    Some('ㅋ'),
    Some('ㅌ'),
    Some('ㅍ'),
    Some('ㅎ'),
];
const SYLLABLE_FIRST: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;
const COMPAT_FIRST: u32 = 0x3131;
const VOWEL_FIRST: u32 = 0x314F;

/// Maps Hangul typed by the 2-set IME back to the Latin keys that produced it; other
/// characters (digits, punctuation, Latin) pass through. `None` when there was no Hangul, so
/// the caller knows nothing needed correcting.
pub fn ime_to_latin(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut corrected = false;
    for ch in text.chars() {
        match keys_for(ch) {
            Some(keys) => {
                corrected = true;
                out.push_str(&keys);
            }
            None => out.push(ch),
        }
    }
    corrected.then_some(out)
}

/// The keys for one character, or `None` if it is not Hangul.
fn keys_for(ch: char) -> Option<String> {
    let code = u32::from(ch);
    if (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&code) {
        let index = code - SYLLABLE_FIRST;
        let initial = INITIALS[(index / (21 * 28)) as usize];
        let vowel = char::from_u32(VOWEL_FIRST + (index / 28) % 21)?;
        let mut keys = String::new();
        keys.push_str(compat_keys(initial)?);
        keys.push_str(compat_keys(vowel)?);
        if let Some(final_) = FINALS[(index % 28) as usize] {
            keys.push_str(compat_keys(final_)?);
        }
        return Some(keys);
    }
    conjoining_to_compat(ch)
        .or(Some(ch))
        .and_then(compat_keys)
        .map(str::to_owned)
}

fn compat_keys(ch: char) -> Option<&'static str> {
    let index = u32::from(ch).checked_sub(COMPAT_FIRST)?;
    COMPAT_JAMO_KEYS.get(index as usize).copied()
}

/// Conjoining jamo (U+1100.., U+1161.., U+11A8..), which some IMEs emit while composing,
/// as the equivalent compatibility jamo.
fn conjoining_to_compat(ch: char) -> Option<char> {
    let code = u32::from(ch);
    match code {
        0x1100..=0x1112 => Some(INITIALS[(code - 0x1100) as usize]),
        0x1161..=0x1175 => char::from_u32(VOWEL_FIRST + code - 0x1161),
        0x11A8..=0x11C2 => FINALS[(code - 0x11A8 + 1) as usize],
        _ => None,
    }
}
