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
# The survey form's hints, written beside each question.
survey-hint-single = Choose one.
survey-hint-choose-exactly = Choose { $count }.
survey-hint-choose-range = Choose from { $min } to { $max }.
survey-hint-choose-at-least = Choose at least { $min }.
survey-hint-choose-up-to = Choose up to { $max }.
survey-hint-choose-any = Choose all that apply.
survey-hint-scale = Choose one point from { $min } to { $max }.
survey-hint-number = A number.
survey-hint-number-range = A number from { $min } to { $max }.
survey-hint-number-at-least = A number of at least { $min }.
survey-hint-number-at-most = A number of at most { $max }.
survey-hint-whole = A whole number.
survey-hint-whole-range = A whole number from { $min } to { $max }.
survey-hint-whole-at-least = A whole number of at least { $min }.
survey-hint-whole-at-most = A whole number of at most { $max }.
survey-hint-text = { $max ->
    [one] Up to { $max } character.
   *[other] Up to { $max } characters.
}
# A skip rule: { $number } is the question's number, { $choices } the choices it tests.
survey-rule-answered = Answer only if you answered question { $number }.
survey-rule-chose = Answer only if you chose { $choices } in question { $number }.
survey-rule-choice = “{ $label }”
survey-rule-either = { $first } or { $second }
# The form script's messages. { $count } is a number; { $file } a file name; { $reason } the
# collector's own words.
survey-error-required = Answer this question; it is required.
survey-error-not-a-number = Enter a number, using digits.
survey-error-not-whole = Enter a whole number.
survey-error-too-large = Enter a smaller number.
survey-error-number-range = Enter a number from { $min } to { $max }.
survey-error-number-at-least = Enter a number of at least { $min }.
survey-error-number-at-most = Enter a number of at most { $max }.
survey-error-too-few = Choose at least { $min } (you chose { $count }).
survey-error-too-many = Choose no more than { $max } (you chose { $count }).
survey-error-exclusive = “{ $label }” cannot be chosen together with other answers.
survey-error-too-long = { $count ->
    [one] Use at most { $max } characters (you wrote { $count }).
   *[other] Use at most { $max } characters (you wrote { $count }).
}
survey-errors-heading = { $count ->
    [one] There is a problem with your answers
   *[other] There are { $count } problems with your answers
}
survey-question = Question { $number }
survey-problem = { $question }: { $message }
survey-error-outside-dates = This survey takes responses from { $opens } to { $closes } only; your answers were not saved.
survey-error-no-random = This browser cannot make a random response number, so no response file can be created. Please use another browser or the paper questionnaire.
survey-error-cannot-encrypt = This page cannot encrypt your response, so nothing was saved. Open the survey at its https:// address, or save the offline form to your device and open it from there, or use the paper questionnaire.
survey-saved = Thank you. Your response was saved as the file { $file }. Please hand this file to the survey team.
survey-sending = Sending your response…
survey-sent = Thank you. Your response was sent to the survey team. You can also save a copy of it as a file.
survey-conflict = Your response could not be sent: a different response with the same number is already stored. It was saved as the file { $file } instead. Please hand this file to the survey team.
survey-refused = Your response could not be sent, so it was saved as the file { $file } instead. Please hand this file to the survey team.
survey-refused-because = Your response could not be sent ({ $reason }), so it was saved as the file { $file } instead. Please hand this file to the survey team.
survey-queued = Your response could not be sent yet. It is saved on this device and will be sent when the connection returns. A copy was also saved as the file { $file }.
survey-not-sent = Your response could not be sent, so it was saved as the file { $file } instead. Please hand this file to the survey team.
survey-waiting = { $count ->
    [one] { $count } response is waiting on this device to be sent.
   *[other] { $count } responses are waiting on this device to be sent.
}
survey-queued-sent = A saved response ({ $file }) was sent.
survey-queued-conflict = A saved response ({ $file }) was not sent: a different response with the same number is already stored. Please hand its file to the survey team.
survey-queued-refused = A saved response ({ $file }) was refused. Please hand its file to the survey team.
survey-queued-refused-because = A saved response ({ $file }) was refused ({ $reason }). Please hand its file to the survey team.
# The escalation guide (data/escalation.yaml).
escalation-routes = The routes, in order
escalation-step = Step { $number }
escalation-can = They can
escalation-cannot = They cannot
escalation-timeframe = How long it takes
escalation-who-knows = Who will know
escalation-how-to-start = How to start
# The survey list (/surveys/).
surveys-title = Surveys
surveys-intro = Independent surveys ask the people who deal with { $organisation }'s staff how they were treated. Answers are anonymous: no form asks for or records anything that identifies you, and results are published only as totals.
surveys-intro-no-organisation = Independent surveys ask the people who deal with the organisation's staff how they were treated. Answers are anonymous: no form asks for or records anything that identifies you, and results are published only as totals.
surveys-open = Open now
surveys-open-until = open until { $closes }
surveys-questions = { $count ->
    [one] { $count } question
   *[other] { $count } questions
}
surveys-save-offline = save the offline form
surveys-none-open = No survey is open at the moment.
surveys-upcoming = Coming soon
surveys-opens = opens { $opens }
surveys-closed = Closed
surveys-from-to = { $opens } to { $closes }
surveys-none-closed = No survey has closed yet.
# The survey form's own text.
survey-closed = This survey is closed: it took responses from { $opens } to { $closes }. You can read the questions, but this form can no longer be submitted.
survey-upcoming = This survey opens on { $opens }. You can read the questions now; responses are collected from that day until { $closes }.
survey-response-file = Your response is a small file that holds exactly five things: this survey's name and version, a random response number made up on your device, the day you submit (not the time), and your answers. Nothing in it identifies you or your device. Questions you skip are left out.
survey-response-encrypted = Your browser encrypts the file before it leaves this page, so that only the survey team can read it; whoever carries or stores it on the way cannot.
survey-needs-javascript = This form needs JavaScript to create your response file, and JavaScript is off.
survey-without-javascript = You can still take part: print this page (it prints as a paper questionnaire), fill it in by hand and return it, or turn JavaScript on and reload the page. The form sends nothing anywhere without it.
survey-without-javascript-to = You can still take part: print this page (it prints as a paper questionnaire), fill it in by hand and return it to { $email }, or turn JavaScript on and reload the page. The form sends nothing anywhere without it.
survey-paper = Paper questionnaire: tick one box per question unless it says otherwise, and skip questions that do not apply to you.
survey-paper-return = Return it to { $email }.
survey-required-note = Questions marked “required” need an answer; every other question is optional.
survey-all-optional = Every question is optional.
survey-action-sends = When you submit, your response is sent to the survey team; if that fails, your browser saves it as a file for you to hand in.
survey-action-saves = When you submit, your browser saves your response as a file named like { $file }.
# { $start } and { $end } enclose the words that link to the offline copy.
survey-offline-link = No reliable connection where you are? { $start }Save this form as a single file{ $end }; it works when opened from disk with no network.
survey-offline-title = { $title } (offline form)
survey-offline-header = offline form · the online version is at { $url }
survey-return-title = Sending your response
survey-return-email = Email the response file to { $email } as an attachment.
survey-return-page = Send the response file as the survey team asks on { $page }.
survey-return-hand = Hand the response file to the survey team.

