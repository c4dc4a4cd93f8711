//! Frames both ways between the client and the service. Each direction
//! awaits the other side's send, so a slow side slows its sender down
//! instead of filling a buffer (actix-ws's session queue holds 32 frames,
//! the service's socket is written directly); a client that takes longer
//! than `send_timeout_ms` to take a frame is closed with 4008. The gateway
//! pings the client every `ping_secs` and closes it after `idle_secs` of
//! silence; the service's pings are answered by the client library here.

use super::registry::{Signal, TOO_SLOW};
use super::upstream::Upstream;
use crate::settings::WsSettings;
use actix_ws::{AggregatedMessage, AggregatedMessageStream, CloseCode, CloseReason, Session};
use futures_util::{SinkExt, StreamExt};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode as UpCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

fn reason(code: u16, why: &str) -> Option<CloseReason> {
    Some(CloseReason {
        code: CloseCode::Other(code),
        description: Some(why.into()),
    })
}

/// The client's close, as the service gets it.
fn to_upstream(reason: Option<&CloseReason>) -> Option<CloseFrame> {
    reason.map(|r| CloseFrame {
        code: UpCode::from(u16::from(r.code)),
        reason: r.description.clone().unwrap_or_default().into(),
    })
}

/// The service's close, as the client gets it (its code kept: 4008, …).
fn to_client(frame: Option<CloseFrame>) -> Option<CloseReason> {
    frame.map(|f| CloseReason {
        code: CloseCode::from(u16::from(f.code)),
        description: (!f.reason.is_empty()).then(|| f.reason.to_string()),
    })
}

pub async fn pump(
    mut session: Session,
    mut client: AggregatedMessageStream,
    upstream: Upstream,
    signal: Arc<Signal>,
    settings: WsSettings,
) {
    let (mut up_tx, mut up_rx) = upstream.split();
    let ping_every = Duration::from_secs(settings.ping_secs.max(1));
    let idle = Duration::from_secs(settings.idle_secs.max(1));
    let send_timeout = Duration::from_millis(settings.send_timeout_ms.max(1));
    let mut ping = tokio::time::interval(ping_every);
    ping.tick().await;
    let mut heard = Instant::now();
    // what the client is told, and whether the service still needs telling
    let (close, tell_upstream): (Option<CloseReason>, bool) = loop {
        tokio::select! {
            frame = client.next() => {
                heard = Instant::now();
                let sent = match frame {
                    Some(Ok(AggregatedMessage::Text(text))) => up_tx.send(Message::text(text.to_string())).await,
                    Some(Ok(AggregatedMessage::Binary(bytes))) => up_tx.send(Message::binary(bytes)).await,
                    Some(Ok(AggregatedMessage::Ping(bytes))) => {
                        if session.pong(&bytes).await.is_err() {
                            break (None, true);
                        }
                        Ok(())
                    }
                    Some(Ok(AggregatedMessage::Pong(_))) => Ok(()),
                    Some(Ok(AggregatedMessage::Close(reason))) => {
                        let _ = up_tx.send(Message::Close(to_upstream(reason.as_ref()))).await;
                        break (reason, false);
                    }
                    Some(Err(_)) | None => break (None, true),
                };
                if sent.is_err() {
                    break (reason(1011, "upstream gone"), false);
                }
            }
            frame = up_rx.next() => {
                let delivered = match frame {
                    Some(Ok(Message::Text(text))) => {
                        tokio::time::timeout(send_timeout, session.text(text.as_str().to_owned())).await
                    }
                    Some(Ok(Message::Binary(bytes))) => {
                        tokio::time::timeout(send_timeout, session.binary(bytes)).await
                    }
                    Some(Ok(Message::Close(frame))) => break (to_client(frame), false),
                    Some(Ok(_)) => Ok(Ok(())),
                    Some(Err(_)) | None => break (reason(1011, "upstream gone"), false),
                };
                match delivered {
                    Ok(Ok(())) => {}
                    Ok(Err(_)) => break (None, true),
                    Err(_) => break (reason(TOO_SLOW, "too slow"), true),
                }
            }
            code = signal.closed() => {
                let why = if code == super::registry::REVOKED { "token revoked" } else { "not login" };
                break (reason(code, why), true);
            }
            _ = ping.tick() => {
                if heard.elapsed() > idle {
                    break (None, true);
                }
                if session.ping(b"").await.is_err() {
                    break (None, true);
                }
            }
        }
    };
    if tell_upstream {
        let going = CloseFrame {
            code: UpCode::Away,
            reason: "".into(),
        };
        let _ = tokio::time::timeout(send_timeout, up_tx.send(Message::Close(Some(going)))).await;
    }
    let _ = session.close(close).await;
}
