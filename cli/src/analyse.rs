//! `egress calibrate` and `egress sensitivity`: the core's staged analyses
//! (`decide::analyses`: the same stages the browser's worker pool drives) run here, or
//! the units asked for of their first stage written to a record file; `egress merge`
//! reaches [`print_decision`] for record files of these designs.

use crate::shards::UnitSelection;
use crate::{Format, scenario_for_run};
use clap::Args;
use egress_core::decide::analyses::{CalibrationAnalysis, RobustnessAnalysis, SensitivityAnalysis};
use egress_core::decide::calibrate::{
    ALTERNATIVES_LABEL, CALIBRATE_LABEL, Calibration, Explanation, calibration_csv, explain,
    explanations_csv, rebase,
};
use egress_core::decide::robustness::{Robustness, RobustnessPlan, robustness, robustness_csv};
use egress_core::decide::sensitivity::{
    Sensitivity, SensitivityPlan, sensitivity, sensitivity_csv,
};
use egress_core::experiment::{Design, Progress, Stage, Staged, UnitRecord, replay, run_staged};
use egress_core::scenario::record::{RECORD_PRESETS, record_preset};
use egress_core::scenario::{ValidScenario, validate};
use serde_json::{Value, json as value};

/// What every analysis takes: the scenario and how to run its design.
#[derive(Args)]
pub struct Common {
    file: String,
    #[arg(long)]
    replications: Option<u32>,
    #[arg(long)]
    seed: Option<u64>,
    /// JSON, or CSV (tables one after another, a blank line between).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// --units/--shard/--records: run part of the design here and write its records;
    /// `egress merge` prints the decision from the files.
    #[command(flatten)]
    select: UnitSelection,
}

#[derive(Args)]
pub struct CalibrateArgs {
    #[command(flatten)]
    common: Common,
    /// Calibrate to a shipped record instead of the file's own (oig-fy2018-22,
    /// gao-21-322).
    #[arg(long, value_name = "ID")]
    record: Option<String>,
    /// Write the scenario re-based on the record (prevalence × multiplier) here.
    #[arg(long, value_name = "FILE")]
    rebase: Option<String>,
    /// Skip the experiment of alternative explanations.
    #[arg(long)]
    no_alternatives: bool,
}

#[derive(Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    common: Common,
    /// Only these assumptions (ids, comma-separated); all by default.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    assumptions: Option<Vec<String>>,
    /// Also sample N plausible worlds over every range (robustness); with --records,
    /// the robustness design is the one written.
    #[arg(long, value_name = "N")]
    robustness: Option<u32>,
    /// Replications per world of the robustness sample.
    #[arg(long, value_name = "R", default_value_t = 5)]
    world_replications: u32,
}

/// The first design of a staged analysis, or why it cannot start.
fn first_design<S: Staged<Outcome = Result<O, String>>, O>(
    analysis: &mut S,
) -> Result<Design, String> {
    match analysis.next(None) {
        Stage::Run(design) => Ok(design),
        Stage::Done(Err(why)) => Err(why),
        Stage::Done(Ok(_)) => Err(String::from("the analysis decided before running anything")),
    }
}

/// Runs a staged analysis (core `decide::analyses`) to its outcome in this process: the
/// same stages the browser's worker pool drives.
fn run_analysis<S: Staged<Outcome = Result<O, String>>, O>(mut analysis: S) -> Result<O, String> {
    run_staged(&mut analysis).map_err(|e| e.to_string())?
}

/// With --units/--shard/--records, writes the units asked for of the analysis's first
/// stage and answers `true`; otherwise `false` (run it all here).
fn write_selected<S: Staged<Outcome = Result<O, String>>, O>(
    analysis: &mut S,
    common: &Common,
) -> Result<bool, String> {
    if common.select.records.is_none() {
        return Ok(false);
    }
    let design = first_design(analysis)?;
    match common.select.write(&design) {
        Some(written) => written.map(|()| true),
        None => Ok(false),
    }
}

fn scenario(common: &Common) -> Result<ValidScenario, String> {
    scenario_for_run(&common.file, common.replications, common.seed)
}

fn json(value: &Value) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

/// The calibration, the explanations' figures where run, and the explanations whose
/// scenario is not valid, with why.
fn calibration_report(
    calibration: &Calibration,
    explanations: Option<&[Explanation]>,
    refused: &[(String, String)],
) -> Value {
    let mut report = value!({ "calibration": calibration });
    if let Some(x) = explanations {
        report["explanations"] = value!(x);
    }
    if !refused.is_empty() {
        report["refused"] = value!(refused);
    }
    report
}

