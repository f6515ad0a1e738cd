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

    /// A status-only answer (Toledo `?` status, MT-SICS `S -`, CAS ECR in motion without
    /// digits): the state is known, the weight is not (then 0).
    pub fn status_only(state: ScaleState) -> Self {
        Self {
            grams: 0,
            stable: false,
            state,
        }
    }

    /// A settled reading of exactly nothing on the platform.
    pub fn is_zero(&self) -> bool {
        self.state == ScaleState::Stable && self.grams == 0
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

/// What a test screen or the UI shows for one frame: the reading's state, with "zero" and
/// "error" told apart. ([`ScaleState`] keeps its four variants because callers match on it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indication {
    Stable,
    Motion,
    Overload,
    Underload,
    Zero,
    /// The scale reported an error, or the frame could not be read.
    Error,
}

impl Indication {
    pub fn of(result: &Result<Reading, super::FrameError>) -> Self {
        match result {
            Ok(r) if r.is_zero() => Indication::Zero,
            Ok(r) => match r.state {
                ScaleState::Stable => Indication::Stable,
                ScaleState::Motion => Indication::Motion,
                ScaleState::Overload => Indication::Overload,
                ScaleState::UnderZero => Indication::Underload,
            },
            Err(_) => Indication::Error,
        }
    }

    /// Stable identifier for the UI.
    pub fn id(self) -> &'static str {
        match self {
            Indication::Stable => "stable",
            Indication::Motion => "motion",
            Indication::Overload => "overload",
            Indication::Underload => "under_zero",
            Indication::Zero => "zero",
            Indication::Error => "error",
        }
    }
}
