// 쇼핑몰 연결: OAuth to a Cafe24 shop. The shell opens the consent page in the browser and
// reports the URL it opened (event consent-url), shown here so the owner can copy it if the
// browser did not come up.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, EVENTS, toErrorPayload } from "../api";
import type { ConnectRequest, ErrorPayload, ShopInfo } from "../types";

interface Props {
  onClose: () => void;
  onConnected: (shop: ShopInfo) => void;
}

export function ConnectDialog({ onClose, onConnected }: Props) {
  const [busy, setBusy] = useState(false);
  const [consentUrl, setConsentUrl] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstRef.current?.focus();
    let unlisten: (() => void) | null = null;
    void api.listen<string>(EVENTS.consentUrl, (url) => setConsentUrl(url)).then((u) => (unlisten = u));
    return () => unlisten?.();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const req: ConnectRequest = {
      mall_id: text("mall_id"),
      client_id: text("client_id"),
      client_secret: text("client_secret"),
      api_base: text("api_base") || null,
      // Paste-the-code fallback: when the browser runs on another machine and cannot reach this
      // station's loopback port, the owner copies the `code` from the redirect address.
      code: text("code") || null,
      redirect_uri: text("code") ? text("redirect_uri") || null : null,
      shops: null,
    };
    setBusy(true);
    setError(null);
    setConsentUrl(null);
    try {
      onConnected(await api.connectCafe24(req));
    } catch (err) {
      setError(toErrorPayload(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="overlay" onKeyDown={(e) => e.key === "Escape" && !busy && onClose()}>
      <form id="connect-dialog" class="dialog" role="dialog" aria-modal="true" aria-labelledby="connect-title" onSubmit={submit}>
        <h2 id="connect-title">쇼핑몰 연결 Connect a Cafe24 shop</h2>
        <label>
          쇼핑몰 ID <span class="muted">Mall ID</span>
          <input ref={firstRef} name="mall_id" required autocomplete="off" placeholder="myshop" />
        </label>
        <label>
          클라이언트 ID <span class="muted">Client ID</span>
          <input name="client_id" required autocomplete="off" />
        </label>
        <label>
          클라이언트 시크릿 <span class="muted">Client secret</span>
          <input name="client_secret" type="password" required autocomplete="off" />
        </label>
        <label>
          API 주소 (선택) <span class="muted">API base URL, optional</span>
          <input name="api_base" type="url" autocomplete="off" placeholder="https://myshop.cafe24api.com" />
        </label>
        <details class="dialog-more">
          <summary>
            인증 코드 직접 입력 <span class="muted">Paste an authorization code instead</span>
          </summary>
          <label>
            인증 코드 <span class="muted">Code from the redirect address (…/callback?code=…)</span>
            <input id="connect-code" name="code" autocomplete="off" />
          </label>
          <label>
            리다이렉트 URI <span class="muted">Redirect URI the app is registered with</span>
            <input name="redirect_uri" autocomplete="off" placeholder="http://127.0.0.1:8719/callback" />
          </label>
        </details>
        {busy && (
          <p class="dialog-note">
            브라우저에서 카페24 동의 화면을 승인하세요… · Approve the consent page in your browser…
          </p>
        )}
        {consentUrl && (
          <p class="dialog-note">
            동의 화면 Consent page: <code id="consent-url">{consentUrl}</code>
          </p>
        )}
        {error && (
          <div class="dialog-error" data-code={error.code} role="alert">
            <strong>{error.message_ko}</strong>
            <div>{error.message_en}</div>
            <div class="banner-code">{error.code}</div>
          </div>
        )}
        <div class="dialog-actions">
          <button type="button" class="btn btn-quiet" disabled={busy} onClick={onClose}>
            닫기 Close
          </button>
          <button id="connect-submit" type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? "연결 중… Connecting…" : "연결 Connect"}
          </button>
        </div>
      </form>
    </div>
  );
}
