//! The hash-route parser (`gradlab::routes::Route::parse`): any fragment, with `%` escapes,
//! unicode or 10,000 characters, gives a route without a panic; a chapter's link, dressed in
//! extra `#`, slashes and a query, is that chapter, and hands on that query as it came; and
//! every route prints as a fragment that parses back to itself.

use gradlab::routes::{Chapter, Route};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::{config, CASES};

/// The fragment a route is linked by: a chapter's own `href`, or the unknown path as it came.
fn print(route: &Route) -> String {
    match route {
        Route::Chapter(c) => c.href(),
        Route::NotFound(path) => format!("#/{path}"),
    }
}

fn chapter() -> impl Strategy<Value = Chapter> {
    prop::sample::select(Chapter::ALL.to_vec())
}

/// Fragments made of what URLs hold: separators, escapes, slugs, any character, long runs.
fn fragment() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("#".to_string()),
        Just("/".to_string()),
        Just("?".to_string()),
        Just("&".to_string()),
        Just("=".to_string()),
        "%[0-9A-Fa-f]{0,2}",
        chapter().prop_map(|c| c.slug().to_string()),
        any::<String>(),
        any::<char>().prop_map(|c| c.to_string().repeat(64)),
    ];
    prop_oneof![
        any::<String>(),
        vec(piece, 0..12).prop_map(|p| p.concat()),
        (any::<char>(), 0..10_000usize).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_fragment_is_a_chapter_or_not_found(hash in fragment()) {
        let route = Route::parse(&hash);
        let (with_query, query) = Route::parse_with_query(&hash);
        prop_assert_eq!(&with_query, &route);
        prop_assert!(hash.ends_with(query));
        if let Route::NotFound(path) = &route {
            // The path is what is left between the leading `#/` and the query.
            prop_assert!(hash.contains(path.as_str()));
            prop_assert!(!path.is_empty() && !path.starts_with('/') && !path.ends_with('/'));
            prop_assert!(!path.contains(['?', '&']));
            prop_assert_eq!(Chapter::from_slug(path), None);
        }
        prop_assert_eq!(Route::parse(&print(&route)), route);
    }

    #[test]
    fn a_chapter_link_with_any_dressing_is_that_chapter(
        c in chapter(),
        hashes in 0..3usize,
        slashes in 0..3usize,
        trailing in 0..3usize,
        query in prop::option::of(("[?&]", any::<String>())),
    ) {
        let given = query.as_ref().map_or("", |(_, q)| q.as_str()).to_string();
        let query = query.map(|(sep, q)| sep + &q).unwrap_or_default();
        let hash = format!(
            "{}{}{}{}{query}",
            "#".repeat(hashes),
            "/".repeat(slashes),
            c.slug(),
            "/".repeat(trailing)
        );
        prop_assert_eq!(Route::parse(&hash), Route::Chapter(c));
        prop_assert_eq!(Route::parse_with_query(&hash), (Route::Chapter(c), given.as_str()));
    }
}
