//! 택배 출고요청 against the simulator: register, read status and invoice back,
//! cancel, and refusals with FASSTO's reasons.
#![allow(clippy::unwrap_used)]

#[path = "support/harness.rs"]
mod harness;

use harness::*;
use packdesk_fassto::{FmsClient, FmsError, FmsOptions, OutboundItem, OutboundStatus, today_kst};
use packdesk_sim::fassto::SimOutboundStatus;
use serde_json::Value;

#[tokio::test]
async fn register_then_ship_gives_invoice_and_cj() {
    let sim = sim().await;
    let client = connected(&sim).await;
    let results = client
        .register_outbound(&[
            request("ORD-1", "SKU-TUMBLER", 2),
            request("ORD-2", "SKU-MUG", 1),
        ])
        .await;
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].ord_no, "ORD-1");
    let slip1 = results[0].outcome.as_ref().unwrap().fms_slip_no.clone();
    let slip2 = results[1].outcome.as_ref().unwrap().fms_slip_no.clone();
    // FASSTO's pattern: {whCd}OO{yyMMdd}{seq}.
    assert!(slip1.starts_with("TESTOO") && slip1.len() == 18, "{slip1}");
    assert_ne!(slip1, slip2);
    assert_eq!(
        results[0].outcome.as_ref().unwrap().message.as_deref(),
        Some("출고요청 등록 성공")
    );

    let today = today_kst();
    let rows = client.outbound_status(today, today).await.unwrap();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row.status, OutboundStatus::Ordered);
        assert_eq!(row.tracking(), None);
        assert_eq!(row.ord_dt, Some(today));
    }

    assert!(sim.ship(&slip1, "638991190880", "04"));
    let rows = client.outbound_status(today, today).await.unwrap();
    let shipped = rows.iter().find(|r| r.slip_no == slip1).unwrap();
    assert_eq!(shipped.status, OutboundStatus::Done);
    assert_eq!(shipped.ord_no, "ORD-1");
    assert_eq!(shipped.out_dt, Some(today));
    let tracking = shipped.tracking().unwrap();
    assert_eq!(tracking.invoice_no, "638991190880");
    assert_eq!(tracking.parcel_cd.as_deref(), Some("04"));
    assert_eq!(tracking.carrier, Some("cj"));
    let pending = rows.iter().find(|r| r.slip_no == slip2).unwrap();
    assert_eq!(pending.status, OutboundStatus::Ordered);
    assert_eq!(pending.tracking(), None);

    let shipped_rest = sim.ship_all_pending(638_991_190_881);
    assert_eq!(
        shipped_rest,
        vec![(slip2.clone(), "638991190881".to_owned())]
    );
    let by_slip = client.outbound_by_slips(&[slip2.as_str()]).await.unwrap();
    assert_eq!(by_slip.len(), 1);
    assert_eq!(by_slip[0].tracking().unwrap().invoice_no, "638991190881");
    assert!(by_slip[0].status.is_shipped());
    sim.shutdown().await;
}

#[tokio::test]
async fn the_body_uses_fasstos_fields_and_no_postcode_field() {
    let sim = sim().await;
    let client = connected(&sim).await;
    let mut req = request("ORD-9", "SKU-MUG", 3);
    req.items.push(OutboundItem::new("SKU-TUMBLER", 1));
    req.remark = Some("파손주의".into());
    client.register_outbound(&[req]).await[0]
        .outcome
        .as_ref()
        .unwrap();
    let stored = &sim.outbounds()[0];
    let body = &stored.received;
    assert_eq!(body["ordNo"], "ORD-9");
    assert_eq!(
        body["ordDt"],
        Value::String(today_kst().format("%Y%m%d").to_string())
    );
    assert_eq!(body["custTelNo"], "01012345678");
    assert_eq!(body["custAddr"], "서울특별시 마포구 와우산로29바길 12 3층");
    assert_eq!(body["outWay"], "1");
    assert_eq!(body["salChanel"], "카페24");
    assert_eq!(body["remark"], "파손주의");
    assert_eq!(body["godCds"][1]["cstGodCd"], "SKU-TUMBLER");
    assert_eq!(body["godCds"][0]["ordQty"], 3);
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert!(
        !keys.iter().any(|k| k.to_lowercase().contains("zip")),
        "{keys:?}"
    );
    assert_eq!(stored.items.len(), 2);
    assert_eq!(stored.status, SimOutboundStatus::Ordered);
    sim.shutdown().await;
}

