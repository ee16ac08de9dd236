//! The EHC plan as the caseworker writes it and everyone else reads it:
//! its parts (section A, one part per area of need, I, J, K), what each part
//! holds, how an edit form becomes a part again, the checks that keep a plan
//! specific, what the family may comment, and the redline between two versions.

pub mod checks;
pub mod comment;
pub mod consultation;
pub mod content;
pub mod form;
pub mod part;
pub mod redline;
pub mod version;
