//! The app's entry point in the browser: install the panic hook and mount the UI.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    nahda::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Nahda runs in the browser. Build and serve it with: bash scripts/run.sh");
}
