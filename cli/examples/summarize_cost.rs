use egress_core::scenario::{presets, validate};
use egress_core::simulation::Model;
use egress_core::summary::summarize;
use std::time::Instant;
fn main() {
    for name in ["jackman", "san-ysidro", "national"] {
        let mut s = presets::preset(name).unwrap();
        s.replications = 6;
        let model = Model::new(validate(s.clone()).unwrap());
        let mut records = Vec::new();
        let t = Instant::now();
        for r in 0..s.replications {
            let rep = model.replication(r);
            for k in 0..s.strategies.len() {
                records.push(model.run(&rep, k));
            }
        }
        let sim = t.elapsed().as_secs_f64();
        // 30 replications' worth of records by repetition.
        let mut many = Vec::new();
        for i in 0..5 {
            for r in &records {
                let mut r = r.clone();
                r.replication += i * 6;
                many.push(r);
            }
        }
        let t = Instant::now();
        let _ = summarize(&s, many.iter());
        let cost = t.elapsed().as_secs_f64();
        let json = serde_json::to_string(&records[0]).unwrap();
        let t = Instant::now();
        for _ in 0..100 {
            let _: egress_core::metrics::StrategyReplication = serde_json::from_str(&json).unwrap();
        }
        println!(
            "{name}: {} strategies, sim of 6 reps {sim:.2}s, summarize {} records {:.1} ms, record json {} bytes, parse {:.3} ms",
            s.strategies.len(),
            many.len(),
            cost * 1e3,
            json.len(),
            t.elapsed().as_secs_f64() * 10.0
        );
    }
}
