//! What the virtual printer makes of one job: its language, recognised by the first bytes as a
//! printer with several emulations (or a print server) does, and the labels decoded from it.

use super::{escpos, tspl, zpl};

/// A job's printer language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Zpl,
    Tspl,
    EscPos,
    Pdf,
}

impl Language {
    pub fn id(self) -> &'static str {
        match self {
            Self::Zpl => "zpl",
            Self::Tspl => "tspl",
            Self::EscPos => "escpos",
            Self::Pdf => "pdf",
        }
    }
}

/// The first bytes of a job fit no language the printer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the job starts like no printer language")]
pub struct UnknownLanguage;

/// The language of a job from its first bytes (leading whitespace skipped): `^`/`~` ZPL,
/// `%PDF` PDF, ESC/GS/FS/DLE ESC/POS, an upper-case command word (`SIZE`, `CLS`) TSPL.
/// `Ok(None)`: not enough bytes yet. `Err`: none of these.
pub fn detect(bytes: &[u8]) -> Result<Option<Language>, UnknownLanguage> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(rest) = start.map(|i| &bytes[i..]) else {
        return Ok(None);
    };
    match rest[0] {
        b'^' | b'~' => Ok(Some(Language::Zpl)),
        0x1B | 0x1D | 0x1C | 0x10 => Ok(Some(Language::EscPos)),
        b'%' => {
            let n = rest.len().min(4);
            if rest[..n] != b"%PDF"[..n] {
                Err(UnknownLanguage)
            } else if n < 4 {
                Ok(None)
            } else {
                Ok(Some(Language::Pdf))
            }
        }
        b'A'..=b'Z' => Ok(Some(Language::Tspl)),
        _ => Err(UnknownLanguage),
    }
}

/// A PDF job, as far as a raw printer cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfJob {
    pub bytes: usize,
    /// `/Type /Page` objects (an estimate good for uncompressed object tables).
    pub pages: usize,
}

impl PdfJob {
    pub(super) fn read(job: &[u8]) -> Self {
        let pages = [&b"/Type /Page"[..], b"/Type/Page"]
            .iter()
            .map(|needle| {
                job.windows(needle.len() + 1)
                    .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
                    .count()
            })
            .sum();
        Self {
            bytes: job.len(),
            pages,
        }
    }
}

/// One printed label (or receipt, or PDF job) in whichever language it came.
#[derive(Debug, Clone, PartialEq)]
pub enum Printed {
    Zpl(zpl::Label),
    Tspl(tspl::Label),
    EscPos(escpos::Label),
    Pdf(PdfJob),
}

impl Printed {
    pub fn language(&self) -> Language {
        match self {
            Self::Zpl(_) => Language::Zpl,
            Self::Tspl(_) => Language::Tspl,
            Self::EscPos(_) => Language::EscPos,
            Self::Pdf(_) => Language::Pdf,
        }
    }

