//! FASSTO FMS through the `packdesk` binary: a simulated Cafe24 shop and a simulated FASSTO
//! account on loopback, driven only by CLI commands a shop owner would type.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::net::{Ipv4Addr, SocketAddr};
use std::process::{Command, Output};

use chrono::{DateTime, Duration, FixedOffset, Utc};
use packdesk_sim::cafe24::{
    Cafe24Sim, SimConfig, SimItem, SimOption, SimOrder, SimProduct, SimReceiver, SimVariant,
};
use packdesk_sim::fassto::{FmsSim, FmsSimConfig, SimGoods, SimOutboundStatus};
use serde_json::Value;

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const TUMBLER: &str = "P000000A000A";
const TEE_BLACK_L: &str = "P000000B000B";
const ECOBAG: &str = "P000000C000A";

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

fn kst(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap())
}

fn product(no: u32, code: &str, name: &str, variants: &[(&str, &[(&str, &str)])]) -> SimProduct {
    SimProduct {
        product_no: no,
        product_code: code.into(),
        product_name: name.into(),
        price: 19_000,
        product_weight: "0.40".into(),
        variants: variants
            .iter()
            .enumerate()
            .map(|(i, (suffix, options))| SimVariant {
                variant_code: format!("{code}{suffix}"),
                options: options
                    .iter()
                    .map(|(n, v)| SimOption {
                        name: (*n).into(),
                        value: (*v).into(),
                    })
                    .collect(),
                quantity: 100,
                custom_variant_code: format!("PD{no:03}-{:02}", i + 1),
            })
            .collect(),
        option_type: None,
        shop_nos: Vec::new(),
        eng_product_name: String::new(),
        model_name: String::new(),
    }
}

fn catalogue() -> Vec<SimProduct> {
    vec![
        product(11, "P000000A", "스테인리스 텀블러 350ml", &[("000A", &[])]),
        product(
            12,
            "P000000B",
            "오버핏 코튼 티셔츠",
            &[
                ("000A", &[("색상", "화이트"), ("사이즈", "M")]),
                ("000B", &[("색상", "블랙"), ("사이즈", "L")]),
            ],
        ),
        product(13, "P000000C", "캔버스 에코백", &[("000A", &[])]),
    ]
}

/// A paid order (N20) of `lines` to `name` at `address1`, paid about two hours ago.
fn order(seq: u32, name: &str, mobile: &str, address1: &str, lines: &[(&str, u32)]) -> SimOrder {
    let paid = Utc::now() - Duration::hours(2) + Duration::minutes(i64::from(seq));
    let ordered = kst(paid - Duration::minutes(3));
    let order_id = format!("{}-{:07}", ordered.format("%Y%m%d"), 2000 + seq);
    let cat = catalogue();
    let items = lines
        .iter()
        .enumerate()
        .map(|(i, (code, qty))| {
            let p = cat
                .iter()
                .find(|p| p.variants.iter().any(|v| v.variant_code == *code))
                .unwrap();
            let v = p.variants.iter().find(|v| v.variant_code == *code).unwrap();
            SimItem::for_variant(&order_id, i as u32 + 1, p, v, *qty)
        })
        .collect();
    SimOrder {
        shop_no: 1,
        order_id,
        currency: "KRW".into(),
        order_date: ordered,
        payment_date: Some(kst(paid)),
        paid: true,
        canceled: false,
        member_id: None,
        billing_name: name.into(),
        shipping_fee: 0,
        order_place_id: "cafe24".into(),
        items,
        receivers: vec![SimReceiver {
            name: name.into(),
            phone: mobile.into(),
            cellphone: mobile.into(),
            zipcode: "04066".into(),
            address1: address1.into(),
            address2: "101호".into(),
            shipping_message: String::new(),
            ..SimReceiver::default()
        }],
    }
}

struct Station {
    dir: tempfile::TempDir,
}

