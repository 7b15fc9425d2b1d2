//! The `egress` binary end to end on small scenarios: each command gives parseable JSON
//! with the keys a planner's scripts read, sharded runs merge to exactly one process's
//! output, and bad input is a clear message and a non-zero exit, never a panic.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn egress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_egress"))
        .args(args)
        .output()
        .expect("the egress binary runs")
}

/// Succeeds and returns stdout.
fn ok(args: &[&str]) -> String {
    let out = egress(args);
    assert!(
        out.status.success(),
        "egress {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Fails with a message (exit code 1, not a panic's) and returns stderr.
fn fails(args: &[&str]) -> String {
    let out = egress(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "egress {args:?}: {stderr}");
    assert!(
        !stderr.contains("panicked"),
        "egress {args:?} panicked: {stderr}"
    );
    assert!(!stderr.trim().is_empty(), "egress {args:?}: no message");
    stderr
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn has_keys(v: &Value, keys: &[&str]) {
    for k in keys {
        assert!(v.get(k).is_some(), "no key {k} in {v}");
    }
}

/// A directory of this test's own under Cargo's temporary directory.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temporary directory");
    d
}

/// Jackman over two weeks, two replications: small enough for a debug build.
fn small(d: &Path, edit: impl FnOnce(&mut Value)) -> String {
    let mut s = json(&ok(&["preset", "jackman"]));
    s["horizon_days"] = Value::from(14);
    s["replications"] = Value::from(2);
    edit(&mut s);
    let path = d.join("small.json");
    std::fs::write(&path, s.to_string()).expect("written");
    path.to_str().expect("utf-8 path").to_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn run_prints_a_summary_and_shards_merge_to_the_same_bytes() {
    let d = dir("run");
    let file = small(&d, |_| {});
    let whole = ok(&["run", &file]);
    let summary = json(&whole);
    has_keys(
        &summary,
        &["scenario", "seed", "replications", "strategies"],
    );
    has_keys(
        &summary["strategies"][0],
        &["detection_rate", "budget", "versus_baseline", "crossings"],
    );
    let (a, b) = (d.join("a.jsonl"), d.join("b.jsonl"));
    ok(&["run", &file, "--shard", "0/2", "--records", p(&a)]);
    ok(&["run", &file, "--shard", "1/2", "--records", p(&b)]);
    assert_eq!(ok(&["merge", p(&b), p(&a)]), whole);

    // An incomplete set of shards names what is missing.
    let message = fails(&["merge", p(&a)]);
    assert!(message.to_lowercase().contains("missing"), "{message}");
    // A record file whose header was edited (another seed) is refused.
    let text = std::fs::read_to_string(&b).expect("part");
    let seed = format!("\"seed\":{}", summary["seed"]);
    assert!(text.contains(&seed), "the header holds the scenario's seed");
    let tampered = d.join("tampered.jsonl");
    std::fs::write(&tampered, text.replacen(&seed, "\"seed\":12345", 1)).expect("written");
    fails(&["merge", p(&a), p(&tampered)]);
    // Not a record file at all.
    let garbage = d.join("garbage.jsonl");
    std::fs::write(&garbage, "{\"not\": \"a record\"}\n").expect("written");
    fails(&["merge", p(&garbage)]);
}

#[test]
fn a_missing_or_invalid_scenario_is_a_message() {
    let d = dir("missing");
    let missing = d.join("no-such-file.json");
    for command in ["run", "optimise", "calibrate", "sensitivity", "validate"] {
        let message = fails(&[command, p(&missing)]);
        assert!(
            message.contains("no-such-file.json"),
            "{command}: {message}"
        );
    }
    let broken = d.join("broken.json");
    std::fs::write(&broken, "{\"version\": 3, \"name\": ").expect("written");
    fails(&["run", p(&broken)]);
    // A scenario without a programme cannot be optimised; without a record, calibrated.
    let file = small(&d, |s| {
        s.as_object_mut().unwrap().remove("record");
    });
    assert!(fails(&["optimise", &file]).contains("programme"));
    fails(&["calibrate", &file]);
}

#[test]
fn optimise_prints_the_programme() {
    let d = dir("optimise");
    let file = small(&d, |s| {
        s["programme"] = serde_json::json!({
            "goal": {"kind": "cheapest_for_target",
                     "target": {"measure": "detection_rate", "at_least": 0.0},
                     "cost": "full_cost"},
            "space": {"schedules": ["pulse_random"], "operations_per_week": [1, 3],
                      "duration_hours": [2.0],
                      "daily_windows": [{"from_hour": 6.0, "to_hour": 22.0, "traffic_weighted": false}],
                      "teams": [1], "crew_size": [2], "selection": [{"kind": "all"}],
                      "technique": ["interview"], "nii_units_bought": [0]},
            "search": {"first_stage": 2, "max_replications": 4, "alpha": 0.05, "indifference": 0.01}
        });
    });
    let result = json(&ok(&["optimise", &file]));
    has_keys(
        &result,
        &["goal", "crossings", "strategy", "rollups", "replications"],
    );
    let crossing = &result["crossings"][0];
    has_keys(
        crossing,
        &[
            "crossing",
            "candidates",
            "screened_out",
            "replications",
            "chosen",
            "no_plan",
        ],
    );
    assert_eq!(crossing["candidates"], 2);
    let csv = ok(&["optimise", &file, "--format", "csv"]);
    assert!(csv.lines().next().unwrap().ends_with(",no_plan"), "{csv}");
    assert_eq!(csv.lines().count(), 2);
}

#[test]
fn calibrate_and_sensitivity_print_their_decisions() {
    let d = dir("analyses");
    let file = small(&d, |_| {});
    let calibration = json(&ok(&[
        "calibrate",
        &file,
        "--record",
        "oig-fy2018-22",
        "--no-alternatives",
    ]));
    has_keys(&calibration, &["calibration"]);
    assert!(calibration.get("explanations").is_none());
    let unknown = fails(&["calibrate", &file, "--record", "no-such-record"]);
    assert!(unknown.contains("no-such-record"), "{unknown}");

    let analysis = json(&ok(&[
        "sensitivity",
        &file,
        "--assumptions",
        "adaptive_share,search_detection",
        "--robustness",
        "2",
        "--world-replications",
        "1",
    ]));
    has_keys(&analysis, &["sensitivity", "robustness"]);
    has_keys(&analysis["robustness"], &["worlds", "strategies"]);
    let unknown = fails(&["sensitivity", &file, "--assumptions", "no_such_assumption"]);
    assert!(unknown.contains("no_such_assumption"), "{unknown}");

    // Sharded, then merged: the same decision as one process.
    let one = ok(&["sensitivity", &file, "--assumptions", "adaptive_share"]);
    let (a, b) = (d.join("a.jsonl"), d.join("b.jsonl"));
    let args = |shard: &'static str, out: &Path| {
        ok(&[
            "sensitivity",
            &file,
            "--assumptions",
            "adaptive_share",
            "--shard",
            shard,
            "--records",
            p(out),
        ])
    };
    args("0/2", &a);
    args("1/2", &b);
    assert_eq!(ok(&["merge", p(&a), p(&b)]), one);
}
