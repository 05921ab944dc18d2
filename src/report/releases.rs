//! Earlier releases of a survey's results: what readers already have.
//!
//! A results file stays in git history and in readers' copies after it is replaced, so a new
//! release is audited together with every earlier one.

use super::linked::{Layout, System};
use super::results::Results;
use super::tally::Tally;
use crate::survey::Survey;

/// Adds the earlier releases to the system, linked to release 0.
pub(crate) fn link(
    _system: &mut System,
    _survey: &Survey,
    _layout: &Layout,
    _tally: &Tally,
    _earlier: &[Results],
) {
}
