//! 테스트 출력: a small sample label in the printer's own format, so the owner sees the printer,
//! its language and its Hangul work before a real batch. Sample data only — no customer's.

use chrono::Datelike;
use packdesk_labels::{LabelItem, Party, Waybill};

use super::{printers, render, transport};
use crate::desk::Desk;
use crate::dto::TestPrintReport;
use crate::error::{DeskError, Result};

/// The text every test label carries (device font and barcode), so nobody ships it.
pub(crate) const TEST_MARK: &str = "TEST";

pub(crate) async fn run(desk: &Desk, printer: Option<String>) -> Result<TestPrintReport> {
    let inner = &desk.inner;
    let (uri, format) = inner.store.read_as(|c| {
        let uri = printers::resolve(c, printer.as_deref())?;
        let format = printers::default_format(c, &uri)?;
        Ok::<_, DeskError>((uri, format))
    })?;
    let label = sample(inner.clock.now());
    let chunks = render::render(
        format,
        "waybill-cj",
        &[packdesk_labels::DocData::Waybill(label)],
    )?;
    let bytes = chunks.iter().map(Vec::len).sum();
    let send_uri = uri.clone();
    tokio::task::spawn_blocking(move || transport::send_job(&send_uri, &chunks))
        .await
        .map_err(|e| DeskError::Internal(e.to_string()))??;
    tracing::info!(printer = %uri, format = format.id(), "test label printed");
    Ok(TestPrintReport {
        printer: uri.to_string(),
        format,
        bytes,
    })
}

fn sample(now: chrono::DateTime<chrono::Utc>) -> Waybill {
    let today = crate::clock::kst_date(now);
    Waybill {
        // Code 128 carries letters: the barcode reads TEST-…, never a real invoice number.
        tracking_no: format!(
            "{TEST_MARK}-{:04}{:02}{:02}",
            today.year(),
            today.month(),
            today.day()
        ),
        carrier_name: "TEST 테스트".into(),
        sort_code: TEST_MARK.into(),
        received: today,
        copy: (1, 1),
        reprint: false,
        short_address: "테스트 출력".into(),
        recipient: Party {
            name: "테스트".into(),
            phone: String::new(),
            mobile: "01000000000".into(),
            zipcode: "00000".into(),
            address: "프린터 시험 출력 — TEST 테스트 (한글 확인)".into(),
        },
        sender: Party {
            name: "Packdesk 패킹데스크".into(),
            ..Party::default()
        },
        items: vec![LabelItem {
            name: "TEST 테스트 라벨 — 가나다라마바사 ABC 123".into(),
            option: String::new(),
            qty: 1,
        }],
        message: "TEST 테스트 — 배송하지 마세요 / do not ship".into(),
        parcel_no: 0,
        order_ids: vec![format!("{TEST_MARK}-PRINT")],
    }
}
