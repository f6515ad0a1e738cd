//! A mapping file the app's webview read from the user's disk arrives as base64; the spreadsheet
//! reader wants a path, so the bytes live in a fresh temporary folder while they are read.
//! (The carrier-file upload in `pipeline` does the same; its helpers are private to it.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine as _;

use super::dto::MappingImport;
use super::error::MatchError;
use crate::desk::Desk;
use crate::error::Result;

/// The bytes of an upload; a `data:…;base64,` prefix (FileReader.readAsDataURL) is accepted.
fn decode(file_name: &str, data: &str) -> Result<Vec<u8>> {
    let data = data.trim();
    let data = match data.find(";base64,") {
        Some(i) if data.starts_with("data:") => &data[i + ";base64,".len()..],
        _ => data,
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| MatchError::UploadNotBase64 {
            file_name: file_name.to_string(),
        })?;
    if bytes.is_empty() {
        return Err(MatchError::FileEmpty {
            path: file_name.to_string(),
        }
        .into());
    }
    Ok(bytes)
}

/// The file on disk for as long as this value lives.
struct TempFile {
    dir: PathBuf,
    path: PathBuf,
}

impl TempFile {
    fn write(file_name: &str, bytes: &[u8]) -> Result<TempFile> {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let fail = |e: std::io::Error| MatchError::UploadWrite {
            file_name: file_name.to_string(),
            why: e.to_string(),
        };
        let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let dir = std::env::temp_dir().join(format!(
            "packdesk-mapping-{}-{nanos}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        // create_dir (not _all): the folder must be new, so nobody else's file is read.
        std::fs::create_dir(&dir).map_err(fail)?;
        // Only the extension of the user's name is kept: the reader tells formats by bytes, and
        // a name with path separators must not escape the folder.
        let ext: String = Path::new(file_name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("bin")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect();
        let file = TempFile {
            path: dir.join(format!("mapping.{ext}")),
            dir,
        };
        std::fs::write(&file.path, bytes).map_err(fail)?;
        Ok(file)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.dir) {
            tracing::warn!(dir = %self.dir.display(), "temporary mapping file not removed: {e}");
        }
    }
}

impl Desk {
    /// [`Desk::import_mappings`] for a file the app sends as base64 (`file_name` for messages).
    pub fn import_mapping_upload(
        &self,
        file_name: &str,
        data_base64: &str,
        apply: bool,
    ) -> Result<MappingImport> {
        let bytes = decode(file_name, data_base64)?;
        let temp = TempFile::write(file_name, &bytes)?;
        self.import_mappings(&temp.path, apply)
            .map_err(|e| match e {
                // Name the user's file, not the temporary copy.
                crate::DeskError::Match(m) => {
                    crate::DeskError::Match(m.renamed(&temp.path, file_name))
                }
                other => other,
            })
    }
}
