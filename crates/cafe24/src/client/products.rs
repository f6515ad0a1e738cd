//! Catalogue reads: products with variants and inventory, and the mall's carriers.

use std::collections::HashSet;

use serde::Deserialize;

use super::Cafe24Client;
use super::transport::ApiCall;
use crate::error::Cafe24Error;
use crate::model::{Carrier, Product};

/// `GET /products` allows at most 100 per page.
const PRODUCTS_PER_PAGE: u32 = 100;

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
