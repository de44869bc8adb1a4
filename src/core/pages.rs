//! The pages of the two apps and their addresses. Routing uses the URL fragment (`#/survey`), so
//! each app stays a set of static files that any server, or the service worker, can serve.
//!
//! Nahda is two apps over one library: the field app (`index.html`: the survey, my submissions,
//! export, settings) and the coordinator app (`coordinator.html`: import, the dashboard, the
//! plan, settings). Each is its own WebAssembly module, so a person filling a survey never
//! downloads the coordinator's code. A link to a page of the other app loads that app.

use crate::core::i18n::Msg;

/// One of the two apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The survey, my submissions, export and settings: what a facilitator uses.
    Field,
    /// Import, the dashboard with its conflicts, the plan and settings: what a coordinator uses.
    Coordinator,
}

impl Side {
    /// The other app.
    pub fn other(self) -> Side {
        match self {
            Side::Field => Side::Coordinator,
            Side::Coordinator => Side::Field,
        }
    }

    /// The app's page in the build, from which its fragments are read.
    pub fn file(self) -> &'static str {
        match self {
            Side::Field => "./",
            Side::Coordinator => "coordinator.html",
        }
    }
}

/// A page, in the order of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Survey,
    Submissions,
    Export,
    Import,
    Coordinator,
    Plan,
    Settings,
}

impl Page {
    /// Every page, in navigation order.
    pub const ALL: [Page; 7] = [
        Page::Survey,
        Page::Submissions,
        Page::Export,
        Page::Import,
        Page::Coordinator,
        Page::Plan,
        Page::Settings,
    ];

    /// The page's path inside the fragment.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Survey => "survey",
            Page::Submissions => "submissions",
            Page::Export => "export",
            Page::Import => "import",
            Page::Coordinator => "coordinator",
            Page::Plan => "plan",
            Page::Settings => "settings",
        }
    }

    /// Whether the app has this page. Settings are in both; the coordinator app's add the
    /// trusted senders and the coordinator's own sealing keys, which a coordinator manages.
    pub fn is_in(self, side: Side) -> bool {
        match self {
            Page::Survey | Page::Submissions | Page::Export => side == Side::Field,
            Page::Import | Page::Coordinator | Page::Plan => side == Side::Coordinator,
            Page::Settings => true,
        }
    }

    /// The link's address from a page of `from`: the fragment alone within the same app, the
    /// other app's file with the fragment otherwise.
    pub fn href_from(self, from: Side) -> String {
        if self.is_in(from) {
            format!("#/{}", self.slug())
        } else {
            self.href_in(from.other())
        }
    }

    /// The address of the page in the given app, from a page of either (Settings are in both).
    pub fn href_in(self, side: Side) -> String {
        format!("{}#/{}", side.file(), self.slug())
    }

    /// The page's name in the navigation.
    pub fn title(self) -> Msg {
        match self {
            Page::Survey => Msg::NavSurvey,
            Page::Submissions => Msg::NavSubmissions,
            Page::Export => Msg::NavExport,
            Page::Import => Msg::NavImport,
            Page::Coordinator => Msg::NavCoordinator,
            Page::Plan => Msg::NavPlan,
            Page::Settings => Msg::NavSettings,
        }
    }

    /// Reads a location fragment such as `#/import`; anything unknown opens the app's first
    /// page.
    pub fn from_hash(hash: &str, side: Side) -> Page {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = slug.split(['/', '?']).next().unwrap_or_default();
        Page::ALL
            .into_iter()
            .find(|page| page.slug() == slug)
            .unwrap_or(match side {
                Side::Field => Page::Survey,
                Side::Coordinator => Page::Coordinator,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_in_the_app_that_has_the_page() {
        assert_eq!(Page::Export.href_from(Side::Field), "#/export");
        assert_eq!(Page::Plan.href_from(Side::Coordinator), "#/plan");
        assert_eq!(Page::Settings.href_from(Side::Field), "#/settings");
        assert_eq!(Page::Settings.href_from(Side::Coordinator), "#/settings");
    }

    #[test]
    fn links_to_the_other_app_load_its_file() {
        assert_eq!(
            Page::Import.href_from(Side::Field),
            "coordinator.html#/import"
        );
        assert_eq!(Page::Survey.href_from(Side::Coordinator), "./#/survey");
    }

    #[test]
    fn settings_of_the_coordinator_app_from_the_field_app() {
        assert_eq!(
            Page::Settings.href_in(Side::Coordinator),
            "coordinator.html#/settings"
        );
    }

    #[test]
    fn every_page_is_in_at_least_one_app() {
        for page in Page::ALL {
            assert!(page.is_in(Side::Field) || page.is_in(Side::Coordinator));
        }
    }

    #[test]
    fn fragments_read_back_and_unknown_ones_open_the_first_page() {
        for page in Page::ALL {
            assert_eq!(
                Page::from_hash(&format!("#/{}", page.slug()), Side::Field),
                page
            );
        }
        assert_eq!(Page::from_hash("#/nowhere", Side::Field), Page::Survey);
        assert_eq!(Page::from_hash("", Side::Coordinator), Page::Coordinator);
        assert_eq!(
            Page::from_hash("#/plan?area=x", Side::Coordinator),
            Page::Plan
        );
    }
}
