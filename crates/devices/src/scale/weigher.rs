//! The desk's rule for taking a weight: only a settled, positive weight is accepted, once, and
//! the next parcel's weight is only accepted after the platform has been seen empty again —
//! so a parcel's weight can never be carried over to the next parcel.
use super::{Protocol, Reading, ScaleState};

/// Weights at or below this many grams count as an empty platform (drift, dust, a label).
pub const DEFAULT_ZERO_BAND_GRAMS: i64 = 20;
/// For protocols without a stability flag: identical consecutive readings needed to call a
/// weight settled.
pub const DEFAULT_REPEATS_FOR_STABLE: u32 = 3;

#[derive(Debug, Clone)]
pub struct StableWeigher {
    zero_band: i64,
    /// `Some(n)` when the protocol reports no stability and it is inferred from n repeats.
    infer_after: Option<u32>,
    last: Option<i64>,
    repeats: u32,
    accepted: Option<i64>,
}

impl StableWeigher {
    pub fn new(protocol: Protocol) -> Self {
        Self {
            zero_band: DEFAULT_ZERO_BAND_GRAMS,
            infer_after: (!protocol.reports_stability()).then_some(DEFAULT_REPEATS_FOR_STABLE),
            last: None,
            repeats: 0,
            accepted: None,
        }
    }

    pub fn with_zero_band(mut self, grams: i64) -> Self {
        self.zero_band = grams.max(0);
        self
    }

    /// Feeds one reading; returns the parcel's weight the first time a settled weight above
    /// the zero band is seen since the platform was last empty.
    pub fn feed(&mut self, reading: &Reading) -> Option<i64> {
        let settled = self.settled(reading);
        if self.accepted.is_some() {
            // Only an empty platform releases the last parcel: a stable weight near zero or a
            // negative one. A moving reading near zero is not proof (status-only frames carry
            // no weight at all).
            let empty = reading.state == ScaleState::UnderZero
                || (settled && reading.grams <= self.zero_band);
            if empty {
                self.accepted = None;
            }
            return None;
        }
        if settled && reading.grams > self.zero_band {
            self.accepted = Some(reading.grams);
            return Some(reading.grams);
        }
        None
    }

    /// The weight accepted for the parcel now on the platform, until it is taken off.
    pub fn accepted(&self) -> Option<i64> {
        self.accepted
    }

    /// Waiting for the platform to be emptied before the next weight is accepted.
    pub fn waiting_for_empty(&self) -> bool {
        self.accepted.is_some()
    }

    /// Accepts the weight on the platform again (the packer asked to re-weigh), or starts
    /// over after the scale was reconnected.
    pub fn rearm(&mut self) {
        self.accepted = None;
        self.last = None;
        self.repeats = 0;
    }

    fn settled(&mut self, reading: &Reading) -> bool {
        let Some(needed) = self.infer_after else {
            return reading.state == ScaleState::Stable;
        };
        if matches!(reading.state, ScaleState::Overload | ScaleState::UnderZero) {
            self.last = None;
            self.repeats = 0;
            return false;
        }
        if self.last == Some(reading.grams) {
            self.repeats = self.repeats.saturating_add(1);
        } else {
            self.last = Some(reading.grams);
            self.repeats = 1;
        }
        self.repeats >= needed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stable(g: i64) -> Reading {
        Reading::weight(g, true)
    }
    fn moving(g: i64) -> Reading {
        Reading::weight(g, false)
    }

    #[test]
    fn accepts_a_stable_weight_once_and_waits_for_empty() {
        let mut w = StableWeigher::new(Protocol::Generic);
        assert_eq!(w.feed(&moving(600)), None);
        assert_eq!(w.feed(&moving(1_230)), None);
        assert_eq!(w.feed(&stable(1_234)), Some(1_234));
        assert_eq!(
            w.feed(&stable(1_234)),
            None,
            "the same parcel is not weighed twice"
        );
        assert!(w.waiting_for_empty());
        // The next parcel put on without emptying the platform is refused...
        assert_eq!(w.feed(&stable(2_000)), None);
        // ...moving near zero is not proof of an empty platform...
        assert_eq!(w.feed(&moving(0)), None);
        assert_eq!(w.feed(&stable(2_000)), None);
        // ...a settled zero is.
        assert_eq!(w.feed(&stable(0)), None);
        assert!(!w.waiting_for_empty());
        assert_eq!(w.feed(&stable(2_000)), Some(2_000));
    }

    #[test]
    fn zero_negative_overload_and_motion_are_ignored() {
        let mut w = StableWeigher::new(Protocol::Generic);
        for r in [
            stable(0),
            stable(15),
            stable(-300),
            Reading::overload(),
            moving(900),
            Reading::status_only(ScaleState::Motion),
        ] {
            assert_eq!(w.feed(&r), None, "{r:?}");
        }
        assert_eq!(w.feed(&stable(21)), Some(21));
    }

    #[test]
    fn negative_weight_releases_the_last_parcel() {
        let mut w = StableWeigher::new(Protocol::Toledo8217);
        assert_eq!(w.feed(&stable(500)), Some(500));
        assert_eq!(w.feed(&Reading::status_only(ScaleState::UnderZero)), None);
        assert_eq!(w.feed(&stable(500)), Some(500));
    }

    #[test]
    fn rearm_takes_the_same_parcel_again() {
        let mut w = StableWeigher::new(Protocol::Generic).with_zero_band(0);
        assert_eq!(w.feed(&stable(1)), Some(1));
        w.rearm();
        assert_eq!(w.feed(&stable(1)), Some(1));
    }

    #[test]
    fn statusless_protocol_needs_repeated_identical_readings() {
        let mut w = StableWeigher::new(Protocol::Cas10);
        assert_eq!(w.feed(&moving(1_000)), None);
        assert_eq!(w.feed(&moving(1_200)), None);
        assert_eq!(w.feed(&moving(1_200)), None);
        assert_eq!(w.feed(&moving(1_200)), Some(1_200));
        // Emptying needs a settled zero too.
        assert_eq!(w.feed(&moving(0)), None);
        assert_eq!(w.feed(&moving(0)), None);
        assert_eq!(w.feed(&moving(0)), None);
        assert!(!w.waiting_for_empty());
        for _ in 0..2 {
            assert_eq!(w.feed(&moving(800)), None);
        }
        assert_eq!(w.feed(&moving(800)), Some(800));
    }
}
