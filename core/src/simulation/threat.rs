//! Carriers of contraband and smuggling waves, drawn once per replication from the
//! threat stream so that every strategy faces the same carriers at the same times.

use super::Model;
use super::streams::{self, Generator, Stream};
use super::traffic::poisson;
use crate::scenario::{Concealment, Contraband, Modality};
use rand::Rng;

/// A period of raised prevalence at one crossing, in hours from the start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wave {
    pub start: f64,
    pub end: f64,
}

#[derive(Clone, Debug)]
pub struct Carrier {
    pub crossing: usize,
    pub modality: Modality,
    pub kind: Contraband,
    pub concealment: Concealment,
    pub amount: f64,
    pub adaptive: bool,
    /// An adaptive carrier who learns the hours a schedule can cover, once it has been
    /// exposed to the schedule for `learning_hours` (its own draw).
    pub learns: bool,
    /// Hours after a crossing's schedule starts before this carrier knows its hours.
    pub learning_hours: f64,
    pub trusted: bool,
    /// When the carrier first intends to cross, in hours from the start.
    pub time: f64,
    /// Seed of the carrier's own decisions, identical under every strategy.
    pub draws: u64,
}

pub struct Threat {
    pub carriers: Vec<Carrier>,
    /// Waves per crossing, sorted by start.
    pub waves: Vec<Vec<Wave>>,
}

impl Threat {
    pub fn draw(model: &Model, replication: u32) -> Self {
        let s = &model.scenario;
        let horizon = model.horizon_hours();
        let mut carriers = Vec::new();
        let mut waves = Vec::with_capacity(s.crossings.len());
        for (c, crossing) in s.crossings.iter().enumerate() {
            let mut rng = streams::generator(model.key(replication, Stream::Carriers, &[c as u64]));
            let wave_params = s.threat.waves;
            let n_waves = poisson(
                &mut rng,
                wave_params.per_year * s.horizon_days as f64 / 365.0,
            );
            let mut own: Vec<Wave> = (0..n_waves)
                .map(|_| {
                    let start = streams::uniform(&mut rng) * horizon;
                    Wave {
                        start,
                        end: (start + wave_params.duration_days * 24.0).min(horizon),
                    }
                })
                .collect();
            own.sort_by(|a, b| a.start.total_cmp(&b.start));

            for m in Modality::ALL {
                let volume = model.volume(c, m);
                if volume <= 0.0 {
                    continue;
                }
                for kind in Contraband::ALL {
                    let per_crossing =
                        s.threat.contraband.get(kind).prevalence_per_100k.get(m) / 1e5;
                    if per_crossing <= 0.0 {
                        continue;
                    }
                    let mean =
                        volume * per_crossing * model.calendar.horizon_share(crossing.border, m);
                    for _ in 0..poisson(&mut rng, mean) {
                        let time = model.calendar.draw_time(
                            crossing.border,
                            m,
                            streams::uniform(&mut rng),
                            streams::uniform(&mut rng),
                            streams::uniform(&mut rng),
                        );
                        carriers.push(new_carrier(model, &mut rng, c, m, kind, time));
                    }
                    // Waves add (multiplier - 1) × the usual rate while they last.
                    let extra = wave_params.multiplier - 1.0;
                    if extra <= 0.0 {
                        continue;
                    }
                    for wave in &own {
                        let expected = volume
                            * per_crossing
                            * extra
                            * model.share_between(crossing.border, m, wave.start, wave.end);
                        let envelope = model.calendar.peak_hourly_share(crossing.border, m);
                        for _ in 0..poisson(&mut rng, expected) {
                            let time = loop {
                                let t = wave.start
                                    + streams::uniform(&mut rng) * (wave.end - wave.start);
                                let here = model.calendar.hourly_share(
                                    crossing.border,
                                    m,
                                    (t as usize).min(model.horizon_hours() as usize - 1),
                                );
                                if streams::uniform(&mut rng) * envelope <= here {
                                    break t;
                                }
                            };
                            carriers.push(new_carrier(model, &mut rng, c, m, kind, time));
                        }
                    }
                }
            }
            waves.push(own);
        }
        Threat { carriers, waves }
    }
}

/// Separates a carrier's learning draws from its other decisions.
const LEARNING_SALT: u64 = 0x1EA2_4E5C_4ED0_0001;

fn new_carrier(
    model: &Model,
    rng: &mut Generator,
    crossing: usize,
    modality: Modality,
    kind: Contraband,
    time: f64,
) -> Carrier {
    let s = &model.scenario;
    let threat = s.threat.contraband.get(kind);
    let u = streams::uniform(rng);
    let mut acc = 0.0;
    let mut concealment = Concealment::Sophisticated;
    for (level, share) in threat.concealment.iter() {
        acc += share;
        if u < acc {
            concealment = level;
            break;
        }
    }
    let z = standard_normal(rng);
    // Log-normal from the median and 90th percentile (z of the 90th percentile is 1.2816).
    let sigma = libm::log(threat.amount.p90 / threat.amount.median) / 1.281_551_565_544_600_5;
    let amount = threat.amount.median * libm::exp(sigma * z);
    let amount = match kind {
        Contraband::Firearms | Contraband::Ammunition => libm::round(amount).max(1.0),
        _ => amount,
    };
    let adaptive = streams::uniform(rng) < s.adversary.adaptive_share;
    let trusted = streams::uniform(rng) < s.threat.trusted_carrier_share;
    let draws = rng.next_u64();
    // Learning draws come from the carrier's own seed, not the crossing's generator, so
    // that the learning fields leave every other carrier's draws as they were.
    let mut learning = streams::Draws::new(streams::mix(draws ^ LEARNING_SALT));
    let learns = adaptive && learning.draw() < s.adversary.learning_share;
    // Exposure needed is exponential: each day of a schedule running brings the same
    // chance of learning it (word of mouth, watching), with the scenario's mean.
    let learning_hours = streams::exponential(s.adversary.learning_days * 24.0, learning.draw());
    Carrier {
        crossing,
        modality,
        kind,
        concealment,
        amount,
        adaptive,
        learns,
        learning_hours,
        trusted,
        time,
        draws,
    }
}

/// A standard normal variate by Box–Muller with libm, so that the amount (a continuous
/// output) is bit-identical on every target whatever features other crates enable.
fn standard_normal(rng: &mut Generator) -> f64 {
    let u1 = 1.0 - streams::uniform(rng);
    let u2 = streams::uniform(rng);
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
}
