//! Outbound traffic as a non-homogeneous Poisson process with a piecewise-constant
//! rate (constant within a clock hour). It is drawn top-down so that most of it is only
//! counted: a count per crossing, modality and day; a split of a day into hours only
//! for days with an operation; and individual arrivals only for hours an operation
//! touches. Each level has its own keyed stream, so every strategy sees exactly the
//! same vehicles whichever hours it happens to materialise.

use super::Model;
use super::streams::{self, Generator, Stream};
use crate::scenario::Modality;
use rand::Rng;
use rand_distr::{Binomial, Distribution, Poisson};

/// Poisson count with mean `mean` (0 for a non-positive mean).
pub fn poisson(rng: &mut Generator, mean: f64) -> u64 {
    match Poisson::new(mean) {
        Ok(p) if mean > 0.0 => p.sample(rng) as u64,
        _ => 0,
    }
}

pub fn binomial(rng: &mut Generator, n: u64, p: f64) -> u64 {
    if n == 0 || p <= 0.0 {
        0
    } else if p >= 1.0 {
        n
    } else {
        Binomial::new(n, p).map_or(0, |b| b.sample(rng))
    }
}

/// Vehicles per crossing, modality and day of one replication, shared by all strategies.
pub struct DayCounts {
    days: usize,
    counts: Vec<u32>,
}

impl DayCounts {
    pub fn draw(model: &Model, replication: u32) -> Self {
        let days = model.calendar.days;
        let crossings = &model.scenario.crossings;
        let mut counts = Vec::with_capacity(crossings.len() * Modality::COUNT * days);
        for (c, crossing) in crossings.iter().enumerate() {
            for m in Modality::ALL {
                let volume = model.volume(c, m);
                let mut rng = streams::generator(model.key(
                    replication,
                    Stream::DayCounts,
                    &[c as u64, m.index() as u64],
                ));
                for d in 0..days {
                    let mean = volume * model.calendar.day_share(crossing.border, m, d);
                    counts.push(poisson(&mut rng, mean).min(u64::from(u32::MAX)) as u32);
                }
            }
        }
        DayCounts { days, counts }
    }

    pub fn get(&self, crossing: usize, modality: Modality, day: usize) -> u32 {
        self.counts[(crossing * Modality::COUNT + modality.index()) * self.days + day]
    }

    pub fn crossing_total(&self, crossing: usize) -> u64 {
        let start = crossing * Modality::COUNT * self.days;
        self.counts[start..start + Modality::COUNT * self.days]
            .iter()
            .map(|c| u64::from(*c))
            .sum()
    }
}

/// Splits a day's count into clock hours (a multinomial by sequential binomials).
pub fn hour_counts(
    model: &Model,
    replication: u32,
    crossing: usize,
    modality: Modality,
    day: usize,
    count: u32,
) -> [u32; 24] {
    let mut rng = streams::generator(model.key(
        replication,
        Stream::HourSplit,
        &[crossing as u64, modality.index() as u64, day as u64],
    ));
    let shares = model.calendar.hour_shares(modality);
    let mut out = [0u32; 24];
    let mut left = u64::from(count);
    let mut share_left = 1.0;
    for h in 0..23 {
        if left == 0 {
            break;
        }
        let p = if share_left > 0.0 {
            (shares[h] / share_left).min(1.0)
        } else {
            0.0
        };
        let x = binomial(&mut rng, left, p);
        out[h] = x as u32;
        left -= x;
        share_left -= shares[h];
    }
    out[23] += left as u32;
    out
}

/// One vehicle arriving while an operation might be running.
#[derive(Clone, Copy, Debug)]
pub struct Arrival {
    pub time: f64,
    pub modality: Modality,
    /// Seed of the vehicle's own draws (trusted status, selection, service).
    pub draws: u64,
    /// Index into the replication's carriers, if this vehicle carries contraband.
    pub carrier: Option<u32>,
}

/// Draws the arrivals of one clock hour that fall in `[from, to)` and appends those
/// `keep` accepts. Sorting is left to the caller, who only needs to order the few kept.
#[allow(clippy::too_many_arguments)]
pub fn hour_arrivals(
    model: &Model,
    replication: u32,
    crossing: usize,
    modality: Modality,
    hour_of_horizon: usize,
    count: u32,
    from: f64,
    to: f64,
    out: &mut Vec<Arrival>,
    mut keep: impl FnMut(&Arrival) -> bool,
) {
    let mut rng = streams::generator(model.key(
        replication,
        Stream::Arrivals,
        &[
            crossing as u64,
            modality.index() as u64,
            hour_of_horizon as u64,
        ],
    ));
    let base = hour_of_horizon as f64;
    for _ in 0..count {
        // Given the hour's count, arrival times are independent and uniform in the hour.
        let time = base + streams::uniform(&mut rng);
        let draws = rng.next_u64();
        if time >= from && time < to {
            let arrival = Arrival {
                time,
                modality,
                draws,
                carrier: None,
            };
            if keep(&arrival) {
                out.push(arrival);
            }
        }
    }
}
