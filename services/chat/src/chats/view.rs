use crate::db::chats::Chat;
use crate::state::State;
use serde::Serialize;

/// A chat as seed 000 lists it, with the newest `seq` and the caller's
/// `unread` count added; the store side's list adds the customer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChatItem {
    pub id: i64,
    /// The buyer's user id.
    pub user: i64,
    /// The store side's name.
    pub seller: String,
    /// Unix seconds.
    pub start_date: i64,
    /// `pending`, `chatting` or `finished`.
    pub status: String,
    /// The store's name.
    pub store: String,
    pub store_id: i64,
    pub seller_avatar: Option<String>,
    /// The newest message's sequence number (0: none yet).
    pub seq: i64,
    /// Messages after the caller's read mark.
    pub unread: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub customer_avatar: Option<String>,
}

/// The items of `chats` as `viewer` sees them, with names from social and
/// identity (left empty when they do not answer).
pub async fn items(
    state: &State,
    chats: Vec<Chat>,
    viewer: i64,
    store_side: bool,
) -> Vec<ChatItem> {
    let store_ids: Vec<i64> = chats.iter().map(|c| c.store_id).collect();
    let stores = match state.peers.stores(&store_ids).await {
        Ok(stores) => stores,
        Err(e) => {
            log::warn!("store names unavailable: {e:?}");
            Default::default()
        }
    };
    let people: Vec<i64> = chats
        .iter()
        .flat_map(|c| [c.seller_id, c.user_id])
        .collect();
    let cards = state.peers.users(&people).await;
    chats
        .into_iter()
        .map(|c| {
            let seller = cards.get(&c.seller_id).cloned().unwrap_or_default();
            let read = if c.user_id == viewer {
                c.user_read
            } else {
                c.seller_read
            };
            let customer = store_side.then(|| cards.get(&c.user_id).cloned().unwrap_or_default());
            ChatItem {
                id: c.id,
                user: c.user_id,
                seller: seller.name,
                start_date: c.start_date,
                status: c.status,
                store: stores
                    .get(&c.store_id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                store_id: c.store_id,
                seller_avatar: seller.avatar,
                seq: c.last_seq,
                unread: (c.last_seq - read).max(0),
                customer_avatar: customer.as_ref().and_then(|c| c.avatar.clone()),
                customer: customer.map(|c| c.name),
            }
        })
        .collect()
}
