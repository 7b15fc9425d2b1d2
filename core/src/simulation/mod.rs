//! The discrete-event simulation: one replication of one strategy at a time.
//!
//! Flow inside a replication: traffic counts and carriers are drawn once (shared by
//! every strategy: common random numbers); each strategy then plans its operations per
//! crossing, routes every carrier (adaptive ones may learn, spot, wait, move or give up),
//! and runs the inspection queue only for the hours an operation covers. Traffic that
//! meets no operation is counted in bulk, never simulated vehicle by vehicle.

mod adversary;
mod calendar;
mod operations;
mod placement;
mod queue;
mod staffing;
mod strategy;
pub mod streams;
mod support;
mod threat;
mod traffic;

pub use calendar::{Calendar, month_of};
pub use operations::{Operation, OperationPlan};
pub use queue::{Admission, InspectionQueue};

use crate::metrics::StrategyReplication;
use crate::scenario::{Border, Modality, PerModality, Plan, ValidScenario};
use streams::Stream;
use threat::Threat;
use traffic::DayCounts;

/// A validated scenario with the tables the simulation reads on every draw.
pub struct Model {
    pub scenario: ValidScenario,
    pub calendar: Calendar,
    volumes: Vec<PerModality<f64>>,
    /// Per crossing and modality, where a carrier who moves goes (and how far).
    nearest: Vec<PerModality<Option<(usize, f64)>>>,
}

/// Draws shared by all strategies of one replication.
pub struct Replication {
    pub index: u32,
    day_counts: DayCounts,
    threat: Threat,
}

impl Model {
    pub fn new(scenario: ValidScenario) -> Self {
        let calendar = Calendar::new(&scenario);
        let volumes = scenario
            .crossings
            .iter()
            .map(|c| {
                PerModality::from_fn(|m| {
                    c.annual_inbound.get(m) * scenario.traffic.modalities.get(m).outbound_factor
                })
            })
            .collect();
        let volumes: Vec<PerModality<f64>> = volumes;
        let max_detour = scenario.adversary.max_detour_km;
        let nearest = (0..scenario.crossings.len())
            .map(|i| {
                let here = &scenario.crossings[i];
                PerModality::from_fn(|m| {
                    // Only a crossing that carries the carrier's kind of traffic, on the
                    // same border, within the longest detour.
                    scenario
                        .crossings
                        .iter()
                        .enumerate()
                        .filter(|(j, c)| {
                            *j != i && c.border == here.border && *volumes[*j].get(m) > 0.0
                        })
                        .map(|(j, c)| (j, distance_km(here.lat, here.lon, c.lat, c.lon)))
                        .filter(|(_, km)| *km <= max_detour)
                        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
                })
            })
            .collect();
        Model {
            scenario,
            calendar,
            volumes,
            nearest,
        }
    }

    pub fn key(&self, replication: u32, stream: Stream, parts: &[u64]) -> u64 {
        streams::key(self.scenario.seed, replication, stream, parts)
    }

    /// Outbound crossings per year.
    pub fn volume(&self, crossing: usize, modality: Modality) -> f64 {
        *self.volumes[crossing].get(modality)
    }

    pub fn horizon_hours(&self) -> f64 {
        (self.calendar.days * 24) as f64
    }

    /// Where a carrier of `modality` who leaves `crossing` goes, and how far it is.
    pub fn nearest_crossing(&self, crossing: usize, modality: Modality) -> Option<(usize, f64)> {
        *self.nearest[crossing].get(modality)
    }

    pub fn plan(&self, strategy: usize, crossing: usize) -> &Plan {
        self.scenario.strategies[strategy].plan_for(&self.scenario.crossings[crossing])
    }

    /// Share of a year's volume between two times (hours from the start).
    pub fn share_between(&self, border: Border, modality: Modality, from: f64, to: f64) -> f64 {
        let mut total = 0.0;
        let mut t = from.max(0.0);
        let to = to.min(self.horizon_hours());
        while t < to {
            let hour = t as usize;
            let next = ((hour + 1) as f64).min(to);
            total += self.calendar.hourly_share(border, modality, hour) * (next - t);
            t = next;
        }
        total
    }

    /// The draws every strategy of replication `index` shares.
    pub fn replication(&self, index: u32) -> Replication {
        Replication {
            index,
            day_counts: DayCounts::draw(self, index),
            threat: Threat::draw(self, index),
        }
    }

    /// The operations strategy `strategy` plans at each crossing in a replication,
    /// after cancellations, minimum frequency and recalls (what `run` then staffs).
    pub fn planned_operations(
        &self,
        replication: &Replication,
        strategy: usize,
    ) -> Vec<OperationPlan> {
        (0..self.scenario.crossings.len())
            .map(|c| {
                operations::plan_operations(
                    self,
                    self.plan(strategy, c),
                    c,
                    replication.index,
                    strategy,
                    &replication.threat.waves[c],
                )
            })
            .collect()
    }

    /// One strategy in one replication.
    pub fn run(&self, replication: &Replication, strategy: usize) -> StrategyReplication {
        strategy::run(self, replication, strategy)
    }

    /// Every strategy in one replication, drawing the shared traffic and carriers once.
    pub fn run_replication(&self, index: u32) -> Vec<StrategyReplication> {
        let replication = self.replication(index);
        (0..self.scenario.strategies.len())
            .map(|s| self.run(&replication, s))
            .collect()
    }

    /// Replications `from..to` of every strategy, in (replication, strategy) order.
    pub fn run_range(&self, from: u32, to: u32) -> Vec<StrategyReplication> {
        (from..to).flat_map(|r| self.run_replication(r)).collect()
    }
}

/// Great-circle distance; libm keeps it identical on every target.
fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let rad = std::f64::consts::PI / 180.0;
    let (p1, p2) = (lat1 * rad, lat2 * rad);
    let dp = p2 - p1;
    let dl = (lon2 - lon1) * rad;
    let (sp, sl) = (libm::sin(dp / 2.0), libm::sin(dl / 2.0));
    let a = sp * sp + libm::cos(p1) * libm::cos(p2) * sl * sl;
    2.0 * 6371.0 * libm::asin(libm::sqrt(a).min(1.0))
}