#[tokio::test]
async fn unknown_goods_are_rejected_with_the_reason_and_invalid_requests_never_sent() {
    let sim = sim().await;
    let client = connected(&sim).await;
    let mut no_address = request("ORD-3", "SKU-MUG", 1);
    no_address.cust_addr = " ".into();
    let results = client
        .register_outbound(&[
            request("ORD-1", "SKU-MUG", 1),
            request("ORD-2", "NO-SUCH-SKU", 1),
            no_address,
        ])
        .await;
    assert!(results[0].outcome.is_ok());
    match &results[1].outcome {
        Err(FmsError::Rejected { code, message }) => {
            assert_eq!(code, "400");
            assert!(message.contains("등록되지 않은 상품"), "{message}");
            assert!(message.contains("NO-SUCH-SKU"), "{message}");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    let invalid = results[2].outcome.as_ref().unwrap_err();
    assert_eq!(invalid.code(), "FMS_INVALID_REQUEST");
    assert!(invalid.to_string().contains("custAddr"));
    assert!(has_hangul(&invalid.message_ko()));
    // One POST carrying the two valid-looking requests; FASSTO stored one.
    assert_eq!(sim.count_requests("POST", "/api/v1/delivery/parcel"), 1);
    let stored = sim.outbounds();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].ord_no, "ORD-1");
    sim.shutdown().await;
}

