//! Demo mode: the built-in simulated Cafe24 shop, TCP label printer and serial scale, started
//! in-process on loopback, with the station pointed at them. Everything then runs through the real
//! clients and protocols — the same code paths a live shop uses.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use packdesk_devices::scale::{LinkState, Protocol, ScaleReader, ScaleState};
use packdesk_sim::cafe24::{Cafe24Sim, SimConfig, SimShop, demo_orders_for_shop};
use packdesk_sim::printer::VirtualPrinter;
use packdesk_sim::scale::{SimScaleProtocol, VirtualScale};
use packdesk_store::{orders, pool, settings, shops};

use crate::desk::Desk;
use crate::dto::{DemoInfo, VirtualPrinterInfo, WeightReading};
use crate::error::{DeskError, Result};

/// Same seed → the same demo shop every time, so screenshots and docs match what users see.
const DEMO_SEED: u64 = 20261122;
const DEMO_ORDERS: usize = 300;
/// Orders of the demo mall's English storefront (shop 2, USD).
const DEMO_USD_ORDERS: usize = 40;
/// A demo block of CJ invoice numbers (12 digits, no check digit per the reference).
const DEMO_POOL_FIRST: &str = "601234560001";
const DEMO_POOL_SIZE: u32 = 3000;

pub(crate) struct DemoRuntime {
    /// Held so the simulated shop lives exactly as long as the desk that points at it.
    #[expect(dead_code, reason = "owned for its lifetime, not read")]
    pub cafe24: Cafe24Sim,
    pub printer: VirtualPrinter,
    /// None where ptys don't exist (Windows): the station runs without a scale.
    pub scale: Option<(VirtualScale, ScaleReader)>,
}

impl DemoRuntime {
    pub fn weight(&self) -> Option<WeightReading> {
        let (_, reader) = self.scale.as_ref()?;
        let status = reader.status();
        if let LinkState::Disconnected { .. } = status.link {
            return Some(WeightReading {
                grams: 0,
                stable: false,
                state: "disconnected".into(),
            });
        }
        let r = reader.latest()?;
        let state = match r.state {
            ScaleState::Stable => "stable",
            ScaleState::Motion => "motion",
            ScaleState::Overload => "overload",
            ScaleState::UnderZero => "under_zero",
        };
        Some(WeightReading {
            grams: r.grams,
            stable: r.stable,
            state: state.into(),
        })
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

    let printer = VirtualPrinter::start(loopback())
        .await
        .map_err(|e| DeskError::Demo(format!("virtual printer: {e}")))?;
    store.read(|c| settings::set(c, settings::DEFAULT_PRINTER, &printer.uri()))?;

    let scale = match VirtualScale::start(SimScaleProtocol::Generic, Duration::from_millis(100)) {
        Ok(sim_scale) => {
            sim_scale.set_weight(1234);
            match ScaleReader::open(&sim_scale.port_path(), 9600, Protocol::Generic) {
                Ok(reader) => {
                    store
                        .read(|c| settings::set(c, settings::SCALE_PORT, &sim_scale.port_path()))?;
                    Some((sim_scale, reader))
                }
                Err(e) => {
                    tracing::warn!("demo scale not readable: {e}");
                    None
                }
            }
        }
        Err(e) => {
            tracing::info!("demo scale unavailable on this OS: {e}");
            None
        }
    };

    if store.read(|c| pool::remaining(c, "cj"))? < 100 {
        desk.add_invoice_pool("cj", DEMO_POOL_FIRST, DEMO_POOL_SIZE)?;
    }
    store.read_as(|c| {
        for (key, value) in [
            (settings::SENDER_NAME, "패킹데스크 데모샵"),
            (settings::SENDER_PHONE, "0212345678"),
            (settings::SENDER_ADDRESS, "서울 성동구 성수이로 113 3층"),
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
        scale_port: scale.as_ref().map(|(s, _)| s.port_path()),
        orders_waiting: if fresh { DEMO_ORDERS } else { 0 },
    };
    let runtime = DemoRuntime {
        cafe24: sim,
        printer,
        scale,
    };
    *desk.inner.demo.lock().unwrap_or_else(|p| p.into_inner()) = Some(runtime);
    tracing::info!(api = %info.api_base, printer = %info.printer, "demo mode started");
    Ok(info)
}
