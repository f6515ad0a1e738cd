// Browser-only stand-in for the Tauri shell (`npm run dev` without a webview): same commands,
// same error codes, made-up demo data. The real app never loads this module.
import type { Backend } from "./api";
import type { ErrorPayload, ParcelRow, PrintFormat, Stage, WeightReading } from "./types";

const SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const GIVEN = ["민*", "서*", "지*", "하*", "도*", "수*", "예*", "시*"];
const ITEMS = [
  "오버핏 코튼 티셔츠 (색상=화이트, 사이즈=L)",
  "데일리 린넨 셔츠 (색상=베이지, 사이즈=M)",
  "와이드 데님 팬츠 (사이즈=28)",
  "캔버스 에코백 (색상=블랙)",
  "니트 가디건 (색상=그레이, 사이즈=FREE)",
];

function fail(code: string, message_ko: string, message_en: string): never {
  const e: ErrorPayload = { code, message_ko, message_en };
  throw e;
}

function parseRange(text: string, max: number): number[] {
  const out: number[] = [];
  if (!text.trim()) return Array.from({ length: max }, (_, i) => i + 1);
  for (const part of text.split(",")) {
    const m = part.trim().match(/^(\d+)(?:\s*-\s*(\d+))?$/);
    if (!m) fail("RANGE_SYNTAX", `범위 형식 오류: "${part.trim()}"`, `bad range "${part.trim()}"`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let n = a; n <= b; n++) {
      if (n < 1 || n > max) fail("RANGE_OUT_OF_BOUNDS", `${n}번은 목록에 없습니다`, `row ${n} is not in the list`);
      out.push(n);
    }
  }
  return out;
}

