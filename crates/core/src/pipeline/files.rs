//! File hand-overs for the app (carrier files, mapping files and order files alike). The webview cannot give the desk a path: it reads the chosen
//! file and sends its bytes, which are written to a private temporary folder under the file's own
//! name (the preview shows that name) and removed once read. Exports go to the user's Downloads
//! folder under a name that says carrier and time, never over a file that is already there.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine;
use chrono::{DateTime, Utc};
use chrono_tz::Asia::Seoul;

use super::PipelineError;
use crate::carrier_file::CarrierFileFormat;

/// Where exports go: `PACKDESK_EXPORT_DIR` if set (tests, kiosk setups), else the user's
/// Downloads folder, else the home folder, else the data directory.
pub fn default_export_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PACKDESK_EXPORT_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::UserDirs::new()
        .and_then(|u| {
            u.download_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| crate::paths::data_dir().join("exports"))
}

/// `<dir>/<carrier>-YYYYMMDD-HHMM.<ext>` in KST; `-2`, `-3` … when that name is taken.
pub(super) fn export_path(
    dir: &Path,
    carrier: &str,
    format: CarrierFileFormat,
    now: DateTime<Utc>,
) -> Result<PathBuf, PipelineError> {
    std::fs::create_dir_all(dir).map_err(|e| PipelineError::ExportDir {
        dir: dir.display().to_string(),
        why: e.to_string(),
    })?;
    let stem = format!(
        "{}-{}",
        safe_name(carrier.trim()),
        now.with_timezone(&Seoul).format("%Y%m%d-%H%M")
    );
    let ext = format.id();
    let mut path = dir.join(format!("{stem}.{ext}"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{stem}-{n}.{ext}"));
    }
    Ok(path)
}

/// The bytes of an upload; a `data:…;base64,` prefix (what FileReader.readAsDataURL gives) is
/// accepted too.
pub(crate) fn decode(file_name: &str, data: &str) -> Result<Vec<u8>, PipelineError> {
    let data = data.trim();
    let data = match data.find(";base64,") {
        Some(i) if data.starts_with("data:") => &data[i + ";base64,".len()..],
        _ => data,
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| PipelineError::UploadNotBase64 {
            file_name: file_name.to_string(),
        })?;
    if bytes.is_empty() {
        return Err(PipelineError::UploadEmpty {
            file_name: file_name.to_string(),
        });
    }
    Ok(bytes)
}

/// An uploaded file on disk for as long as this value lives.
pub(crate) struct TempUpload {
    dir: PathBuf,
    path: PathBuf,
}

impl TempUpload {
    pub(crate) fn write(file_name: &str, bytes: &[u8]) -> Result<TempUpload, PipelineError> {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let fail = |e: std::io::Error| PipelineError::UploadWrite {
            file_name: file_name.to_string(),
            why: e.to_string(),
        };
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let dir = std::env::temp_dir().join(format!(
            "packdesk-upload-{}-{nanos}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        // create_dir (not _all): the folder must be new, so nobody else's file is read.
        std::fs::create_dir(&dir).map_err(fail)?;
        let upload = TempUpload {
            path: dir.join(upload_name(file_name)),
            dir,
        };
        std::fs::write(&upload.path, bytes).map_err(fail)?;
        Ok(upload)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempUpload {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.dir) {
            tracing::warn!(dir = %self.dir.display(), "temporary upload not removed: {e}");
        }
    }
}

/// The last component of what the webview calls the file, safe as a file name.
fn upload_name(file_name: &str) -> String {
    let last = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim();
    let name = safe_name(last);
    if name.trim_matches('.').is_empty() {
        "upload".into()
    } else {
        name
    }
}

fn safe_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn export_names_say_carrier_and_kst_time_and_never_overwrite() {
        let dir = std::env::temp_dir().join(format!("packdesk-export-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // 23:30 UTC is 08:30 the next morning in Seoul.
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap();
        let first = export_path(&dir, "cj", CarrierFileFormat::Xlsx, now).unwrap();
        assert_eq!(first.file_name().unwrap(), "cj-20261123-0830.xlsx");
        std::fs::write(&first, b"x").unwrap();
        let second = export_path(&dir, "cj", CarrierFileFormat::Xlsx, now).unwrap();
        assert_eq!(second.file_name().unwrap(), "cj-20261123-0830-2.xlsx");
        let csv = export_path(&dir, "lotte", CarrierFileFormat::Csv, now).unwrap();
        assert_eq!(csv.file_name().unwrap(), "lotte-20261123-0830.csv");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn uploads_decode_plain_and_data_url_base64_and_refuse_garbage() {
        assert_eq!(decode("a.csv", "aGk=").unwrap(), b"hi");
        assert_eq!(decode("a.csv", "data:text/csv;base64,aGk=").unwrap(), b"hi");
        assert_eq!(
            decode("a.csv", "not base64!").unwrap_err().code(),
            "UPLOAD_NOT_BASE64"
        );
        assert_eq!(decode("a.csv", "").unwrap_err().code(), "UPLOAD_EMPTY");
    }

    #[test]
    fn an_upload_keeps_only_its_own_name_and_is_removed_when_dropped() {
        let up = TempUpload::write("C:\\Users\\me\\송장 결과.xlsx", b"PK").unwrap();
        assert_eq!(up.path().file_name().unwrap(), "송장 결과.xlsx");
        assert_eq!(std::fs::read(up.path()).unwrap(), b"PK");
        let dir = up.path().parent().unwrap().to_path_buf();
        drop(up);
        assert!(!dir.exists());
        assert_eq!(upload_name("../.."), "upload");
        assert_eq!(upload_name("a/b:c.csv"), "b_c.csv");
    }
}
