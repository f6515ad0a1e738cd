//! The facts paperwork prints that Cafe24 does not carry: a SKU's shelf location (pick lists walk
//! the shelves by it), its product's English name, HS code and origin (the CN22), and the shop's
//! document settings (사업자등록번호, the warranty card's QR, period and support line).

use packdesk_store::{Connection, documents, settings};

use crate::dto::{DocumentSettings, SkuFacts, SkuFactsUpdate};
use crate::error::{DeskError, Result};

pub(crate) fn sku_facts(c: &Connection, sku: &str) -> Result<SkuFacts> {
    let f = documents::sku_facts(c, sku.trim())?
        .ok_or_else(|| DeskError::UnknownSku(sku.trim().to_string()))?;
    Ok(SkuFacts {
        sku: f.sku,
        name: f.name,
        option_text: f.option_text,
        location: f.location,
        name_en: f.name_en,
        hs_code: f.hs_code,
        origin: f.origin,
    })
}

/// Checks and saves the update, then answers the SKU as it now is.
pub(crate) fn set_sku_facts(c: &Connection, sku: &str, u: &SkuFactsUpdate) -> Result<SkuFacts> {
    let sku = sku.trim();
    sku_facts(c, sku)?;
    let hs = u
        .hs_code
        .as_deref()
        .map(str::trim)
        .map(check_hs)
        .transpose()?;
    let origin = u
        .origin
        .as_deref()
        .map(str::trim)
        .map(check_origin)
        .transpose()?;
    if let Some(location) = &u.location {
        let location = location.trim();
        documents::set_location(c, sku, Some(location).filter(|l| !l.is_empty()))?;
    }
    documents::set_customs(
        c,
        sku,
        &documents::CustomsFacts {
            name_en: u.name_en.as_deref().map(str::trim),
            hs_code: hs.as_deref(),
            origin: origin.as_deref(),
        },
    )?;
    sku_facts(c, sku)
}

/// HS codes are 6 digits internationally (a national tariff line adds up to 4); written with or
/// without the dot after the heading (`6109.10` or `610910`), kept as `6109.10…`.
fn check_hs(hs: &str) -> Result<String> {
    let digits: String = hs.chars().filter(|c| *c != '.' && *c != ' ').collect();
    if !(6..=10).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DeskError::BadProductFact {
            field: "HS code",
            value: hs.to_string(),
            why_en: "6 to 10 digits, e.g. 6109.10",
            why_ko: "숫자 6~10자리여야 합니다 (예: 6109.10)",
        });
    }
    Ok(format!("{}.{}", &digits[..4], &digits[4..]))
}

fn check_origin(origin: &str) -> Result<String> {
    if origin.len() != 2 || !origin.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(DeskError::BadProductFact {
            field: "origin",
            value: origin.to_string(),
            why_en: "a two-letter country code, e.g. KR",
            why_ko: "두 글자 국가 코드여야 합니다 (예: KR)",
        });
    }
    Ok(origin.to_ascii_uppercase())
}

const DOC_KEYS: [&str; 5] = [
    settings::BUSINESS_NO,
    settings::WARRANTY_URL,
    settings::WARRANTY_PERIOD,
    settings::SUPPORT_CONTACT,
    settings::WARRANTY_NAME_SOURCE,
];

pub(crate) fn document_settings(c: &Connection) -> Result<DocumentSettings> {
    let mut v = Vec::with_capacity(DOC_KEYS.len());
    for k in DOC_KEYS {
        v.push(settings::get(c, k)?.unwrap_or_default());
    }
    let [
        business_no,
        warranty_url,
        warranty_period,
        support_contact,
        source,
    ] = <[String; 5]>::try_from(v).map_err(|_| DeskError::Internal("settings".into()))?;
    Ok(DocumentSettings {
        business_no,
        warranty_url,
        warranty_period,
        support_contact,
        warranty_name_source: if source.is_empty() {
            "name".into()
        } else {
            source
        },
    })
}

pub(crate) fn set_document_settings(c: &Connection, s: &DocumentSettings) -> Result<()> {
    let source = s.warranty_name_source.trim();
    if !["name", "english", "supplier", "model"].contains(&source) {
        return Err(DeskError::BadProductFact {
            field: "warranty name source",
            value: source.to_string(),
            why_en: "one of name, english, supplier, model",
            why_ko: "name, english, supplier, model 중 하나여야 합니다",
        });
    }
    let url = s.warranty_url.trim();
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        return Err(DeskError::BadProductFact {
            field: "warranty URL",
            value: url.to_string(),
            why_en: "must start with https://",
            why_ko: "https:// 로 시작해야 합니다",
        });
    }
    for (k, v) in DOC_KEYS.iter().zip([
        s.business_no.trim(),
        url,
        s.warranty_period.trim(),
        s.support_contact.trim(),
        source,
    ]) {
        settings::set(c, k, v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hs_codes_are_normalised_and_bad_ones_refused() {
        assert_eq!(check_hs("6109.10").ok(), Some("6109.10".to_string()));
        assert_eq!(check_hs("610910").ok(), Some("6109.10".to_string()));
        assert_eq!(
            check_hs("6109.10.1000").ok(),
            Some("6109.101000".to_string())
        );
        let e = check_hs("61A9").unwrap_err();
        assert_eq!(e.code(), "BAD_PRODUCT_FACT");
        assert!(e.message_ko().contains("6~10"));
        assert!(check_origin("kr").is_ok_and(|o| o == "KR"));
        assert!(check_origin("KOR").is_err());
    }
}
