//! What the scanner test screen shows for one scan: the bytes, the symbology, the data, the GS1
//! elements, and what the station took the code for. The decoding is the one `ship_scan` uses
//! (AIM identifier stripped, Hangul typed in 한글 mode mapped back), so the test screen and
//! the station always agree.
use packdesk_devices::scanner::{Affixes, Scan, Symbology, gs1};
use packdesk_store::{Connection, catalogue, parcels};

use crate::desk::Desk;
use crate::dto::{Gs1ElementDto, ScanKind, ScanSource, ScanTestEvent, ScanUnderstood, Stage};
use crate::invoice;

pub fn build(desk: &Desk, source: ScanSource, raw: &[u8]) -> ScanTestEvent {
    let text = String::from_utf8_lossy(raw);
    let scan = Scan::decode_typed(text.trim(), &Affixes::default());
    let understood = match desk.inner.store.read(|c| lookup(c, &scan)) {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(code = e.code(), "scan test lookup failed");
            unknown(&scan.text)
        }
    };
    let (symbology_ko, symbology_en) = match &scan.symbology {
        Symbology::Unidentified => (None, None),
        s => (Some(symbology_ko(s)), Some(s.to_string())),
    };
    ScanTestEvent {
        source,
        raw_hex: raw
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(" "),
        raw_text: printable(&text),
        aim: scan.aim.as_ref().map(ToString::to_string),
        symbology_ko,
        symbology_en,
        code: printable(&scan.text),
        ime_converted: scan.ime_corrected,
        gs1: match &scan.gs1 {
            Some(Ok(elements)) => Some(
                elements
                    .elements
                    .iter()
                    .map(|e| Gs1ElementDto {
                        ai: e.ai.clone(),
                        title: e.title.to_owned(),
                        value: e.value.clone(),
                    })
                    .collect(),
            ),
            _ => None,
        },
        understood,
    }
}

