//! Candor: a signed static site generator for staff-accountability transparency sites, and the
//! offline survey collector that feeds it.

pub mod build;
pub mod collect;
pub mod config;
pub mod diagnostic;
pub mod exit;
pub mod survey;
pub mod yaml;
