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
            packdesk_store::documents::set_product_names(
                tx,
                shop.id,
                i64::from(p.product_no),
                &p.eng_product_name,
                &p.supply_product_name,
                &p.model_name,
            )?;
            if let Some(t) = &p.option_type {
                catalogue::set_option_type(tx, shop.id, i64::from(p.product_no), t)?;
            }
            if shop.demo {
                crate::demo::seed_product_facts(tx, p)?;
            }
        }
        Ok::<_, DeskError>(())
    })?;
    tracing::info!(
        shop_no = shop.shop_no,
        products = products.len(),
        "catalogue synced"
    );
    sync_carriers(desk, shop, client).await
}

/// The mall's own carrier codes (`/carriers`): shipments must name the carrier with the code this
/// mall uses, which need not be the common one.
async fn sync_carriers(desk: &Desk, shop: &shops::ShopRow, client: &Cafe24Client) -> Result<()> {
    let carriers = client.carriers(shop.shop_no).await?;
    let mapped: Vec<(&'static str, &str)> = carriers
        .iter()
        .filter(|c| !c.shipping_carrier_code.is_empty())
        .filter_map(|c| {
            packdesk_key(&c.shipping_carrier).map(|k| (k, c.shipping_carrier_code.as_str()))
        })
        .collect();
    desk.inner.store.write(|tx| {
        for (key, code) in &mapped {
            packdesk_store::pool::set_cafe24_code(tx, key, code)?;
        }
        Ok::<_, DeskError>(())
    })?;
    tracing::info!(carriers = mapped.len(), "mall carrier codes synced");
    Ok(())
}

/// Our carrier key for a carrier name as a mall lists it.
fn packdesk_key(name: &str) -> Option<&'static str> {
    let n: String = name.split_whitespace().collect();
    [
        // Before 우체국: "우체국EMS" is the international service, not 우체국택배.
        ("EMS", "ems"),
        ("CJ", "cj"),
        ("대한통운", "cj"),
        ("한진", "hanjin"),
        ("롯데", "lotte"),
        ("로젠", "logen"),
        ("우체국", "epost"),
    ]
    .iter()
    .find(|(needle, _)| n.contains(needle))
    .map(|(_, key)| *key)
}

/// Cafe24 sends weights as kilogram strings ("1.25"); we keep grams.
pub(crate) fn kg_to_grams(kg: &str) -> Option<i64> {
    let v: f64 = kg.trim().parse().ok()?;
    (v > 0.0).then(|| (v * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn mall_carrier_names_map_to_our_keys() {
        assert_eq!(super::packdesk_key("CJ대한통운"), Some("cj"));
        assert_eq!(super::packdesk_key("한진택배"), Some("hanjin"));
        assert_eq!(super::packdesk_key("롯데택배(구 현대)"), Some("lotte"));
        assert_eq!(super::packdesk_key("우체국 택배"), Some("epost"));
        assert_eq!(super::packdesk_key("일양로지스"), None);
    }

    #[test]
    fn kg_strings_become_grams() {
        assert_eq!(super::kg_to_grams("1.25"), Some(1250));
        assert_eq!(super::kg_to_grams("0.00"), None);
        assert_eq!(super::kg_to_grams("x"), None);
    }
}
