//! The analyses a planner starts as one command (on the page or in the CLI), each a
//! staged experiment ([`Staged`]) so that every executor — the CLI in one process, the
//! browser's worker pool stage by stage — drives the same designs and reaches the same
//! decision. The optimiser is one already ([`super::programme::Optimiser`]); the
//! calibration (the record's implication, then the alternative explanations),
//! sensitivity and robustness are wrapped here.
//!
//! A design that cannot be built (no record, an unknown assumption) is an outcome, not a
//! panic: the first `next` answers `Done(Err(why))`.

use super::calibrate::{
    AlternativesPlan, Calibration, Explanation, alternatives_design, calibrate, calibration_design,
    explain,
};
use super::robustness::{Robustness, RobustnessPlan, robustness, robustness_design};
use super::sensitivity::{Sensitivity, SensitivityPlan, sensitivity, sensitivity_design};
use crate::experiment::{Design, Stage, Staged, UnitRecord};
use crate::scenario::ValidScenario;
use serde::{Deserialize, Serialize};

/// What a record implies, and how the strategies read under each explanation of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    pub calibration: Calibration,
    /// Empty when the alternatives were not asked for.
    pub explanations: Vec<Explanation>,
    /// Explanations whose scenario is not valid, with why.
    pub refused: Vec<(String, String)>,
}

/// Calibration as a staged experiment: the baseline on every replication, then (unless
/// declined) every strategy under each alternative explanation of the record.
pub struct CalibrationAnalysis {
    scenario: ValidScenario,
    with_alternatives: bool,
    calibration: Option<Calibration>,
    alternatives: Option<AlternativesPlan>,
}

impl CalibrationAnalysis {
    pub fn new(scenario: ValidScenario, with_alternatives: bool) -> CalibrationAnalysis {
        CalibrationAnalysis {
            scenario,
            with_alternatives,
            calibration: None,
            alternatives: None,
        }
    }

    fn report(&mut self, explanations: Vec<Explanation>) -> CalibrationReport {
        let refused = self
            .alternatives
            .take()
            .map(|plan| {
                plan.refused
                    .into_iter()
                    .map(|(name, why)| (name.to_owned(), why))
                    .collect()
            })
            .unwrap_or_default();
        CalibrationReport {
            calibration: self
                .calibration
                .take()
                .expect("calibrated before the report"),
            explanations,
            refused,
        }
    }
}

impl Staged for CalibrationAnalysis {
    type Outcome = Result<CalibrationReport, String>;

    fn next(&mut self, finished: Option<(&Design, &[UnitRecord])>) -> Stage<Self::Outcome> {
        let Some((design, records)) = finished else {
            return match calibration_design(&self.scenario) {
                Ok(design) => Stage::Run(design),
                Err(e) => Stage::Done(Err(e.to_string())),
            };
        };
        if self.calibration.is_none() {
            let calibration = match calibrate(&self.scenario, records) {
                Ok(c) => c,
                Err(e) => return Stage::Done(Err(e.to_string())),
            };
            self.calibration = Some(calibration);
            if !self.with_alternatives {
                return Stage::Done(Ok(self.report(Vec::new())));
            }
            let calibration = self.calibration.as_ref().expect("just set");
            return match alternatives_design(&self.scenario, calibration) {
                Ok(plan) => {
                    let design = plan.design.clone();
                    self.alternatives = Some(plan);
                    Stage::Run(design)
                }
                Err(e) => Stage::Done(Err(e.to_string())),
            };
        }
        let explanations = explain(design, records);
        Stage::Done(Ok(self.report(explanations)))
    }
}

/// One-at-a-time sensitivity as a (one-stage) staged experiment.
pub struct SensitivityAnalysis {
    plan: Result<SensitivityPlan, String>,
}

