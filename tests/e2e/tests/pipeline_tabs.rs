//! Every tab of the 주문처리 page (F5) used in the real app, in demo mode, after one collection:
//!
//! 1. 매칭: the demo's 스마트스토어 orders (lines with a name and option only) are listed; the
//!    SKU is searched by its code and picked with 기억 on: the group leaves the list, a mapping
//!    appears and the desk's 매칭 count drops by the group's lines.
//! 2. 합포 and 송장: shown (pipeline.rs works them).
//! 3. 할당: the 재고부족 list shows the desk's backorders; 재할당 runs and reports.
//! 4. 주문등록: one order typed by hand with a SKU is registered and counted (a new parcel).
//! 5. 배송: two CJ parcels printed as a range at the station (F4's button), then shipped as a range
//!    on the 배송 tab: one result row per parcel, both shipped.
//! 6. 반품: the shipped parcel's waybill is scanned, received back (restock): the result card.
//! 7. 클레임: shown.
//!
//! A screenshot of every tab: tests/e2e/out/pipeline-<tab>.png (or `PACKDESK_E2E_SHOTS=DIR`).
//! Needs a display and a built app (with the UI built into it):
//!   (cd ui && npm run build) && cargo build -p packdesk-app &&
//!   xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p packdesk-e2e --test pipeline_tabs
//! One test function on purpose: tauri-driver's ports (4444/4445) are fixed.
// Test code may unwrap (project rule); clippy's test exemption misses the helpers below.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use fantoccini::{Client, Locator};
use packdesk_e2e::{
    Driver, ENTER, START_DEADLINE, STEP_DEADLINE, assert_display, click, empty_input, fill, invoke,
    press, screenshot_ticking, wait_js, wait_shown, wait_started,
};
use serde_json::{Value, json};

const F5: &str = "\u{E035}";

const NOTICE: &str = r#"
  const n = document.getElementById('pipeline-notice');
  return n ? { kind: n.dataset.kind, code: n.dataset.code, text: n.innerText } : null;
"#;

/// The station's working list: 연번, stage and raw tracking number per row.
const ROWS: &str = r#"
  return [...document.querySelectorAll('#parcel-table tbody tr[data-no]')].map(tr => ({
    no: Number(tr.dataset.no),
    stage: tr.dataset.stage,
  }));
"#;

async fn counts(c: &Client) -> Value {
    invoke(c, "pipeline_counts", json!({}))
        .await
        .unwrap_or_else(|e| panic!("pipeline_counts: {e}"))
}

