//! The history of collection runs as the desk records and shows it: one place turns a run's
//! outcome into a row (code + Korean + English) and a row back into what the UI receives.

use chrono::{DateTime, Utc};
use packdesk_store::Connection;
use packdesk_store::runs::{self, RunCounts, RunRow};

use crate::dto::LinkFailure;
use crate::error::{DeskError, ErrorPayload, Result};

/// Closes a run with its counts, the orders that did not link and the error that ended it.
pub(crate) fn finish(
    conn: &Connection,
    run_id: i64,
    status: &str,
    counts: &RunCounts,
    failures: &[LinkFailure],
    error: Option<&DeskError>,
    now: DateTime<Utc>,
) -> Result<()> {
    let failures_json = serde_json::to_string(failures).unwrap_or_else(|_| "[]".into());
    let texts = error.map(|e| (e.code(), e.message_ko(), e.to_string()));
    runs::finish(
        conn,
        run_id,
        &runs::Finish {
            status,
            counts,
            error: texts
                .as_ref()
                .map(|(code, ko, en)| (*code, ko.as_str(), en.as_str())),
            failures_json: &failures_json,
        },
        now,
    )?;
    Ok(())
}

/// The error a recorded run ended with, as the UI shows errors.
pub(crate) fn error_of(run: &RunRow) -> Option<ErrorPayload> {
    run.error_code.clone().map(|code| ErrorPayload {
        code,
        message_ko: run.error_message.clone().unwrap_or_default(),
        message_en: run.error_message_en.clone().unwrap_or_default(),
    })
}

/// Why a shop's collection is paused (stored with one message, shown in both fields).
pub(crate) fn pause_payload((code, message): (String, String)) -> ErrorPayload {
    ErrorPayload {
        code,
        message_en: message.clone(),
        message_ko: message,
    }
}
