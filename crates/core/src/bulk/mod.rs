//! Bulk transfers: many uploads at once that cannot store a file twice (`batch`), a journal that
//! makes a directory upload resumable after a crash, a kill or a cancel (`journal`), and the
//! sync plan of a local tree against a remote folder (`plan`), and the walk of a local tree and
//! the journaled upload of a plan that the CLI and the C ABI share (`tree`).

pub mod batch;
pub mod journal;
pub mod plan;
pub mod tree;
