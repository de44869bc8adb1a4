//! The coordinator app's entry point in the browser (`coordinator.html`): install the panic hook
//! and mount import, the dashboard, the plan and settings. Its own WebAssembly module, so the
//! field app's first visit does not download the coordinator's code.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    nahda::ui::mount_coordinator();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Nahda runs in the browser. Build and serve it with: bash scripts/run.sh");
}
