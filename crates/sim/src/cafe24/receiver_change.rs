//! A buyer or operator editing the shipping address or phone numbers of an order
//! after it was placed — what re-collection must notice before the label prints.

use super::model::SimReceiver;

/// The fields to change; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceiverChange {
    pub name: Option<String>,
    pub phone: Option<String>,
    /// Cafe24's `cellphone` (mobile).
    pub cellphone: Option<String>,
    pub zipcode: Option<String>,
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub shipping_message: Option<String>,
}

impl ReceiverChange {
    pub fn apply(&self, r: &mut SimReceiver) {
        let set = |field: &mut String, value: &Option<String>| {
            if let Some(v) = value {
                field.clone_from(v);
            }
        };
        set(&mut r.name, &self.name);
        set(&mut r.phone, &self.phone);
        set(&mut r.cellphone, &self.cellphone);
        set(&mut r.zipcode, &self.zipcode);
        set(&mut r.address1, &self.address1);
        set(&mut r.address2, &self.address2);
        set(&mut r.shipping_message, &self.shipping_message);
    }
}
