//! The rules for a new password, as NCSC and OWASP advise: long rather than
//! complicated, no forced mix of character types, and not a common password
//! or one close to it (ASVS 2.1.7).

use crate::error::FieldErrors;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

/// Guesses below which a password is refused: under 10^10 zxcvbn scores it
/// 2 or less. That takes in breached-password lists and their small
/// variations ("Password1234", "qwertyuiop12", about 10^4), and pairs of
/// common words ("manchester united", 10^8); three random words are past 10^15.
#[cfg(feature = "ssr")]
const FEWEST_GUESSES_LOG10: f64 = 10.0;

/// Whether `password` is on the lists of common passwords (and words,
/// names and keyboard patterns) that zxcvbn embeds, or close to one, or
/// made from `personal` words such as the person's own name and address.
/// Server only: the lists stay out of the browser bundle, and the server is
/// what decides.
#[cfg(feature = "ssr")]
pub fn is_common(password: &str, personal: &[&str]) -> bool {
    zxcvbn::zxcvbn(password, personal).guesses_log10() < FEWEST_GUESSES_LOG10
}

/// The words a guesser would try first for a person: their name, their
/// email address and its parts.
pub fn personal_words(name: &str, email: &str) -> Vec<String> {
    let mut words = vec![email.to_lowercase(), name.to_lowercase()];
    words.extend(
        format!("{name} {email}")
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_owned),
    );
    words
}

/// Without the lists (in the browser), nothing counts as common: the server checks again.
#[cfg(not(feature = "ssr"))]
pub fn is_common(_password: &str, _personal: &[&str]) -> bool {
    false
}

/// Checks a new password and its confirmation. `personal` holds the words a
/// guesser would try first for this person (their name, their email address).
///
/// # Errors
/// The problems, against the `password` and `confirm` fields.
pub fn check_new_password(password: &str, confirm: &str, personal: &[&str]) -> Result<(), FieldErrors> {
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
    } else if is_common(password, personal) {
        errors.add(
            "password",
            "password",
            "Your password is too easy to guess. Do not use a common password, a name or \
             your email address: try three or four random words",
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
            ("river lantern orchard", "river lantern orchard", None),
            (
                "river lantern orchard",
                "river lantern orchid",
                Some(("confirm", "The passwords do not match")),
            ),
        ];
        for (password, confirm, want) in cases {
            let got = check_new_password(password, confirm, &[])
                .err()
                .map(|e| (e.0[0].field.clone(), e.0[0].message.clone()));
            assert_eq!(got, want.map(|(f, m)| (f.to_owned(), m.to_owned())), "{password:?}");
        }
        let long = "x".repeat(129);
        assert!(check_new_password(&long, &long, &[]).is_err());
    }

    #[test]
    fn common_passwords_and_ones_close_to_them_are_refused() {
        let too_easy = "Your password is too easy to guess. Do not use a common password, a name or \
                        your email address: try three or four random words";
        let personal = personal_words("Sam Okafor", "sam.okafor@demo-council.test");
        let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
        for common in [
            "password1234",
            "Password123!",
            "qwertyuiop12",
            "iloveyou2024",
            "aaaaaaaaaaaa",
            "123456789012",
            "manchester united",
            "samokafor2026",
            "sam.okafor@demo-council.test",
        ] {
            let refused = check_new_password(common, common, &personal)
                .err()
                .map(|e| e.0[0].message.clone());
            assert_eq!(refused.as_deref(), Some(too_easy), "{common}");
        }
        for fine in [
            "river lantern orchard",
            "kettle meadow compass",
            "correct horse battery staple",
        ] {
            assert_eq!(check_new_password(fine, fine, &personal), Ok(()), "{fine}");
        }
        // The longest password allowed is judged quickly.
        let longest = "correct horse battery staple ".repeat(5)[..MAX_LENGTH].to_owned();
        let started = std::time::Instant::now();
        assert_eq!(check_new_password(&longest, &longest, &personal), Ok(()));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
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
