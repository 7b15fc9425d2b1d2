//! Egress simulation core: the outbound-inspection model, with no web dependency.
//!
//! Data flows one way: [`scenario::Scenario`] → [`scenario::validate`] →
//! [`simulation::Model`] → [`metrics::StrategyReplication`] per replication →
//! [`summary::summarize`] → the views (CLI output here, the web app elsewhere).

pub mod decide;
pub mod experiment;
pub mod link;
pub mod metrics;
pub mod scenario;
pub mod simulation;
pub mod summary;
