#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use chrono::{TimeZone, Utc};
use packdesk_store::{Store, catalogue, outbox, pool, settings};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 3, 0, 0).unwrap()
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("p.sqlite")).unwrap();
    (dir, store)
}

#[test]
fn opens_in_wal_mode_and_reopens_without_reapplying_migrations() {
    let (dir, store) = open();
    let mode: String = store
        .read(|c| Ok(c.pragma_query_value(None, "journal_mode", |r| r.get(0))?))
        .unwrap();
    assert_eq!(mode, "wal");
    store.read(|c| settings::set(c, "k", "v")).unwrap();
    drop(store);
    let again = Store::open(&dir.path().join("p.sqlite")).unwrap();
    assert_eq!(
        again.read(|c| settings::get(c, "k")).unwrap().as_deref(),
        Some("v")
    );
}

#[test]
fn refuses_a_database_from_a_newer_packdesk() {
    let (dir, store) = open();
    store
        .read(|c| Ok(c.pragma_update(None, "user_version", 99)?))
        .unwrap();
    drop(store);
    let err = Store::open(&dir.path().join("p.sqlite")).err().unwrap();
    assert_eq!(err.code(), "STORE_TOO_NEW");
}

#[test]
fn pool_hands_out_numbers_in_issue_order_once() {
    let (_d, store) = open();
    let numbers: Vec<String> = (0..3).map(|i| format!("60123456780{i}")).collect();
    let added = store.read(|c| pool::add(c, "cj", &numbers, now())).unwrap();
    assert_eq!(added, 3);
    // Adding the same block again adds nothing.
    assert_eq!(
        store.read(|c| pool::add(c, "cj", &numbers, now())).unwrap(),
        0
    );
    store
        .read(|c| {
            c.execute(
                "INSERT INTO parcels (merge_key, stage, created_at) VALUES ('k', 'ready', 'x')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let first = store.read(|c| pool::take_next(c, "cj", 1, now())).unwrap();
    let second = store.read(|c| pool::take_next(c, "cj", 1, now())).unwrap();
    assert_eq!(first.as_deref(), Some("601234567800"));
    assert_eq!(second.as_deref(), Some("601234567801"));
    assert_eq!(store.read(|c| pool::remaining(c, "cj")).unwrap(), 1);
}

#[test]
fn outbox_key_is_unique_and_inflight_items_stay_due_until_resolved() {
    let (_d, store) = open();
    store
        .read(|c| {
            c.execute(
                "INSERT INTO shops (mall_id, api_base, client_id, secret_ref, created_at) VALUES ('m','b','c','s','x')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let item = outbox::NewItem {
        kind: "cafe24.shipment",
        shop_id: 1,
        parcel_id: None,
        key: "k1",
        payload: "{}",
    };
    assert!(store.read(|c| outbox::enqueue(c, &item, now())).unwrap());
    assert!(
        !store.read(|c| outbox::enqueue(c, &item, now())).unwrap(),
        "same key twice is one item"
    );
    let due = store.read(|c| outbox::due(c, now(), 10)).unwrap();
    assert_eq!(due.len(), 1);
    let later = now() + chrono::Duration::seconds(30);
    assert!(store.read(|c| outbox::claim(c, &due[0], later)).unwrap());
    assert!(
        !store.read(|c| outbox::claim(c, &due[0], later)).unwrap(),
        "a row read before someone else claimed it cannot be claimed again"
    );
    assert!(
        store
            .read(|c| outbox::due(c, now(), 10))
            .unwrap()
            .is_empty()
    );
    let again = store.read(|c| outbox::due(c, later, 10)).unwrap();
    assert_eq!(again[0].status, "inflight");
    assert_eq!(store.read(outbox::pending_count).unwrap(), 1);
    store
        .read(|c| outbox::mark_sent(c, due[0].id, later))
        .unwrap();
    assert_eq!(store.read(outbox::pending_count).unwrap(), 0);
}

#[test]
fn stock_can_not_go_negative_and_sync_writes_the_ledger() {
    let (_d, store) = open();
    store
        .read(|c| {
            c.execute(
                "INSERT INTO shops (mall_id, api_base, client_id, secret_ref, created_at) VALUES ('m','b','c','s','x')",
                [],
            )?;
            let v = [catalogue::VariantUpsert { variant_code: "P000000A000A", option_text: "", weight_g: None, on_hand: 2 }];
            catalogue::upsert_product(c, 1, 1, "P000000A", "티셔츠", &v, now())
        })
        .unwrap();
    let vid = store
        .read(|c| catalogue::variant_id_by_code(c, "P000000A000A"))
        .unwrap()
        .unwrap();
    store.read(|c| catalogue::allocate(c, vid, 2)).unwrap();
    assert_eq!(store.read(|c| catalogue::available(c, vid)).unwrap(), 0);
    let over = store.read(|c| catalogue::allocate(c, vid, 1));
    assert!(
        over.is_err(),
        "allocating beyond on_hand must be refused by the store"
    );
    store
        .read(|c| catalogue::ship_out(c, vid, 2, "p1", now()))
        .unwrap();
    let ledger: Vec<i64> = store
        .read(|c| {
            let mut s = c.prepare("SELECT delta FROM stock_ledger ORDER BY id")?;
            let v = s
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .unwrap();
    assert_eq!(ledger, vec![2, -2]);
}

#[test]
fn writes_stay_in_the_wal_until_packdesk_checkpoints() {
    let (dir, store) = open();
    // Well past SQLite's default auto-checkpoint of 1,000 pages.
    for i in 0..1200 {
        store
            .read(|c| settings::set(c, &format!("k{i}"), &"x".repeat(3000)))
            .unwrap();
    }
    let (log_frames, moved): (i64, i64) = store
        .read(|c| {
            Ok(c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((r.get(1)?, r.get(2)?))
            })?)
        })
        .unwrap();
    assert!(
        log_frames >= 1200,
        "no automatic checkpoint restarted the WAL during the writes ({log_frames})"
    );
    assert_eq!(
        moved, log_frames,
        "an explicit checkpoint folds everything in"
    );
    drop(store);
    let again = Store::open(&dir.path().join("p.sqlite")).unwrap();
    assert_eq!(
        again
            .read(|c| settings::get(c, "k1199"))
            .unwrap()
            .map(|v| v.len()),
        Some(3000)
    );
}
