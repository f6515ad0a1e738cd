//! Where Packdesk keeps its files.

use std::path::PathBuf;

/// The per-user data directory (Linux `~/.local/share/packdesk`, macOS `~/Library/Application
/// Support/kr.packdesk.Packdesk`, Windows `%APPDATA%\packdesk\Packdesk\data`).
pub fn data_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("PACKDESK_DATA_DIR") {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("kr", "packdesk", "Packdesk")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".packdesk"))
}

/// The station's database: `PACKDESK_DB`, else `packdesk.sqlite` in the data directory.
pub fn default_db() -> PathBuf {
    match std::env::var("PACKDESK_DB") {
        Ok(p) if !p.is_empty() => PathBuf::from(p),
        _ => data_dir().join("packdesk.sqlite"),
    }
}

/// Demo mode keeps its own database so simulated orders never mix with a real shop's.
pub fn demo_dir() -> PathBuf {
    data_dir().join("demo")
}
