//! The files every page uses: the stylesheet (the documents' and the
//! site's), the page script, the search script, and the 404 page, which
//! servers show at any depth (so its styles are inlined, and its links are
//! absolute when the base URL is known).

use crate::render::RenderError;

use super::Builder;
use super::paths;
use super::views::{Nav, NotFoundView};
use crate::render::templates as names;

impl Builder<'_> {
    /// The stylesheet, the scripts and the 404 page.
    pub(super) fn assets(&self) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let empty = tera::Context::new();
        let mut css = self.templates.render(names::STYLE_CSS, &empty)?;
        css.push('\n');
        css.push_str(&self.templates.render(names::SITE_CSS, &empty)?);
        let site_js = self.templates.render(names::SITE_JS, &empty)?;
        let search_js = self.templates.render(names::SITE_SEARCH_JS, &empty)?;

        // 404: shown at any depth, so its links cannot be relative; with a
        // base URL they are absolute, without one they lead to the root.
        let page = paths::NOT_FOUND;
        let nav = match &self.config.base_url {
            Some(base) => {
                let absolute = |path: &str| {
                    base.join(path)
                        .map_or_else(|_| path.to_owned(), |u| u.to_string())
                };
                let relative = self.nav(page, "none");
                Nav {
                    home: absolute(paths::HOME),
                    matrix: absolute(paths::MATRIX),
                    gci: relative.gci.as_ref().map(|_| absolute(paths::GCI)),
                    gci_csv: relative.gci_csv.as_ref().map(|_| absolute(paths::GCI_CSV)),
                    changes: relative.changes.as_ref().map(|_| absolute(paths::CHANGES)),
                    search: absolute(paths::SEARCH),
                    data: absolute(paths::PROFILES_JSON),
                    css: absolute(paths::CSS),
                    js: absolute(paths::SITE_JS),
                    feed: relative.feed.as_ref().map(|_| absolute(paths::FEED)),
                    ..relative
                }
            }
            None => self.nav(page, "none"),
        };
        let view = NotFoundView {
            home: nav.home.clone(),
            css: css.clone(),
        };
        let not_found = self.page(names::SITE_404, nav, &view)?;
        Ok(vec![
            (paths::SITE_JS.to_owned(), site_js.into_bytes()),
            (paths::SEARCH_JS.to_owned(), search_js.into_bytes()),
            (page.to_owned(), not_found),
            (paths::CSS.to_owned(), css.into_bytes()),
        ])
    }
}
