//! A quote in the shop's currency. Overseas Cafe24 shops price shipping in USD or JPY at a fixed
//! rate the owner sets; conversion is integer arithmetic with one explicit rounding rule, so the
//! same KRW amount always gives the same cents or yen.

use crate::error::FeeError;
use crate::quote::{Quote, QuoteLine};
use crate::units::{group_thousands, parse_fixed};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Krw,
    Usd,
    Jpy,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Krw => "KRW",
            Currency::Usd => "USD",
            Currency::Jpy => "JPY",
        }
    }

    pub fn parse(s: &str) -> Option<Currency> {
        match s.trim().to_ascii_uppercase().as_str() {
            "KRW" => Some(Currency::Krw),
            "USD" => Some(Currency::Usd),
            "JPY" => Some(Currency::Jpy),
            _ => None,
        }
    }

    /// Minor units per unit: cents for USD; the won and the yen have none in practice.
    pub fn minor_per_unit(self) -> u64 {
        match self {
            Currency::Usd => 100,
            Currency::Krw | Currency::Jpy => 1,
        }
    }

    /// `2029` USD cents → `"USD 20.29"`; `3069` yen → `"JPY 3,069"`.
    pub fn format_minor(self, minor: u64) -> String {
        match self.minor_per_unit() {
            100 => format!(
                "{} {}.{:02}",
                self.code(),
                group_thousands(minor / 100),
                minor % 100
            ),
            _ => format!("{} {}", self.code(), group_thousands(minor)),
        }
    }
}

/// Decimal places kept from the exchange rate the owner types.
const RATE_SCALE: u32 = 4;

/// A fixed exchange rate: how many KRW one unit of `currency` costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRate {
    pub currency: Currency,
    /// KRW per unit × 10⁴ (so `1380.5` is 13_805_000).
    krw_per_unit_e4: u64,
}

impl ExchangeRate {
    /// `ExchangeRate::new(Currency::Usd, "1380.50")`: up to 4 decimals, positive.
    pub fn new(currency: Currency, krw_per_unit: &str) -> Result<ExchangeRate, FeeError> {
        let e4 = parse_fixed(krw_per_unit, RATE_SCALE)
            .filter(|v| *v > 0)
            .ok_or_else(|| FeeError::BadRate(krw_per_unit.to_string()))?;
        Ok(ExchangeRate {
            currency,
            krw_per_unit_e4: e4,
        })
    }

    /// Minor units of the currency → KRW, rounded half up to the won: what a customer's
    /// payment in the shop currency is worth at the fixed rate.
    pub fn to_krw(&self, minor: u64) -> u64 {
        let num = u128::from(minor) * u128::from(self.krw_per_unit_e4);
        let den = u128::from(self.currency.minor_per_unit()) * 10u128.pow(RATE_SCALE);
        let krw = (num * 2 + den) / (den * 2);
        u64::try_from(krw).unwrap_or(u64::MAX)
    }

    /// KRW → minor units of the currency, rounded half up to the cent (USD) or yen (JPY).
    pub fn convert(&self, krw: u64) -> u64 {
        let num =
            u128::from(krw) * u128::from(self.currency.minor_per_unit()) * 10u128.pow(RATE_SCALE);
        let den = u128::from(self.krw_per_unit_e4);
        let minor = (num * 2 + den) / (den * 2);
        u64::try_from(minor).unwrap_or(u64::MAX)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertedLine {
    pub line: QuoteLine,
    pub minor: u64,
}

/// A quote in the shop's currency. The total is converted from the KRW total (not summed from
/// rounded lines), so it can differ from the sum of the lines by a cent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertedQuote {
    pub rate: ExchangeRate,
    pub lines: Vec<ConvertedLine>,
    pub total_minor: u64,
}

impl ConvertedQuote {
    pub fn total_display(&self) -> String {
        self.rate.currency.format_minor(self.total_minor)
    }
}

impl Quote {
    pub fn in_currency(&self, rate: ExchangeRate) -> ConvertedQuote {
        ConvertedQuote {
            rate,
            lines: self
                .lines
                .iter()
                .map(|l| ConvertedLine {
                    line: l.clone(),
                    minor: rate.convert(l.krw),
                })
                .collect(),
            total_minor: rate.convert(self.total_krw),
        }
    }
}
