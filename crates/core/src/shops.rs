//! Connected shops and the collection rules their owner sets (DOMAIN.md stage 1).

use packdesk_store::{runs, schedules, shops};

use crate::clock::kst_display;
use crate::desk::Desk;
use crate::dto::{ShopRules, ShopSummary};
use crate::error::{DeskError, Result};

/// Cafe24 lists orders at most three months back; a wider daily range would only fail.
const MAX_RANGE_DAYS: i64 = 90;
const MAX_MIN_AGE_MINUTES: i64 = 24 * 60;

pub(crate) fn list(desk: &Desk) -> Result<Vec<ShopSummary>> {
    let store = &desk.inner.store;
    let now = desk.inner.clock.now();
    let cal = crate::scheduler::calendar(desk)?;
    let mut out = Vec::new();
    for s in store.read(shops::all)? {
        let timetable = crate::scheduler::timetable(desk, &crate::scheduler::Target::of_shop(&s))?;
        let last = store.read(|c| runs::last(c, &schedules::shop_target(s.id)))?;
        out.push(ShopSummary {
            shop_id: s.id,
            label: crate::collect::display_name(&s),
            mall_id: s.mall_id.clone(),
            shop_no: s.shop_no,
            shop_name: s.shop_name.clone(),
            currency: s.currency.clone(),
            demo: s.demo,
            collect: s.collect_enabled,
            collect_status: s.collect_status.clone(),
            min_age_minutes: s.min_age_minutes,
            range_days: s.range_days,
            fulfilment: s.fulfilment.clone(),
            timetable: timetable.to_string(),
            timetable_ko: timetable.describe_ko(),
            next_collect_kst: (s.collect_enabled && s.paused.is_none())
                .then(|| timetable.next_after(now, &cal))
                .flatten()
                .map(kst_display),
            last_collect_kst: s.last_collect_at.map(kst_display),
            last_status: last.map(|r| r.status),
            paused: s.paused.map(crate::run_log::pause_payload),
            krw_per_unit: s.krw_per_unit.clone(),
            intl_service: s.intl_service.clone(),
        });
    }
    Ok(out)
}

pub(crate) fn set_rules(desk: &Desk, shop_id: i64, r: ShopRules) -> Result<ShopSummary> {
    if let Some(status) = &r.collect_status
        && status != "N10"
        && status != "N20"
    {
        return Err(DeskError::invalid(
            format!("status {status}: collect N10 (상품준비중) or N20 (배송준비중)"),
            format!("주문상태 {status}: N10(상품준비중) 또는 N20(배송준비중)만 수집할 수 있습니다"),
        ));
    }
    if let Some(m) = r.min_age_minutes
        && !(0..=MAX_MIN_AGE_MINUTES).contains(&m)
    {
        return Err(DeskError::invalid(
            format!("minimum age {m} min: use 0–{MAX_MIN_AGE_MINUTES}"),
            format!("결제 후 경과시간 {m}분: 0–{MAX_MIN_AGE_MINUTES}분으로 설정하세요"),
        ));
    }
    if let Some(d) = r.range_days
        && !(1..=MAX_RANGE_DAYS).contains(&d)
    {
        return Err(DeskError::invalid(
            format!("daily range {d} days: use 1–{MAX_RANGE_DAYS}"),
            format!("일일수집범위 {d}일: 1–{MAX_RANGE_DAYS}일로 설정하세요"),
        ));
    }
    if let Some(f) = &r.fulfilment
        && f != "self"
        && f != "fassto"
    {
        return Err(DeskError::invalid(
            format!("fulfilment {f}: use self or fassto"),
            format!("출고 방식 {f}: self(직접 출고) 또는 fassto(파스토)를 쓰세요"),
        ));
    }
    let shop = desk
        .inner
        .store
        .read(|c| shops::get(c, shop_id))?
        .ok_or(DeskError::UnknownShop(shop_id))?;
    let fees = fee_update(&shop, r.krw_per_unit.as_deref(), r.intl_service.as_deref())?;
    let update = shops::RulesUpdate {
        collect_enabled: r.collect,
        collect_status: r.collect_status,
        min_age_minutes: r.min_age_minutes,
        range_days: r.range_days,
        fulfilment: r.fulfilment,
    };
    let updated = desk.inner.store.write(|tx| {
        let rules = shops::update_rules(tx, shop_id, &update)?;
        let fees = shops::update_fees(tx, shop_id, &fees)?;
        Ok::<_, DeskError>(rules && fees)
    })?;
    if !updated {
        return Err(DeskError::UnknownShop(shop_id));
    }
    desk.inner.schedule_changed.notify_one();
    list(desk)?
        .into_iter()
        .find(|s| s.shop_id == shop_id)
        .ok_or(DeskError::UnknownShop(shop_id))
}

/// Checks the fixed exchange rate and the international service an owner typed for a shop.
fn fee_update(
    shop: &shops::ShopRow,
    rate: Option<&str>,
    service: Option<&str>,
) -> Result<shops::FeeUpdate> {
    let intl_service = service
        .map(|s| {
            packdesk_fees::ServiceId::parse(s)
                .map(|id| id.as_str().to_string())
                .map_err(|_| {
                    DeskError::invalid(
                        format!("service {s:?}: use ems, kpacket or express"),
                        format!("배송 서비스 {s:?}: ems, kpacket, express 중 하나를 쓰세요"),
                    )
                })
        })
        .transpose()?;
    let krw_per_unit = match rate.map(str::trim) {
        None => None,
        Some("" | "none" | "-") => Some(None),
        Some(text) => {
            let currency = packdesk_fees::Currency::parse(&shop.currency);
            match currency {
                Some(packdesk_fees::Currency::Krw) => {
                    return Err(DeskError::invalid(
                        format!("shop {} sells in KRW: it needs no exchange rate", shop.id),
                        format!(
                            "{}번 쇼핑몰은 원화(KRW) 쇼핑몰이라 환율이 필요 없습니다",
                            shop.id
                        ),
                    ));
                }
                Some(c) => {
                    let text = text.replace(',', "");
                    packdesk_fees::ExchangeRate::new(c, &text).map_err(|_| {
                        DeskError::invalid(
                            format!(
                                "exchange rate {text:?}: KRW per 1 {}, a positive number with up to 4 decimals (e.g. 1385.5)",
                                shop.currency
                            ),
                            format!(
                                "환율 {text:?}: 1 {}당 원화 금액을 양수로 쓰세요 (소수점 4자리까지, 예: 1385.5)",
                                shop.currency
                            ),
                        )
                    })?;
                    Some(Some(text))
                }
                None => {
                    return Err(DeskError::invalid(
                        format!(
                            "shop currency {}: fees convert only to USD or JPY",
                            shop.currency
                        ),
                        format!(
                            "쇼핑몰 통화 {}: 배송비는 USD 또는 JPY로만 환산할 수 있습니다",
                            shop.currency
                        ),
                    ));
                }
            }
        }
    };
    Ok(shops::FeeUpdate {
        krw_per_unit,
        intl_service,
    })
}
