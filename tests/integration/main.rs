//! One integration-test target: every case runs the real binaries on a small fixture site
//! copied into a temporary folder, and checks what a user would check.

mod support;

mod attack;
mod boundaries;
mod build;
mod check;
mod collect;
mod collect_safety;
mod disclosure_audit;
mod editor_errors;
mod encryption;
mod history;
mod history_cache;
mod history_scale;
mod history_speed;
mod hostile;
mod incremental;
mod jobs;
mod jobs_languages;
mod language_gaps;
mod languages;
mod languages_browser;
mod languages_history;
mod languages_pages;
mod languages_results;
mod languages_speed;
mod languages_words;
mod output_safety;
mod readers;
mod receive;
mod release_history;
mod report_safety;
mod results;
mod serve;
mod sign;
mod snapshots;
mod source_safety;
mod survey;
mod theme_and_translation_safety;
mod user_folders;
mod verify_safety;
