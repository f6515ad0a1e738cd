//! What the CLI prints. Korean first, English second; `--json` for scripts.

use packdesk_core::*;

fn json<T: serde::Serialize>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: {e}"),
    }
}

pub fn connected(s: &ShopInfo) {
    println!(
        "연결됨 / connected: {} (shop {}) via {}",
        s.mall_id, s.shop_no, s.api_base
    );
    println!("권한 / scopes: {}", s.scopes.join(", "));
    println!("토큰 만료 / token expires: {} KST", s.token_expires_kst);
}

pub fn collected(r: &CollectReport) {
    println!(
        "주문수집 완료 / collected: 새 주문 new {} · 갱신 updated {} · 건너뜀 skipped {} · 클레임 claimed {}",
        r.new, r.updated, r.skipped, r.claimed
    );
    println!(
        "택배 parcels created {} · API calls {} · 429s {}",
        r.parcels_created, r.api_calls, r.throttled
    );
}

/// Terminal columns a string takes: Hangul and other wide characters take two.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{1100}'..='\u{115F}').contains(&c) || ('\u{2E80}'..='\u{FFDC}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Left-aligns to `width` terminal columns (format's `{:<w}` counts chars, which misaligns Hangul).
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(columns(s))))
}

pub fn orders(rows: &[ParcelRow], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    println!(
        "{:>4}  {}  {}  {}  품목 items",
        "연번",
        pad("단계 stage", 12),
        pad("송장번호 tracking", 17),
        pad("받는분", 8)
    );
    for r in rows {
        println!(
            "{:>4}  {}  {}  {}  {}{}",
            r.no,
            pad(&r.stage_ko, 12),
            pad(r.tracking_no.as_deref().unwrap_or("-"), 17),
            pad(&r.recipient, 8),
            r.items,
            r.blocked_reason
                .as_deref()
                .map(|b| format!("  ⚠ {b}"))
                .unwrap_or_default()
        );
    }
    println!("합계 / total: {}", rows.len());
}

pub fn pool(p: &PoolReport) {
    println!(
        "송장번호 대역 추가 / pool added: {} {}개 ({} – {}), 남은 번호 remaining {}",
        p.carrier, p.added, p.first, p.last, p.remaining
    );
}

pub fn printed(p: &PrintReport) {
    let nos: Vec<String> = p.printed.iter().map(u32::to_string).collect();
    println!(
        "송장출력 / printed {} → {} ({:?})",
        nos.len(),
        p.printer,
        p.format
    );
    println!("연번 rows: {}", nos.join(", "));
    println!(
        "새 송장번호 assigned {} · 재출력 reprinted {} · 남은 번호 pool remaining {}",
        p.assigned, p.reprinted, p.pool_remaining
    );
}

pub fn shipped(s: &ShipOutcome) {
    println!(
        "배송처리 완료 / shipped: {}번 {} {} — 주문 orders {}",
        s.no,
        s.tracking_no,
        s.recipient,
        s.order_ids.join(", ")
    );
    println!("전송대기 queued for the shop: {}", s.queued);
}

pub fn synced(r: &SyncReport) {
    println!(
        "전송 / sent {} · 대기 waiting {} · 실패 failed {}",
        r.sent.len(),
        r.waiting,
        r.failed.len()
    );
    for s in &r.sent {
        println!("  ✓ {} {}", s.order_id, s.tracking_no);
    }
    for f in &r.failed {
        println!("  ✗ {} {}", f.order_id, f.reason);
    }
}

pub fn demo(info: &DemoInfo, db: &str) {
    println!("데모 모드 실행 중 / demo running (Ctrl-C to stop)");
    println!("  database     {db}");
    println!("  Cafe24 API   {} (simulated shop)", info.api_base);
    println!(
        "  printer      {} (virtual label printer, ZPL over TCP)",
        info.printer
    );
    if let Some(p) = &info.scale_port {
        println!("  scale        {p} (virtual serial scale)");
    }
    if info.orders_waiting > 0 {
        println!(
            "  {} orders waiting — run `packdesk collect` in another terminal",
            info.orders_waiting
        );
    }
}

pub fn status(s: &DeskStatus, as_json: bool) {
    if as_json {
        json(s);
        return;
    }
    println!("mode        {:?}", s.mode);
    if let Some(shop) = &s.shop {
        println!(
            "shop        {} (shop {}) {}",
            shop.mall_id, shop.shop_no, shop.api_base
        );
    }
    println!("printer     {}", s.printer.as_deref().unwrap_or("-"));
    println!("outbox      {} waiting", s.outbox_pending);
    println!("pool        {} numbers left", s.pool_remaining);
    println!(
        "last collect {}",
        s.last_collect_kst.as_deref().unwrap_or("-")
    );
    println!("database    {}", s.db_path);
}
