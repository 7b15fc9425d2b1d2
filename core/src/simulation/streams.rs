//! Random streams. Every random number comes from a generator seeded by hashing the
//! scenario seed with the replication and a stream key, never from OS entropy. Keys
//! name *what* is drawn (the traffic of one crossing-day, the carriers of one crossing…)
//! rather than the order of drawing, which gives common random numbers across
//! strategies and makes results independent of how replications are split among workers.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

pub type Generator = Xoshiro256PlusPlus;

#[derive(Clone, Copy, Debug)]
#[repr(u64)]
pub enum Stream {
    DayCounts = 1,
    HourSplit = 2,
    Arrivals = 3,
    Carriers = 4,
    Schedule = 5,
    Connectivity = 6,
    NiiUptime = 7,
}

/// SplitMix64 finaliser: a bijective mix with good avalanche, used to combine keys.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A key for one named stream of one replication.
pub fn key(seed: u64, replication: u32, stream: Stream, parts: &[u64]) -> u64 {
    let mut h = mix(seed ^ mix(u64::from(replication) ^ ((stream as u64) << 56)));
    for p in parts {
        h = mix(h ^ p.wrapping_mul(0x2545_F491_4F6C_DD1D));
    }
    h
}

pub fn generator(key: u64) -> Generator {
    Generator::seed_from_u64(key)
}

/// A uniform number in [0, 1) from 53 random bits.
pub fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform number in [0, 1) from a generator.
pub fn uniform(rng: &mut Generator) -> f64 {
    unit(rng.next_u64())
}

/// An exponential variate with the given mean from a uniform in [0, 1).
/// libm keeps the logarithm identical on native and wasm32 targets.
pub fn exponential(mean: f64, u: f64) -> f64 {
    -mean * libm::log(1.0 - u)
}

/// A cheap sequence of uniforms derived from one seed, for the few per-vehicle draws.
pub struct Draws(u64);

impl Draws {
    pub fn new(seed: u64) -> Self {
        Draws(seed)
    }
    pub fn draw(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        unit(mix(self.0))
    }
}
