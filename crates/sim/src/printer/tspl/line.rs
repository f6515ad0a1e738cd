//! The arguments of one TSPL command: comma-separated, strings in double quotes with `\["]`
//! standing for a quote inside them.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum LineError {
    #[error("unterminated string")]
    Unterminated,
    #[error("argument {0} is missing")]
    Missing(usize),
    #[error("argument {index} is not a number: '{value}'")]
    NotANumber { index: usize, value: String },
    #[error("arguments are not text")]
    NotText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Bare(String),
    Quoted(String),
}

#[derive(Debug, Default)]
pub(super) struct Args {
    args: Vec<Arg>,
    raw: String,
}

impl Args {
    pub(super) fn parse(raw: &[u8]) -> Result<Self, LineError> {
        let raw = std::str::from_utf8(raw).map_err(|_| LineError::NotText)?;
        let mut args = Vec::new();
        let mut chars = raw.trim().chars().peekable();
        if chars.peek().is_none() {
            return Ok(Self {
                args,
                raw: String::new(),
            });
        }
        loop {
            while chars.next_if(|c| *c == ' ').is_some() {}
            if chars.next_if_eq(&'"').is_some() {
                let mut s = String::new();
                loop {
                    match chars.next() {
                        None => return Err(LineError::Unterminated),
                        Some('"') => break,
                        Some('\\') if chars.peek() == Some(&'[') => {
                            let escape: String = chars.by_ref().take_while(|c| *c != ']').collect();
                            match escape.as_str() {
                                "[\"" => s.push('"'),
                                "[R" => s.push('\r'),
                                "[L" => s.push('\n'),
                                other => {
                                    s.push('\\');
                                    s.push_str(other);
                                    s.push(']');
                                }
                            }
                        }
                        Some(c) => s.push(c),
                    }
                }
                args.push(Arg::Quoted(s));
                while chars.next_if(|c| *c == ' ').is_some() {}
            } else {
                let s: String = std::iter::from_fn(|| chars.next_if(|c| *c != ',')).collect();
                args.push(Arg::Bare(s.trim().to_string()));
            }
            match chars.next() {
                Some(',') => continue,
                None => break,
                // Text after a closing quote, e.g. `"a"b`: keep it as its own argument.
                Some(c) => {
                    let mut s = c.to_string();
                    s.extend(std::iter::from_fn(|| chars.next_if(|c| *c != ',')));
                    args.push(Arg::Bare(s));
                    if chars.next().is_none() {
                        break;
                    }
                }
            }
        }
        Ok(Self {
            args,
            raw: raw.trim().to_string(),
        })
    }

    pub(super) fn text(&self, index: usize) -> Result<String, LineError> {
        match self.args.get(index) {
            Some(Arg::Bare(s) | Arg::Quoted(s)) => Ok(s.clone()),
            None => Err(LineError::Missing(index)),
        }
    }

    pub(super) fn num(&self, index: usize) -> Result<u32, LineError> {
        match self.args.get(index) {
            Some(Arg::Bare(s)) => s.parse().map_err(|_| LineError::NotANumber {
                index,
                value: s.chars().take(20).collect(),
            }),
            Some(Arg::Quoted(s)) => Err(LineError::NotANumber {
                index,
                value: s.chars().take(20).collect(),
            }),
            None => Err(LineError::Missing(index)),
        }
    }

    /// The last argument when it is a string (the content of TEXT, BARCODE, QRCODE).
    pub(super) fn last_quoted(&self) -> Option<String> {
        match self.args.last()? {
            Arg::Quoted(s) => Some(s.clone()),
            Arg::Bare(_) => None,
        }
    }

    pub(super) fn joined(&self) -> String {
        self.raw.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_commas_and_escaped_quotes() {
        let a = Args::parse(br#" 10,20,"0",0,9,9,"a,b\["]c""#).unwrap();
        assert_eq!(a.num(0).unwrap(), 10);
        assert_eq!(a.text(2).unwrap(), "0");
        assert_eq!(a.last_quoted().unwrap(), "a,b\"c");
        assert!(a.num(2).is_err());
    }

    #[test]
    fn an_open_string_is_an_error() {
        assert_eq!(
            Args::parse(br#"1,2,"abc"#).unwrap_err(),
            LineError::Unterminated
        );
    }
}