impl SensitivityAnalysis {
    /// `assumptions`: the ids to vary, all of them when `None`.
    pub fn new(scenario: &ValidScenario, assumptions: Option<&[String]>) -> SensitivityAnalysis {
        SensitivityAnalysis {
            plan: sensitivity_design(scenario, assumptions).map_err(|e| e.to_string()),
        }
    }
}

impl Staged for SensitivityAnalysis {
    type Outcome = Result<Sensitivity, String>;

    fn next(&mut self, finished: Option<(&Design, &[UnitRecord])>) -> Stage<Self::Outcome> {
        match (&self.plan, finished) {
            (Err(why), _) => Stage::Done(Err(why.clone())),
            (Ok(plan), None) => Stage::Run(plan.design.clone()),
            (Ok(plan), Some((_, records))) => Stage::Done(Ok(sensitivity(plan, records))),
        }
    }
}

/// Robustness over plausible worlds as a (one-stage) staged experiment.
pub struct RobustnessAnalysis {
    plan: Result<RobustnessPlan, String>,
}

impl RobustnessAnalysis {
    pub fn new(scenario: &ValidScenario, worlds: u32, replications: u32) -> RobustnessAnalysis {
        RobustnessAnalysis {
            plan: robustness_design(scenario, worlds, replications).map_err(|e| e.to_string()),
        }
    }
}

impl Staged for RobustnessAnalysis {
    type Outcome = Result<Robustness, String>;

    fn next(&mut self, finished: Option<(&Design, &[UnitRecord])>) -> Stage<Self::Outcome> {
        match (&self.plan, finished) {
            (Err(why), _) => Stage::Done(Err(why.clone())),
            (Ok(plan), None) => Stage::Run(plan.design.clone()),
            (Ok(plan), Some((_, records))) => Stage::Done(Ok(robustness(plan, records))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::{Executor, run_staged};
    use crate::scenario::{presets, record, validate};

    fn small(name: &str) -> ValidScenario {
        let mut s = presets::preset(name).expect("preset");
        s.horizon_days = 28;
        s.replications = 3;
        validate(s).expect("valid")
    }

    #[test]
    fn calibration_without_a_record_is_a_reason_not_a_panic() {
        let mut s = small("jackman").into_inner();
        s.record = None;
        let outcome = run_staged(&mut CalibrationAnalysis::new(
            validate(s).expect("valid"),
            true,
        ))
        .expect("merged");
        assert!(
            outcome
                .expect_err("no record")
                .contains("no seizure record")
        );
    }

    #[test]
    fn calibration_stages_give_what_the_cli_steps_give() {
        let mut s = small("san-ysidro").into_inner();
        s.record = record::record_preset("oig-fy2018-22");
        let valid = validate(s).expect("valid");
        let report = run_staged(&mut CalibrationAnalysis::new(valid.clone(), true))
            .expect("merged")
            .expect("calibrated");
        // The same steps by hand.
        let design = calibration_design(&valid).expect("design");
        let records = Executor::default().run_range(&design, 0..design.len());
        let calibration = calibrate(&valid, &records).expect("calibration");
        assert_eq!(report.calibration, calibration);
        let plan = alternatives_design(&valid, &calibration).expect("alternatives");
        let records = Executor::default().run_range(&plan.design, 0..plan.design.len());
        assert_eq!(report.explanations, explain(&plan.design, &records));
        assert!(!report.explanations.is_empty());
    }

    #[test]
    fn an_unknown_assumption_is_a_reason() {
        let valid = small("jackman");
        let outcome = run_staged(&mut SensitivityAnalysis::new(
            &valid,
            Some(&[String::from("no_such_thing")]),
        ))
        .expect("merged");
        assert!(outcome.expect_err("unknown").contains("no_such_thing"));
    }

    #[test]
    fn zero_worlds_is_a_reason() {
        let valid = small("jackman");
        let outcome = run_staged(&mut RobustnessAnalysis::new(&valid, 0, 2)).expect("merged");
        assert!(outcome.is_err());
    }
}