pub fn calibrate_command(args: CalibrateArgs) -> Result<(), String> {
    let mut valid = scenario(&args.common)?;
    if let Some(id) = &args.record {
        let record = record_preset(id).ok_or_else(|| {
            format!(
                "no shipped record \"{id}\"; known: {}",
                RECORD_PRESETS.join(", ")
            )
        })?;
        let mut s = valid.into_inner();
        s.record = Some(record);
        valid = validate(s).map_err(|p| crate::problems(&args.common.file, &p))?;
    }
    // A scenario without a record is named by its file.
    let mut analysis = CalibrationAnalysis::new(valid.clone(), !args.no_alternatives);
    first_design(&mut analysis).map_err(|e| format!("{}: {e}", args.common.file))?;
    if write_selected(&mut analysis, &args.common)? {
        return Ok(());
    }
    let report = run_analysis(CalibrationAnalysis::new(
        valid.clone(),
        !args.no_alternatives,
    ))?;
    if let Some(out) = &args.rebase {
        let text = json(&value!(rebase(&valid, &report.calibration)))?;
        std::fs::write(out, text + "\n").map_err(|e| format!("{out}: {e}"))?;
    }
    let explanations = (!args.no_alternatives).then_some(report.explanations.as_slice());
    match args.common.format {
        Format::Json => println!(
            "{}",
            json(&calibration_report(
                &report.calibration,
                explanations,
                &report.refused
            ))?
        ),
        Format::Csv => {
            print!("{}", calibration_csv(&report.calibration));
            if let Some(x) = explanations {
                print!("\n{}", explanations_csv(x));
            }
        }
    }
    Ok(())
}

fn print_analysis(
    sensitivity: Option<&Sensitivity>,
    robustness: Option<&Robustness>,
    format: Format,
) -> Result<(), String> {
    match format {
        Format::Json => println!(
            "{}",
            json(&{
                let mut report = value!({});
                if let Some(s) = sensitivity {
                    report["sensitivity"] = value!(s);
                }
                if let Some(r) = robustness {
                    report["robustness"] = value!(r);
                }
                report
            })?
        ),
        Format::Csv => {
            let tables: Vec<String> = sensitivity
                .map(sensitivity_csv)
                .into_iter()
                .chain(robustness.map(robustness_csv))
                .collect();
            print!("{}", tables.join("\n"));
        }
    }
    Ok(())
}

pub fn sensitivity_command(args: SensitivityArgs) -> Result<(), String> {
    let valid = scenario(&args.common)?;
    let assumptions = args.assumptions.as_deref();
    // Both designs are checked before either runs.
    first_design(&mut SensitivityAnalysis::new(&valid, assumptions))?;
    let worlds = |n: u32| RobustnessAnalysis::new(&valid, n, args.world_replications);
    if let Some(n) = args.robustness {
        first_design(&mut worlds(n))?;
    }
    // With --records, the robustness design is the one written when asked for.
    let written = match args.robustness {
        Some(n) => write_selected(&mut worlds(n), &args.common)?,
        None => write_selected(
            &mut SensitivityAnalysis::new(&valid, assumptions),
            &args.common,
        )?,
    };
    if written {
        return Ok(());
    }
    let tornado = run_analysis(SensitivityAnalysis::new(&valid, assumptions))?;
    let robust = args
        .robustness
        .map(|n| run_analysis(worlds(n)))
        .transpose()?;
    print_analysis(Some(&tornado), robust.as_ref(), args.common.format)
}

/// The decision of merged records of an analysis design; `None` when the design is not
/// one of these (a plain run, say).
pub fn print_decision(
    design: &Design,
    records: &[UnitRecord],
    format: Format,
) -> Option<Result<(), String>> {
    if let Some(plan) = SensitivityPlan::recognise(design) {
        return Some(
            plan.map_err(|e| e.to_string())
                .and_then(|plan| print_analysis(Some(&sensitivity(&plan, records)), None, format)),
        );
    }
    if let Some(plan) = RobustnessPlan::recognise(design) {
        return Some(
            plan.map_err(|e| e.to_string())
                .and_then(|plan| print_analysis(None, Some(&robustness(&plan, records)), format)),
        );
    }
    if design.label == CALIBRATE_LABEL {
        // Replayed as the analysis's first stage: the records must be that stage's.
        let scenario = design.variants.first()?.scenario.clone();
        let mut analysis = CalibrationAnalysis::new(scenario, false);
        return Some(match replay(&mut analysis, records) {
            Ok(Progress::Done(Ok(report))) => {
                let c = &report.calibration;
                match format {
                    Format::Json => {
                        json(&calibration_report(c, None, &[])).map(|t| println!("{t}"))
                    }
                    Format::Csv => {
                        print!("{}", calibration_csv(c));
                        Ok(())
                    }
                }
            }
            Ok(Progress::Done(Err(why))) => Err(why),
            Ok(Progress::Pending { .. }) => Err(String::from(
                "the records are not those of this calibration (another version of Egress?)",
            )),
            Err(e) => Err(e.to_string()),
        });
    }
    if design.label.starts_with(ALTERNATIVES_LABEL) {
        let x = explain(design, records);
        return Some(match format {
            Format::Json => json(&value!(x)).map(|t| println!("{t}")),
            Format::Csv => {
                print!("{}", explanations_csv(&x));
                Ok(())
            }
        });
    }
    None
}
