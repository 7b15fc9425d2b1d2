//! The analyses as the pool drives them: each kind's staged experiment from the core,
//! with its outcome turned into the page's [`AnalysisOutcome`], so the pool handles one
//! type whatever the analysis.

use std::rc::Rc;

use egress_core::decide::analyses::{CalibrationAnalysis, RobustnessAnalysis, SensitivityAnalysis};
use egress_core::decide::programme::Optimiser;
use egress_core::experiment::{Design, Stage, Staged, UnitRecord};
use egress_core::scenario::ValidScenario;
use egress_core::scenario::assurance::AssuranceSettings;

use crate::state::{AnalysisKind, AnalysisOutcome};

/// Plausible worlds and replications in each when the scenario has no `assurance`
/// section (the core's defaults, the bench's 64 × 5); a scenario's own settings win.
pub const ROBUSTNESS_WORLDS: u32 = 64;
pub const ROBUSTNESS_REPLICATIONS: u32 = 5;

/// A staged experiment whose outcome is what the page shows, or why there is none.
pub type PageAnalysis = Box<dyn Staged<Outcome = Result<AnalysisOutcome, String>>>;

/// A core staged experiment, its outcome mapped into the page's.
struct Shown<S, F> {
    experiment: S,
    show: F,
}

impl<S, F> Staged for Shown<S, F>
where
    S: Staged,
    F: Fn(S::Outcome) -> Result<AnalysisOutcome, String>,
{
    type Outcome = Result<AnalysisOutcome, String>;

    fn next(&mut self, finished: Option<(&Design, &[UnitRecord])>) -> Stage<Self::Outcome> {
        match self.experiment.next(finished) {
            Stage::Run(design) => Stage::Run(design),
            Stage::Done(outcome) => Stage::Done((self.show)(outcome)),
        }
    }

    fn decided(&self) -> Option<(u32, u32)> {
        self.experiment.decided()
    }

    fn partial(&self) -> Option<Self::Outcome> {
        self.experiment.partial().map(&self.show)
    }
}

fn shown<S, F>(experiment: S, show: F) -> PageAnalysis
where
    S: Staged + 'static,
    F: Fn(S::Outcome) -> Result<AnalysisOutcome, String> + 'static,
{
    Box::new(Shown { experiment, show })
}

/// The staged experiment of `kind` on `scenario`, or why it cannot be made.
pub fn page_analysis(kind: AnalysisKind, scenario: ValidScenario) -> Result<PageAnalysis, String> {
    Ok(match kind {
        AnalysisKind::Programme => shown(
            Optimiser::new(scenario).map_err(|e| e.to_string())?,
            |result| Ok(AnalysisOutcome::Programme(Rc::new(result))),
        ),
        AnalysisKind::Calibration => shown(CalibrationAnalysis::new(scenario, true), |report| {
            report.map(|r| AnalysisOutcome::Calibration(Rc::new(r)))
        }),
        AnalysisKind::Sensitivity => shown(SensitivityAnalysis::new(&scenario, None), |s| {
            s.map(|s| AnalysisOutcome::Sensitivity(Rc::new(s)))
        }),
        AnalysisKind::Robustness => {
            // The scenario's own settings, so its share link reproduces the analysis.
            let settings = AssuranceSettings::of(&scenario);
            shown(
                RobustnessAnalysis::new(
                    &scenario,
                    settings.worlds,
                    settings.replications_per_world,
                ),
                |r| r.map(|r| AnalysisOutcome::Robustness(Rc::new(r))),
            )
        }
    })
}
