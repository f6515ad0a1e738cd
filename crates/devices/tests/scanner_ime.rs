//! Korean IME guard: a small 2-set (두벌식) IME built here from the keyboard layout types key
//! sequences the way Windows/macOS do in 한글 mode; `ime_to_latin` must recover the keys.
use packdesk_devices::scanner::ime_to_latin;

/// The 2-set layout: each key and the jamo it types (Shift matters only for Q W E R T O P).
const LAYOUT: &[(char, char)] = &[
    ('q', 'ㅂ'),
    ('w', 'ㅈ'),
    ('e', 'ㄷ'),
    ('r', 'ㄱ'),
    ('t', 'ㅅ'),
    ('y', 'ㅛ'),
    ('u', 'ㅕ'),
    ('i', 'ㅑ'),
    ('o', 'ㅐ'),
    ('p', 'ㅔ'),
    ('a', 'ㅁ'),
    ('s', 'ㄴ'),
    ('d', 'ㅇ'),
    ('f', 'ㄹ'),
    ('g', 'ㅎ'),
    ('h', 'ㅗ'),
    ('j', 'ㅓ'),
    ('k', 'ㅏ'),
    ('l', 'ㅣ'),
    ('z', 'ㅋ'),
    ('x', 'ㅌ'),
    ('c', 'ㅊ'),
    ('v', 'ㅍ'),
    ('b', 'ㅠ'),
    ('n', 'ㅜ'),
    ('m', 'ㅡ'),
    ('Q', 'ㅃ'),
    ('W', 'ㅉ'),
    ('E', 'ㄸ'),
    ('R', 'ㄲ'),
    ('T', 'ㅆ'),
    ('O', 'ㅒ'),
    ('P', 'ㅖ'),
];
const INITIALS: &str = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const VOWELS: &str = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
const FINALS: &str = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
const COMPOUND_VOWELS: &[(char, char, char)] = &[
    ('ㅗ', 'ㅏ', 'ㅘ'),
    ('ㅗ', 'ㅐ', 'ㅙ'),
    ('ㅗ', 'ㅣ', 'ㅚ'),
    ('ㅜ', 'ㅓ', 'ㅝ'),
    ('ㅜ', 'ㅔ', 'ㅞ'),
    ('ㅜ', 'ㅣ', 'ㅟ'),
    ('ㅡ', 'ㅣ', 'ㅢ'),
];
const COMPOUND_FINALS: &[(char, char, char)] = &[
    ('ㄱ', 'ㅅ', 'ㄳ'),
    ('ㄴ', 'ㅈ', 'ㄵ'),
    ('ㄴ', 'ㅎ', 'ㄶ'),
    ('ㄹ', 'ㄱ', 'ㄺ'),
    ('ㄹ', 'ㅁ', 'ㄻ'),
    ('ㄹ', 'ㅂ', 'ㄼ'),
    ('ㄹ', 'ㅅ', 'ㄽ'),
    ('ㄹ', 'ㅌ', 'ㄾ'),
    ('ㄹ', 'ㅍ', 'ㄿ'),
    ('ㄹ', 'ㅎ', 'ㅀ'),
    ('ㅂ', 'ㅅ', 'ㅄ'),
];

fn jamo_for_key(key: char) -> Option<char> {
    let exact = LAYOUT.iter().find(|(k, _)| *k == key);
    let lower = || LAYOUT.iter().find(|(k, _)| *k == key.to_ascii_lowercase());
    exact.or_else(lower).map(|(_, j)| *j)
}

fn is_vowel(j: char) -> bool {
    VOWELS.contains(j)
}

fn combine(table: &[(char, char, char)], a: char, b: char) -> Option<char> {
    table
        .iter()
        .find(|(x, y, _)| *x == a && *y == b)
        .map(|(_, _, c)| *c)
}

fn split(table: &[(char, char, char)], c: char) -> Option<(char, char)> {
    table
        .iter()
        .find(|(_, _, z)| *z == c)
        .map(|(x, y, _)| (*x, *y))
}

#[derive(Default)]
struct Ime {
    out: String,
    cho: Option<char>,
    jung: Option<char>,
    jong: Option<char>,
}

impl Ime {
    fn flush(&mut self) {
        match (self.cho.take(), self.jung.take(), self.jong.take()) {
            (Some(c), Some(v), t) => {
                let l = INITIALS.chars().position(|x| x == c).expect("initial") as u32;
                let m = VOWELS.chars().position(|x| x == v).expect("vowel") as u32;
                let f = t.map_or(0, |t| {
                    FINALS.chars().position(|x| x == t).expect("final") as u32 + 1
                });
                self.out
                    .push(char::from_u32(0xAC00 + (l * 21 + m) * 28 + f).expect("syllable"));
            }
            (c, v, _) => self.out.extend(c.into_iter().chain(v)),
        }
    }

