// Pure logic of the 주문처리 page (no DOM, tested in tests/pipeline.test.ts): the stage tabs and
// their badges, what differs between the two sides of a 확인필요 pair, and how a carrier file's
// preview is summarised and cut down for the screen.
import type { CarrierImportPreview, CarrierImportRow, InvoicePool, PipelineCounts, ReviewParcel } from "./pipelineApi";

export type StageTab = "match" | "merge" | "allocate" | "invoice" | "ship" | "claims" | "register" | "returns";

export interface StageTabInfo {
  id: StageTab;
  ko: string;
  en: string;
  /** red: a person must decide before anything moves; orange: work waiting in a queue. */
  tone: "red" | "orange";
}

export const STAGE_TABS: StageTabInfo[] = [
  { id: "match", ko: "매칭", en: "Match", tone: "red" },
  { id: "merge", ko: "합포", en: "Merge", tone: "red" },
  { id: "allocate", ko: "할당", en: "Allocate", tone: "orange" },
  { id: "invoice", ko: "송장", en: "Invoice", tone: "orange" },
  { id: "ship", ko: "배송", en: "Ship", tone: "orange" },
  { id: "claims", ko: "클레임", en: "Claims", tone: "red" },
  { id: "register", ko: "주문등록", en: "Register", tone: "orange" },
  { id: "returns", ko: "반품", en: "Returns", tone: "orange" },
];

/** The 처리필요 count on a tab; 배송 includes the 불일치 the ship tab shows. */
export function tabCount(tab: StageTab, c: PipelineCounts | null): number {
  if (!c) return 0;
  switch (tab) {
    case "match":
      return c.matching;
    case "merge":
      return c.merge;
    case "allocate":
      return c.allocate;
    case "invoice":
      return c.invoice;
    case "ship":
      return c.ship + c.mismatch;
    case "claims":
      return c.claims;
    case "register":
      return 0; // registering orders is started by a person, nothing waits for one
    case "returns":
      return c.returns;
  }
}

/** The badge's class: none at 0, else the tab's tone. */
export function badgeClass(tab: StageTabInfo, count: number): string {
  return count > 0 ? `stage-badge stage-badge-${tab.tone}` : "stage-badge stage-badge-zero";
}

/** The tab the page opens on: the first that needs a person, by the tabs' order, else 매칭. */
export function firstNeedingWork(c: PipelineCounts | null): StageTab {
  return STAGE_TABS.find((t) => tabCount(t.id, c) > 0)?.id ?? "match";
}

/** Left/Right on the tab bar: the neighbour, wrapping around. */
export function neighbourTab(current: StageTab, step: 1 | -1): StageTab {
  const i = STAGE_TABS.findIndex((t) => t.id === current);
  const n = STAGE_TABS.length;
  return STAGE_TABS[(((i + step) % n) + n) % n].id;
}

export type ReviewField = "recipient" | "phone" | "mobile" | "address";

export const REVIEW_FIELDS: { field: ReviewField; ko: string; en: string }[] = [
  { field: "recipient", ko: "수령인", en: "Name" },
  { field: "phone", ko: "전화", en: "Phone" },
  { field: "mobile", ko: "휴대폰", en: "Mobile" },
  { field: "address", ko: "주소", en: "Address" },
];

/** The fields whose shown values differ between the sides (what the person must look at). */
export function differingFields(parcels: ReviewParcel[]): Set<ReviewField> {
  const out = new Set<ReviewField>();
  const norm = (s: string) => s.replace(/[\s-]/g, "");
  for (const { field } of REVIEW_FIELDS) {
    const values = new Set(parcels.map((p) => norm(p[field])));
    if (values.size > 1) out.add(field);
  }
  return out;
}

/** 실패사유 codes of the carrier-file import, in Korean and English. */
export const REASONS: Record<string, { ko: string; en: string }> = {
  UNKNOWN_ORDER: { ko: "없는 주문", en: "unknown order" },
  BAD_NUMBER: { ko: "송장번호 오류", en: "bad number" },
  DUPLICATE_IN_FILE: { ko: "파일 안 중복", en: "duplicate in file" },
  NUMBER_IN_USE: { ko: "이미 쓰인 번호", en: "number in use" },
  ALREADY_SHIPPED: { ko: "이미 배송됨", en: "already shipped" },
  CLAIMED: { ko: "클레임(취소/반품)", en: "claimed" },
  ALREADY_HAS_NUMBER: { ko: "송장 있음", en: "already has a number" },
  NOT_READY: { ko: "송장대기 아님", en: "not ready" },
  CARRIER_MISMATCH: { ko: "택배사 다름", en: "carrier mismatch" },
};

export function reasonLabel(code: string): { ko: string; en: string } {
  return REASONS[code] ?? { ko: code, en: code };
}

/** Rows rendered at most: a 100,000-row file is summarised, not drawn. */
export const ROWS_SHOWN = 200;

export type RowFilter = "all" | "failed";

/** What the preview table draws and the note under it when the file has more. */
export function shownRows(
  rows: CarrierImportRow[],
  total: number,
  filter: RowFilter,
  limit = ROWS_SHOWN,
): { rows: CarrierImportRow[]; note: { ko: string; en: string } | null } {
  const picked = filter === "failed" ? rows.filter((r) => r.outcome === "failed") : rows;
  const shown = picked.slice(0, limit);
  if (total <= shown.length) return { rows: shown, note: null };
  const what = filter === "failed" ? "실패 " : "";
  return {
    rows: shown,
    note: {
      ko: `${what}${total.toLocaleString("ko-KR")}행 중 처음 ${shown.length.toLocaleString("ko-KR")}행만 표시합니다`,
      en: `first ${shown.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}${filter === "failed" ? " failed" : ""} rows shown`,
    },
  };
}

/** 적용 is offered only for a preview that would assign something. */
export function canApply(p: CarrierImportPreview | null): boolean {
  return !!p && p.status === "preview" && p.assign > 0;
}

/** The outcome chip's class. */
export function outcomeClass(r: CarrierImportRow): string {
  return `chip outcome-${r.outcome}`;
}

/** A block to add: first number and count, checked before the desk sees them. */
export function poolBlockProblem(first: string, count: string): { ko: string; en: string } | null {
  if (!first.trim()) return { ko: "첫 송장번호를 입력하세요", en: "enter the first number" };
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || n > 100000) {
    return { ko: "수량은 1~100,000 사이의 정수입니다", en: "count is a whole number from 1 to 100,000" };
  }
  return null;
}

/** The pools worth showing first: the default carrier, then any with numbers or waiting parcels. */
export function sortPools(pools: InvoicePool[]): InvoicePool[] {
  const weight = (p: InvoicePool) => (p.is_default ? 0 : p.remaining + p.used + p.waiting > 0 ? 1 : 2);
  return [...pools].sort((a, b) => weight(a) - weight(b));
}
