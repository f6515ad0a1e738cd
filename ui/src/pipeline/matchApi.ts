// 매칭's door to the desk: types of src-tauri/src/match_commands.rs (core `matching`) and one
// wrapper per command, over `call`.
import { call } from "../api";

/** Lines waiting for a SKU with one product name + option (core `UnmatchedGroup`). */
export interface UnmatchedGroup {
  key: string;
  product_name: string;
  option_text: string;
  lines: number;
  orders: number;
  quantity: number;
  first_item_id: number;
  channels: string[];
  /** Cafe24 option type E (상품 연동형): nothing links its options automatically. */
  linked_option: boolean;
  flag_ko: string | null;
  flag_en: string | null;
}

/** Which waiting line(s) a match is for (core `MatchTarget`). */
export type MatchTarget =
  | { kind: "item"; item_id: number }
  | { kind: "group"; product_name: string; option_text: string };

export interface MatchResult {
  product_name: string;
  option_text: string;
  sku: string;
  matched_lines: number;
  parcels: number;
  ready: number;
  mapping_id: number | null;
}

export interface SkuHit {
  variant_id: number;
  sku: string;
  barcode: string | null;
  variant_code: string | null;
  product_name: string;
  option_text: string;
  on_hand: number;
  /** On hand − allocated; for a bundle, whole sets its components make. */
  available: number;
  bundle: boolean;
  linked_option: boolean;
}

export interface SkuMapping {
  id: number;
  product_name: string;
  option_text: string;
  variant_id: number;
  sku: string;
  sku_product_name: string;
  sku_option_text: string;
  source: "hand" | "excel";
  created_at: string;
  updated_at: string;
}

export interface BundleComponentInput {
  sku: string;
  count: number;
}

export interface BundleComponent {
  variant_id: number;
  sku: string;
  product_name: string;
  option_text: string;
  count: number;
  available: number;
}

export interface BundleInfo {
  variant_id: number;
  sku: string;
  product_name: string;
  option_text: string;
  components: BundleComponent[];
}

export type MappingRowOutcome =
  | "OK"
  | "UNKNOWN_SKU"
  | "EMPTY_SKU"
  | "EMPTY_NAME"
  | "DUPLICATE_IN_FILE"
  | "CONFLICT";

export interface MappingImportRow {
  row_no: number;
  product_name: string;
  option_text: string;
  sku: string;
  outcome: MappingRowOutcome;
  detail_ko: string | null;
  detail_en: string | null;
}

export interface MappingImport {
  applied: boolean;
  rows: MappingImportRow[];
  ok: number;
  failed: number;
  written: number;
  matched_lines: number;
}

export const matchApi = {
  unmatched: () => call<UnmatchedGroup[]>("unmatched_groups"),
  search: (query: string, limit = 30) => call<SkuHit[]>("search_skus", { query, limit }),
  matchLine: (target: MatchTarget, sku: string, remember: boolean) =>
    call<MatchResult>("match_line", { target, sku, remember }),
  mappings: () => call<SkuMapping[]>("sku_mappings"),
  deleteMapping: (id: number) => call<null>("delete_mapping", { id }),
  editMapping: (id: number, sku: string) => call<SkuMapping>("edit_mapping", { id, sku }),
  bundles: () => call<BundleInfo[]>("bundles"),
  setBundle: (sku: string, components: BundleComponentInput[]) =>
    call<BundleInfo>("set_bundle", { sku, components }),
  deleteBundle: (sku: string) => call<null>("delete_bundle", { sku }),
  importUpload: (fileName: string, dataBase64: string, apply: boolean) =>
    call<MappingImport>("import_mapping_upload", { fileName, dataBase64, apply }),
};

/** A chosen file as a `data:…;base64,` URL (the desk accepts the prefix). */
export function fileAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}