/// Control characters shown by name (`<GS>` is FNC1 in GS1 data), everything else as is.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\u{1d}' => out.push_str("<GS>"),
            '\r' => out.push_str("<CR>"),
            '\n' => out.push_str("<LF>"),
            '\t' => out.push_str("<TAB>"),
            c if c.is_control() => out.push_str(&format!("<0x{:02X}>", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

fn symbology_ko(s: &Symbology) -> String {
    match s {
        Symbology::Ean13 => "EAN-13 / UPC (상품 바코드)".into(),
        Symbology::Ean8 => "EAN-8 (상품 바코드)".into(),
        Symbology::Qr => "QR 코드".into(),
        Symbology::Gs1Qr => "GS1 QR 코드".into(),
        Symbology::DataMatrix => "데이터 매트릭스".into(),
        Symbology::Gs1DataMatrix => "GS1 데이터 매트릭스".into(),
        Symbology::Other(id) => format!("기타 바코드 ({id})"),
        other => other.display_name().to_owned(),
    }
}

fn text(kind: ScanKind, ko: String, en: String) -> ScanUnderstood {
    ScanUnderstood {
        kind,
        text_ko: ko,
        text_en: en,
    }
}

fn unknown(code: &str) -> ScanUnderstood {
    text(
        ScanKind::Unknown,
        format!("알 수 없는 코드입니다: {code}"),
        format!("unknown code: {code}"),
    )
}

fn lookup(c: &Connection, scan: &Scan) -> packdesk_store::Result<ScanUnderstood> {
    let cleaned = invoice::clean(&scan.text);
    if !cleaned.is_empty()
        && let Some(parcel) = parcels::by_tracking(c, &cleaned)?
    {
        let no = parcels::position(c, parcel.id)?;
        let stage = Stage::parse(&parcel.stage).unwrap_or(Stage::Ready);
        return Ok(text(
            ScanKind::Tracking,
            format!("{no}번 택배의 송장번호입니다 ({})", stage.label_ko()),
            format!("tracking number of parcel {no} ({})", parcel.stage),
        ));
    }
    if let Some(no) = parcel_reference(&scan.text) {
        let working = parcels::working_cores(c)?;
        if let Some(parcel) = working
            .get(no.saturating_sub(1) as usize)
            .filter(|_| no > 0)
        {
            return Ok(text(
                ScanKind::Parcel,
                format!(
                    "{no}번 택배 (송장번호 {})",
                    parcel.tracking_no.as_deref().unwrap_or("없음")
                ),
                format!(
                    "parcel {no} (tracking number {})",
                    parcel.tracking_no.as_deref().unwrap_or("none")
                ),
            ));
        }
    }
    let elements = scan.gs1.as_ref().and_then(|r| r.as_ref().ok());
    if let Some(sscc) = elements.and_then(gs1::ElementString::sscc) {
        return Ok(text(
            ScanKind::Parcel,
            format!("물류 단위 바코드(SSCC {sscc})입니다. 이 데스크의 택배 송장은 아닙니다"),
            format!("a logistics unit (SSCC {sscc}), not a waybill of this desk"),
        ));
    }
    let gtin = elements.and_then(gs1::ElementString::gtin);
    let mut candidates = vec![scan.text.trim().to_owned()];
    if let Some(gtin) = gtin {
        // Catalogues store EAN-13 as 13 digits; the GS1 parser pads to 14.
        candidates.push(gtin.to_owned());
        candidates.push(gtin.trim_start_matches('0').to_owned());
        if let Some(ean13) = gtin.strip_prefix('0') {
            candidates.push(ean13.to_owned());
        }
    }
    for candidate in candidates.iter().filter(|c| !c.is_empty()) {
        if let Some(v) = catalogue::find_variant(c, candidate)? {
            let option = if v.option_text.is_empty() {
                String::new()
            } else {
                format!(" / {}", v.option_text)
            };
            return Ok(text(
                ScanKind::Sku,
                format!("상품 {} — {}{option}", v.sku, v.name),
                format!("product {} — {}{option}", v.sku, v.name),
            ));
        }
    }
    if let Some(gtin) = gtin {
        return Ok(text(
            ScanKind::Gtin,
            format!("상품 바코드(GTIN {gtin})이지만 카탈로그에 없는 상품입니다"),
            format!("a product barcode (GTIN {gtin}) not in the catalogue"),
        ));
    }
    let carriers = ["cj", "hanjin", "lotte", "logen", "epost"];
    if let Some(carrier) = carriers
        .iter()
        .find(|carrier| !cleaned.is_empty() && invoice::validate(carrier, &cleaned).is_ok())
    {
        return Ok(text(
            ScanKind::Unknown,
            format!(
                "{carrier} 송장번호 형식이지만 이 데스크의 택배에는 없는 번호입니다: {cleaned}"
            ),
            format!("shaped like a {carrier} tracking number, but no parcel here has {cleaned}"),
        ));
    }
    Ok(unknown(&scan.text))
}

/// `no:12`, `#12`: a parcel by its 연번 in the working list.
fn parcel_reference(code: &str) -> Option<u32> {
    let t = code.trim();
    let digits = t.strip_prefix('#').or_else(|| {
        t.get(..3)
            .filter(|p| p.eq_ignore_ascii_case("no:"))
            .map(|_| &t[3..])
    })?;
    digits.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parcel_references() {
        assert_eq!(parcel_reference("no:12"), Some(12));
        assert_eq!(parcel_reference("NO: 3"), Some(3));
        assert_eq!(parcel_reference("#7"), Some(7));
        assert_eq!(parcel_reference("601234560001"), None);
        assert_eq!(parcel_reference("no:x"), None);
    }

    #[test]
    fn control_characters_are_named() {
        assert_eq!(printable("01\u{1d}10AB\r"), "01<GS>10AB<CR>");
        assert_eq!(printable("a\u{7}"), "a<0x07>");
    }
}
