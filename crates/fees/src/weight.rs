//! Chargeable weight: the greater of actual and volumetric weight, rounded up to the service's
//! step. Carriers bill the space a box takes in the plane, not only its mass.

/// Outer box dimensions in millimetres, in any order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dims {
    pub l_mm: u32,
    pub w_mm: u32,
    pub h_mm: u32,
}

impl Dims {
    pub fn new(l_mm: u32, w_mm: u32, h_mm: u32) -> Dims {
        Dims { l_mm, w_mm, h_mm }
    }

    /// Sides sorted longest first: size rules speak of "the longest side" whatever way the
    /// packer measured the box.
    pub fn sorted(&self) -> [u32; 3] {
        let mut s = [self.l_mm, self.w_mm, self.h_mm];
        s.sort_unstable_by(|a, b| b.cmp(a));
        s
    }

    pub fn volume_mm3(&self) -> u64 {
        u64::from(self.l_mm) * u64::from(self.w_mm) * u64::from(self.h_mm)
    }
}

/// Volumetric weight in grams, rounded up to the gram. The divisor is the carrier's
/// cm³-per-kg figure (5000, 6000); conveniently mm³ / divisor is then grams.
pub fn volumetric_grams(dims: Dims, divisor: u32) -> u32 {
    if divisor == 0 {
        return 0;
    }
    let g = dims.volume_mm3().div_ceil(u64::from(divisor));
    u32::try_from(g).unwrap_or(u32::MAX)
}

/// Rounds `grams` up to a multiple of `step_g` (a step of 0 or 1 leaves it as it is).
pub fn round_up_to_step(grams: u32, step_g: u32) -> u32 {
    if step_g <= 1 {
        return grams;
    }
    let steps = u64::from(grams).div_ceil(u64::from(step_g));
    u32::try_from(steps * u64::from(step_g)).unwrap_or(u32::MAX)
}

/// max(actual, L×W×H / divisor), rounded UP to `step_g`. Without dimensions only the actual
/// weight counts.
pub fn chargeable_weight(actual_g: u32, dims_mm: Option<Dims>, divisor: u32, step_g: u32) -> u32 {
    let volumetric = dims_mm.map_or(0, |d| volumetric_grams(d, divisor));
    round_up_to_step(actual_g.max(volumetric), step_g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumetric_is_cm3_over_divisor_in_kg() {
        // 30 × 20 × 10 cm = 6000 cm³ → 1 kg at /6000, 1.2 kg at /5000.
        let d = Dims::new(300, 200, 100);
        assert_eq!(volumetric_grams(d, 6000), 1000);
        assert_eq!(volumetric_grams(d, 5000), 1200);
        // 3호 box 34 × 25 × 21 cm = 17850 cm³ → 2.975 kg at /6000 (reference §3.1).
        assert_eq!(volumetric_grams(Dims::new(340, 250, 210), 6000), 2975);
        // A remainder rounds up to the next gram.
        assert_eq!(volumetric_grams(Dims::new(1, 1, 6001), 6000), 2);
    }

    #[test]
    fn chargeable_takes_the_greater_and_rounds_up() {
        assert_eq!(chargeable_weight(1250, None, 6000, 1), 1250);
        assert_eq!(
            chargeable_weight(1250, Some(Dims::new(300, 200, 100)), 6000, 1),
            1250
        );
        assert_eq!(
            chargeable_weight(800, Some(Dims::new(300, 200, 100)), 5000, 500),
            1500
        );
        assert_eq!(chargeable_weight(1001, None, 5000, 500), 1500);
        assert_eq!(chargeable_weight(1000, None, 5000, 500), 1000);
        assert_eq!(chargeable_weight(101, None, 6000, 100), 200);
        assert_eq!(chargeable_weight(100, None, 6000, 100), 100);
    }
}
