//! `egress`: run Egress scenarios from the command line with the same core as the app.

mod analyse;
mod bench;
mod optimise;
mod shards;

use clap::{Parser, Subcommand, ValueEnum};
use egress_core::experiment::{Design, Executor, Progress, UnitRecord, merge_files};
use egress_core::link;
use egress_core::scenario::migrate::read_value;
use egress_core::scenario::{Problem, ValidScenario, parse_and_validate, presets, validate};
use egress_core::summary::{crossings_csv, metrics_csv, summarize};
use shards::{UnitSelection, write_records};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "egress",
    version,
    about = "Outbound-inspection planning simulator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a built-in scenario as JSON (run without NAME to list them).
    Preset { name: Option<String> },
    /// Check a scenario file and list every problem.
    Validate { file: String },
    /// Run a scenario file and print the summary.
    Run {
        file: String,
        #[arg(long)]
        replications: Option<u32>,
        #[arg(long)]
        seed: Option<u64>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// With --format csv, print the per-crossing table instead of the metrics.
        #[arg(long)]
        crossings: bool,
        #[command(flatten)]
        select: UnitSelection,
    },
    /// Print how many units (replication × strategy) a run of the scenario has.
    Units {
        file: String,
        #[arg(long)]
        replications: Option<u32>,
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Merge record files (any split, any order) and print what one `egress run` of
    /// everything prints; refuses missing, duplicated or foreign records, naming them.
    Merge {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        #[arg(long)]
        crossings: bool,
        /// The scenario of an optimisation whose stages the files hold (a stage's
        /// records alone do not say what the optimiser decides): prints the programme
        /// exactly as `egress optimise SCENARIO` does, or names the pending stage.
        #[arg(long, value_name = "FILE")]
        scenario: Option<String>,
    },
    /// Search the scenario's programme section: the cheapest plan per crossing for a
    /// target, the best within a budget, or a budget across crossings (JSON or CSV).
    Optimise {
        file: String,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Also write the scenario with the programme appended as a strategy.
        #[arg(long)]
        scenario_out: Option<String>,
        /// Record files of stages already run (by shards, anywhere): the optimisation
        /// replays them and carries on from the first stage without records.
        #[arg(long, num_args = 1.., value_name = "PART")]
        from: Vec<String>,
        /// --units/--shard/--records: which units of the pending stage to run here.
        #[command(flatten)]
        select: UnitSelection,
        /// Print the number of units of the pending stage (0 when decided) and stop.
        #[arg(long)]
        next_units: bool,
    },
    /// Calibrate prevalence to the scenario's seizure record (or --record) and show
    /// the other explanations of the record.
    Calibrate(analyse::CalibrateArgs),
    /// One-at-a-time sensitivity of every assumption (tornado data); --robustness N
    /// adds N plausible worlds.
    Sensitivity(analyse::SensitivityArgs),
    /// Make or open a share link (`#s=1.…`, see core/src/link.rs).
    Link {
        #[command(subcommand)]
        action: LinkAction,
    },
    /// Print speed and memory figures (see ARCHITECTURE.md).
    Bench {
        /// Replications of the national preset to time.
        #[arg(long, default_value_t = 3)]
        replications: u32,
    },
}

#[derive(Subcommand)]
enum LinkAction {
    /// Print the link fragment of a scenario file (refused when too long for a link).
    Encode {
        file: String,
        /// Print the whole link with this address in front (e.g. http://127.0.0.1:8080/).
        #[arg(long)]
        base: Option<String>,
        /// Print the fragment even when it is longer than a link should be.
        #[arg(long)]
        any_length: bool,
    },
    /// Print the scenario JSON of a link: a full address, `#s=1.…` or `s=1.…` (`-` reads
    /// it from standard input).
    Decode { link: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn problems(file: &str, problems: &[Problem]) -> String {
    let mut out = format!("{file}: {} problem(s)\n", problems.len());
    for p in problems {
        out.push_str(&format!("  {p}\n"));
    }
    out
}

/// Bounded read so that a huge file is refused rather than exhausting memory.
fn read(file: &str) -> Result<String, String> {
    read_bounded(file, 16 * 1024 * 1024)
}

/// A record file holds one record per unit; a national run of 1,000 replications of
/// eight strategies is well under this.
const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024 * 1024;

fn read_bounded(file: &str, max_bytes: u64) -> Result<String, String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("{file}: {e}"))?;
    if meta.len() > max_bytes {
        return Err(format!(
            "{file}: {} bytes is too large (limit {max_bytes})",
            meta.len()
        ));
    }
    std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))
}

