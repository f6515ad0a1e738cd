//! Brings a shop's products, variants (품목코드), weights and inventory into the SKU catalogue.

use chrono::{DateTime, Utc};
use packdesk_cafe24::Cafe24Client;
use packdesk_store::{catalogue, shops};

use crate::desk::Desk;
use crate::error::{DeskError, Result};

pub(crate) async fn sync(
    desk: &Desk,
    shop: &shops::ShopRow,
    client: &Cafe24Client,
    now: DateTime<Utc>,
) -> Result<()> {
    let products = client.products_with_variants(shop.shop_no).await?;
    desk.inner.store.write(|tx| {
        for p in &products {
            let weight_g = p.product_weight.as_deref().and_then(kg_to_grams);
            let texts: Vec<String> = p
                .variants
                .iter()
                .map(|v| {
                    v.options
                        .iter()
                        .map(|o| format!("{}={}", o.name, o.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            let variants: Vec<catalogue::VariantUpsert> = p
                .variants
                .iter()
                .zip(&texts)
                .map(|(v, text)| catalogue::VariantUpsert {
                    variant_code: &v.variant_code,
                    option_text: text,
                    weight_g,
                    on_hand: v.quantity,
                })
                .collect();
            catalogue::upsert_product(
                tx,
                shop.id,
                i64::from(p.product_no),
                &p.product_code,
                &p.product_name,
                &variants,
                now,
            )?;
            if let Some(t) = &p.option_type {
                catalogue::set_option_type(tx, shop.id, i64::from(p.product_no), t)?;
            }
        }
        Ok::<_, DeskError>(())
    })?;
    tracing::info!(
        shop_no = shop.shop_no,
        products = products.len(),
        "catalogue synced"
    );
    Ok(())
}

/// Cafe24 sends weights as kilogram strings ("1.25"); we keep grams.
pub(crate) fn kg_to_grams(kg: &str) -> Option<i64> {
    let v: f64 = kg.trim().parse().ok()?;
    (v > 0.0).then(|| (v * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn kg_strings_become_grams() {
        assert_eq!(super::kg_to_grams("1.25"), Some(1250));
        assert_eq!(super::kg_to_grams("0.00"), None);
        assert_eq!(super::kg_to_grams("x"), None);
    }
}
