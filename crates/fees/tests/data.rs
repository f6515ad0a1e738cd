//! The rate data files: the shipped ones load and say what they are; broken ones fail with the
//! file, the line and the reason.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use packdesk_fees::{
    DataStatus, FeeError, RateTable, Rounding, Service, ServiceId, quote, shipped,
};

const EMS_DEF: &str = include_str!("../assets/rates/ems.json");
const EMS_CSV: &str = include_str!("../assets/rates/ems-kr-jp-2020.csv");
const EXPRESS_DEF: &str = include_str!("../assets/rates/express.json");
const EXPRESS_CSV: &str = include_str!("../assets/rates/demo-express-synthetic.csv");

fn bad_data(e: FeeError) -> (String, usize, String) {
    assert_eq!(e.code(), "FEE_BAD_DATA", "{e}");
    match e {
        FeeError::BadData { file, line, reason } => (file, line, reason),
        other => panic!("not bad data: {other:?}"),
    }
}

#[test]
fn shipped_services_load_with_their_status() {
    let ems = shipped(ServiceId::Ems).unwrap();
    assert_eq!(ems.status, DataStatus::Historical);
    assert_eq!(ems.volumetric_divisor, 6000);
    assert_eq!(ems.rounding, Rounding::Breaks);
    assert_eq!(ems.table.breaks_g.len(), 63);
    assert_eq!(ems.table.meta("status"), Some("historical"));
    let kp = shipped(ServiceId::Kpacket).unwrap();
    assert_eq!(kp.status, DataStatus::Synthetic);
    assert_eq!(kp.rounding, Rounding::Step { step_g: 100 });
    assert_eq!(
        kp.table.breaks_g,
        (1..=20).map(|i| i * 100).collect::<Vec<_>>()
    );
    let ex = shipped(ServiceId::Express).unwrap();
    assert_eq!(ex.status, DataStatus::Synthetic);
    assert_eq!(ex.volumetric_divisor, 5000);
    assert_eq!(ex.fuel_surcharge_bp, 2000);
    assert_eq!(ex.export_declaration_krw, 500);
    for id in ServiceId::ALL {
        assert_eq!(ServiceId::parse(id.as_str()).unwrap(), id);
    }
    assert_eq!(ServiceId::parse("K-Packet").unwrap(), ServiceId::Kpacket);
    assert_eq!(
        ServiceId::parse("ups").unwrap_err().code(),
        "FEE_UNKNOWN_SERVICE"
    );
}

#[test]
fn a_row_with_missing_fields_names_its_line() {
    let csv = EXPRESS_CSV.replace(
        "2,SG;TH;VN;MY;PH;ID,34000,42000,50000,58000,65000,72000,95000,150000,12000",
        "2,SG;TH;VN;MY;PH;ID,34000,42000",
    );
    let (file, line, reason) =
        bad_data(RateTable::parse("demo-express-synthetic.csv", &csv).unwrap_err());
    assert_eq!(file, "demo-express-synthetic.csv");
    assert_eq!(line, 4);
    assert!(reason.contains("expected 11 fields"), "{reason}");
}

#[test]
fn a_price_that_is_not_a_number_names_its_line() {
    let csv = EMS_CSV.replace("0.75,24500", "0.75,24.500");
    let e = RateTable::parse("ems.csv", &csv).unwrap_err();
    assert!(e.to_string().contains("ems.csv, line 4"), "{e}");
    assert!(e.message_ko().contains("4번째 줄"), "{}", e.message_ko());
    let (_, line, reason) = bad_data(e);
    assert_eq!(line, 4);
    assert!(reason.contains("24.500"), "{reason}");
}

