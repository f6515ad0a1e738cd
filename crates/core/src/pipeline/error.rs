//! Why a file hand-over between the webview and the desk failed (the files themselves are judged
//! by the carrier-file route and fail with its errors).

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("the upload of {file_name} did not arrive whole (not base64): choose the file again")]
    UploadNotBase64 { file_name: String },
    #[error("{file_name} is empty (0 bytes)")]
    UploadEmpty { file_name: String },
    #[error("cannot keep the upload of {file_name} for reading: {why}")]
    UploadWrite { file_name: String, why: String },
    #[error("cannot write into the folder {dir}: {why}")]
    ExportDir { dir: String, why: String },
}

impl PipelineError {
    pub fn code(&self) -> &'static str {
        match self {
            PipelineError::UploadNotBase64 { .. } => "UPLOAD_NOT_BASE64",
            PipelineError::UploadEmpty { .. } => "UPLOAD_EMPTY",
            PipelineError::UploadWrite { .. } => "UPLOAD_WRITE",
            PipelineError::ExportDir { .. } => "EXPORT_DIR",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            PipelineError::UploadNotBase64 { file_name } => {
                format!("{file_name} 파일이 제대로 전달되지 않았습니다. 파일을 다시 선택하세요")
            }
            PipelineError::UploadEmpty { file_name } => {
                format!("{file_name} 파일이 비어 있습니다 (0바이트)")
            }
            PipelineError::UploadWrite { file_name, why } => {
                format!("{file_name} 파일을 읽기 위해 임시 저장할 수 없습니다: {why}")
            }
            PipelineError::ExportDir { dir, why } => {
                format!("폴더 {dir}에 파일을 저장할 수 없습니다: {why}")
            }
        }
    }
}