# The guide to verifying the site (/verify/). Commands, file names, field names and what the
# programs print stay in English: they come in as { $… } placeables, already marked up.
verify-heading = Verify this site
verify-description = How to check, with free tools, that the pages of { $site } are exactly the ones that were published.
verify-lead = Every release of this site is signed. You can check for yourself, with free tools, that the files you have are exactly the files that were published: that nobody has changed them on the way to you, and that they are not an old copy passed off as new.
verify-how-it-works = How it works
verify-step-key = 1. Get the public key, twice
verify-step-list = 2. Download the list of files
verify-step-signature = 3. Check the signature
verify-step-download = 4. Download every file on the list
verify-step-files = 5. Check every file
verify-trusted-comment = What the trusted comment tells you
verify-one-step = Doing it in one step
verify-how-sums = Each release comes with a file called { $sums }. It lists every file of the site with its SHA-256 fingerprint: change a single character in any page and its fingerprint no longer matches. { $sums } itself is signed with our secret key, and the signature is in { $signature }. Only the holder of the secret key can make a signature that matches the public key.
verify-how-programs = You need three free programs: { $minisign_link }, which checks the signature, { $sha256sum }, which checks the fingerprints, and { $wget_link }, which downloads the files. { $sha256sum } comes with every Linux system and { $wget } with most; on macOS use { $shasum } with the same options, and install wget with a package manager such as Homebrew. All three work on Windows too.
verify-key-download = Download the public key from this site: { $public_key }.
# { $start } and { $end } enclose the words in bold.
verify-key-compare = Then compare it with a copy you obtained { $start }some other way{ $end } — from the organisation's main website, an announcement on a public mailing list, a printed annual report, or a colleague who checked it earlier. If someone could tamper with this site, they could replace the key here too; a second channel is what makes the check worth doing. The two copies must match character for character. Save the key you trust as { $trusted } in the folder where you will run the commands below: you only need to do this once.
verify-list-download = Make a new folder for your copy of the site, and download into it the list of fingerprints, { $sums_link }, and its signature, { $signature_link }:
# { $verified } and { $failed } are what minisign prints, in English.
verify-signature-result = If the list of fingerprints is genuine, minisign prints { $verified }, followed by a { $comment_start }trusted comment{ $comment_end } (explained { $below_start }below{ $below_end }). Anything else — above all { $failed } — means the list was not signed with our key: do not trust the files.
verify-download-explained = Each line of { $sums } is a fingerprint of 64 characters, two spaces and a file name; { $cut } keeps the names, and { $wget } downloads each of those files from this site into the same folders as on the site. This fetches exactly the files that were published, including those no page links to.
# { $ok }, { $failed } and { $missing } are what sha256sum prints, in English.
verify-files-result = Every line should end in { $ok }, and the command should finish without a warning. A line ending in { $failed } means that file was changed after it was published; { $missing } means it is missing from your copy.
verify-comment-intro = The trusted comment is signed together with the fingerprints, so it cannot be altered either. It is one line of { $fields } fields, for example:
verify-field-base-url = { $field }: where the release was published
verify-field-base-url-means = It should read { $url }. If it names another address, you are looking at another site's files.
verify-field-release = { $field }: the release number
verify-field-release-means = Each new release has a higher number than the one before. If you have seen a higher number before, someone is showing you an old copy.
verify-field-built = { $field }: the build time
verify-field-built-means = When this release was made, in Coordinated Universal Time.
verify-field-files = { $field }: the file count
verify-field-files-means = How many files { $sums } lists, so that a shortened list would not go unnoticed.
verify-field-valid-until = { $field }: the last valid day
verify-field-valid-until-means = The last day, in Coordinated Universal Time, on which this release should be accepted as current. A copy served after that date may be stale, even though its signature is still correct.
verify-field-dirty = { $field }: unrecorded changes (rare)
verify-field-dirty-means = Present only when the release was built from changes the publisher had not yet recorded in the site's history. It is still signed by them, but its release number does not match a recorded version of the site.
verify-field-format-means = The version of this layout, for the software that reads it.
verify-candor-intro = If you have Candor, the program that builds this site, it runs all of the checks above at once on your copy. From the folder that holds { $trusted }:
verify-candor-also = It also checks what the stock tools cannot: files added after signing, a release older than one it has accepted before, the same release number signed twice with different files, an expired release, and a release for a different address. It relies on the same public key, so step 1 still matters.

