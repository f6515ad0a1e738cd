//! The numbered working list (송장범위관리): every parcel not shipped before today, in a stable
//! order, numbered 1..N. Print ranges and the scan banner refer to these numbers.

use std::collections::HashMap;

use packdesk_labels::{MaskRule, mask_name, mask_phone};
use packdesk_store::parcels::{self, ParcelCore, ParcelLine};

use crate::clock::kst_day_start;
use crate::desk::Inner;
use crate::dto::{ParcelRow, Stage};
use crate::error::{DeskError, Result};

/// Moves parcels shipped before today out of the list, then returns the list's parcels in order.
pub(crate) fn current(inner: &Inner) -> Result<Vec<ParcelCore>> {
    let cutoff = kst_day_start(inner.clock.now());
    inner.store.write(|tx| {
        parcels::archive_shipped_before(tx, cutoff)?;
        Ok::<_, DeskError>(parcels::working_cores(tx)?)
    })
}

pub(crate) fn rows(inner: &Inner) -> Result<Vec<ParcelRow>> {
    let cores = current(inner)?;
    let (lines, pushes, receivers, names) = inner.store.read(|c| {
        let lines = parcels::working_lines(c)?;
        let pushes = parcels::push_state(c)?;
        let mut receivers = HashMap::new();
        for p in &cores {
            if let Some(r) = parcels::receiver(c, p.id)? {
                receivers.insert(p.id, r);
            }
        }
        let mut names = HashMap::new();
        let mut stmt = c.prepare("SELECT code, name FROM carriers")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (code, name) = row?;
            names.insert(code, name);
        }
        Ok((lines, pushes, receivers, names))
    })?;
    let mut by_parcel: HashMap<i64, Vec<ParcelLine>> = HashMap::new();
    for (parcel, line) in lines {
        by_parcel.entry(parcel).or_default().push(line);
    }
    let mask = MaskRule::default();
    let rows = cores
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let lines = by_parcel.remove(&p.id).unwrap_or_default();
            let stage = Stage::parse(&p.stage).unwrap_or(Stage::Ready);
            let (recipient, phone) = receivers
                .get(&p.id)
                .map(|r| {
                    let number = if r.mobile.is_empty() {
                        &r.phone
                    } else {
                        &r.mobile
                    };
                    (
                        mask_name(&r.name, mask.name),
                        mask_phone(number, mask.phone),
                    )
                })
                .unwrap_or_default();
            let (owed, sent) = pushes.get(&p.id).copied().unwrap_or((0, 0));
            ParcelRow {
                no: (i + 1) as u32,
                parcel_id: p.id,
                order_ids: order_ids(&lines),
                stage,
                stage_ko: stage.label_ko().to_string(),
                recipient,
                phone,
                items: summarize(&lines),
                item_count: lines.iter().map(|l| l.quantity.max(0) as u32).sum(),
                tracking_no: p.tracking_no.clone(),
                carrier_name: names
                    .get(&p.carrier)
                    .cloned()
                    .unwrap_or_else(|| p.carrier.clone()),
                carrier: p.carrier,
                print_count: p.print_count,
                blocked_reason: match (p.alert.clone(), blocked_reason(stage, &lines)) {
                    (Some(alert), Some(reason)) => Some(format!("{alert} · {reason}")),
                    (alert, reason) => alert.or(reason),
                },
                pushed: owed > 0 && owed == sent,
                shipped_at: p.shipped_at.map(crate::clock::kst_display),
            }
        })
        .collect();
    Ok(rows)
}

pub(crate) fn order_ids(lines: &[ParcelLine]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for l in lines {
        if !ids.contains(&l.order_id) {
            ids.push(l.order_id.clone());
        }
    }
    ids
}

/// "오버핏 코튼 티셔츠 (색상=화이트, 사이즈=L) ×2 외 1건"
fn summarize(lines: &[ParcelLine]) -> String {
    let Some(first) = lines.first() else {
        return String::new();
    };
    let mut s = first.product_name.clone();
    if !first.option_text.is_empty() {
        s.push_str(&format!(" ({})", first.option_text));
    }
    s.push_str(&format!(" ×{}", first.quantity));
    if lines.len() > 1 {
        s.push_str(&format!(" 외 {}건", lines.len() - 1));
    }
    s
}

fn blocked_reason(stage: Stage, lines: &[ParcelLine]) -> Option<String> {
    match stage {
        Stage::Claimed => lines.iter().find_map(|l| l.claim_reason.clone()),
        Stage::Unmatched => lines
            .iter()
            .find(|l| l.variant_id.is_none())
            .map(|l| format!("SKU 없음 / no SKU: {}", l.product_name)),
        Stage::Backorder => Some("재고부족 / short of stock".into()),
        Stage::Outsourced => Some("파스토 출고요청 / with FASSTO".into()),
        _ => None,
    }
}
