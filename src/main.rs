//! The field app's entry point in the browser (`index.html`): install the panic hook and mount
//! the survey, my submissions, export and settings.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    nahda::ui::mount_field();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Nahda runs in the browser. Build and serve it with: bash scripts/run.sh");
}
