//! Storage health: how full the browser's storage for this app is, whether the browser
//! promised to keep it, and what the person should be warned about.

use crate::core::i18n::{Lang, Msg};

/// Below this much free space a warning is shown.
pub const LOW_SPACE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// What the browser says about storage.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StorageHealth {
    /// Bytes used by this app, when the browser tells.
    pub usage: Option<f64>,
    /// Bytes the browser allows this app, when it tells.
    pub quota: Option<f64>,
    /// Whether the browser promised not to clear the data under pressure.
    pub persisted: Option<bool>,
}

impl StorageHealth {
    /// The warnings to show, most serious first.
    pub fn warnings(&self) -> Vec<Msg> {
        let mut out = Vec::new();
        if let (Some(usage), Some(quota)) = (self.usage, self.quota) {
            if quota - usage < LOW_SPACE_BYTES || usage > quota * 0.9 {
                out.push(Msg::StorageLow);
            }
        }
        if self.persisted == Some(false) {
            out.push(Msg::StorageNotPersisted);
        }
        out
    }
}

/// A size for people: "12.3 MB", "850 KB".
pub fn format_bytes(bytes: f64, lang: Lang) -> String {
    let (value, unit) = if bytes >= 1024.0 * 1024.0 * 1024.0 {
        (bytes / (1024.0 * 1024.0 * 1024.0), Msg::UnitGb)
    } else if bytes >= 1024.0 * 1024.0 {
        (bytes / (1024.0 * 1024.0), Msg::UnitMb)
    } else {
        (bytes / 1024.0, Msg::UnitKb)
    };
    format!(
        "{} {}",
        crate::core::phrase::figure(Some(value), lang),
        unit.text(lang)
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const MB: f64 = 1024.0 * 1024.0;

    #[test]
    fn plenty_of_space_and_persisted_storage_warn_of_nothing() {
        let health = StorageHealth {
            usage: Some(5.0 * MB),
            quota: Some(2000.0 * MB),
            persisted: Some(true),
        };
        assert!(health.warnings().is_empty());
        assert!(
            StorageHealth::default().warnings().is_empty(),
            "unknown is not alarming"
        );
    }

    #[test]
    fn low_space_and_refused_persistence_are_warned() {
        let low = StorageHealth {
            usage: Some(980.0 * MB),
            quota: Some(1000.0 * MB),
            persisted: Some(false),
        };
        assert_eq!(low.warnings(), [Msg::StorageLow, Msg::StorageNotPersisted]);
        let nearly_full = StorageHealth {
            usage: Some(9.5e9),
            quota: Some(1e10),
            persisted: None,
        };
        assert_eq!(nearly_full.warnings(), [Msg::StorageLow]);
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(format_bytes(850.0 * 1024.0, Lang::En), "850 KB");
        assert_eq!(format_bytes(12.34 * MB, Lang::En), "12.3 MB");
        assert_eq!(format_bytes(3.0 * 1024.0 * MB, Lang::Ar), "٣ غيغابايت");
        assert_eq!(format_bytes(1.5 * MB, Lang::Ar), "١٫٥ ميغابايت");
    }
}
