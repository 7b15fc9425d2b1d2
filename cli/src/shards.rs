//! `--units A..B`, `--shard I/K` and `--records FILE`: which units of a design this
//! process runs, and the record file it writes them to — the same three options for
//! every command that runs a design (`run`, `optimise`, `calibrate`, `sensitivity`).

use clap::Args;
use egress_core::experiment::{Design, Executor, shard, write_header};
use std::ops::Range;

/// The units of a design to run here, and where their records go.
#[derive(Args, Clone, Debug, Default)]
pub struct UnitSelection {
    /// Run only these units (half-open, e.g. `0..400`) and write their records to
    /// --records.
    #[arg(
        long,
        value_name = "A..B",
        conflicts_with = "shard",
        requires = "records"
    )]
    pub units: Option<String>,
    /// Run the I-th (from 0) of K near-equal parts of the units (e.g. `3/8`), as a job
    /// array task would; needs --records.
    #[arg(long, value_name = "I/K", requires = "records")]
    pub shard: Option<String>,
    /// Where to write the records (JSON lines; `egress merge` reads them): of --units
    /// or --shard, or of every unit without either.
    #[arg(long, value_name = "FILE")]
    pub records: Option<String>,
}

impl UnitSelection {
    /// The units asked for among `total`: --units, --shard, or all of them.
    pub fn range(&self, total: u64) -> Result<Range<u64>, String> {
        match (&self.units, &self.shard) {
            (Some(units), _) => parse_units(units, total),
            (None, Some(shard)) => parse_shard(shard, total),
            (None, None) => Ok(0..total),
        }
    }

    /// With --records, runs the units asked for and writes them (`Some(())`); without,
    /// `None`: the caller runs everything and decides.
    pub fn write(&self, design: &Design) -> Option<Result<(), String>> {
        let out = self.records.as_ref()?;
        Some(
            self.range(design.len())
                .and_then(|range| write_records(design, range, out)),
        )
    }
}

/// `A..B` (half-open) within `0..total`.
fn parse_units(text: &str, total: u64) -> Result<Range<u64>, String> {
    let bad = || {
        format!("--units {text}: expected A..B with A ≤ B ≤ {total} (the run has {total} units)")
    };
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let (a, b): (u64, u64) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a > b || b > total {
        return Err(bad());
    }
    Ok(a..b)
}

/// `I/K`: the I-th (from 0) of K parts.
fn parse_shard(text: &str, total: u64) -> Result<Range<u64>, String> {
    let bad = || format!("--shard {text}: expected I/K with 0 ≤ I < K (e.g. 0/4)");
    let (i, k) = text.split_once('/').ok_or_else(bad)?;
    let (i, k): (u64, u64) = (
        i.trim().parse().map_err(|_| bad())?,
        k.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || i >= k {
        return Err(bad());
    }
    Ok(shard(total, i, k))
}

/// Runs `range` of `design` and writes the record file (to a temporary name first, so
/// a task killed half-way leaves no file that looks complete).
pub fn write_records(design: &Design, range: Range<u64>, out: &str) -> Result<(), String> {
    use std::io::Write as _;
    let partial = format!("{out}.partial");
    let file = std::fs::File::create(&partial).map_err(|e| format!("{partial}: {e}"))?;
    let mut writer = std::io::BufWriter::new(file);
    let fail = |e: std::io::Error| format!("{partial}: {e}");
    writer
        .write_all(write_header(design, range.clone()).as_bytes())
        .map_err(fail)?;
    let mut executor = Executor::default();
    for index in range {
        if let Some(record) = executor.run(design, index) {
            let line = serde_json::to_string(&record).map_err(|e| e.to_string())?;
            writer.write_all(line.as_bytes()).map_err(fail)?;
            writer.write_all(b"\n").map_err(fail)?;
        }
    }
    writer.flush().map_err(fail)?;
    drop(writer);
    std::fs::rename(&partial, out).map_err(|e| format!("{out}: {e}"))
}
