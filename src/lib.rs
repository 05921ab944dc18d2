//! Candor: a signed static site generator for staff-accountability transparency sites, and the
//! offline survey collector that feeds it.

mod atomic_file;
pub mod build;
pub mod check;
pub mod collect;
pub mod config;
pub mod content;
pub mod date;
pub mod destination;
pub mod diagnostic;
pub mod drafts;
pub mod escape;
pub mod exit;
pub mod feeds;
pub mod file_map;
mod hex;
pub mod history;
pub mod incremental;
pub mod links;
pub mod local_state;
pub mod markdown;
pub mod output;
pub mod private_files;
#[cfg(test)]
mod properties;
pub mod render;
pub mod report;
pub mod sections;
pub mod serve;
pub mod sign;
pub mod site_layout;
pub mod sources;
pub mod staging;
pub mod survey;
mod user_folders;
pub mod words;
pub mod yaml;
