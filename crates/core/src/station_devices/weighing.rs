//! The desk's weight rule on top of [`StableWeigher`]: a settled, positive weight is offered
//! for the parcel on the platform; taking it (a scan that ships the parcel) uses it up, and the
//! next weight is only offered after the platform was seen empty — a weight never carries over.
//! A weight nobody took follows the platform (an item added before the scan re-weighs).
use packdesk_devices::scale::{Protocol, Reading, ScaleState, StableWeigher};

#[derive(Debug)]
pub struct Weighing {
    weigher: StableWeigher,
    reports_stability: bool,
    /// The last fresh reading; None while disconnected or silent.
    current: Option<Reading>,
    /// The accepted weight was used for a parcel: wait for the platform to be emptied.
    taken: bool,
}

impl Weighing {
    pub fn new(protocol: Protocol) -> Self {
        Self {
            weigher: StableWeigher::new(protocol),
            reports_stability: protocol.reports_stability(),
            current: None,
            taken: false,
        }
    }

    /// A reading the frame could be used as "the same settled weight" by.
    fn settled(&self, r: &Reading) -> bool {
        if self.reports_stability {
            r.state == ScaleState::Stable
        } else {
            !matches!(r.state, ScaleState::Overload | ScaleState::UnderZero)
        }
    }

    /// Feeds one new frame's reading.
    pub fn feed(&mut self, reading: Reading) {
        self.current = Some(reading);
        if !self.taken
            && let Some(accepted) = self.weigher.accepted()
            && (reading.grams != accepted || !self.settled(&reading))
        {
            // Not used yet and the platform changed: weigh again from scratch.
            self.weigher.rearm();
        }
        self.weigher.feed(&reading);
        if !self.weigher.waiting_for_empty() {
            self.taken = false;
        }
    }

    /// The weight a parcel may use now (not taking it).
    pub fn offered(&self) -> Option<i64> {
        if self.taken {
            return None;
        }
        let accepted = self.weigher.accepted()?;
        let current = self.current?;
        (current.grams == accepted && self.settled(&current)).then_some(accepted)
    }

    /// Takes the offered weight: it is not offered again until the platform was emptied.
    pub fn take(&mut self) -> Option<i64> {
        let grams = self.offered()?;
        self.taken = true;
        Some(grams)
    }

    /// The scale went silent (no fresh frame): nothing is offered until it speaks again.
    pub fn silent(&mut self) {
        self.current = None;
    }

    /// The link dropped. A weight already used stays used (the same parcel may still be on the
    /// platform after replugging); one nobody took is weighed again.
    pub fn link_lost(&mut self) {
        self.current = None;
        if !self.taken {
            self.weigher.rearm();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stable(g: i64) -> Reading {
        Reading::weight(g, true)
    }

    fn fed(w: &mut Weighing, readings: &[Reading]) {
        for r in readings {
            w.feed(*r);
        }
    }

    #[test]
    fn a_weight_is_taken_once_and_again_only_after_empty() {
        let mut w = Weighing::new(Protocol::Generic);
        fed(&mut w, &[Reading::weight(600, false), stable(1_234)]);
        assert_eq!(w.take(), Some(1_234));
        assert_eq!(w.take(), None);
        // Next parcel put on without emptying: refused.
        fed(&mut w, &[stable(2_000), stable(2_000)]);
        assert_eq!(w.take(), None);
        fed(
            &mut w,
            &[stable(0), Reading::weight(900, false), stable(2_000)],
        );
        assert_eq!(w.take(), Some(2_000));
    }

    #[test]
    fn an_untaken_weight_follows_the_platform() {
        let mut w = Weighing::new(Protocol::Generic);
        fed(&mut w, &[stable(1_000)]);
        assert_eq!(w.offered(), Some(1_000));
        fed(&mut w, &[Reading::weight(1_100, false)]);
        assert_eq!(w.offered(), None, "moving: nothing offered");
        fed(&mut w, &[stable(1_250)]);
        assert_eq!(w.take(), Some(1_250));
    }

    #[test]
    fn motion_overload_negative_and_silence_are_not_taken() {
        let mut w = Weighing::new(Protocol::Generic);
        for r in [
            Reading::weight(800, false),
            Reading::overload(),
            stable(-300),
            stable(0),
            stable(10),
        ] {
            w.feed(r);
            assert_eq!(w.take(), None, "{r:?}");
        }
        w.feed(stable(500));
        w.silent();
        assert_eq!(w.take(), None, "a silent scale offers nothing");
        w.feed(stable(500));
        assert_eq!(w.take(), Some(500));
    }

    #[test]
    fn a_taken_weight_stays_taken_across_a_replug() {
        let mut w = Weighing::new(Protocol::Generic);
        w.feed(stable(700));
        assert_eq!(w.take(), Some(700));
        w.link_lost();
        w.feed(stable(700));
        assert_eq!(w.take(), None, "the same parcel after a replug");
        fed(&mut w, &[stable(0), stable(900)]);
        assert_eq!(w.take(), Some(900));
    }

    #[test]
    fn statusless_scales_settle_by_repeats() {
        let mut w = Weighing::new(Protocol::Cas10);
        let r = Reading::weight(1_200, false);
        fed(&mut w, &[r, r]);
        assert_eq!(w.take(), None);
        w.feed(r);
        assert_eq!(w.take(), Some(1_200));
    }
}
