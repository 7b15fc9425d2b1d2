//! Results from record files: what `egress run --shard … --records` wrote (on this
//! machine or a cluster) opened in the app, merged by the core's `merge_files` exactly
//! as `egress merge` merges them, so the page shows the figures the CLI prints.

use egress_core::experiment::merge_files;
use egress_core::scenario::Scenario;
use egress_core::summary::{Summary, summarize};

/// Whether a file's text is an Egress record file (its first line is the header).
pub fn is_record_file(text: &str) -> bool {
    text.trim_start().starts_with("{\"egress_records\"")
}

/// A run rebuilt from its record files.
#[derive(Debug)]
pub struct OpenedRun {
    pub scenario: Scenario,
    pub summary: Summary,
    pub units: u64,
}

/// Merges record files (name, text) into the run they came from, or says in a
/// sentence why not (a missing or duplicated part names its units; a file of another
/// run names the file).
pub fn open_records(files: &[(String, String)]) -> Result<OpenedRun, String> {
    let (design, records) = merge_files(files).map_err(|e| e.to_string())?;
    if design.label != "run" || design.variants.len() != 1 {
        return Err(format!(
            "these are the records of a \"{}\" analysis; the app opens the records of a run (decide the others with `egress merge`)",
            design.label
        ));
    }
    let scenario = design.variants[0].scenario.scenario().clone();
    let summary = summarize(&scenario, records.iter().map(|r| &r.record));
    Ok(OpenedRun {
        scenario,
        summary,
        units: design.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use egress_core::experiment::{Design, Executor, shard, write_header};
    use egress_core::scenario::{presets, validate};

    fn parts(shards: u64) -> (Design, Vec<(String, String)>) {
        let mut s = presets::preset("jackman").expect("preset");
        s.replications = 3;
        s.horizon_days = 30;
        let design = Design::run(validate(s).expect("valid"));
        let files = (0..shards)
            .map(|i| {
                let range = shard(design.len(), i, shards);
                let mut text = write_header(&design, range.clone());
                for r in Executor::default().run_range(&design, range) {
                    text.push_str(&serde_json::to_string(&r).expect("json"));
                    text.push('\n');
                }
                (format!("part-{i}.jsonl"), text)
            })
            .collect();
        (design, files)
    }

    #[test]
    fn parts_of_a_run_open_as_its_summary() {
        let (design, mut files) = parts(3);
        files.swap(0, 2);
        assert!(files.iter().all(|(_, t)| is_record_file(t)));
        let opened = open_records(&files).expect("opened");
        let records = Executor::default().run_range(&design, 0..design.len());
        let expected = summarize(&opened.scenario, records.iter().map(|r| &r.record));
        assert_eq!(opened.summary, expected);
        assert_eq!(opened.units, design.len());
    }

    #[test]
    fn a_missing_part_is_named_and_nothing_opens() {
        let (_, mut files) = parts(3);
        files.remove(1);
        let message = open_records(&files).expect_err("a part is missing");
        assert!(message.starts_with("units missing:"), "{message}");
        assert!(!is_record_file("{\"version\": 3, \"name\": \"x\"}"));
    }
}