#[test]
fn table_shape_errors() {
    let (_, line, reason) = bad_data(
        RateTable::parse("x.csv", &EMS_CSV.replace("1.0,25500", "0.6,25500")).unwrap_err(),
    );
    assert_eq!(line, 5);
    assert!(reason.contains("increase"), "{reason}");
    let (_, _, reason) =
        bad_data(RateTable::parse("x.csv", "# status=synthetic\nkg,price\n1,2\n").unwrap_err());
    assert!(reason.contains("unknown header"), "{reason}");
    let (_, _, reason) =
        bad_data(RateTable::parse("x.csv", "max_kg,price_krw\n0.5,100\n").unwrap_err());
    assert!(reason.contains("dest="), "{reason}");
    let (_, _, reason) = bad_data(
        RateTable::parse(
            "x.csv",
            "zone,countries,0.5,1.0,per_kg_over_2\n1,JP,1,2,3\n",
        )
        .unwrap_err(),
    );
    assert!(reason.contains("last weight break"), "{reason}");
    let (_, line, reason) = bad_data(
        RateTable::parse("x.csv", "zone,countries,0.5\n1,JP;KR,1\n2,REST;JP,2\n").unwrap_err(),
    );
    assert_eq!(line, 3);
    assert!(reason.contains("JP"), "{reason}");
    let (_, _, reason) =
        bad_data(RateTable::parse("x.csv", "zone,countries,0.5\n1,Japan,1\n").unwrap_err());
    assert!(
        reason.contains("Japan") || reason.contains("JAPAN"),
        "{reason}"
    );
    assert_eq!(
        bad_data(RateTable::parse("x.csv", "# only a comment\n").unwrap_err()).2,
        "no header row"
    );
}

#[test]
fn a_synthetic_table_cannot_pass_as_historical() {
    let csv = EMS_CSV.replace("status=historical", "status=SYNTHETIC");
    let (file, line, reason) = bad_data(
        Service::from_definition("ems.json", EMS_DEF, "ems-kr-jp-2020.csv", &csv).unwrap_err(),
    );
    assert_eq!((file.as_str(), line), ("ems-kr-jp-2020.csv", 1));
    assert!(reason.contains("status=SYNTHETIC"), "{reason}");
}

#[test]
fn definition_errors() {
    // Broken JSON: serde's line number.
    let broken = EMS_DEF.replace("\"carrier\": \"KPOST_EMS\",", "\"carrier\": KPOST_EMS,");
    let (file, line, _) = bad_data(
        Service::from_definition("ems.json", &broken, "ems-kr-jp-2020.csv", EMS_CSV).unwrap_err(),
    );
    assert_eq!(file, "ems.json");
    assert_eq!(line, 3);
    // A misspelt field is not silently ignored.
    let typo = EMS_DEF.replace("\"fuel_surcharge_pct\"", "\"fuel_surcharge\"");
    let (_, _, reason) = bad_data(
        Service::from_definition("ems.json", &typo, "ems-kr-jp-2020.csv", EMS_CSV).unwrap_err(),
    );
    assert!(reason.contains("fuel_surcharge"), "{reason}");
    // The definition names its table.
    let (_, _, reason) = bad_data(
        Service::from_definition(
            "ems.json",
            EMS_DEF,
            "demo-express-synthetic.csv",
            EXPRESS_CSV,
        )
        .unwrap_err(),
    );
    assert!(reason.contains("ems-kr-jp-2020.csv"), "{reason}");
    // Fuel percentages with more than 2 decimals would not be exact in won.
    let odd = EXPRESS_DEF.replace(
        "\"fuel_surcharge_pct\": 20",
        "\"fuel_surcharge_pct\": 12.345",
    );
    assert!(
        Service::from_definition(
            "express.json",
            &odd,
            "demo-express-synthetic.csv",
            EXPRESS_CSV
        )
        .is_err()
    );
}

#[test]
fn fuel_surcharge_rounds_up_to_the_won() {
    // A contract card: 10,001 KRW at 0.5 kg, 12.5 % fuel = 1,250.125 → 1,251.
    let def = r#"{"carrier":"MY_EXPRESS","service":"contract","name_ko":"계약 특송","name_en":"Contract express",
        "currency":"KRW","status":"contract","source":"shop contract","table":"c.csv","volumetric_divisor":5000,
        "rounding":{"kind":"step","step_g":500},"fuel_surcharge_pct":12.5,"export_declaration_krw":0}"#;
    let csv =
        "# carrier=MY_EXPRESS,currency=KRW,status=contract\nzone,countries,0.5\n1,REST,10001\n";
    let svc = Service::from_definition("c.json", def, "c.csv", csv).unwrap();
    let q = quote(&svc, "FR", 400, None).unwrap();
    assert_eq!(q.lines[1].krw, 1_251);
    assert_eq!(q.lines[1].label_ko, "유류할증료 12.5%");
    assert_eq!(q.total_krw, 11_252);
    assert_eq!(q.status, DataStatus::Contract);
    // No limits in the definition and no per-kg rate: beyond the table is refused, naming it.
    let e = quote(&svc, "FR", 501, None).unwrap_err();
    assert_eq!(
        e,
        FeeError::OverWeight {
            service: "Contract express".into(),
            weight_g: 1_000,
            limit_g: 500
        }
    );
}