    fn key(&mut self, key: char) {
        let Some(j) = jamo_for_key(key) else {
            self.flush();
            self.out.push(key);
            return;
        };
        if is_vowel(j) {
            match (self.cho, self.jung, self.jong) {
                (_, None, None) => self.jung = Some(j),
                (_, Some(v), None) => match combine(COMPOUND_VOWELS, v, j) {
                    Some(c) => self.jung = Some(c),
                    None => {
                        self.flush();
                        self.jung = Some(j);
                    }
                },
                (_, _, Some(t)) => {
                    // The final consonant (or its second half) starts the next syllable.
                    let (keep, moved) = match split(COMPOUND_FINALS, t) {
                        Some((a, b)) => (Some(a), b),
                        None => (None, t),
                    };
                    self.jong = keep;
                    self.flush();
                    self.cho = Some(moved);
                    self.jung = Some(j);
                }
            }
        } else {
            match (self.cho, self.jung, self.jong) {
                (Some(_), Some(_), None) if FINALS.contains(j) => self.jong = Some(j),
                (Some(_), Some(_), Some(t)) if combine(COMPOUND_FINALS, t, j).is_some() => {
                    self.jong = combine(COMPOUND_FINALS, t, j);
                }
                (None, None, None) => self.cho = Some(j),
                _ => {
                    self.flush();
                    self.cho = Some(j);
                }
            }
        }
    }

    fn type_keys(keys: &str) -> String {
        let mut ime = Ime::default();
        keys.chars().for_each(|k| ime.key(k));
        ime.flush();
        ime.out
    }
}

/// What can come back: Shift is lost except where it changes the jamo.
fn expected(keys: &str) -> String {
    keys.chars()
        .map(|k| {
            if "QWERTOP".contains(k) {
                k
            } else {
                k.to_ascii_lowercase()
            }
        })
        .collect()
}

#[test]
fn the_test_ime_composes_like_the_real_one() {
    assert_eq!(Ime::type_keys("abc123"), "뮻123");
    assert_eq!(Ime::type_keys("gksrmf"), "한글");
    assert_eq!(Ime::type_keys("rkfrk"), "갈가");
    assert_eq!(Ime::type_keys("dhk"), "와");
    assert_eq!(Ime::type_keys("rkrt"), "갃");
    assert_eq!(Ime::type_keys("Qk"), "빠");
}

#[test]
fn documented_examples() {
    assert_eq!(ime_to_latin("ㅁㅠㅊ123").as_deref(), Some("abc123"));
    assert_eq!(ime_to_latin("뮻123").as_deref(), Some("abc123"));
    assert_eq!(ime_to_latin("ㅘ").as_deref(), Some("hk"));
    assert_eq!(ime_to_latin("ㄳ").as_deref(), Some("rt"));
    assert_eq!(ime_to_latin("ㅃㅒ").as_deref(), Some("QO"));
    assert_eq!(ime_to_latin("CJ-1234/5"), None);
    assert_eq!(ime_to_latin(""), None);
    // Conjoining jamo (U+1100 block) as some IMEs emit mid-composition.
    assert_eq!(
        ime_to_latin("\u{1100}\u{1161}\u{11A8}").as_deref(),
        Some("rkr")
    );
}

#[test]
fn every_latin_key_round_trips() {
    for key in ('a'..='z').chain('A'..='Z') {
        let typed = Ime::type_keys(&key.to_string());
        assert_eq!(typed.chars().count(), 1);
        assert_eq!(
            ime_to_latin(&typed),
            Some(expected(&key.to_string())),
            "{key} -> {typed}"
        );
    }
}

#[test]
fn every_sequence_of_up_to_three_keys_round_trips() {
    let keys: Vec<char> = ('a'..='z').chain("QWERTOP".chars()).collect();
    for a in &keys {
        for b in &keys {
            for c in &keys {
                let sequence: String = [*a, *b, *c].iter().collect();
                let typed = Ime::type_keys(&sequence);
                assert_eq!(
                    ime_to_latin(&typed),
                    Some(sequence.clone()),
                    "{sequence} -> {typed}"
                );
            }
        }
    }
}

#[test]
fn realistic_codes_with_digits_and_punctuation() {
    for code in [
        "SKU-abc-001",
        "CJ123456789KR",
        "order#2024/0001",
        "hello world",
        "BOX_7.5kg",
    ] {
        let typed = Ime::type_keys(code);
        assert_ne!(typed, code, "the IME should have changed {code}");
        assert_eq!(
            ime_to_latin(&typed),
            Some(expected(code)),
            "{code} -> {typed}"
        );
    }
}
