//! Demo mode: the built-in simulated Cafe24 shop, TCP label printer and serial scale, started
//! in-process on loopback, with the station pointed at them. Everything then runs through the real
//! clients and protocols — the same code paths a live shop uses.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, SimShop, demo_orders_for_shop};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::scale::{SimScaleProtocol, VirtualScale};
use packdesk_store::{orders, pool, settings, shops};

use crate::desk::Desk;
use crate::dto::{DemoInfo, VirtualPrinterInfo};
use crate::error::{DeskError, Result};

/// Same seed → the same demo shop every time, so screenshots and docs match what users see.
const DEMO_SEED: u64 = 20261122;
const DEMO_ORDERS: usize = 300;
/// Orders of the demo mall's English storefront (shop 2, USD).
const DEMO_USD_ORDERS: usize = 40;
/// A demo block of CJ invoice numbers (12 digits, no check digit per the reference).
const DEMO_POOL_FIRST: &str = "601234560001";
const DEMO_POOL_SIZE: u32 = 3000;
/// A demo block of EMS (UPU S10) numbers for the parcels going abroad.
const DEMO_EMS_FIRST: &str = "EE100000003KR";
const DEMO_EMS_SIZE: u32 = 500;

pub(crate) struct DemoRuntime {
    /// Held so the simulated shop lives exactly as long as the desk that points at it.
    pub cafe24: Cafe24Sim,
    /// A fresh demo's 스마트스토어 orders are still to be registered (after the first collection).
    pub channel_orders_pending: std::sync::atomic::AtomicBool,
    pub printer: VirtualPrinter,
    /// The simulated scale the station's scale settings point at (the station devices runtime
    /// reads it like any serial scale). None where ptys don't exist (Windows).
    pub scale: Option<Arc<VirtualScale>>,
}

/// Parcel weights the demo scale cycles through, so every scan in a demo session has a fresh
/// weight to use (light domestic parcels and heavier international ones alike).
const DEMO_PARCEL_GRAMS: [i64; 6] = [1234, 860, 2150, 430, 1780, 3020];
/// How long the demo's packer takes to lift one parcel off and put the next one on.
const DEMO_SWAP: Duration = Duration::from_millis(700);

impl DemoRuntime {
    /// The demo's stand-in for the packer: once a scan used the weight on the platform, the
    /// parcel is lifted off (the scale reads zero) and the next one is put on. Without this the
    /// demo scale would keep one weight forever and, since a weight never carries over, only
    /// the first international parcel of a session could be weighed.
    pub fn next_parcel_on_scale(&self) {
        let Some(scale) = self.scale.clone() else {
            return;
        };
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
        let i = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let grams = DEMO_PARCEL_GRAMS[i % DEMO_PARCEL_GRAMS.len()];
        let spawned = std::thread::Builder::new()
            .name("demo-packer".into())
            .spawn(move || {
                scale.set_weight(0);
                std::thread::sleep(DEMO_SWAP);
                scale.set_weight(grams);
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "demo scale stays as it is");
        }
    }

    pub fn printer_info(&self) -> VirtualPrinterInfo {
        let labels = self.printer.labels();
        VirtualPrinterInfo {
            uri: self.printer.uri(),
            labels_received: labels.len(),
            last_tracking_no: labels
                .last()
                .and_then(|l| l.barcodes.last())
                .map(|b| b.data.clone()),
        }
    }
}

/// The pty path of the last demo scale, so a restart knows the scale setting is still ours.
const DEMO_SCALE_PORT: &str = "demo.scale_port";

/// Points the station's scale at the demo's virtual scale: a new pty each start. A scale the
/// user set up on the demo desk themselves is left alone.
fn point_scale_at(desk: &Desk, pty: &str) -> Result<()> {
    desk.inner.store.read(|c| {
        let configured = settings::get(c, settings::SCALE_PORT)?;
        let ours = settings::get(c, DEMO_SCALE_PORT)?;
        if configured.is_none() || configured == ours {
            settings::set(c, settings::SCALE_PORT, pty)?;
            settings::set(c, crate::station_devices::SCALE_PROTOCOL, "generic")?;
            c.execute(
                "DELETE FROM settings WHERE key IN (?1, ?2)",
                [
                    crate::station_devices::SCALE_BAUD,
                    crate::station_devices::SCALE_DETECTED,
                ],
            )?;
        }
        settings::set(c, DEMO_SCALE_PORT, pty)
    })?;
    Ok(())
}

fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

