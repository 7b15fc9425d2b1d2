//! Decisions over many simulated replications: which plan to choose at a crossing
//! (ranking and selection on common random numbers), how to spread a budget across
//! crossings (frontiers and greedy allocation), and how to randomise operation hours
//! against carriers who learn the schedule (a Stackelberg security game).
//!
//! Everything here is pure: sample figures in, a decision out. The simulation runs
//! elsewhere (the experiment layer); these functions are testable with synthetic data.

pub mod allocation;
pub mod game;
pub mod programme;
pub mod rank_select;
