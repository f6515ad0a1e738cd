-- Packdesk schema v1. Times are UTC RFC 3339 strings with milliseconds (sortable as text).
-- Phones are stored as digits only; money as integer minor units (KRW has none); weights in grams.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A connected Cafe24 shop (mall + shop_no). Tokens live in the OS keychain under `secret_ref`.
CREATE TABLE shops (
    id                 INTEGER PRIMARY KEY,
    platform           TEXT NOT NULL DEFAULT 'cafe24',
    mall_id            TEXT NOT NULL,
    shop_no            INTEGER NOT NULL DEFAULT 1,
    api_base           TEXT NOT NULL,
    client_id          TEXT NOT NULL,
    scopes             TEXT NOT NULL DEFAULT '',
    token_expires_at   TEXT,
    refresh_expires_at TEXT,
    secret_ref         TEXT NOT NULL,
    currency           TEXT NOT NULL DEFAULT 'KRW',
    collect_status     TEXT NOT NULL DEFAULT 'N20',
    min_age_minutes    INTEGER NOT NULL DEFAULT 10,
    collect_cursor     TEXT,
    -- Set at the first collection (then − 12 h): older unknown orders need a manual date range.
    collect_floor      TEXT,
    last_collect_at    TEXT,
    demo               INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    UNIQUE (mall_id, shop_no)
);

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    shop_id      INTEGER REFERENCES shops(id),
    product_no   INTEGER,
    product_code TEXT,
    name         TEXT NOT NULL,
    UNIQUE (shop_id, product_no)
);

-- A SKU. `variant_code` is Cafe24's 품목코드 (P000000X000A); weight in grams.
CREATE TABLE variants (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products(id),
    sku          TEXT NOT NULL UNIQUE,
    barcode      TEXT,
    variant_code TEXT UNIQUE,
    option_text  TEXT NOT NULL DEFAULT '',
    weight_g     INTEGER
);

CREATE TABLE stock (
    variant_id INTEGER PRIMARY KEY REFERENCES variants(id),
    on_hand    INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    allocated  INTEGER NOT NULL DEFAULT 0 CHECK (allocated >= 0 AND allocated <= on_hand)
);

-- Every stock movement, so on_hand can always be explained.
CREATE TABLE stock_ledger (
    id         INTEGER PRIMARY KEY,
    variant_id INTEGER NOT NULL REFERENCES variants(id),
    delta      INTEGER NOT NULL,
    kind       TEXT NOT NULL,          -- sync | allocate | ship | adjust
    ref        TEXT,
    at         TEXT NOT NULL
);

CREATE TABLE orders (
    id             INTEGER PRIMARY KEY,
    shop_id        INTEGER NOT NULL REFERENCES shops(id),
    order_id       TEXT NOT NULL,
    order_date     TEXT,
    payment_date   TEXT,
    currency       TEXT NOT NULL DEFAULT 'KRW',
    shipping_fee   INTEGER NOT NULL DEFAULT 0,
    payment_amount INTEGER NOT NULL DEFAULT 0,
    claim_reason   TEXT,
    collected_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (shop_id, order_id)
);

CREATE TABLE order_items (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    order_item_code TEXT NOT NULL,
    variant_code    TEXT,
    variant_id      INTEGER REFERENCES variants(id),
    product_name    TEXT NOT NULL,
    option_text     TEXT NOT NULL DEFAULT '',
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    status          TEXT NOT NULL,     -- the shop's item status (N20, C00, ...)
    allocated       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (order_id, order_item_code)
);

CREATE TABLE receivers (
    order_id      INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL DEFAULT '',
    mobile        TEXT NOT NULL DEFAULT '',
    zipcode       TEXT NOT NULL DEFAULT '',
    address1      TEXT NOT NULL DEFAULT '',
    address2      TEXT NOT NULL DEFAULT '',
    message       TEXT NOT NULL DEFAULT '',
    shipping_code TEXT
);

-- A parcel: one box, one waybill, one or more merged orders (합포).
CREATE TABLE parcels (
    id          INTEGER PRIMARY KEY,
    merge_key   TEXT NOT NULL,
    stage       TEXT NOT NULL,
    carrier     TEXT NOT NULL DEFAULT 'cj',
    tracking_no TEXT UNIQUE,
    print_count INTEGER NOT NULL DEFAULT 0,
    printed_at  TEXT,
    shipped_at  TEXT,
    -- 1 once shipped before the current working day: drops out of the numbered list.
    archived    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);
CREATE INDEX parcels_working ON parcels (archived, id);
CREATE INDEX parcels_merge ON parcels (merge_key, stage);

CREATE TABLE parcel_orders (
    parcel_id INTEGER NOT NULL REFERENCES parcels(id),
    order_id  INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    PRIMARY KEY (parcel_id, order_id)
);

CREATE TABLE carriers (
    code        TEXT PRIMARY KEY,      -- cj, hanjin, lotte, logen, epost
    name        TEXT NOT NULL,
    cafe24_code TEXT                   -- the mall's shipping_company_code
);
INSERT INTO carriers (code, name, cafe24_code) VALUES
    ('cj', 'CJ대한통운', '0006'),
    ('hanjin', '한진택배', '0018'),
    ('lotte', '롯데택배', '0079'),
    ('logen', '로젠택배', '0004'),
    ('epost', '우체국택배', '0012');

-- Pre-issued invoice numbers, so the desk prints offline.
CREATE TABLE invoice_pool (
    carrier   TEXT NOT NULL REFERENCES carriers(code),
    number    TEXT NOT NULL,
    seq       INTEGER NOT NULL,        -- issue order within the carrier
    parcel_id INTEGER REFERENCES parcels(id),
    used_at   TEXT,
    added_at  TEXT NOT NULL,
    PRIMARY KEY (carrier, number)
);
CREATE INDEX invoice_pool_free ON invoice_pool (carrier, seq) WHERE parcel_id IS NULL;

CREATE TABLE print_jobs (
    id          INTEGER PRIMARY KEY,
    printer     TEXT NOT NULL,
    format      TEXT NOT NULL,
    range_text  TEXT NOT NULL,
    status      TEXT NOT NULL,         -- running | done | failed
    error       TEXT,
    created_at  TEXT NOT NULL,
    finished_at TEXT
);

CREATE TABLE print_job_items (
    job_id      INTEGER NOT NULL REFERENCES print_jobs(id),
    seq         INTEGER NOT NULL,
    parcel_id   INTEGER NOT NULL REFERENCES parcels(id),
    tracking_no TEXT NOT NULL,
    reprint     INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'pending',   -- pending | printed | failed
    printed_at  TEXT,
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE scan_log (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL,
    parcel_id INTEGER,
    result    TEXT NOT NULL,           -- ok | an error code
    at        TEXT NOT NULL
);

-- What Packdesk owes remote systems, written in the same transaction as the change that owes it.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,     -- cafe24.shipment
    shop_id         INTEGER NOT NULL REFERENCES shops(id),
    parcel_id       INTEGER REFERENCES parcels(id),
    idempotency_key TEXT NOT NULL UNIQUE,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',  -- pending | inflight | sent | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_parcel ON outbox (parcel_id);
