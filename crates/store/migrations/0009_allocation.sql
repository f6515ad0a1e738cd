-- 0009_allocation (issue 4, 할당): 미할당주문나누기 splits one order's lines over two parcels.
--
-- The smallest model change that keeps every existing query right: an order still joins its
-- parcel(s) through parcel_orders, and a line may carry an override `order_items.parcel_id`.
-- Rule (every line in exactly one parcel): a line belongs to `order_items.parcel_id` when set,
-- else to the order's only parcel_orders row. An order with more than one parcel_orders row has
-- the override set on every one of its lines (the split writes both sides), so queries join
-- parcel_orders → order_items with `AND (i.parcel_id IS NULL OR i.parcel_id = po.parcel_id)`.
ALTER TABLE order_items ADD COLUMN parcel_id INTEGER REFERENCES parcels(id);
CREATE INDEX order_items_parcel ON order_items (parcel_id) WHERE parcel_id IS NOT NULL;

-- parcel_orders without UNIQUE(order_id): a split order sits in two parcels. Nothing references
-- this table, so it is rebuilt in place.
CREATE TABLE parcel_orders_new (
    parcel_id INTEGER NOT NULL REFERENCES parcels(id),
    order_id  INTEGER NOT NULL REFERENCES orders(id),
    PRIMARY KEY (parcel_id, order_id)
);
INSERT INTO parcel_orders_new (parcel_id, order_id) SELECT parcel_id, order_id FROM parcel_orders;
DROP TABLE parcel_orders;
ALTER TABLE parcel_orders_new RENAME TO parcel_orders;
CREATE INDEX parcel_orders_order ON parcel_orders (order_id, parcel_id);
