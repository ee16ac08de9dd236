//! What the family may write on a shared draft: a comment's length, and how
//! many comments one person may leave on one section of one version.

/// Longest comment: a few pages.
pub const MAX_CHARS: usize = 5_000;

/// Most comments one person may leave on one section of one version. Far
/// more than anyone writes; it keeps the plan page and its table bounded.
pub const MAX_PER_SECTION: usize = 30;

/// Why a comment cannot be added, as the message beside the comment box; the
/// comment is already trimmed, and `earlier` is how many this person has
/// left on this section of this version.
pub fn problem(comment: &str, earlier: usize) -> Option<String> {
    if comment.is_empty() {
        Some("Enter your comment".to_owned())
    } else if comment.chars().count() > MAX_CHARS {
        Some(format!("Your comment must be {MAX_CHARS} characters or fewer"))
    } else if earlier >= MAX_PER_SECTION {
        Some(format!(
            "You have left {MAX_PER_SECTION} comments on this section, which is the most you can leave. \
             Contact your caseworker to say more"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_needs_text_within_its_length_and_the_sections_limit() {
        assert_eq!(problem("Thank you", 0), None);
        assert_eq!(problem("Thank you", MAX_PER_SECTION - 1), None);
        assert_eq!(problem("", 0).as_deref(), Some("Enter your comment"));
        assert!(problem(&"x".repeat(MAX_CHARS + 1), 0).is_some_and(|m| m.contains("5000 characters")));
        assert!(problem("One more", MAX_PER_SECTION).is_some_and(|m| m.contains("30 comments on this section")));
    }
}
