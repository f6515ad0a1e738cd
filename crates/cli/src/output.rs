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
    for shop in &s.shops {
        println!(
            "  쇼핑몰 shop {} {} [{}] — 수집 collect {}",
            shop.shop_no,
            shop.shop_name,
            shop.currency,
            if shop.collect { "on" } else { "off" }
        );
    }
}

pub fn collected(r: &CollectReport, as_json: bool) {
    if as_json {
        json(r);
        return;
    }
    println!(
        "주문수집 완료 / collected: 새 주문 new {} · 갱신 updated {} · 클레임 claimed {} · 연동실패 failed {} · 건너뜀 skipped {}",
        r.new, r.updated, r.claimed, r.failed, r.skipped
    );
    println!(
        "택배 parcels created {} · 주소변경 receiver changes {} · API calls {} · 429s {}",
        r.parcels_created, r.receivers_changed, r.api_calls, r.throttled
    );
    if r.shops.len() > 1 {
        results(&r.shops, false);
    }
}

/// The last result of every shop, with what failed to link.
pub fn results(rows: &[ShopCollectResult], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    for r in rows {
        println!(
            "[{}] {} #{} {} — {} · 새 {} 갱신 {} 클레임 {} 실패 {} ({})",
            r.shop_id,
            r.mall_id,
            r.shop_no,
            r.shop_name,
            r.status,
            r.new,
            r.updated,
            r.claimed,
            r.failed,
            r.finished_kst.as_deref().unwrap_or(&r.started_kst)
        );
        if let Some(e) = &r.error {
            println!("    오류 [{}] {}", e.code, e.message_ko);
        }
        for f in r.failures.iter().take(20) {
            println!(
                "    ✗ {} [{}] {} / {}",
                f.order_id, f.code, f.reason_ko, f.reason_en
            );
        }
        if r.failures.len() > 20 {
            println!("    … {} more", r.failures.len() - 20);
        }
    }
}

pub fn shops(rows: &[ShopSummary], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    for s in rows {
        println!(
            "[{}] {} · {} · 수집 collect {} · {} · 결제 후 {}분 · 범위 {}일 · 출고 {}",
            s.shop_id,
            s.label,
            s.currency,
            if s.collect { "on" } else { "off" },
            s.collect_status,
            s.min_age_minutes,
            s.range_days,
            s.fulfilment
        );
        println!(
            "    스케줄 schedule: {} · 다음 next: {} · 최근 last: {} {}",
            s.timetable,
            s.next_collect_kst.as_deref().unwrap_or("-"),
            s.last_collect_kst.as_deref().unwrap_or("-"),
            s.last_status.as_deref().unwrap_or("")
        );
        if let Some(p) = &s.paused {
            println!("    ⏸ 수집 중지 paused [{}] {}", p.code, p.message_ko);
        }
        if s.currency != "KRW" || s.krw_per_unit.is_some() {
            println!(
                "    환율 rate: {} · 국제 배송 intl: {}",
                s.krw_per_unit.as_deref().map_or_else(
                    || "없음 none".to_string(),
                    |r| format!("1 {} = {r} KRW", s.currency)
                ),
                s.intl_service
            );
        }
    }
}

pub fn schedule(rows: &[ScheduleEntry], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    for e in rows {
        println!("{} — {}", e.target, e.label);
        println!("    {} ({})", e.timetable, e.description_ko);
        if let Some(p) = &e.paused {
            println!("    ⏸ 수집 중지 paused: {p}");
        }
        println!("    다음 수집 next (KST): {}", e.next_kst.join(", "));
    }
    if rows.is_empty() {
        println!("수집 대상 없음 / nothing to schedule: connect a shop first");
    }
}

pub fn days_off(rows: &[DayOffInfo], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    for d in rows {
        let kind = match d.kind.as_str() {
            "public" => "공휴일 public",
            "carrier_rest" => "택배휴무 carrier rest",
            _ => "임시휴일 holiday",
        };
        println!("{}  {}  {}", d.day, pad(kind, 22), d.name);
    }
}

