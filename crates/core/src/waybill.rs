//! Builds the label data of a parcel from the store: receiver, lines, sender settings.

use packdesk_labels::{LabelItem, Party, Waybill};
use packdesk_store::orders::ReceiverIn;
use packdesk_store::{Connection, parcels, pool, settings};

use crate::clock::kst_date;
use crate::error::{DeskError, Result};
use crate::normalize::{digits, short_address};

pub(crate) fn build(
    c: &Connection,
    parcel_id: i64,
    no: u32,
    reprint: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Waybill> {
    let core = parcels::get(c, parcel_id)?
        .ok_or_else(|| DeskError::Internal(format!("parcel {parcel_id} vanished")))?;
    let r = parcels::receiver(c, parcel_id)?
        .ok_or_else(|| DeskError::Internal(format!("parcel {parcel_id} has no receiver")))?;
    let lines = parcels::lines(c, parcel_id)?;
    let carrier_name = pool::carrier(c, &core.carrier)?
        .map(|carrier| carrier.name)
        .ok_or_else(|| DeskError::UnknownCarrier(core.carrier.clone()))?;
    Ok(Waybill {
        tracking_no: core.tracking_no.clone().unwrap_or_default(),
        carrier_name,
        // The carrier's address-refinement service assigns the real 분류코드; offline we print the
        // postcode, which every terminal can sort by.
        sort_code: r.zipcode.clone(),
        received: kst_date(now),
        copy: (1, 1),
        reprint,
        short_address: short_address(&r.address1),
        recipient: recipient(&r),
        sender: sender(c)?,
        items: lines
            .iter()
            .map(|l| LabelItem {
                name: l.product_name.clone(),
                option: l.option_text.clone(),
                qty: l.quantity.max(0) as u32,
            })
            .collect(),
        message: r.message.clone(),
        parcel_no: no,
        order_ids: crate::worklist::order_ids(&lines),
    })
}

/// The receiver as labels print them (masked when drawn, never here).
pub(crate) fn recipient(r: &ReceiverIn) -> Party {
    Party {
        name: r.name.clone(),
        phone: r.phone.clone(),
        mobile: r.mobile.clone(),
        zipcode: r.zipcode.clone(),
        address: format!("{} {}", r.address1, r.address2).trim().to_string(),
    }
}

/// The shop as sender, from the station's settings.
pub(crate) fn sender(c: &Connection) -> Result<Party> {
    let setting = |k: &str| -> Result<String> { Ok(settings::get(c, k)?.unwrap_or_default()) };
    Ok(Party {
        name: setting(settings::SENDER_NAME)?,
        phone: digits(&setting(settings::SENDER_PHONE)?),
        mobile: String::new(),
        zipcode: String::new(),
        address: setting(settings::SENDER_ADDRESS)?,
    })
}
