//! The words of a child's names, as the trays' search finds them: each name
//! split at anything not a letter or digit ("O'Brien-Hart" is "o", "brien",
//! "hart"), in lower case. A search word matches the start of any of them,
//! so a search is an index range, never a scan of every name.

/// The longest word kept; a longer one is searched by its first letters.
pub const MAX_WORD: usize = 64;

/// The words of `text`, lower-cased, each once, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word: String = word.to_lowercase().chars().take(MAX_WORD).collect();
        if !found.contains(&word) {
            found.push(word);
        }
    }
    found
}

/// The words of a child's first and last names together.
pub fn name_words(first_name: &str, last_name: &str) -> Vec<String> {
    words(&format!("{first_name} {last_name}"))
}

/// The first string after every word that starts with `prefix`, in the byte
/// order both databases compare these words by: the prefix with its last
/// character raised by one. `None` when no such string exists (the prefix
/// ends in the last character there is), so only the lower bound applies.
pub fn after_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        // The next character that is one (surrogates are not characters).
        let next = (u32::from(last) + 1..=u32::from(char::MAX)).find_map(char::from_u32);
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_punctuation_and_spaces_in_lower_case() {
        assert_eq!(name_words("Zoë", "O'Brien-Hart"), ["zoë", "o", "brien", "hart"]);
        assert_eq!(name_words("Ana María", "ana"), ["ana", "maría"]);
        assert!(words(" - ' ").is_empty());
    }

    #[test]
    fn a_prefix_range_holds_every_word_that_starts_with_it_and_no_other() {
        let upper = after_prefix("quill").unwrap();
        assert_eq!(upper, "quilm");
        for word in ["quill", "quillfeather", "quillz"] {
            assert!(word >= "quill" && word < upper.as_str(), "{word}");
        }
        for word in ["quilm", "quilk", "quik", "quilmz"] {
            assert!(!(word >= "quill" && word < upper.as_str()), "{word}");
        }
        assert_eq!(after_prefix("josé").unwrap(), "josê");
        assert_eq!(after_prefix(""), None);
    }

    #[test]
    fn very_long_words_are_kept_by_their_start() {
        let long = "a".repeat(100);
        assert_eq!(words(&long)[0].chars().count(), MAX_WORD);
    }
}
