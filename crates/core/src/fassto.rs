//! 파스토 FMS: a shop that outsources packing hands its ready parcels to FASSTO as outbound
//! requests (택배 출고등록) and reads back the carrier invoice numbers, which then flow into the
//! same ship → outbox → Cafe24 path as a scan at the desk.
//!
//! One run (on FASSTO's timetable or `packdesk fassto run`): refresh goods and stock; cancel the
//! requests of parcels that turned into claims; register the new ready parcels; read back invoices.
//! A request is recorded as `sending` before it leaves, so after a lost answer the next run asks
//! FASSTO for the order number instead of registering the parcel twice.

use chrono::Duration;
use packdesk_fassto::{FmsClient, FmsConfig, FmsError, OutboundItem, OutboundRequest};
use packdesk_store::{fms, parcels, runs, schedules, settings};

use crate::desk::Desk;
use crate::dto::{
    CollectTrigger, FasstoConnectRequest, FasstoGoods, FasstoInfo, FasstoOutbound, FasstoRunReport,
    LinkFailure, Stage,
};
use crate::error::{DeskError, Result};

const BASE_KEY: &str = "fassto.api_base";
const CST_KEY: &str = "fassto.cst_cd";
const API_CD_KEY: &str = "fassto.api_cd";
/// Parcels registered per run; the rest follow on the next run.
const REGISTER_BATCH: u32 = 500;
/// How far back status reads look for a request whose answer was lost.
const LOOKBACK_DAYS: i64 = 14;

fn secret_ref(cst_cd: &str) -> String {
    format!("fassto:{cst_cd}")
}

pub(crate) fn is_connected(desk: &Desk) -> Result<bool> {
    Ok(desk
        .inner
        .store
        .read(|c| settings::get(c, CST_KEY))?
        .is_some())
}

pub(crate) async fn connect(desk: &Desk, req: FasstoConnectRequest) -> Result<FasstoInfo> {
    let cst_cd = req.cst_cd.trim().to_string();
    if cst_cd.is_empty() || req.api_cd.trim().is_empty() || req.api_key.trim().is_empty() {
        return Err(DeskError::invalid(
            "customer code, apiCd and apiKey are required",
            "고객사 코드, apiCd, apiKey를 모두 입력하세요",
        ));
    }
    let base = match req
        .api_base
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        Some(b) => url::Url::parse(b).map_err(|e| {
            DeskError::invalid(
                format!("--api-base {b}: {e}"),
                format!("API 주소 {b}가 올바른 URL이 아닙니다 ({e})"),
            )
        })?,
        None => url::Url::parse(packdesk_fassto::PRODUCTION_BASE_URL)
            .map_err(|e| DeskError::Internal(e.to_string()))?,
    };
    let cfg = FmsConfig {
        base_url: base.clone(),
        cst_cd: cst_cd.clone(),
        api_cd: req.api_cd.trim().to_string(),
        api_key: req.api_key.trim().to_string(),
    };
    // Signing in proves apiCd/apiKey; one read under the customer code proves the code too,
    // before anything is saved.
    let client = FmsClient::connect(cfg).await?;
    if let Err(e) = client.goods().await {
        return Err(if e.is_transient() {
            e.into()
        } else {
            DeskError::invalid(
                format!("FASSTO refused customer code {cst_cd}: {e}"),
                format!(
                    "파스토가 고객사 코드 {cst_cd}를 거부했습니다. 고객사 코드를 확인하세요 ({})",
                    e.message_ko()
                ),
            )
        });
    }
    desk.secrets_for(false)
        .set(&secret_ref(&cst_cd), req.api_key.trim())?;
    desk.inner.store.write(|tx| {
        settings::set(tx, BASE_KEY, base.as_str())?;
        settings::set(tx, CST_KEY, &cst_cd)?;
        settings::set(tx, API_CD_KEY, req.api_cd.trim())?;
        Ok::<_, DeskError>(())
    })?;
    *desk.inner.fassto.lock().unwrap_or_else(|p| p.into_inner()) = Some(client);
    desk.inner.schedule_changed.notify_one();
    tracing::info!("FASSTO connected");
    Ok(FasstoInfo {
        cst_cd,
        api_base: base.to_string(),
    })
}

