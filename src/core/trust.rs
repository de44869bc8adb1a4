//! Trust, decided by people: the senders' keys this device was told to trust (as which entity,
//! whether as a coordinator or a form author), what an incoming bundle's signer is to this
//! device (its own key, a known sender, a key seen for the first time, a revoked key, or no
//! signature at all), and who may replace a stored revision with a newer one — the key that
//! wrote it, this device, a trusted coordinator, or a key trusted as the entity the submission
//! is about. Anything else becomes a conflict for a person to decide.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::core::fold::fold;
use crate::core::keys::PublicKey;
use crate::core::order;
use crate::core::submission::Submission;

/// A sender's key this device trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedKey {
    pub key: PublicKey,
    /// The entity the person trusts this key as (they may rename it).
    pub name: String,
    /// May settle and correct any entity's submissions.
    #[serde(default)]
    pub coordinator: bool,
    /// Form definitions it signs are added without asking.
    #[serde(default)]
    pub form_author: bool,
    pub added_at: String,
    /// When the person revoked it: its bundles are refused from then on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
}

impl TrustedKey {
    /// True while it is not revoked.
    pub fn active(&self) -> bool {
        self.revoked_at.is_none()
    }
}

/// Who signed an incoming bundle, as this device sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signer {
    /// This device's own key.
    Own,
    /// A key trusted here, under the name the person gave it.
    Known(TrustedKey),
    /// A key never seen here: the person decides whether to trust it, as the entity the bundle
    /// names.
    FirstSeen { key: PublicKey, entity: String },
    /// A key the person revoked: its bundles are refused.
    Revoked(TrustedKey),
    /// No signature (a bundle of format 1).
    Unsigned,
}

/// The keys this device trusts, and its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trust {
    own: Option<PublicKey>,
    keys: Vec<TrustedKey>,
}

/// Names compared as people write them: spacing and what `fold` folds aside.
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    !a.trim().is_empty() && words(a) == words(b)
}

impl Trust {
    /// This device's key and the keys it trusts (revoked ones included).
    pub fn new(own: Option<PublicKey>, keys: Vec<TrustedKey>) -> Trust {
        Trust { own, keys }
    }

    /// The trusted (or revoked) entry of a key.
    pub fn entry(&self, key: &PublicKey) -> Option<&TrustedKey> {
        self.keys.iter().find(|k| &k.key == key)
    }

    /// Who signed a bundle that names `entity` as its sender.
    pub fn signer(&self, key: Option<&PublicKey>, entity: &str) -> Signer {
        let Some(key) = key else {
            return Signer::Unsigned;
        };
        if self.own.as_ref() == Some(key) {
            return Signer::Own;
        }
        match self.entry(key) {
            Some(k) if !k.active() => Signer::Revoked(k.clone()),
            Some(k) => Signer::Known(k.clone()),
            None => Signer::FirstSeen {
                key: *key,
                entity: entity.trim().to_string(),
            },
        }
    }

    /// Who may replace stored revisions on this device, as an import sees it.
    pub fn authority(&self) -> Authority {
        let active = self.keys.iter().filter(|k| k.active());
        Authority {
            own: self.own,
            coordinators: order::set_of(active.clone().filter(|k| k.coordinator).map(|k| k.key)),
            entities: order::map_of(active.map(|k| (k.key, k.name.clone()))),
        }
    }
}

/// Who may replace a stored revision with a newer one (`core::merge` asks it): the key that
/// wrote the stored revision, this device's own key, a trusted coordinator, or a key trusted
/// as the entity the stored revision is about. An unsigned revision never replaces anything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Authority {
    own: Option<PublicKey>,
    coordinators: BTreeSet<PublicKey>,
    entities: BTreeMap<PublicKey, String>,
}

impl Authority {
    /// True when `incoming` may replace `stored` as its newer revision.
    pub fn may_replace(&self, stored: &Submission, incoming: &Submission) -> bool {
        let Some(by) = incoming.signed_by else {
            return false;
        };
        stored.signed_by == Some(by)
            || self.own == Some(by)
            || self.coordinators.contains(&by)
            || self
                .entities
                .get(&by)
                .is_some_and(|name| same_name(name, &stored.entity_name))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn key(n: u8) -> PublicKey {
        PublicKey::from_bytes([n; 32])
    }

    fn trusted(n: u8, name: &str, coordinator: bool) -> TrustedKey {
        TrustedKey {
            key: key(n),
            name: name.into(),
            coordinator,
            form_author: false,
            added_at: "t0".into(),
            revoked_at: None,
        }
    }

    fn written(by: Option<u8>, entity: &str) -> Submission {
        Submission {
            signed_by: by.map(key),
            entity_name: entity.into(),
            ..Submission::default()
        }
    }

    #[test]
    fn a_signer_is_this_device_a_known_sender_a_new_key_revoked_or_nobody() {
        let mut revoked = trusted(3, "Old phone", false);
        revoked.revoked_at = Some("t1".into());
        let trust = Trust::new(Some(key(1)), vec![trusted(2, "مجلس مارع", false), revoked]);
        assert_eq!(trust.signer(Some(&key(1)), "x"), Signer::Own);
        assert!(
            matches!(trust.signer(Some(&key(2)), "x"), Signer::Known(k) if k.name == "مجلس مارع")
        );
        assert!(matches!(
            trust.signer(Some(&key(3)), "x"),
            Signer::Revoked(_)
        ));
        assert_eq!(
            trust.signer(Some(&key(4)), " Basma relief "),
            Signer::FirstSeen {
                key: key(4),
                entity: "Basma relief".into()
            }
        );
        assert_eq!(trust.signer(None, "x"), Signer::Unsigned);
    }

    #[test]
    fn only_the_writer_this_device_a_coordinator_or_the_entity_s_key_may_replace() {
        let mut revoked_coordinator = trusted(6, "Coordination", true);
        revoked_coordinator.revoked_at = Some("t1".into());
        let trust = Trust::new(
            Some(key(1)),
            vec![
                trusted(2, "مجلس مارع المحلي", false),
                trusted(5, "Coordination", true),
                revoked_coordinator,
            ],
        );
        let authority = trust.authority();
        let stored = written(Some(9), "مجلس مارع  المحلي");
        assert!(
            authority.may_replace(&stored, &written(Some(9), "")),
            "the writer"
        );
        assert!(
            authority.may_replace(&stored, &written(Some(1), "")),
            "this device"
        );
        assert!(
            authority.may_replace(&stored, &written(Some(5), "")),
            "a coordinator"
        );
        assert!(
            authority.may_replace(&stored, &written(Some(2), "")),
            "the entity's key"
        );
        assert!(
            !authority.may_replace(&stored, &written(Some(6), "")),
            "revoked"
        );
        assert!(
            !authority.may_replace(&stored, &written(Some(7), "")),
            "a stranger"
        );
        assert!(
            !authority.may_replace(&stored, &written(None, "")),
            "unsigned"
        );
        let other_entity = written(Some(9), "Basma relief");
        assert!(!authority.may_replace(&other_entity, &written(Some(2), "")));
        let unsigned_stored = written(None, "x");
        assert!(!authority.may_replace(&unsigned_stored, &written(None, "x")));
    }

    #[test]
    fn names_are_compared_as_people_write_them() {
        assert!(same_name("مجلس أعزاز", "مجلس  اعزاز"));
        assert!(same_name("Azaz Council", "azaz council"));
        assert!(!same_name("", ""));
        assert!(!same_name("Azaz", "Marea"));
    }
}
