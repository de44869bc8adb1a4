// Starts the coordinator app: its WebAssembly module, loaded by the classic script
// nahda-coordinator.js that coordinator.html runs before this one. Once it runs, the page gets
// the event Trunk's loader sends for the field app, with the module's exports, so a tool that
// watches one app (the memory benchmark) watches the other the same way.
wasm_bindgen({ module_or_path: "./nahda-coordinator_bg.wasm" }).then((wasm) => {
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
});
