//! Warranty card / insert (seed 003): the product named by the field the shop chose, without the
//! promotional words shops put into Cafe24 product names, its option, a photo, detail rows and a
//! QR code to the digital warranty.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which of the product's names the card prints (Cafe24: 상품명, 영문 상품명, 공급사 상품명, 모델명).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProductNameSource {
    #[default]
    Name,
    English,
    Supplier,
    Model,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarrantyCard {
    pub shop_name: String,
    pub product_name: String,
    pub product_name_en: String,
    pub supplier_product_name: String,
    pub model_name: String,
    pub name_source: ProductNameSource,
    /// Strip promotional phrases (특가할인, OOO착용, 예약배송 …) from the printed name.
    pub strip_marketing: bool,
    /// The shop's own phrases to strip, on top of the built-in list.
    pub marketing_phrases: Vec<String>,
    /// Option chosen at order time, e.g. `색상=블랙, 사이즈=L`; empty hides the row.
    pub option: String,
    /// 상품 상세정보 rows the shop chose, `(label, value)`, e.g. `("소재", "면 100%")`.
    pub details: Vec<(String, String)>,
    /// Product photo as downloaded (JPEG or PNG); `None` prints no picture.
    pub image: Option<Vec<u8>>,
    /// The digital warranty, encoded in the QR code.
    pub warranty_url: String,
    pub warranty_no: String,
    /// The buyer; masked when drawn like every other person on a label.
    pub owner_name: String,
    pub order_id: String,
    pub purchased: Option<NaiveDate>,
    /// e.g. `구매일로부터 1년`.
    pub period: String,
    /// e.g. `고객센터 1588-1234`.
    pub support: String,
}

impl WarrantyCard {
    /// The product name as printed: the chosen field (the plain 상품명 when that one is empty),
    /// stripped of promotional phrases when the shop asked for it.
    pub fn product_title(&self) -> String {
        let chosen = match self.name_source {
            ProductNameSource::Name => &self.product_name,
            ProductNameSource::English => &self.product_name_en,
            ProductNameSource::Supplier => &self.supplier_product_name,
            ProductNameSource::Model => &self.model_name,
        };
        let name = if chosen.trim().is_empty() {
            &self.product_name
        } else {
            chosen
        };
        if self.strip_marketing {
            strip_marketing(name, &self.marketing_phrases)
        } else {
            name.trim().to_string()
        }
    }
}

/// Promotional words Korean shops put into product names. A word is dropped when it is one of
/// these, and a bracketed group (`[…]`, `(…)`, `【…】`, `<…>`) when it contains one.
const BUILT_IN: [&str; 24] = [
    "특가할인",
    "특가",
    "할인",
    "세일",
    "sale",
    "무료배송",
    "무배",
    "당일발송",
    "당일출고",
    "예약배송",
    "예약판매",
    "주문폭주",
    "한정수량",
    "한정판매",
    "최저가",
    "사은품",
    "증정",
    "신상",
    "new",
    "best",
    "hot",
    "md추천",
    "강력추천",
    "1+1",
];

/// Suffix of celebrity-wear tags: `OOO착용`, `아이유착용`.
const WORN_BY: &str = "착용";

/// Decorations that never belong in a warranty's product name.
const DECORATIONS: [char; 14] = [
    '★', '☆', '♥', '♡', '◆', '◇', '■', '□', '●', '○', '※', '▶', '♬', '✔',
];

fn is_promo(word: &str, extra: &[String]) -> bool {
    let w = word
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '+')
        .to_lowercase();
    if w.is_empty() {
        return false;
    }
    w.ends_with(WORN_BY)
        || BUILT_IN.contains(&w.as_str())
        || extra.iter().any(|p| p.trim().to_lowercase() == w)
}