# The page for unknown addresses (/404.html).
not-found-heading = Page not found
not-found-lead = There is no page at this address. It may have moved, or the link you followed may contain a typing mistake.
not-found-try = Try one of these instead:
not-found-home = The home page of the { $site }
not-found-write = If you think a page is missing, write to { $email }.
# Followed by the site's other languages, each named in itself.
not-found-other-languages = This site in another language:

# A redirect from an earlier address: its title, and the sentence that links on ($page is the link).
redirect-title = Moved: { $page }
redirect-moved = This page has moved to { $page }.

# The KPI page (kpis.html, data/kpis.yaml).
kpi-latest = Latest results
# { $start } and { $end } enclose the count in bold.
kpi-summary = { $total ->
    [one] { $start }{ $met } of { $total }{ $end } indicator met its target in its most recent period.
   *[other] { $start }{ $met } of { $total }{ $end } indicators met their target in their most recent period.
}
kpi-latest-caption = Each indicator's most recent half-year against its target
kpi-indicator = Indicator
kpi-target = Target
kpi-latest-value = Latest
kpi-result = Result
kpi-trend = Trend
# { $value } is the target with its unit: "95%", "30 days".
kpi-at-most = at most { $value }
kpi-at-least = at least { $value }
kpi-met = Met
kpi-not-met = Not met
# A trend chart's accessible name; { $first } and { $last } are periods such as 2024-H1.
kpi-trend-chart = { $name }, { $first } to { $last }; the dashed line is the target
kpi-history = History by indicator
kpi-target-at-most = Target: at most { $value }.
kpi-target-at-least = Target: at least { $value }.
kpi-history-of = History: { $name }
kpi-by-half-year = { $name }, by half-year
kpi-period = Period
kpi-actual = Actual
kpi-none = No indicators have been published yet. Add them to { $file }.

# Words Candor writes into a page's Markdown, and the page's topics.
heading-anchor = Link to this section
task-done = Done
task-not-done = Not done
page-topics = Topics:

# A page's history ("History of this page").
history-heading = History of this page
last-changed = Last changed
history-uncommitted = This page has changes not yet committed.
history-incomplete = Older changes are not included in this copy of the history.
history-what-changed = What changed across the site
history-revisions = { $count ->
    [one] { $count } revision
   *[other] { $count } revisions
}
history-separator = { ": " }
history-by = by { $author }

