//! Station settings as key/value text (default printer, demo flags, ...).

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

pub const DEFAULT_PRINTER: &str = "printer.default";
pub const SCALE_PORT: &str = "scale.port";
pub const MODE: &str = "station.mode";
pub const SENDER_NAME: &str = "sender.name";
pub const SENDER_PHONE: &str = "sender.phone";
pub const SENDER_ADDRESS: &str = "sender.address";
pub const DEFAULT_CARRIER: &str = "carrier.default";
/// 사업자등록번호 printed on packing slips (거래명세서).
pub const BUSINESS_NO: &str = "docs.business_no";
/// Base of the QR on warranty cards: `<url>/<warranty number>` opens the digital warranty.
pub const WARRANTY_URL: &str = "docs.warranty_url";
/// 보증기간 as the card prints it, e.g. `구입일로부터 1년`.
pub const WARRANTY_PERIOD: &str = "docs.warranty_period";
/// 고객센터 line on warranty cards.
pub const SUPPORT_CONTACT: &str = "docs.support";
/// Which product name a warranty card prints: name | english | supplier | model.
pub const WARRANTY_NAME_SOURCE: &str = "docs.warranty_name_source";
/// What a reprint does with the invoice number: "same" (default) keeps it, "new" takes a new one
/// from the pool and voids the old.
pub const REPRINT_POLICY: &str = "print.reprint_policy";
/// The station's known printers as JSON (`[{"uri", "name", "format"}]`), beside the default one.
pub const KNOWN_PRINTERS: &str = "printer.known";
/// How much underpayment of an international fee is tolerated: "10%" or a KRW amount ("1000").
pub const FEE_TOLERANCE: &str = "fee.tolerance";
/// The export declaration fee per international parcel, KRW (default 500).
pub const FEE_EXPORT_DECLARATION_KRW: &str = "fee.export_declaration_krw";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
