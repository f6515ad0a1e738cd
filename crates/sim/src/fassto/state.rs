//! Everything the simulated FMS account knows, behind one lock.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{SimGoods, SimOutbound, SimOutboundStatus};
use super::wire;

#[derive(Debug, Default)]
pub struct FmsState {
    /// Issued access tokens → expiry.
    pub tokens: HashMap<String, DateTime<Utc>>,
    pub sign_ins: usize,
    pub goods: Vec<SimGoods>,
    pub outbounds: Vec<SimOutbound>,
    next_seq: u64,
}

impl FmsState {
    pub fn good(&self, cst_god_cd: &str) -> Option<&SimGoods> {
        self.goods.iter().find(|g| g.cst_god_cd == cst_god_cd)
    }

    pub fn outbound(&self, slip_no: &str) -> Option<&SimOutbound> {
        self.outbounds.iter().find(|o| o.slip_no == slip_no)
    }

    fn outbound_mut(&mut self, slip_no: &str) -> Option<&mut SimOutbound> {
        self.outbounds.iter_mut().find(|o| o.slip_no == slip_no)
    }

    /// 주문가능수량: stock − unusable − what open requests hold.
    pub fn can_stock(&self, cst_god_cd: &str) -> i64 {
        let Some(good) = self.good(cst_god_cd) else {
            return 0;
        };
        let held: i64 = self
            .outbounds
            .iter()
            .filter(|o| o.status.reserves_stock())
            .flat_map(|o| &o.items)
            .filter(|i| i.cst_god_cd == cst_god_cd)
            .map(|i| i.ord_qty)
            .sum();
        (good.stock_qty - good.bad_stock_qty - held).max(0)
    }

    /// `{whCd}OO{yyMMdd}{6-digit sequence}` like FASSTO's `TESTOO260121000042`.
    pub fn next_slip_no(&mut self, wh_cd: &str, day: NaiveDate) -> String {
        self.next_seq += 1;
        format!("{wh_cd}OO{}{:06}", day.format("%y%m%d"), self.next_seq)
    }

    pub fn start_work(&mut self, slip_no: &str) -> bool {
        match self.outbound_mut(slip_no) {
            Some(o) if o.status == SimOutboundStatus::Ordered => {
                o.status = SimOutboundStatus::Working;
                o.updated_at = Utc::now();
                true
            }
            _ => false,
        }
    }

    pub fn ship(&mut self, slip_no: &str, invoice_no: &str, parcel_cd: &str) -> bool {
        let items = match self.outbound_mut(slip_no) {
            Some(o)
                if matches!(
                    o.status,
                    SimOutboundStatus::Ordered
                        | SimOutboundStatus::Working
                        | SimOutboundStatus::Shortage
                ) =>
            {
                o.status = SimOutboundStatus::Done;
                o.invoice_no = Some(invoice_no.to_owned());
                o.parcel_cd = Some(parcel_cd.to_owned());
                o.out_dt = Some(wire::kst_today());
                o.updated_at = Utc::now();
                o.items.clone()
            }
            _ => return false,
        };
        for item in items {
            if let Some(good) = self
                .goods
                .iter_mut()
                .find(|g| g.cst_god_cd == item.cst_god_cd)
            {
                good.stock_qty = (good.stock_qty - item.ord_qty).max(0);
            }
        }
        true
    }

    pub fn ship_all_pending(&mut self, first_invoice: u64) -> Vec<(String, String)> {
        let pending: Vec<String> = self
            .outbounds
            .iter()
            .filter(|o| o.status.reserves_stock())
            .map(|o| o.slip_no.clone())
            .collect();
        let mut shipped = Vec::new();
        for (k, slip) in pending.into_iter().enumerate() {
            let invoice = (first_invoice + k as u64).to_string();
            if self.ship(&slip, &invoice, "04") {
                shipped.push((slip, invoice));
            }
        }
        shipped
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::SimOutboundItem;
    use super::*;

    fn outbound(slip: &str, status: SimOutboundStatus, qty: i64) -> SimOutbound {
        SimOutbound {
            slip_no: slip.into(),
            ord_no: format!("ORD-{slip}"),
            ord_seq: None,
            ord_dt: NaiveDate::from_ymd_opt(2026, 1, 21).unwrap_or_default(),
            cust_nm: String::new(),
            cust_tel_no: String::new(),
            cust_addr: String::new(),
            out_way: "1".into(),
            send_nm: String::new(),
            send_tel_no: String::new(),
            sal_chanel: String::new(),
            ship_req_term: String::new(),
            remark: String::new(),
            items: vec![SimOutboundItem {
                cst_god_cd: "A".into(),
                god_cd: "00000A".into(),
                ord_qty: qty,
            }],
            status,
            invoice_no: None,
            parcel_cd: None,
            out_dt: None,
            updated_at: Utc::now(),
            received: serde_json::Value::Null,
        }
    }

    #[test]
    fn slip_numbers_follow_fasstos_pattern() {
        let mut state = FmsState::default();
        let day = NaiveDate::from_ymd_opt(2026, 1, 21).unwrap_or_default();
        assert_eq!(state.next_slip_no("TEST", day), "TESTOO260121000001");
        assert_eq!(state.next_slip_no("TEST", day), "TESTOO260121000002");
    }

    #[test]
    fn open_requests_hold_stock_until_shipped_or_cancelled() {
        let mut state = FmsState::default();
        let mut good = SimGoods::new("A", "a", 10);
        good.bad_stock_qty = 1;
        state.goods.push(good);
        state
            .outbounds
            .push(outbound("S1", SimOutboundStatus::Ordered, 2));
        state
            .outbounds
            .push(outbound("S2", SimOutboundStatus::Working, 3));
        state
            .outbounds
            .push(outbound("S3", SimOutboundStatus::Cancelled, 4));
        state
            .outbounds
            .push(outbound("S4", SimOutboundStatus::Shortage, 5));
        assert_eq!(state.can_stock("A"), 10 - 1 - 2 - 3);
        assert!(state.ship("S1", "1", "04"));
        assert!(!state.ship("S1", "1", "04"));
        assert!(!state.ship("S3", "1", "04"));
        assert_eq!(state.goods[0].stock_qty, 8);
        assert_eq!(state.can_stock("A"), 8 - 1 - 3);
        assert_eq!(state.can_stock("missing"), 0);
    }
}
