//! The local SQLite store: one file on disk, WAL, migrations from day one.
//!
//! Every state change in Packdesk is one transaction here; anything owed to a remote system is written
//! to the `outbox` table in that same transaction (see [`outbox`]). Repositories are free functions
//! over a `&Connection` so the services can compose several of them inside one transaction.

pub mod bulk;
pub mod carrier_files;
pub mod catalogue;
pub mod documents;
pub mod fees;
pub mod fms;
pub mod mappings;
pub mod merge_reviews;
mod migrate;
pub mod mismatches;
pub mod order_batches;
pub mod orders;
pub mod outbox;
pub mod parcels;
pub mod pool;
pub mod print_queue;
pub mod returns;
pub mod runs;
pub mod schedules;
pub mod settings;
pub mod shops;
pub mod splits;
pub mod stock_moves;
mod time;

use std::path::{Path, PathBuf};

use std::sync::Mutex;

pub use rusqlite::{self, Connection, OptionalExtension, Transaction, params};
pub use time::{fmt_utc, parse_utc};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot open the database at {path}: {reason}")]
    Open { path: String, reason: String },
    #[error(
        "the database at {path} is newer (schema {found}) than this Packdesk (schema {supported})"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => "STORE_SQLITE",
            StoreError::Open { .. } => "STORE_OPEN",
            StoreError::TooNew { .. } => "STORE_TOO_NEW",
            StoreError::Corrupt(_) => "STORE_CORRUPT",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            StoreError::Sqlite(e) => format!("데이터베이스 오류: {e}"),
            StoreError::Open { path, reason } => {
                format!("데이터베이스를 열 수 없습니다 ({path}): {reason}")
            }
            StoreError::TooNew {
                path,
                found,
                supported,
            } => format!(
                "데이터베이스({path})가 이 Packdesk보다 새 버전입니다 (스키마 {found} > {supported}). 앱을 업데이트하세요"
            ),
            StoreError::Corrupt(m) => format!("저장된 데이터가 손상되었습니다: {m}"),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One connection shared by the UI commands and the background outbox worker of a process;
/// other processes (the CLI beside the app) open their own and SQLite's WAL serialises writers.
pub struct Store {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database file, sets WAL and applies pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        let mut conn = Connection::open(path).map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        // WAL lets the CLI read while the app writes; NORMAL is durable across application crashes
        // and only risks the last commits on power loss, which the outbox then re-derives nothing from.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Checkpointing copies the WAL into the database file and syncs it — milliseconds that
        // must not land inside a packer's scan. Packdesk checkpoints off the hot path instead
        // (`Store::checkpoint`, run by the outbox worker and when a store is dropped).
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate::apply(&mut conn, path)?;
        Ok(Store {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
        })
    }

    /// Moves committed WAL pages into the database file without blocking readers or writers.
    pub fn checkpoint(&self) -> Result<()> {
        let conn = self.lock();
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the connection (reads, or writes that are a single statement).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&conn)
    }

    /// Like [`Store::read`] for callers whose closure speaks their own error type.
    pub fn read_as<T, E>(
        &self,
        f: impl FnOnce(&Connection) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let conn = self.lock();
        f(&conn)
    }

    /// Runs `f` inside one IMMEDIATE transaction: all of it lands, or none of it.
    pub fn write<T, E>(
        &self,
        f: impl FnOnce(&Transaction) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the transaction rolls back on drop),
        // so a poisoned mutex is safe to keep using.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Err(e) = self.checkpoint() {
            tracing::warn!("checkpoint on close failed: {e}");
        }
    }
}
