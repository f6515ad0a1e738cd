//! Keeping the access token valid: refresh ahead of expiry and after a 401,
//! one refresh at a time, tokens handed to the sink after each rotation.

use chrono::Utc;

use super::Cafe24Client;
use crate::error::Cafe24Error;
use crate::token::refresh_grant;

impl Cafe24Client {
    /// An access token with more than `refresh_ahead` left, refreshing first if needed.
    pub(super) async fn fresh_access_token(&self) -> Result<String, Cafe24Error> {
        if let Some(reason) = self.inner.dead.read().clone() {
            return Err(Cafe24Error::ReconnectRequired { reason });
        }
        let (token, expires_at) = {
            let t = self.inner.tokens.read();
            (t.access_token.clone(), t.expires_at)
        };
        if expires_at - Utc::now() > self.inner.opts.refresh_ahead {
            return Ok(token);
        }
        self.refresh_replacing(&token).await?;
        Ok(self.inner.tokens.read().access_token.clone())
    }

    /// Refreshes unless someone else already replaced `seen` (the access token
    /// the caller found stale) while we waited for the lock.
    pub(super) async fn refresh_replacing(&self, seen: &str) -> Result<(), Cafe24Error> {
        let _one_at_a_time = self.inner.refresh_lock.lock().await;
        let current = self.inner.tokens.read().clone();
        if current.access_token != seen {
            return Ok(());
        }
        if let Some(reason) = self.inner.dead.read().clone() {
            return Err(Cafe24Error::ReconnectRequired { reason });
        }
        if current.refresh_expired(Utc::now()) {
            let reason = format!(
                "the refresh token expired at {}",
                current.refresh_token_expires_at.to_rfc3339()
            );
            *self.inner.dead.write() = Some(reason.clone());
            return Err(Cafe24Error::ReconnectRequired { reason });
        }
        let mut fresh =
            match refresh_grant(&self.inner.http, &self.inner.cfg, &current.refresh_token).await {
                Ok(t) => t,
                Err(Cafe24Error::ReconnectRequired { reason }) => {
                    *self.inner.dead.write() = Some(reason.clone());
                    return Err(Cafe24Error::ReconnectRequired { reason });
                }
                Err(e) => return Err(e),
            };
        if fresh.shop_no.is_none() {
            fresh.shop_no = current.shop_no;
        }
        *self.inner.tokens.write() = fresh.clone();
        self.inner.stats.refreshed();
        tracing::info!(
            target: "packdesk_cafe24::auth",
            mall = %fresh.mall_id,
            expires_at = %fresh.expires_at,
            "access token refreshed"
        );
        (self.inner.sink)(&fresh);
        Ok(())
    }
}
