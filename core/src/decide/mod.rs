//! Decisions: records of an experiment in, a result out. Pure functions, testable with
//! synthetic records; the designs they read are built next to them.

pub mod calibrate;
pub mod robustness;
pub mod sensitivity;

mod measures;

pub use measures::Measure;
