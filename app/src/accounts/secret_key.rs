//! The server's key for secrets kept at rest (authenticator app keys):
//! sealing and opening them with ChaCha20-Poly1305, so a copy of the
//! database alone does not give anyone a person's second factor.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use data_encoding::{BASE64URL_NOPAD, HEXLOWER_PERMISSIVE};
use rand::RngCore;
use rand::rngs::OsRng;

/// Marks a sealed value, and which scheme sealed it, so a later scheme can
/// be told apart from this one (and both from the plain values stored before).
const V1: &str = "v1:";
const NONCE_BYTES: usize = 12;

/// A 256-bit key. Neither `Debug`-printable nor `Serialize`, so it never
/// reaches a log or a page.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

impl SecretKey {
    /// A new random key.
    pub fn generate() -> SecretKey {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        SecretKey(key)
    }

    /// Reads a key written as 64 hexadecimal characters (`openssl rand -hex 32`).
    ///
    /// # Errors
    /// Anything that is not 32 bytes in hexadecimal.
    pub fn from_hex(text: &str) -> Result<SecretKey, String> {
        let bytes = HEXLOWER_PERMISSIVE
            .decode(text.trim().as_bytes())
            .map_err(|_| "it must be 64 hexadecimal characters".to_owned())?;
        <[u8; 32]>::try_from(bytes.as_slice())
            .map(SecretKey)
            .map_err(|_| "it must be 64 hexadecimal characters (32 bytes)".to_owned())
    }

    /// The key as [`SecretKey::from_hex`] reads it, for writing to a file.
    pub fn to_hex(&self) -> String {
        HEXLOWER_PERMISSIVE.encode(&self.0)
    }

    /// Seals `plain` for storing. `context` names where the value belongs
    /// (an account, a session): a sealed value copied elsewhere does not open.
    pub fn seal(&self, plain: &[u8], context: &str) -> String {
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&self.0));
        let mut nonce = [0u8; NONCE_BYTES];
        OsRng.fill_bytes(&mut nonce);
        let payload = Payload {
            msg: plain,
            aad: context.as_bytes(),
        };
        // Encrypting fails only for messages of gigabytes; an empty value
        // then fails to open, which reads as "no secret".
        let sealed = cipher.encrypt(Nonce::from_slice(&nonce), payload).unwrap_or_default();
        let mut stored = nonce.to_vec();
        stored.extend(sealed);
        format!("{V1}{}", BASE64URL_NOPAD.encode(&stored))
    }

    /// Opens a value [`SecretKey::seal`] made for `context`; `None` for
    /// anything else (another key, another context, tampered, or not sealed).
    pub fn open(&self, stored: &str, context: &str) -> Option<Vec<u8>> {
        let bytes = BASE64URL_NOPAD.decode(stored.strip_prefix(V1)?.as_bytes()).ok()?;
        if bytes.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let payload = Payload {
            msg: sealed,
            aad: context.as_bytes(),
        };
        ChaCha20Poly1305::new(Key::from_slice(&self.0))
            .decrypt(Nonce::from_slice(nonce), payload)
            .ok()
    }

    /// Whether a stored value was sealed (rather than stored plain, as before sealing).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(V1)
    }

    /// A SQL `LIKE` pattern matching every sealed value.
    pub fn sealed_pattern() -> String {
        format!("{V1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_context() {
        let key = SecretKey::generate();
        let secret = b"12345678901234567890";
        let sealed = key.seal(secret, "authenticator:7");
        assert!(SecretKey::is_sealed(&sealed));
        assert!(!sealed.contains("GEZDGNBV"), "the plain secret is not in it");
        assert_eq!(key.open(&sealed, "authenticator:7").as_deref(), Some(&secret[..]));
        assert_eq!(key.open(&sealed, "authenticator:8"), None, "another account's row");
        assert_eq!(SecretKey::generate().open(&sealed, "authenticator:7"), None);
        assert_ne!(sealed, key.seal(secret, "authenticator:7"), "a fresh nonce each time");
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(key.open(&String::from_utf8(tampered).unwrap(), "authenticator:7"), None);
        assert_eq!(key.open("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "authenticator:7"), None);
        assert!(sealed.len() <= 200, "fits its column");
    }

    #[test]
    fn a_key_is_read_from_64_hexadecimal_characters() {
        let key = SecretKey::generate();
        let again = SecretKey::from_hex(&key.to_hex()).unwrap();
        assert_eq!(again.open(&key.seal(b"x", "c"), "c").as_deref(), Some(&b"x"[..]));
        assert!(SecretKey::from_hex("abc").is_err());
        assert!(SecretKey::from_hex(&"zz".repeat(32)).is_err());
        assert!(SecretKey::from_hex(&"00".repeat(31)).is_err());
        assert_eq!(format!("{key:?}"), "SecretKey(..)");
    }
}
