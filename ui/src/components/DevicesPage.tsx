// 장치 Devices: the ports and USB devices the station sees, the scale (port, protocol, baud, link,
// live reading, frame counters) and the serial scanner, plus the scanner test panel. Everything is
// re-read on `devices-changed` (hot-plug), so an unplugged scale says so at once.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, EVENTS, toErrorPayload } from "../api";
import { countLabel, formatWeight, hex4 } from "../format";
import type { DeviceList, ErrorPayload, LinkState, WeightReading } from "../types";
import { ScannerTest } from "./ScannerTest";

interface Props {
  weight: WeightReading | null;
  onBack: () => void;
}

interface Notice {
  kind: "ok" | "error";
  code: string;
  ko: string;
  en: string;
}

const TYPED = "__typed";
const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

const LINK: Record<LinkState, { ko: string; en: string }> = {
  connected: { ko: "연결됨", en: "connected" },
  disconnected: { ko: "연결 끊김", en: "disconnected" },
  not_configured: { ko: "설정 안 됨", en: "not set up" },
};

const WEIGHT_STATE: Record<string, string> = {
  stable: "안정 stable",
  motion: "흔들림 in motion",
  overload: "과부하 over",
  under_zero: "영점 이하 under zero",
  disconnected: "연결 끊김 disconnected",
};

function LinkBadge({ id, link }: { id: string; link: LinkState }) {
  return (
    <span id={id} class={`link-badge link-${link}`} data-link={link}>
      {LINK[link].ko} <span class="link-en">{LINK[link].en}</span>
    </span>
  );
}

/** Port picker: the discovered ports (and USB scales) plus a typed path for anything else. */
function PortPicker(p: {
  id: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  const listed = p.options.some((o) => o.value === p.value);
  // A configured port that is unplugged right now stays selectable, marked as missing.
  const options = listed || p.value === "" ? p.options : [{ value: p.value, label: `${p.value} (연결 안 됨 not present)` }, ...p.options];
  const [typing, setTyping] = useState(false);
  return (
    <div class="port-picker">
      <select
        id={p.id}
        value={typing ? TYPED : p.value}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          setTyping(v === TYPED);
          p.onChange(v === TYPED ? "" : v);
        }}
      >
        <option value="">— 포트 선택 Choose a port —</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        <option value={TYPED}>직접 입력… Type a path…</option>
      </select>
      {typing && (
        <input
          id={`${p.id}-path`}
          class="path-input"
          value={p.value}
          placeholder="/dev/ttyUSB1 · COM3"
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => p.onChange((e.currentTarget as HTMLInputElement).value)}
        />
      )}
    </div>
  );
}

