//! Running units: the one place where a design meets the simulation.

use super::design::Design;
use super::records::UnitRecord;
use crate::simulation::{Model, Replication};

/// Runs units of a design. Keeps a model per variant (built when first needed) and the
/// shared draws of the last replication, so a run of consecutive units — one
/// replication's strategies — draws its traffic and carriers once. It holds no borrow
/// of the design, so a worker can keep both; given another design, it starts afresh.
#[derive(Default)]
pub struct Executor {
    experiment: String,
    models: Vec<Option<Model>>,
    last: Option<(u32, Replication)>,
}

impl Executor {
    /// Runs unit `index` of `design`; `None` when the design has no such unit.
    pub fn run(&mut self, design: &Design, index: u64) -> Option<UnitRecord> {
        let unit = design.unit(index)?;
        if self.experiment != design.fingerprint() {
            self.experiment = design.fingerprint().to_owned();
            self.models = design.variants.iter().map(|_| None).collect();
            self.last = None;
        }
        let v = unit.variant as usize;
        let model =
            self.models[v].get_or_insert_with(|| Model::new(design.variants[v].scenario.clone()));
        let reuse = matches!(&self.last, Some((variant, r)) if *variant == unit.variant && r.index == unit.replication);
        if !reuse {
            self.last = Some((unit.variant, model.replication(unit.replication)));
        }
        let (_, replication) = self.last.as_ref()?;
        let record = model.run(replication, unit.strategy as usize);
        Some(UnitRecord {
            experiment: self.experiment.clone(),
            unit: index,
            record,
        })
    }

    /// Runs units `range` of `design` (clipped to it), in order.
    pub fn run_range(&mut self, design: &Design, range: std::ops::Range<u64>) -> Vec<UnitRecord> {
        range.filter_map(|i| self.run(design, i)).collect()
    }
}
