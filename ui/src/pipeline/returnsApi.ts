// 반품 입고's door to the desk: types of the returns commands in
// src-tauri/src/order_entry_commands.rs (core `returns`) and their wrappers, over `call`.
import { call } from "../api";

export type ReturnReason = "change_of_mind" | "defect" | "wrong_item";
export type Disposition = "restock" | "write_off";
export type Payer = "customer" | "seller";

export interface ReturnLine {
  item_id: number;
  order_id: string;
  product_name: string;
  option_text: string;
  sku: string | null;
  quantity: number;
  /** Set once received. */
  disposition: Disposition | null;
}

/** A shipped parcel found by its scan, before it is received. */
export interface ReturnCandidate {
  parcel_id: number;
  tracking_no: string | null;
  order_ids: string[];
  shipped_at: string;
  days_since_shipped: number;
  lines: ReturnLine[];
}

export interface ReturnRecord {
  id: number;
  parcel_id: number;
  tracking_no: string | null;
  scanned_code: string;
  reason: ReturnReason;
  shipped_at: string;
  window_days: number;
  window_ends_at: string;
  within_window: boolean;
  payer: Payer;
  received_at: string;
  lines: ReturnLine[];
  restocked_units: number;
  written_off_units: number;
}

export interface ReturnRequest {
  code: string;
  reason: ReturnReason;
  disposition: Disposition;
  /** [line item_id, disposition] for lines handled differently. */
  per_line: [number, Disposition][];
}

export const returnsApi = {
  /** Looks the scan up; nothing changes. */
  candidate: (code: string) => call<ReturnCandidate>("return_candidate", { code }),
  receive: (request: ReturnRequest) => call<ReturnRecord>("receive_return", { request }),
  list: () => call<ReturnRecord[]>("returns"),
};