async fn list(c: &Client, cmd: &str) -> Vec<Value> {
    invoke(c, cmd, json!({}))
        .await
        .unwrap_or_else(|e| panic!("{cmd}: {e}"))
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn n(v: &Value, k: &str) -> u64 {
    v[k].as_u64().unwrap_or(0)
}

/// The stage tab's badge as the page shows it.
async fn badge(c: &Client, stage: &str) -> Option<u64> {
    c.execute(
        &format!("const b = document.getElementById('stage-tab-{stage}'); return b ? Number(b.dataset.count) : null;"),
        vec![],
    )
    .await
    .unwrap()
    .as_u64()
}

/// Waits until the page's notice is of `kind` and says `needle`.
async fn wait_notice(c: &Client, what: &str, kind: &str, needle: &str) -> Value {
    let (kind, needle) = (kind.to_string(), needle.to_string());
    wait_js(c, what, STEP_DEADLINE, NOTICE, move |v| {
        v["kind"] == kind.as_str() && v["text"].as_str().is_some_and(|t| t.contains(&needle))
    })
    .await
}

/// Types `text` into the input at `css` (emptied first) and waits until it holds it.
async fn fill_css(c: &Client, css: &str, text: &str) {
    let input = c
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    empty_input(c, css).await;
    input.send_keys(text).await.unwrap();
    let q = serde_json::to_string(css).unwrap();
    wait_js(
        c,
        &format!("{css} holding {text:?}"),
        STEP_DEADLINE,
        &format!("return document.querySelector({q}).value;"),
        |v| v == text,
    )
    .await;
}

async fn open_tab(c: &Client, stage: &str, body_id: &str) {
    click(c, &format!("stage-tab-{stage}")).await;
    wait_shown(c, body_id).await;
}

/// Nothing of the header is cut off at the window's width.
async fn header_fits(c: &Client) {
    let overflow = c
        .execute(
            "const h = document.querySelector('.header'); const last = [...h.querySelectorAll('.stat')].pop();
             return { scroll: h.scrollWidth, client: h.clientWidth, right: last ? last.getBoundingClientRect().right : 0,
                      width: window.innerWidth };",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        overflow["scroll"].as_f64() <= overflow["client"].as_f64()
            && overflow["right"].as_f64().unwrap() <= overflow["width"].as_f64().unwrap(),
        "the header overflows: {overflow}"
    );
}

async fn match_step(c: &Client) {
    let before = counts(c).await;
    open_tab(c, "match", "match-tab").await;
    let groups = list(c, "unmatched_groups").await;
    assert!(
        !groups.is_empty(),
        "the demo's 스마트스토어 lines wait in 매칭: {before}"
    );
    // The group of two lines (two buyers ordered the same name+option).
    let group = groups
        .iter()
        .max_by_key(|g| g["lines"].as_u64())
        .cloned()
        .unwrap();
    let lines = n(&group, "lines");
    assert!(lines >= 2, "{group}");
    let rows = wait_js(
        c,
        "the groups listed",
        STEP_DEADLINE,
        "return document.querySelectorAll('.match-groups tbody tr').length;",
        |v| v.as_u64().is_some_and(|x| x > 0),
    )
    .await;
    assert_eq!(rows.as_u64(), Some(groups.len() as u64));
    let (name, option) = (
        group["product_name"].as_str().unwrap().to_string(),
        group["option_text"].as_str().unwrap().to_string(),
    );
    // Pick that group's row.
    let picked = c
        .execute(
            r#"const [name, option] = arguments;
               const tr = [...document.querySelectorAll('.match-groups tbody tr')].find(r =>
                 r.cells[0].innerText.includes(name) && r.cells[1].innerText.trim() === option);
               if (!tr) return false; tr.click(); return true;"#,
            vec![json!(name), json!(option)],
        )
        .await
        .unwrap();
    assert_eq!(picked, true, "{name} {option} row");
    wait_js(
        c,
        "the group picked",
        STEP_DEADLINE,
        "const e = document.querySelector('.match-current'); return e ? e.innerText : null;",
        |v| v.as_str().is_some_and(|t| t.contains(&name)),
    )
    .await;
    // The right SKU: same product, every option value of the channel's text ("색상: 블랙 /
    // 사이즈: S" → 블랙, S) in the catalogue's option text.
    let values: Vec<String> = option
        .split('/')
        .filter_map(|p| p.split(':').nth(1))
        .map(|v| v.trim().to_string())
        .collect();
    let hits = invoke(c, "search_skus", json!({ "query": name, "limit": 200 }))
        .await
        .unwrap();
    let sku = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            let text = h["option_text"].as_str().unwrap_or("");
            h["product_name"] == name.as_str()
                && values.iter().all(|v| {
                    text.split([',', '/', ' '])
                        .any(|part| part.split(['=', ':']).nth(1).unwrap_or(part).trim() == v)
                })
        })
        .unwrap_or_else(|| panic!("no SKU for {name} {option}: {hits}"))["sku"]
        .as_str()
        .unwrap()
        .to_string();
    // Search it by its code, as a packer reading it off the shelf would.
    fill(c, "match-query", &sku).await;
    press(c, ENTER).await;
    let first = wait_js(
        c,
        "the SKU found",
        STEP_DEADLINE,
        "const r = document.querySelector('.match-hits tbody tr'); return r ? r.cells[0].innerText : null;",
        |v| v.is_string(),
    )
    .await;
    assert!(
        first.as_str().unwrap().contains(&sku),
        "exact code first: {first}"
    );
    let remember = c
        .execute(
            "return document.getElementById('match-remember').checked;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(remember, true, "기억 is on by default");
    screenshot_ticking(c, "pipeline-match-search.png").await;
    c.find(Locator::Css(".match-hits tbody tr button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_notice(c, "the match done", "ok", &sku).await;
    let after = counts(c).await;
    assert_eq!(
        n(&after, "matching"),
        n(&before, "matching") - lines,
        "every line of the group matched: {before} → {after}"
    );
    let want = n(&after, "matching");
    wait_js(
        c,
        "the 매칭 badge dropped",
        STEP_DEADLINE,
        "return Number(document.getElementById('stage-tab-match').dataset.count);",
        move |v| v.as_u64() == Some(want),
    )
    .await;
    let listed = format!(
        "const sku = {}; return [...document.querySelectorAll('#match-mappings tbody tr')].some(r => r.innerText.includes(sku));",
        json!(sku)
    );
    wait_js(c, "the mapping listed", STEP_DEADLINE, &listed, |v| {
        v == true
    })
    .await;
    let shown = wait_js(
        c,
        "the group gone",
        STEP_DEADLINE,
        "return document.querySelectorAll('.match-groups tbody tr').length;",
        |v| v.is_u64(),
    )
    .await;
    assert_eq!(
        shown.as_u64(),
        Some(list(c, "unmatched_groups").await.len() as u64),
        "the list is the desk's"
    );
    let mappings = list(c, "sku_mappings").await;
    assert!(
        mappings
            .iter()
            .any(|m| m["sku"] == sku.as_str() && m["option_text"] == option.as_str()),
        "remembered: {mappings:?}"
    );
    screenshot_ticking(c, "pipeline-match.png").await;
}

async fn allocate_step(c: &Client) {
    open_tab(c, "allocate", "allocate-tab").await;
    let backorders = list(c, "backorders").await;
    let want = backorders.len() as u64;
    wait_js(
        c,
        "the 재고부족 list",
        STEP_DEADLINE,
        "return document.getElementById('allocate-empty') ? 0 : document.querySelectorAll('#allocate-backorders .allocate-parcel').length;",
        move |v| v.as_u64() == Some(want),
    )
    .await;
    assert!(want > 0, "the demo has parcels short of stock");
    assert_eq!(badge(c, "allocate").await, Some(want));
    click(c, "allocate-run").await;
    let done = wait_notice(c, "the re-allocation report", "ok", "재할당").await;
    eprintln!("reallocate: {done}");
    let after = list(c, "backorders").await.len() as u64;
    wait_js(
        c,
        "the list as re-allocated",
        STEP_DEADLINE,
        "return document.getElementById('allocate-empty') ? 0 : document.querySelectorAll('#allocate-backorders .allocate-parcel').length;",
        move |v| v.as_u64() == Some(after),
    )
    .await;
    screenshot_ticking(c, "pipeline-allocate.png").await;
}

async fn register_step(c: &Client) {
    open_tab(c, "register", "register-tab").await;
    let before = counts(c).await;
    let parcels_before = list(c, "parcels").await.len();
    // A SKU with stock, so the order goes straight to 송장.
    let stock = invoke(c, "stock_levels", json!({ "query": "", "limit": 50 }))
        .await
        .unwrap();
    let sku = stock
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["available"].as_i64().unwrap_or(0) > 2)
        .unwrap_or_else(|| panic!("a SKU in stock: {stock}"))["sku"]
        .as_str()
        .unwrap()
        .to_string();
    fill(c, "reg-channel", "전화주문").await;
    fill(c, "reg-name", "이수민").await;
    fill(c, "reg-mobile", "010-5550-0199").await;
    fill(c, "reg-zipcode", "03187").await;
    fill(c, "reg-address1", "서울 종로구 종로 1").await;
    fill(c, "reg-address2", "2층").await;
    fill_css(
        c,
        "#register-lines tbody tr:first-child input.reg-line-product",
        "전화 주문 상품",
    )
    .await;
    fill_css(
        c,
        "#register-lines tbody tr:first-child td:nth-child(3) input",
        &sku,
    )
    .await;
    fill_css(
        c,
        "#register-lines tbody tr:first-child td:nth-child(4) input",
        "1",
    )
    .await;
    click(c, "reg-submit").await;
    let result = wait_js(
        c,
        "the order registered",
        STEP_DEADLINE,
        "const r = document.getElementById('register-result'); const x = document.getElementById('register-refused');
         return x ? { refused: x.innerText } : r ? { text: r.innerText } : null;",
        |v| v.is_object(),
    )
    .await;
    assert!(result["refused"].is_null(), "{result}");
    let text = result["text"].as_str().unwrap();
    assert!(
        !text.contains("매칭 필요"),
        "the SKU line needs no match: {text}"
    );
    let after = counts(c).await;
    assert_eq!(
        list(c, "parcels").await.len(),
        parcels_before + 1,
        "one new parcel"
    );
    assert_eq!(
        n(&after, "invoice") + n(&after, "allocate"),
        n(&before, "invoice") + n(&before, "allocate") + 1,
        "counted in 송장 (or 할당): {before} → {after}"
    );
    assert_eq!(n(&after, "matching"), n(&before, "matching"));
    let channels = list(c, "order_channels").await;
    assert!(channels.iter().any(|ch| ch == "전화주문"), "{channels:?}");
    // The submit button scrolled the page; the shot shows the tabs and the notice.
    c.execute(
        "for (let e = document.getElementById('register-tab'); e; e = e.parentElement) e.scrollTop = 0; window.scrollTo(0, 0);",
        vec![],
    )
    .await
    .unwrap();
    screenshot_ticking(c, "pipeline-register.png").await;
}

/// Prints two CJ parcels as a range at the station; returns their 연번.
async fn print_at_station(c: &Client) -> Vec<u64> {
    press(c, F5).await;
    wait_shown(c, "scan-input").await;
    let parcels = list(c, "parcels").await;
    let nos: Vec<u64> = parcels
        .iter()
        .filter(|p| {
            (p["stage"] == "ready" || p["stage"] == "invoiced")
                && p["carrier"] == "cj"
                && p["blocked_reason"].is_null()
        })
        .map(|p| p["no"].as_u64().unwrap())
        .take(2)
        .collect();
    assert_eq!(nos.len(), 2, "two CJ parcels to print");
    let range = format!("{}, {}", nos[0], nos[1]);
    let input = c.find(Locator::Id("range-input")).await.unwrap();
    empty_input(c, "#range-input").await;
    input.send_keys(&range).await.unwrap();
    click(c, "print-btn").await;
    let want = nos.clone();
    wait_js(c, "the range printed", STEP_DEADLINE, ROWS, move |rows| {
        want.iter().all(|&no| {
            rows.as_array().is_some_and(|a| {
                a.iter()
                    .any(|r| r["no"].as_u64() == Some(no) && r["stage"] == "printed")
            })
        })
    })
    .await;
    nos
}

async fn ship_step(c: &Client, nos: &[u64]) -> String {
    press(c, F5).await;
    wait_shown(c, "pipeline-page").await;
    open_tab(c, "ship", "ship-tab").await;
    let range = format!("{}, {}", nos[0], nos[1]);
    fill(c, "ship-range", &range).await;
    click(c, "ship-selected-btn").await;
    let rows = wait_js(
        c,
        "a result row per parcel",
        STEP_DEADLINE,
        "return [...document.querySelectorAll('#ship-results tbody tr')].map(r => ({ no: Number(r.cells[0].innerText), code: r.dataset.code, tracking: r.cells[1].innerText.trim() }));",
        |v| v.as_array().is_some_and(|a| a.len() == 2),
    )
    .await;
    for r in rows.as_array().unwrap() {
        assert!(nos.contains(&r["no"].as_u64().unwrap()), "{rows}");
        assert_eq!(r["code"], "ok", "shipped: {rows}");
    }
    let parcels = list(c, "parcels").await;
    let first = parcels
        .iter()
        .find(|p| p["no"].as_u64() == Some(nos[0]))
        .unwrap();
    assert_eq!(first["stage"], "shipped", "{first}");
    screenshot_ticking(c, "pipeline-ship.png").await;
    first["tracking_no"].as_str().unwrap().to_string()
}

async fn returns_step(c: &Client, tracking: &str) {
    open_tab(c, "returns", "returns-tab").await;
    let before = list(c, "returns").await.len();
    fill(c, "returns-code", tracking).await;
    press(c, ENTER).await;
    wait_shown(c, "returns-candidate").await;
    let candidate = c
        .find(Locator::Id("returns-candidate"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(candidate.contains(tracking), "{candidate}");
    click(c, "returns-receive").await;
    wait_shown(c, "returns-result").await;
    let card = c
        .find(Locator::Id("returns-result"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(card.contains("재입고"), "{card}");
    let records = list(c, "returns").await;
    assert_eq!(records.len(), before + 1, "one return recorded");
    let record = records
        .iter()
        .find(|r| r["tracking_no"] == tracking)
        .unwrap_or_else(|| panic!("{records:?}"));
    let restocked = record["restocked_units"].as_u64().unwrap();
    assert!(restocked > 0, "restocked: {record}");
    assert!(
        card.contains(&format!("재입고 {restocked}개")),
        "the card says what went back on the shelf: {card}"
    );
    screenshot_ticking(c, "pipeline-returns.png").await;
}

async fn tabs_day(c: Client) {
    let started = Instant::now();
    let badge_text = wait_started(&c).await;
    assert!(badge_text.contains("데모"), "mode badge: {badge_text}");
    click(&c, "collect-btn").await;
    wait_js(
        &c,
        "≥20 parcel rows",
        START_DEADLINE,
        "return document.querySelectorAll('#parcel-table tbody tr[data-no]').length;",
        |v| v.as_u64().is_some_and(|n| n >= 20),
    )
    .await;
    header_fits(&c).await;
    screenshot_ticking(&c, "pipeline-station.png").await;

    press(&c, F5).await;
    wait_shown(&c, "pipeline-page").await;
    header_fits(&c).await;

    eprintln!("[{:.1?}] 매칭", started.elapsed());
    match_step(&c).await;

    eprintln!("[{:.1?}] 합포", started.elapsed());
    open_tab(&c, "merge", "merge-reviews").await;
    screenshot_ticking(&c, "pipeline-merge.png").await;

    eprintln!("[{:.1?}] 할당", started.elapsed());
    allocate_step(&c).await;

    eprintln!("[{:.1?}] 송장", started.elapsed());
    open_tab(&c, "invoice", "invoice-pools").await;
    screenshot_ticking(&c, "pipeline-invoice.png").await;

    eprintln!("[{:.1?}] 주문등록", started.elapsed());
    register_step(&c).await;

    eprintln!("[{:.1?}] 배송", started.elapsed());
    let nos = print_at_station(&c).await;
    let tracking = ship_step(&c, &nos).await;

    eprintln!("[{:.1?}] 반품", started.elapsed());
    returns_step(&c, &tracking).await;

    eprintln!("[{:.1?}] 클레임", started.elapsed());
    open_tab(&c, "claims", "claims-tab").await;
    screenshot_ticking(&c, "pipeline-claims.png").await;
    eprintln!("[{:.1?}] done", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pipeline_tab_is_used_in_the_real_app() {
    assert_display();
    let driver = Driver::start();
    let client = driver.session().await;
    // Its own task, so a failed assertion still ends the session (closing the app) first.
    let outcome = tokio::spawn(tabs_day(client.clone())).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
