//! Schema migrations, tracked in SQLite's `user_version`. Append new files; never edit applied ones.

use std::path::Path;

use rusqlite::Connection;

use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_schedule_connectors.sql"),
    include_str!("../migrations/0003_fees.sql"),
    include_str!("../migrations/0004_print_queue.sql"),
    include_str!("../migrations/0005_documents.sql"),
    include_str!("../migrations/0006_carrier_files.sql"),
    include_str!("../migrations/0007_merge_review.sql"),
    include_str!("../migrations/0008_matching.sql"),
    include_str!("../migrations/0009_allocation.sql"),
    include_str!("../migrations/0010_order_entry_returns.sql"),
    include_str!("../migrations/0011_merge_options_mismatch.sql"),
];

pub(crate) fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if current > supported {
        return Err(StoreError::TooNew {
            path: path.display().to_string(),
            found: current,
            supported,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
