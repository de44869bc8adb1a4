// Starts the coordinator app: its WebAssembly module, loaded by the classic script
// nahda-coordinator.js that coordinator.html runs before this one.
wasm_bindgen({ module_or_path: "./nahda-coordinator_bg.wasm" });
