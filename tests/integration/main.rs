//! The integration tests: one target that runs the real `candor` binary on small fixture sites
//! in temporary folders. Each module covers one area; `support` holds what they share.

mod sign;
mod support;
