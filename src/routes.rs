//! Chapters and hash routes.
//!
//! Routes live in the URL fragment (`#/autoencoder`), never in the path: a fragment is not sent to
//! the server, so `dist/` works from any static host, under any sub-path, and a deep link survives
//! a reload on a server that knows nothing about the app (no 404 fallback needed).

use serde::{Deserialize, Serialize};

/// One chapter of the lab, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Chapter {
    Overview,
    Autoencoder,
    Vae,
    Attention,
    Transformer,
    Finetune,
    Performance,
    References,
}

impl Chapter {
    pub const ALL: [Chapter; 8] = [
        Chapter::Overview,
        Chapter::Autoencoder,
        Chapter::Vae,
        Chapter::Attention,
        Chapter::Transformer,
        Chapter::Finetune,
        Chapter::Performance,
        Chapter::References,
    ];

    /// The stable slug used in the URL and in `data-testid="nav-<slug>"`.
    pub fn slug(self) -> &'static str {
        match self {
            Chapter::Overview => "overview",
            Chapter::Autoencoder => "autoencoder",
            Chapter::Vae => "vae",
            Chapter::Attention => "attention",
            Chapter::Transformer => "transformer",
            Chapter::Finetune => "finetune",
            Chapter::Performance => "performance",
            Chapter::References => "references",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Chapter> {
        Chapter::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// The fragment that links to this chapter, e.g. `#/vae`.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

/// Where the fragment points: a chapter, or something we do not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Chapter(Chapter),
    NotFound(String),
}

impl Route {
    /// Parses a `location.hash` value. An empty fragment is the overview; a query after the
    /// chapter (`#/vae?beta=4`) belongs to the chapter and is ignored here.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '&']).next().unwrap_or("");
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            return Route::Chapter(Chapter::Overview);
        }
        match Chapter::from_slug(path) {
            Some(c) => Route::Chapter(c),
            None => Route::NotFound(path.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chapter_round_trips_through_its_href() {
        for c in Chapter::ALL {
            assert_eq!(Route::parse(&c.href()), Route::Chapter(c));
        }
    }

    #[test]
    fn empty_and_root_fragments_are_the_overview() {
        for h in ["", "#", "#/", "/"] {
            assert_eq!(Route::parse(h), Route::Chapter(Chapter::Overview), "{h:?}");
        }
    }

    #[test]
    fn unknown_and_malformed_fragments_are_not_found() {
        assert_eq!(Route::parse("#/nope"), Route::NotFound("nope".into()));
        assert_eq!(
            Route::parse("#/vae/extra"),
            Route::NotFound("vae/extra".into())
        );
        assert_eq!(
            Route::parse("#/%E2%98%83"),
            Route::NotFound("%E2%98%83".into())
        );
    }

    #[test]
    fn trailing_slash_and_query_are_tolerated() {
        assert_eq!(Route::parse("#/vae/"), Route::Chapter(Chapter::Vae));
        assert_eq!(Route::parse("#/vae?beta=4"), Route::Chapter(Chapter::Vae));
    }
}
