//! Lenient field readers: FASSTO's JSON mixes numbers and numeric strings
//! (`"ordQty": 1` next to `"godPr": "0"`) and sends `null` or `""` for "none".

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// String or number → `Some(text)`; `null`, `""` and whitespace → `None`.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_owned())
        }
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    })
}

/// As [`opt_string`], with `""` for none.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_string(d)?.unwrap_or_default())
}

/// Number or numeric string → `Some(n)` (decimals truncated toward zero);
/// anything else → `None`.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Some(Value::String(s)) => {
            let t = s.trim();
            t.parse::<i64>()
                .ok()
                .or_else(|| t.parse::<f64>().ok().map(|f| f as i64))
        }
        _ => None,
    })
}

/// As [`opt_i64`], with 0 for none.
pub fn i64_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(opt_i64(d)?.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Row {
        #[serde(default, deserialize_with = "opt_string")]
        a: Option<String>,
        #[serde(default, deserialize_with = "opt_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "i64_or_zero")]
        z: i64,
    }

    #[test]
    fn numbers_and_strings_read_alike() {
        let r: Row = serde_json::from_str(r#"{"a": 4, "n": "12", "z": null}"#).unwrap();
        assert_eq!(r.a.as_deref(), Some("4"));
        assert_eq!(r.n, Some(12));
        assert_eq!(r.z, 0);
        let r: Row = serde_json::from_str(r#"{"a": " ", "n": 3.0}"#).unwrap();
        assert_eq!(r.a, None);
        assert_eq!(r.n, Some(3));
    }
}
