// The 할당 tab's door to the desk: types of src-tauri/src/allocate_commands.rs (core `allocate`)
// and one wrapper per command, over `call`.
import { call } from "../api";

export type ServiceOrder = "full_first" | "partial";
export type Priority = "date" | "seller" | "quantity" | "amount";

export interface AllocationPolicy {
  order: ServiceOrder;
  priority: Priority;
}

export interface AllocationReport {
  policy: AllocationPolicy;
  parcels: number;
  ready: number;
  backorder: number;
  /** Backorder parcels holding stock for some of their lines (split candidates). */
  partial: number;
  unmatched: number;
  claimed: number;
  lines_allocated: number;
  lines_short: number;
  lines_changed: number;
  stages_changed: number;
}

export interface StockNeed {
  sku: string;
  need: number;
  available: number;
}

export interface BackorderLine {
  item_id: number;
  order_id: string;
  order_item_code: string;
  product_name: string;
  option_text: string;
  quantity: number;
  allocated: number;
  short: boolean;
  needs: StockNeed[];
}

export interface BackorderParcel {
  parcel_id: number;
  no: number;
  order_ids: string[];
  lines: BackorderLine[];
  splittable: boolean;
}

export interface SplitOutcome {
  parcel_id: number;
  no: number;
  stage: string;
  new_parcel_id: number;
  new_no: number;
  new_stage: string;
  moved_lines: number;
}

export interface StockLevel {
  variant_id: number;
  sku: string;
  product_name: string;
  option_text: string;
  on_hand: number;
  allocated: number;
  available: number;
}

export interface StockMovement {
  id: number;
  delta: number;
  kind: string;
  reference: string | null;
  at: string;
}

export const allocateApi = {
  backorders: () => call<BackorderParcel[]>("backorders"),
  policy: () => call<AllocationPolicy>("allocation_policy"),
  setPolicy: (policy: AllocationPolicy) => call<AllocationPolicy>("set_allocation_policy", { policy }),
  reallocate: (policy?: AllocationPolicy) => call<AllocationReport>("reallocate", { policy: policy ?? null }),
  split: (no: number) => call<SplitOutcome>("split_unallocated", { no }),
  splitAll: () => call<SplitOutcome[]>("split_all_unallocated"),
  stock: (query: string, limit?: number) => call<StockLevel[]>("stock_levels", { query, limit: limit ?? null }),
  setStock: (sku: string, onHand: number, reason?: string) =>
    call<StockLevel>("set_stock", { sku, onHand, reason: reason ?? null }),
  ledger: (sku: string, limit?: number) => call<StockMovement[]>("stock_ledger", { sku, limit: limit ?? null }),
};
