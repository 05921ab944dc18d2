//! Where the theme's own pages — the guide to verifying the site and the page for unknown
//! addresses — are published. The default language's are at the root; each other language's
//! under its prefix (`/fr/verify/`), so that `site.verify_url` can send every reader to the
//! guide in their own language. The build plans and renders them; this only names the places.

/// Where the theme's page for unknown addresses is published in the default language.
pub const NOT_FOUND_PATH: &str = "/404.html";
/// Where the theme's guide to verifying the site is published in the default language.
pub const VERIFY_PATH: &str = "/verify/";
