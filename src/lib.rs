//! Nahda: an Arabic-first, offline survey kit for six-sector recovery planning.
//!
//! The module tree follows the split in ARCHITECTURE.md: `core` and `bundle` are pure (no browser, no clock,
//! no randomness) and tests natively; `storage`, `platform` and `ui` exist only on wasm32, where
//! the browser crates are available, so the compiler keeps the core free of them.

pub mod bundle;
pub mod core;
pub mod seal;
pub mod xlsform;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
