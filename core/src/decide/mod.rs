//! Decisions: records of an experiment in, a result out. Which plan to choose at a
//! crossing (ranking and selection on common random numbers), how to spread a budget
//! across crossings (frontiers and greedy allocation), how to randomise operation hours
//! against carriers who learn the schedule (a Stackelberg security game), what recorded
//! seizures imply (calibration), and how much each verdict depends on the assumptions
//! (sensitivity, robustness).
//!
//! Everything here is pure: records or sample figures in, a decision out, testable with
//! synthetic data. The simulation runs elsewhere (the experiment layer); the designs
//! these decisions read are built next to them.

pub mod allocation;
pub mod analyses;
pub mod calibrate;
pub mod game;
pub mod programme;
pub mod rank_select;
pub mod robustness;
pub mod sensitivity;

mod measures;

pub use measures::Measure;
