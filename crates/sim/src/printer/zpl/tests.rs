use super::*;

fn one(zpl: &str) -> Label {
    let labels = decode(zpl.as_bytes()).unwrap();
    assert_eq!(labels.len(), 1, "{labels:?}");
    labels.into_iter().next().unwrap()
}

#[test]
fn waybill_skeleton() {
    let label = one(concat!(
        "^XA^CI28^PW800^LL1200^LH0,0\r\n",
        "^FO40,40^A0N,40,40^FDOrder 12345^FS\r\n",
        "^FO40,100^BY3^BCN,120,Y,N,N^FD>;0123456789^FS\r\n",
        "^FO40,260^BQN,2,6^FDQA,https://example/o/123^FS\r\n",
        "^FO40,500^GB720,3,3^FS\r\n",
        "^XZ\r\n",
    ));
    assert_eq!(label.width_dots, Some(800));
    assert_eq!(label.length_dots, Some(1200));
    assert_eq!(
        label.texts,
        vec![Text {
            x: 40,
            y: 40,
            font: "0".into(),
            height: 40,
            text: "Order 12345".into()
        }]
    );
    assert_eq!(
        label.barcodes,
        vec![
            Barcode {
                x: 40,
                y: 100,
                kind: BarcodeKind::Code128,
                data: "0123456789".into(),
                module_width: 3,
                height: 120
            },
            Barcode {
                x: 40,
                y: 260,
                kind: BarcodeKind::Qr,
                data: "https://example/o/123".into(),
                module_width: 3,
                height: 0
            },
        ]
    );
    assert_eq!(label.boxes, 1);
    assert!(label.graphics.is_empty());
}

#[test]
fn korean_text_utf8_and_hex_escapes() {
    let label = one(
        "^XA^CI28^FO10,20^A@N,30,30,E:NANUM.TTF^FD받는분: 홍길동^FS^FO10,60^FH^FD_ED_99_8D_EA_B8_B8동 _5F^FS^XZ",
    );
    assert_eq!(label.texts[0].text, "받는분: 홍길동");
    assert_eq!(label.texts[0].font, "E:NANUM.TTF");
    assert_eq!(label.texts[0].height, 30);
    assert_eq!(label.texts[1].text, "홍길동 _");
    assert!(label.has_text("홍길동"));
}

#[test]
fn without_ci28_bytes_are_latin1() {
    let label = one("^XA^FO0,0^FH\\^FD\\E9t\\E9^FS^XZ");
    assert_eq!(label.texts[0].text, "été");
}

#[test]
fn default_font_from_cf_and_per_field_a() {
    let label = one("^XA^CF0,60^FO1,2^FDbig^FS^FO3,4^ADN,18,10^FDsmall^FS^FO5,6^FDbig again^FS^XZ");
    let fonts: Vec<_> = label
        .texts
        .iter()
        .map(|t| (t.font.as_str(), t.height, t.text.as_str()))
        .collect();
    assert_eq!(
        fonts,
        vec![("0", 60, "big"), ("D", 18, "small"), ("0", 60, "big again")]
    );
}

#[test]
fn other_barcodes_and_ft_positions() {
    let label = one(
        "^XA^BY2,3,80^FT10,300^B3N,N,100,Y,N^FDABC-123^FS^FO20,400^B2N,90,Y,N,N^FD00123456^FS^FO0,0^BCN,,Y,N^FD>:AB>5123456^FS^XZ",
    );
    let codes: Vec<_> = label
        .barcodes
        .iter()
        .map(|b| (b.kind, b.x, b.y, b.height, b.data.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (BarcodeKind::Code39, 10, 300, 100, "ABC-123"),
            (BarcodeKind::I2of5, 20, 400, 90, "00123456"),
            (BarcodeKind::Code128, 0, 0, 80, "AB123456"),
        ]
    );
    assert_eq!(label.barcodes[0].module_width, 2);
}

#[test]
fn gs1_128_fnc1_and_literal_invocations() {
    let label = one(
        "^XA^FO0,0^BCN,100^FD>;>80109501101530003>810>6ABC^FS^FO0,0^BCN,100^FD>:a>0b><c>=d^FS^XZ",
    );
    assert_eq!(label.barcodes[0].data, "0109501101530003\u{1D}10ABC");
    assert_eq!(label.barcodes[1].data, "a>b^c~d");
}

#[test]
fn qr_manual_byte_mode() {
    let label = one("^XA^FO0,0^BQN,2,4^FDHM,B0011hello world^FS^XZ");
    assert_eq!(label.barcodes[0].data, "hello world");
}

