// 스캐너 테스트: scan anything and see what arrived (raw bytes, in hex and as text with control
// characters made visible), which symbology the AIM identifier names, the GS1 elements, whether
// the 한글 IME guard had to convert it, and what Packdesk understood. Keyboard-wedge scans go
// through the same wedge logic as the station's scan field, then `decode_scan`; serial scans come
// from the `watch_scanner` stream. Test scans never ship anything: while the serial test is on
// (the default while this panel is shown; a toggle turns it off) the serial scanner is in the
// shell's test mode, and leaving the page ends it.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, toErrorPayload } from "../api";
import { clockTime, controlSegments, hexPairs } from "../format";
import { subscribeScannerTest } from "../scan/scannerFeed";
import { useWedgeInput } from "../scan/useWedgeInput";
import type { Classified } from "../scan/wedge";
import type { ErrorPayload, ScanTestEvent } from "../types";

export const SCAN_LOG_SIZE = 20;

interface Entry {
  seq: number;
  at: string;
  ev: ScanTestEvent;
  /** Keyboard scans only: how the wedge logic classified the keys. */
  how: Classified | null;
}

const KIND: Record<ScanTestEvent["understood"]["kind"], string> = {
  tracking: "송장 tracking",
  parcel: "택배 parcel",
  gtin: "상품 GTIN",
  sku: "SKU",
  unknown: "모름 unknown",
};

/** Text with its control characters as small named boxes (GS, CR, LF). */
function Visible({ text }: { text: string }) {
  return (
    <>
      {controlSegments(text).map((s, i) =>
        s.control ? (
          <span key={i} class="ctl">
            {s.text}
          </span>
        ) : (
          s.text
        ),
      )}
    </>
  );
}

export function ScannerTest() {
  const [log, setLog] = useState<Entry[]>([]);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [serialTest, setSerialTest] = useState(true);
  const seq = useRef(0);

  const add = (ev: ScanTestEvent, how: Classified | null) =>
    setLog((l) => [{ seq: ++seq.current, at: clockTime(new Date()), ev, how }, ...l].slice(0, SCAN_LOG_SIZE));

  useEffect(
    () => (serialTest ? subscribeScannerTest((ev) => add(ev, null), (e) => setError(toErrorPayload(e))) : undefined),
    [serialTest],
  );

  const wedge = useWedgeInput((how, raw) => {
    if (!raw) return;
    void api
      .decodeScan(how.code)
      .then((ev) => {
        setError(null);
        add(ev, how);
      })
      .catch((e) => setError(toErrorPayload(e)));
  });

  return (
    <section class="dev-card scan-test" id="scan-test">
      <h2>
        스캐너 테스트 <span class="muted">Scanner test — 출고되지 않습니다 · nothing ships</span>
      </h2>
      <div class="scan-test-bar">
        <label for="scan-test-input" class="scan-test-label">
          키보드 스캐너 <span class="muted">Keyboard-wedge test scan</span>
        </label>
        <input
          id="scan-test-input"
          class="scan-test-input"
          type="text"
          autocomplete="off"
          spellcheck={false}
          placeholder="여기에 스캔 · scan here (serial scans appear by themselves)"
          onKeyDown={wedge.onKeyDown}
          onCompositionEnd={wedge.onCompositionEnd}
        />
        <button id="scan-test-clear" class="btn btn-quiet" onClick={() => setLog([])}>
          지우기 Clear
        </button>
      </div>
      <div class={`serial-test${serialTest ? " serial-test-on" : ""}`}>
        <button
          id="scan-test-serial"
          class="btn btn-small"
          data-on={serialTest ? "1" : "0"}
          aria-pressed={serialTest}
          onClick={() => setSerialTest((v) => !v)}
        >
          {serialTest ? "시리얼 테스트 끄기 Stop serial test" : "시리얼 테스트 켜기 Start serial test"}
        </button>
        <span>
          {serialTest
            ? "시리얼 스캐너 테스트 중: 스캔해도 출고되지 않습니다 · Serial scanner in test mode: its scans ship nothing"
            : "시리얼 스캐너는 평소대로 출고합니다 · The serial scanner ships parcels as usual"}
        </span>
      </div>
      {error && (
        <div class="dialog-error" data-code={error.code} role="alert">
          <strong>{error.message_ko}</strong>
          <div>{error.message_en}</div>
        </div>
      )}
      <div class="scan-test-scroll">
        <table id="scan-test-table" class="dev-table scan-test-table">
          <thead>
            <tr>
              <th class="st-time">시각 · 경로 Source</th>
              <th>원본 Raw (hex / text)</th>
              <th>심볼 Symbology</th>
              <th>코드 Code</th>
              <th>GS1</th>
              <th>Packdesk 해석 Understood</th>
            </tr>
          </thead>
          <tbody>
            {log.map(({ seq: n, at, ev, how }) => (
              <tr key={n} data-source={ev.source} data-kind={ev.understood.kind} data-aim={ev.aim ?? ""} data-ime={ev.ime_converted ? "1" : "0"}>
                <td class="st-time">
                  <div class="mono">{at}</div>
                  <span class={`chip chip-src-${ev.source}`}>{ev.source === "serial" ? "시리얼 serial" : "키보드 keyboard"}</span>
                  {how && (
                    <div class="muted small" title="median gap between keys">
                      {how.scanned ? "스캔 scanned" : "타이핑 typed"} · {Number.isFinite(how.medianGapMs) ? `${Math.round(how.medianGapMs)} ms` : "–"}
                    </div>
                  )}
                </td>
                <td class="st-raw">
                  <code class="hex">{hexPairs(ev.raw_hex)}</code>
                  <code class="raw-text">
                    <Visible text={ev.raw_text} />
                  </code>
                </td>
                <td>
                  {ev.aim ? (
                    <>
                      <code class="aim">{ev.aim}</code> {ev.symbology_ko}
                      {ev.symbology_en && ev.symbology_en !== ev.symbology_ko && <div class="muted small">{ev.symbology_en}</div>}
                    </>
                  ) : (
                    <span class="muted">AIM 없음 none</span>
                  )}
                </td>
                <td class="st-code">
                  <code>
                    <Visible text={ev.code} />
                  </code>
                  {ev.ime_converted && (
                    <div class="ime-mark" title="the keyboard was in 한글 mode; the jamo were mapped back to Latin">
                      한/영 변환됨 IME converted
                    </div>
                  )}
                </td>
                <td>
                  {ev.gs1?.length ? (
                    <ul class="gs1">
                      {ev.gs1.map((g, i) => (
                        <li key={i}>
                          <code>({g.ai})</code> <span class="muted">{g.title}</span> <b>{g.value}</b>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span class="muted">–</span>
                  )}
                </td>
                <td class={`st-understood understood-${ev.understood.kind}`}>
                  <span class="chip chip-kind">{KIND[ev.understood.kind]}</span>
                  <div>{ev.understood.text_ko}</div>
                  <div class="muted small">{ev.understood.text_en}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.length === 0 && (
          <div class="empty small-empty">
            스캔하면 여기에 최근 {SCAN_LOG_SIZE}건이 나옵니다 · The last {SCAN_LOG_SIZE} test scans appear here
          </div>
        )}
      </div>
    </section>
  );
}
