// 주문등록's door to the desk: types of src-tauri/src/order_entry_commands.rs (core `order_entry`)
// and one wrapper per command, over `call`.
import { call } from "../api";

/** One line of an order (core `EntryLine`). */
export interface EntryLine {
  product_name: string;
  option_text: string;
  /** SKU, 품목코드 or barcode; null = matched later in 매칭. */
  sku: string | null;
  quantity: number;
  unit_price: number;
}

/** An order typed by hand (core `OrderEntry`). */
export interface OrderEntry {
  channel: string;
  /** null = generated (M + date + number). */
  order_id: string | null;
  name: string;
  phone: string;
  mobile: string;
  zipcode: string;
  address1: string;
  address2: string;
  message: string;
  /** Two letters; "" = KR. */
  country: string;
  lines: EntryLine[];
  shipping_fee: number;
}

/** Why an order or a file row cannot be stored (core `EntryIssue`). */
export interface EntryIssue {
  row: number | null;
  order_id: string | null;
  column: string;
  code: string;
  message_ko: string;
  message_en: string;
}

export type Stage =
  | "unmatched"
  | "backorder"
  | "ready"
  | "invoiced"
  | "printed"
  | "shipped"
  | "claimed"
  | "outsourced";

export interface RegisteredOrder {
  order_id: string;
  channel: string;
  parcel_id: number;
  merged: boolean;
  stage: Stage;
  unmatched_lines: number;
}

export interface OrderFileRow {
  row: number;
  order_id: string;
  channel: string;
  /** Masked. */
  receiver: string;
  product_name: string;
  option_text: string;
  quantity: string;
  sku: string;
  ok: boolean;
  issues: EntryIssue[];
}

export interface OrderFilePreview {
  file_name: string;
  kind: string;
  channels: string[];
  orders: number;
  lines: number;
  bad_rows: number;
  issues: EntryIssue[];
  rows: OrderFileRow[];
  can_apply: boolean;
}

export interface OrderBatchInfo {
  id: number;
  file_name: string;
  channel: string;
  orders: number;
  lines: number;
  created_at: string;
}

export interface OrderImport {
  preview: OrderFilePreview;
  batch: OrderBatchInfo | null;
}

export interface BatchDeleted {
  id: number;
  orders_deleted: number;
  parcels_deleted: number;
}

export const registerApi = {
  register: (entry: OrderEntry) => call<RegisteredOrder>("register_order", { entry }),
  channels: () => call<string[]>("order_channels"),
  /** Written into the Downloads folder; answers the path. */
  downloadTemplate: () => call<string>("download_order_template"),
  /** `apply` false: the row-by-row check only; true: registered as one batch (all or nothing). */
  importUpload: (fileName: string, dataBase64: string, channel: string | null, apply: boolean) =>
    call<OrderImport>("import_order_upload", {
      upload: { file_name: fileName, data_base64: dataBase64, channel },
      apply,
    }),
  batches: () => call<OrderBatchInfo[]>("order_batches"),
  deleteBatch: (id: number) => call<BatchDeleted>("delete_order_batch", { id }),
};

/** A chosen file as a data: URL (base64); the desk strips the prefix. */
export function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}
