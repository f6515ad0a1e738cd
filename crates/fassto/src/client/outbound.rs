//! 택배 출고: register (`POST /delivery/parcel/{cst}`), list with status and
//! invoice (`GET /delivery/{cst}/{start}/{end}/{status}/{outDiv}`), detail
//! (`GET /delivery/detail/{cst}/{slipNo}`) and cancel (`PATCH /delivery/cancel/{cst}`).

use std::collections::HashMap;

use chrono::NaiveDate;
use reqwest::Method;
use serde_json::json;

use super::transport::{ApiCall, Reply};
use super::{FmsClient, rows};
use crate::envelope::normalize_message;
use crate::error::FmsError;
use crate::kst;
use crate::model::{
    OutboundRequest, OutboundResult, OutboundRow, OutboundStatus, Registered, WireItemResult,
    WireOutboundRow,
};

/// `outDiv` 1 = 택배 (parcel), the only kind Packdesk sends.
const OUT_DIV_PARCEL: &str = "1";

impl FmsClient {
    /// Registers parcel outbound requests, `max_batch` per POST, and reports on
    /// every request in input order. Requests failing [`OutboundRequest::validate`]
    /// are not sent. A POST is never repeated once it may have reached FASSTO: its
    /// orders come back `FMS_OUTCOME_UNKNOWN`, to be checked with
    /// [`FmsClient::outbound_by_ord_no`] before sending again.
    pub async fn register_outbound(&self, requests: &[OutboundRequest]) -> Vec<OutboundResult> {
        let today = kst::today_kst();
        let mut outcomes: Vec<Option<Result<Registered, FmsError>>> = requests
            .iter()
            .map(|r| r.validate().err().map(Err))
            .collect();
        let to_send: Vec<usize> = (0..requests.len())
            .filter(|&i| outcomes[i].is_none())
            .collect();
        for chunk in to_send.chunks(self.inner.opts.max_batch.max(1)) {
            let body: Vec<_> = chunk.iter().map(|&i| requests[i].to_wire(today)).collect();
            let body = match serde_json::to_value(&body) {
                Ok(v) => v,
                Err(e) => {
                    let error = super::decode_error("outbound body", &e);
                    for &i in chunk {
                        outcomes[i] = Some(Err(error.clone()));
                    }
                    continue;
                }
            };
            let call = ApiCall::write(
                "outbound.register",
                Method::POST,
                &["delivery", "parcel", self.cst_cd()],
                body,
            );
            let chunk_requests: Vec<&OutboundRequest> =
                chunk.iter().map(|&i| &requests[i]).collect();
            let answers = match self.call(&call).await {
                Ok(reply) => match_items(&chunk_requests, reply, "출고요청 등록 실패"),
                Err(error) => chunk.iter().map(|_| Err(error.clone())).collect(),
            };
            for (&i, answer) in chunk.iter().zip(answers) {
                outcomes[i] = Some(answer.map(|item| Registered {
                    fms_slip_no: item.fms_slip_no.unwrap_or_default(),
                    message: item.msg.as_deref().and_then(normalize_message),
                    out_of_stock_detail: item.out_of_stock_goods_detail.filter(|v| !v.is_null()),
                }));
            }
        }
        let results: Vec<OutboundResult> = requests
            .iter()
            .zip(outcomes)
            .map(|(r, outcome)| OutboundResult {
                ord_no: r.ord_no.clone(),
                outcome: outcome.unwrap_or_else(|| {
                    Err(FmsError::OutcomeUnknown {
                        message: "no answer recorded for this order".into(),
                    })
                }),
            })
            .collect();
        let count = |code: Option<&str>| {
            results
                .iter()
                .filter(|r| match (&r.outcome, code) {
                    (Ok(_), None) => true,
                    (Err(e), Some(c)) => e.code() == c,
                    _ => false,
                })
                .count()
        };
        tracing::info!(
            target: "packdesk_fassto",
            requested = results.len(),
            registered = count(None),
            rejected = count(Some("FMS_REJECTED")),
            invalid = count(Some("FMS_INVALID_REQUEST")),
            unknown = count(Some("FMS_OUTCOME_UNKNOWN")),
            "fms outbound registration"
        );
        results
    }