export function DevicesPage({ weight, onBack }: Props) {
  const [list, setList] = useState<DeviceList | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [scalePort, setScalePort] = useState("");
  const [scaleProtocol, setScaleProtocol] = useState("auto");
  const [scaleBaud, setScaleBaud] = useState("");
  const [scannerPort, setScannerPort] = useState("");
  const [scannerBaud, setScannerBaud] = useState("");
  const prev = useRef<DeviceList | null>(null);
  const formsFilled = useRef(false);
  const backRef = useRef<HTMLButtonElement>(null);

  const fail = (e: ErrorPayload) => setNotice({ kind: "error", code: e.code, ko: e.message_ko, en: e.message_en });

  const load = useCallback(async () => {
    try {
      const d = await api.devices();
      const before = prev.current;
      // Hot-plug: name what changed, loudly, rather than letting a field quietly go grey.
      if (before?.scale.link === "connected" && d.scale.link === "disconnected") {
        setNotice({
          kind: "error",
          code: "SCALE_UNPLUGGED",
          ko: "저울 연결 끊김 Scale unplugged",
          en: [d.scale.message_ko, d.scale.message_en].filter(Boolean).join(" · ") || `${d.scale.port ?? ""}`,
        });
      } else if (before?.scale.link === "disconnected" && d.scale.link === "connected") {
        setNotice({ kind: "ok", code: "SCALE_BACK", ko: "저울 다시 연결됨 Scale is back", en: "무게를 다시 읽습니다 · reading resumed" });
      } else if (before?.scanner.link === "connected" && d.scanner.link === "disconnected") {
        setNotice({
          kind: "error",
          code: "SCANNER_UNPLUGGED",
          ko: "스캐너 연결 끊김 Scanner unplugged",
          en: [d.scanner.message_ko, d.scanner.message_en].filter(Boolean).join(" · ") || `${d.scanner.port ?? ""}`,
        });
      }
      prev.current = d;
      setList(d);
      if (!formsFilled.current) {
        formsFilled.current = true;
        setScalePort(d.scale.port ?? "");
        setScaleProtocol(d.scale.protocol && !d.scale.detected ? d.scale.protocol : "auto");
        setScaleBaud(d.scale.baud ? String(d.scale.baud) : "");
        setScannerPort(d.scanner.port ?? "");
        setScannerBaud(d.scanner.baud ? String(d.scanner.baud) : "");
      }
    } catch (e) {
      fail(toErrorPayload(e));
    }
  }, []);

  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    void load();
    void api.listen<null>(EVENTS.devicesChanged, () => void load()).then((u) => (gone ? u() : (unlisten = u)));
    // The frame counters move with every reading; a slow poll keeps them honest between events.
    const poll = setInterval(() => void load(), 3000);
    backRef.current?.focus();
    return () => {
      gone = true;
      unlisten?.();
      clearInterval(poll);
    };
  }, [load]);

  const act = async (name: string, f: () => Promise<Notice>) => {
    if (busy) return;
    setBusy(name);
    try {
      setNotice(await f());
    } catch (e) {
      fail(toErrorPayload(e));
    } finally {
      setBusy(null);
      await load();
    }
  };

  const baudOf = (s: string) => (s ? Number(s) : null);
  const scale = list?.scale;
  const scanner = list?.scanner;
  const serialOptions = (list?.serial ?? []).map((p) => ({
    value: p.path,
    label: `${p.path}${p.product ? ` — ${p.product}` : ""}${p.in_use ? ` (${p.in_use === "scale" ? "저울" : "스캐너"})` : ""}`,
  }));
  const scaleOptions = [
    ...serialOptions,
    ...(list?.usb ?? [])
      .filter((u) => u.class === "hid_scale")
      .map((u) => ({ value: u.id, label: `USB ${u.manufacturer ?? ""} ${u.product ?? u.id}`.replace(/\s+/g, " ") })),
  ];

  return (
    <main id="devices-page" class="devices-page">
      <div class="devices-head">
        <h1>
          장치 <span class="muted">Devices</span>
        </h1>
        <button id="devices-back" ref={backRef} class="btn" onClick={onBack}>
          ← 스테이션으로 Back to station <kbd class="key">Esc</kbd>
        </button>
        <button id="devices-refresh" class="btn btn-quiet" onClick={() => void load()}>
          새로고침 Refresh
        </button>
      </div>
      {notice && (
        <div id="devices-notice" class={`devices-notice notice-${notice.kind}`} data-kind={notice.kind} data-code={notice.code} role={notice.kind === "error" ? "alert" : "status"}>
          <strong>{notice.ko}</strong>
          <span>{notice.en}</span>
          <span class="banner-code">{notice.code}</span>
        </div>
      )}

      <div class="devices-grid">
        <section class="dev-card" id="scale-section">
          <h2>
            저울 <span class="muted">Scale</span> {scale && <LinkBadge id="scale-link" link={scale.link} />}
          </h2>
          {scale?.message_ko && (
            <p id="scale-message" class={`dev-message${scale.link === "disconnected" ? " dev-message-err" : ""}`}>
              <strong>{scale.message_ko}</strong>
              <span>{scale.message_en}</span>
            </p>
          )}
          <div class="reading-row">
            <span
              id="scale-reading"
              class={`reading reading-${weight?.state ?? "none"}`}
              data-grams={weight?.grams ?? ""}
              data-state={weight?.state ?? "none"}
            >
              {weight && weight.state !== "disconnected" ? `${(weight.grams / 1000).toFixed(3)} kg` : formatWeight(weight)}
            </span>
            <span class="reading-state">{weight ? WEIGHT_STATE[weight.state] ?? weight.state : "저울 없음 No scale"}</span>
          </div>
          <dl class="dev-facts">
            <dt>프로토콜 Protocol</dt>
            <dd id="scale-detected" data-protocol={scale?.protocol ?? ""} data-detected={scale?.detected ? "1" : "0"}>
              {scale?.protocol ? (list?.protocols.find((p) => p.id === scale.protocol)?.name ?? scale.protocol) : "–"}
              {scale?.detected && <span class="chip chip-detected">자동 감지됨 auto-detected</span>}
            </dd>
            <dt>포트 Port</dt>
            <dd class="mono">
              {scale?.port ?? "–"}
              {scale?.baud ? ` · ${scale.baud} bps` : ""}
            </dd>
            <dt>프레임 Frames</dt>
            <dd>
              <span id="scale-frames" data-count={scale?.frames ?? 0}>
                {countLabel(scale?.frames ?? 0)}
              </span>
              {" · "}깨진 프레임 garbled{" "}
              <span id="scale-garbled" class={scale?.garbled ? "warn" : undefined} data-count={scale?.garbled ?? 0}>
                {countLabel(scale?.garbled ?? 0)}
              </span>
            </dd>
            <dt>마지막 프레임 Last frame</dt>
            <dd>
              <code id="scale-last-frame">{scale?.last_frame ?? "–"}</code>
            </dd>
          </dl>
          <div class="dev-form">
            <label>
              <span>
                포트 <span class="muted">Port</span>
              </span>
              <PortPicker id="scale-port" value={scalePort} options={scaleOptions} onChange={setScalePort} />
            </label>
            <label>
              <span>
                프로토콜 <span class="muted">Protocol</span>
              </span>
              <select id="scale-protocol" value={scaleProtocol} onChange={(e) => setScaleProtocol((e.currentTarget as HTMLSelectElement).value)}>
                <option value="auto">자동 감지 Auto</option>
                {(list?.protocols ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>
                속도 <span class="muted">Baud</span>
              </span>
              <select id="scale-baud" value={scaleBaud} onChange={(e) => setScaleBaud((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">기본값 Protocol default</option>
                {BAUDS.map((b) => (
                  <option key={b} value={String(b)}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
            <div class="dev-actions">
              <button
                id="scale-connect"
                class="btn btn-primary"
                disabled={busy !== null}
                onClick={() =>
                  void act("scale", async () => {
                    const s = await api.setScale(scalePort.trim(), scaleProtocol, baudOf(scaleBaud));
                    const proto = list?.protocols.find((p) => p.id === s.protocol)?.name ?? s.protocol ?? "";
                    return {
                      kind: "ok",
                      code: "SCALE_SET",
                      ko: `저울 연결 ${s.port} · ${proto}${s.detected ? " (자동 감지)" : ""}`,
                      en: `scale on ${s.port}, ${proto}${s.detected ? " (auto-detected)" : ""}`,
                    };
                  })
                }
              >
                {busy === "scale" ? (scaleProtocol === "auto" ? "감지 중… Detecting…" : "연결 중… Connecting…") : "연결 Connect"}
              </button>
              <button
                id="scale-disconnect"
                class="btn"
                disabled={busy !== null || scale?.link === "not_configured"}
                onClick={() =>
                  void act("scale-clear", async () => {
                    await api.clearScale();
                    return { kind: "ok", code: "SCALE_CLEARED", ko: "저울 연결 해제", en: "scale disconnected" };
                  })
                }
              >
                해제 Disconnect
              </button>
            </div>
          </div>
        </section>

        <section class="dev-card" id="scanner-section">
          <h2>
            스캐너 <span class="muted">Serial scanner</span> {scanner && <LinkBadge id="scanner-link" link={scanner.link} />}
          </h2>
          {scanner?.message_ko && (
            <p id="scanner-message" class={`dev-message${scanner.link === "disconnected" ? " dev-message-err" : ""}`}>
              <strong>{scanner.message_ko}</strong>
              <span>{scanner.message_en}</span>
            </p>
          )}
          <dl class="dev-facts">
            <dt>포트 Port</dt>
            <dd class="mono">
              {scanner?.port ?? "–"}
              {scanner?.baud ? ` · ${scanner.baud} bps` : ""}
            </dd>
            <dt>스캔 수 Scans</dt>
            <dd id="scanner-scans" data-count={scanner?.scans ?? 0}>
              {countLabel(scanner?.scans ?? 0)}
            </dd>
          </dl>
          <p class="dev-note">
            키보드 방식(wedge) 스캐너는 설정이 필요 없습니다 · Keyboard-wedge scanners need no setup.
          </p>
          <div class="dev-form">
            <label>
              <span>
                포트 <span class="muted">Port</span>
              </span>
              <PortPicker id="scanner-port" value={scannerPort} options={serialOptions} onChange={setScannerPort} />
            </label>
            <label>
              <span>
                속도 <span class="muted">Baud</span>
              </span>
              <select id="scanner-baud" value={scannerBaud} onChange={(e) => setScannerBaud((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">기본값 Default (9600)</option>
                {BAUDS.map((b) => (
                  <option key={b} value={String(b)}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
            <div class="dev-actions">
              <button
                id="scanner-connect"
                class="btn btn-primary"
                disabled={busy !== null}
                onClick={() =>
                  void act("scanner", async () => {
                    const s = await api.setScanner(scannerPort.trim(), baudOf(scannerBaud));
                    return { kind: "ok", code: "SCANNER_SET", ko: `스캐너 연결 ${s.port}`, en: `scanner on ${s.port}` };
                  })
                }
              >
                {busy === "scanner" ? "연결 중… Connecting…" : "연결 Connect"}
              </button>
              <button
                id="scanner-disconnect"
                class="btn"
                disabled={busy !== null || scanner?.link === "not_configured"}
                onClick={() =>
                  void act("scanner-clear", async () => {
                    await api.clearScanner();
                    return { kind: "ok", code: "SCANNER_CLEARED", ko: "스캐너 연결 해제", en: "scanner disconnected" };
                  })
                }
              >
                해제 Disconnect
              </button>
            </div>
          </div>
        </section>

        <section class="dev-card dev-ports">
          <h2>
            발견된 장치 <span class="muted">Discovered ports and USB devices</span>
          </h2>
          <table id="serial-ports" class="dev-table">
            <thead>
              <tr>
                <th>시리얼 포트 Serial port</th>
                <th>종류 Kind</th>
                <th>VID:PID</th>
                <th>제조사 · 제품 Maker · product</th>
                <th>사용 In use</th>
              </tr>
            </thead>
            <tbody>
              {(list?.serial ?? []).map((p) => (
                <tr key={p.path} data-path={p.path} data-in-use={p.in_use ?? ""}>
                  <td class="mono">{p.path}</td>
                  <td>{p.kind}</td>
                  <td class="mono">{p.vid !== null ? `${hex4(p.vid)}:${hex4(p.pid)}` : "–"}</td>
                  <td>{[p.manufacturer, p.product].filter(Boolean).join(" · ") || "–"}</td>
                  <td>{p.in_use && <span class={`chip chip-use-${p.in_use}`}>{p.in_use === "scale" ? "저울 scale" : "스캐너 scanner"}</span>}</td>
                </tr>
              ))}
              {list && list.serial.length === 0 && (
                <tr>
                  <td colSpan={5} class="muted">
                    시리얼 포트 없음 · No serial ports
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <table id="usb-devices" class="dev-table">
            <thead>
              <tr>
                <th>USB 장치 USB device</th>
                <th>종류 Class</th>
                <th>VID:PID</th>
                <th>제조사 · 제품 Maker · product</th>
                <th>사용 In use</th>
              </tr>
            </thead>
            <tbody>
              {(list?.usb ?? []).map((u) => (
                <tr key={u.id} data-id={u.id} data-class={u.class}>
                  <td class="mono">{u.id}</td>
                  <td>{u.class === "hid_scale" ? "HID 저울 scale" : u.class === "printer" ? "프린터 printer" : "기타 other"}</td>
                  <td class="mono">
                    {hex4(u.vid)}:{hex4(u.pid)}
                  </td>
                  <td>{[u.manufacturer, u.product].filter(Boolean).join(" · ") || "–"}</td>
                  <td>{scale?.port === u.id && <span class="chip chip-use-scale">저울 scale</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <ScannerTest />
      </div>
    </main>
  );
}
