//! Connecting a Cafe24 shop with OAuth 2.0 (authorization code).
//!
//! Without a pasted code, Packdesk listens on a loopback port for the redirect, opens the consent
//! page in the browser (and prints its URL, for a headless station), and catches the code when the
//! owner approves. The tokens and the client secret go to the keychain; the database keeps only
//! metadata. Demo mode runs the very same flow against the simulator, with a robot in place of the
//! browser.

use std::time::Duration;

use packdesk_cafe24::{Cafe24Config, DEFAULT_SCOPES, TokenSet, authorize_url, exchange_code};
use packdesk_store::shops;
use rand::Rng;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::clock::kst_display;
use crate::desk::{Desk, ShopSecret};
use crate::dto::{ConnectRequest, ConnectedShop, ShopInfo};
use crate::error::{DeskError, Result};

/// Registered in the Cafe24 developer center as the app's redirect URI.
pub const DEFAULT_REDIRECT: &str = "http://127.0.0.1:8719/callback";
const CONSENT_TIMEOUT: Duration = Duration::from_secs(300);

/// Scopes the desk needs, with what each lets it do (for the message when one is missing).
const REQUIRED_SCOPES: &[(&str, &str)] = &[
    ("mall.read_order", "주문 읽기"),
    ("mall.write_order", "주문 쓰기(송장 등록)"),
    ("mall.read_product", "상품 읽기"),
    ("mall.write_product", "상품 쓰기(무게 반영)"),
    ("mall.read_shipping", "배송 읽기(택배사)"),
    ("mall.read_store", "상점 읽기(멀티쇼핑몰)"),
];

pub(crate) async fn connect(
    desk: &Desk,
    req: ConnectRequest,
    on_url: &(dyn Fn(&str) + Send + Sync),
    open_browser: bool,
    demo: bool,
) -> Result<ShopInfo> {
    let mall_id = req.mall_id.trim().to_string();
    if mall_id.is_empty() || req.client_id.trim().is_empty() || req.client_secret.trim().is_empty()
    {
        return Err(DeskError::invalid(
            "mall id, client id and client secret are required",
            "쇼핑몰 ID, 클라이언트 ID, 클라이언트 시크릿을 모두 입력하세요",
        ));
    }
    let api_base = match &req.api_base {
        Some(b) if !b.trim().is_empty() => Some(url::Url::parse(b.trim()).map_err(|e| {
            DeskError::invalid(
                format!("--api-base {b}: {e}"),
                format!("API 주소 {b}가 올바른 URL이 아닙니다 ({e})"),
            )
        })?),
        _ => None,
    };
    let cfg = Cafe24Config {
        mall_id: mall_id.clone(),
        api_base,
        client_id: req.client_id.trim().to_string(),
        client_secret: req.client_secret.trim().to_string(),
        api_version: None,
    };
    let redirect = req
        .redirect_uri
        .clone()
        .unwrap_or_else(|| DEFAULT_REDIRECT.to_string());
    let (code, redirect) = match req.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => (code.to_string(), redirect),
        None => catch_redirect(&cfg, &redirect, on_url, open_browser, demo).await?,
    };
    let tokens = exchange_code(&cfg, &code, &redirect).await?;
    check_scopes(&tokens.scopes)?;
    let info = save(desk, &cfg, tokens, demo)?;
    add_mall_shops(desk, info, req.shops.as_deref()).await
}

/// Names every required scope the grant lacks, with what it is for.
pub(crate) fn check_scopes(granted: &[String]) -> Result<()> {
    let missing: Vec<String> = REQUIRED_SCOPES
        .iter()
        .filter(|(s, _)| !granted.iter().any(|t| t == s))
        .map(|(s, ko)| format!("{s} ({ko})"))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(DeskError::MissingScopes {
            scopes: missing.join(", "),
        })
    }
}

