//! The embedded Korean font (NanumGothic, OFL). Printers' resident fonts have no Hangul, so every
//! Korean string is either rasterised with this font (ZPL) or embedded as a subset of it (PDF).

use ab_glyph::FontRef;
use std::sync::OnceLock;

pub(crate) static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/NanumGothic.ttf");
pub(crate) static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/NanumGothicBold.ttf");

/// The parsed face for rasterising and measuring. The bytes are compiled in and covered by a
/// test, so a parse failure is a broken build, not a runtime condition.
pub(crate) fn face(bold: bool) -> &'static FontRef<'static> {
    static REGULAR: OnceLock<FontRef<'static>> = OnceLock::new();
    static BOLD: OnceLock<FontRef<'static>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, BOLD_TTF)
    } else {
        (&REGULAR, REGULAR_TTF)
    };
    cell.get_or_init(|| {
        #[allow(clippy::expect_used)]
        FontRef::try_from_slice(bytes).expect("embedded NanumGothic is a valid TrueType font")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::Font;

    #[test]
    fn both_faces_parse_and_cover_hangul() {
        for bold in [false, true] {
            let f = face(bold);
            for c in ['홍', '길', '동', '*', '0', '×', '…'] {
                assert_ne!(f.glyph_id(c).0, 0, "{c} missing (bold={bold})");
            }
        }
    }
}
