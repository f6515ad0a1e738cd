//! 무게·국제 배송비: weighing a parcel at the desk. Domestic parcels only record the weight (the
//! carrier contract is flat); international ones are priced from the rate tables, converted to the
//! shop's currency at its fixed rate, compared with the shipping the customer paid, and refused
//! when they break a service limit. The ship scan weighs through the same code.

mod flagged;
mod money;
mod offer;
mod price;
mod settings;

use chrono::{DateTime, Utc};
use packdesk_devices::scanner::{Affixes, Scan};
use packdesk_fees::ServiceId;
use packdesk_store::fees::{self, FeeRecord};
use packdesk_store::{Connection, parcels};

use crate::desk::Desk;
use crate::dto::{FeeFlagRow, FeeSettings, FeeSettingsUpdate, WeighOutcome, WeighRequest};
use crate::error::{DeskError, ErrorPayload, Result};
use crate::invoice;

/// Heaviest parcel a desk scale plausibly weighs; anything above is a typo (kg typed as g).
const MAX_GRAMS: u32 = 100_000;
const DOMESTIC: &str = "KR";

impl Desk {
    /// Weighs a parcel (`no:12`, a tracking number or a waybill scan) with the given grams or the
    /// scale's stable weight, prices it when it goes abroad and records the outcome on the parcel.
    pub fn weigh_parcel(&self, req: WeighRequest) -> Result<WeighOutcome> {
        let dims = req
            .dims
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| {
                packdesk_fees::parse_dims(d).ok_or_else(|| {
                    DeskError::invalid(
                        format!("size {d:?}: write LxWxH like 30x20x10cm or 300x200x100mm"),
                        format!("크기 {d:?}: 30x20x10cm 또는 300x200x100mm 형식으로 쓰세요"),
                    )
                })
            })
            .transpose()?;
        let service = req
            .service
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(ServiceId::parse)
            .transpose()?;
        let parcel = self.inner.store.read_as(|c| resolve(c, &req.parcel))?;
        let grams = match req.grams {
            Some(g) => g,
            None => self
                .take_stable_weight()
                .ok_or(DeskError::Fee(packdesk_fees::FeeError::NoWeight))?,
        };
        let now = self.inner.clock.now();
        let outcome = self
            .inner
            .store
            .write(|tx| weigh_in(tx, &parcel, grams, dims, service, now))?;
        tracing::info!(
            parcel_id = outcome.parcel_id,
            grams,
            country = %outcome.country,
            undercharged = outcome.undercharged_krw.is_some(),
            refused = outcome.refused.as_ref().map(|r| r.code.as_str()),
            "parcel weighed"
        );
        Ok(outcome)
    }

    /// Parcels flagged for the owner (undercharged or over a limit), most recent first.
    pub fn undercharged_parcels(&self) -> Result<Vec<FeeFlagRow>> {
        self.inner.store.read_as(flagged::rows)
    }

    /// The fee tolerance and export declaration fee of this station.
    pub fn fee_settings(&self) -> Result<FeeSettings> {
        self.inner.store.read_as(settings::show)
    }

    pub fn set_fee_settings(&self, update: FeeSettingsUpdate) -> Result<FeeSettings> {
        self.inner.store.read_as(|c| settings::update(c, &update))
    }
}

/// `no:12` (연번 of the working list), a tracking number, or a waybill scan (AIM prefix, 한글
/// keyboard) as the ship scan reads it.
fn resolve(conn: &Connection, text: &str) -> Result<parcels::ParcelCore> {
    let t = text.trim();
    let unknown = || DeskError::UnknownParcel(t.to_string());
    if let Some(n) = t
        .strip_prefix("no:")
        .or_else(|| t.strip_prefix("NO:"))
        .or_else(|| t.strip_prefix("No:"))
    {
        let no: u32 = n.trim().parse().map_err(|_| unknown())?;
        return parcels::by_position(conn, no)?.ok_or_else(unknown);
    }
    let decoded = Scan::decode_typed(t, &Affixes::default());
    let code = invoice::clean(&decoded.text);
    if code.is_empty() {
        return Err(unknown());
    }
    parcels::by_tracking(conn, &code)?.ok_or_else(unknown)
}

