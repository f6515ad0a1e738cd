-- Documents beyond the waybill (issue 5): what packing slips, pick lists, customs labels and
-- warranty cards print.

-- Unit price of a line in minor units of the order's currency (KRW: won), from Cafe24's
-- product_price; 0 for orders collected before this column existed.
ALTER TABLE order_items ADD COLUMN unit_price INTEGER NOT NULL DEFAULT 0;

-- Names a warranty card may print instead of the shop's product name (Cafe24's
-- eng_product_name, supply_product_name, model_name), and customs data for CN22/CN23.
ALTER TABLE products ADD COLUMN name_en TEXT;
ALTER TABLE products ADD COLUMN supplier_name TEXT;
ALTER TABLE products ADD COLUMN model_name TEXT;
ALTER TABLE products ADD COLUMN hs_code TEXT;
ALTER TABLE products ADD COLUMN origin TEXT NOT NULL DEFAULT 'KR';

-- 로케이션: where a SKU sits on the shelves; pick lists walk the shelves in this order.
ALTER TABLE variants ADD COLUMN location TEXT;

-- International parcels go by Korea Post EMS / K-Packet with UPU S10 numbers; the mall's
-- shipping_company_code is learnt from its carrier list like the others.
INSERT OR IGNORE INTO carriers (code, name, cafe24_code) VALUES ('ems', '우체국 EMS', NULL);