impl Station {
    fn new() -> Self {
        Station {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("station.sqlite")
    }

    fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_packdesk"));
        cmd.arg("--db")
            .arg(self.db())
            .args(args)
            .env("PACKDESK_SECRETS", "file")
            .env("PACKDESK_DATA_DIR", self.dir.path())
            .env_remove("PACKDESK_FASSTO_API_KEY");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn ok_env(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let out = self.run_env(args, env);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "packdesk {args:?} failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    fn ok(&self, args: &[&str]) -> String {
        self.ok_env(args, &[])
    }

    /// Runs a command that must fail; returns its stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run_env(args, &[]);
        assert!(
            !out.status.success(),
            "packdesk {args:?} should have failed:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
    }
}

fn rows(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap()
}

fn connect_cafe24(st: &Station, sim: &Cafe24Sim) {
    let code = sim.issue_code(REDIRECT);
    let base = sim.base_url().to_string();
    st.ok(&[
        "connect",
        "cafe24",
        "--mall-id",
        "demoshop",
        "--client-id",
        "demo-client",
        "--client-secret",
        "demo-secret",
        "--api-base",
        &base,
        "--code",
        &code,
        "--redirect-uri",
        REDIRECT,
    ]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fassto_from_the_command_line() {
    let shop = Cafe24Sim::start(SimConfig::default(), loopback())
        .await
        .unwrap();
    shop.set_catalogue(catalogue());
    let orders = vec![
        order(
            1,
            "김민준",
            "010-1234-5678",
            "서울특별시 마포구 와우산로29바길 12",
            &[(TUMBLER, 2)],
        ),
        order(
            2,
            "이서연",
            "010-2345-6789",
            "부산광역시 해운대구 센텀중앙로 79",
            &[(TEE_BLACK_L, 1)],
        ),
        order(
            3,
            "최유나",
            "010-4567-8901",
            "광주광역시 북구 용봉로 77",
            &[(ECOBAG, 1)],
        ),
    ];
    let ids: Vec<String> = orders.iter().map(|o| o.order_id.clone()).collect();
    shop.add_orders(orders);
    let fms = FmsSim::start(FmsSimConfig::default(), loopback())
        .await
        .unwrap();
    fms.set_goods(vec![
        SimGoods::new(TUMBLER, "스테인리스 텀블러 350ml", 50),
        SimGoods::new(TEE_BLACK_L, "오버핏 코튼 티셔츠 블랙 L", 50),
        // The bag is registered at FASSTO under its own code: it needs a hand-made link.
        SimGoods::new("ECO-NAT", "캔버스 에코백 내추럴", 20),
    ]);
    let fms_base = fms.base_url().to_string();

    let st = Station::new();
    connect_cafe24(&st, &shop);
    let shops = st.json(&["shop", "list", "--json"]);
    let shop_id = rows(&shops)[0]["shop_id"].as_i64().unwrap().to_string();
    let set = st.ok(&["shop", "set", &shop_id, "--fulfilment", "fassto"]);
    assert!(set.contains("출고 fassto"), "{set}");

    // Before connecting: a clear refusal, in Korean and English.
    let not_yet = st.fails(&["fassto", "run"]);
    assert!(not_yet.contains("FMS_NOT_CONNECTED"), "{not_yet}");
    // A wrong key is refused and nothing is kept.
    let refused = st.fails(&[
        "connect",
        "fassto",
        "--cst-cd",
        "00000",
        "--api-cd",
        "demo-api-cd",
        "--api-key",
        "wrong-key",
        "--api-base",
        &fms_base,
    ]);
    assert!(refused.contains("FMS_AUTH_FAILED"), "{refused}");
    assert!(refused.contains("파스토"), "Korean message: {refused}");
    // The key from the environment, so it shows in no process list.
    let connected = st.ok_env(
        &[
            "connect",
            "fassto",
            "--cst-cd",
            "00000",
            "--api-cd",
            "demo-api-cd",
            "--api-base",
            &fms_base,
        ],
        &[("PACKDESK_FASSTO_API_KEY", "demo-api-key")],
    );
    assert!(
        connected.contains("FASSTO connected: customer 00000"),
        "{connected}"
    );
    let secrets = std::fs::read_to_string(st.dir.path().join("station.secrets.json")).unwrap();
    assert!(secrets.contains("demo-api-key"), "kept in the secret file");
    for db_file in ["station.sqlite", "station.sqlite-wal"] {
        if let Ok(bytes) = std::fs::read(st.dir.path().join(db_file)) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("demo-api-key"),
                "{db_file} holds the API key"
            );
        }
    }

    st.ok(&["collect"]);
    let run = st.json(&["fassto", "run", "--json"]);
    assert_eq!(run["goods"], 3);
    assert_eq!(run["requested"], 2, "{run}");
    let failed = rows(&run["failed"]);
    assert_eq!(failed.len(), 1, "{run}");
    assert_eq!(failed[0]["code"], "FMS_GOODS_UNLINKED");
    assert_eq!(failed[0]["order_id"].as_str(), Some(ids[2].as_str()));

    let goods = st.json(&["fassto", "goods", "--json"]);
    let sku_of = |g: &Value, code: &str| -> Option<String> {
        rows(g)
            .iter()
            .find(|r| r["cst_god_cd"] == code)
            .and_then(|r| r["sku"].as_str().map(str::to_owned))
    };
    assert_eq!(sku_of(&goods, TUMBLER).as_deref(), Some(TUMBLER));
    assert_eq!(sku_of(&goods, TEE_BLACK_L).as_deref(), Some(TEE_BLACK_L));
    assert_eq!(sku_of(&goods, "ECO-NAT"), None);
    let text = st.ok(&["fassto", "goods"]);
    assert!(text.contains("미연결 not linked"), "{text}");

    let linked = st.ok(&["fassto", "link", "ECO-NAT", ECOBAG]);
    assert!(linked.contains("ECO-NAT"), "{linked}");
    let second = st.ok(&["fassto", "run"]);
    assert!(second.contains("출고요청 requested 1"), "{second}");
    assert!(second.contains("실패 failed 0"), "{second}");

    let outbounds = st.json(&["fassto", "outbounds", "--json"]);
    assert_eq!(rows(&outbounds).len(), 3);
    assert_eq!(fms.outbounds().len(), 3, "each parcel sent once");
    for o in rows(&outbounds) {
        assert_eq!(o["status"], "requested", "{o}");
        let slip = o["slip_no"].as_str().unwrap();
        let at = fms.outbound(slip).unwrap();
        assert_eq!(at.ord_no, o["ord_no"].as_str().unwrap());
        assert_eq!(at.status, SimOutboundStatus::Ordered);
    }
    let parcels = st.json(&["orders", "--json"]);
    assert!(
        rows(&parcels).iter().all(|p| p["stage"] == "outsourced"),
        "{parcels}"
    );
    let print = st.fails(&["invoice", "print", "--range", "1"]);
    assert!(print.contains("NOT_PRINTABLE"), "{print}");

    // FASSTO ships; the next run reads the invoices back and the shop gets them.
    let shipped = fms.ship_all_pending(638_991_193_000);
    assert_eq!(shipped.len(), 3);
    let back = st.ok(&["fassto", "run"]);
    assert!(back.contains("송장수신 invoices 3"), "{back}");
    let outbounds = st.json(&["fassto", "outbounds", "--json"]);
    for o in rows(&outbounds) {
        let slip = o["slip_no"].as_str().unwrap();
        let invoice = &shipped.iter().find(|(s, _)| s == slip).unwrap().1;
        assert_eq!(o["status"], "shipped");
        assert_eq!(o["invoice_no"].as_str(), Some(invoice.as_str()));
        assert_eq!(o["parcel_cd"], "04");
    }
    st.ok(&["sync"]);
    let pushed = shop.shipments();
    assert_eq!(pushed.len(), 3, "{pushed:?}");
    for id in &ids {
        let s: Vec<_> = pushed.iter().filter(|s| &s.order_id == id).collect();
        assert_eq!(s.len(), 1, "{id}");
        assert!(shipped.iter().any(|(_, inv)| *inv == s[0].tracking_no));
        assert_eq!(s[0].shipping_company_code, "0006");
    }
    let parcels = st.json(&["orders", "--json"]);
    assert!(
        rows(&parcels)
            .iter()
            .all(|p| p["stage"] == "shipped" && p["pushed"] == true),
        "{parcels}"
    );
    st.ok(&["fassto", "run"]);
    st.ok(&["sync"]);
    assert_eq!(shop.shipments().len(), 3, "nothing pushed twice");
}