# Results pages (a page with `results:`): the words around the figures, the charts' accessible
# descriptions and the methods note. Question and answer labels come from the survey's own
# translation (`surveys/<id>.<code>.yaml`).
results-questions = Questions
results-methods-heading = How these figures were produced
results-free-text = Free-text answers are never published. The reviewer reads them and reports their themes in their own words.
# The line under a question's heading: { $respondents } is a count, or "not shown". The parts
# after it are added when they apply, then the full stop.
results-answered = { $respondents } answered
results-answered-hidden = How many answered is not shown
results-several-answers = ; several answers were allowed, so shares add up to more than 100%
results-median = ; median { $median }
results-middle-half = ; middle half { $quartiles }
results-full-stop = .
results-by-answer = By answer to “{ $grouping }”
results-all-respondents = All respondents
results-caption-all = { $question } — all respondents
results-caption-by = { $question } — by answer to “{ $grouping }”
results-caption-waves = { $question } — each wave
results-table-answer = Answer
results-table-answered = Answered
results-table-median = Median
results-table-middle-half = Middle half
results-not-shown = not shown
results-hidden-part = not shown, to protect small groups
results-responses-not-shown = number of responses not shown
results-range = { $low } to { $high }
results-period = { $from } to { $to }
results-month-year = { $month } { $year }
results-month-1 = January
results-month-2 = February
results-month-3 = March
results-month-4 = April
results-month-5 = May
results-month-6 = June
results-month-7 = July
results-month-8 = August
results-month-9 = September
results-month-10 = October
results-month-11 = November
results-month-12 = December
results-chart-scale = Each bar shows how the answers were spread over the scale, from the lowest point on the left to the highest on the right. The same figures are in the table below.
results-chart-choices = Each bar shows the share of respondents who gave each answer. The same figures are in the table below.
results-chart-waves = One bar per wave, oldest first; each shows how the answers were spread. The same figures are in the table below.
# { $id } and { $hash } arrive as code (HTML); { $period } is the wave's months.
results-provenance = Survey { $id }, version { $version }; { $responses }. Produced by { $generator } from input with SHA-256 { $hash }: running the same version on the same responses gives the same figures.
results-provenance-period = Survey { $id }, version { $version }; { $responses }, { $period }. Produced by { $generator } from input with SHA-256 { $hash }: running the same version on the same responses gives the same figures.
results-methods-group-size = No figure is published for the survey, a question or a group with fewer than { $size } respondents.
results-methods-small-count = Counts from 1 to { $max } are not published, nor a count that is all but 1 to { $max } of its group.
results-methods-unanimous = A group of fewer than { $size } respondents who all gave the same answer, or whose answers all lie on one side of a scale, is not shown, since that would reveal each member's answer.
results-methods-complementary = Further figures are hidden wherever a hidden one could otherwise be worked out from everything published about this survey, in this release and earlier ones: totals, other tables, other questions, and how questions depend on each other. Every hidden figure reads “{ $hidden }”, whichever rule hid it.
results-methods-percentages = Percentages are whole numbers of the people who answered the question (or belong to the group), shown only beside a published count. For questions that allow several answers they add up to more than 100%.
results-methods-medians = Medians of scales are shown only when no figure of the row is hidden. For number questions only how many answered is shown, never a median or quartile.
results-methods-breakdowns = Results are broken down by one grouping question at a time, never by two at once. Free-text answers are never published, not even how many there are.
# The trend page (`results: <series>`).
results-waves-compared = Waves compared
results-wave = { $title }: { $responses }, { $period }
results-not-compared = Not compared, because they were asked differently or not in every wave:

# A revision page (/<page>/changes/<hash>/): one change to one page. { $date } is a day,
# { $hash } a short commit id, { $page } the page's title; in the headings and links { $date }
# and { $hash } arrive as HTML (<time>, <code>).
revision-title = { $page }: change of { $date }
revision-description = What changed in { $page } on { $date }: { $subject }
revision-heading = { $page }: change of { $date }
revision-id = Revision { $hash }
revision-page-now = The page as it is now
revision-why = Why
revision-what-changed = What changed
revision-created = The page was created in this revision.
revision-moved = The page moved here from { $from } in this revision.
# { $underlined } and { $struck } arrive as the words below, marked up as they look.
revision-legend = Added words are { $underlined }; removed words are { $struck }.
revision-underlined = underlined
revision-struck = struck through
revision-no-diff = This version cannot be compared word by word (it is not text, or it is too large).
revision-others = Other revisions of this page
revision-previous = Previous change, { $date }
revision-next = Next change, { $date }
revision-incomplete = This copy of the site's history is incomplete: older changes are not shown.
# Read out by screen readers before each removed or added passage of a word diff.
diff-removed = Removed:
diff-added = Added:
