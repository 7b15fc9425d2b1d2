//! `egress`: run Egress scenarios from the command line with the same core as the app.

mod bench;

use clap::{Parser, Subcommand, ValueEnum};
use egress_core::link;
use egress_core::scenario::{Problem, Scenario, parse_and_validate, presets, validate};
use egress_core::simulation::Model;
use egress_core::summary::{crossings_csv, metrics_csv, summarize};
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
    },
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
    const MAX_BYTES: u64 = 16 * 1024 * 1024;
    let meta = std::fs::metadata(file).map_err(|e| format!("{file}: {e}"))?;
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "{file}: {} bytes is too large for a scenario (limit {MAX_BYTES})",
            meta.len()
        ));
    }
    std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))
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
        } => {
            let text = read(&file)?;
            let mut scenario: Scenario = serde_json::from_str(&text)
                .map_err(|e| format!("{file}: not a readable scenario: {e}"))?;
            if let Some(r) = replications {
                scenario.replications = r;
            }
            if let Some(s) = seed {
                scenario.seed = s;
            }
            let valid = validate(scenario).map_err(|p| problems(&file, &p))?;
            let model = Model::new(valid);
            let records = model.run_range(0, model.scenario.replications);
            let summary = summarize(&model.scenario, &records);
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