export function mockBackend(): Backend {
  let rows: ParcelRow[] = [];
  let nextTracking = 601234567890;
  let outbox: string[] = [];
  let labels = 0;
  let lastTracking: string | null = null;
  let pool = 5000;
  const listeners = new Map<string, ((p: unknown) => void)[]>();

  const stageKo: Record<Stage, string> = {
    unmatched: "매칭필요",
    backorder: "재고부족",
    ready: "송장대기",
    invoiced: "미출력",
    printed: "출력완료",
    shipped: "배송처리",
    claimed: "취소요청",
    outsourced: "파스토 출고요청",
  };
  const setStage = (r: ParcelRow, s: Stage) => {
    r.stage = s;
    r.stage_ko = stageKo[s];
  };

  const commands: Record<string, (args: Record<string, unknown>) => unknown> = {
    status: () => ({
      mode: "demo",
      shop: null,
      printer: "tcp://127.0.0.1:9100",
      scale_port: "/dev/pts/3",
      outbox_pending: outbox.length,
      pool_remaining: pool,
      last_collect_kst: rows.length ? "2025-01-15 10:30" : null,
      db_path: "(browser mock)",
    }),
    parcels: () => rows.map((r) => ({ ...r })),
    collect: () => {
      if (rows.length)
        return { new: 0, updated: 0, skipped: rows.length, claimed: 0, parcels_created: 0, api_calls: 3, throttled: 0, failed: 0, receivers_changed: 0, shops: [] };
      rows = Array.from({ length: 1200 }, (_, i): ParcelRow => {
        const no = i + 1;
        const stage: Stage = no === 7 ? "claimed" : no % 50 === 0 ? "unmatched" : "ready";
        const extra = no % 4 === 0 ? 1 : 0;
        return {
          no,
          parcel_id: 1000 + no,
          order_ids: [`20250115-${String(no).padStart(7, "0")}`],
          stage,
          stage_ko: stageKo[stage],
          recipient: SURNAMES[no % SURNAMES.length] + GIVEN[no % GIVEN.length],
          phone: "010-1234-****",
          items: ITEMS[no % ITEMS.length] + ` ×${1 + (no % 3)}` + (extra ? ` 외 ${extra}건` : ""),
          item_count: 1 + extra,
          tracking_no: null,
          carrier: "cj",
          carrier_name: "CJ대한통운",
          print_count: 0,
          blocked_reason: stage === "claimed" ? "고객 취소 요청" : stage === "unmatched" ? "SKU 없음" : null,
          pushed: false,
          shipped_at: null,
        };
      });
      return { new: rows.length, updated: 0, skipped: 0, claimed: 1, parcels_created: rows.length, api_calls: 13, throttled: 1, failed: 0, receivers_changed: 0, shops: [] };
    },
    shops: () => [],
    last_collections: () => [],
    schedule: () => [],
    set_schedule: () => {
      fail("DEMO", "브라우저 미리보기에서는 스케줄을 바꿀 수 없습니다", "the browser preview cannot change the schedule");
    },
    print: (a) => {
      if (!rows.length) fail("NOTHING_TO_PRINT", "출력할 주문이 없습니다. 먼저 주문을 수집하세요", "the list is empty: collect orders first");
      const nos = parseRange(String(a.range ?? ""), rows.length);
      let assigned = 0;
      let reprinted = 0;
      for (const no of nos) {
        const r = rows[no - 1];
        if (r.stage === "claimed" || r.stage === "unmatched") {
          fail("NOT_PRINTABLE", `${no}번은 출력할 수 없습니다: ${r.blocked_reason}`, `row ${no} cannot be printed`);
        }
      }
      for (const no of nos) {
        const r = rows[no - 1];
        if (!r.tracking_no) {
          r.tracking_no = String(nextTracking++);
          assigned++;
          pool--;
        }
        if (r.print_count > 0) reprinted++;
        r.print_count++;
        if (r.stage !== "shipped") setStage(r, "printed");
        labels++;
        lastTracking = r.tracking_no;
      }
      return { job_id: labels, printed: nos, reprinted, assigned, printer: "tcp://127.0.0.1:9100", format: (a.format as PrintFormat) ?? "zpl", pool_remaining: pool };
    },
    ship_scan: (a) => {
      const code = String(a.code ?? "").replace(/[^0-9]/g, "");
      if (!code) fail("SCAN_EMPTY", "스캔 값이 비어 있습니다", "the scan is empty");
      const r = rows.find((x) => x.tracking_no === code);
      if (!r) fail("SCAN_UNKNOWN", `스캔한 송장번호 ${code}에 해당하는 택배가 없습니다`, `no parcel has the scanned waybill number ${code}`);
      if (r.stage === "claimed") fail("SCAN_CLAIMED", `출고 중지! ${r.no}번 택배(${code})에 취소/반품 요청이 있습니다`, `STOP: parcel ${r.no} has a cancel request`);
      if (r.stage === "shipped") fail("SCAN_ALREADY_SHIPPED", `${r.no}번 택배(${code})는 이미 ${r.shipped_at}에 배송처리되었습니다`, `parcel ${r.no} (${code}) was already shipped at ${r.shipped_at}`);
      setStage(r, "shipped");
      r.shipped_at = new Date().toLocaleTimeString("ko-KR");
      outbox.push(...r.order_ids);
      return { no: r.no, parcel_id: r.parcel_id, tracking_no: code, order_ids: r.order_ids, recipient: r.recipient, queued: r.order_ids.length };
    },
    sync: () => {
      const sent = outbox.map((order_id) => {
        const r = rows.find((x) => x.order_ids.includes(order_id));
        if (r) r.pushed = true;
        return { order_id, tracking_no: r?.tracking_no ?? "" };
      });
      outbox = [];
      return { sent, waiting: 0, failed: [] };
    },
    connect_cafe24: (a) => {
      const req = a.req as { mall_id: string; api_base: string | null };
      (listeners.get("consent-url") ?? []).forEach((h) => h(`https://${req.mall_id}.example/oauth/authorize?mock`));
      fail("OAUTH_FAILED", "카페24 인증 실패: 브라우저 모의 환경", "OAuth: not available in the browser mock");
    },
    weight: () => null,
    virtual_printer: () => ({ uri: "tcp://127.0.0.1:9100", labels_received: labels, last_tracking_no: lastTracking }),
  };

  return {
    async invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
      const f = commands[cmd];
      if (!f) fail("INTERNAL", `알 수 없는 명령 ${cmd}`, `unknown command ${cmd}`);
      await new Promise((r) => setTimeout(r, 30));
      return f(args ?? {}) as T;
    },
    async listen<T>(event: string, handler: (payload: T) => void) {
      const list = listeners.get(event) ?? [];
      list.push(handler as (p: unknown) => void);
      listeners.set(event, list);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((h) => h !== handler));
    },
    async watchWeight(handler: (w: WeightReading | null) => void) {
      let g = 1234;
      setInterval(() => {
        g += Math.round((Math.random() - 0.5) * 4);
        handler({ grams: g, stable: true, state: "stable" });
      }, 500);
    },
  };
}
