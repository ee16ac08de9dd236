//! A real S3 server over a folder (`s3s-fs`), for measuring the hub's S3
//! storage on one machine: `cargo run --release -p server --example s3_folder
//! -- <folder> <port> <access key> <secret key>`. Each bucket is a
//! subfolder. Not part of the hub; `.ci/bench-upload` starts it.

use hyper_util::rt::{TokioExecutor, TokioIo};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [folder, port, key, secret] = args.as_slice() else {
        return Err("usage: s3_folder <folder> <port> <access key> <secret key>".into());
    };
    let mut service = s3s::service::S3ServiceBuilder::new(
        s3s_fs::FileSystem::new(folder).map_err(|err| format!("{folder}: {err:?}"))?,
    );
    service.set_auth(s3s::auth::SimpleAuth::from_single(key.as_str(), secret.as_str()));
    let service = service.build();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port.parse::<u16>()?)).await?;
    let http = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    loop {
        let (socket, _) = listener.accept().await?;
        tokio::spawn(
            http.serve_connection(TokioIo::new(socket), service.clone())
                .into_owned(),
        );
    }
}
