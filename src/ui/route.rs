//! The pages of the app and their addresses. Routing uses the URL fragment (`#/survey`), so the
//! app stays a set of static files that any server, or the service worker, can serve.

use crate::core::i18n::Msg;

/// A page of the app, in the order of the navigation bar.
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

    /// The link's address.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
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

    /// Reads a location fragment such as `#/import`; anything unknown opens the survey.
    pub fn from_hash(hash: &str) -> Page {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = slug.split(['/', '?']).next().unwrap_or_default();
        Page::ALL
            .into_iter()
            .find(|page| page.slug() == slug)
            .unwrap_or(Page::Survey)
    }
}
