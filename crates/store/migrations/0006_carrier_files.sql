-- Packdesk schema v6: the carrier-file route (issue 4) — parcels exported in a carrier's Excel
-- layout, and the carrier's file of tracking numbers read back, previewed row by row and applied.

-- One exported file. Its parcels are kept so a file read back without a named carrier validates
-- each number against the carrier the parcel was sent to.
CREATE TABLE carrier_exports (
    id         INTEGER PRIMARY KEY,
    carrier    TEXT NOT NULL,
    layout     TEXT NOT NULL,
    format     TEXT NOT NULL,                  -- xlsx | csv
    file_name  TEXT NOT NULL,
    rows       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
-- No foreign key to parcels: a parcel that loses its last order is deleted, and an old export
-- must not stop that.
CREATE TABLE carrier_export_parcels (
    export_id INTEGER NOT NULL REFERENCES carrier_exports(id) ON DELETE CASCADE,
    parcel_id INTEGER NOT NULL,
    PRIMARY KEY (export_id, parcel_id)
);
CREATE INDEX carrier_export_parcels_parcel ON carrier_export_parcels (parcel_id, export_id);

-- One carrier file read back. status: reading | preview | applied | failed.
CREATE TABLE carrier_imports (
    id         INTEGER PRIMARY KEY,
    file_name  TEXT NOT NULL,
    format     TEXT NOT NULL,                  -- xlsx | xls | ods | csv
    carrier    TEXT,                           -- NULL: each parcel's exported (else own) carrier
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    applied_at TEXT
);
-- Every data row of the file with its 예상처리결과 / 실패사유. Holds no personal data: the keys,
-- the number and the outcome only.
-- outcome: assign | unchanged | failed (preview); assigned | unchanged | failed (applied).
CREATE TABLE carrier_import_rows (
    import_id   INTEGER NOT NULL REFERENCES carrier_imports(id) ON DELETE CASCADE,
    row_no      INTEGER NOT NULL,              -- the row as the spreadsheet numbers it
    key_text    TEXT NOT NULL DEFAULT '',      -- the parcel code or order id as the file has it
    raw_number  TEXT NOT NULL DEFAULT '',      -- the number cell as the file has it
    tracking_no TEXT NOT NULL DEFAULT '',      -- cleaned (digits / S10)
    parcel_id   INTEGER,
    carrier     TEXT,
    outcome     TEXT NOT NULL,
    code        TEXT,
    reason_en   TEXT,
    reason_ko   TEXT,
    PRIMARY KEY (import_id, row_no)
);
CREATE INDEX carrier_import_rows_number ON carrier_import_rows (import_id, tracking_no);
CREATE INDEX carrier_import_rows_parcel ON carrier_import_rows (import_id, parcel_id);

-- A carrier file may name a parcel by the shop's order id only.
CREATE INDEX orders_order_id ON orders (order_id);
-- Whether a number read from a carrier file is also a pool number, whatever carrier's pool.
CREATE INDEX invoice_pool_number ON invoice_pool (number);
