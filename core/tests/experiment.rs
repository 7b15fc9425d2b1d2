//! The experiment layer (EXPERIMENTS.md): units of a design, run by any executor in any
//! split, merge to exactly what one process running everything gives, and anything
//! else (a missing, duplicated, stray or foreign record) is refused with the units named.

use egress_core::experiment::{
    Design, Executor, MergeError, MergeFilesError, UnitRecord, Variant, merge, merge_files, shard,
    write_header,
};
use egress_core::scenario::{ValidScenario, presets, validate};
use egress_core::simulation::Model;
use egress_core::summary::summarize;

fn jackman(replications: u32, seed: u64) -> ValidScenario {
    let mut s = presets::preset("jackman").expect("preset");
    s.replications = replications;
    s.seed = seed;
    s.horizon_days = 60;
    validate(s).expect("valid")
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serialises")
}

/// A record file as an executor writes it.
fn file_of(design: &Design, range: std::ops::Range<u64>) -> String {
    let mut text = write_header(design, range.clone());
    let mut executor = Executor::default();
    for record in executor.run_range(design, range) {
        text.push_str(&json(&record));
        text.push('\n');
    }
    text
}

#[test]
fn a_run_design_gives_the_records_of_the_model_in_the_same_order() {
    let scenario = jackman(3, 11);
    let design = Design::run(scenario.clone());
    let records = Executor::default().run_range(&design, 0..design.len());
    let model = Model::new(scenario);
    let direct: Vec<_> = (0..3).flat_map(|r| model.run_replication(r)).collect();
    assert_eq!(
        json(&records.iter().map(|r| &r.record).collect::<Vec<_>>()),
        json(&direct)
    );
}

#[test]
fn shards_in_any_split_and_order_merge_to_the_one_process_summary() {
    let scenario = jackman(4, 12);
    let design = Design::run(scenario.clone());
    let whole = Executor::default().run_range(&design, 0..design.len());
    let expected = json(&summarize(&scenario, whole.iter().map(|r| &r.record)));
    for shards in [1u64, 2, 3, 7, 40] {
        let mut files: Vec<(String, String)> = (0..shards)
            .map(|i| {
                (
                    format!("part-{i}"),
                    file_of(&design, shard(design.len(), i, shards)),
                )
            })
            .collect();
        files.reverse();
        let (rebuilt, merged) = merge_files(&files).expect("complete set");
        assert_eq!(rebuilt.fingerprint(), design.fingerprint());
        let summary = summarize(
            &rebuilt.variants[0].scenario,
            merged.iter().map(|r| &r.record),
        );
        assert_eq!(json(&summary), expected, "{shards} shards");
    }
}

#[test]
fn units_run_one_at_a_time_out_of_order_give_the_same_records() {
    let design = Design::run(jackman(3, 13));
    let in_order = Executor::default().run_range(&design, 0..design.len());
    // A fresh executor per unit, backwards: no cached draws to lean on.
    let mut scattered: Vec<UnitRecord> = (0..design.len())
        .rev()
        .filter_map(|i| Executor::default().run(&design, i))
        .collect();
    scattered.reverse();
    assert_eq!(json(&in_order), json(&scattered));
}

#[test]
fn missing_duplicated_stray_and_foreign_records_are_refused_by_name() {
    let design = Design::run(jackman(3, 14));
    let all = Executor::default().run_range(&design, 0..design.len());
    let n = design.len();

    let mut missing = all.clone();
    missing.remove(5);
    missing.remove(5);
    assert_eq!(
        merge(&design, missing),
        Err(MergeError::Missing { units: vec![5, 6] })
    );
    let message = MergeError::Missing { units: vec![5, 6] }.to_string();
    assert!(message.contains("5..7"), "{message}");

    let mut twice = all.clone();
    twice.push(all[2].clone());
    assert_eq!(
        merge(&design, twice),
        Err(MergeError::Duplicated { units: vec![2] })
    );

    let mut stray = all.clone();
    stray[1].unit = n + 3;
    assert!(
        matches!(merge(&design, stray), Err(MergeError::Stray { units }) if units == vec![n + 3])
    );

    // A record moved to another unit's slot (its replication and strategy disagree).
    let mut swapped = all.clone();
    swapped[0].unit = 1;
    swapped[1].unit = 0;
    assert!(matches!(
        merge(&design, swapped),
        Err(MergeError::Stray { .. })
    ));

    let other = Design::run(jackman(3, 15));
    let foreign_files = vec![
        (String::from("a"), file_of(&design, 0..4)),
        (String::from("b"), file_of(&other, 4..other.len())),
    ];
    match merge_files(&foreign_files) {
        Err(MergeFilesError::Merge(MergeError::Foreign { file, .. })) => assert_eq!(file, "b"),
        other => panic!("expected a foreign file, got {other:?}"),
    }
}

#[test]
fn a_tampered_header_or_a_damaged_line_is_refused() {
    let design = Design::run(jackman(2, 16));
    let text = file_of(&design, 0..design.len());
    let tampered = text.replacen("\"seed\":16", "\"seed\":17", 1);
    assert_ne!(tampered, text);
    assert!(matches!(
        merge_files(&[(String::from("t"), tampered)]),
        Err(MergeFilesError::Merge(MergeError::Tampered { .. }))
    ));
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "{\"unit\": 1, \"record\": \"nonsense\"";
    let damaged = lines.join("\n");
    let err = merge_files(&[(String::from("d"), damaged)]).expect_err("damaged");
    assert!(err.to_string().starts_with("d: line 3:"), "{err}");
    let err = merge_files(&[(String::from("e"), String::new())]).expect_err("empty");
    assert!(err.to_string().contains("empty"), "{err}");
}

#[test]
fn variants_of_one_seed_share_traffic_and_carriers() {
    // Two variants of the same scenario that differ only in the strategies asked for:
    // the same replication of the same strategy must give the same record, whichever
    // variant it was run under (common random numbers across variants).
    let scenario = jackman(2, 17);
    let design = Design::new(
        "two variants",
        vec![
            Variant {
                scenario: scenario.clone(),
                replications: 0..2,
                strategies: vec![0, 1],
            },
            Variant {
                scenario,
                replications: 1..2,
                strategies: vec![1],
            },
        ],
    )
    .expect("design");
    let records = Executor::default().run_range(&design, 0..design.len());
    assert_eq!(records.len(), 5);
    assert_eq!(json(&records[3].record), json(&records[4].record));
}
