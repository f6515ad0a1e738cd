//! 배송: ship a parcel by scanning its waybill, and queue the tracking push for every order in it.
//! Also the invoice-number pool, whose numbers the scan resolves.

use chrono::{DateTime, Utc};
use packdesk_labels::{MaskRule, mask_name};
use packdesk_store::{Transaction, catalogue, fmt_utc, outbox, params, parcels, pool};

use crate::desk::{Desk, Inner};
use crate::dto::{PoolReport, ShipOutcome, Stage};
use crate::error::{DeskError, Result};
use crate::invoice;
use packdesk_devices::scanner::{Affixes, Scan};

mod claims;
mod error;
mod selected;

pub use claims::{ClaimedLine, ClaimedOrder, ClaimedParcel};
pub use error::ShipError;
pub use selected::{ShipRowResult, ShipSelectedReport};

/// A scan with the packer's answers to what the scan may ask (배송처리 by scan, CLI `ship --scan`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShipRequest {
    /// The scanned waybill barcode (or a packing slip's parcel code).
    pub code: String,
    /// The packer confirms the cancelled/returned lines of a partly claimed parcel were taken out.
    #[serde(default)]
    pub removed_claimed: bool,
}

/// What a ship (by scan or by selection) was told by the packer.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ShipOptions {
    pub removed_claimed: bool,
}

impl Desk {
    /// Ships like [`Desk::ship_scan`], with the packer's confirmations (a partly claimed parcel
    /// ships only once `removed_claimed` says its claimed lines were taken out).
    pub fn ship(&self, req: &ShipRequest) -> Result<ShipOutcome> {
        scan_with(
            self,
            &req.code,
            ShipOptions {
                removed_claimed: req.removed_claimed,
            },
        )
    }
}

pub(crate) const SHIPMENT_KIND: &str = "cafe24.shipment";

/// What the outbox delivers to Cafe24 for one order of a shipped parcel.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct ShipmentPush {
    pub shop_no: u32,
    pub order_id: String,
    pub order_item_codes: Vec<String>,
    pub tracking_no: String,
    pub shipping_company_code: String,
    pub status: String,
}

/// Ships the parcel whose waybill was scanned. Every scan, refused or not, is logged. The scale's
/// stable weight is used up by the scan that weighs a parcel with it (so it never carries over to
/// the next parcel) and the parcel is weighed before it leaves (see [`crate::weigh::before_ship`]).
pub(crate) fn scan(desk: &Desk, raw: &str) -> Result<ShipOutcome> {
    scan_with(desk, raw, ShipOptions::default())
}

fn scan_with(desk: &Desk, raw: &str, opts: ShipOptions) -> Result<ShipOutcome> {
    let inner = &desk.inner;
    // A scanner may send an AIM symbology prefix (`]C0…`), and a scan typed while the keyboard was
    // in 한글 mode arrives as jamo (`ㅕㅑ…`): both are undone before the number is looked up.
    let decoded = Scan::decode_typed(raw.trim(), &Affixes::default());
    let code = invoice::clean(&decoded.text);
    if code.is_empty() {
        return Err(DeskError::ScanEmpty);
    }
    if decoded.ime_corrected {
        tracing::info!("scan arrived in Hangul (IME in 한글 mode); mapped back to Latin");
    }
    // Read outside the transaction (the devices runtime may read the store itself) and used up
    // only once this parcel was weighed with it: an unknown or repeated scan leaves it on offer.
    let grams = desk.stable_weight();
    let now = inner.clock.now();
    // The refusal is returned *after* the transaction commits, so the scan log keeps it (and a
    // weighing that refused the parcel stays recorded for the owner).
    let outcome = inner.store.write(|tx| {
        let result = ship_in(tx, &code, grams, now, opts);
        let (parcel_id, label) = match &result {
            Ok(o) => (Some(o.parcel_id), "ok"),
            Err(e) => (None, e.code()),
        };
        tx.execute(
            "INSERT INTO scan_log (code, parcel_id, result, at) VALUES (?1, ?2, ?3, ?4)",
            params![code, parcel_id, label, fmt_utc(now)],
        )?;
        Ok::<_, DeskError>(result)
    })?;
    let outcome = outcome.map(|mut o| {
        o.ime_converted = decoded.ime_corrected;
        o
    });
    let weighed_now = match &outcome {
        Ok(o) => o.weighed.as_ref().is_some_and(|w| Some(w.grams) == grams),
        Err(DeskError::ScanOverLimit { .. }) => grams.is_some(),
        Err(_) => false,
    };
    if let (true, Some(g)) = (weighed_now, grams) {
        desk.use_stable_weight(g);
    }
    match &outcome {
        Ok(o) => tracing::info!(no = o.no, orders = o.order_ids.len(), "shipped on scan"),
        Err(e) => tracing::info!(code = e.code(), "scan refused"),
    }
    outcome
}

