//! Serial and USB HID scales: frame parsing (pure, one function per protocol) and a reader thread that
//! keeps the latest reading of a continuously streaming scale.
//!
//! Framing is by delimiter (CR/LF) and each protocol matches its fields like a regex would,
//! searching for the header instead of trusting fixed offsets: vendors and firmware versions
//! differ in widths and padding, and a port opened mid-stream starts with half a frame.
mod decoder;
mod detect;
mod error;
mod frame_buffer;
mod framing;
pub mod hid;
mod line;
mod parse;
mod poll;
mod reader;
mod reading;
mod weigher;

pub use decoder::{Decoded, Decoder};
pub use detect::{DetectOptions, Detected, detect, detect_with};
pub use error::{DeviceFault, FrameError, ScaleError};
pub use frame_buffer::FrameBuffer;
pub use framing::{EcrBlockSplitter, Splitter, StxCrSplitter};
pub use hid::{HID_SCALE_USAGE_PAGE, parse_hid_report};
pub use line::{DataBits, LineSettings, Parity, StopBits};
pub use parse::cas_ecr::bcc as ecr_bcc;
pub use parse::{Framing, Protocol, parse_frame};
pub use poll::Poller;
pub use reader::{
    LinkState, STALE_AFTER, ScaleReader, ScaleSource, ScaleStatus, USB_HID_PROTOCOL_ID,
};
pub use reading::{Indication, Reading, ScaleState};
pub use weigher::{DEFAULT_REPEATS_FOR_STABLE, DEFAULT_ZERO_BAND_GRAMS, StableWeigher};