#[test]
fn compressed_gfa_graphic() {
    // Rows: FFFF (J = 4×F), repeat (:), 00FF (H0 = 2×0, then HF), 8001, F000 (',' fills zeros), 00FF ('!' fills ones).
    let label = one("^XA^FO100,200^GFA,12,12,2,JF:H0HF8H01F,H0!^FS^XZ");
    let g = &label.graphics[0];
    assert_eq!((g.x, g.y, g.width_bytes, g.height), (100, 200, 2, 6));
    assert_eq!(
        g.bits,
        vec![
            0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0x80, 0x01, 0xF0, 0x00, 0x00, 0xFF
        ]
    );
    assert!(g.pixel(0, 3) && !g.pixel(1, 3) && g.pixel(15, 3));
    assert_eq!(g.ink(), 16 + 16 + 8 + 2 + 4 + 8);
}

#[test]
fn gfa_lowercase_counts_span_many_digits() {
    // g = 20, Q = 11: 31 F digits, then ',' zero-fills the 50-digit row; the data is split across lines.
    let label = one("^XA^FO0,0^GFA,50,50,25,gQF,\r\n:^FS^XZ");
    let g = &label.graphics[0];
    assert_eq!(g.height, 2);
    let mut row = vec![0xFF; 15];
    row.push(0xF0);
    row.extend([0; 9]);
    assert_eq!(&g.bits[..25], &row[..]);
    assert_eq!(&g.bits[25..], &row[..]);
}

#[test]
fn gfa_base64_and_size_errors() {
    let label = one("^XA^FO0,0^GFA,4,4,2,:B64:/wCAAQ==:1A2B^FS^XZ");
    assert_eq!(label.graphics[0].bits, vec![0xFF, 0x00, 0x80, 0x01]);
    let short = decode(b"^XA^FO0,0^GFA,8,8,2,FFFF^FS^XZ").unwrap_err();
    assert_eq!(short.code(), "ZPL_BAD_GRAPHIC");
    let ragged = decode(b"^XA^FO0,0^GFA,4,4,2,FFF^FS^XZ").unwrap_err();
    assert_eq!(ragged.code(), "ZPL_BAD_GRAPHIC");
    let zlib = decode(b"^XA^FO0,0^GFA,4,4,2,:Z64:eJz7DwABAQEA:0000^FS^XZ").unwrap_err();
    assert_eq!(zlib.code(), "ZPL_BAD_GRAPHIC");
}

#[test]
fn several_labels_with_noise_and_unknown_commands() {
    let stream = b"~SD15\r\n^XA^MMT^FX comment ~ with tilde^FO1,1^FDfirst~x^FS^XZ\r\njunk\r\n^XA^LRN^FO2,2^FDsecond^FS^PQ1,0,1,Y^XZ";
    let labels = decode(stream).unwrap();
    let texts: Vec<_> = labels.iter().map(|l| l.texts[0].text.as_str()).collect();
    assert_eq!(texts, vec!["first~x", "second"]);
}

#[test]
fn structural_and_value_errors() {
    assert_eq!(
        decode(b"^XA^FO0,0^FDx^FS").unwrap_err(),
        DecodeError::Unterminated { label: 1 }
    );
    assert_eq!(
        decode(b"^XA^XZ^XA^XA^XZ").unwrap_err(),
        DecodeError::Nested { label: 2 }
    );
    assert_eq!(
        decode(b"^XA^FO40.5,10^FDx^FS^XZ").unwrap_err().code(),
        "ZPL_BAD_NUMBER"
    );
    assert_eq!(
        decode(b"^XA^CI28^FO0,0^FD\xFF^FS^XZ").unwrap_err().code(),
        "ZPL_INVALID_UTF8"
    );
    assert_eq!(
        decode(b"^XA^FO0,0^FH^FD_G1^FS^XZ").unwrap_err().code(),
        "ZPL_BAD_HEX_ESCAPE"
    );
    assert!(decode(b"").unwrap().is_empty());
}

#[test]
fn decoder_state_persists_across_pieces() {
    let mut decoder = Decoder::new();
    let first = decoder
        .decode("^XA^CI28^BY4^FO0,0^FD가^FS^XZ".as_bytes())
        .unwrap();
    let second = decoder
        .decode("^XA^FO0,0^FD나^FS^FO0,0^BCN,50^FD123^FS^XZ".as_bytes())
        .unwrap();
    assert_eq!(first[0].texts[0].text, "가");
    assert_eq!(second[0].texts[0].text, "나");
    assert_eq!(second[0].barcodes[0].module_width, 4);
    let err = decoder.decode(b"^XA").unwrap_err();
    assert_eq!(err, DecodeError::Unterminated { label: 3 });
}
