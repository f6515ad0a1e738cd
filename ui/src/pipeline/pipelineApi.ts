// The 주문처리 page's door to the desk: types of src-tauri/src/pipeline_commands.rs (core
// `pipeline`, `merge_review`, `carrier_file`) and one wrapper per command, over `call`.
import { call } from "../api";

/** 처리필요 per stage (core `PipelineCounts`). */
export interface PipelineCounts {
  matching: number;
  merge: number;
  allocate: number;
  invoice: number;
  ship: number;
  mismatch: number;
  claims: number;
  returns: number;
  /** Carriers whose invoice-number pool runs low. */
  pools_low: string[];
  total: number;
}

/** One side of a 확인필요 pair, masked like the list. */
export interface ReviewParcel {
  parcel_id: number;
  no: number;
  order_ids: string[];
  recipient: string;
  phone: string;
  mobile: string;
  address: string;
}

export interface MergeReview {
  id: number;
  parcels: ReviewParcel[];
}

export interface MergeDecision {
  id: number;
  decision: "merged" | "kept_apart";
  parcel_id: number | null;
}

export interface InvoicePool {
  carrier: string;
  name: string;
  remaining: number;
  used: number;
  waiting: number;
  low: boolean;
  is_default: boolean;
}

export interface PoolReport {
  carrier: string;
  added: number;
  first: string;
  last: string;
  remaining: number;
}

export type CarrierFileFormat = "xlsx" | "csv";

export interface CarrierLayoutInfo {
  id: string;
  carrier: string | null;
  name: string;
  note: string;
  sheet: string;
  headers: string[];
  source: string;
}

export interface CarrierExportReport {
  export_id: number;
  carrier: string;
  carrier_name: string;
  layout: string;
  layout_note: string;
  format: CarrierFileFormat;
  path: string;
  rows: number;
  first_no: number;
  last_no: number;
}

export type ImportOutcome = "assign" | "unchanged" | "failed" | "assigned";

export interface CarrierImportRow {
  row: number;
  key: string;
  parcel_code: string | null;
  no: number | null;
  tracking_no: string;
  carrier: string | null;
  outcome: ImportOutcome;
  outcome_ko: string;
  code: string | null;
  reason_ko: string | null;
  reason_en: string | null;
}

export interface ImportReasonCount {
  code: string;
  rows: number;
}

export interface CarrierImportPreview {
  import_id: number;
  file_name: string;
  format: string;
  carrier: string | null;
  status: "preview" | "applied" | string;
  total: number;
  assign: number;
  unchanged: number;
  failed: number;
  reasons: ImportReasonCount[];
  /** The first rows in file order (up to 500); the rest through `importRows`. */
  rows: CarrierImportRow[];
}

export interface CarrierImportReport {
  import_id: number;
  assigned: number;
  unchanged: number;
  failed: number;
  failed_since_preview: number;
  reasons: ImportReasonCount[];
  failed_rows: CarrierImportRow[];
}

export const pipelineApi = {
  counts: () => call<PipelineCounts>("pipeline_counts"),
  mergeReviews: () => call<MergeReview[]>("merge_reviews"),
  decideMerge: (id: number, merge: boolean) => call<MergeDecision>("decide_merge", { id, merge }),
  /** Never merge this order; answers the parcel it is in now. */
  lockMerge: (orderId: string) => call<number>("lock_merge", { orderId }),
  layouts: () => call<CarrierLayoutInfo[]>("carrier_layouts"),
  /** Written into the Downloads folder as `<carrier>-YYYYMMDD-HHMM.<format>`. */
  exportCarrierFile: (carrier: string, format: CarrierFileFormat, range: string) =>
    call<CarrierExportReport>("export_carrier_file", { carrier, format, range, layout: null }),
  /** The file's bytes as base64 (a data: URL is fine); nothing is applied. */
  previewUpload: (fileName: string, dataBase64: string, carrier: string | null) =>
    call<CarrierImportPreview>("preview_carrier_upload", {
      upload: { file_name: fileName, data_base64: dataBase64, carrier },
    }),
  importRows: (importId: number, afterRow: number, limit: number, failedOnly: boolean) =>
    call<CarrierImportRow[]>("carrier_import_rows", { importId, afterRow, limit, failedOnly }),
  applyImport: (importId: number) => call<CarrierImportReport>("apply_carrier_import", { importId }),
  pools: () => call<InvoicePool[]>("invoice_pools"),
  addPool: (carrier: string, first: string, count: number) =>
    call<PoolReport>("add_invoice_pool", { carrier, first, count }),
};

/** A chosen file as a data: URL (base64); the desk strips the prefix. */
export function readFileAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}
