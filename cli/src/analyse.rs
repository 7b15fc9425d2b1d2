//! `egress calibrate` and `egress sensitivity`: build the experiment's design, run it
//! (or the units asked for, into a record file), and print the decision. `egress merge`
//! reaches [`print_decision`] for record files of these designs.

use crate::shards::UnitSelection;
use crate::{Format, scenario_for_run};
use clap::Args;
use egress_core::decide::calibrate::{
    ALTERNATIVES_LABEL, CALIBRATE_LABEL, Calibration, Explanation, alternatives_design, calibrate,
    calibration_csv, calibration_design, explain, explanations_csv, rebase,
};
use egress_core::decide::robustness::{
    Robustness, RobustnessPlan, robustness, robustness_csv, robustness_design,
};
use egress_core::decide::sensitivity::{
    Sensitivity, SensitivityPlan, sensitivity, sensitivity_csv, sensitivity_design,
};
use egress_core::experiment::{Design, Executor, UnitRecord};
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

/// Runs the whole design here, or writes the units asked for and returns `None`.
fn execute(design: &Design, common: &Common) -> Result<Option<Vec<UnitRecord>>, String> {
    match common.select.write(design) {
        Some(written) => written.map(|()| None),
        None => Ok(Some(Executor::default().run_range(design, 0..design.len()))),
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
    refused: &[(&'static str, String)],
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
    let design = calibration_design(&valid).map_err(|e| format!("{}: {e}", args.common.file))?;
    let Some(records) = execute(&design, &args.common)? else {
        return Ok(());
    };
    let calibration = calibrate(&valid, &records).map_err(|e| e.to_string())?;
    if let Some(out) = &args.rebase {
        let text = json(&value!(rebase(&valid, &calibration)))?;
        std::fs::write(out, text + "\n").map_err(|e| format!("{out}: {e}"))?;
    }
    let (explanations, refused) = if args.no_alternatives {
        (None, Vec::new())
    } else {
        let plan = alternatives_design(&valid, &calibration).map_err(|e| e.to_string())?;
        let records = Executor::default().run_range(&plan.design, 0..plan.design.len());
        (Some(explain(&plan.design, &records)), plan.refused)
    };
    match args.common.format {
        Format::Json => println!(
            "{}",
            json(&calibration_report(
                &calibration,
                explanations.as_deref(),
                &refused
            ))?
        ),
        Format::Csv => {
            print!("{}", calibration_csv(&calibration));
            if let Some(x) = &explanations {
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
    let plan =
        sensitivity_design(&valid, args.assumptions.as_deref()).map_err(|e| e.to_string())?;
    let worlds = match args.robustness {
        Some(n) => {
            Some(robustness_design(&valid, n, args.world_replications).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    if args.common.select.records.is_some() {
        let design = worlds.as_ref().map_or(&plan.design, |w| &w.design);
        execute(design, &args.common)?;
        return Ok(());
    }
    let records = Executor::default().run_range(&plan.design, 0..plan.design.len());
    let tornado = sensitivity(&plan, &records);
    let robust = worlds.map(|w| {
        let records = Executor::default().run_range(&w.design, 0..w.design.len());
        robustness(&w, &records)
    });
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
        let scenario = &design.variants.first()?.scenario;
        return Some(
            calibrate(scenario, records)
                .map_err(|e| e.to_string())
                .and_then(|c| {
                    match format {
                        Format::Json => println!("{}", json(&calibration_report(&c, None, &[]))?),
                        Format::Csv => print!("{}", calibration_csv(&c)),
                    }
                    Ok(())
                }),
        );
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
