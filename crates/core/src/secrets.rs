//! Where OAuth tokens and client secrets live: the OS keychain (Windows Credential Manager, macOS
//! Keychain, Secret Service on Linux). A headless Linux station often has no Secret Service; there
//! the secrets go to a file readable only by the user, and the status line says so. Never the
//! database, never the logs.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::error::{DeskError, Result};

const SERVICE: &str = "kr.packdesk.station";

pub trait SecretStore: Send + Sync {
    fn get(&self, name: &str) -> Result<Option<String>>;
    fn set(&self, name: &str, value: &str) -> Result<()>;
    fn delete(&self, name: &str) -> Result<()>;
    /// Shown to the user: "keychain" or "file:/path".
    fn describe(&self) -> String;
}

pub struct Keychain;

impl SecretStore for Keychain {
    fn get(&self, name: &str) -> Result<Option<String>> {
        let entry =
            keyring::Entry::new(SERVICE, name).map_err(|e| DeskError::Secrets(e.to_string()))?;
        match entry.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(DeskError::Secrets(e.to_string())),
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<()> {
        let entry =
            keyring::Entry::new(SERVICE, name).map_err(|e| DeskError::Secrets(e.to_string()))?;
        entry
            .set_password(value)
            .map_err(|e| DeskError::Secrets(e.to_string()))
    }

    fn delete(&self, name: &str) -> Result<()> {
        let entry =
            keyring::Entry::new(SERVICE, name).map_err(|e| DeskError::Secrets(e.to_string()))?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(DeskError::Secrets(e.to_string())),
        }
    }

    fn describe(&self) -> String {
        "keychain".into()
    }
}

/// A JSON file with mode 0600, for stations without a keychain service.
pub struct FileSecrets {
    path: PathBuf,
    lock: Mutex<()>,
}

impl FileSecrets {
    pub fn new(path: PathBuf) -> Self {
        FileSecrets {
            path,
            lock: Mutex::new(()),
        }
    }

    fn load(&self) -> Result<BTreeMap<String, String>> {
        match std::fs::read(&self.path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| DeskError::Secrets(e.to_string()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(DeskError::Secrets(e.to_string())),
        }
    }

    fn save(&self, map: &BTreeMap<String, String>) -> Result<()> {
        let io = |e: std::io::Error| DeskError::Secrets(format!("{}: {e}", self.path.display()));
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = self.path.with_extension("tmp");
        let bytes =
            serde_json::to_vec_pretty(map).map_err(|e| DeskError::Secrets(e.to_string()))?;
        write_private(&tmp, &bytes).map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)
    }
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

impl SecretStore for FileSecrets {
    fn get(&self, name: &str) -> Result<Option<String>> {
        let _g = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        Ok(self.load()?.get(name).cloned())
    }

    fn set(&self, name: &str, value: &str) -> Result<()> {
        let _g = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.load()?;
        map.insert(name.to_string(), value.to_string());
        self.save(&map)
    }

    fn delete(&self, name: &str) -> Result<()> {
        let _g = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.load()?;
        map.remove(name);
        self.save(&map)
    }

    fn describe(&self) -> String {
        format!("file:{}", self.path.display())
    }
}

/// The keychain when it works on this machine, else the private file beside the database.
/// `PACKDESK_SECRETS=file|keychain` forces one.
pub fn for_station(fallback_file: PathBuf) -> Box<dyn SecretStore> {
    match std::env::var("PACKDESK_SECRETS").as_deref() {
        Ok("file") => return Box::new(FileSecrets::new(fallback_file)),
        Ok("keychain") => return Box::new(Keychain),
        _ => {}
    }
    if keychain_works() {
        Box::new(Keychain)
    } else {
        tracing::warn!(path = %fallback_file.display(), "no OS keychain service: secrets go to a private file");
        Box::new(FileSecrets::new(fallback_file))
    }
}

fn keychain_works() -> bool {
    let probe = "packdesk-probe";
    let k = Keychain;
    k.set(probe, "ok").is_ok()
        && matches!(k.get(probe), Ok(Some(v)) if v == "ok")
        && k.delete(probe).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_secrets_round_trip_and_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let s = FileSecrets::new(dir.path().join("secrets.json"));
        assert_eq!(s.get("a").unwrap(), None);
        s.set("a", "1").unwrap();
        s.set("b", "2").unwrap();
        assert_eq!(s.get("a").unwrap().as_deref(), Some("1"));
        s.delete("a").unwrap();
        assert_eq!(s.get("a").unwrap(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("secrets.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
