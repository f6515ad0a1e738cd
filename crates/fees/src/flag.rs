//! Flagging parcels whose customer paid less shipping than the parcel costs.

/// How much underpayment the owner tolerates before a parcel is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tolerance {
    /// A fixed amount of KRW.
    Krw(u64),
    /// A whole percentage of the quoted fee.
    Percent(u32),
}

/// The shortfall (quote − paid) when it exceeds the tolerance; None when the customer paid
/// enough, or close enough.
pub fn undercharged(quote_krw: u64, paid_krw: u64, tolerance: Tolerance) -> Option<u64> {
    let shortfall = quote_krw.saturating_sub(paid_krw);
    let allowed = match tolerance {
        Tolerance::Krw(krw) => krw,
        Tolerance::Percent(pct) => quote_krw.saturating_mul(u64::from(pct)) / 100,
    };
    (shortfall > allowed).then_some(shortfall)
}
