//! The rules for a new password, as NCSC and OWASP advise: long rather than
//! complicated, no forced mix of character types.

use crate::error::FieldErrors;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

/// Checks a new password and its confirmation.
///
/// # Errors
/// The problems, against the `password` and `confirm` fields.
pub fn check_new_password(password: &str, confirm: &str) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    let length = password.chars().count();
    if password.is_empty() {
        errors.add("password", "password", "Enter a new password");
    } else if length < MIN_LENGTH {
        errors.add(
            "password",
            "password",
            format!("Your password must be at least {MIN_LENGTH} characters"),
        );
    } else if length > MAX_LENGTH {
        errors.add(
            "password",
            "password",
            format!("Your password must be {MAX_LENGTH} characters or fewer"),
        );
    } else if password != confirm {
        errors.add("confirm", "confirm", "The passwords do not match");
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// A rough check that an email address could be real: something, an @, and a
/// domain with a dot. Delivery is the real test.
pub fn looks_like_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_must_be_long_and_confirmed() {
        let cases = [
            ("", "", Some(("password", "Enter a new password"))),
            (
                "short pass",
                "short pass",
                Some(("password", "Your password must be at least 12 characters")),
            ),
            ("twelve chars", "twelve chars", None),
            (
                "twelve chars",
                "twelve charz",
                Some(("confirm", "The passwords do not match")),
            ),
        ];
        for (password, confirm, want) in cases {
            let got = check_new_password(password, confirm)
                .err()
                .map(|e| (e.0[0].field.clone(), e.0[0].message.clone()));
            assert_eq!(got, want.map(|(f, m)| (f.to_owned(), m.to_owned())), "{password:?}");
        }
        let long = "x".repeat(129);
        assert!(check_new_password(&long, &long).is_err());
    }

    #[test]
    fn email_addresses_are_checked_roughly() {
        for good in ["a@b.co", " sam.reed@demo-council.test "] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in [
            "",
            "sam",
            "sam@",
            "@b.co",
            "sam@localhost",
            "sam @b.co",
            "sam@b.",
            "sam@.co",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