/// Lists the mall's shops (`/shops`) and records each one, collecting those the owner chose
/// (all when none were named), labelled with their name and currency.
async fn add_mall_shops(
    desk: &Desk,
    mut info: ShopInfo,
    chosen: Option<&[u32]>,
) -> Result<ShopInfo> {
    let store = &desk.inner.store;
    let Some(first) = store.read(|c| {
        Ok(shops::all(c)?
            .into_iter()
            .find(|s| s.mall_id == info.mall_id && s.shop_no == info.shop_no))
    })?
    else {
        return Ok(info);
    };
    let client = desk.client(&first)?;
    let listed = client.shops().await?;
    let now = desk.inner.clock.now();
    store.write(|tx| {
        for s in &listed {
            let new = shops::NewShop {
                mall_id: &first.mall_id,
                shop_no: s.shop_no,
                api_base: &first.api_base,
                client_id: &first.client_id,
                scopes: &first.scopes,
                token_expires_at: first.token_expires_at.unwrap_or(now),
                refresh_expires_at: first.refresh_expires_at.unwrap_or(now),
                secret_ref: &first.secret_ref,
                demo: first.demo,
                shop_name: &s.shop_name,
                currency: &s.currency_code,
            };
            let id = shops::upsert(tx, &new, now)?;
            let collect = chosen.is_none_or(|c| c.contains(&s.shop_no));
            shops::update_rules(
                tx,
                id,
                &shops::RulesUpdate {
                    collect_enabled: Some(collect),
                    ..Default::default()
                },
            )?;
            info.shops.push(ConnectedShop {
                shop_id: id,
                shop_no: s.shop_no,
                shop_name: s.shop_name.clone(),
                currency: s.currency_code.clone(),
                collect,
            });
        }
        Ok::<_, DeskError>(())
    })?;
    desk.inner.schedule_changed.notify_one();
    Ok(info)
}

fn save(desk: &Desk, cfg: &Cafe24Config, tokens: TokenSet, demo: bool) -> Result<ShopInfo> {
    let shop_no = tokens.shop_no.unwrap_or(1);
    let secret_ref = format!("cafe24:{}:{}", cfg.mall_id, shop_no);
    let value = ShopSecret {
        client_secret: cfg.client_secret.clone(),
        tokens: tokens.clone(),
    };
    let json = serde_json::to_string(&value).map_err(|e| DeskError::Secrets(e.to_string()))?;
    desk.secrets_for(demo).set(&secret_ref, &json)?;
    let api_base = cfg.base_url().to_string();
    let now = desk.inner.clock.now();
    let new = shops::NewShop {
        mall_id: &cfg.mall_id,
        shop_no,
        api_base: &api_base,
        client_id: &cfg.client_id,
        scopes: &tokens.scopes,
        token_expires_at: tokens.expires_at,
        refresh_expires_at: tokens.refresh_token_expires_at,
        secret_ref: &secret_ref,
        demo,
        shop_name: "",
        currency: "KRW",
    };
    desk.inner.store.read(|c| shops::upsert(c, &new, now))?;
    desk.drop_clients();
    tracing::info!(mall_id = %cfg.mall_id, shop_no, demo, "shop connected");
    Ok(ShopInfo {
        mall_id: cfg.mall_id.clone(),
        shop_no,
        api_base,
        scopes: tokens.scopes,
        token_expires_kst: kst_display(tokens.expires_at),
        shops: Vec::new(),
    })
}

