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
    History,
    Autoencoder,
    Vae,
    Attention,
    Transformer,
    Finetune,
    Performance,
    Applications,
    References,
}

impl Chapter {
    pub const ALL: [Chapter; 10] = [
        Chapter::Overview,
        Chapter::History,
        Chapter::Autoencoder,
        Chapter::Vae,
        Chapter::Attention,
        Chapter::Transformer,
        Chapter::Finetune,
        Chapter::Performance,
        Chapter::Applications,
        Chapter::References,
    ];

    /// The stable slug used in the URL and in `data-testid="nav-<slug>"`.
    pub fn slug(self) -> &'static str {
        match self {
            Chapter::Overview => "overview",
            Chapter::History => "history",
            Chapter::Autoencoder => "autoencoder",
            Chapter::Vae => "vae",
            Chapter::Attention => "attention",
            Chapter::Transformer => "transformer",
            Chapter::Finetune => "finetune",
            Chapter::Performance => "performance",
            Chapter::Applications => "applications",
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
        Route::parse_with_query(hash).0
    }

    /// The route, and the query that follows its first `?` or `&` (`""` if none), as it came:
    /// still percent-encoded, unchecked and of any length (`view::share_link` reads it). The
    /// route never depends on the query, so a malformed one cannot lose the chapter.
    pub fn parse_with_query(hash: &str) -> (Route, &str) {
        let rest = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = rest.split_once(['?', '&']).unwrap_or((rest, ""));
        let path = path.trim_end_matches('/');
        let route = if path.is_empty() {
            Route::Chapter(Chapter::Overview)
        } else {
            match Chapter::from_slug(path) {
                Some(c) => Route::Chapter(c),
                None => Route::NotFound(path.to_string()),
            }
        };
        (route, query)
    }
}

/// The link to a work's entry in References, e.g. `#/references?ref=vaswani2017`: an in-text
/// citation opens the list at its work.
pub fn reference_href(key: &str) -> String {
    format!("{}?ref={key}", Chapter::References.href())
}

/// The work a References link points at: the key of its `ref=` pair, if it has one. The page
/// finds the entry by this key, so a key that names no work simply opens the list at its top.
pub fn linked_reference(hash: &str) -> Option<&str> {
    let (Route::Chapter(Chapter::References), query) = Route::parse_with_query(hash) else {
        return None;
    };
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("ref="))
        .filter(|key| !key.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_link_opens_references_at_its_work() {
        let href = reference_href("vaswani2017");
        assert_eq!(href, "#/references?ref=vaswani2017");
        assert_eq!(Route::parse(&href), Route::Chapter(Chapter::References));
        assert_eq!(linked_reference(&href), Some("vaswani2017"));
        assert_eq!(
            linked_reference("#/references?x=1&ref=he2015"),
            Some("he2015")
        );
        for other in [
            "#/references",
            "#/references?ref=",
            "#/vae?ref=he2015",
            "#/nope?ref=a",
        ] {
            assert_eq!(linked_reference(other), None, "{other}");
        }
    }

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

    #[test]
    fn the_query_after_a_chapter_is_handed_on_as_it_came() {
        let ae = Route::Chapter(Chapter::Autoencoder);
        assert_eq!(
            Route::parse_with_query("#/autoencoder?widths=784-64-2&lr=0.001&seed=3"),
            (ae.clone(), "widths=784-64-2&lr=0.001&seed=3")
        );
        // Whatever the query holds, the chapter stays: a second `?`, `#`, escapes, nothing.
        assert_eq!(
            Route::parse_with_query("#/autoencoder/?a?b#c%zz&&"),
            (ae.clone(), "a?b#c%zz&&")
        );
        assert_eq!(
            Route::parse_with_query("#/autoencoder&lr=1"),
            (ae.clone(), "lr=1")
        );
        assert_eq!(Route::parse_with_query("#/autoencoder?"), (ae.clone(), ""));
        assert_eq!(Route::parse_with_query("#/autoencoder"), (ae, ""));
        assert_eq!(
            Route::parse_with_query("#?seed=1"),
            (Route::Chapter(Chapter::Overview), "seed=1")
        );
        assert_eq!(
            Route::parse_with_query("#/nope?seed=1"),
            (Route::NotFound("nope".into()), "seed=1")
        );
    }
}
