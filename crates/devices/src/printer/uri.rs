//! Where a printer lives: `tcp://HOST:PORT` for raw network printers, a file for PDF/debug output.
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use super::PrinterError;

/// The JetDirect/RAW port almost every network label and receipt printer listens on.
pub const DEFAULT_RAW_PORT: u16 = 9100;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrinterUri {
    /// A raw network printer: bytes go straight to `host:port`.
    Tcp { host: String, port: u16 },
    /// A file the job is written to (a PDF label, or a capture for debugging).
    File(PathBuf),
}

impl FromStr for PrinterUri {
    type Err = PrinterError;

    /// Accepts `tcp://HOST[:PORT]` (also CUPS' `socket://` spelling), `file:///ABS/PATH`,
    /// and plain file paths.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let trimmed = input.trim();
        let bad = |reason: &str| PrinterError::BadUri {
            input: input.to_owned(),
            reason: reason.to_owned(),
        };
        if trimmed.is_empty() {
            return Err(bad("empty"));
        }
        let Some((scheme, rest)) = trimmed.split_once("://") else {
            return Ok(PrinterUri::File(PathBuf::from(trimmed)));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "tcp" | "socket" => parse_host_port(rest).map_err(|reason| bad(&reason)),
            "file" => {
                let url = url::Url::parse(trimmed).map_err(|e| bad(&e.to_string()))?;
                let path = url
                    .to_file_path()
                    .map_err(|()| bad("file URI must hold an absolute local path"))?;
                Ok(PrinterUri::File(path))
            }
            other => Err(bad(&format!(
                "unsupported scheme '{other}' (use tcp:// or file://)"
            ))),
        }
    }
}

fn parse_host_port(rest: &str) -> Result<PrinterUri, String> {
    // A trailing slash is a common copy-paste leftover; anything after it is not ours to ignore.
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains('/') || authority.contains('?') || authority.contains('#') {
        return Err("a printer URI has no path, query or fragment".into());
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        // IPv6 literal: [addr] or [addr]:port
        let (host, after) = bracketed
            .split_once(']')
            .ok_or_else(|| "unclosed '[' in IPv6 address".to_string())?;
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| "expected ':' after ']'".to_string())?,
            ),
        };
        (host, port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("missing host".into());
    }
    if host.contains(char::is_whitespace) {
        return Err("host contains whitespace".into());
    }
    let port = match port {
        None => DEFAULT_RAW_PORT,
        Some(p) => match p.parse::<u16>() {
            Ok(0) | Err(_) => return Err(format!("invalid port '{p}'")),
            Ok(n) => n,
        },
    };
    Ok(PrinterUri::Tcp {
        host: host.to_owned(),
        port,
    })
}

impl fmt::Display for PrinterUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrinterUri::Tcp { host, port } if host.contains(':') => {
                write!(f, "tcp://[{host}]:{port}")
            }
            PrinterUri::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            PrinterUri::File(path) => match url::Url::from_file_path(path) {
                Ok(url) => f.write_str(url.as_str()),
                // Relative paths have no file URI; the plain path parses back to the same value.
                Err(()) => write!(f, "{}", path.display()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> PrinterUri {
        s.parse().unwrap()
    }

    #[test]
    fn tcp_with_and_without_port() {
        assert_eq!(
            parse("tcp://192.168.0.50:9101"),
            PrinterUri::Tcp {
                host: "192.168.0.50".into(),
                port: 9101
            }
        );
        assert_eq!(
            parse("tcp://zebra.local"),
            PrinterUri::Tcp {
                host: "zebra.local".into(),
                port: 9100
            }
        );
        assert_eq!(
            parse("socket://10.0.0.2/"),
            PrinterUri::Tcp {
                host: "10.0.0.2".into(),
                port: 9100
            }
        );
        assert_eq!(
            parse("tcp://[::1]:9200"),
            PrinterUri::Tcp {
                host: "::1".into(),
                port: 9200
            }
        );
        assert_eq!(
            parse("tcp://[fe80::1]"),
            PrinterUri::Tcp {
                host: "fe80::1".into(),
                port: 9100
            }
        );
    }

    #[test]
    fn files_from_uri_and_plain_path() {
        assert_eq!(
            parse("file:///tmp/label.pdf"),
            PrinterUri::File("/tmp/label.pdf".into())
        );
        assert_eq!(
            parse("file:///tmp/%EB%9D%BC%EB%B2%A8%20a.pdf"),
            PrinterUri::File("/tmp/라벨 a.pdf".into())
        );
        assert_eq!(
            parse("/var/out/job.zpl"),
            PrinterUri::File("/var/out/job.zpl".into())
        );
        assert_eq!(parse("out/job.zpl"), PrinterUri::File("out/job.zpl".into()));
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "  ",
            "tcp://",
            "tcp://:9100",
            "tcp://host:0",
            "tcp://host:99999",
            "tcp://h:x",
            "tcp://host/path",
            "ipp://printer/queue",
            "file://relative",
        ] {
            let err = bad.parse::<PrinterUri>().unwrap_err();
            assert_eq!(err.code(), "PRINTER_BAD_URI", "{bad:?} gave {err}");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "tcp://127.0.0.1:9100",
            "tcp://[::1]:9200",
            "file:///tmp/a%20b.pdf",
            "tcp://zebra.local:9100",
        ] {
            let uri = parse(s);
            assert_eq!(uri.to_string(), s);
            assert_eq!(parse(&uri.to_string()), uri);
        }
        for s in [
            "/tmp/라벨.pdf",
            "rel/out.zpl",
            "socket://host",
            "tcp://host",
        ] {
            let uri = parse(s);
            assert_eq!(parse(&uri.to_string()), uri, "{s}");
        }
    }
}
