//! `egress optimise FILE`: the programme optimiser (core `decide::programme`) run in this
//! process, printed as JSON (the whole result) or CSV (one row per crossing).

use crate::Format;
use egress_core::decide::programme::{Optimiser, ProgrammeResult, with_programme_strategy};
use egress_core::experiment::{Progress, UnitRecord, read_record_file, replay, run_staged};
use egress_core::scenario::ValidScenario;
use egress_core::summary::safe_cell;

/// A text cell, escaped against formula injection and quoted when it holds a comma,
/// quote or line break.
fn text(cell: &str) -> String {
    let cell = safe_cell(cell);
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// `egress optimise`: print the result; with `scenario_out`, write the scenario with the
/// programme appended as a strategy.
pub fn command(
    scenario: ValidScenario,
    format: Format,
    scenario_out: Option<String>,
) -> Result<(), String> {
    let result = optimise(scenario.clone())?;
    print(&scenario, &result, format, scenario_out)
}

/// Prints a result; with `scenario_out`, writes the scenario with the programme
/// appended as a strategy.
pub fn print(
    scenario: &ValidScenario,
    result: &ProgrammeResult,
    format: Format,
    scenario_out: Option<String>,
) -> Result<(), String> {
    let base = scenario.scenario().clone();
    let result = result.clone();
    // A crossing without a plan is said on stderr too, so a CSV piped elsewhere does not
    // hide it.
    for c in result.crossings.iter() {
        if let Some(why) = &c.no_plan {
            eprintln!(
                "egress optimise: {} ({}): no plan: {why}",
                c.name, c.crossing
            );
        }
    }
    if let Some(why) = &result.allocation_error {
        eprintln!("egress optimise: no allocation across crossings: {why}");
    }
    match format {
        Format::Json => println!("{}", json(&result)?),
        Format::Csv => print!("{}", csv(&result)),
    }
    if let Some(out) = scenario_out {
        let with = with_programme_strategy(&base, &result)?;
        let text = serde_json::to_string_pretty(&with).map_err(|e| e.to_string())?;
        std::fs::write(&out, text + "\n").map_err(|e| format!("{out}: {e}"))?;
    }
    Ok(())
}

/// The unit records of record files of optimisation stages (their headers checked as
/// record files; which stage each belongs to is found by replaying).
pub fn gathered(files: &[(String, String)]) -> Result<Vec<UnitRecord>, String> {
    let mut all = Vec::new();
    for (name, text) in files {
        let (_, mut records) = read_record_file(text).map_err(|e| format!("{name}: {e}"))?;
        all.append(&mut records);
    }
    Ok(all)
}

/// Where the optimisation stands given the records of the stages run so far.
pub fn progress(
    scenario: ValidScenario,
    gathered: &[UnitRecord],
) -> Result<Progress<ProgrammeResult>, String> {
    let mut optimiser = Optimiser::new(scenario).map_err(|e| e.to_string())?;
    replay(&mut optimiser, gathered).map_err(|e| e.to_string())
}

/// Runs the optimisation of the scenario's `programme` section.
pub fn optimise(scenario: ValidScenario) -> Result<ProgrammeResult, String> {
    let mut optimiser = Optimiser::new(scenario).map_err(|e| e.to_string())?;
    run_staged(&mut optimiser).map_err(|e| e.to_string())
}

pub fn json(result: &ProgrammeResult) -> Result<String, String> {
    serde_json::to_string_pretty(result).map_err(|e| e.to_string())
}

/// One row per crossing: what was searched, what was chosen, at what cost.
pub fn csv(result: &ProgrammeResult) -> String {
    let mut out = String::from(
        "crossing,name,field_office,candidates,not_valid,screened_out,replications,replications_equal_allocation,chosen_plan,operations_per_week,detection_rate,detections_per_year,full_cost,new_money,officer_hours,chance_of_meeting_target,no_plan\n",
    );
    for c in &result.crossings {
        let chosen = c.chosen.as_ref();
        let number = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v}"));
        let row = [
            text(&c.crossing),
            text(&c.name),
            text(&c.field_office),
            c.candidates.to_string(),
            c.not_valid.to_string(),
            c.screened_out.to_string(),
            c.replications.to_string(),
            c.replications_equal_allocation.to_string(),
            chosen.map_or(String::new(), |p| text(&p.label)),
            chosen.map_or(String::new(), |p| p.operations_per_week.to_string()),
            number(chosen.map(|p| p.mean.detection_rate)),
            number(chosen.map(|p| p.mean.detections)),
            number(chosen.map(|p| p.mean.full_cost)),
            number(chosen.map(|p| p.mean.new_money)),
            number(chosen.map(|p| p.mean.officer_hours)),
            number(chosen.and_then(|p| p.chance_of_meeting_target)),
            c.no_plan.as_deref().map_or(String::new(), text),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
