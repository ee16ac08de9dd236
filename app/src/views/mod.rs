//! The child's and the family's views: "About me" and the parents' or
//! carers' views, in words, photos, videos, recordings and documents, sent to
//! the council to become section A of the plan.

#[cfg(feature = "ssr")]
pub mod load;
pub mod types;
pub mod uploader;
pub mod views_page;
