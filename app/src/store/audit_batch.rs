//! Group commit for the audit log. Rows recorded outside a transaction of
//! their own (every page read, above all) are written together: one
//! transaction for all that arrive while the previous one commits. Each
//! caller still waits until its row is committed, so no page is served
//! before its reading is logged; under load, hundreds of reads cost one
//! commit instead of queueing for the database's single writer one by one.

use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use tokio::sync::{mpsc, oneshot};

use super::entities::audit_event;

/// The most rows one transaction writes (well inside SQLite's limit on
/// values in one statement).
const MOST_AT_ONCE: usize = 500;

/// Rows waiting beyond this make callers wait to hand theirs over.
const QUEUE: usize = 10_000;

struct Pending {
    row: audit_event::ActiveModel,
    done: oneshot::Sender<Result<(), String>>,
}

/// Hands rows to the writer task of this server instance.
#[derive(Clone, Debug)]
pub struct AuditWriter {
    queue: mpsc::Sender<Pending>,
}

impl AuditWriter {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(db: DatabaseConnection) -> AuditWriter {
        let (queue, waiting) = mpsc::channel(QUEUE);
        tokio::spawn(write_batches(db, waiting));
        AuditWriter { queue }
    }

    /// Writes one row, returning once it is committed.
    ///
    /// # Errors
    /// The database refused the batch, or the writer has stopped.
    pub async fn write(&self, row: audit_event::ActiveModel) -> Result<(), DbErr> {
        let (done, committed) = oneshot::channel();
        self.queue
            .send(Pending { row, done })
            .await
            .map_err(|_| DbErr::Custom("the audit writer has stopped".to_owned()))?;
        committed
            .await
            .map_err(|_| DbErr::Custom("the audit writer has stopped".to_owned()))?
            .map_err(DbErr::Custom)
    }
}

async fn write_batches(db: DatabaseConnection, mut waiting: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MOST_AT_ONCE);
    while waiting.recv_many(&mut batch, MOST_AT_ONCE).await > 0 {
        let (rows, callers): (Vec<_>, Vec<_>) = batch.drain(..).map(|p| (p.row, p.done)).unzip();
        let outcome = commit(&db, rows).await.map_err(|e| {
            tracing::error!(%e, "audit rows not written");
            e.to_string()
        });
        for caller in callers {
            // A caller that gave up waiting needs no answer.
            let _ = caller.send(outcome.clone());
        }
    }
}

/// One multi-row insert: a single statement, so the rows commit together.
async fn commit(db: &DatabaseConnection, rows: Vec<audit_event::ActiveModel>) -> Result<(), DbErr> {
    audit_event::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::AuditAction;
    use crate::store::test_db;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn every_row_is_committed_before_its_writer_is_answered() {
        for (engine, db) in test_db::databases().await {
            let writer = AuditWriter::start(db.clone());
            let readers: Vec<_> = (0..300)
                .map(|n| {
                    let (writer, db) = (writer.clone(), db.clone());
                    tokio::spawn(async move {
                        let detail = format!("read {n}");
                        let row =
                            crate::store::audit::row(None, AuditAction::CaseViewed, None, &detail, chrono::Utc::now());
                        writer.write(row).await.unwrap();
                        // Answered means written: the row is there for anyone to read.
                        audit_event::Entity::find()
                            .filter(audit_event::Column::Detail.eq(detail))
                            .count(&db)
                            .await
                            .unwrap()
                    })
                })
                .collect();
            for reader in readers {
                assert_eq!(reader.await.unwrap(), 1, "{engine}");
            }
        }
    }
}
