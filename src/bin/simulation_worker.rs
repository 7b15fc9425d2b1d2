//! The simulation Web Worker binary. Trunk builds it with
//! `data-type="worker" data-bindgen-target="web" data-loader-shim`, which produces
//! `simulation_worker.js`, `simulation_worker_bg.wasm` and `simulation_worker_loader.js`.

use gloo_worker::Registrable;

fn main() {
    egress::worker::SimulationWorker::registrar().register();
}