fn client(desk: &Desk) -> Result<Option<FmsClient>> {
    Ok(desk
        .inner
        .fassto
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

async fn connected_client(desk: &Desk) -> Result<FmsClient> {
    if let Some(c) = client(desk)? {
        return Ok(c);
    }
    let (base, cst_cd, api_cd) = desk.inner.store.read(|c| {
        Ok((
            settings::get(c, BASE_KEY)?,
            settings::get(c, CST_KEY)?,
            settings::get(c, API_CD_KEY)?,
        ))
    })?;
    let (Some(base), Some(cst_cd), Some(api_cd)) = (base, cst_cd, api_cd) else {
        return Err(DeskError::FasstoNotConnected);
    };
    let api_key = desk
        .secrets_for(false)
        .get(&secret_ref(&cst_cd))?
        .ok_or(DeskError::FasstoNotConnected)?;
    let base_url = url::Url::parse(&base).map_err(|e| DeskError::Internal(e.to_string()))?;
    let c = FmsClient::connect(FmsConfig {
        base_url,
        cst_cd,
        api_cd,
        api_key,
    })
    .await?;
    *desk.inner.fassto.lock().unwrap_or_else(|p| p.into_inner()) = Some(c.clone());
    Ok(c)
}

pub(crate) async fn run(desk: &Desk, trigger: CollectTrigger) -> Result<FasstoRunReport> {
    let store = &desk.inner.store;
    let started = desk.inner.clock.now();
    let run_id =
        store.read(|c| runs::start(c, schedules::FASSTO_TARGET, trigger.as_str(), started))?;
    let mut report = FasstoRunReport::default();
    let outcome = run_steps(desk, &mut report).await;
    let counts = runs::RunCounts {
        new_orders: report.requested.into(),
        updated: report.invoices.into(),
        claimed: report.cancelled.into(),
        failed: report.failed.len() as i64,
        ..runs::RunCounts::default()
    };
    let finished = desk.inner.clock.now();
    let error = outcome.as_ref().err();
    let status = if error.is_some() { "failed" } else { "ok" };
    store.read_as(|c| {
        crate::run_log::finish(c, run_id, status, &counts, &report.failed, error, finished)
    })?;
    outcome.map(|()| report)
}

async fn run_steps(desk: &Desk, report: &mut FasstoRunReport) -> Result<()> {
    let client = connected_client(desk).await?;
    sync_goods(desk, &client, report).await?;
    cancel_claimed(desk, &client, report).await?;
    register_ready(desk, &client, report).await?;
    read_invoices(desk, &client, report).await?;
    Ok(())
}

async fn sync_goods(desk: &Desk, client: &FmsClient, report: &mut FasstoRunReport) -> Result<()> {
    let goods = client.goods().await?;
    let stock = packdesk_fassto::available_by_cst_god_cd(&client.stock().await?);
    let now = desk.inner.clock.now();
    desk.inner.store.write(|tx| {
        for g in &goods {
            let qty = stock.get(&g.cst_god_cd).copied().unwrap_or(0);
            fms::upsert_goods(
                tx,
                &g.cst_god_cd,
                &g.god_cd,
                &g.god_nm,
                g.god_barcd.as_deref().unwrap_or_default(),
                qty,
                now,
            )?;
        }
        Ok::<_, DeskError>(())
    })?;
    report.goods = goods.len() as u32;
    Ok(())
}

/// A claim on a parcel FASSTO still holds: cancel the request before it ships.
async fn cancel_claimed(
    desk: &Desk,
    client: &FmsClient,
    report: &mut FasstoRunReport,
) -> Result<()> {
    let store = &desk.inner.store;
    let open = store.read(fms::open_outbounds)?;
    for o in open {
        let claimed = store
            .read(|c| parcels::get(c, o.parcel_id))?
            .is_some_and(|p| p.stage == Stage::Claimed.as_str());
        let Some(slip) = o.slip_no.as_deref().filter(|_| claimed) else {
            continue;
        };
        let now = desk.inner.clock.now();
        match client.cancel_outbound(slip, &o.ord_no).await {
            Ok(()) => {
                store.read(|c| fms::set_outbound(c, o.parcel_id, "cancelled", None, None, now))?;
                report.cancelled += 1;
            }
            Err(e) if e.is_transient() => return Err(e.into()),
            Err(e) => {
                store.read(|c| {
                    fms::set_outbound(
                        c,
                        o.parcel_id,
                        "cancel_failed",
                        None,
                        Some(&e.message_ko()),
                        now,
                    )
                })?;
                report.failed.push(failure(&o.ord_no, &e));
            }
        }
    }
    Ok(())
}

/// The order reference FASSTO echoes back: one per parcel (a merged parcel is one box).
fn ord_no(parcel_id: i64) -> String {
    format!("PD{parcel_id:010}")
}

async fn register_ready(
    desk: &Desk,
    client: &FmsClient,
    report: &mut FasstoRunReport,
) -> Result<()> {
    let store = &desk.inner.store;
    let ready = store.read(|c| parcels::ready_for_fulfilment(c, "fassto", REGISTER_BATCH))?;
    let mut requests = Vec::new();
    let mut parcel_of = Vec::new();
    for parcel_id in ready {
        match build_request(desk, parcel_id)? {
            Ok(req) => {
                parcel_of.push(parcel_id);
                requests.push(req);
            }
            Err(f) => report.failed.push(f),
        }
    }
    if requests.is_empty() {
        return Ok(());
    }
    let now = desk.inner.clock.now();
    // Recorded before sending: a crash or lost answer is resolved by asking, never by resending.
    store.write(|tx| {
        for (parcel_id, req) in parcel_of.iter().zip(&requests) {
            fms::begin_outbound(tx, *parcel_id, &req.ord_no, now)?;
            parcels::set_stage(tx, *parcel_id, Stage::Outsourced.as_str())?;
        }
        Ok::<_, DeskError>(())
    })?;
    let results = client.register_outbound(&requests).await;
    store.write(|tx| {
        for (parcel_id, result) in parcel_of.iter().zip(&results) {
            match &result.outcome {
                Ok(reg) => {
                    fms::set_outbound(
                        tx,
                        *parcel_id,
                        "requested",
                        Some(&reg.fms_slip_no),
                        None,
                        now,
                    )?;
                    report.requested += 1;
                }
                // Unknown: stays `sending`, the next run looks it up by order number.
                Err(e) if e.code() == "FMS_OUTCOME_UNKNOWN" || e.is_transient() => {}
                Err(e) => {
                    fms::set_outbound(tx, *parcel_id, "failed", None, Some(&e.message_ko()), now)?;
                    // Back to the desk's list: the owner fixes it or packs it here.
                    parcels::set_stage(tx, *parcel_id, Stage::Ready.as_str())?;
                    report.failed.push(failure(&result.ord_no, e));
                }
            }
        }
        Ok::<_, DeskError>(())
    })?;
    Ok(())
}

/// Builds the request of one parcel, or says why it cannot go to FASSTO.
fn build_request(
    desk: &Desk,
    parcel_id: i64,
) -> Result<std::result::Result<OutboundRequest, LinkFailure>> {
    desk.inner.store.read_as(|c| {
        let lines = parcels::lines(c, parcel_id)?;
        let ord = ord_no(parcel_id);
        let mut items: Vec<OutboundItem> = Vec::new();
        for l in &lines {
            if let Some(v) = l.variant_id
                && packdesk_fassto::flag_unlinkable_option(&packdesk_store::catalogue::option_type_of(c, v)?)
            {
                return Ok(Err(LinkFailure {
                    order_id: l.order_id.clone(),
                    code: "FMS_OPTION_UNLINKABLE".into(),
                    reason_en: format!(
                        "{}: Cafe24 options of type 상품 연동형 cannot be linked to FASSTO; use a combination or independent option type",
                        l.product_name
                    ),
                    reason_ko: format!(
                        "{}: 옵션 구성방식이 상품 연동형이라 파스토와 연동할 수 없습니다 (조합 일체/분리선택형 또는 독립 선택형으로 바꾸세요)",
                        l.product_name
                    ),
                }));
            }
            let goods = match l.variant_id {
                Some(v) => fms::goods_code_of(c, v)?,
                None => None,
            };
            let Some(code) = goods else {
                return Ok(Err(LinkFailure {
                    order_id: l.order_id.clone(),
                    code: "FMS_GOODS_UNLINKED".into(),
                    reason_en: format!(
                        "{} has no FASSTO goods: link it with `packdesk fassto link`",
                        l.product_name
                    ),
                    reason_ko: format!(
                        "{}: 파스토 상품과 연결되지 않았습니다 (`packdesk fassto link`)",
                        l.product_name
                    ),
                }));
            };
            let qty = u32::try_from(l.quantity).unwrap_or(0);
            match items.iter_mut().find(|i| i.cst_god_cd == code) {
                Some(i) => i.ord_qty += qty,
                None => items.push(OutboundItem::new(code, qty)),
            }
        }
        let Some(r) = parcels::receiver(c, parcel_id)? else {
            return Ok(Err(LinkFailure {
                order_id: ord,
                code: "NO_RECEIVER".into(),
                reason_en: "the parcel has no receiver".into(),
                reason_ko: "수령인 정보가 없습니다".into(),
            }));
        };
        let phone = if r.mobile.is_empty() {
            &r.phone
        } else {
            &r.mobile
        };
        let address = format!("{} {}", r.address1.trim(), r.address2.trim());
        let mut req = OutboundRequest::new(ord, &r.name, phone, address.trim(), items);
        req.zip = Some(r.zipcode.clone()).filter(|z| !z.is_empty());
        req.ship_req_term = Some(r.message.clone()).filter(|m| !m.is_empty());
        req.sal_chanel = Some("CAFE24".into());
        Ok::<_, DeskError>(Ok(req))
    })
}

/// Reads back requests FASSTO works on; a shipped one gets its invoice and ships here too.
async fn read_invoices(
    desk: &Desk,
    client: &FmsClient,
    report: &mut FasstoRunReport,
) -> Result<()> {
    let store = &desk.inner.store;
    let open = store.read(fms::open_outbounds)?;
    let today = crate::clock::kst_date(desk.inner.clock.now());
    for o in open {
        let row = match (&o.slip_no, o.status.as_str()) {
            (Some(slip), _) => client.outbound_detail(slip).await?,
            // The answer to our registration was lost: did FASSTO take it?
            (None, "sending") => client
                .outbound_by_ord_no(today - Duration::days(LOOKBACK_DAYS), today, &o.ord_no)
                .await?
                .into_iter()
                .next(),
            _ => None,
        };
        let now = desk.inner.clock.now();
        let Some(row) = row else {
            if o.status == "sending" {
                store.write(|tx| {
                    fms::forget_outbound(tx, o.parcel_id)?;
                    parcels::set_stage_if(
                        tx,
                        o.parcel_id,
                        Stage::Outsourced.as_str(),
                        Stage::Ready.as_str(),
                    )?;
                    Ok::<_, DeskError>(())
                })?;
            }
            continue;
        };
        if o.slip_no.is_none() {
            store.read(|c| {
                fms::set_outbound(c, o.parcel_id, "requested", Some(&row.slip_no), None, now)
            })?;
            report.requested += 1;
        }
        if row.status == packdesk_fassto::OutboundStatus::Cancelled {
            store.read(|c| fms::set_outbound(c, o.parcel_id, "cancelled", None, None, now))?;
            continue;
        }
        let Some(t) = row.tracking().filter(|_| row.status.is_shipped()) else {
            continue;
        };
        let shipped = store.write(|tx| {
            fms::set_invoice(tx, o.parcel_id, &t.invoice_no, t.parcel_cd.as_deref().unwrap_or_default(), now)?;
            let Some(parcel) = parcels::get(tx, o.parcel_id)? else {
                return Ok(false);
            };
            if parcel.stage == Stage::Claimed.as_str() {
                // Shipped before our cancel reached FASSTO: a person must stop it at the carrier.
                parcels::set_alert(
                    tx,
                    o.parcel_id,
                    Some("취소요청 후 파스토에서 출고됨 — 택배사에 회수 요청 (shipped by FASSTO after a claim)"),
                )?;
                return Ok(false);
            }
            // A carrier we cannot name to Cafe24 would give the buyer a broken tracking link:
            // keep the invoice and ask a person instead of pushing it as some other carrier.
            let Some(carrier) = t.carrier else {
                let code = t.parcel_cd.as_deref().or(t.parcel_nm.as_deref()).unwrap_or("?");
                parcels::set_alert(
                    tx,
                    o.parcel_id,
                    Some(&format!(
                        "파스토 송장 {} — 알 수 없는 택배사 ({code}): 직접 확인하세요 (unknown carrier)",
                        t.invoice_no
                    )),
                )?;
                return Ok(false);
            };
            parcels::set_carrier_tracking(tx, o.parcel_id, carrier, &t.invoice_no, Stage::Outsourced.as_str())?;
            let parcel = parcels::get(tx, o.parcel_id)?.ok_or_else(|| DeskError::Internal("parcel vanished".into()))?;
            crate::ship::ship_parcel(tx, &parcel, now)?;
            Ok::<_, DeskError>(true)
        })?;
        if shipped {
            report.invoices += 1;
        }
    }
    Ok(())
}

fn failure(ord_no: &str, e: &FmsError) -> LinkFailure {
    LinkFailure {
        order_id: ord_no.to_string(),
        code: e.code().into(),
        reason_en: e.to_string(),
        reason_ko: e.message_ko(),
    }
}

pub(crate) fn goods(desk: &Desk) -> Result<Vec<FasstoGoods>> {
    Ok(desk
        .inner
        .store
        .read(fms::goods)?
        .into_iter()
        .map(|g| FasstoGoods {
            cst_god_cd: g.cst_god_cd,
            god_cd: g.god_cd,
            name: g.name,
            barcode: g.barcode,
            sku: g.sku,
            stock: g.stock,
        })
        .collect())
}

pub(crate) fn link(desk: &Desk, cst_god_cd: &str, sku: &str) -> Result<()> {
    desk.inner.store.write(|tx| {
        let v = packdesk_store::catalogue::find_variant(tx, sku)?.ok_or_else(|| {
            DeskError::invalid(format!("no SKU {sku}"), format!("SKU {sku}가 없습니다"))
        })?;
        if !fms::link(tx, cst_god_cd, v.variant_id)? {
            return Err(DeskError::invalid(
                format!("no FASSTO goods {cst_god_cd}: run `packdesk fassto run` first"),
                format!(
                    "파스토 상품 {cst_god_cd}가 없습니다: 먼저 `packdesk fassto run`을 실행하세요"
                ),
            ));
        }
        Ok(())
    })
}

pub(crate) fn outbounds(desk: &Desk) -> Result<Vec<FasstoOutbound>> {
    Ok(desk
        .inner
        .store
        .read(fms::all_outbounds)?
        .into_iter()
        .map(|o| FasstoOutbound {
            parcel_id: o.parcel_id,
            ord_no: o.ord_no,
            slip_no: o.slip_no,
            status: o.status,
            invoice_no: o.invoice_no,
            parcel_cd: o.parcel_cd,
            error: o.error,
        })
        .collect())
}
