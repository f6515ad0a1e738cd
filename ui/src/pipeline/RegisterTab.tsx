// 주문등록 Register: orders that do not come from Cafe24 (스마트스토어, 쿠팡, 전화주문 …).
// Left: a hand-entry form with its lines (the desk checks everything and lists every problem).
// Right: the Excel route — download the template (written to Downloads, its path shown), choose a
// file → every row checked with its reasons → 등록 Apply (all or nothing: one bad row registers
// nothing) — and the uploaded batches, each deletable as a whole while none of it was printed.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { toErrorPayload } from "../api";
import type { ErrorPayload } from "../types";
import {
  readAsDataUrl,
  registerApi,
  type OrderBatchInfo,
  type OrderFilePreview,
  type RegisteredOrder,
} from "./registerApi";
import {
  CHANNEL_SUGGESTIONS,
  draftHints,
  emptyDraft,
  emptyLine,
  entryOf,
  issueCounts,
  issueText,
  shownFileRows,
  type EntryDraft,
  type LineDraft,
} from "./registerView";
import type { TabProps } from "./tab";
import { useTabActions } from "./useTabActions";

type Field = Exclude<keyof EntryDraft, "lines">;

export function RegisterTab({ active, onChanged, onError, onDone }: TabProps) {
  const [channels, setChannels] = useState<string[]>([]);
  const [draft, setDraft] = useState<EntryDraft>(emptyDraft());
  const [tried, setTried] = useState(false);
  const [refused, setRefused] = useState<ErrorPayload | null>(null);
  const [registered, setRegistered] = useState<RegisteredOrder | null>(null);
  const [templatePath, setTemplatePath] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileChannel, setFileChannel] = useState("");
  const [upload, setUpload] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<OrderFilePreview | null>(null);
  const [badOnly, setBadOnly] = useState(false);
  const [batches, setBatches] = useState<OrderBatchInfo[] | null>(null);

  const load = useCallback(async () => {
    try {
      const [c, b] = await Promise.all([registerApi.channels(), registerApi.batches()]);
      setChannels(c);
      setBatches(b);
    } catch (e) {
      onError(toErrorPayload(e));
    }
  }, [onError]);

  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  const { busy, act } = useTabActions(onError);

  const set = (field: Field) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const setLine = (i: number, field: keyof LineDraft) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setDraft((d) => ({ ...d, lines: d.lines.map((l, j) => (j === i ? { ...l, [field]: value } : l)) }));
  };

  const hints = draftHints(draft);
  const submit = () => {
    setTried(true);
    if (hints.length > 0) return;
    return act("register", async () => {
      setRefused(null);
      try {
        const r = await registerApi.register(entryOf(draft));
        setRegistered(r);
        setDraft(emptyDraft(draft.channel));
        setTried(false);
        onDone(
          `주문등록 완료 Registered — ${r.order_id}${r.merged ? " (합포)" : ""}`,
          `${r.channel} · parcel ${r.parcel_id}${r.unmatched_lines ? ` · ${r.unmatched_lines} line(s) wait in 매칭` : ""}`,
        );
        onChanged();
        await load();
      } catch (e) {
        // The desk's list of problems stays beside the form.
        setRefused(toErrorPayload(e));
      }
    });
  };

  const downloadTemplate = () =>
    act("template", async () => {
      const path = await registerApi.downloadTemplate();
      setTemplatePath(path);
      onDone("양식 저장 Template saved", path);
    });

  const readFile = () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    return act("preview", async () => {
      setPreview(null);
      setBadOnly(false);
      const data = await readAsDataUrl(file);
      setUpload({ name: file.name, data });
      const r = await registerApi.importUpload(file.name, data, fileChannel.trim() || null, false);
      setPreview(r.preview);
      setBadOnly(!r.preview.can_apply);
      onDone(
        `미리보기 Preview — ${r.preview.file_name}`,
        `${r.preview.orders} orders, ${r.preview.lines} rows, ${r.preview.bad_rows} bad · nothing registered yet`,
      );
    });
  };

  const apply = () => {
    const u = upload;
    if (!u || !preview?.can_apply) return;
    return act("apply", async () => {
      const r = await registerApi.importUpload(u.name, u.data, fileChannel.trim() || null, true);
      setPreview(r.preview);
      setUpload(null);
      if (fileRef.current) fileRef.current.value = "";
      if (r.batch) {
        onDone(
          `엑셀 주문등록 완료 Registered — 묶음 ${r.batch.id}: ${r.batch.orders}건`,
          `${r.batch.file_name}: ${r.batch.orders} orders, ${r.batch.lines} lines`,
        );
      }
      onChanged();
      await load();
    });
  };

  const deleteBatch = (b: OrderBatchInfo) => {
    if (!window.confirm(`묶음 ${b.id} (${b.file_name}, 주문 ${b.orders}건)을 삭제할까요? Delete batch ${b.id}?`)) return;
    return act(`delete-${b.id}`, async () => {
      const d = await registerApi.deleteBatch(b.id);
      onDone(`묶음 삭제 Deleted — ${d.id}`, `${d.orders_deleted} orders, ${d.parcels_deleted} parcels removed; stock given back`);
      onChanged();
      await load();
    });
  };

  const hinted = (field: string) => tried && hints.some((h) => h.field === field);
  const channelOptions = [...new Set([...channels, ...CHANNEL_SUGGESTIONS])];
  const table = preview ? shownFileRows(preview, badOnly) : null;

  return (
    <div id="register-tab" class="register-tab">
      <datalist id="register-channels">
        {channelOptions.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div class="devices-grid">
        <section class="dev-card" id="register-hand">
          <h2>
            직접 입력 <span class="muted">Order by hand</span>
          </h2>
          <form
            id="register-form"
            class="dev-form register-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div class="register-row">
              <label class={hinted("channel") ? "register-bad" : undefined}>
                판매처 Channel
                <input id="reg-channel" list="register-channels" value={draft.channel} onInput={set("channel")} />
              </label>
              <label>
                주문번호 Order id <span class="muted small">(비우면 자동 · auto)</span>
                <input id="reg-order-id" value={draft.order_id} onInput={set("order_id")} />
              </label>
            </div>
            <div class="register-row">
              <label class={hinted("name") ? "register-bad" : undefined}>
                수령인 Receiver
                <input id="reg-name" value={draft.name} onInput={set("name")} />
              </label>
              <label>
                전화번호 Phone
                <input id="reg-phone" inputMode="tel" value={draft.phone} onInput={set("phone")} />
              </label>
              <label class={hinted("mobile") ? "register-bad" : undefined}>
                휴대전화 Mobile
                <input id="reg-mobile" inputMode="tel" value={draft.mobile} onInput={set("mobile")} />
              </label>
            </div>
            <div class="register-row">
              <label class={hinted("zipcode") ? "register-bad register-zip" : "register-zip"}>
                우편번호 Postcode
                <input id="reg-zipcode" value={draft.zipcode} onInput={set("zipcode")} />
              </label>
              <label class={hinted("address1") ? "register-bad register-wide" : "register-wide"}>
                주소 Address
                <input id="reg-address1" value={draft.address1} onInput={set("address1")} />
              </label>
            </div>
            <div class="register-row">
              <label class="register-wide">
                상세주소 Address 2
                <input id="reg-address2" value={draft.address2} onInput={set("address2")} />
              </label>
              <label class="register-zip">
                국가 Country
                <input id="reg-country" placeholder="KR" maxLength={2} value={draft.country} onInput={set("country")} />
              </label>
            </div>
            <label>
              배송메시지 Message
              <input id="reg-message" value={draft.message} onInput={set("message")} />
            </label>
            <table id="register-lines" class="dev-table register-lines">
              <thead>
                <tr>
                  <th>상품명 Product</th>
                  <th>옵션 Option</th>
                  <th>SKU <span class="muted small">(선택)</span></th>
                  <th class="num">수량 Qty</th>
                  <th class="num">단가 Price</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {draft.lines.map((l, i) => (
                  <tr key={i} class={hinted(`line-${i}`) ? "register-bad" : undefined}>
                    <td>
                      <input class="reg-line-product" value={l.product_name} onInput={setLine(i, "product_name")} />
                    </td>
                    <td>
                      <input value={l.option_text} onInput={setLine(i, "option_text")} />
                    </td>
                    <td>
                      <input class="mono" value={l.sku} onInput={setLine(i, "sku")} />
                    </td>
                    <td class="num">
                      <input class="register-num" inputMode="numeric" value={l.quantity} onInput={setLine(i, "quantity")} />
                    </td>
                    <td class="num">
                      <input class="register-num" inputMode="numeric" value={l.unit_price} onInput={setLine(i, "unit_price")} />
                    </td>
                    <td>
                      {draft.lines.length > 1 && (
                        <button
                          type="button"
                          class="btn btn-small btn-quiet"
                          title="줄 삭제 Remove line"
                          onClick={() => setDraft((d) => ({ ...d, lines: d.lines.filter((_, j) => j !== i) }))}
                        >
                          ✕
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="register-row register-actions">
              <button
                type="button"
                id="reg-add-line"
                class="btn btn-small"
                onClick={() => setDraft((d) => ({ ...d, lines: [...d.lines, emptyLine()] }))}
              >
                + 줄 추가 Add line
              </button>
              <label class="register-zip">
                배송비 Shipping
                <input id="reg-shipping-fee" class="register-num" inputMode="numeric" value={draft.shipping_fee} onInput={set("shipping_fee")} />
              </label>
              <button id="reg-submit" type="submit" class="btn btn-primary" disabled={busy !== null}>
                {busy === "register" ? "등록 중…" : "주문등록 Register"}
              </button>
            </div>
            {tried && hints.length > 0 && (
              <ul id="register-hints" class="register-issues">
                {hints.map((h, i) => (
                  <li key={i}>
                    {h.ko} <span class="muted">· {h.en}</span>
                  </li>
                ))}
              </ul>
            )}
            {refused && (
              <div id="register-refused" class="register-issues">
                <strong>[{refused.code}]</strong> {refused.message_ko}
                <div class="muted small">{refused.message_en}</div>
              </div>
            )}
            {registered && !refused && (
              <p id="register-result" class="muted">
                마지막 등록 Last: <span class="mono">{registered.order_id}</span> → 택배 {registered.parcel_id}
                {registered.merged ? " · 합포 merged" : ""}
                {registered.unmatched_lines > 0 ? ` · 매칭 필요 ${registered.unmatched_lines}줄` : ""}
              </p>
            )}
            <p class="muted small">
              SKU를 비운 상품은 매칭 탭에서 연결합니다. Lines without a SKU are matched in the 매칭 tab.
            </p>
          </form>
        </section>

        <section class="dev-card" id="register-file">
          <h2>
            엑셀 주문등록 <span class="muted">Orders from a file</span>
          </h2>
          <div class="register-row register-actions">
            <button id="reg-template" class="btn btn-small" disabled={busy !== null} onClick={() => void downloadTemplate()}>
              양식 내려받기 Download template
            </button>
            {templatePath && (
              <span id="reg-template-path" class="mono small">
                {templatePath}
              </span>
            )}
          </div>
          <div class="dev-form register-file-form">
            <label>
              판매처 Channel <span class="muted small">(판매처 열이 빈 행 · rows without one)</span>
              <input id="reg-file-channel" list="register-channels" value={fileChannel} onInput={(e) => setFileChannel(e.currentTarget.value)} />
            </label>
            <label>
              파일 File (XLSX · XLS · CSV)
              <input id="reg-file" type="file" accept=".xlsx,.xls,.csv,.ods,.tsv,.txt" ref={fileRef} onChange={() => void readFile()} />
            </label>
          </div>
          {preview && (
            <div id="reg-preview" class="register-preview">
              <p>
                <strong>{preview.file_name}</strong> · 주문 {preview.orders}건 · 행 {preview.lines}개 ·{" "}
                <span class={preview.bad_rows ? "register-bad-text" : undefined}>오류 행 {preview.bad_rows}개</span>
                <span class="muted"> · {preview.orders} orders, {preview.lines} rows, {preview.bad_rows} bad</span>
              </p>
              {preview.bad_rows > 0 && (
                <p class="register-issues">
                  오류가 있는 행을 고쳐 다시 올리세요. 한 행이라도 틀리면 아무것도 등록하지 않습니다.
                  <span class="muted"> Fix the rows and upload again: one bad row registers nothing.</span>{" "}
                  {issueCounts(preview).map((c) => (
                    <span key={c.code} class="chip">
                      {c.code} ×{c.count}
                    </span>
                  ))}
                </p>
              )}
              <div class="register-row register-actions">
                <label class="small">
                  <input type="checkbox" checked={badOnly} onChange={(e) => setBadOnly(e.currentTarget.checked)} /> 오류 행만 Bad rows only
                </label>
                <button id="reg-apply" class="btn btn-primary" disabled={!preview.can_apply || !upload || busy !== null} onClick={() => void apply()}>
                  {busy === "apply" ? "등록 중…" : `등록 Apply (${preview.orders}건)`}
                </button>
              </div>
              {table && (
                <table id="reg-preview-table" class="dev-table register-preview-table">
                  <thead>
                    <tr>
                      <th class="num">행 Row</th>
                      <th>주문번호 Order</th>
                      <th>판매처</th>
                      <th>수령인</th>
                      <th>상품 Product</th>
                      <th class="num">수량</th>
                      <th>결과 · 사유 Result</th>
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((r) => (
                      <tr key={r.row} data-row={r.row} class={r.ok ? undefined : "register-bad"}>
                        <td class="num mono">{r.row}</td>
                        <td class="mono">{r.order_id || <span class="muted">자동</span>}</td>
                        <td>{r.channel}</td>
                        <td>{r.receiver}</td>
                        <td>
                          {r.product_name}
                          {r.option_text && <span class="muted"> ({r.option_text})</span>}
                          {r.sku && <span class="mono small muted"> {r.sku}</span>}
                        </td>
                        <td class="num mono">{r.quantity}</td>
                        <td>
                          {r.ok ? (
                            <span class="chip chip-ready">등록 가능 OK</span>
                          ) : (
                            r.issues.map((i, k) => (
                              <div key={k} class="small">
                                <span class="mono">[{i.code}]</span> {issueText(i)}
                              </div>
                            ))
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {table && table.hidden > 0 && <p class="muted small">… {table.hidden}행 더 · more rows not drawn</p>}
            </div>
          )}
          <h3>
            등록 묶음 <span class="muted">Batches</span>
          </h3>
          {batches && batches.length === 0 && <p class="muted">올린 파일 없음 · no batches yet</p>}
          {batches && batches.length > 0 && (
            <table id="reg-batches" class="dev-table">
              <thead>
                <tr>
                  <th class="num">#</th>
                  <th>파일 File</th>
                  <th>판매처</th>
                  <th class="num">주문 Orders</th>
                  <th>등록 At</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} data-batch={b.id}>
                    <td class="num mono">{b.id}</td>
                    <td>{b.file_name}</td>
                    <td>{b.channel}</td>
                    <td class="num mono">
                      {b.orders} <span class="muted small">({b.lines}줄)</span>
                    </td>
                    <td class="small">{b.created_at}</td>
                    <td>
                      <button class="btn btn-small btn-quiet" disabled={busy !== null} onClick={() => void deleteBatch(b)}>
                        삭제 Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
