use super::*;

const LABEL: &[u8] = b"SIZE 123 mm,100 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1,0\r\nCLS\r\n\
BITMAP 10,20,2,2,0,\x7F\xFF\xFF\xFE\r\n\
TEXT 30,40,\"0\",0,10,10,\"010-1234-****\"\r\n\
BAR 0,50,100,3\r\nBOX 4,4,980,796,3\r\n\
BARCODE 28,71,\"128\",116,0,0,2,2,\"4W44-4g\"\r\n\
BARCODE 600,71,\"25\",82,0,0,2,6,\"1234\"\r\n\
QRCODE 5,6,M,4,A,0,\"https://x/\\[\"]y\"\r\n\
PRINT 1,1\r\n";

#[test]
fn a_label_decodes_into_its_parts() {
    let labels = decode(LABEL).unwrap();
    assert_eq!(labels.len(), 1);
    let l = &labels[0];
    assert_eq!(l.size, Some(("123 mm".into(), "100 mm".into())));
    assert_eq!(l.copies, 1);
    assert_eq!(l.texts[0].text, "010-1234-****");
    assert_eq!((l.texts[0].x, l.texts[0].y), (30, 40));
    assert_eq!(l.bitmaps[0].bits, vec![0x80, 0, 0, 1]);
    assert!(l.bitmaps[0].pixel(0, 0) && l.bitmaps[0].pixel(15, 1));
    assert_eq!(l.bars, vec![(0, 50, 100, 3)]);
    assert_eq!(l.boxes.len(), 1);
    let kinds: Vec<_> = l
        .barcodes
        .iter()
        .map(|b| (b.kind, b.data.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (BarcodeKind::Code128, "4W44-4g"),
            (BarcodeKind::Itf, "1234"),
            (BarcodeKind::Qr, "https://x/\"y")
        ]
    );
    assert_eq!((l.barcodes[1].narrow, l.barcodes[1].wide), (2, 6));
}

#[test]
fn bytes_may_arrive_in_any_chunks() {
    let whole = decode(LABEL).unwrap();
    for cut in 1..LABEL.len() {
        let mut d = Decoder::new();
        d.push(&LABEL[..cut]);
        let mut got = Vec::new();
        while let Some(l) = d.next_label().unwrap() {
            got.push(l);
        }
        d.push(&LABEL[cut..]);
        while let Some(l) = d.next_label().unwrap() {
            got.push(l);
        }
        d.finish().unwrap();
        assert_eq!(got, whole, "split at {cut}");
        assert_eq!(d.printed_upto(), LABEL.len());
    }
}

#[test]
fn every_truncation_is_an_error_not_a_panic() {
    // Settings before CLS print nothing; from the first drawing on, a cut stream is an error.
    let header = LABEL.windows(5).position(|w| w == b"CLS\r\n").unwrap() + 5;
    for cut in 1..LABEL.len() - 2 {
        let err = match decode(&LABEL[..cut]) {
            Ok(labels) if cut <= header => {
                assert!(labels.is_empty());
                continue;
            }
            Ok(labels) => panic!("cut at {cut}: {labels:?}"),
            Err(e) => e,
        };
        assert!(
            matches!(
                err,
                DecodeError::Truncated { .. } | DecodeError::Unterminated { .. }
            ),
            "cut at {cut}: {err:?}"
        );
    }
}

#[test]
fn garbage_is_an_error() {
    for garbage in [
        &b"\x00\x01\x02\xff\r\n"[..],
        b"HELLO 1,2\r\n",
        b"CLS\r\nTEXT 1,2,\"0\r\nPRINT 1\r\n",
        b"CLS\r\nBAR a,b,c,d\r\nPRINT 1\r\n",
        b"CLS\r\nBITMAP 1,2\r\nPRINT 1\r\n",
        b"CLS\r\nBITMAP 0,0,1,1,0,\x00XPRINT 1\r\n",
    ] {
        let err = decode(garbage).unwrap_err();
        assert!(!err.code().is_empty() && !err.message_ko().is_empty());
    }
}
