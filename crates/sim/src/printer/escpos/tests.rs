use super::*;

fn receipt() -> Vec<u8> {
    let mut r = vec![0x1B, 0x40];
    // Two bands of a 2-byte-wide picture: 2 rows then 1 row.
    r.extend_from_slice(&[0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0, 0, 1]);
    r.extend_from_slice(&[
        0x1D, 0x4C, 40, 0, 0x1D, 0x48, 0, 0x1D, 0x68, 60, 0x1D, 0x77, 2,
    ]);
    r.extend_from_slice(&[0x1D, 0x6B, 73, 8, b'{', b'C', 12, 34, 56, 78, 90, 12]);
    r.extend_from_slice(&[0x1D, 0x6B, 73, 9]);
    r.extend_from_slice(b"{B4W44-4g");
    r.extend_from_slice(&[0x1D, 0x6B, 69, 3]);
    r.extend_from_slice(b"AB1");
    r.extend_from_slice(&[0x1D, 0x6B, 70, 4]);
    r.extend_from_slice(b"1234");
    r.extend_from_slice(&[0x1D, 0x4C, 0, 0]);
    r.extend_from_slice(&[0x1D, 0x76, 0x30, 0, 2, 0, 1, 0, 0xFF, 0xFF]);
    r.extend_from_slice(&[0x1D, 0x28, 0x6B, 4, 0, 0x31, 0x41, 50, 0]);
    r.extend_from_slice(&[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x43, 5]);
    r.extend_from_slice(&[
        0x1D, 0x28, 0x6B, 7, 0, 0x31, 0x50, 0x30, b'h', b't', b't', b'p',
    ]);
    r.extend_from_slice(&[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30]);
    r.extend_from_slice(b"Total 3\n");
    r.extend_from_slice(&[0x1D, 0x56, 65, 24]);
    r
}

#[test]
fn a_receipt_decodes_into_picture_symbols_and_text() {
    let labels = decode(&receipt()).unwrap();
    assert_eq!(labels.len(), 1);
    let l = &labels[0];
    assert_eq!((l.picture.width_bytes, l.picture.height), (2, 3));
    assert_eq!(l.picture.bands, vec![(0, 2), (2, 1)]);
    assert!(l.picture.pixel(0, 0) && l.picture.pixel(15, 1) && l.picture.pixel(7, 2));
    assert_eq!(l.picture.ink(), 18);
    let got: Vec<_> = l
        .barcodes
        .iter()
        .map(|b| (b.kind, b.data.as_str(), b.row, b.left))
        .collect();
    assert_eq!(
        got,
        vec![
            (BarcodeKind::Code128, "123456789012", 2, 40),
            (BarcodeKind::Code128, "4W44-4g", 2, 40),
            (BarcodeKind::Code39, "AB1", 2, 40),
            (BarcodeKind::Itf, "1234", 2, 40),
            (BarcodeKind::Qr, "http", 3, 0),
        ]
    );
    assert_eq!((l.barcodes[0].module, l.barcodes[0].height), (2, 60));
    assert_eq!(l.barcodes[4].module, 5);
    assert_eq!(l.texts[0].ascii(), "Total 3");
    assert_eq!(l.finish, Finish::FullCut);
}

#[test]
fn bytes_may_arrive_in_any_chunks() {
    let r = receipt();
    let whole = decode(&r).unwrap();
    for cut in 1..r.len() {
        let mut d = Decoder::new();
        let mut got = Vec::new();
        d.push(&r[..cut]);
        while let Some(l) = d.next_label().unwrap() {
            got.push(l);
        }
        d.push(&r[cut..]);
        while let Some(l) = d.next_label().unwrap() {
            got.push(l);
        }
        d.finish().unwrap();
        assert_eq!(got, whole, "split at {cut}");
        assert_eq!(d.printed_upto(), r.len());
    }
}

#[test]
fn every_truncation_is_an_error_not_a_panic() {
    let r = receipt();
    // ESC @ alone prints nothing; anything cut after it is an error.
    for cut in 3..r.len() {
        let err = decode(&r[..cut]).unwrap_err();
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
        &[0x1B, 0x99][..],
        &[0x1D, 0xEE, 1, 2],
        &[0x00, 0x01],
        &[0x1D, 0x6B, 73, 2, b'1', b'2', 0x1D, 0x56, 0],
        &[0x1D, 0x6B, 73, 3, b'{', b'C', 200, 0x1D, 0x56, 0],
        &[0x1D, 0x76, 0x30, 0, 0, 0, 0, 0],
        &[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30],
        &[0x1D, 0x56, 9],
    ] {
        let err = decode(garbage).unwrap_err();
        assert!(
            !err.code().is_empty() && !err.message_ko().is_empty(),
            "{garbage:?}"
        );
        assert!(
            !matches!(err, DecodeError::Truncated { .. }),
            "{garbage:?}: {err:?}"
        );
    }
}
