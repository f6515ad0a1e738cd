//! AIM symbology identifiers (hardware.md §2.3) and whole-scan decoding.
use packdesk_devices::scanner::{Affixes, Scan, Symbology, parse_aim};

#[test]
fn documented_identifiers_map_to_symbologies() {
    let cases = [
        ("]C1", Symbology::Gs1_128, "GS1-128", true),
        ("]C0", Symbology::Code128, "Code 128", false),
        ("]E0", Symbology::Ean13, "EAN-13 / UPC", false),
        ("]E1", Symbology::Ean13AddOn, "EAN-13 + add-on", false),
        ("]E2", Symbology::Ean13AddOn, "EAN-13 + add-on", false),
        ("]E3", Symbology::EanUpcAddOn, "EAN/UPC + add-on", false),
        ("]E4", Symbology::Ean8, "EAN-8", false),
        ("]d2", Symbology::Gs1DataMatrix, "GS1 DataMatrix", true),
        ("]d1", Symbology::DataMatrix, "Data Matrix", false),
        ("]Q3", Symbology::Gs1Qr, "GS1 QR Code", true),
        ("]Q1", Symbology::Qr, "QR Code", false),
        ("]A0", Symbology::Code39, "Code 39", false),
        ("]I0", Symbology::Itf, "Interleaved 2 of 5", false),
        ("]I1", Symbology::Itf14, "ITF-14", false),
        ("]e0", Symbology::Gs1DataBar, "GS1 DataBar", true),
        ("]e1", Symbology::Gs1Composite, "GS1 Composite", true),
        ("]J1", Symbology::Gs1DotCode, "GS1 DotCode", true),
        ("]F0", Symbology::Codabar, "Codabar", false),
        ("]G0", Symbology::Code93, "Code 93", false),
        ("]L2", Symbology::Pdf417, "PDF417", false),
        ("]z0", Symbology::Aztec, "Aztec", false),
        ("]U0", Symbology::MaxiCode, "MaxiCode", false),
    ];
    for (prefix, symbology, name, gs1) in cases {
        let input = format!("{prefix}DATA");
        let (id, used) = parse_aim(input.as_bytes()).unwrap_or_else(|| panic!("{prefix}"));
        assert_eq!(used, 3, "{prefix}");
        assert_eq!(id.prefix(), prefix);
        assert_eq!(id.symbology(), symbology, "{prefix}");
        assert_eq!(symbology.display_name(), name, "{prefix}");
        assert_eq!(symbology.is_gs1(), gs1, "{prefix}");
    }
    assert!(Symbology::Ean13.carries_gtin() && Symbology::Itf14.carries_gtin());
    assert!(!Symbology::Itf.carries_gtin() && !Symbology::Gs1_128.carries_gtin());
}

#[test]
fn not_an_identifier() {
    for input in [
        &b"]"[..],
        b"]C",
        b"]1C",
        b"]C\x1d",
        b"C10109",
        b"",
        b"]Y9AB",
    ] {
        assert_eq!(
            parse_aim(input),
            None,
            "{:?}",
            input.escape_ascii().to_string()
        );
    }
}

#[test]
fn system_expansion_has_more_modifier_characters() {
    let (id, used) = parse_aim(b"]Y2ABdata").unwrap();
    assert_eq!((id.code, id.modifier.as_str(), used), ('Y', "2AB", 5));
    let (other, _) = parse_aim(b"]X0data").unwrap();
    assert_eq!(other.symbology().to_string(), "Other symbology (]X0)");
}

#[test]
fn scan_decodes_gs1_datamatrix_with_gs() {
    let scan = Scan::decode(b"]d2010950110153000310ABC\x1d17251231", &Affixes::default());
    assert_eq!(scan.symbology, Symbology::Gs1DataMatrix);
    assert_eq!(scan.text, "010950110153000310ABC\u{1d}17251231");
    let gs1 = scan.gs1.unwrap().unwrap();
    assert_eq!(
        (gs1.gtin(), gs1.lot()),
        (Some("09501101530003"), Some("ABC"))
    );
}

#[test]
fn scan_strips_programmed_prefix_and_suffix_then_aim() {
    let affixes = Affixes {
        prefix: b"\x02".to_vec(),
        suffix: b"\x03".to_vec(),
    };
    let scan = Scan::decode(b"\x02]E08801234567893\x03", &affixes);
    assert_eq!(scan.raw, b"\x02]E08801234567893\x03");
    assert_eq!(scan.text, "8801234567893");
    assert_eq!(scan.gs1.unwrap().unwrap().gtin(), Some("08801234567893"));
    // Affixes are optional: a frame without them is taken as-is.
    assert_eq!(Scan::decode(b"]C0CJ123", &affixes).text, "CJ123");
}

#[test]
fn plain_codes_are_not_gs1() {
    let waybill = Scan::decode(b"]C0564012345678", &Affixes::default());
    assert_eq!(waybill.symbology, Symbology::Code128);
    assert_eq!(waybill.gs1, None);
    let bare = Scan::decode(b"0109501101530003", &Affixes::default());
    assert_eq!(bare.symbology, Symbology::Unidentified);
    assert_eq!(bare.gs1, None, "digits alone could be an order number");
    let with_gs = Scan::decode(b"10ABC\x1d17251231", &Affixes::default());
    assert_eq!(with_gs.gs1.unwrap().unwrap().lot(), Some("ABC"));
}

#[test]
fn gs1_scan_with_bad_data_reports_the_error() {
    let scan = Scan::decode(b"]C10109501101530004", &Affixes::default());
    assert_eq!(scan.gs1.unwrap().unwrap_err().code(), "GS1_BAD_CHECK_DIGIT");
    let ean = Scan::decode(b"]E08801234567890", &Affixes::default());
    assert_eq!(ean.gs1.unwrap().unwrap_err().code(), "GS1_BAD_CHECK_DIGIT");
}

#[test]
fn typed_scan_undoes_the_korean_ime() {
    // `]C1` + `10abc` typed in 한글 mode: the digits survive, `abc` becomes 뮻.
    let scan = Scan::decode_typed("]C110뮻<GS>17251231", &Affixes::default());
    assert!(scan.ime_corrected);
    assert_eq!(scan.raw, "]C110뮻<GS>17251231".as_bytes());
    assert_eq!(scan.gs1.unwrap().unwrap().lot(), Some("abc"));
    let latin = Scan::decode_typed("CJ1234", &Affixes::default());
    assert!(!latin.ime_corrected);
    assert_eq!(latin.text, "CJ1234");
}

#[test]
fn bracket_then_multibyte_text_is_not_gs1() {
    // Found by the gs1_parse fuzz target: a byte-index slice inside a 3-byte character panicked.
    let scan = Scan::decode("(\u{fffd}".as_bytes(), &Affixes::default());
    assert_eq!(scan.gs1, None);
    let bracketed = Scan::decode(b"(10)ABC", &Affixes::default());
    assert_eq!(bracketed.gs1.unwrap().unwrap().lot(), Some("ABC"));
}
