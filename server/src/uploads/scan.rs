//! Malware scanning by ClamAV's daemon (clamd), over its socket with the
//! INSTREAM command: the file is streamed in chunks, and clamd's one-line
//! reply is parsed exactly. Only `stream: OK` is clean; a signature name is
//! infected; anything else (an error, a size limit, a time-out, a dropped
//! socket, a reply we do not know) is a failed scan, never clean.

use std::path::PathBuf;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Where clamd listens (`EHC_CLAMD`: `unix:/run/clamav/clamd.ctl` or `tcp:127.0.0.1:3310`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scanner {
    Unix(PathBuf),
    Tcp(String),
}

impl Scanner {
    /// # Errors
    /// The setting names neither a socket file nor a host and port.
    pub fn parse(setting: &str) -> Result<Scanner, String> {
        match setting.split_once(':') {
            Some(("unix", path)) if !path.is_empty() => Ok(Scanner::Unix(PathBuf::from(path))),
            Some(("tcp", address)) if address.contains(':') => Ok(Scanner::Tcp(address.to_owned())),
            _ => Err(format!(
                "EHC_CLAMD must be unix:/path/to/clamd.socket or tcp:host:port, not {setting:?}"
            )),
        }
    }
}

/// What clamd said about a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature it matched.
    Infected(String),
}

/// Why a scan gave no verdict. The file stays unchecked and is tried again.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("clamd could not be reached or dropped the connection: {0}")]
    Io(#[from] std::io::Error),
    #[error("clamd did not answer in time")]
    TimedOut,
    #[error("clamd answered with an error: {0}")]
    Refused(String),
}

/// How long clamd may take to take a chunk or to give its verdict.
const WAIT: Duration = Duration::from_secs(120);
/// Chunks as clamd reads them; its `StreamMaxLength` counts their total.
const CHUNK: usize = 256 * 1024;

/// Scans everything `file` yields.
///
/// # Errors
/// No verdict: see [`ScanError`].
pub async fn scan(scanner: &Scanner, file: impl AsyncRead + Unpin) -> Result<Verdict, ScanError> {
    match scanner {
        Scanner::Unix(path) => {
            let socket = within(tokio::net::UnixStream::connect(path)).await??;
            instream(socket, file).await
        }
        Scanner::Tcp(address) => {
            let socket = within(tokio::net::TcpStream::connect(address.as_str())).await??;
            instream(socket, file).await
        }
    }
}

async fn within<T>(future: impl Future<Output = T>) -> Result<T, ScanError> {
    tokio::time::timeout(WAIT, future)
        .await
        .map_err(|_| ScanError::TimedOut)
}

async fn instream(
    mut socket: impl AsyncRead + AsyncWrite + Unpin,
    mut file: impl AsyncRead + Unpin,
) -> Result<Verdict, ScanError> {
    within(socket.write_all(b"zINSTREAM\0")).await??;
    let mut buffer = vec![0u8; CHUNK];
    loop {
        let read = file.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        let length = u32::try_from(read).unwrap_or(u32::MAX).to_be_bytes();
        // clamd stops reading once a limit is passed and says why: read its
        // reply rather than the broken pipe.
        let sent = async {
            socket.write_all(&length).await?;
            socket.write_all(&buffer[..read]).await
        };
        if within(sent).await?.is_err() {
            return verdict(&read_reply(&mut socket).await?);
        }
    }
    within(socket.write_all(&0u32.to_be_bytes())).await??;
    verdict(&read_reply(&mut socket).await?)
}

async fn read_reply(socket: &mut (impl AsyncRead + Unpin)) -> Result<String, ScanError> {
    let mut reply = Vec::new();
    // One short line ends with NUL (the `z` in `zINSTREAM`); bounded all the same.
    within((&mut *socket).take(4096).read_to_end(&mut reply)).await??;
    Ok(String::from_utf8_lossy(&reply).into_owned())
}

/// Parses clamd's reply to INSTREAM.
///
/// # Errors
/// Anything but a clean or an infected verdict.
pub fn verdict(reply: &str) -> Result<Verdict, ScanError> {
    let line = reply.trim_end_matches(['\0', '\n', '\r']);
    if line == "stream: OK" {
        return Ok(Verdict::Clean);
    }
    if let Some(found) = line.strip_prefix("stream: ").and_then(|l| l.strip_suffix(" FOUND"))
        && !found.trim().is_empty()
        && !found.contains('\n')
    {
        return Ok(Verdict::Infected(found.trim().to_owned()));
    }
    Err(ScanError::Refused(line.chars().take(200).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ok_is_clean_and_only_found_is_infected() {
        assert_eq!(verdict("stream: OK\0").ok(), Some(Verdict::Clean));
        assert_eq!(
            verdict("stream: Test.EICAR.NDB.UNOFFICIAL FOUND\0").ok(),
            Some(Verdict::Infected("Test.EICAR.NDB.UNOFFICIAL".to_owned()))
        );
        for reply in [
            "INSTREAM size limit exceeded. ERROR\0",
            "stream: Can't allocate memory ERROR\0",
            "",
            "stream: OK but not really",
            "OK",
            "stream:  FOUND",
            "stream: OK FOUND extra",
        ] {
            assert!(verdict(reply).is_err(), "{reply:?} is not a verdict");
        }
    }

    #[test]
    fn the_setting_names_a_socket_file_or_a_host_and_port() {
        assert_eq!(
            Scanner::parse("unix:/run/clamav/clamd.ctl"),
            Ok(Scanner::Unix(PathBuf::from("/run/clamav/clamd.ctl")))
        );
        assert_eq!(
            Scanner::parse("tcp:127.0.0.1:3310"),
            Ok(Scanner::Tcp("127.0.0.1:3310".to_owned()))
        );
        assert!(Scanner::parse("/run/clamav/clamd.ctl").is_err());
        assert!(Scanner::parse("tcp:localhost").is_err());
    }
}
