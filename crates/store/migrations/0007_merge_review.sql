-- 합포 확인필요 (issue 4): parcels whose receivers share name and address but not the phone numbers
-- are not merged automatically; a person decides. An order can be locked so it never merges.

-- The parcel ids are plain integers, not foreign keys: a parcel emptied by a merge or a re-merge is
-- deleted while its decided reviews stay as history (a review whose parcel is gone reads "gone").
CREATE TABLE merge_reviews (
    id         INTEGER PRIMARY KEY,
    parcel_a   INTEGER NOT NULL,
    parcel_b   INTEGER NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'kept_apart', 'gone')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    UNIQUE (parcel_a, parcel_b)
);
CREATE INDEX merge_reviews_open ON merge_reviews (status, id);

ALTER TABLE orders ADD COLUMN never_merge INTEGER NOT NULL DEFAULT 0;
