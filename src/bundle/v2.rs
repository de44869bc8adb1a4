//! Bundle format 2: its serde types, and the digest of its content worked out a submission at
//! a time. Format 1 with a sender who signs: the content names the
//! signer's public key and entity, and the file carries an Ed25519 signature over the content's
//! digest. The device id became optional (the person chooses whether it goes out), and a
//! bundle says which sensitive questions it leaves out; a submission sent without them names
//! the revision hash it has with them. Never edit these; add `v3` for a breaking change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bundle::v1;
use crate::core::digest::{canonical_json, DigestWriter};
use crate::core::keys::PublicKey;
use crate::core::schema::FormSpec;

/// This format's version.
pub const VERSION: u32 = 2;
/// The kind of file a bundle's signature names (see [`crate::core::keys::signed_message`]).
pub const SIGNED_KIND: &str = "nahda.bundle";

/// Who made the bundle.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    /// The name of the organisation or council that exported, as set on its device.
    pub entity_name: String,
    /// The exporting device's id, only when the person chose to include it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// The version of the app that wrote the bundle.
    pub app_version: String,
}

impl From<v1::Producer> for Producer {
    fn from(p: v1::Producer) -> Producer {
        Producer {
            entity_name: p.entity_name,
            device_id: Some(p.device_id),
            app_version: p.app_version,
        }
    }
}

/// One submission as it travels: the fields of format 1, and the revision hash of the complete
/// revision when sensitive answers were left out.
// Its fields are declared in the order of their names, so that its JSON text is its canonical
// JSON (`ContentDigest::submission` relies on it).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// Answers by question id, in the shapes `docs/form-format.md` describes.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "BTreeMap<String, crate::core::answers::Answer>")
    )]
    pub answers: BTreeMap<String, serde_json::Value>,
    /// Copied from the `code` of the answer to the form's first `area` question.
    pub area_code: String,
    /// When the submission was started (RFC 3339, UTC).
    pub created_at: String,
    /// Copied from the answer to the question `entity_name`, trimmed.
    pub entity_name: String,
    /// The id of the form definition it was filled with.
    pub form_id: String,
    /// The version of that form definition.
    pub form_version: u32,
    /// The revision hashes of every revision this one descends from, oldest first; its last
    /// is `previous_hash`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<String>,
    /// The submission's id (a UUID), the same on every device and in every revision.
    pub id: String,
    /// The revision hash of the revision this one was reopened from (absent for revision 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_hash: Option<String>,
    /// 1 for the first revision; each reopening of a finalised submission adds 1.
    pub revision: u32,
    /// Copied from the answer to the question `sectors`.
    pub sectors: Vec<String>,
    /// `draft` or `finalised`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(extend("enum" = ["draft", "finalised"]))
    )]
    pub status: String,
    /// When its answers last changed (RFC 3339, UTC); its first 10 characters are the "today"
    /// its date checks are made on.
    pub updated_at: String,
    /// When the bundle left this submission's sensitive answers out (`withheld`): the revision
    /// hash of the revision with them, which stays its identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld_from: Option<String>,
}

impl From<v1::Submission> for Submission {
    fn from(s: v1::Submission) -> Submission {
        Submission {
            id: s.id,
            revision: s.revision,
            previous_hash: s.previous_hash,
            history: s.history,
            form_id: s.form_id,
            form_version: s.form_version,
            status: s.status,
            entity_name: s.entity_name,
            area_code: s.area_code,
            sectors: s.sectors,
            created_at: s.created_at,
            updated_at: s.updated_at,
            answers: s.answers,
            withheld_from: None,
        }
    }
}

/// The key that signs the bundle, and the entity it signs for.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// The Ed25519 public key, 64 lowercase hexadecimal digits.
    pub public_key: PublicKey,
    /// The entity the sender's device is set up for.
    pub entity_name: String,
}

/// What the digest covers: everything but the bundle's own id, its time, the digest and the
/// signature.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// Always `nahda.bundle`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(extend("const" = "nahda.bundle"))
    )]
    pub format: String,
    /// The format version: 2.
    pub version: u32,
    pub producer: Producer,
    pub signer: Signer,
    /// The form definitions the submissions use, so a reader who never had them can check them.
    pub forms: Vec<FormSpec>,
    /// Ordered by id.
    pub submissions: Vec<Submission>,
    /// The ids of sensitive questions whose answers were left out of this bundle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<String>,
}

/// A bundle file of format 2.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// The first 16 hex digits of the digest: the same data always gives the same id.
    pub id: String,
    /// When the bundle was written (RFC 3339, UTC). Not covered by the digest.
    pub created_at: String,
    #[serde(flatten)]
    pub content: Content,
    /// SHA-256 (hex) of the canonical JSON of `content`.
    pub digest: String,
    /// The signer's Ed25519 signature (128 hex digits) of the bytes
    /// `nahda.bundle v2 <digest>`.
    pub signature: String,
}

/// The digest of a content (SHA-256 of its canonical JSON), its submissions added one at a
/// time: the same as the digest of the whole, without building the whole in memory.
pub struct ContentDigest {
    writer: DigestWriter,
    /// The canonical text after the submissions: `]` and the keys that sort after them.
    after: String,
    empty: bool,
}

impl ContentDigest {
    /// Starts with everything in the content but its submissions, which it must not hold yet.
    pub fn new(content: &Content) -> ContentDigest {
        debug_assert!(
            content.submissions.is_empty(),
            "submissions are added one by one"
        );
        // The keys are sorted and only version and withheld (a list of texts) come after the
        // submissions, so the last `"submissions":[` is the content's own (a quote inside a
        // text is escaped).
        const KEY: &str = "\"submissions\":[";
        let whole = canonical_json(content);
        let split = whole.rfind(KEY).map_or(whole.len(), |at| at + KEY.len());
        let mut writer = DigestWriter::default();
        writer.text(&whole[..split]);
        ContentDigest {
            writer,
            after: whole[split..].to_string(),
            empty: true,
        }
    }

    /// Adds the next submission, in the content's order. Its JSON text is its canonical JSON:
    /// its fields are declared in sorted order, and its answers are a sorted map of values
    /// whose objects are sorted maps too, so it is written as it is, without first being turned
    /// into a JSON value to sort its keys.
    pub fn submission(&mut self, submission: &Submission) {
        if !self.empty {
            self.writer.text(",");
        }
        self.empty = false;
        self.writer
            .text(&serde_json::to_string(submission).unwrap_or_default());
    }

    /// The digest, as lowercase hex.
    pub fn hex(mut self) -> String {
        self.writer.text(&self.after);
        self.writer.hex()
    }
}