    pub fn as_zpl(&self) -> Option<&zpl::Label> {
        match self {
            Self::Zpl(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_tspl(&self) -> Option<&tspl::Label> {
        match self {
            Self::Tspl(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_escpos(&self) -> Option<&escpos::Label> {
        match self {
            Self::EscPos(l) => Some(l),
            _ => None,
        }
    }
}

/// Why (part of) a job printed nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    #[error("ZPL: {0}")]
    Zpl(zpl::DecodeError),
    #[error("TSPL: {0}")]
    Tspl(tspl::DecodeError),
    #[error("ESC/POS: {0}")]
    EscPos(escpos::DecodeError),
    #[error("the job is in no language the printer knows")]
    UnknownLanguage,
}

impl JobError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Zpl(e) => e.code(),
            Self::Tspl(e) => e.code(),
            Self::EscPos(e) => e.code(),
            Self::UnknownLanguage => "SIM_PRINTER_UNKNOWN_LANGUAGE",
        }
    }

    pub fn message_ko(&self) -> String {
        match self {
            Self::Zpl(e) => e.message_ko(),
            Self::Tspl(e) => e.message_ko(),
            Self::EscPos(e) => e.message_ko(),
            Self::UnknownLanguage => "프린터가 알 수 없는 언어의 작업입니다.".to_string(),
        }
    }
}

/// Decodes one job as its bytes arrive.
pub(super) enum JobDecoder {
    /// Language not known yet (only whitespace so far).
    Undecided,
    Zpl {
        decoder: zpl::Decoder,
        decoded_upto: usize,
    },
    Tspl(tspl::Decoder),
    EscPos(escpos::Decoder),
    /// Recorded whole when the job ends.
    Pdf,
    /// After an error nothing more of the job is read.
    Stopped,
}

/// One step's outcome: a label (with the job offset just after it) or an error.
pub(super) type Decoded = Result<(Printed, usize), JobError>;

impl JobDecoder {
    /// Decodes what `job[seen..]` completes; `job` is everything received so far.
    pub(super) fn advance(&mut self, job: &[u8], seen: usize) -> Vec<Decoded> {
        if let Self::Undecided = self {
            *self = match detect(job) {
                Ok(None) => return Vec::new(),
                Ok(Some(lang)) => Self::start(lang),
                Err(UnknownLanguage) => {
                    *self = Self::Stopped;
                    return vec![Err(JobError::UnknownLanguage)];
                }
            };
            // Everything so far is new to the decoder just chosen.
            return self.advance(job, 0);
        }
        let mut out = Vec::new();
        match self {
            Self::Zpl {
                decoder,
                decoded_upto,
            } => {
                while let Some(len) = zpl_label_end(&job[*decoded_upto..]) {
                    let piece = &job[*decoded_upto..*decoded_upto + len];
                    *decoded_upto += len;
                    match decoder.decode(piece) {
                        Ok(labels) => out.extend(
                            labels
                                .into_iter()
                                .map(|l| Ok((Printed::Zpl(l), *decoded_upto))),
                        ),
                        Err(e) => out.push(Err(JobError::Zpl(e))),
                    }
                }
            }
            Self::Tspl(decoder) => {
                decoder.push(&job[seen..]);
                loop {
                    match decoder.next_label() {
                        Ok(Some(l)) => out.push(Ok((Printed::Tspl(l), decoder.printed_upto()))),
                        Ok(None) => break,
                        Err(e) => {
                            out.push(Err(JobError::Tspl(e)));
                            *self = Self::Stopped;
                            break;
                        }
                    }
                }
            }
            Self::EscPos(decoder) => {
                decoder.push(&job[seen..]);
                loop {
                    match decoder.next_label() {
                        Ok(Some(l)) => out.push(Ok((Printed::EscPos(l), decoder.printed_upto()))),
                        Ok(None) => break,
                        Err(e) => {
                            out.push(Err(JobError::EscPos(e)));
                            *self = Self::Stopped;
                            break;
                        }
                    }
                }
            }
            Self::Undecided | Self::Pdf | Self::Stopped => {}
        }
        out
    }

    /// The job ended normally: what was left unprinted, or the PDF as a whole.
    pub(super) fn end(self, job: &[u8]) -> Vec<Decoded> {
        match self {
            Self::Zpl {
                mut decoder,
                decoded_upto,
            } => {
                let rest = &job[decoded_upto..];
                if rest.windows(3).any(|w| w.eq_ignore_ascii_case(b"^XA")) {
                    // A label without ^XZ is never printed; record why.
                    match decoder.decode(rest) {
                        Ok(labels) => labels
                            .into_iter()
                            .map(|l| Ok((Printed::Zpl(l), job.len())))
                            .collect(),
                        Err(e) => vec![Err(JobError::Zpl(e))],
                    }
                } else {
                    Vec::new()
                }
            }
            Self::Tspl(decoder) => decoder
                .finish()
                .err()
                .map(|e| Err(JobError::Tspl(e)))
                .into_iter()
                .collect(),
            Self::EscPos(decoder) => decoder
                .finish()
                .err()
                .map(|e| Err(JobError::EscPos(e)))
                .into_iter()
                .collect(),
            Self::Pdf => vec![Ok((Printed::Pdf(PdfJob::read(job)), job.len()))],
            Self::Undecided | Self::Stopped => Vec::new(),
        }
    }

    fn start(lang: Language) -> Self {
        match lang {
            Language::Zpl => Self::Zpl {
                decoder: zpl::Decoder::new(),
                decoded_upto: 0,
            },
            Language::Tspl => Self::Tspl(tspl::Decoder::new()),
            Language::EscPos => Self::EscPos(escpos::Decoder::new()),
            Language::Pdf => Self::Pdf,
        }
    }
}

/// Length of the prefix of `bytes` that ends with the first `^XZ`.
fn zpl_label_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(3)
        .position(|w| w.eq_ignore_ascii_case(b"^XZ"))
        .map(|start| start + 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_told_by_their_first_bytes() {
        assert_eq!(detect(b"\r\n^XA"), Ok(Some(Language::Zpl)));
        assert_eq!(detect(b"SIZE 100 mm"), Ok(Some(Language::Tspl)));
        assert_eq!(detect(b"\x1b@"), Ok(Some(Language::EscPos)));
        assert_eq!(detect(b"%PDF-1.7"), Ok(Some(Language::Pdf)));
        assert_eq!(detect(b"%P"), Ok(None));
        assert_eq!(detect(b"  "), Ok(None));
        assert_eq!(detect(b"%!PS"), Err(UnknownLanguage));
        assert_eq!(detect(b"\x00\x01"), Err(UnknownLanguage));
    }
}
