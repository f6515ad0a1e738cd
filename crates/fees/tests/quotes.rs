//! Hand-computed fees at every break and limit of the shipped services. Each expected figure is
//! worked out in the comment beside it from the tables in `assets/rates/`.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use packdesk_fees::{
    DataStatus, Destination, Dims, FeeError, LineKind, Quote, ServiceId, SizeRule, quote, quote_to,
    shipped,
};

fn cm(l: u32, w: u32, h: u32) -> Option<Dims> {
    Some(Dims::new(l * 10, w * 10, h * 10))
}

fn ems(country: &str, g: u32, dims: Option<Dims>) -> Result<Quote, FeeError> {
    quote(&shipped(ServiceId::Ems).unwrap(), country, g, dims)
}

fn kpacket(country: &str, g: u32, dims: Option<Dims>) -> Result<Quote, FeeError> {
    quote(&shipped(ServiceId::Kpacket).unwrap(), country, g, dims)
}

fn express(country: &str, g: u32, dims: Option<Dims>) -> Result<Quote, FeeError> {
    quote(&shipped(ServiceId::Express).unwrap(), country, g, dims)
}

fn amounts(q: &Quote) -> Vec<(LineKind, u64)> {
    q.lines.iter().map(|l| (l.kind, l.krw)).collect()
}

// ---------- EMS (historical KR→JP 2020, breaks, /6000, no fuel, 500 KRW declaration) ----------

#[test]
fn ems_exactly_at_the_first_break() {
    let q = ems("JP", 500, None).unwrap();
    assert_eq!(q.chargeable_g, 500);
    assert_eq!(
        amounts(&q),
        [
            (LineKind::Freight, 23_500),
            (LineKind::ExportDeclaration, 500)
        ]
    );
    assert_eq!(q.total_krw, 24_000);
    assert_eq!(q.status, DataStatus::Historical);
    assert!(!q.size_checked);
}

#[test]
fn ems_one_gram_over_a_break_takes_the_next() {
    // 0.501 kg → 0.75 kg break = 24,500 + 500.
    let q = ems("jp", 501, None).unwrap();
    assert_eq!(q.country, "JP");
    assert_eq!(q.lines[0].krw, 24_500);
    assert!(
        q.lines[0].label_en.contains("0.75 kg"),
        "{}",
        q.lines[0].label_en
    );
    assert_eq!(q.total_krw, 25_000);
    // 1.25 kg exactly → 27,500; 2.001 kg → the 2.5 kg break 34,500.
    assert_eq!(ems("JP", 1_250, None).unwrap().total_krw, 28_000);
    assert_eq!(ems("JP", 2_000, None).unwrap().lines[0].krw, 33_000);
    assert_eq!(ems("JP", 2_001, None).unwrap().lines[0].krw, 34_500);
}

#[test]
fn ems_volumetric_weight_wins_for_a_light_big_box() {
    // 40×30×20 cm = 24,000 cm³ / 6000 = 4.0 kg > 0.8 kg actual → 4.0 kg break 40,000 + 500.
    let q = ems("JP", 800, cm(40, 30, 20)).unwrap();
    assert_eq!(q.volumetric_g, Some(4_000));
    assert_eq!(q.chargeable_g, 4_000);
    assert_eq!(q.total_krw, 40_500);
    assert!(q.size_checked);
    // The same box at 4.2 kg actual: actual wins → 4.5 kg break 41,500.
    assert_eq!(
        ems("JP", 4_200, cm(40, 30, 20)).unwrap().lines[0].krw,
        41_500
    );
}

#[test]
fn ems_30kg_limit() {
    // 30 kg exactly is the last break: 121,500 + 500.
    assert_eq!(ems("JP", 30_000, None).unwrap().total_krw, 122_000);
    let e = ems("JP", 30_001, None).unwrap_err();
    assert_eq!(e.code(), "FEE_OVER_WEIGHT");
    assert_eq!(
        e,
        FeeError::OverWeight {
            service: "Korea Post EMS".into(),
            weight_g: 30_001,
            limit_g: 30_000
        }
    );
    assert!(e.to_string().contains("30 kg"), "{e}");
    assert!(e.message_ko().contains("30 kg"), "{}", e.message_ko());
}

#[test]
fn ems_volumetric_over_30kg_is_refused() {
    // 100×60×40 cm: longest 1.0 m, L+girth 100+120+80 = 300 cm (exactly the limit, fine),
    // volumetric 240,000 / 6000 = 40 kg > 30 kg.
    let e = ems("JP", 5_000, cm(100, 60, 40)).unwrap_err();
    assert_eq!(e.code(), "FEE_OVER_VOLUMETRIC");
    assert_eq!(
        e,
        FeeError::OverVolumetric {
            service: "Korea Post EMS".into(),
            volumetric_g: 40_000,
            limit_g: 30_000
        }
    );
}

