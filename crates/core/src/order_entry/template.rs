//! The downloadable template for 주문엑셀등록: the columns the reader knows, required ones marked
//! with `*`, and one example row whose 주문번호 starts with 예시 (the reader skips it, so a file
//! uploaded with the example still in it registers only the real rows).

use std::path::Path;

use rust_xlsxwriter::{Color, Format, Workbook};

use super::OrderEntryError;
use super::file::EXAMPLE_MARK;
use super::validate::col;
use crate::error::Result;

/// (header, example value, column width).
const COLUMNS: &[(&str, &str, f64)] = &[
    (col::CHANNEL, "스마트스토어", 14.0),
    (col::ORDER_ID, "", 22.0),
    ("수령인*", "홍길동", 10.0),
    (col::PHONE, "02-123-4567", 14.0),
    ("휴대전화*", "010-1234-5678", 15.0),
    ("우편번호*", "06236", 10.0),
    ("주소*", "서울특별시 강남구 테헤란로 123", 32.0),
    (col::ADDRESS2, "4층", 14.0),
    (col::MESSAGE, "문 앞에 놓아 주세요", 20.0),
    (col::COUNTRY, "KR", 6.0),
    ("상품명*", "면 티셔츠", 20.0),
    (col::OPTION, "색상=흰색, 사이즈=L", 20.0),
    (col::SKU, "", 16.0),
    ("수량*", "2", 6.0),
    (col::PRICE, "15000", 10.0),
    (col::SHIPPING_FEE, "3000", 8.0),
];

fn write_error(path: &Path, e: impl std::fmt::Display) -> OrderEntryError {
    OrderEntryError::TemplateWrite {
        path: path.display().to_string(),
        why: e.to_string(),
    }
}

pub(crate) fn write(path: &Path) -> Result<()> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name("주문등록")
        .map_err(|e| write_error(path, e))?;
    let bold = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE8EEF7));
    let example = Format::new().set_italic().set_font_color(Color::Gray);
    let example_id = format!("{EXAMPLE_MARK}(삭제하세요) EXAMPLE");
    for (i, (header, value, width)) in COLUMNS.iter().enumerate() {
        let c = i as u16;
        sheet
            .write_string_with_format(0, c, *header, &bold)
            .map_err(|e| write_error(path, e))?;
        let value = if *header == col::ORDER_ID {
            example_id.as_str()
        } else {
            value
        };
        sheet
            .write_string_with_format(1, c, value, &example)
            .map_err(|e| write_error(path, e))?;
        sheet
            .set_column_width(c, *width)
            .map_err(|e| write_error(path, e))?;
    }
    let notes = book.add_worksheet();
    notes.set_name("안내").map_err(|e| write_error(path, e))?;
    let lines = [
        "* 표시 열은 필수입니다. 전화번호와 휴대전화 중 하나는 있어야 합니다.",
        "같은 주문번호의 행은 한 주문(여러 상품)으로 등록됩니다. 주문번호를 비우면 M+날짜+번호로 만들어집니다.",
        "판매처를 비우면 업로드할 때 고른 판매처로 등록됩니다. 우편번호는 국내 5자리입니다.",
        "SKU를 비우면 매칭 단계에서 상품을 연결합니다. 주문번호가 '예시'로 시작하는 행은 등록되지 않습니다.",
        "Columns marked * are required; rows with the same 주문번호 form one order; rows whose 주문번호 starts with 예시 are skipped.",
    ];
    for (i, line) in lines.iter().enumerate() {
        notes
            .write_string(i as u32, 0, *line)
            .map_err(|e| write_error(path, e))?;
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| write_error(path, e))?;
    }
    book.save(path).map_err(|e| write_error(path, e))?;
    Ok(())
}
