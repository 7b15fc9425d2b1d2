//! What one replication of one strategy measured. These records cross the worker
//! boundary as JSON, are summed into intervals by `summary`, and are the unit of
//! determinism: the same scenario, seed, replication and strategy give the same record.

use crate::scenario::{Contraband, Modality, PerContraband, PerModality};
use serde::{Deserialize, Serialize};

/// What finally happened to each carrier; the four outcomes partition the carriers.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct CarrierOutcomes {
    pub attempted: u64,
    pub detected: u64,
    pub undetected: u64,
    /// Moved to another crossing (or out of the scenario) and crossed undetected there.
    pub displaced: u64,
    /// Gave up after spotting an operation.
    pub deterred: u64,
    /// Carriers who moved crossing, whatever happened to them next.
    pub moved: u64,
    /// Carriers who waited at least once after spotting an operation.
    pub waited: u64,
}

impl CarrierOutcomes {
    /// Carriers the strategy stopped from smuggling: detected, or deterred (gave up
    /// after spotting an operation). The one definition of "disrupted"; displaced
    /// carriers are not in it (they crossed elsewhere).
    pub fn disrupted(&self) -> u64 {
        self.detected + self.deterred
    }
}

/// Carriers and amounts for one slice (a contraband type, a modality).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub attempted: u64,
    pub detected: u64,
    pub amount_attempted: f64,
    pub amount_seized: f64,
}

impl Tally {
    pub fn record(&mut self, detected: bool, amount: f64) {
        self.attempted += 1;
        self.amount_attempted += amount;
        if detected {
            self.detected += 1;
            self.amount_seized += amount;
        }
    }
}

/// Vehicle accounting: every arrival is screened, waved through, or still in the system.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct VehicleFlow {
    /// Every outbound crossing in the horizon (carriers included).
    pub exits: u64,
    /// Arrivals while an operation covering their traffic ran.
    pub met_operation: u64,
    /// Stopped and inspected to completion.
    pub screened: u64,
    /// Everyone else who left: no operation, not selected, exempt, flushed or released.
    pub waved_through: u64,
    /// Met an operation but was not picked (or was an exempt trusted traveller).
    pub not_selected: u64,
    /// Selected but waved through because the secondary bays (or, for interviews at the
    /// booth, the road storage) were full: officers stop pulling vehicles in.
    pub flushed: u64,
    /// Still waiting when the operation ended (at its planned end or on a recall to
    /// inbound work) and released uninspected.
    pub released_on_recall: u64,
    /// In inspection when the horizon ended.
    pub in_system_at_end: u64,
}

/// Waiting time of screened vehicles.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Waits {
    pub screened: u64,
    pub total_seconds: f64,
    pub p95_seconds: f64,
    /// Sum over arrivals of the number already waiting; by PASTA its mean is the
    /// time-average queue length, an estimate independent of `total_seconds`.
    pub queue_seen_by_arrivals: u64,
    /// Arrivals that joined the inspection queue (screened, released or in system).
    pub joined: u64,
    /// Hours during which operations admitted vehicles.
    pub admitting_hours: f64,
    /// Screened vehicles whose wait before inspection was more than zero.
    #[serde(default)]
    pub waited: u64,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Budget {
    /// Rostered hours within the shift at the loaded rate (redeployed from inbound).
    pub officers_regular: f64,
    pub officers_overtime: f64,
    /// Overtime past the annual cap, worked by officers hired for it (loaded rate).
    pub officers_hired: f64,
    pub setup: f64,
    /// All X-ray: shared units' hours and units bought for outbound.
    pub nii: f64,
    /// The part of `nii` for units bought for outbound.
    pub nii_bought: f64,
    pub traveller_delay: f64,
    /// Full cost: officers (regular, overtime, hired), set-up, X-ray, traveller delay.
    pub total: f64,
    /// New money an outbound office would request: overtime, hires, set-up and units
    /// bought for outbound (regular hours and shared units already exist).
    pub new_money: f64,
}

/// The reportable metrics OIG asked for, per crossing.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct CrossingReplication {
    pub exits: u64,
    pub operations: u64,
    pub operation_hours: f64,
    pub officer_hours: f64,
    pub budget: f64,
    pub inspections: u64,
    pub carriers: u64,
    pub detected: u64,
    /// Carriers who arrived here after moving from another crossing.
    pub moved_in: u64,
}

/// One sample day at the scenario's first crossing (replication 0 only), for charts.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct SampleDay {
    pub day: u32,
    pub arrivals: Vec<u64>,
    pub operation_minutes: Vec<f64>,
    /// Time-average number of vehicles waiting, per hour.
    pub mean_queue: Vec<f64>,
    pub screened: Vec<u64>,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct StrategyReplication {
    pub replication: u32,
    pub strategy: u32,
    pub carriers: CarrierOutcomes,
    pub by_contraband: PerContraband<Tally>,
    pub by_modality: PerModality<Tally>,
    pub vehicles: VehicleFlow,
    pub waits: Waits,
    pub inspections: u64,
    pub searches: u64,
    pub false_alarm_searches: u64,
    pub operations: u64,
    pub operations_cancelled: u64,
    /// Minimum-frequency fill-ins that fitted nowhere inside the operating hours before
    /// the next operation, so were not run (never moved outside the hours).
    #[serde(default)]
    pub fill_ins_not_placed: u64,
    pub operations_cut_short: u64,
    pub operation_hours: f64,
    /// Rostered officers' hours within their shift: hours taken from inbound work.
    pub officer_hours_regular: f64,
    pub officer_hours_overtime: f64,
    /// Overtime past the annual cap, worked by officers hired for outbound.
    pub officer_hours_hired: f64,
    pub delay_vehicle_hours: f64,
    /// Hours X-ray units shared with inbound spent on outbound operations.
    pub nii_shared_unit_hours: f64,
    pub budget: Budget,
    /// Share of operation time falling in each clock hour, over all crossings.
    pub operation_hours_by_clock_hour: Vec<f64>,
    pub crossings: Vec<CrossingReplication>,
    pub sample_day: Option<SampleDay>,
}

impl StrategyReplication {
    pub fn detection_rate(&self) -> f64 {
        ratio(
            self.carriers.detected as f64,
            self.carriers.attempted as f64,
        )
    }

    pub fn seized(&self, kind: Contraband) -> f64 {
        self.by_contraband.get(kind).amount_seized
    }

    pub fn modality(&self, m: Modality) -> &Tally {
        self.by_modality.get(m)
    }
}

/// A ratio that is 0 when nothing was counted, so empty slices never give NaN.
pub fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        numerator / denominator
    } else {
        0.0
    }
}