#[test]
fn ems_longest_side_limit_is_1_5_m() {
    // 150×30×30 cm: longest exactly 1.5 m, L+girth 270 cm; volumetric 135,000/6000 = 22.5 kg
    // → 22.5 kg break 99,000 + 500.
    let q = ems("JP", 5_000, cm(150, 30, 30)).unwrap();
    assert_eq!(q.chargeable_g, 22_500);
    assert_eq!(q.total_krw, 99_500);
    // Any side order: the longest side is found.
    let e = ems("JP", 5_000, Some(Dims::new(300, 1_501, 300))).unwrap_err();
    assert_eq!(e.code(), "FEE_OVER_SIZE");
    assert_eq!(
        e,
        FeeError::OverSize {
            service: "Korea Post EMS".into(),
            rule: SizeRule::LongestSide,
            value_mm: 1_501,
            limit_mm: 1_500
        }
    );
    assert!(e.to_string().contains("150 cm"), "{e}");
}

#[test]
fn ems_length_plus_girth_limit_is_3_m() {
    // 120×50×41 cm → 120 + 2×50 + 2×41 = 302 cm > 300 cm.
    let e = ems("JP", 5_000, cm(120, 50, 41)).unwrap_err();
    assert_eq!(
        e,
        FeeError::OverSize {
            service: "Korea Post EMS".into(),
            rule: SizeRule::LengthPlusGirth,
            value_mm: 3_020,
            limit_mm: 3_000
        }
    );
}

#[test]
fn ems_without_a_table_for_the_country_is_refused() {
    let e = ems("US", 1_000, None).unwrap_err();
    assert_eq!(e.code(), "FEE_NO_ZONE");
    assert!(e.message_ko().contains("US"));
    assert_eq!(ems("JP", 0, None).unwrap_err().code(), "FEE_NO_WEIGHT");
}

// ---------- K-Packet (synthetic prices, 100 g steps, real limits) ----------

#[test]
fn kpacket_rounds_up_to_100g() {
    // Zone 1 (JP) is 4,500 at 0.1 kg and +700 per 100 g.
    assert_eq!(kpacket("JP", 100, None).unwrap().total_krw, 5_000);
    let q = kpacket("JP", 101, None).unwrap();
    assert_eq!(q.chargeable_g, 200);
    assert_eq!(q.total_krw, 5_700);
    assert_eq!(q.status, DataStatus::Synthetic);
    // US (zone 3): 1.0 kg = 7,000 + 9×1,400 = 19,600.
    assert_eq!(kpacket("US", 1_000, None).unwrap().lines[0].krw, 19_600);
}

#[test]
fn kpacket_2kg_ok_2001g_refused() {
    // 2.0 kg: 4,500 + 19×700 = 17,800 + 500.
    assert_eq!(kpacket("JP", 2_000, None).unwrap().total_krw, 18_300);
    let e = kpacket("JP", 2_001, None).unwrap_err();
    assert_eq!(
        e,
        FeeError::OverWeight {
            service: "Korea Post K-Packet".into(),
            weight_g: 2_001,
            limit_g: 2_000
        }
    );
}

#[test]
fn kpacket_size_limits() {
    // 60×20×10 cm: longest exactly 60, L+W+H exactly 90; volumetric 12,000/6000 = 2.0 kg.
    let q = kpacket("JP", 500, cm(60, 20, 10)).unwrap();
    assert_eq!(q.chargeable_g, 2_000);
    assert_eq!(q.lines[0].krw, 17_800);
    // 60×21×10 = 91 cm.
    assert_eq!(
        kpacket("JP", 500, cm(60, 21, 10)).unwrap_err(),
        FeeError::OverSize {
            service: "Korea Post K-Packet".into(),
            rule: SizeRule::SumOfSides,
            value_mm: 910,
            limit_mm: 900
        }
    );
    // Longest 61 cm.
    assert_eq!(
        kpacket("JP", 500, cm(61, 10, 10)).unwrap_err(),
        FeeError::OverSize {
            service: "Korea Post K-Packet".into(),
            rule: SizeRule::LongestSide,
            value_mm: 610,
            limit_mm: 600
        }
    );
}

#[test]
fn kpacket_minimum_face_is_14_by_9_cm() {
    // 14×9×1 cm is the smallest accepted; 300 g → 0.3 kg = 5,900 + 500.
    assert_eq!(kpacket("JP", 300, cm(14, 9, 1)).unwrap().total_krw, 6_400);
    let e = kpacket("JP", 300, cm(13, 9, 2)).unwrap_err();
    assert_eq!(e.code(), "FEE_UNDER_SIZE");
    assert_eq!(
        e,
        FeeError::UnderSize {
            service: "Korea Post K-Packet".into(),
            face_mm: (130, 90),
            min_mm: (140, 90)
        }
    );
    assert!(e.to_string().contains("14 cm x 9 cm"), "{e}");
    assert_eq!(
        kpacket("JP", 300, cm(14, 8, 2)).unwrap_err().code(),
        "FEE_UNDER_SIZE"
    );
}

