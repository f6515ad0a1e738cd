-- 0011_merge_options_mismatch (issue 4, 배송): the mismatch view (판매처와 배송상태 불일치).
--
-- Merge options (domestic only, per seller) are station settings (`settings` rows merge.*): no table.
--
-- Collection lists only orders still waiting (N10/N20) and re-reads unshipped ones; an order we
-- shipped is never read again. The status re-check of shipped orders writes the shop's item
-- statuses back and stamps the order, so "the shop still shows 배송준비중" is only said about a
-- status read *after* our push was confirmed.
ALTER TABLE orders ADD COLUMN status_checked_at TEXT;

-- What a person did about a mismatch, kept as history (the order id is a plain integer: an order
-- row is never deleted while it has a shipped parcel).
CREATE TABLE mismatch_fixes (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('push_not_applied', 'shipped_elsewhere', 'push_failed')),
    action     TEXT NOT NULL CHECK (action IN ('requeue_push', 'mark_shipped', 'retry_push')),
    fixed_at   TEXT NOT NULL
);
CREATE INDEX mismatch_fixes_order ON mismatch_fixes (order_id);