fn contains_promo(group: &str, extra: &[String]) -> bool {
    let lower = group.to_lowercase();
    group.split_whitespace().any(|w| is_promo(w, extra))
        || lower.contains(WORN_BY)
        || BUILT_IN
            .iter()
            .filter(|p| p.chars().count() >= 2 && !p.is_ascii())
            .any(|p| lower.contains(p))
        || extra
            .iter()
            .map(|p| p.trim().to_lowercase())
            .any(|p| !p.is_empty() && lower.contains(&p))
}

/// `[특가할인] ★아이유착용★ 오버핏 코튼 티셔츠 (예약배송)` → `오버핏 코튼 티셔츠`. Brackets that hold
/// real information (`(블랙)`) stay; so does a name that would otherwise become empty.
pub fn strip_marketing(name: &str, extra: &[String]) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if DECORATIONS.contains(&c) { ' ' } else { c })
        .collect();
    // Drop bracketed groups that hold a promotional phrase.
    let mut out = String::with_capacity(cleaned.len());
    let mut rest = cleaned.as_str();
    while let Some(open) = rest.find(['[', '(', '【', '<']) {
        let open_char = rest[open..].chars().next().unwrap_or('[');
        let close_char = match open_char {
            '[' => ']',
            '(' => ')',
            '【' => '】',
            _ => '>',
        };
        let after = open + open_char.len_utf8();
        let Some(len) = rest[after..].find(close_char) else {
            break;
        };
        let inner = &rest[after..after + len];
        out.push_str(&rest[..open]);
        if contains_promo(inner, extra) {
            out.push(' ');
        } else {
            out.push_str(&rest[open..after + len + close_char.len_utf8()]);
        }
        rest = &rest[after + len + close_char.len_utf8()..];
    }
    out.push_str(rest);
    let words: Vec<&str> = out
        .split_whitespace()
        .filter(|w| !is_promo(w, extra))
        .collect();
    let result = words.join(" ");
    if result.is_empty() {
        name.trim().to_string()
    } else {
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promotional_phrases_are_stripped_and_real_words_kept() {
        let none: Vec<String> = vec![];
        let table = [
            (
                "[특가할인] ★아이유착용★ 오버핏 코튼 티셔츠 (예약배송)",
                "오버핏 코튼 티셔츠",
            ),
            ("데님 와이드 팬츠 (블랙)", "데님 와이드 팬츠 (블랙)"),
            ("[무료배송/당일발송] 양말 3족 세트", "양말 3족 세트"),
            ("NEW 린넨 셔츠 SALE", "린넨 셔츠"),
            ("【MD추천】 가죽 지갑", "가죽 지갑"),
            ("특가", "특가"),
            ("스테인리스 텀블러 500ml", "스테인리스 텀블러 500ml"),
        ];
        for (name, want) in table {
            assert_eq!(strip_marketing(name, &none), want, "{name}");
        }
        let extra = vec!["봄맞이".to_string()];
        assert_eq!(
            strip_marketing("[봄맞이 기획전] 봄맞이 니트", &extra),
            "니트"
        );
    }

    #[test]
    fn the_chosen_name_field_is_printed() {
        let mut card = WarrantyCard {
            product_name: "[특가] 무선 이어폰 X1".into(),
            product_name_en: "Wireless Earbuds X1".into(),
            supplier_product_name: "TWS-X1 블랙".into(),
            model_name: "TWS-X1".into(),
            strip_marketing: true,
            ..Default::default()
        };
        assert_eq!(card.product_title(), "무선 이어폰 X1");
        card.name_source = ProductNameSource::English;
        assert_eq!(card.product_title(), "Wireless Earbuds X1");
        card.name_source = ProductNameSource::Supplier;
        assert_eq!(card.product_title(), "TWS-X1 블랙");
        card.name_source = ProductNameSource::Model;
        assert_eq!(card.product_title(), "TWS-X1");
        card.model_name.clear();
        assert_eq!(
            card.product_title(),
            "무선 이어폰 X1",
            "falls back to 상품명"
        );
        card.name_source = ProductNameSource::Name;
        card.strip_marketing = false;
        assert_eq!(card.product_title(), "[특가] 무선 이어폰 X1");
    }
}