/// The parcel a scan names: its waybill's number, or its packing slip's parcel code once the
/// parcel has a waybill (a slip printed before the waybill names a parcel with nothing to ship by).
fn find_scanned(tx: &Transaction, code: &str) -> Result<Option<parcels::ParcelCore>> {
    if let Some(p) = parcels::by_tracking(tx, code)? {
        return Ok(Some(p));
    }
    match crate::print::documents::parse_parcel_code(code) {
        Some(id) => Ok(parcels::get(tx, id)?.filter(|p| p.tracking_no.is_some())),
        None => Ok(None),
    }
}

fn ship_in(
    tx: &Transaction,
    code: &str,
    grams: Option<u32>,
    now: DateTime<Utc>,
    opts: ShipOptions,
) -> Result<ShipOutcome> {
    let parcel = find_scanned(tx, code)?.ok_or_else(|| DeskError::ScanUnknown {
        code: code.to_string(),
    })?;
    ship_checked(tx, &parcel, grams, now, opts)
}

/// Every check a scan makes before a parcel leaves (shipped already, claimed wholly or in part,
/// the weight rule abroad), then the shipment itself. Shared by the scan and 선택 배송처리.
pub(crate) fn ship_checked(
    tx: &Transaction,
    parcel: &parcels::ParcelCore,
    grams: Option<u32>,
    now: DateTime<Utc>,
    opts: ShipOptions,
) -> Result<ShipOutcome> {
    let tracking_no = parcel.tracking_no.clone().unwrap_or_default();
    let stage = Stage::parse(&parcel.stage).unwrap_or(Stage::Ready);
    if stage == Stage::Shipped {
        return Err(DeskError::ScanAlreadyShipped {
            no: parcels::position(tx, parcel.id)?,
            tracking_no,
            at: parcel
                .shipped_at
                .map(crate::clock::kst_display)
                .unwrap_or_default(),
        });
    }
    // Claims are read per line: a parcel whose every line is claimed (or a claimed parcel whose
    // claim names no line) never leaves; one with some claimed lines leaves only once the packer
    // confirms they were taken out.
    let lines = parcels::lines(tx, parcel.id)?;
    let claimed = lines.iter().filter(|l| l.claim_reason.is_some()).count();
    let wholly_claimed =
        (claimed > 0 && claimed == lines.len()) || (stage == Stage::Claimed && claimed == 0);
    if wholly_claimed {
        return Err(DeskError::ScanClaimed {
            no: parcels::position(tx, parcel.id)?,
            tracking_no,
            reason: lines
                .iter()
                .find_map(|l| l.claim_reason.clone())
                .unwrap_or_default(),
        });
    }
    if claimed > 0 && !opts.removed_claimed {
        return Err(claims::partly_claimed(tx, parcel, &lines)?.into());
    }
    // Weighed before the savepoint: a weighing that refuses the parcel is kept for the owner.
    let weighed = crate::weigh::before_ship(tx, parcel, grams, now)?;
    // A savepoint: if shipping fails half-way, its changes are undone but the scan log stays.
    tx.execute_batch("SAVEPOINT ship")?;
    let result = ship_parcel(tx, parcel, now);
    if result.is_err() {
        tx.execute_batch("ROLLBACK TO ship")?;
    }
    tx.execute_batch("RELEASE ship")?;
    result.map(|mut o| {
        o.weighed = weighed;
        o
    })
}

