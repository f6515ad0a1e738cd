//! Serial scales: frame parsing (pure, one function per protocol) and a reader thread that
//! keeps the latest reading of a continuously streaming scale.
//!
//! Framing is by delimiter (CR/LF) and each protocol matches its fields like a regex would,
//! searching for the header instead of trusting fixed offsets: vendors and firmware versions
//! differ in widths and padding, and a port opened mid-stream starts with half a frame.
mod error;
mod frame_buffer;
mod line;
mod parse;
mod reader;
mod reading;

pub use error::{FrameError, ScaleError};
pub use frame_buffer::FrameBuffer;
pub use line::{DataBits, LineSettings, Parity, StopBits};
pub use parse::{Protocol, parse_frame};
pub use reader::{LinkState, STALE_AFTER, ScaleReader, ScaleStatus};
pub use reading::{Reading, ScaleState};
