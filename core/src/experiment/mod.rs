//! Experiments: every question a planner asks, as scenario variants × replications.
//!
//! A plain run, an optimisation stage, a calibration or a sensitivity analysis is a
//! [`Design`]: a list of scenario variants and, for each, the replications and
//! strategies to simulate. A design numbers its [`Unit`]s (one replication of one
//! strategy of one variant) with stable indices, so any executor — the browser's worker
//! pool, `egress run --units a..b`, a Slurm array task — can run any subset, and the
//! records it writes ([`UnitRecord`], keyed by the design's fingerprint and the unit
//! index) merge back into the same ordered set however the units were split
//! ([`merge`]). What the records mean (a summary, a programme, a tornado) is decided
//! elsewhere (`summary`, `decide`), always from the merged, ordered records.
//!
//! Common random numbers need nothing here: the simulation keys its random streams by
//! what is drawn (seed, replication, crossing, day, carrier), never by the variant or
//! strategy, so variants that share a seed and crossings see the same traffic.

mod design;
mod execute;
mod records;
mod stages;

pub use design::{Design, DesignError, Unit, Variant, shard};
pub use design::{DesignSpec, VariantSpec};
pub use execute::Executor;
pub use records::{
    MergeError, MergeFilesError, RECORDS_FORMAT, RecordFileError, RecordsHeader, UnitRecord, merge,
    merge_files, read_record_file, write_header,
};
pub use stages::{Progress, Stage, Staged, replay, run_staged};