/// Listens on the redirect URI's loopback port, shows the consent URL, waits for the code.
async fn catch_redirect(
    cfg: &Cafe24Config,
    redirect: &str,
    on_url: &(dyn Fn(&str) + Send + Sync),
    open_browser: bool,
    robot: bool,
) -> Result<(String, String)> {
    let parsed = url::Url::parse(redirect).map_err(|e| {
        DeskError::invalid(
            format!("redirect URI {redirect}: {e}"),
            format!("리다이렉트 주소 {redirect}가 올바른 URL이 아닙니다 ({e})"),
        )
    })?;
    let host = match parsed.host() {
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        Some(h) => h.to_string(),
        None => "127.0.0.1".to_string(),
    };
    let port = parsed.port().unwrap_or(80);
    let listener = TcpListener::bind((host.as_str(), port))
        .await
        .map_err(|e| {
            DeskError::OAuth(format!(
                "cannot listen on {host}:{port} for the redirect: {e}"
            ))
        })?;
    let actual_port = listener
        .local_addr()
        .map_err(|e| DeskError::OAuth(e.to_string()))?
        .port();
    let mut redirect_url = parsed.clone();
    redirect_url
        .set_port(Some(actual_port))
        .map_err(|_| DeskError::OAuth("bad redirect URI".into()))?;
    let redirect = redirect_url.to_string();
    let state: String = {
        let mut rng = rand::thread_rng();
        (0..24)
            .map(|_| format!("{:x}", rng.gen_range(0..16)))
            .collect()
    };
    let consent = authorize_url(cfg, &redirect, &state, DEFAULT_SCOPES);
    on_url(consent.as_str());
    if robot {
        // Demo mode: the simulator consents at once; follow its redirect like a browser would.
        let url = consent.to_string();
        tokio::spawn(async move {
            if let Err(e) = reqwest::get(url).await {
                tracing::warn!("demo consent request failed: {e}");
            }
        });
    } else if open_browser
        && std::env::var_os("PACKDESK_NO_BROWSER").is_none()
        && let Err(e) = open::that_detached(consent.as_str())
    {
        tracing::warn!("could not open a browser: {e}");
    }
    let code = tokio::time::timeout(CONSENT_TIMEOUT, wait_for_code(&listener, &state))
        .await
        .map_err(|_| {
            DeskError::OAuth("no answer from the consent page within 5 minutes".into())
        })??;
    Ok((code, redirect))
}

async fn wait_for_code(listener: &TcpListener, state: &str) -> Result<String> {
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| DeskError::OAuth(e.to_string()))?;
        let mut reader = BufReader::new(&mut stream).take(8 * 1024);
        let mut request_line = String::new();
        // Browsers open idle spare connections: one that says nothing must not hold up the redirect.
        match tokio::time::timeout(Duration::from_secs(5), reader.read_line(&mut request_line))
            .await
        {
            Ok(Ok(_)) => {}
            _ => continue,
        }
        let target = request_line.split_whitespace().nth(1).unwrap_or("/");
        let Ok(url) = url::Url::parse(&format!("http://loopback{target}")) else {
            continue;
        };
        let param = |k: &str| {
            url.query_pairs()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.into_owned())
        };
        let (status, body, result) = match (param("code"), param("state"), param("error")) {
            (Some(code), Some(s), _) if s == state => (
                "200 OK",
                "<h1>연결되었습니다 · Connected</h1><p>Packdesk로 돌아가세요. You can close this window.</p>",
                Some(Ok(code)),
            ),
            (_, Some(s), Some(err)) if s == state => (
                "400 Bad Request",
                "<h1>연결 실패 · Connection refused</h1>",
                Some(Err(DeskError::OAuth(format!(
                    "the shop refused the connection: {err}"
                )))),
            ),
            _ => ("404 Not Found", "", None),
        };
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
        if let Some(r) = result {
            return r;
        }
    }
}

/// Demo mode: connect to the simulator through the real OAuth flow.
pub(crate) async fn connect_demo(
    desk: &Desk,
    api_base: &str,
    mall_id: &str,
    client_id: &str,
    secret: &str,
) -> Result<ShopInfo> {
    let req = ConnectRequest {
        mall_id: mall_id.into(),
        client_id: client_id.into(),
        client_secret: secret.into(),
        api_base: Some(api_base.into()),
        code: None,
        redirect_uri: Some("http://127.0.0.1:0/callback".into()),
        shops: None,
    };
    connect(desk, req, &|_| {}, false, true).await
}
