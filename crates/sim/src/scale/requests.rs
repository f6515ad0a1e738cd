//! Request/response scales (CAS ECR, Toledo 8217, MT-SICS, Adam): silent until asked, then
//! answer each request with one frame from the model, as the real devices do.
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::Duration;

use parking_lot::Mutex;

use super::frames::{self, Frame};
use super::{Command, Model, SimScaleProtocol};

const ENQ: u8 = 0x05;
const ACK: u8 = 0x06;
const NAK: u8 = 0x15;
const DC1: u8 = 0x11;
/// Bounds how late a garbage injection or a stop is noticed while waiting for a request.
const READ_SLICE: Duration = Duration::from_millis(20);

pub(super) fn serve(
    mut port: serialport::TTYPort,
    protocol: SimScaleProtocol,
    interval: Duration,
    model: &Mutex<Model>,
    commands: &mpsc::Receiver<Command>,
) {
    use serialport::SerialPort as _;
    let _ = port.set_timeout(READ_SLICE.min(interval));
    let mut responder = Responder::new(protocol);
    let mut buf = [0u8; 256];
    loop {
        match commands.try_recv() {
            Ok(Command::Garbage(bytes)) => {
                let _ = port.write_all(&bytes);
            }
            Err(mpsc::TryRecvError::Disconnected) => return,
            Err(mpsc::TryRecvError::Empty) => {}
        }
        match port.read(&mut buf) {
            Ok(n) if n > 0 => {
                let answer = responder.feed(&buf[..n], model);
                if !answer.is_empty() {
                    let _ = port.write_all(&answer);
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            // Nobody has the slave open (EIO on a pty master): wait on the command channel
            // instead of spinning, so a stop is still noticed.
            Err(_) => match commands.recv_timeout(interval) {
                Ok(Command::Garbage(bytes)) => {
                    let _ = port.write_all(&bytes);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            },
        }
    }
}

struct Responder {
    protocol: SimScaleProtocol,
    line: Vec<u8>,
    /// Toledo echo test: after `E`, every byte is echoed until `F`.
    echoing: bool,
    /// Adam: the weight last printed, so a repeat prints nothing.
    last_printed: Option<i64>,
}

impl Responder {
    fn new(protocol: SimScaleProtocol) -> Self {
        Self {
            protocol,
            line: Vec::new(),
            echoing: false,
            last_printed: None,
        }
    }

    fn feed(&mut self, bytes: &[u8], model: &Mutex<Model>) -> Vec<u8> {
        let mut out = Vec::new();
        for &b in bytes {
            match self.protocol {
                SimScaleProtocol::Toledo8217 => self.toledo(b, model, &mut out),
                SimScaleProtocol::CasEcr => match b {
                    ENQ => out.push(ACK),
                    DC1 => self.answer(model, &mut out),
                    b'\r' | b'\n' => {}
                    _ => out.push(NAK),
                },
                _ => {
                    if b == b'\n' || b == b'\r' {
                        let line = std::mem::take(&mut self.line);
                        self.line_command(line.trim_ascii(), model, &mut out);
                    } else if self.line.len() < 64 {
                        self.line.push(b);
                    }
                }
            }
        }
        out
    }

    fn toledo(&mut self, b: u8, model: &Mutex<Model>, out: &mut Vec<u8>) {
        if self.echoing {
            if b == b'F' {
                self.echoing = false;
            } else {
                out.push(b);
            }
            return;
        }
        match b {
            b'W' => self.answer(model, out),
            b'E' => {
                self.echoing = true;
                out.extend_from_slice(b"\x02E\r");
            }
            _ => {}
        }
    }

    fn line_command(&mut self, line: &[u8], model: &Mutex<Model>, out: &mut Vec<u8>) {
        match (self.protocol, line) {
            (_, b"") => {}
            (SimScaleProtocol::MtSics, b"SI" | b"SIR") => self.answer(model, out),
            (SimScaleProtocol::MtSics, b"S") => {
                // `S` waits for stability; a platform that keeps moving times out with `S I`.
                let mut m = model.lock();
                let frame = m.next_frame();
                out.extend(m.noise());
                match frame {
                    Frame::Weight { stable: false, .. } => out.extend_from_slice(b"S I\r\n"),
                    frame => out.extend(frames::encode(self.protocol, frame)),
                }
            }
            (SimScaleProtocol::MtSics, b"Z") => out.extend_from_slice(b"Z A\r\n"),
            (SimScaleProtocol::MtSics, _) => out.extend_from_slice(b"ES\r\n"),
            (SimScaleProtocol::Adam, b"P") => {
                let mut m = model.lock();
                match m.next_frame() {
                    Frame::Weight {
                        grams,
                        stable: true,
                    } if grams > 0 && self.last_printed != Some(grams) => {
                        self.last_printed = Some(grams);
                        out.extend(m.noise());
                        out.extend(frames::encode(
                            self.protocol,
                            Frame::Weight {
                                grams,
                                stable: true,
                            },
                        ));
                    }
                    Frame::Weight {
                        grams,
                        stable: true,
                    } if grams <= 0 => {
                        self.last_printed = None;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn answer(&self, model: &Mutex<Model>, out: &mut Vec<u8>) {
        let mut m = model.lock();
        let frame = m.next_frame();
        out.extend(m.noise());
        out.extend(frames::encode(self.protocol, frame));
    }
}
