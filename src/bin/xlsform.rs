//! The XLSForm worker: a web worker of its own, with its own WebAssembly module, that reads an
//! XLSForm workbook as a form definition and writes a form as one (`nahda::xlsform`). The app
//! loads it only when a coordinator loads or saves a workbook in Settings, so the workbook code
//! (zip, XML, the spreadsheet reader and writer) never weighs on the field's first visit.
//!
//! Requests are `{id, op, data, name, files, text}`: `read` (of the workbook `data` named
//! `name`, with the list files `files`, each `{name, data}`) answers with a `Reading` in JSON,
//! `write` with the workbook's bytes; an error answers `{id, error}` with its text.

#[cfg(target_arch = "wasm32")]
fn main() {
    nahda::platform::worker::serve(worker::run);
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use nahda::platform::worker::{bytes, field};
    use nahda::xlsform;
    use wasm_bindgen::JsValue;

    pub fn run(request: &JsValue) -> Result<JsValue, String> {
        let text = field(request, "text").as_string().unwrap_or_default();
        match field(request, "op").as_string().as_deref() {
            Some("read") => {
                let name = field(request, "name").as_string().unwrap_or_default();
                let files: Vec<(String, Vec<u8>)> = Array::from(&field(request, "files"))
                    .iter()
                    .map(|file| {
                        let name = field(&file, "name").as_string().unwrap_or_default();
                        (name, bytes(field(&file, "data")))
                    })
                    .collect();
                let reading = xlsform::read_xlsx(&bytes(field(request, "data")), &name, &files);
                serde_json::to_string(&reading)
                    .map(JsValue::from)
                    .map_err(|e| e.to_string())
            }
            Some("write") => {
                let written = xlsform::write_xlsx(&text)?;
                Ok(Uint8Array::from(written.as_slice()).into())
            }
            _ => Err("unknown request".into()),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The XLSForm worker runs in the browser, started by the app.");
}