/// Weighs `parcel` inside the caller's transaction and records the outcome on it.
pub(crate) fn weigh_in(
    tx: &Connection,
    parcel: &parcels::ParcelCore,
    grams: u32,
    dims: Option<packdesk_fees::Dims>,
    service: Option<ServiceId>,
    now: DateTime<Utc>,
) -> Result<WeighOutcome> {
    if grams == 0 || grams > MAX_GRAMS {
        return Err(DeskError::invalid(
            format!("weight {grams} g is outside 1 g – 100 kg"),
            format!("무게 {grams} g은(는) 1 g – 100 kg 범위를 벗어납니다"),
        ));
    }
    let ctx = fees::context(tx, parcel.id)?
        .ok_or_else(|| DeskError::UnknownParcel(format!("#{}", parcel.id)))?;
    let cfg = settings::read(tx)?;
    let country = ctx.country.trim().to_ascii_uppercase();
    let domestic = country == DOMESTIC;
    let priced = price::price(&ctx, domestic, grams, dims, service, &cfg)?;
    let outcome = WeighOutcome {
        parcel_id: parcel.id,
        no: parcels::position(tx, parcel.id)?,
        grams,
        country,
        domestic,
        quote: priced.quote,
        paid: priced.paid,
        paid_krw: priced.paid_krw,
        undercharged_krw: priced.undercharged_krw,
        refused: priced.refused,
        unpriced: priced.unpriced,
        save_weight: offer::for_parcel(tx, parcel.id, grams)?,
    };
    let flag = if outcome.refused.is_some() {
        Some("over_limit")
    } else if outcome.undercharged_krw.is_some() {
        Some("undercharged")
    } else {
        None
    };
    let json = serde_json::to_string(&outcome).map_err(|e| DeskError::Internal(e.to_string()))?;
    fees::record(
        tx,
        parcel.id,
        &FeeRecord {
            weight_g: grams,
            fee_krw: priced.fee_krw,
            flag,
            json: &json,
        },
        now,
    )?;
    Ok(outcome)
}

/// What the ship scan does about weight before the parcel leaves. With a stable weight from the
/// scale, the parcel is weighed (an international one over a limit is refused, an undercharged
/// one ships flagged). Without one, a parcel refused before stays refused, and an international
/// parcel never weighed is refused when the station has a scale. Domestic parcels never wait
/// for the scale: for them this is one primary-key query.
pub(crate) fn before_ship(
    tx: &Connection,
    parcel: &parcels::ParcelCore,
    grams: Option<u32>,
    now: DateTime<Utc>,
) -> Result<Option<WeighOutcome>> {
    let Some(dest) = fees::destination(tx, parcel.id)? else {
        return Ok(None);
    };
    if let Some(g) = grams {
        let w = weigh_in(tx, parcel, g, None, None, now)?;
        if let Some(reason) = &w.refused {
            return Err(over_limit(parcel, w.no, reason));
        }
        return Ok(Some(w));
    }
    if !dest.weighed {
        if dest.country != DOMESTIC && fees::scale_configured(tx)? {
            return Err(DeskError::ScanNeedsWeight {
                no: parcels::position(tx, parcel.id)?,
                tracking_no: parcel.tracking_no.clone().unwrap_or_default(),
                country: dest.country,
            });
        }
        return Ok(None);
    }
    let last = fees::last_outcome(tx, parcel.id)?
        .and_then(|j| serde_json::from_str::<WeighOutcome>(&j).ok());
    if dest.fee_flag.as_deref() == Some("over_limit")
        && let Some(reason) = last.as_ref().and_then(|w| w.refused.as_ref())
    {
        return Err(over_limit(
            parcel,
            parcels::position(tx, parcel.id)?,
            reason,
        ));
    }
    Ok(last)
}

fn over_limit(parcel: &parcels::ParcelCore, no: u32, reason: &ErrorPayload) -> DeskError {
    DeskError::ScanOverLimit {
        no,
        tracking_no: parcel.tracking_no.clone().unwrap_or_default(),
        reason_en: reason.message_en.clone(),
        reason_ko: reason.message_ko.clone(),
    }
}
