//! Files sent to a case. Families on a weak mobile signal send photos and
//! videos through the resumable protocol (tus 1.0, `tus.rs`): bytes are
//! staged on local disk as they arrive (`staging.rs`), and only once every
//! byte is here is the file checked and moved to storage. Every later area
//! that takes documents (advice reports, review evidence) attaches them here.
//! The settings and what requests share are `app::uploads::Uploads`, in the
//! state every request has.

pub mod boxes;
pub mod checks;
pub mod files;
pub mod form_upload;
pub mod photos;
pub mod scan;
pub mod sniff;
pub mod staging;
pub mod thumbnails;
pub mod tus;

/// Where the upload routes are served.
pub const UPLOADS_PATH: &str = "/uploads";
