//! The mall's shops (멀티쇼핑몰): `GET /shops`, which needs `mall.read_store`.

use serde::Deserialize;

use super::Cafe24Client;
use super::transport::ApiCall;
use crate::error::Cafe24Error;
use crate::model::Shop;

#[derive(Deserialize)]
struct ShopsPage {
    #[serde(default)]
    shops: Vec<Shop>,
}

impl Cafe24Client {
    /// Every shop of the mall (shop 1 is usually the default Korean shop; others
    /// may sell in another language and currency).
    pub async fn shops(&self) -> Result<Vec<Shop>, Cafe24Error> {
        let reply = self.call(&ApiCall::get(&["shops"], Vec::new())).await?;
        Ok(reply.json::<ShopsPage>("shops")?.shops)
    }
}
