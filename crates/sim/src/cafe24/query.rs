//! Query-string helpers shared by the list endpoints: ordered pairs (so `links`
//! can echo the caller's query), numeric limits with Cafe24's 422 on violations.

use axum::http::StatusCode;

use super::wire::ApiError;

pub struct Params(pub Vec<(String, String)>);

impl Params {
    pub fn parse(raw: Option<String>) -> Params {
        Params(
            url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .into_owned()
                .collect(),
        )
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Comma-separated values (Cafe24 allows at most 100).
    pub fn list(&self, key: &str) -> Result<Option<Vec<String>>, ApiError> {
        let Some(raw) = self.get(key) else {
            return Ok(None);
        };
        let values: Vec<String> = raw
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        if values.len() > 100 {
            return Err(invalid(
                key,
                "at most 100 comma-separated values are allowed",
            ));
        }
        Ok(Some(values))
    }

    /// A number in `min..=max`, `default` when absent.
    pub fn number(&self, key: &str, default: u32, min: u32, max: u32) -> Result<u32, ApiError> {
        match self.get(key) {
            None => Ok(default),
            Some(raw) => match raw.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(invalid(
                    key,
                    &format!("must be a number between {min} and {max}"),
                )),
            },
        }
    }

    /// The same query with `key` set to `value` (for `links`).
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        let mut seen = false;
        for (k, v) in &self.0 {
            if k == key {
                if !seen {
                    ser.append_pair(k, value);
                    seen = true;
                }
            } else {
                ser.append_pair(k, v);
            }
        }
        if !seen {
            ser.append_pair(key, value);
        }
        ser.finish()
    }

    pub fn without(&self, key: &str) -> Params {
        Params(self.0.iter().filter(|(k, _)| k != key).cloned().collect())
    }
}

/// 422 with Cafe24's "value out of spec" wording.
pub fn invalid(key: &str, why: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        format!("{key}: {why}. ({key})"),
    )
}
