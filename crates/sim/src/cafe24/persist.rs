//! Optional JSON state file: loaded at start, rewritten after every mutation
//! (write to a temporary file, then rename, so a crash never leaves half a file).

use std::io;
use std::path::{Path, PathBuf};

use parking_lot::Mutex;

use super::state::SimState;

#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    /// Highest generation written; a slower writer holding an older snapshot
    /// must not overwrite a newer one.
    written: Mutex<u64>,
}

impl StateFile {
    pub fn new(path: PathBuf) -> Self {
        StateFile {
            path,
            written: Mutex::new(0),
        }
    }

    /// The saved state, or `None` when there is no file yet.
    pub fn load(&self) -> io::Result<Option<SimState>> {
        match std::fs::read(&self.path) {
            Ok(bytes) => {
                let mut state: SimState = serde_json::from_slice(&bytes)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                state.reindex();
                Ok(Some(state))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes `json` (the state at `generation`) unless something newer is already on disk.
    pub fn save(&self, generation: u64, json: &[u8]) -> io::Result<()> {
        let mut written = self.written.lock();
        if generation <= *written {
            return Ok(());
        }
        write_atomically(&self.path, json)?;
        *written = generation;
        Ok(())
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
