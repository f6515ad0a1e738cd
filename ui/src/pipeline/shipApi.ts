// 배송 and 클레임's door to the desk: types of src-tauri/src/ship_commands.rs (core `ship`,
// `mismatch`, merge options) and their wrappers, over `call`.
import { call } from "../api";
import type { ErrorPayload, ShipOutcome } from "../types";

export interface ShipRowResult {
  /** 연번 in today's list. */
  no: number;
  tracking_no: string | null;
  shipped: ShipOutcome | null;
  error: ErrorPayload | null;
}

export interface ShipSelectedReport {
  shipped: number;
  refused: number;
  rows: ShipRowResult[];
}

export type MismatchKind = "push_not_applied" | "shipped_elsewhere" | "push_failed";
export type FixAction = "requeue_push" | "mark_shipped" | "retry_push";

export interface Mismatch {
  /** The order's row id: what `fix_mismatch` takes. */
  id: number;
  order_id: string;
  kind: MismatchKind;
  no: number | null;
  parcel_id: number | null;
  tracking_no: string | null;
  stage: string | null;
  /** The shop's item statuses, e.g. "N20". */
  shop_status: string;
  fix: FixAction;
  detail_ko: string;
  detail_en: string;
}

export interface FixOutcome {
  id: number;
  order_id: string;
  action: FixAction;
  queued: number;
}

export interface RecheckReport {
  orders_checked: number;
  skipped_shops: string[];
}

export interface ClaimedLine {
  product_name: string;
  option_text: string;
  quantity: number;
  claimed: boolean;
}

export interface ClaimedOrder {
  order_id: string;
  claimed: boolean;
  reason: string | null;
  lines: ClaimedLine[];
}

export interface ClaimedParcel {
  parcel_id: number;
  no: number;
  stage: string;
  tracking_no: string | null;
  printed: boolean;
  partly: boolean;
  orders: ClaimedOrder[];
  todo_ko: string;
  todo_en: string;
}

export interface MergeOptions {
  domestic_only: boolean;
  per_seller: boolean;
}

export const shipApi = {
  /** A scan the packer confirmed: the claimed lines of a partly claimed parcel were taken out. */
  shipConfirmed: (code: string) =>
    call<ShipOutcome>("ship_confirmed", { req: { code, removed_claimed: true } }),
  shipSelected: (range: string, removedClaimed = false) =>
    call<ShipSelectedReport>("ship_selected", { range, removedClaimed }),
  recheck: () => call<RecheckReport>("recheck_shipped"),
  mismatches: () => call<Mismatch[]>("mismatches"),
  fix: (id: number, action: FixAction | null = null) => call<FixOutcome>("fix_mismatch", { id, action }),
  claims: () => call<ClaimedParcel[]>("claimed_parcels"),
  mergeOptions: () => call<MergeOptions>("merge_options"),
  setMergeOptions: (domesticOnly: boolean | null, perSeller: boolean | null) =>
    call<MergeOptions>("set_merge_options", { domesticOnly, perSeller }),
};