pub fn weight_saved(w: &WeightSaved) {
    println!(
        "무게 저장 / weight saved: {} {} → {} g (이전 was {})",
        w.sku,
        w.name,
        w.grams,
        w.previous_grams
            .map(|g| format!("{g} g"))
            .unwrap_or_else(|| "-".into())
    );
    if w.queued_for_shop {
        println!("쇼핑몰 반영 대기 / queued for the shop (packdesk sync)");
    }
}

pub fn unweighed(rows: &[UnweighedSku], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    for r in rows {
        println!(
            "{}  {} {}  주문 ordered {}",
            pad(&r.sku, 16),
            r.name,
            if r.option_text.is_empty() {
                String::new()
            } else {
                format!("({})", r.option_text)
            },
            r.ordered
        );
    }
    println!("무게 없는 SKU / SKUs without a weight: {}", rows.len());
}

pub fn fassto_connected(f: &FasstoInfo) {
    println!(
        "파스토 연결됨 / FASSTO connected: customer {} via {}",
        f.cst_cd, f.api_base
    );
}

pub fn fassto_run(r: &FasstoRunReport, as_json: bool) {
    if as_json {
        json(r);
        return;
    }
    println!(
        "파스토 / FASSTO: 상품 goods {} · 출고요청 requested {} · 송장수신 invoices {} · 취소 cancelled {} · 실패 failed {}",
        r.goods,
        r.requested,
        r.invoices,
        r.cancelled,
        r.failed.len()
    );
    for f in &r.failed {
        println!(
            "  ✗ {} [{}] {} / {}",
            f.order_id, f.code, f.reason_ko, f.reason_en
        );
    }
}

pub fn fassto_goods(rows: &[FasstoGoods], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    for g in rows {
        println!(
            "{}  {}  재고 stock {}  → {}",
            pad(&g.cst_god_cd, 16),
            pad(&g.name, 30),
            g.stock,
            g.sku.as_deref().unwrap_or("(미연결 not linked)")
        );
    }
}

pub fn fassto_outbounds(rows: &[FasstoOutbound], as_json: bool) {
    if as_json {
        json(&rows);
        return;
    }
    for o in rows {
        println!(
            "{}  {}  {}  {}  {}",
            pad(&o.ord_no, 20),
            pad(o.slip_no.as_deref().unwrap_or("-"), 14),
            pad(&o.status, 10),
            pad(o.invoice_no.as_deref().unwrap_or("-"), 14),
            o.error.as_deref().unwrap_or("")
        );
    }
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
    if r.weights_sent > 0 {
        println!("상품 무게 반영 / product weights sent: {}", r.weights_sent);
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

/// The 처리필요 counts, one stage a line, in the order of the app's tabs.
pub fn pipeline(c: &packdesk_core::PipelineCounts, as_json: bool) {
    if as_json {
        json(c);
        return;
    }
    let stages = [
        ("매칭 match", c.matching),
        ("합포 merge (확인필요)", c.merge),
        ("할당 allocate (재고부족)", c.allocate),
        ("송장 invoice (송장대기)", c.invoice),
        ("배송 ship", c.ship),
        ("불일치 mismatches", c.mismatch),
        ("클레임 claims", c.claims),
        ("반품 returns expected", c.returns),
    ];
    for (name, n) in stages {
        println!("{name:<28} {n}");
    }
    if !c.pools_low.is_empty() {
        println!("송장 대역 부족 pools low: {}", c.pools_low.join(", "));
    }
    println!("처리필요 to do                {}", c.total);
}

pub fn sku_facts(f: &packdesk_core::SkuFacts, as_json: bool) {
    if as_json {
        json(f);
        return;
    }
    let none = || "-".to_string();
    println!("{}  {} {}", f.sku, f.name, f.option_text);
    println!(
        "  위치 / location:   {}",
        f.location.clone().unwrap_or_else(none)
    );
    println!(
        "  영문명 / English:  {}",
        f.name_en.clone().unwrap_or_else(none)
    );
    println!(
        "  HS 코드 / HS code: {}",
        f.hs_code.clone().unwrap_or_else(none)
    );
    println!("  원산지 / origin:   {}", f.origin);
}
