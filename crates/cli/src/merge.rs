//! `packdesk merge`: the 합포 확인필요 list (same name and address, different phones), deciding a
//! pair, and locking an order so it never merges.

use clap::Subcommand;
use packdesk_core::{Desk, DeskError, MergeReview};

#[derive(Subcommand)]
pub enum MergeCommand {
    /// Pairs of parcels that may be one (same name and address, different phone numbers)
    Review {
        #[arg(long)]
        json: bool,
    },
    /// Merge a pair into one parcel, or keep it apart for good
    Decide {
        /// The review id (`packdesk merge review`)
        id: i64,
        #[arg(
            long,
            conflicts_with = "keep_apart",
            required_unless_present = "keep_apart"
        )]
        merge: bool,
        #[arg(long)]
        keep_apart: bool,
    },
    /// Never merge this order with another (split it off its parcel if not yet printed)
    Lock {
        /// The shop's order id, e.g. 20261122-0000123
        order_id: String,
    },
    /// 합포 options: show them, or set domestic only / same seller only (orders placed from now on)
    Options {
        /// Parcels abroad never merge (국내 배송만 합포)
        #[arg(long, value_parser = on_off)]
        domestic_only: Option<bool>,
        /// Only orders of the same seller merge (같은 판매처만 합포); off = across sellers
        #[arg(long, value_parser = on_off)]
        per_seller: Option<bool>,
        #[arg(long)]
        json: bool,
    },
}

fn on_off(s: &str) -> Result<bool, String> {
    match s {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("'{s}': use on or off")),
    }
}

pub fn run(desk: &Desk, cmd: MergeCommand) -> Result<(), DeskError> {
    match cmd {
        MergeCommand::Review { json } => {
            let reviews = desk.merge_reviews()?;
            if json {
                match serde_json::to_string_pretty(&reviews) {
                    Ok(s) => println!("{s}"),
                    Err(e) => eprintln!("error: {e}"),
                }
            } else {
                print_reviews(&reviews);
            }
        }
        MergeCommand::Decide { id, merge, .. } => {
            let d = desk.decide_merge(id, merge)?;
            match d.parcel_id {
                Some(p) => println!("합포함 / merged: review {id} → parcel {p}"),
                None => println!("따로 보냄 / kept apart: review {id}"),
            }
        }
        MergeCommand::Options {
            domestic_only,
            per_seller,
            json,
        } => {
            let o = if domestic_only.is_none() && per_seller.is_none() {
                desk.merge_options()?
            } else {
                desk.set_merge_options(domestic_only, per_seller)?
            };
            if json {
                match serde_json::to_string_pretty(&o) {
                    Ok(s) => println!("{s}"),
                    Err(e) => eprintln!("error: {e}"),
                }
            } else {
                let yn = |b: bool| if b { "on" } else { "off" };
                println!("국내 배송만 합포 / domestic only: {}", yn(o.domestic_only));
                println!("같은 판매처만 합포 / per seller: {}", yn(o.per_seller));
            }
        }
        MergeCommand::Lock { order_id } => {
            let parcel = desk.lock_merge(&order_id)?;
            println!("합포 금지 / never merged: {order_id} (parcel {parcel})");
        }
    }
    Ok(())
}

fn print_reviews(reviews: &[MergeReview]) {
    if reviews.is_empty() {
        println!("확인할 합포 없음 / nothing to review");
    }
    for r in reviews {
        println!(
            "[{}] 같은 이름·주소, 다른 연락처 / same name and address, different phones",
            r.id
        );
        for p in &r.parcels {
            println!(
                "    {}번 {} {} / {} · {} · {}",
                p.no,
                p.recipient,
                p.phone,
                p.mobile,
                p.address,
                p.order_ids.join(", ")
            );
        }
    }
}
