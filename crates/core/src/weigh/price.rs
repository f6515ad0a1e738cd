//! Pricing a weighed parcel: the quote in KRW and the shop currency, what the customer paid, and
//! whether that is short beyond the tolerance. Limits refuse the parcel with the fee crate's reason.

use packdesk_fees::{
    Destination, Dims, FeeError, Quote, ServiceId, quote_to, shipped, undercharged,
};
use packdesk_store::fees::FeeContext;

use crate::dto::{FeeLineDto, FeeQuoteDto, Money};
use crate::error::{ErrorPayload, Result};
use crate::weigh::money::{krw, money, shop_rate, to_krw};
use crate::weigh::settings::FeeConfig;

/// The priced part of a weighing.
pub(crate) struct Priced {
    pub quote: Option<FeeQuoteDto>,
    pub fee_krw: Option<u64>,
    pub paid: Money,
    pub paid_krw: Option<u64>,
    pub undercharged_krw: Option<u64>,
    pub refused: Option<ErrorPayload>,
    pub unpriced: Option<ErrorPayload>,
}

/// Limits a parcel can break; every other fee error (no rate for the country …) is a gap in the
/// data, not a reason about the parcel: it is reported as `unpriced`.
fn is_limit(e: &FeeError) -> bool {
    matches!(
        e,
        FeeError::OverWeight { .. }
            | FeeError::OverVolumetric { .. }
            | FeeError::OverSize { .. }
            | FeeError::UnderSize { .. }
    )
}

pub(crate) fn price(
    ctx: &FeeContext,
    domestic: bool,
    grams: u32,
    dims: Option<Dims>,
    service: Option<ServiceId>,
    cfg: &FeeConfig,
) -> Result<Priced> {
    let rate = shop_rate(&ctx.shop_currency, ctx.krw_per_unit.as_deref());
    let paid = money(&ctx.order_currency, ctx.paid_minor);
    let paid_krw = to_krw(&ctx.order_currency, ctx.paid_minor, rate);
    let mut priced = Priced {
        quote: None,
        fee_krw: None,
        paid,
        paid_krw,
        undercharged_krw: None,
        refused: None,
        unpriced: None,
    };
    // Domestic parcels go at the carrier's flat contract fee: only the weight is recorded.
    if domestic {
        return Ok(priced);
    }
    let id = match service {
        Some(id) => id,
        None => ServiceId::parse(&ctx.intl_service)?,
    };
    let svc = shipped(id)?.with_export_declaration_krw(cfg.export_declaration_krw);
    let dest = Destination {
        country: &ctx.country,
        postcode: Some(ctx.postcode.as_str()),
    };
    match quote_to(&svc, dest, grams, dims) {
        Ok(q) => {
            let total_shop = match rate {
                Some(r) => money(
                    r.currency.code(),
                    i64::try_from(q.in_currency(r).total_minor).unwrap_or(i64::MAX),
                ),
                None => krw(q.total_krw),
            };
            priced.fee_krw = Some(q.total_krw);
            priced.undercharged_krw = priced
                .paid_krw
                .and_then(|p| undercharged(q.total_krw, p, cfg.tolerance));
            priced.quote = Some(quote_dto(&q, total_shop));
        }
        Err(e) if is_limit(&e) => {
            priced.refused = Some(ErrorPayload {
                code: e.code().to_string(),
                message_ko: e.message_ko(),
                message_en: e.to_string(),
            });
        }
        // No rate for this destination (a country outside the table): the parcel still ships —
        // the carrier has its waybill — but the fee cannot be checked; the outcome says why.
        Err(e) => {
            priced.unpriced = Some(ErrorPayload {
                code: e.code().to_string(),
                message_ko: e.message_ko(),
                message_en: e.to_string(),
            });
        }
    }
    Ok(priced)
}

fn quote_dto(q: &Quote, total_shop: Money) -> FeeQuoteDto {
    FeeQuoteDto {
        service: q.service.clone(),
        service_name_ko: q.name_ko.clone(),
        service_name_en: q.name_en.clone(),
        data_status: q.status.as_str().to_string(),
        actual_g: q.actual_g,
        volumetric_g: q.volumetric_g,
        chargeable_g: q.chargeable_g,
        lines: q
            .lines
            .iter()
            .map(|l| FeeLineDto {
                kind: l.kind.as_str().to_string(),
                label_ko: l.label_ko.clone(),
                label_en: l.label_en.clone(),
                krw: l.krw,
            })
            .collect(),
        total_krw: q.total_krw,
        total_shop,
    }
}
