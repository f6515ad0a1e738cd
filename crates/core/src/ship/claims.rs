//! Claims at the desk: the parcels with cancelled, returned or exchanged lines (the 클레임 tab),
//! and the refusal a partly claimed parcel meets at the scan until the packer confirms its
//! claimed lines were taken out.

use packdesk_store::{Transaction, parcels};
use serde::{Deserialize, Serialize};

use super::ShipError;
use crate::desk::Desk;
use crate::dto::Stage;
use crate::error::{DeskError, Result};

/// One line of a parcel on the claims list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimedLine {
    pub product_name: String,
    pub option_text: String,
    pub quantity: i64,
    /// This line is cancelled/returned/exchanged: it must not leave.
    pub claimed: bool,
}

/// One order of a parcel on the claims list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimedOrder {
    pub order_id: String,
    /// Every line of this order in the parcel is claimed.
    pub claimed: bool,
    /// The claim as the shop gave it, e.g. `취소 C00`.
    pub reason: Option<String>,
    pub lines: Vec<ClaimedLine>,
}

/// A parcel not yet shipped that holds claimed lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimedParcel {
    pub parcel_id: i64,
    /// 연번 in today's list.
    pub no: u32,
    pub stage: Stage,
    pub tracking_no: Option<String>,
    /// The waybill was printed (the label is on a box or in the tray).
    pub printed: bool,
    /// Some lines are claimed and the rest still ships.
    pub partly: bool,
    pub orders: Vec<ClaimedOrder>,
    /// What the packer must do, in Korean and English.
    pub todo_ko: String,
    pub todo_en: String,
}

fn line_text(l: &parcels::ParcelLine) -> String {
    let option = if l.option_text.is_empty() {
        String::new()
    } else {
        format!(" ({})", l.option_text)
    };
    format!("{} {}{option} ×{}", l.order_id, l.product_name, l.quantity)
}

/// The loud refusal of a partly claimed parcel, naming the lines to take out.
pub(super) fn partly_claimed(
    tx: &Transaction,
    parcel: &parcels::ParcelCore,
    lines: &[parcels::ParcelLine],
) -> Result<ShipError> {
    let mut lines_en = Vec::new();
    let mut lines_ko = Vec::new();
    for l in lines {
        if let Some(reason) = &l.claim_reason {
            lines_en.push(format!("{} [{reason}]", line_text(l)));
            lines_ko.push(format!("{} [{reason}]", line_text(l)));
        }
    }
    Ok(ShipError::PartlyClaimed {
        no: parcels::position(tx, parcel.id)?,
        tracking_no: parcel.tracking_no.clone().unwrap_or_default(),
        lines_en,
        lines_ko,
    })
}

fn todo(printed: bool, partly: bool) -> (&'static str, &'static str) {
    match (printed, partly) {
        (true, true) => (
            "송장은 그대로 두고 취소/반품된 상품만 상자에서 빼세요. 스캔할 때 '뺐음 확인'을 누르면 나머지만 배송처리됩니다",
            "Keep the label; take the claimed items out of the box. Confirm their removal at the scan and the rest ships",
        ),
        (false, true) => (
            "취소/반품된 상품은 빼고 나머지만 출고합니다 (송장 출력 시 제외됨)",
            "The claimed items are left out; the rest goes on to its label",
        ),
        (true, false) => (
            "출고 금지: 출력된 송장을 폐기하고 상품을 제자리에 돌려놓으세요",
            "Do not ship: void the printed label and put the goods back",
        ),
        (false, false) => ("출고 금지: 포장하지 마세요", "Do not ship: nothing to pack"),
    }
}

impl Desk {
    /// Parcels not shipped yet with cancelled/returned/exchanged lines, in list order.
    pub fn claimed_parcels(&self) -> Result<Vec<ClaimedParcel>> {
        let cores = crate::worklist::current(&self.inner)?;
        let lines = self.inner.store.read(parcels::working_lines)?;
        let mut out = Vec::new();
        for (i, core) in cores.iter().enumerate() {
            let stage = Stage::parse(&core.stage).unwrap_or(Stage::Ready);
            if stage == Stage::Shipped {
                continue;
            }
            let mine: Vec<&parcels::ParcelLine> = lines
                .iter()
                .filter(|(p, _)| *p == core.id)
                .map(|(_, l)| l)
                .collect();
            let claimed = mine.iter().filter(|l| l.claim_reason.is_some()).count();
            if claimed == 0 && stage != Stage::Claimed {
                continue;
            }
            let partly = claimed > 0 && claimed < mine.len();
            let mut orders: Vec<ClaimedOrder> = Vec::new();
            for l in &mine {
                let line = ClaimedLine {
                    product_name: l.product_name.clone(),
                    option_text: l.option_text.clone(),
                    quantity: l.quantity,
                    claimed: l.claim_reason.is_some() || !partly,
                };
                match orders.iter_mut().find(|o| o.order_id == l.order_id) {
                    Some(o) => o.lines.push(line),
                    None => orders.push(ClaimedOrder {
                        order_id: l.order_id.clone(),
                        claimed: false,
                        reason: None,
                        lines: vec![line],
                    }),
                }
                if let Some(o) = orders.iter_mut().find(|o| o.order_id == l.order_id)
                    && o.reason.is_none()
                {
                    o.reason = l.claim_reason.clone();
                }
            }
            for o in &mut orders {
                o.claimed = o.lines.iter().all(|l| l.claimed);
            }
            let printed = core.print_count > 0;
            let (todo_ko, todo_en) = todo(printed, partly);
            out.push(ClaimedParcel {
                parcel_id: core.id,
                no: u32::try_from(i + 1).map_err(|e| DeskError::Internal(e.to_string()))?,
                stage,
                tracking_no: core.tracking_no.clone(),
                printed,
                partly,
                orders,
                todo_ko: todo_ko.into(),
                todo_en: todo_en.into(),
            });
        }
        Ok(out)
    }
}