    /// Every parcel outbound request filed between `from` and `to` (요청일자,
    /// Asia/Seoul, inclusive), with its status and, once assigned, the invoice.
    pub async fn outbound_status(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<OutboundRow>, FmsError> {
        self.outbound_list(from, to, None, None).await
    }

    /// The requests filed for one of our orders — how to find out whether a
    /// request that came back `FMS_OUTCOME_UNKNOWN` was registered.
    pub async fn outbound_by_ord_no(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        ord_no: &str,
    ) -> Result<Vec<OutboundRow>, FmsError> {
        self.outbound_list(from, to, None, Some(ord_no)).await
    }

    /// The outbound list, optionally narrowed to one status and one order number.
    pub async fn outbound_list(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        status: Option<OutboundStatus>,
        ord_no: Option<&str>,
    ) -> Result<Vec<OutboundRow>, FmsError> {
        if from > to {
            return Err(FmsError::invalid("startDate", "is after endDate"));
        }
        let status = match status {
            None => "ALL",
            Some(s) => s
                .filter_code()
                .ok_or_else(|| FmsError::invalid("status", "has no FASSTO filter code"))?,
        };
        let (start, end) = (kst::path_date(from), kst::path_date(to));
        let query = ord_no
            .map(|o| vec![("ordNo", o.trim().to_owned())])
            .unwrap_or_default();
        let call = ApiCall::read(
            "outbound.list",
            &[
                "delivery",
                self.cst_cd(),
                &start,
                &end,
                status,
                OUT_DIV_PARCEL,
            ],
            query,
        );
        let envelope = self.call(&call).await?.into_success()?;
        let wire: Vec<WireOutboundRow> = rows(envelope.data, "outbound list")?;
        Ok(wire.into_iter().map(OutboundRow::from).collect())
    }

    /// One request by FASSTO slip number; `None` when FASSTO has no such slip.
    pub async fn outbound_detail(&self, slip_no: &str) -> Result<Option<OutboundRow>, FmsError> {
        let slip_no = slip_no.trim();
        if slip_no.is_empty() {
            return Err(FmsError::invalid("slipNo", "is empty"));
        }
        let call = ApiCall::read(
            "outbound.detail",
            &["delivery", "detail", self.cst_cd(), slip_no],
            Vec::new(),
        );
        let envelope = self.call(&call).await?.into_success()?;
        let wire: Vec<WireOutboundRow> = rows(envelope.data, "outbound detail")?;
        Ok(wire
            .into_iter()
            .map(OutboundRow::from)
            .find(|r| r.slip_no.is_empty() || r.slip_no == slip_no))
    }

    /// Several requests by slip number, one detail call each; slips FASSTO does
    /// not know are left out.
    pub async fn outbound_by_slips<S: AsRef<str>>(
        &self,
        slip_nos: &[S],
    ) -> Result<Vec<OutboundRow>, FmsError> {
        let mut out = Vec::with_capacity(slip_nos.len());
        for slip in slip_nos {
            if let Some(row) = self.outbound_detail(slip.as_ref()).await? {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Cancels one outbound request (출고요청취소). FASSTO wants the order number
    /// beside the slip number (reference §1.3). Refused — e.g. because picking has
    /// started — comes back `FMS_REJECTED` with FASSTO's reason; a lost answer as
    /// `FMS_OUTCOME_UNKNOWN` (read the status to see whether it took).
    pub async fn cancel_outbound(&self, fms_slip_no: &str, ord_no: &str) -> Result<(), FmsError> {
        let (slip, ord) = (fms_slip_no.trim(), ord_no.trim());
        if slip.is_empty() {
            return Err(FmsError::invalid("slipNo", "is empty"));
        }
        if ord.is_empty() {
            return Err(FmsError::invalid("ordNo", "is empty"));
        }
        let call = ApiCall::write(
            "outbound.cancel",
            Method::PATCH,
            &["delivery", "cancel", self.cst_cd()],
            json!([{ "slipNo": slip, "ordNo": ord }]),
        );
        let reply = self.call(&call).await?;
        let items: Vec<WireItemResult> =
            rows(reply.envelope.data.clone(), "cancel result").unwrap_or_default();
        let outcome = match items
            .iter()
            .find(|i| i.fms_slip_no.as_deref() == Some(slip))
            .or(items.first())
        {
            Some(item) if item.is_success() => Ok(()),
            Some(item) => Err(item_rejection(item, "출고요청 취소 실패")),
            None => reply.into_success().map(|_| ()),
        };
        match &outcome {
            Ok(()) => {
                tracing::info!(target: "packdesk_fassto", slip_no = slip, "fms outbound cancelled")
            }
            Err(e) => {
                tracing::info!(target: "packdesk_fassto", slip_no = slip, code = e.code(), "fms outbound not cancelled")
            }
        }
        outcome
    }
}

/// Pairs a batch answer's items with the requests sent: by `orderNo` first
/// (FASSTO echoes `ordNo` as `orderNo`), then by position for items without one.
fn match_items(
    sent: &[&OutboundRequest],
    reply: Reply,
    default_failure: &str,
) -> Vec<Result<WireItemResult, FmsError>> {
    let items: Vec<WireItemResult> = match rows(reply.envelope.data.clone(), "register result") {
        Ok(items) => items,
        Err(e) => return sent.iter().map(|_| Err(e.clone())).collect(),
    };
    if items.is_empty() {
        let error = if (200..300).contains(&reply.status) && reply.envelope.is_success() {
            FmsError::OutcomeUnknown {
                message: "FASSTO accepted the batch but reported no result per order".into(),
            }
        } else {
            reply.rejection()
        };
        return sent.iter().map(|_| Err(error.clone())).collect();
    }
    let mut slots: Vec<Option<WireItemResult>> = sent.iter().map(|_| None).collect();
    let mut by_ord: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in sent.iter().enumerate().rev() {
        by_ord.entry(r.ord_no.trim()).or_default().push(i);
    }
    let mut positional = Vec::new();
    for (pos, item) in items.into_iter().enumerate() {
        let slot = item
            .order_no
            .as_deref()
            .and_then(|o| by_ord.get_mut(o))
            .and_then(Vec::pop);
        match slot {
            Some(i) => slots[i] = Some(item),
            None => positional.push((pos, item)),
        }
    }
    for (pos, item) in positional {
        if pos < slots.len() && slots[pos].is_none() {
            slots[pos] = Some(item);
        }
    }
    slots
        .into_iter()
        .map(|slot| match slot {
            Some(item) if item.is_success() && item.fms_slip_no.is_some() => Ok(item),
            Some(item) if item.is_success() => Err(FmsError::Decode {
                message: "FASSTO accepted an order without giving its fmsSlipNo".into(),
            }),
            Some(item) => Err(item_rejection(&item, default_failure)),
            None => Err(FmsError::OutcomeUnknown {
                message: "FASSTO's answer has no result for this order".into(),
            }),
        })
        .collect()
}

fn item_rejection(item: &WireItemResult, default_failure: &str) -> FmsError {
    FmsError::Rejected {
        code: item.code.clone().unwrap_or_else(|| "?".into()),
        message: item
            .msg
            .as_deref()
            .and_then(normalize_message)
            .unwrap_or_else(|| default_failure.to_owned()),
    }
}
