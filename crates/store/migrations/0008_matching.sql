-- 0008_matching: 매칭 beyond Cafe24's 품목코드 — remembered name+option mappings and bundles.

-- A person matched (or uploaded) "this product name with this option text is that SKU" once; lines
-- with the same normalised name and option match automatically from then on. The keys are the
-- normalised forms (see packdesk_store::mappings::name_key / option_key); the texts as first seen
-- are kept for display. A mapping to a bundle is a mapping to the bundle's sold SKU.
CREATE TABLE sku_mappings (
    id           INTEGER PRIMARY KEY,
    name_key     TEXT NOT NULL,
    option_key   TEXT NOT NULL,
    product_name TEXT NOT NULL,
    option_text  TEXT NOT NULL,
    variant_id   INTEGER NOT NULL REFERENCES variants(id),
    source       TEXT NOT NULL CHECK (source IN ('hand', 'excel')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (name_key, option_key)
);
CREATE INDEX sku_mappings_variant ON sku_mappings (variant_id);

-- A bundle: one sold SKU (a variant row, e.g. a Cafe24 set product) that ships as several SKUs.
-- Allocation and shipping take the components' stock, never the sold SKU's. One level only: a
-- component is never itself a bundle.
CREATE TABLE bundles (
    variant_id INTEGER PRIMARY KEY REFERENCES variants(id),
    created_at TEXT NOT NULL
);

CREATE TABLE bundle_components (
    bundle_variant_id    INTEGER NOT NULL REFERENCES bundles(variant_id) ON DELETE CASCADE,
    component_variant_id INTEGER NOT NULL REFERENCES variants(id),
    count                INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (bundle_variant_id, component_variant_id),
    CHECK (bundle_variant_id <> component_variant_id)
);

-- Unmatched lines are looked up by their SKU-less state at every re-plan.
CREATE INDEX order_items_unmatched ON order_items (order_id) WHERE variant_id IS NULL;
