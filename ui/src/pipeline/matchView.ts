// 매칭 tab logic without the DOM: what a group, a row outcome and a match result say, and the
// bundle editor's component lines. Kept pure so node tests can hold it to its word.
import type {
  BundleComponentInput,
  MappingImport,
  MappingImportRow,
  MappingRowOutcome,
  MatchResult,
  MatchTarget,
  UnmatchedGroup,
} from "./matchApi";

/** Korean and English for each 예상처리결과 / 실패사유 of a mapping-file row. */
export const OUTCOME_LABELS: Record<MappingRowOutcome, { ko: string; en: string }> = {
  OK: { ko: "정상", en: "OK" },
  UNKNOWN_SKU: { ko: "없는 SKU", en: "Unknown SKU" },
  EMPTY_SKU: { ko: "SKU 없음", en: "SKU empty" },
  EMPTY_NAME: { ko: "상품명 없음", en: "Name empty" },
  DUPLICATE_IN_FILE: { ko: "파일 안 중복", en: "Duplicate in file" },
  CONFLICT: { ko: "기존 매칭과 다름", en: "Conflicts with a mapping" },
};

/**
 * What a match is for: every waiting line of the group's name+option. 기억 (remember) decides only
 * whether the next lines match by themselves, not how many of the waiting ones are matched now.
 */
export function targetOf(group: UnmatchedGroup): MatchTarget {
  return { kind: "group", product_name: group.product_name, option_text: group.option_text };
}

/** "2줄 · 주문 2건 · 수량 3" / "2 lines · 2 orders · qty 3". */
export function groupCounts(g: UnmatchedGroup): { ko: string; en: string } {
  return {
    ko: `${g.lines}줄 · 주문 ${g.orders}건 · 수량 ${g.quantity}`,
    en: `${g.lines} line${g.lines === 1 ? "" : "s"} · ${g.orders} order${g.orders === 1 ? "" : "s"} · qty ${g.quantity}`,
  };
}

/** The banner after a match. */
export function matchedMessage(r: MatchResult): { ko: string; en: string } {
  const what = r.option_text ? `${r.product_name} (${r.option_text})` : r.product_name;
  return {
    ko: `매칭 완료 — ${what} → ${r.sku}: ${r.matched_lines}줄, 출고가능 ${r.ready}/${r.parcels}${r.mapping_id !== null ? " · 다음부터 자동 매칭" : ""}`,
    en: `Matched ${r.matched_lines} line(s) to ${r.sku}; ${r.ready} of ${r.parcels} parcel(s) ready${r.mapping_id !== null ? "; remembered for next time" : ""}`,
  };
}

/** Rows to show: all, or only those that will not be applied. */
export function shownImportRows(imp: MappingImport, failedOnly: boolean): MappingImportRow[] {
  return failedOnly ? imp.rows.filter((r) => r.outcome !== "OK") : imp.rows;
}

/** The summary line of a preview or an applied file. */
export function importSummary(imp: MappingImport): { ko: string; en: string } {
  if (imp.applied) {
    return {
      ko: `적용 완료: ${imp.written}건 저장, 실패 ${imp.failed}건, 대기 주문 ${imp.matched_lines}줄 매칭`,
      en: `Applied: ${imp.written} mapping(s) written, ${imp.failed} failed, ${imp.matched_lines} waiting line(s) matched`,
    };
  }
  return {
    ko: `미리보기: 정상 ${imp.ok}건, 실패 ${imp.failed}건 — 적용을 누르기 전에는 아무것도 저장되지 않습니다`,
    en: `Preview: ${imp.ok} ok, ${imp.failed} failed — nothing is written until you apply`,
  };
}

/**
 * The bundle editor's components, one per line: `SKU:2`, `SKU x2`, `SKU*2`, `SKU 2` or just `SKU`
 * (one). A SKU named twice counts twice. Lines that cannot be read are reported by number.
 */
export function parseComponents(text: string): { components: BundleComponentInput[]; bad: number[] } {
  const components: BundleComponentInput[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    // An "x" needs a space before it, so a SKU like BOX2 is one SKU, not BO × 2.
    const m =
      /^(\S+?)\s*[:*×]\s*(\d+)$/.exec(line) ?? /^(\S+)\s+[x×]?\s*(\d+)$/i.exec(line) ?? /^(\S+)$/.exec(line);
    if (!m) {
      bad.push(i + 1);
      return;
    }
    const sku = m[1];
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (!Number.isInteger(count) || count < 1) {
      bad.push(i + 1);
      return;
    }
    const same = components.find((c) => c.sku === sku);
    if (same) same.count += count;
    else components.push({ sku, count });
  });
  return { components, bad };
}

/** The editor's text for an existing bundle (so it can be edited and saved again). */
export function componentsText(components: { sku: string; count: number }[]): string {
  return components.map((c) => `${c.sku}:${c.count}`).join("\n");
}
