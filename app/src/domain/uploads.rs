//! Files people attach to a case: where a file belongs, what kinds are
//! accepted, the states an upload passes through before anyone else may open
//! it, and the size limits. Wasm-safe: the browser's uploader shows the same
//! limits and messages as the server enforces.

use serde::{Deserialize, Serialize};

use super::stored::stored_enum;

stored_enum! {
    /// Where an uploaded file belongs on the case. Each area that takes files
    /// (advice reports, review evidence) adds its own.
    #[derive(Hash)]
    #[serde(rename_all = "snake_case")]
    pub enum Attachment {
        /// "About me": the child's or young person's own views.
        ChildViews = "child_views",
        /// The parents' or carers' views.
        ParentViews = "parent_views",
        /// A report or clinic letter attached to a professional's advice.
        AdviceDocument = "advice_document",
    }
}

stored_enum! {
    /// Where an upload is on its way to being a file people can open.
    pub enum UploadState {
        /// Bytes are still arriving; the upload can be resumed.
        Receiving = "receiving",
        /// Every byte is here; its type is being decided and it is being scanned.
        Checking = "checking",
        /// Scanned and stored: the people on the case may open it.
        Ready = "ready",
        /// Not accepted (its type, or malware); the reason says why.
        Refused = "refused",
    }
}

stored_enum! {
    /// What kind of thing a file is, decided from its content.
    pub enum MediaKind {
        Photo = "photo",
        Video = "video",
        Audio = "audio",
        Document = "document",
    }
}

impl MediaKind {
    pub fn label(self) -> &'static str {
        match self {
            MediaKind::Photo => "Photo",
            MediaKind::Video => "Video",
            MediaKind::Audio => "Audio",
            MediaKind::Document => "Document",
        }
    }
}

const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

/// How large files may be, from configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLimits {
    /// The largest single file (`EHC_UPLOAD_MAX_FILE_MB`).
    pub max_file: u64,
    /// All the files on one case together (`EHC_UPLOAD_MAX_CASE_MB`).
    pub max_per_case: u64,
    /// The largest file sent by a plain form, without JavaScript
    /// (`EHC_UPLOAD_MAX_FORM_MB`): such a post cannot resume.
    pub max_form_file: u64,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits {
            max_file: 2 * GIB,
            max_per_case: 20 * GIB,
            max_form_file: 25 * MIB,
        }
    }
}

/// "2 GB", "25 MB", "1.5 MB", "300 KB": sizes as people read them. Whole
/// numbers only, so the browser's uploader carries no float formatting.
pub fn size_label(bytes: u64) -> String {
    let (unit, name) = if bytes >= GIB {
        (GIB, "GB")
    } else if bytes >= MIB {
        (MIB, "MB")
    } else {
        (1024, "KB")
    };
    // Tenths, rounded; one decimal place below ten units.
    let tenths = (bytes.saturating_mul(10) + unit / 2) / unit;
    if tenths >= 100 || tenths.is_multiple_of(10) {
        format!("{} {name}", (tenths + 5) / 10)
    } else {
        format!("{}.{} {name}", tenths / 10, tenths % 10)
    }
}

/// Why a new upload of `length` bytes cannot start, given `used` bytes
/// already on the case.
pub fn too_large(limits: &UploadLimits, length: u64, used: u64) -> Option<String> {
    if length == 0 {
        return Some("The file is empty. Choose another file".to_owned());
    }
    if length > limits.max_file {
        return Some(format!(
            "The file must be smaller than {}. Choose a shorter video or a smaller file",
            size_label(limits.max_file)
        ));
    }
    if used.saturating_add(length) > limits.max_per_case {
        return Some(format!(
            "The files on this case can add up to {} and there is not enough room left for this one. Remove a file you no longer need, or ask your caseworker",
            size_label(limits.max_per_case)
        ));
    }
    None
}

/// What a caption may hold.
pub const CAPTION_MAX_CHARS: usize = 500;

/// What someone is told when a file is refused for its type.
pub const TYPE_REFUSED: &str =
    "This type of file cannot be added. Add a photo, video, audio recording, PDF or Word, Excel or PowerPoint document";

/// What someone is told when the malware scan finds something.
pub const MALWARE_REFUSED: &str =
    "This file cannot be added because our virus check found a problem with it. Try a different file";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_label(2 * GIB), "2 GB");
        assert_eq!(size_label(25 * MIB), "25 MB");
        assert_eq!(size_label(1536 * 1024), "1.5 MB");
        assert_eq!(size_label(300 * 1024), "300 KB");
    }

    #[test]
    fn a_file_past_either_limit_is_refused_with_the_limit_named() {
        let limits = UploadLimits {
            max_file: 10 * MIB,
            max_per_case: 15 * MIB,
            max_form_file: MIB,
        };
        assert_eq!(too_large(&limits, 10 * MIB, 0), None);
        assert!(too_large(&limits, 10 * MIB + 1, 0).is_some_and(|m| m.contains("smaller than 10 MB")));
        assert!(too_large(&limits, 6 * MIB, 10 * MIB).is_some_and(|m| m.contains("add up to 15 MB")));
        assert!(too_large(&limits, 0, 0).is_some_and(|m| m.contains("empty")));
    }
}
