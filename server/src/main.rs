//! Starts the EHC hub: reads the configuration, prepares the database and
//! serves the app until interrupted.

use tracing_subscriber::EnvFilter;

use server::config::Config;
use server::routes::router_with_outbox;
use server::startup::build_state;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let config = Config::from_env()?;
    let state = build_state(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!("EHC hub listening on http://{}", config.addr);
    // Local runs with demo data show their outbox at /dev/mail.
    let outbox = (config.demo_data && config.smtp.is_none()).then(|| config.outbox_dir.clone());
    if outbox.is_some() {
        tracing::info!(
            "mail goes to {}; read it at http://{}/dev/mail",
            config.outbox_dir.display(),
            config.addr
        );
    }
    let app = router_with_outbox(state, outbox);
    // The connection's address is kept for counting wrong passwords by address.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
