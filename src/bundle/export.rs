//! Export: core submissions and their form definitions → a bundle of the current format, with
//! canonical content and its digest, so two exports of the same data are byte-for-byte alike
//! in what the digest covers.

use crate::bundle::v1;
use crate::core::digest::digest_of;
use crate::core::library::FormLibrary;
use crate::core::submission::{Status, Submission};

/// Who is exporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFrom {
    pub entity_name: String,
    pub device_id: String,
    pub app_version: String,
}

/// A submission travels as draft or finalised: having been exported is this device's business,
/// and leaving it out keeps a second export of the same data identical to the first.
fn status_key(status: Status) -> &'static str {
    match status {
        Status::Draft => "draft",
        Status::Finalised | Status::Exported => "finalised",
    }
}

/// A bundle of these submissions, with every form version they use from the library.
pub fn export(
    submissions: &[Submission],
    library: &FormLibrary,
    from: &ExportFrom,
    now: &str,
) -> v1::Bundle {
    let mut items: Vec<v1::Submission> = submissions
        .iter()
        .map(|s| v1::Submission {
            id: s.id.clone(),
            revision: s.revision,
            previous_hash: s.previous_hash().map(str::to_string),
            history: s.history.clone(),
            form_id: s.form_id.clone(),
            form_version: s.form_version,
            status: status_key(s.status).into(),
            entity_name: s.entity_name.clone(),
            area_code: s.area_code.clone(),
            sectors: s.sectors.clone(),
            created_at: s.created_at.clone(),
            updated_at: s.updated_at.clone(),
            answers: s
                .answers
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or_default()))
                .collect(),
        })
        .collect();
    items.sort_by(|a, b| a.id.cmp(&b.id));
    let mut used: Vec<(String, u32)> = items
        .iter()
        .map(|s| (s.form_id.clone(), s.form_version))
        .collect();
    used.sort();
    used.dedup();
    let forms = used
        .iter()
        .filter_map(|(id, version)| library.get(id, *version).map(|f| f.spec().clone()))
        .collect();
    let content = v1::Content {
        format: v1::FORMAT.into(),
        version: v1::VERSION,
        producer: v1::Producer {
            entity_name: from.entity_name.clone(),
            device_id: from.device_id.clone(),
            app_version: from.app_version.clone(),
        },
        forms,
        submissions: items,
    };
    let digest = digest_of(&content);
    v1::Bundle {
        id: digest.chars().take(16).collect(),
        created_at: now.into(),
        content,
        digest,
    }
}
