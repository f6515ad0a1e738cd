-- 0010_order_entry_returns: orders registered by hand or by Excel batch (주문등록), and returns intake.
-- Orders from channels other than Cafe24 hang off a `shops` row with platform = 'manual' (no API,
-- no token); the Cafe24 paths list only platform = 'cafe24' shops.

-- One uploaded file of orders; deleting the batch deletes its orders (while none was invoiced).
CREATE TABLE order_batches (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    channel     TEXT NOT NULL,          -- the channels of its orders, comma-separated
    order_count INTEGER NOT NULL,
    line_count  INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);

-- The batch an order came in with (NULL: collected or typed by hand).
ALTER TABLE orders ADD COLUMN batch_id INTEGER REFERENCES order_batches(id);
CREATE INDEX orders_batch ON orders (batch_id) WHERE batch_id IS NOT NULL;

-- A returned parcel taken in at the desk: one row per parcel (a second intake is refused).
CREATE TABLE returns (
    id             INTEGER PRIMARY KEY,
    parcel_id      INTEGER NOT NULL UNIQUE REFERENCES parcels(id),
    scanned_code   TEXT NOT NULL,
    reason         TEXT NOT NULL CHECK (reason IN ('change_of_mind', 'defect', 'wrong_item')),
    shipped_at     TEXT NOT NULL,
    window_days    INTEGER NOT NULL,
    window_ends_at TEXT NOT NULL,
    within_window  INTEGER NOT NULL,
    payer          TEXT NOT NULL CHECK (payer IN ('customer', 'seller')),
    received_at    TEXT NOT NULL
);

-- What happened to each line of a returned parcel.
CREATE TABLE return_lines (
    return_id    INTEGER NOT NULL REFERENCES returns(id),
    item_id      INTEGER NOT NULL REFERENCES order_items(id),
    order_id     TEXT NOT NULL,
    product_name TEXT NOT NULL,
    option_text  TEXT NOT NULL,
    variant_id   INTEGER REFERENCES variants(id),
    quantity     INTEGER NOT NULL,
    disposition  TEXT NOT NULL CHECK (disposition IN ('restock', 'writeoff')),
    PRIMARY KEY (return_id, item_id)
);