/// Ships a parcel that has its tracking number: stock leaves the ledger, every original order gets
/// its own tracking push in the outbox. Shared by the desk scan and FASSTO's invoice read-back.
/// Claimed lines (a partly claimed parcel the packer emptied of them) neither leave the ledger nor
/// are pushed; an order the shop already shows as shipped, or a parcel without a number (marked
/// shipped from the mismatch view), is not pushed either.
pub(crate) fn ship_parcel(
    tx: &Transaction,
    parcel: &parcels::ParcelCore,
    now: DateTime<Utc>,
) -> Result<ShipOutcome> {
    let tracking_no = parcel.tracking_no.clone().unwrap_or_default();
    let lines: Vec<parcels::ParcelLine> = parcels::lines(tx, parcel.id)?
        .into_iter()
        .filter(|l| l.claim_reason.is_none())
        .collect();
    let shipping_company_code = pool::carrier(tx, &parcel.carrier)?
        .and_then(|c| c.cafe24_code)
        .unwrap_or_default();
    for l in &lines {
        if let Some(v) = l.variant_id
            && l.allocated > 0
        {
            // A bundle ships its components' stock.
            for (stock_variant, qty) in crate::matching::stock_needs(tx, v, l.allocated)? {
                catalogue::ship_out(tx, stock_variant, qty, &tracking_no, now)?;
            }
        }
    }
    let order_ids = crate::worklist::order_ids(&lines);
    let mut queued = 0;
    for order_id in &order_ids {
        let of_order: Vec<&parcels::ParcelLine> =
            lines.iter().filter(|l| &l.order_id == order_id).collect();
        let Some(first) = of_order.first() else {
            continue;
        };
        if tracking_no.is_empty()
            || packdesk_store::mismatches::shipped_at_shop(tx, first.order_pk, parcel.id)?
        {
            continue;
        }
        let (shop_no, platform): (u32, String) = tx.query_row(
            "SELECT shop_no, platform FROM shops WHERE id = ?1",
            [first.shop_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // An order registered by hand (주문등록) belongs to no Cafe24 mall: nothing to push.
        if platform == "manual" {
            continue;
        }
        let push = ShipmentPush {
            shop_no,
            order_id: order_id.clone(),
            order_item_codes: of_order.iter().map(|l| l.order_item_code.clone()).collect(),
            tracking_no: tracking_no.clone(),
            shipping_company_code: shipping_company_code.clone(),
            status: "shipping".into(),
        };
        let payload =
            serde_json::to_string(&push).map_err(|e| DeskError::Internal(e.to_string()))?;
        let key = format!("{SHIPMENT_KIND}:{}:{order_id}:{tracking_no}", first.shop_id);
        let item = outbox::NewItem {
            kind: SHIPMENT_KIND,
            shop_id: first.shop_id,
            parcel_id: Some(parcel.id),
            key: &key,
            payload: &payload,
        };
        if outbox::enqueue(tx, &item, now)? {
            queued += 1;
        }
    }
    parcels::mark_shipped(tx, parcel.id, now)?;
    let recipient = parcels::receiver(tx, parcel.id)?
        .map(|r| mask_name(&r.name, MaskRule::default().name))
        .unwrap_or_default();
    Ok(ShipOutcome {
        no: parcels::position(tx, parcel.id)?,
        parcel_id: parcel.id,
        tracking_no,
        order_ids,
        recipient,
        queued,
        ime_converted: false,
        weighed: None,
    })
}

pub(crate) fn add_pool(
    inner: &Inner,
    carrier: &str,
    first: &str,
    count: u32,
) -> Result<PoolReport> {
    if count == 0 {
        return Err(DeskError::invalid(
            "--count must be at least 1",
            "수량(--count)은 1 이상이어야 합니다",
        ));
    }
    let known = inner.store.read(|c| pool::carrier(c, carrier))?;
    if known.is_none() {
        return Err(DeskError::UnknownCarrier(carrier.to_string()));
    }
    let first = invoice::clean(first);
    let numbers = invoice::block(carrier, &first, count).map_err(|e| DeskError::InvoiceFormat {
        carrier: carrier.to_string(),
        number: first.clone(),
        reason: e.en,
        reason_ko: e.ko,
    })?;
    let now = inner.clock.now();
    let added = inner
        .store
        .write(|tx| Ok::<_, DeskError>(pool::add(tx, carrier, &numbers, now)?))?;
    Ok(PoolReport {
        carrier: carrier.to_string(),
        added,
        first: numbers.first().cloned().unwrap_or_default(),
        last: numbers.last().cloned().unwrap_or_default(),
        remaining: inner.store.read(|c| pool::remaining(c, carrier))?,
    })
}