#[tokio::test]
async fn the_simulator_refuses_missing_required_fields_with_the_envelope() {
    // Straight to the wire: the client would never send this.
    let sim = sim().await;
    let http = reqwest::Client::new();
    let base = sim.base_url();
    let cfg = sim.config().clone();
    let auth: Value = http
        .post(base.join("api/v1/auth/connect").unwrap())
        .query(&[
            ("apiCd", cfg.api_cd.as_str()),
            ("apiKey", cfg.api_key.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(auth["header"]["code"], "200");
    let token = auth["data"]["accessToken"].as_str().unwrap().to_owned();
    assert_eq!(auth["data"]["expreDatetime"].as_str().unwrap().len(), 14);

    let body = serde_json::json!([{
        "ordDt": "20260120", "ordNo": "X-1", "custNm": "홍길동", "custTelNo": "01012345678",
        "outWay": "1", "godCds": [{"cstGodCd": "SKU-MUG", "ordQty": 1}]
    }]);
    let response = http
        .post(base.join("api/v1/delivery/parcel/00000").unwrap())
        .header("accessToken", &token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let envelope: Value = response.json().await.unwrap();
    assert_eq!(envelope["header"]["code"], "400");
    assert!(
        envelope["header"]["msg"]
            .as_str()
            .unwrap()
            .starts_with("null:")
    );
    assert_eq!(envelope["errorInfo"]["errorCode"], "BAD_REQUEST");
    assert!(
        envelope["errorInfo"]["errorMessage"]
            .as_str()
            .unwrap()
            .contains("custAddr")
    );
    assert!(envelope["data"].is_null());
    assert!(sim.outbounds().is_empty());

    let no_token = http
        .get(base.join("api/v1/goods/00000").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 401);
    sim.shutdown().await;
}

#[tokio::test]
async fn cancel_before_picking_only() {
    let sim = sim().await;
    let client = connected(&sim).await;
    let results = client
        .register_outbound(&[
            request("ORD-1", "SKU-MUG", 1),
            request("ORD-2", "SKU-MUG", 1),
        ])
        .await;
    let slip1 = results[0].outcome.as_ref().unwrap().fms_slip_no.clone();
    let slip2 = results[1].outcome.as_ref().unwrap().fms_slip_no.clone();

    client.cancel_outbound(&slip1, "ORD-1").await.unwrap();
    let detail = client.outbound_detail(&slip1).await.unwrap().unwrap();
    assert_eq!(detail.status, OutboundStatus::Cancelled);
    assert_eq!(
        sim.outbound(&slip1).unwrap().status,
        SimOutboundStatus::Cancelled
    );

    let again = client.cancel_outbound(&slip1, "ORD-1").await.unwrap_err();
    assert!(matches!(&again, FmsError::Rejected { message, .. } if message.contains("이미 취소")));

    assert!(sim.start_work(&slip2));
    let late = client.cancel_outbound(&slip2, "ORD-2").await.unwrap_err();
    assert_eq!(late.code(), "FMS_REJECTED");
    assert!(
        late.message_ko().contains("취소할 수 없습니다"),
        "{}",
        late.message_ko()
    );
    let working = client.outbound_detail(&slip2).await.unwrap().unwrap();
    assert_eq!(working.status, OutboundStatus::Working);

    let wrong_order = client.cancel_outbound(&slip2, "ORD-1").await.unwrap_err();
    assert!(matches!(wrong_order, FmsError::Rejected { code, .. } if code == "404"));
    let missing = client.cancel_outbound("", "ORD-1").await.unwrap_err();
    assert_eq!(missing.code(), "FMS_INVALID_REQUEST");
    sim.shutdown().await;
}

#[tokio::test]
async fn lookups_by_order_number_and_slip() {
    let sim = sim().await;
    let client = connected(&sim).await;
    let results = client
        .register_outbound(&[
            request("ORD-A", "SKU-MUG", 1),
            request("ORD-B", "SKU-MUG", 1),
        ])
        .await;
    let slip_b = results[1].outcome.as_ref().unwrap().fms_slip_no.clone();
    let today = today_kst();
    let found = client
        .outbound_by_ord_no(today, today, "ORD-B")
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].slip_no, slip_b);
    assert!(
        client
            .outbound_by_ord_no(today, today, "ORD-NONE")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        client.outbound_detail("TESTOO000000999999").await.unwrap(),
        None
    );
    let yesterday = today.pred_opt().unwrap();
    assert!(
        client
            .outbound_status(yesterday, yesterday)
            .await
            .unwrap()
            .is_empty()
    );
    let only_done = client
        .outbound_list(today, today, Some(OutboundStatus::Done), None)
        .await
        .unwrap();
    assert!(only_done.is_empty());
    let backwards = client.outbound_status(today, yesterday).await.unwrap_err();
    assert_eq!(backwards.code(), "FMS_INVALID_REQUEST");
    sim.shutdown().await;
}

#[tokio::test]
async fn short_stock_registers_as_shortage() {
    let sim = sim().await;
    let client = connected(&sim).await;
    // SKU-MUG has 5.
    let results = client
        .register_outbound(&[
            request("ORD-1", "SKU-MUG", 4),
            request("ORD-2", "SKU-MUG", 4),
        ])
        .await;
    let first = results[0].outcome.as_ref().unwrap();
    let second = results[1].outcome.as_ref().unwrap();
    assert!(!first.out_of_stock());
    assert!(second.out_of_stock(), "{second:?}");
    let today = today_kst();
    let rows = client.outbound_status(today, today).await.unwrap();
    let row = rows
        .iter()
        .find(|r| r.slip_no == second.fms_slip_no)
        .unwrap();
    assert_eq!(row.status, OutboundStatus::Shortage);
    assert_eq!(row.status.label_ko(), "재고부족결품");
    sim.shutdown().await;
}

#[tokio::test]
async fn large_runs_go_in_batches_and_keep_input_order() {
    let sim = sim().await;
    let opts = FmsOptions {
        max_batch: 2,
        ..fast_options()
    };
    let client = FmsClient::connect_with(config(&sim), opts).await.unwrap();
    let requests: Vec<_> = (1..=5)
        .map(|i| request(&format!("ORD-{i}"), "SKU-TUMBLER", 1))
        .collect();
    let results = client.register_outbound(&requests).await;
    assert_eq!(sim.count_requests("POST", "/api/v1/delivery/parcel"), 3);
    let stored = sim.outbounds();
    assert_eq!(stored.len(), 5);
    for (i, result) in results.iter().enumerate() {
        assert_eq!(result.ord_no, format!("ORD-{}", i + 1));
        let slip = &result.outcome.as_ref().unwrap().fms_slip_no;
        let stored = stored.iter().find(|o| &o.slip_no == slip).unwrap();
        assert_eq!(stored.ord_no, result.ord_no);
    }
    assert!(client.register_outbound(&[]).await.is_empty());
    sim.shutdown().await;
}
