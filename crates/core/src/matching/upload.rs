//! A mapping file the app's webview read from the user's disk arrives as base64; the spreadsheet
//! reader wants a path, so the bytes live in a fresh temporary folder while they are read —
//! the same hand-over as every upload (`pipeline::files`).

use super::dto::MappingImport;
use crate::desk::Desk;
use crate::error::Result;
use crate::pipeline::files::{TempUpload, decode};

impl Desk {
    /// [`Desk::import_mappings`] for a file the app sends as base64 (`file_name` for messages).
    pub fn import_mapping_upload(
        &self,
        file_name: &str,
        data_base64: &str,
        apply: bool,
    ) -> Result<MappingImport> {
        let bytes = decode(file_name, data_base64)?;
        let temp = TempUpload::write(file_name, &bytes)?;
        self.import_mappings(temp.path(), apply)
            .map_err(|e| match e {
                // Name the user's file, not the temporary copy.
                crate::DeskError::Match(m) => {
                    crate::DeskError::Match(m.renamed(temp.path(), file_name))
                }
                other => other,
            })
    }
}
