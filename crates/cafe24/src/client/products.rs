//! The catalogue: products with variants and inventory, the mall's carriers,
//! and product weights written back from the desk's scale.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::json;

use super::Cafe24Client;
use super::transport::ApiCall;
use crate::error::Cafe24Error;
use crate::model::{Carrier, Product};

/// `GET /products` allows at most 100 per page.
const PRODUCTS_PER_PAGE: u32 = 100;
/// `product_weight` is at most 999999.99 kg (reference §5.2), in hundredths.
const MAX_WEIGHT_HUNDREDTHS: u64 = 99_999_999;

#[derive(Deserialize)]
struct ProductsPage {
    #[serde(default)]
    products: Vec<Product>,
    #[serde(default)]
    links: Option<Vec<serde_json::Value>>,
}

#[derive(Deserialize)]
struct CarriersPage {
    #[serde(default)]
    carriers: Vec<Carrier>,
}

impl Cafe24Client {
    /// Every product with its variants (inventory in `quantity`). Pages by
    /// offset up to Cafe24's 5000 cap, then continues with `since_product_no`.
    pub async fn products_with_variants(&self, shop_no: u32) -> Result<Vec<Product>, Cafe24Error> {
        let mut products = Vec::new();
        let mut seen = HashSet::new();
        let mut offset: u32 = 0;
        let mut since: Option<u32> = None;
        loop {
            let mut query = vec![
                ("shop_no", shop_no.to_string()),
                ("embed", "variants".to_owned()),
                ("limit", PRODUCTS_PER_PAGE.to_string()),
            ];
            match since {
                Some(n) => query.push(("since_product_no", n.to_string())),
                None => query.push(("offset", offset.to_string())),
            }
            let page: ProductsPage = self
                .call(&ApiCall::get(&["products"], query))
                .await?
                .json("products")?;
            let full = page.products.len() >= PRODUCTS_PER_PAGE as usize;
            let more = page.links.as_ref().is_none_or(|links| {
                links
                    .iter()
                    .any(|l| l.get("rel").and_then(|r| r.as_str()) == Some("next"))
            });
            let last = page.products.iter().map(|p| p.product_no).max();
            for p in page.products {
                if seen.insert(p.product_no) {
                    products.push(p);
                }
            }
            let Some(last) = last else { break };
            if !full || !more {
                break;
            }
            if since.is_some() || offset + PRODUCTS_PER_PAGE > self.inner.opts.max_product_offset {
                since = Some(last);
            } else {
                offset += PRODUCTS_PER_PAGE;
            }
        }
        Ok(products)
    }

    /// Writes a measured weight to the product (`PUT /products/{product_no}`,
    /// `{"shop_no":…,"request":{"product_weight":"1.25"}}`). Cafe24 keeps
    /// kilograms with two decimals, so grams are rounded half up to 10 g.
    ///
    /// A 409 (Cafe24's "identical content") means the product already has that
    /// weight — e.g. a resend after [`Cafe24Error::OutcomeUnknown`] — and counts
    /// as done. Like every write it is not retried once Cafe24 may have applied it.
    pub async fn update_product_weight(
        &self,
        shop_no: u32,
        product_no: u32,
        grams: u32,
    ) -> Result<(), Cafe24Error> {
        let body = json!({
            "shop_no": shop_no,
            "request": { "product_weight": kg_text(grams)? },
        });
        let path = product_no.to_string();
        match self.call(&ApiCall::put(&["products", &path], &body)).await {
            Ok(_) => Ok(()),
            Err(Cafe24Error::InvalidRequest { status: 409, .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The carriers registered for the mall; their codes are what shipments accept.
    pub async fn carriers(&self, shop_no: u32) -> Result<Vec<Carrier>, Cafe24Error> {
        let reply = self
            .call(&ApiCall::get(
                &["carriers"],
                vec![("shop_no", shop_no.to_string())],
            ))
            .await?;
        Ok(reply.json::<CarriersPage>("carriers")?.carriers)
    }
}

/// Grams as Cafe24's `product_weight`: kilograms with two decimals ("1.25"),
/// rounded half up to 10 g.
pub(crate) fn kg_text(grams: u32) -> Result<String, Cafe24Error> {
    let hundredths = (u64::from(grams) + 5) / 10;
    if hundredths > MAX_WEIGHT_HUNDREDTHS {
        return Err(Cafe24Error::BadQuery {
            message: format!(
                "{grams} g is more than Cafe24's largest product weight (999999.99 kg)"
            ),
        });
    }
    Ok(format!("{}.{:02}", hundredths / 100, hundredths % 100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_become_kilograms_with_two_decimals() {
        assert_eq!(kg_text(1250).unwrap(), "1.25");
        assert_eq!(kg_text(1234).unwrap(), "1.23");
        assert_eq!(kg_text(1235).unwrap(), "1.24");
        assert_eq!(kg_text(0).unwrap(), "0.00");
        assert_eq!(kg_text(4).unwrap(), "0.00");
        assert_eq!(kg_text(5).unwrap(), "0.01");
        assert_eq!(kg_text(350).unwrap(), "0.35");
        assert_eq!(kg_text(999_999_994).unwrap(), "999999.99");
        assert_eq!(
            kg_text(999_999_995).unwrap_err().code(),
            "CAFE24_INVALID_REQUEST"
        );
    }
}
