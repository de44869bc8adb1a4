//! Files the person picks: their size is checked before anything is read, so a huge file never
//! lands in memory.

use wasm_bindgen_futures::JsFuture;

/// Why a picked file was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    /// Larger than the limit, in bytes; not read at all.
    TooLarge { limit: f64 },
    /// The browser could not read it, or it is not text.
    Unreadable,
}

/// Reads a picked file as text when it is at most `limit` bytes.
pub async fn read_text(file: &web_sys::File, limit: f64) -> Result<String, FileError> {
    if file.size() > limit {
        return Err(FileError::TooLarge { limit });
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| FileError::Unreadable)?;
    text.as_string().ok_or(FileError::Unreadable)
}
