//! Experiments run in stages (sequential designs): the optimiser's screening and
//! ranking-and-selection ask for more replications of the candidates still open, after
//! seeing the records of the stage before.
//!
//! Each stage is an ordinary [`Design`], executed by any executor and merged like any
//! other; what the next stage asks for is a pure function of the merged records so far,
//! so the same seed gives the same stages and the same decision however the units of
//! each stage were split.

use super::design::Design;
use super::execute::Executor;
use super::records::{MergeError, UnitRecord, merge};

/// What a staged experiment wants next.
#[derive(Debug)]
pub enum Stage<O> {
    /// Run every unit of this design and hand back its merged records.
    Run(Design),
    /// Decided.
    Done(O),
}

/// A sequential experiment: a state machine over stages.
pub trait Staged {
    type Outcome;
    /// The first stage when `finished` is `None`; otherwise the stage after the one
    /// whose merged records (in unit order) are given.
    fn next(&mut self, finished: Option<(&Design, &[UnitRecord])>) -> Stage<Self::Outcome>;

    /// How many of its parts (the optimiser's crossings, say) the experiment has
    /// decided, of how many: what a progress bar can say when the number of stages is
    /// not known in advance. `None` when it has no such parts.
    fn decided(&self) -> Option<(u32, u32)> {
        None
    }

    /// What is decided so far, as an outcome of its own (the optimiser's crossings
    /// already chosen), so a long experiment's results fill in while it runs. `None`
    /// when nothing is decided yet or the experiment has no such parts.
    fn partial(&self) -> Option<Self::Outcome> {
        None
    }
}

/// Runs a staged experiment to its decision in this process (the CLI's way; the
/// browser's worker pool drives the same [`Staged::next`] with its workers).
pub fn run_staged<S: Staged>(experiment: &mut S) -> Result<S::Outcome, MergeError> {
    let mut executor = Executor::default();
    let mut stage = experiment.next(None);
    loop {
        match stage {
            Stage::Done(outcome) => return Ok(outcome),
            Stage::Run(design) => {
                let records = executor.run_range(&design, 0..design.len());
                let records = merge(&design, records)?;
                stage = experiment.next(Some((&design, &records)));
            }
        }
    }
}

/// Where a staged experiment stands, given the records found so far.
#[derive(Debug)]
pub enum Progress<O> {
    /// This stage has no records yet: run it (its units may be sharded like any
    /// design's), then replay again with its records added.
    Pending {
        /// 1-based, as the stages' labels count them ("optimise, stage 1") and as the
        /// CLI's messages print them.
        stage: usize,
        design: Design,
    },
    Done(O),
}

/// Replays a staged experiment from records gathered anywhere (record files of earlier
/// stages, written by any executors in any split): each stage's design is asked for,
/// its records are looked up by the stage's fingerprint and merged, and the next stage
/// follows — so a batch system can run one stage at a time (an array job per stage,
/// then a job that replays to find the next) and reach the same decision as
/// [`run_staged`]. Records of a stage that are present but incomplete are an error
/// naming the missing units; records of no stage reached are refused as foreign.
pub fn replay<S: Staged>(
    experiment: &mut S,
    records: &[UnitRecord],
) -> Result<Progress<S::Outcome>, MergeError> {
    let mut stage = experiment.next(None);
    let mut index = 1;
    let mut reached: Vec<String> = Vec::new();
    let progress = loop {
        match stage {
            Stage::Done(outcome) => break Progress::Done(outcome),
            Stage::Run(design) => {
                reached.push(design.fingerprint().to_owned());
                let mine: Vec<UnitRecord> = records
                    .iter()
                    .filter(|r| r.experiment == design.fingerprint())
                    .cloned()
                    .collect();
                if mine.is_empty() && !design.is_empty() {
                    break Progress::Pending {
                        stage: index,
                        design,
                    };
                }
                let merged = merge(&design, mine)?;
                stage = experiment.next(Some((&design, &merged)));
                index += 1;
            }
        }
    };
    // Records of no stage this experiment reached belong to another one (another
    // scenario, seed or version), or to a stage that cannot have run yet.
    if let Some(foreign) = records.iter().find(|r| !reached.contains(&r.experiment)) {
        return Err(MergeError::Foreign {
            file: String::from("records"),
            experiment: foreign.experiment.clone(),
            expected: reached.join(" or "),
        });
    }
    Ok(progress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::Variant;
    use crate::scenario::{presets, validate};

    /// Asks for replications two at a time until it has six of strategy 0.
    struct SixReplications {
        seen: u32,
    }

    impl Staged for SixReplications {
        type Outcome = (u32, usize);
        fn next(&mut self, finished: Option<(&Design, &[UnitRecord])>) -> Stage<(u32, usize)> {
            if let Some((_, records)) = finished {
                self.seen += records.len() as u32;
            }
            if self.seen >= 6 {
                return Stage::Done((self.seen, 0));
            }
            let mut s = presets::preset("jackman").expect("preset");
            s.horizon_days = 14;
            s.replications = 10;
            let variant = Variant {
                scenario: validate(s).expect("valid"),
                replications: self.seen..self.seen + 2,
                strategies: vec![0],
            };
            Stage::Run(
                Design::new(format!("stage {}", self.seen / 2), vec![variant]).expect("design"),
            )
        }
    }

    #[test]
    fn stages_run_until_the_experiment_decides() {
        let outcome = run_staged(&mut SixReplications { seen: 0 }).expect("merged");
        assert_eq!(outcome.0, 6);
    }

    #[test]
    fn replaying_stage_by_stage_reaches_the_same_decision() {
        let mut gathered: Vec<UnitRecord> = Vec::new();
        let mut stages_run = 0;
        loop {
            match replay(&mut SixReplications { seen: 0 }, &gathered).expect("replayed") {
                Progress::Pending { stage, design } => {
                    assert_eq!(stage, stages_run + 1, "stages count from 1");
                    // Run the stage in two shards, the second first.
                    let half = design.len() / 2;
                    let mut executor = Executor::default();
                    gathered.extend(executor.run_range(&design, half..design.len()));
                    gathered.extend(executor.run_range(&design, 0..half));
                    stages_run += 1;
                }
                Progress::Done(outcome) => {
                    assert_eq!(
                        outcome,
                        run_staged(&mut SixReplications { seen: 0 }).expect("run")
                    );
                    break;
                }
            }
        }
        assert_eq!(stages_run, 3);
        // A record of another experiment is refused, not ignored.
        let mut foreign = gathered.clone();
        let mut stranger = gathered[0].clone();
        stranger.experiment = String::from("another");
        foreign.push(stranger);
        let err = replay(&mut SixReplications { seen: 0 }, &foreign).expect_err("foreign");
        assert!(matches!(err, MergeError::Foreign { .. }), "{err}");
        // A stage with part of its records is an error naming what is missing.
        gathered.remove(3);
        let err = replay(&mut SixReplications { seen: 0 }, &gathered).expect_err("incomplete");
        assert!(matches!(err, MergeError::Missing { .. }), "{err}");
    }
}
