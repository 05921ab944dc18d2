# Interface strings of the default theme, in English (the language of the theme's own text).
# Each other language's file translates every key; a key it lacks is shown in the site's
# default language, and `candor check` lists it.
skip-link = Skip to main content
menu = Menu
main-navigation = Main
language-switcher = Language
feed-title = { $site }: recent changes
verify-site = Verify this site
contact = Contact:
contact-page = Contact page
recent-changes = Recent changes (Atom feed)
printed-from = Printed from { $url } — the addresses in brackets are on this site.
published-by = Published by { $organisation }. This site is signed: every file can be checked against the published signature.
published = Published
last-updated = Last updated
on-this-page = On this page
in-this-section = In this section
updated = updated
everything-in-hub = Everything in this hub
nothing-published = Nothing has been published in this section yet.
link-to-section = Link to this section
responses = { $count ->
    [one] { $count } response
   *[other] { $count } responses
}
stale-translation = The original of this page has changed since it was translated ({ $changed }). This translation may be out of date: read the current original.
survey-what-is-collected = What is collected
survey-required = (required)
survey-submit = Submit and save my response
survey-save-again = Save the response file again
survey-new-response = Start a new response
survey-open-dates = Open from { $opens } to { $closes }.
