//! 95% intervals: Student-t across replications, Wilson for a pooled proportion.
//! Quantiles come from a table and a polynomial expansion (no transcendental
//! functions), so intervals are bit-identical on every target.

use serde::{Deserialize, Serialize};

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// t(0.975, df) for df = 1..=30.
const T975: [f64; 30] = [
    12.706_205, 4.302_653, 3.182_446, 2.776_445, 2.570_582, 2.446_912, 2.364_624, 2.306_004,
    2.262_157, 2.228_139, 2.200_985, 2.178_813, 2.160_369, 2.144_787, 2.131_450, 2.119_905,
    2.109_816, 2.100_922, 2.093_024, 2.085_963, 2.079_614, 2.073_873, 2.068_658, 2.063_899,
    2.059_539, 2.055_529, 2.051_831, 2.048_407, 2.045_230, 2.042_272,
];

/// The 97.5% quantile of Student's t with `df` degrees of freedom.
pub fn t975(df: usize) -> f64 {
    match df {
        0 => f64::INFINITY,
        1..=30 => T975[df - 1],
        _ => {
            // Cornish–Fisher expansion around the normal quantile (error < 1e-6 for df > 30).
            let z = Z95;
            let v = df as f64;
            let z3 = z * z * z;
            let z5 = z3 * z * z;
            let z7 = z5 * z * z;
            let z9 = z7 * z * z;
            z + (z3 + z) / (4.0 * v)
                + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
                + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v * v * v)
                + (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z)
                    / (92_160.0 * v * v * v * v)
        }
    }
}

/// Mean of replications with a 95% Student-t interval.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct Interval {
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    /// Replications that had a value.
    pub n: u32,
}

impl Interval {
    pub fn from_values(values: &[f64]) -> Self {
        let n = values.len();
        if n == 0 {
            return Interval::default();
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        if n == 1 {
            return Interval {
                mean,
                low: mean,
                high: mean,
                n: 1,
            };
        }
        let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64;
        let half = t975(n - 1) * (variance / n as f64).sqrt();
        Interval {
            mean,
            low: mean - half,
            high: mean + half,
            n: n as u32,
        }
    }

    /// For quantities that cannot be negative.
    pub fn at_least_zero(self) -> Self {
        Interval {
            low: self.low.max(0.0),
            ..self
        }
    }

    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }

    pub fn half_width(&self) -> f64 {
        (self.high - self.low) / 2.0
    }
}

/// A proportion pooled over replications with its 95% Wilson score interval.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct Proportion {
    pub successes: u64,
    pub trials: u64,
    pub rate: f64,
    pub low: f64,
    pub high: f64,
}

impl Proportion {
    pub fn wilson(successes: u64, trials: u64) -> Self {
        if trials == 0 {
            return Proportion::default();
        }
        let n = trials as f64;
        let p = successes as f64 / n;
        let z2 = Z95 * Z95;
        let denominator = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denominator;
        let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
        Proportion {
            successes,
            trials,
            rate: p,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_join_the_table_smoothly() {
        assert!((t975(30) - 2.042_272).abs() < 1e-6);
        // Reference values: t(0.975, 31) = 2.039513, t(0.975, 60) = 2.000298, t(0.975, 120) = 1.979930.
        assert!((t975(31) - 2.039_513).abs() < 2e-6, "{}", t975(31));
        assert!((t975(60) - 2.000_298).abs() < 2e-6, "{}", t975(60));
        assert!((t975(120) - 1.979_930).abs() < 2e-6, "{}", t975(120));
    }

    #[test]
    fn interval_of_known_values() {
        let i = Interval::from_values(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(i.mean, 2.5);
        // s = sqrt(5/3), half = t(3) * s / 2
        let half = 3.182_446 * (5.0_f64 / 3.0).sqrt() / 2.0;
        assert!((i.high - 2.5 - half).abs() < 1e-12);
    }

    #[test]
    fn wilson_matches_a_textbook_case() {
        // 8 of 10: Wilson 95% interval is (0.4902, 0.9433).
        let p = Proportion::wilson(8, 10);
        assert!(
            (p.low - 0.4902).abs() < 1e-4 && (p.high - 0.9433).abs() < 1e-4,
            "{p:?}"
        );
        assert_eq!(Proportion::wilson(0, 0).rate, 0.0);
    }
}
