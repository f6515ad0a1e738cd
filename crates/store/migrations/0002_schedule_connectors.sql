-- Packdesk schema v2: per-shop collection rules, the collection schedule and its history,
-- FASSTO FMS fulfilment, alerts on parcels.

-- The shop's name as Cafe24 lists it under /shops (a mall has one or more shop_no).
ALTER TABLE shops ADD COLUMN shop_name TEXT NOT NULL DEFAULT '';
-- 0 = connected but not collected: the owner did not choose this shop_no.
ALTER TABLE shops ADD COLUMN collect_enabled INTEGER NOT NULL DEFAULT 1;
-- 일일수집범위: days re-read by every run, so an order that failed to link is picked up once fixed.
ALTER TABLE shops ADD COLUMN range_days INTEGER NOT NULL DEFAULT 7;
-- Set when collection must wait for a person (dead refresh token, missing scope): stable code + text.
ALTER TABLE shops ADD COLUMN paused_code TEXT;
ALTER TABLE shops ADD COLUMN paused_message TEXT;
-- Who packs this shop's parcels: 'self' (this desk) or 'fassto' (outbound requests to FASSTO FMS).
ALTER TABLE shops ADD COLUMN fulfilment TEXT NOT NULL DEFAULT 'self';

-- When each connector runs: a packdesk-schedule Timetable as JSON. target = 'shop:<id>' | 'fassto'.
CREATE TABLE schedules (
    target     TEXT PRIMARY KEY,
    timetable  TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Days off beyond the public-holiday file: temporary holidays and carrier rest days (KST dates).
CREATE TABLE calendar_days (
    day  TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'carrier_rest')),
    name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (day, kind)
);

-- One collection run (Cafe24 shop or FASSTO), kept so the desk shows the last result per target.
CREATE TABLE collect_runs (
    id            INTEGER PRIMARY KEY,
    target        TEXT NOT NULL,
    trigger       TEXT NOT NULL,                 -- schedule | manual | range
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    status        TEXT NOT NULL,                 -- running | ok | failed | paused
    new_orders    INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    claimed       INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0,
    skipped       INTEGER NOT NULL DEFAULT 0,
    api_calls     INTEGER NOT NULL DEFAULT 0,
    throttled     INTEGER NOT NULL DEFAULT 0,
    error_code    TEXT,
    error_message TEXT,                          -- Korean
    error_message_en TEXT,
    -- JSON array of {order_id, code, reason_en, reason_ko}: what did not link and why.
    failures      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX collect_runs_target ON collect_runs (target, id);

-- FASSTO goods (상품) and their link to our SKUs. cst_god_cd is the shop's own goods code.
CREATE TABLE fms_goods (
    cst_god_cd TEXT PRIMARY KEY,
    god_cd     TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    barcode    TEXT NOT NULL DEFAULT '',
    variant_id INTEGER REFERENCES variants(id),
    stock      INTEGER NOT NULL DEFAULT 0,
    synced_at  TEXT NOT NULL
);
CREATE INDEX fms_goods_variant ON fms_goods (variant_id);

-- One FASSTO outbound request (택배 출고요청) per parcel.
CREATE TABLE fms_outbounds (
    parcel_id    INTEGER PRIMARY KEY REFERENCES parcels(id),
    ord_no       TEXT NOT NULL UNIQUE,
    slip_no      TEXT,
    status       TEXT NOT NULL,                 -- requested | shipped | cancelled | failed | FMS status code
    invoice_no   TEXT,
    parcel_cd    TEXT,
    error        TEXT,
    requested_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX fms_outbounds_open ON fms_outbounds (status);

-- Cafe24 option type of a product (T 조합형 / E 연동형 / F 독립형 …); FASSTO cannot link 상품 연동형.
ALTER TABLE products ADD COLUMN option_type TEXT NOT NULL DEFAULT '';

-- Something a person must look at before this parcel goes out (address changed after printing …).
ALTER TABLE parcels ADD COLUMN alert TEXT;

-- The start of the last collection run that saw this order, so a run re-reads by id only the open
-- orders its listing did not bring (without holding every id of a 100,000-order run in memory).
ALTER TABLE orders ADD COLUMN seen_at TEXT;