#[test]
fn kpacket_refuses_the_no3_box_by_volumetric_weight() {
    // Reference §3.1: a 3호 box 34×25×21 cm counts as 2.975 kg at /6000.
    let e = kpacket("JP", 400, cm(34, 25, 21)).unwrap_err();
    assert_eq!(
        e,
        FeeError::OverVolumetric {
            service: "Korea Post K-Packet".into(),
            volumetric_g: 2_975,
            limit_g: 2_000
        }
    );
    assert_eq!(kpacket("MX", 400, None).unwrap_err().code(), "FEE_NO_ZONE");
}

// ---------- Express (synthetic zone card, /5000, 0.5 kg steps, 20 % fuel) ----------

#[test]
fn express_breaks_with_fuel() {
    // JP zone 1, 0.5 kg: 30,000 + 20 % 6,000 + 500.
    let q = express("JP", 500, None).unwrap();
    assert_eq!(
        amounts(&q),
        [
            (LineKind::Freight, 30_000),
            (LineKind::FuelSurcharge, 6_000),
            (LineKind::ExportDeclaration, 500)
        ]
    );
    assert_eq!(q.total_krw, 36_500);
    assert!(q.lines[1].label_en.contains("20%"));
    // 0.501 kg → 1.0 kg: 36,000 + 7,200 + 500.
    assert_eq!(express("JP", 501, None).unwrap().total_krw, 43_700);
    // 3.2 kg → 3.5 kg → first break ≥ 3.5 is 5.0 kg: 75,000 + 15,000 + 500.
    let q = express("JP", 3_200, None).unwrap();
    assert_eq!(q.chargeable_g, 3_500);
    assert_eq!(q.total_krw, 90_500);
    // 10.0 kg is the last break: 110,000 + 22,000 + 500.
    assert_eq!(express("JP", 10_000, None).unwrap().total_krw, 132_500);
}

#[test]
fn express_per_kg_beyond_10kg_with_20_percent_fuel() {
    // 12.3 kg → 12.5 kg; 2.5 kg over 10 → 3 started kg × 9,000 = 27,000;
    // freight 137,000, fuel 27,400, + 500 = 164,900.
    let q = express("JP", 12_300, None).unwrap();
    assert_eq!(q.chargeable_g, 12_500);
    assert_eq!(
        amounts(&q),
        [
            (LineKind::Freight, 137_000),
            (LineKind::FuelSurcharge, 27_400),
            (LineKind::ExportDeclaration, 500)
        ]
    );
    assert!(
        q.lines[0].label_en.contains("10 kg + 3 × 1 kg"),
        "{}",
        q.lines[0].label_en
    );
    // US 10.001 kg → 10.5 kg → 1 kg over: 250,000 + 20,000 = 270,000; fuel 54,000; + 500.
    assert_eq!(express("US", 10_001, None).unwrap().total_krw, 324_500);
}

#[test]
fn express_rest_zone_volumetric_and_limit() {
    // BR falls in REST (zone 5): 1.0 kg 78,000 + 15,600 + 500.
    assert_eq!(express("BR", 1_000, None).unwrap().total_krw, 94_100);
    // 30×20×10 cm = 6,000 cm³ / 5000 = 1.2 kg > 0.8 kg → 1.5 kg: 42,000 + 8,400 + 500.
    let q = express("JP", 800, cm(30, 20, 10)).unwrap();
    assert_eq!(q.volumetric_g, Some(1_200));
    assert_eq!(q.total_krw, 50_900);
    assert_eq!(
        express("JP", 70_001, None).unwrap_err().code(),
        "FEE_OVER_WEIGHT"
    );
}

#[test]
fn express_remote_area_surcharge_by_postcode() {
    let svc = shipped(ServiceId::Express).unwrap();
    let to = |postcode| Destination {
        country: "US",
        postcode: Some(postcode),
    };
    // US 0.5 kg: 45,000 + 9,000 fuel + 30,000 remote + 500.
    let q = quote_to(&svc, to("99501"), 500, None).unwrap();
    assert_eq!(
        amounts(&q),
        [
            (LineKind::Freight, 45_000),
            (LineKind::FuelSurcharge, 9_000),
            (LineKind::RemoteArea, 30_000),
            (LineKind::ExportDeclaration, 500)
        ]
    );
    assert_eq!(q.total_krw, 84_500);
    assert_eq!(
        quote_to(&svc, to("10001"), 500, None).unwrap().total_krw,
        54_500
    );
}

#[test]
fn export_declaration_fee_is_configurable() {
    let svc = shipped(ServiceId::Ems)
        .unwrap()
        .with_export_declaration_krw(0);
    let q = quote(&svc, "JP", 500, None).unwrap();
    assert_eq!(amounts(&q), [(LineKind::Freight, 23_500)]);
    let svc = shipped(ServiceId::Ems)
        .unwrap()
        .with_export_declaration_krw(1_000);
    assert_eq!(quote(&svc, "JP", 500, None).unwrap().total_krw, 24_500);
}