pub(crate) async fn start(desk: &Desk) -> Result<DemoInfo> {
    let store = &desk.inner.store;
    let now = desk.inner.clock.now();
    let dir = store
        .path()
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let stem = store
        .path()
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("packdesk")
        .to_string();
    let sim_state = dir.join(format!("{stem}.cafe24-sim.json"));
    // Until the first collection, re-seed so the waiting orders are fresh (paid in the last hours).
    let fresh = store.read(orders::count)? == 0;
    if fresh && sim_state.exists() {
        std::fs::remove_file(&sim_state).map_err(|e| DeskError::Demo(e.to_string()))?;
    }
    // Two shops of one mall, as a Korean brand with an English/USD storefront has (멀티쇼핑몰).
    let usd_shop = SimShop::english_usd(2);
    let cfg = SimConfig {
        state_file: Some(sim_state),
        shops: vec![SimShop::korean_default(), usd_shop.clone()],
        ..SimConfig::default()
    };
    let (mall_id, client_id, client_secret) = (
        cfg.mall_id.clone(),
        cfg.client_id.clone(),
        cfg.client_secret.clone(),
    );
    let sim = Cafe24Sim::start(cfg, loopback())
        .await
        .map_err(|e| DeskError::Demo(format!("Cafe24 simulator: {e}")))?;
    if fresh {
        sim.seed_demo(DEMO_SEED, now, DEMO_ORDERS);
        sim.add_orders(demo_orders_for_shop(
            DEMO_SEED,
            &usd_shop,
            now - chrono::Duration::hours(11),
            now - chrono::Duration::minutes(20),
            DEMO_USD_ORDERS,
        ));
    }
    let api_base = sim.base_url().to_string();
    let existing = store
        .read(shops::all)?
        .into_iter()
        .find(|s| s.demo && s.mall_id == mall_id);
    match existing {
        // The simulator listens on a new port each start; its tokens survive in its state file.
        Some(shop) if !fresh => store.read(|c| shops::set_api_base(c, shop.id, &api_base))?,
        _ => {
            crate::connect::connect_demo(desk, &api_base, &mall_id, &client_id, &client_secret)
                .await?;
        }
    }
    desk.drop_clients();
    price_overseas_shop(desk, &mall_id, usd_shop.shop_no)?;

    let printer = VirtualPrinter::start(loopback())
        .await
        .map_err(|e| DeskError::Demo(format!("virtual printer: {e}")))?;
    store.read(|c| settings::set(c, settings::DEFAULT_PRINTER, &printer.uri()))?;

    let scale = match VirtualScale::start(SimScaleProtocol::Generic, Duration::from_millis(100)) {
        Ok(sim_scale) => {
            sim_scale.set_weight(1234);
            point_scale_at(desk, &sim_scale.port_path())?;
            Some(Arc::new(sim_scale))
        }
        Err(e) => {
            tracing::info!("demo scale unavailable on this OS: {e}");
            None
        }
    };

    if store.read(|c| pool::remaining(c, "cj"))? < 100 {
        desk.add_invoice_pool("cj", DEMO_POOL_FIRST, DEMO_POOL_SIZE)?;
    }
    if store.read(|c| pool::remaining(c, crate::invoice::EMS))? < 50 {
        desk.add_invoice_pool(crate::invoice::EMS, DEMO_EMS_FIRST, DEMO_EMS_SIZE)?;
    }
    store.read_as(|c| {
        for (key, value) in [
            (settings::SENDER_NAME, "패킹데스크 데모샵"),
            (settings::SENDER_PHONE, "0212345678"),
            (settings::SENDER_ADDRESS, "서울 성동구 성수이로 113 3층"),
            (settings::BUSINESS_NO, "000-00-00000"),
            (
                settings::WARRANTY_URL,
                "https://demo.packdesk.invalid/warranty",
            ),
            (settings::WARRANTY_PERIOD, "구입일로부터 1년"),
            (
                settings::SUPPORT_CONTACT,
                "고객센터 02-1234-5678 (평일 10-17시)",
            ),
        ] {
            if settings::get(c, key)?.is_none() {
                settings::set(c, key, value)?;
            }
        }
        Ok::<_, DeskError>(())
    })?;

    let info = DemoInfo {
        api_base,
        printer: printer.uri(),
        scale_port: scale.as_ref().map(|s| s.port_path()),
        orders_waiting: if fresh { DEMO_ORDERS } else { 0 },
    };
    let runtime = DemoRuntime {
        cafe24: sim,
        channel_orders_pending: std::sync::atomic::AtomicBool::new(fresh),
        printer,
        scale,
    };
    *desk.inner.demo.lock().unwrap_or_else(|p| p.into_inner()) = Some(runtime);
    // The station's scale and scanner, as configured (the virtual scale, unless the user chose
    // another one for the demo desk).
    desk.open_devices()?;
    tracing::info!(api = %info.api_base, printer = %info.printer, "demo mode started");
    Ok(info)
}

/// DEMO DATA — made-up buyers of a second sales channel (스마트스토어) whose order lines carry only
/// a product name and option text, as exported channel files do. They are registered through the
/// real 주문등록 path after the first collection and wait in 매칭, so the 매칭 tab has groups to
/// work on in a fresh demo. Two buyers share one name+option, so matching it with "remember" shows
/// a group of two going at once.
const DEMO_CHANNEL: &str = "스마트스토어";
const DEMO_CHANNEL_BUYERS: [(&str, &str, &str, &str); 3] = [
    (
        "데모 김하늘",
        "01055500101",
        "04778",
        "서울 성동구 왕십리로 83-21",
    ),
    (
        "데모 이바다",
        "01055500102",
        "06236",
        "서울 강남구 테헤란로 152",
    ),
    (
        "데모 박구름",
        "01055500103",
        "48058",
        "부산 해운대구 센텀중앙로 79",
    ),
];

