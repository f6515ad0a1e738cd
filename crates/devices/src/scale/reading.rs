/// One weight report from a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reading {
    /// Weight in grams (rounded). Meaningless when `state` is [`ScaleState::Overload`] (then 0).
    pub grams: i64,
    /// The scale itself reported the weight as settled (ST header, lamp stable bit, …).
    pub stable: bool,
    pub state: ScaleState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScaleState {
    Stable,
    Motion,
    Overload,
    /// Negative weight: the platform was tared or zeroed with something on it.
    UnderZero,
}

impl Reading {
    /// Classifies a parsed weight. Under-zero wins over motion: a negative weight is never
    /// usable, whether or not it has settled.
    pub fn weight(grams: i64, stable: bool) -> Self {
        let state = if grams < 0 {
            ScaleState::UnderZero
        } else if stable {
            ScaleState::Stable
        } else {
            ScaleState::Motion
        };
        Self {
            grams,
            stable,
            state,
        }
    }

    pub fn overload() -> Self {
        Self {
            grams: 0,
            stable: false,
            state: ScaleState::Overload,
        }
    }

    /// The weight a shipment may use: only a settled, in-range, non-negative weight.
    pub fn stable_grams(&self) -> Option<i64> {
        (self.state == ScaleState::Stable).then_some(self.grams)
    }
}
