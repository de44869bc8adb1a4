//! The XLSForm worker (`src/bin/xlsform.rs`), started when a coordinator loads or saves a
//! workbook (`platform::worker`).

use js_sys::{Array, Object, Reflect, Uint8Array};

use crate::platform::worker::{self, bytes, request, WorkerError};
use crate::xlsform::Reading;

/// The loader Trunk writes for the worker.
const WORKER_SCRIPT: &str = "./nahda-xlsform_loader.js";

/// Reads a workbook as a form definition, with the CSV files (name and bytes) its lists are
/// read from.
pub async fn read(
    data: &[u8],
    file_name: &str,
    list_files: &[(String, Vec<u8>)],
) -> Result<Reading, WorkerError> {
    let request = request("read", Some(data));
    let _ = Reflect::set(&request, &"name".into(), &file_name.into());
    let files = Array::new();
    for (name, bytes) in list_files {
        let file = Object::new();
        let _ = Reflect::set(&file, &"name".into(), &name.into());
        let _ = Reflect::set(
            &file,
            &"data".into(),
            &Uint8Array::from(bytes.as_slice()).into(),
        );
        files.push(&file);
    }
    let _ = Reflect::set(&request, &"files".into(), &files);
    let answer = worker::call(WORKER_SCRIPT, request).await?;
    let json = answer.as_string().ok_or(WorkerError::Damaged)?;
    serde_json::from_str(&json).map_err(|_| WorkerError::Damaged)
}

/// Writes a form definition (Nahda's JSON) as a workbook.
pub async fn write(form_json: &str) -> Result<Vec<u8>, WorkerError> {
    let request = request("write", None);
    let _ = Reflect::set(&request, &"text".into(), &form_json.into());
    worker::call(WORKER_SCRIPT, request).await.map(bytes)
}