/// Option text the way 스마트스토어 writes it ("색상: 블랙 / 사이즈: L"), not Cafe24's.
fn channel_option_text(v: &packdesk_sim::cafe24::SimVariant) -> String {
    v.options
        .iter()
        .map(|o| format!("{}: {}", o.name, o.value))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Called after every collection: in a fresh demo, the first one is followed by the other
/// channel's orders, as a shop types them in once the Cafe24 orders are in (so they also come
/// last in the working list). A failure here is logged; the collection itself succeeded.
pub(crate) fn after_collect(desk: &Desk) {
    let products = {
        let demo = desk.inner.demo.lock().unwrap_or_else(|p| p.into_inner());
        match demo.as_ref() {
            Some(rt)
                if rt
                    .channel_orders_pending
                    .swap(false, std::sync::atomic::Ordering::SeqCst) =>
            {
                rt.cafe24.products()
            }
            _ => return,
        }
    };
    if let Err(e) = register_other_channel_orders(desk, &products) {
        tracing::warn!(code = e.code(), "demo channel orders not registered: {e}");
    }
}

fn register_other_channel_orders(
    desk: &Desk,
    products: &[packdesk_sim::cafe24::SimProduct],
) -> Result<()> {
    use crate::order_entry::{EntryLine, OrderEntry};
    // (product index, n-th variant in stock) of real demo products, per buyer: in stock, so a
    // match in 매칭 sends the parcels on to 송장.
    let picks: [&[(usize, usize)]; 3] = [&[(0, 4)], &[(0, 4), (3, 1)], &[(1, 2)]];
    for ((name, mobile, zipcode, address1), lines) in DEMO_CHANNEL_BUYERS.iter().zip(picks) {
        let lines: Vec<EntryLine> = lines
            .iter()
            .filter_map(|&(p, v)| {
                let product = products.get(p)?;
                let variant = product
                    .variants
                    .iter()
                    .filter(|variant| variant.quantity >= 3)
                    .nth(v)?;
                Some(EntryLine {
                    product_name: product.product_name.clone(),
                    option_text: channel_option_text(variant),
                    sku: None,
                    quantity: 1,
                    unit_price: product.price,
                })
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let entry = OrderEntry {
            channel: DEMO_CHANNEL.to_string(),
            name: (*name).to_string(),
            mobile: (*mobile).to_string(),
            zipcode: (*zipcode).to_string(),
            address1: (*address1).to_string(),
            address2: "101호".to_string(),
            lines,
            shipping_fee: 3000,
            ..OrderEntry::default()
        };
        desk.register_order(&entry)?;
    }
    Ok(())
}

/// The English/USD storefront ships abroad: an EXAMPLE fixed rate (1 USD = 1,380 KRW, the rate
/// its simulated prices were made with — not today's) and K-Packet, whose (synthetic) table
/// covers every demo destination. Left alone once the owner changed either.
const DEMO_USD_RATE: &str = "1380";
const DEMO_INTL_SERVICE: &str = "kpacket";

fn price_overseas_shop(desk: &Desk, mall_id: &str, shop_no: u32) -> Result<()> {
    let store = &desk.inner.store;
    let Some(shop) = store
        .read(shops::all)?
        .into_iter()
        .find(|s| s.demo && s.mall_id == mall_id && s.shop_no == shop_no)
    else {
        return Ok(());
    };
    if shop.krw_per_unit.is_none() {
        let update = shops::FeeUpdate {
            krw_per_unit: Some(Some(DEMO_USD_RATE.to_string())),
            intl_service: Some(DEMO_INTL_SERVICE.to_string()),
        };
        store.read(|c| shops::update_fees(c, shop.id, &update))?;
    }
    Ok(())
}

/// What a shop types in once and Cafe24 does not carry — HS codes and shelf locations — for the
/// demo mall's products, so its customs labels and pick lists look like a real shop's.
pub(crate) fn seed_product_facts(
    tx: &packdesk_store::Transaction,
    p: &packdesk_cafe24::Product,
) -> Result<()> {
    use packdesk_store::documents;
    let Some(hs) = packdesk_sim::cafe24::demo_hs_code(p.product_no) else {
        return Ok(());
    };
    let Some(first) = p.variants.first() else {
        return Ok(());
    };
    documents::set_customs(
        tx,
        &first.variant_code,
        &documents::CustomsFacts {
            hs_code: Some(hs),
            ..Default::default()
        },
    )?;
    // Aisle A–D, 10 bays each, one shelf level per variant: a plausible small warehouse.
    let index = p.product_no % 40;
    for (level, v) in p.variants.iter().enumerate() {
        let location = format!(
            "{}-{:02}-{}",
            char::from(b'A' + (index / 10) as u8),
            index % 10 + 1,
            level + 1
        );
        documents::set_location(tx, &v.variant_code, Some(&location))?;
    }
    Ok(())
}