/// The scenario of a file with the command line's replications and seed applied,
/// migrated from older formats and validated.
fn scenario_for_run(
    file: &str,
    replications: Option<u32>,
    seed: Option<u64>,
) -> Result<ValidScenario, String> {
    let value: serde_json::Value = serde_json::from_str(&read(file)?)
        .map_err(|e| format!("{file}: not a readable scenario: {e}"))?;
    let mut scenario = read_value(value).map_err(|p| problems(file, &[p]))?;
    if let Some(r) = replications {
        scenario.replications = r;
    }
    if let Some(s) = seed {
        scenario.seed = s;
    }
    validate(scenario).map_err(|p| problems(file, &p))
}

/// What the merged records of a design say, printed as the command line asked.
fn print_decision(
    design: &Design,
    records: &[UnitRecord],
    format: Format,
    crossings: bool,
) -> Result<(), String> {
    if let Some(printed) = analyse::print_decision(design, records, format) {
        return printed;
    }
    if design.label.starts_with("optimise") {
        // A stage's records alone cannot say what the optimiser decides: the next
        // stage depends on the scenario's programme and on every stage before.
        return Err(format!(
            "records of \"{}\": an optimisation is decided by replaying its stages — pass every part with the scenario: `egress merge --scenario SCENARIO PART…`",
            design.label
        ));
    }
    if design.label != "run" || design.variants.len() != 1 {
        return Err(format!(
            "records of a \"{}\" experiment: only plain runs are summarised here",
            design.label
        ));
    }
    let summary = summarize(
        &design.variants[0].scenario,
        records.iter().map(|r| &r.record),
    );
    match (format, crossings) {
        (Format::Json, _) => println!(
            "{}",
            serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?
        ),
        (Format::Csv, false) => print!("{}", metrics_csv(&summary)),
        (Format::Csv, true) => print!("{}", crossings_csv(&summary)),
    }
    Ok(())
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Preset { name: None } => {
            for p in presets::PRESETS {
                println!("{:12} {}", p.id, p.label);
            }
            Ok(())
        }
        Command::Preset { name: Some(name) } => {
            let scenario = presets::preset(&name).ok_or_else(|| {
                let known: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
                format!("no preset named \"{name}\"; known: {}", known.join(", "))
            })?;
            println!(
                "{}",
                serde_json::to_string_pretty(&scenario).map_err(|e| e.to_string())?
            );
            Ok(())
        }
        Command::Validate { file } => {
            let valid = parse_and_validate(&read(&file)?).map_err(|p| problems(&file, &p))?;
            println!(
                "{file}: valid ({} crossings, {} strategies, {} replications)",
                valid.crossings.len(),
                valid.strategies.len(),
                valid.replications
            );
            Ok(())
        }
        Command::Run {
            file,
            replications,
            seed,
            format,
            crossings,
            select,
        } => {
            let design = Design::run(scenario_for_run(&file, replications, seed)?);
            if let Some(written) = select.write(&design) {
                return written;
            }
            let records = Executor::default().run_range(&design, 0..design.len());
            print_decision(&design, &records, format, crossings)
        }
        Command::Units {
            file,
            replications,
            seed,
        } => {
            println!(
                "{}",
                Design::run(scenario_for_run(&file, replications, seed)?).len()
            );
            Ok(())
        }
        Command::Merge {
            files,
            format,
            crossings,
            scenario,
        } => {
            let texts = files
                .iter()
                .map(|f| read_bounded(f, MAX_RECORD_BYTES).map(|t| (f.clone(), t)))
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(file) = scenario {
                let scenario =
                    parse_and_validate(&read(&file)?).map_err(|p| problems(&file, &p))?;
                let gathered = optimise::gathered(&texts)?;
                return match optimise::progress(scenario.clone(), &gathered)? {
                    Progress::Done(result) => optimise::print(&scenario, &result, format, None),
                    Progress::Pending { stage, design } => Err(format!(
                        "the optimisation is not decided: stage {stage} ({} units) has no records yet",
                        design.len()
                    )),
                };
            }
            let (design, records) = merge_files(&texts).map_err(|e| e.to_string())?;
            print_decision(&design, &records, format, crossings)
        }
        Command::Optimise {
            file,
            format,
            scenario_out,
            from,
            select,
            next_units,
        } => {
            let scenario = parse_and_validate(&read(&file)?).map_err(|p| problems(&file, &p))?;
            if from.is_empty() && select.records.is_none() && !next_units {
                return optimise::command(scenario, format, scenario_out);
            }
            let texts = from
                .iter()
                .map(|f| read_bounded(f, MAX_RECORD_BYTES).map(|t| (f.clone(), t)))
                .collect::<Result<Vec<_>, _>>()?;
            let gathered = optimise::gathered(&texts)?;
            match optimise::progress(scenario.clone(), &gathered)? {
                Progress::Pending { stage, design } => {
                    if next_units {
                        println!("{}", design.len());
                        return Ok(());
                    }
                    let Some(out) = &select.records else {
                        return Err(format!(
                            "stage {stage} of the optimisation is pending ({} units): run it with --records (and --shard I/K to split it), then pass every part with --from",
                            design.len()
                        ));
                    };
                    let range = select.range(design.len())?;
                    eprintln!(
                        "stage {stage}: units {}..{} of {}",
                        range.start,
                        range.end,
                        design.len()
                    );
                    write_records(&design, range, out)
                }
                Progress::Done(result) => {
                    if next_units {
                        println!("0");
                        return Ok(());
                    }
                    if select.records.is_some() {
                        return Err(String::from(
                            "the optimisation is decided: no stage is left to run",
                        ));
                    }
                    optimise::print(&scenario, &result, format, scenario_out)
                }
            }
        }
        Command::Calibrate(args) => analyse::calibrate_command(args),
        Command::Sensitivity(args) => analyse::sensitivity_command(args),
        Command::Link { action } => link_command(action),
        Command::Bench { replications } => {
            bench::run(replications);
            Ok(())
        }
    }
}

fn link_command(action: LinkAction) -> Result<(), String> {
    match action {
        LinkAction::Encode {
            file,
            base,
            any_length,
        } => {
            let valid = parse_and_validate(&read(&file)?).map_err(|p| problems(&file, &p))?;
            let made = match (base, any_length) {
                (Some(base), false) => link::share_url(&base, &valid),
                (Some(base), true) => link::fragment(&valid)
                    .map(|f| format!("{}{f}", base.split('#').next().unwrap_or_default())),
                (None, true) => link::fragment(&valid),
                (None, false) => link::encode(&valid),
            };
            println!("{}", made.map_err(|e| format!("{file}: {e}"))?);
            Ok(())
        }
        LinkAction::Decode { link: input } => {
            let input = if input == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(
                    &mut std::io::Read::take(std::io::stdin(), link::MAX_INPUT_CHARS as u64 + 1),
                    &mut text,
                )
                .map_err(|e| format!("standard input: {e}"))?;
                text
            } else {
                input
            };
            let scenario = link::decode(&input).map_err(|e| e.to_string())?;
            println!(
                "{}",
                serde_json::to_string_pretty(scenario.scenario()).map_err(|e| e.to_string())?
            );
            Ok(())
        }
    }
}
