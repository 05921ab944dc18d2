//! Candor: a signed static site generator for staff-accountability transparency sites, and the
//! offline survey collector that feeds it.

mod atomic_file;
pub mod build;
pub mod check;
pub mod collect;
pub mod config;
pub mod content;
pub mod data_translations;
pub mod date;
pub(crate) mod destination;
pub mod diagnostic;
pub(crate) mod drafts;
pub mod encryption;
pub(crate) mod escape;
pub mod exit;
pub(crate) mod feeds;
pub mod file_map;
mod hex;
pub mod history;
pub mod incremental;
pub mod interface_strings;
pub mod languages;
pub mod links;
pub(crate) mod local_state;
pub mod markdown;
pub mod output;
pub(crate) mod private_files;
#[cfg(test)]
mod properties;
pub mod render;
pub mod report;
pub(crate) mod sections;
pub mod serve;
pub mod sign;
pub(crate) mod site_layout;
mod source_text;
pub(crate) mod sources;
pub mod staging;
pub mod survey;
pub mod survey_translations;
pub mod translation_history;
pub mod translation_links;
pub mod translations;
pub(crate) mod words;
pub mod yaml;
