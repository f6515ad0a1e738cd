//! Which Cafe24 products FASSTO FMS cannot link.
//!
//! FASSTO's Cafe24 guide (seed `001`): options built as **상품 연동형** cannot be
//! linked to FMS; 조합 일체선택형, 조합 분리선택형 and 독립 선택형 can. An option of
//! a linkable type without a management code (품목코드/옵션관리코드) also breaks
//! the link and can cause false sold-outs.
//!
//! How Cafe24 exposes the type: `reference/cafe24-api.md` lists an `option_type`
//! field on order items (§3.6) but does **not document its values**.
//! The values below come from Cafe24's product API documentation as copied in
//! public code, not from our reference: the current text gives `T` 조합형,
//! `E` 연동형, `F` 독립형 (with `option_list_type` `C` 일체형 / `S` 분리형 telling
//! the two 조합 kinds apart); an older copy gives `C` 조합 일체선택형,
//! `S` 조합 분리선택형, `E` 상품 연동형, `F` 독립 선택형. Both agree that `E` is
//! 상품 연동형, which is all the flag needs. Confirm against a live mall before
//! relying on the other letters.

/// A Cafe24 `option_type` value, read as described in the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cafe24OptionType {
    /// `T` (조합형) or, in the older spelling, `C`/`S` (조합 일체/분리선택형). Linkable.
    Combination,
    /// `E` — 상품 연동형. Not linkable to FMS.
    ProductLinked,
    /// `F` — 독립 선택형. Linkable.
    Independent,
    /// Empty, or a letter Cafe24's documentation does not list.
    Unknown(String),
}

impl Cafe24OptionType {
    pub fn parse(option_type: &str) -> Cafe24OptionType {
        match option_type.trim().to_ascii_uppercase().as_str() {
            "T" | "C" | "S" => Cafe24OptionType::Combination,
            "E" => Cafe24OptionType::ProductLinked,
            "F" => Cafe24OptionType::Independent,
            other => Cafe24OptionType::Unknown(other.to_owned()),
        }
    }

    pub fn label_ko(&self) -> &'static str {
        match self {
            Cafe24OptionType::Combination => "조합형",
            Cafe24OptionType::ProductLinked => "상품 연동형",
            Cafe24OptionType::Independent => "독립 선택형",
            Cafe24OptionType::Unknown(_) => "알 수 없는 옵션 구성방식",
        }
    }
}

/// True when a Cafe24 `option_type` is 상품 연동형 (`E`), which FMS cannot link.
pub fn flag_unlinkable_option(option_type: &str) -> bool {
    Cafe24OptionType::parse(option_type) == Cafe24OptionType::ProductLinked
}

/// Why a Cafe24 line cannot be linked to an FMS good.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FmsLinkProblem {
    /// The product's options are 상품 연동형.
    ProductLinkedOption,
    /// The option has no management code to match an FMS `cstGodCd` against.
    MissingManagementCode,
}

impl FmsLinkProblem {
    pub fn code(&self) -> &'static str {
        match self {
            FmsLinkProblem::ProductLinkedOption => "FMS_OPTION_PRODUCT_LINKED",
            FmsLinkProblem::MissingManagementCode => "FMS_OPTION_NO_MANAGEMENT_CODE",
        }
    }

    pub fn message_ko(&self) -> &'static str {
        match self {
            FmsLinkProblem::ProductLinkedOption => {
                "옵션 구성방식이 '상품 연동형'인 상품은 파스토 FMS와 연동할 수 없습니다. 조합형 또는 독립 선택형으로 바꿔 주세요."
            }
            FmsLinkProblem::MissingManagementCode => {
                "옵션 관리코드(품목코드)가 없어 파스토 상품과 연결할 수 없습니다. 카페24에서 옵션 관리코드를 입력해 주세요."
            }
        }
    }
}

/// Checks one Cafe24 line against seed `001`'s rules. `option_type` is `None`
/// for a product without options; `management_code` is the code FMS goods are
/// matched on (`custom_variant_code` or `variant_code`).
pub fn fms_link_problem(
    option_type: Option<&str>,
    management_code: Option<&str>,
) -> Option<FmsLinkProblem> {
    if option_type.is_some_and(flag_unlinkable_option) {
        return Some(FmsLinkProblem::ProductLinkedOption);
    }
    let has_options = option_type.is_some_and(|t| !t.trim().is_empty());
    let has_code = management_code.is_some_and(|c| !c.trim().is_empty());
    if has_options && !has_code {
        return Some(FmsLinkProblem::MissingManagementCode);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_product_linked_options_are_flagged() {
        assert!(flag_unlinkable_option("E"));
        assert!(flag_unlinkable_option(" e "));
        for linkable in ["T", "C", "S", "F", "", "X"] {
            assert!(!flag_unlinkable_option(linkable), "{linkable}");
        }
        assert_eq!(Cafe24OptionType::parse("E").label_ko(), "상품 연동형");
        assert_eq!(
            Cafe24OptionType::parse("Z"),
            Cafe24OptionType::Unknown("Z".into())
        );
    }

    #[test]
    fn link_problems_follow_the_seed() {
        assert_eq!(
            fms_link_problem(Some("E"), Some("P000000N000A")),
            Some(FmsLinkProblem::ProductLinkedOption)
        );
        assert_eq!(
            fms_link_problem(Some("T"), Some(" ")),
            Some(FmsLinkProblem::MissingManagementCode)
        );
        assert_eq!(fms_link_problem(Some("F"), Some("SKU-1")), None);
        assert_eq!(fms_link_problem(None, None), None);
        assert!(
            FmsLinkProblem::ProductLinkedOption
                .message_ko()
                .contains("상품 연동형")
        );
    }
}
