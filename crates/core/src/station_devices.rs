//! The station's own scale and serial scanner (placeholder until the devices runtime lands).

use crate::desk::Desk;

impl Desk {
    /// A settled, non-zero weight not yet used for another parcel, taken (so it never carries
    /// over to the next parcel). None when no scale is configured or nothing settled.
    pub fn take_stable_weight(&self) -> Option<u32> {
        None
    }
}
