-- Packdesk schema v3: weighing at the desk and international shipping fees (issue 6).

-- Where a parcel goes: ISO 3166 alpha-2 from Cafe24's receiver.country_code. KR = domestic.
ALTER TABLE receivers ADD COLUMN country_code TEXT NOT NULL DEFAULT 'KR';

-- The weight the desk measured and, for international parcels, what the fee came to.
ALTER TABLE parcels ADD COLUMN weight_g INTEGER;
ALTER TABLE parcels ADD COLUMN fee_krw INTEGER;
-- NULL | 'undercharged' (the customer paid less shipping than the fee, beyond the tolerance)
--      | 'over_limit' (the service refuses the parcel).
ALTER TABLE parcels ADD COLUMN fee_flag TEXT CHECK (fee_flag IN ('undercharged', 'over_limit'));
-- The whole weighing outcome as JSON (quote lines, paid, conversion), as the desk showed it.
ALTER TABLE parcels ADD COLUMN fee_json TEXT;
ALTER TABLE parcels ADD COLUMN weighed_at TEXT;
CREATE INDEX parcels_fee_flag ON parcels (fee_flag) WHERE fee_flag IS NOT NULL;

-- The shop's fixed exchange rate: KRW per 1 unit of its currency, as the owner typed it
-- (decimal text, so 1385.5 stays exact). NULL for KRW shops.
ALTER TABLE shops ADD COLUMN krw_per_unit TEXT;
-- The international service its parcels are priced with: ems | kpacket | express.
ALTER TABLE shops ADD COLUMN intl_service TEXT NOT NULL DEFAULT 'ems';
