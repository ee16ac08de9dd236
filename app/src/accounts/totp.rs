//! Time-based one-time codes (RFC 6238, HMAC-SHA1, 30-second steps, 6 digits),
//! as authenticator apps produce them, with the `otpauth://` link their QR
//! codes carry.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use rand::rngs::OsRng;
use sha1::Sha1;

pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: u32 = 6;

/// A new 160-bit secret, as RFC 4226 recommends.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 20];
    OsRng.fill_bytes(&mut secret);
    secret
}

/// The secret as people type it into an app: base32, in groups of four.
pub fn secret_for_typing(secret: &[u8]) -> String {
    let encoded = BASE32_NOPAD.encode(secret);
    encoded
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The link an authenticator app reads from the QR code.
pub fn otpauth_uri(secret: &[u8], issuer: &str, account: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => (b as char).to_string(),
                other => format!("%{other:02X}"),
            })
            .collect()
    };
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        BASE32_NOPAD.encode(secret),
        enc(issuer)
    )
}

/// The code for one time step (RFC 4226's HOTP with dynamic truncation).
fn code_for_step(secret: &[u8], step: u64, digits: u32) -> String {
    // HMAC accepts a key of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = (u32::from(hash[offset]) & 0x7f) << 24
        | u32::from(hash[offset + 1]) << 16
        | u32::from(hash[offset + 2]) << 8
        | u32::from(hash[offset + 3]);
    let code = binary % 10u32.pow(digits);
    format!("{code:0width$}", width = digits as usize)
}

/// The code an app shows at `unix_time`.
pub fn code_at(secret: &[u8], unix_time: u64) -> String {
    code_for_step(secret, unix_time / STEP_SECONDS, DIGITS)
}

/// Checks a typed code at `unix_time`, allowing one step either side for
/// clock drift. Returns the step matched, which the caller stores so the same
/// code cannot be used twice; steps at or before `last_used` are refused.
pub fn verify(secret: &[u8], typed: &str, unix_time: u64, last_used: Option<u64>) -> Option<u64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let now = unix_time / STEP_SECONDS;
    [now.saturating_sub(1), now, now + 1]
        .into_iter()
        .filter(|step| last_used.is_none_or(|used| *step > used))
        .find(|step| constant_time_eq(code_for_step(secret, *step, DIGITS).as_bytes(), typed.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn matches_the_rfc_6238_test_vectors() {
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, want) in vectors {
            assert_eq!(code_for_step(RFC_SECRET, time / STEP_SECONDS, 8), want, "T={time}");
        }
    }

    #[test]
    fn accepts_the_current_code_and_one_step_of_drift_only() {
        let t = 1_234_567_890;
        let code = |time: u64| code_for_step(RFC_SECRET, time / STEP_SECONDS, DIGITS);
        assert_eq!(verify(RFC_SECRET, &code(t), t, None), Some(t / 30));
        assert_eq!(verify(RFC_SECRET, &code(t - 30), t, None), Some(t / 30 - 1));
        assert_eq!(verify(RFC_SECRET, &code(t + 30), t, None), Some(t / 30 + 1));
        assert_eq!(verify(RFC_SECRET, &code(t - 90), t, None), None);
        let spaced = format!("{} {}", &code(t)[..3], &code(t)[3..]);
        assert_eq!(verify(RFC_SECRET, &spaced, t, None), Some(t / 30));
        assert_eq!(verify(RFC_SECRET, "12345", t, None), None);
        assert_eq!(verify(RFC_SECRET, "abcdef", t, None), None);
    }

    #[test]
    fn a_code_cannot_be_used_twice() {
        let t = 1_234_567_890;
        let code = code_for_step(RFC_SECRET, t / STEP_SECONDS, DIGITS);
        let used = verify(RFC_SECRET, &code, t, None).unwrap();
        assert_eq!(verify(RFC_SECRET, &code, t + 5, Some(used)), None);
    }

    #[test]
    fn the_qr_link_and_typed_secret_carry_the_same_secret() {
        let uri = otpauth_uri(RFC_SECRET, "Demo Council EHC hub", "sam@example.org");
        assert_eq!(
            uri,
            "otpauth://totp/Demo%20Council%20EHC%20hub:sam@example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Demo%20Council%20EHC%20hub&algorithm=SHA1&digits=6&period=30"
        );
        assert_eq!(secret_for_typing(RFC_SECRET), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assert_eq!(new_secret().len(), 20);
        assert_ne!(new_secret(), new_secret());
    }
}
