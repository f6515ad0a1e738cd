//! Stock (`GET /stock/list/{cst}`) and goods (`GET /goods/{cst}`).

use super::transport::ApiCall;
use super::{FmsClient, rows};
use crate::error::FmsError;
use crate::model::{FmsGoods, StockRow, WireGoods, WireStock};

impl FmsClient {
    /// Every stock line, sold-out goods included (`outOfStockYn=Y`), so a SKU
    /// that ran out reads as 0 instead of vanishing.
    pub async fn stock(&self) -> Result<Vec<StockRow>, FmsError> {
        self.stock_query(vec![("outOfStockYn", "Y".to_owned())])
            .await
    }

    /// The stock lines of one good.
    pub async fn stock_of(&self, cst_god_cd: &str) -> Result<Vec<StockRow>, FmsError> {
        let code = cst_god_cd.trim();
        if code.is_empty() {
            return Err(FmsError::invalid("cstGodCd", "is empty"));
        }
        self.stock_query(vec![
            ("outOfStockYn", "Y".to_owned()),
            ("cstGodCd", code.to_owned()),
        ])
        .await
    }

    async fn stock_query(
        &self,
        query: Vec<(&'static str, String)>,
    ) -> Result<Vec<StockRow>, FmsError> {
        let call = ApiCall::read("stock.list", &["stock", "list", self.cst_cd()], query);
        let envelope = self.call(&call).await?.into_success()?;
        let wire: Vec<WireStock> = rows(envelope.data, "stock list")?;
        Ok(wire.into_iter().map(StockRow::from).collect())
    }

    /// Every good registered in FMS for this customer.
    pub async fn goods(&self) -> Result<Vec<FmsGoods>, FmsError> {
        let call = ApiCall::read("goods.list", &["goods", self.cst_cd()], Vec::new());
        let envelope = self.call(&call).await?.into_success()?;
        let wire: Vec<WireGoods> = rows(envelope.data, "goods list")?;
        Ok(wire.into_iter().map(FmsGoods::from).collect())
    }
}
