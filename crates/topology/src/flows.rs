//! The end-to-end flows through gateway-1, each request as the apps send
//! it (the stack's end-to-end tests show the same ones).

use crate::standins::provider::KEY;
use crate::standins::StandIns;
use crate::topology::OPERATOR;
use reqwest::Method;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub const USER: &str = "09120000902";
pub const SELLER: &str = "09120000903";
pub const BUYER: &str = "09120000904";
const BUYER_PASSWORD: &str = "secret-123";

pub type Res<T> = Result<T, String>;

pub fn check(ok: bool, what: impl FnOnce() -> String) -> Res<()> {
    if ok {
        Ok(())
    } else {
        Err(what())
    }
}

#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

pub enum Body {
    None,
    Json(Value),
    Form(Vec<(String, String)>),
}

impl Api {
    pub fn new(base: &str) -> Api {
        Api {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
            base: base.into(),
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Body,
        headers: &[(&str, &str)],
    ) -> Res<Reply> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req = match body {
            Body::None => req,
            Body::Json(v) => req.json(&v),
            Body::Form(pairs) => req.form(&pairs),
        };
        let res = req.send().await.map_err(|e| format!("{path}: {e}"))?;
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.map_err(|e| format!("{path}: {e}"))?;
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Reply {
            status,
            headers,
            body,
            text,
        })
    }

    pub async fn get(&self, path: &str, token: &str) -> Res<Reply> {
        self.call(Method::GET, path, Some(token), Body::None, &[])
            .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Body) -> Res<Reply> {
        self.call(Method::POST, path, token, body, &[]).await
    }

    /// A POST that must answer `status`; returns the body.
    pub async fn expect(&self, status: u16, path: &str, token: &str, body: Value) -> Res<Value> {
        let r = self.post(path, Some(token), Body::Json(body)).await?;
        check(r.status == status, || {
            format!("{path}: {} {}", r.status, r.text)
        })?;
        Ok(r.body)
    }
}

pub fn form(pairs: &[(&str, &str)]) -> Body {
    Body::Form(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

/// The `sub` of a token (the user's id).
pub fn user_id(token: &str) -> String {
    let part = token.split('.').nth(1).unwrap_or_default();
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut bits, mut count, mut out) = (0u32, 0, Vec::new());
    for c in part.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c).unwrap_or(0) as u32;
        bits = (bits << 6) | v;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    let claims: Value = serde_json::from_slice(&out).unwrap_or(Value::Null);
    claims["sub"].as_str().unwrap_or_default().to_string()
}

/// The panel's SMS code login (a sign-up for a new mobile).
pub async fn panel_login(api: &Api, sms: &StandIns, mobile: &str) -> Res<String> {
    let r = api
        .post(
            "/api/v1/login",
            None,
            Body::Json(json!({"username": mobile})),
        )
        .await?;
    check(r.status == 201, || {
        format!("login {mobile}: {} {}", r.status, r.text)
    })?;
    let code = sms
        .code_for(mobile)
        .await
        .ok_or_else(|| format!("no SMS to {mobile}"))?;
    let r = api
        .post(
            "/api/v1/login/verify",
            None,
            Body::Json(json!({"username": mobile, "code": code})),
        )
        .await?;
    check(r.status == 200, || {
        format!("verify {mobile}: {} {}", r.status, r.text)
    })?;
    r.body["access_token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no token: {}", r.text))
}

/// What the flows made, for the faults that follow.
pub struct World {
    pub operator: String,
    pub user: String,
    pub seller: String,
    pub buyer: String,
    pub chat: i64,
    /// smm's api service of the stand-in provider, and its category
    pub api_service: Value,
    pub category: Value,
    pub balance: i64,
}

pub async fn timed<T>(name: &str, f: impl std::future::Future<Output = Res<T>>) -> Res<T> {
    let started = Instant::now();
    let out = f.await;
    match &out {
        Ok(_) => println!(
            "flow   {name:<38} ok   ({} ms)",
            started.elapsed().as_millis()
        ),
        Err(e) => println!("flow   {name:<38} FAIL {e}"),
    }
    out
}

pub async fn sign_up_and_log_in(
    api: &Api,
    sms: &StandIns,
) -> Res<(String, String, String, String)> {
    let operator = panel_login(api, sms, OPERATOR).await?;
    let user = panel_login(api, sms, USER).await?;
    let seller = panel_login(api, sms, SELLER).await?;
    // the bazaar app: register, the activation code, login with password
    let r = api
        .post(
            "/web/user/register",
            None,
            form(&[("username", BUYER), ("password", BUYER_PASSWORD)]),
        )
        .await?;
    check(r.body["message"] == "User intial register is done", || {
        format!("register: {}", r.text)
    })?;
    let code = sms.code_for(BUYER).await.ok_or("no activation code")?;
    let r = api
        .post(
            "/web/user/checkactivationcode",
            None,
            form(&[("username", BUYER), ("code", &code)]),
        )
        .await?;
    check(r.body["message"] == "User is Activated", || {
        format!("activate: {}", r.text)
    })?;
    let r = api
        .post(
            "/web/user/login",
            None,
            form(&[("username", BUYER), ("password", BUYER_PASSWORD)]),
        )
        .await?;
    check(r.body["message"] == "Login Success", || {
        format!("web login: {}", r.text)
    })?;
    let buyer = r.body["data"]["token"]
        .as_str()
        .ok_or("no web token")?
        .to_string();
    Ok((operator, user, seller, buyer))
}

pub async fn profile(api: &Api, user: &str) -> Res<i64> {
    let r = api.get("/api/v1/user", user).await?;
    check(r.status == 200, || {
        format!("profile: {} {}", r.status, r.text)
    })?;
    check(r.body["user"]["mobile"] == USER, || {
        format!("profile: {}", r.text)
    })?;
    r.body["user"]["balance"]
        .as_i64()
        .ok_or_else(|| format!("no balance from smm: {}", r.text))
}

pub async fn invoicing_customer(api: &Api, user: &str) -> Res<()> {
    let path = format!("/v1/customers/?access_token={user}");
    let r = api
        .post(
            &path,
            None,
            Body::Json(
                json!({"name": "آرین نجفی", "email": "arian@example.com", "mobile": "09122345577"}),
            ),
        )
        .await?;
    check(r.status == 201, || {
        format!("customer: {} {}", r.status, r.text)
    })?;
    let r = api
        .call(
            Method::GET,
            &format!("/v1/customers?access_token={user}"),
            None,
            Body::None,
            &[],
        )
        .await?;
    check(
        r.status == 200 && r.text.contains("arian@example.com"),
        || format!("customers: {} {}", r.status, r.text),
    )
}

pub async fn add_contact(api: &Api, operator: &str, user: &str) -> Res<()> {
    let resident = user_id(user);
    let b = api
        .expect(
            201,
            "/omartyapis/admin/buildings",
            operator,
            json!({"name": "Omarty Tower"}),
        )
        .await?;
    let building = b["data"]["id"].as_i64().ok_or("no building id")?;
    let b = api
        .expect(
            201,
            &format!("/omartyapis/admin/buildings/{building}/blocks"),
            operator,
            json!({"name": "A"}),
        )
        .await?;
    let block = b["data"]["id"].as_i64().ok_or("no block id")?;
    let b = api
        .expect(
            201,
            &format!("/omartyapis/admin/blocks/{block}/apartments"),
            operator,
            json!({"number": "1"}),
        )
        .await?;
    let apartment = b["data"]["id"].as_i64().ok_or("no apartment id")?;
    api.expect(
        201,
        &format!("/omartyapis/admin/apartments/{apartment}/residents"),
        operator,
        json!({"user_id": resident, "role": "owner"}),
    )
    .await?;
    api.expect(
        200,
        "/omartyapis/Update/",
        user,
        json!({"api": "AddContact", "phoneNumber": null, "email": "Test.Test@Test.com",
               "longitude": "121.12221", "latitude": "20.233", "blockId": block, "apartmentId": apartment}),
    )
    .await?;
    let r = api.get("/omartyapis/contacts", user).await?;
    check(
        r.status == 200 && r.text.contains("Test.Test@Test.com"),
        || format!("contacts: {} {}", r.status, r.text),
    )
}

pub async fn top_up(api: &Api, stand_ins: &StandIns, user: &str, amount: i64) -> Res<()> {
    let started = api
        .expect(201, "/api/v1/user/payment", user, json!({"amount": amount}))
        .await?;
    let authority = started["authority"].as_str().ok_or("no authority")?;
    stand_ins.zarinpal.pay(authority);
    let r = api
        .call(
            Method::GET,
            &format!("/api/v1/user/payment/verify?Authority={authority}&Status=OK"),
            None,
            Body::None,
            &[("accept", "application/json")],
        )
        .await?;
    check(r.body["payment"]["status"] == "paid", || {
        format!("verify: {} {}", r.status, r.text)
    })?;
    let balance = profile(api, user).await?;
    check(balance == amount, || {
        format!("balance {balance} after a top-up of {amount}")
    })
}

pub async fn order(
    api: &Api,
    stand_ins: &StandIns,
    operator: &str,
    user: &str,
) -> Res<(Value, Value)> {
    let c = api
        .expect(
            201,
            "/api/v1/admin/categories",
            operator,
            json!({"name": "ویو"}),
        )
        .await?;
    let category = c["category"]["id"].clone();
    let p = api
        .expect(
            201,
            "/api/v1/admin/providers",
            operator,
            json!({"name": "upstream", "url": stand_ins.provider.url(), "key": KEY}),
        )
        .await?;
    let s = api
        .expect(
            201,
            "/api/v1/admin/services",
            operator,
            json!({
            "cate_id": category, "name": "api", "desc": "<p>x</p>", "type": "default", "status": 1,
            "price": 1000, "min": 10, "max": 10000, "add_type": "api",
            "api_provider_id": p["provider"]["id"], "api_service_id": "1"}),
        )
        .await?;
    let service = s["service"]["id"].clone();
    let placed = api
        .expect(201, "/api/v1/order", user, json!({
            "service_id": service, "category_id": category, "quantity": 1000, "link": "https://instagram.com/p/topology"}))
        .await?;
    let id = placed["order"]["id"].as_i64().ok_or("no order id")?;
    let upstream = wait_order(api, user, id, |o| o["forward"] == "sent").await?["api_order_id"]
        .as_i64()
        .ok_or("no upstream id")?;
    stand_ins.provider.set(upstream, "Completed", "0");
    wait_order(api, user, id, |o| o["status"] == "completed").await?;
    let adds = stand_ins.provider.adds().len();
    check(adds == 1, || format!("{adds} adds at the provider"))?;
    Ok((service, category))
}

pub async fn wait_order(
    api: &Api,
    user: &str,
    id: i64,
    done: impl Fn(&Value) -> bool,
) -> Res<Value> {
    let until = Instant::now() + Duration::from_secs(45);
    loop {
        let r = api.get(&format!("/api/v1/order/{id}"), user).await;
        if let Ok(r) = &r {
            if r.status == 200 && done(&r.body) {
                return Ok(r.body.clone());
            }
        }
        if Instant::now() > until {
            return Err(format!(
                "order {id} not there in 45 s: {:?}",
                r.map(|r| r.text)
            ));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

pub async fn social(api: &Api, operator: &str, seller: &str, buyer: &str) -> Res<i64> {
    let made = async |path: &str, body: Value| -> Res<i64> {
        let r = api.expect(200, path, operator, body).await?;
        r["data"]["id"]
            .as_i64()
            .ok_or_else(|| format!("{path}: {r}"))
    };
    let bazzar = made("/web/admin/bazzars", json!({"name": "بازار"})).await?;
    let mall = made(
        "/web/admin/malls",
        json!({"name": "پاساژ", "bazzar": bazzar}),
    )
    .await?;
    let manager: i64 = user_id(seller).parse().map_err(|_| "seller's id")?;
    let store = made(
        "/web/admin/stores",
        json!({"name": "حجره", "mall": mall, "manager": manager}),
    )
    .await?;
    let query = serde_urlencoded::to_string([("username", BUYER), ("token", buyer)])
        .map_err(|e| e.to_string())?;
    let id = store.to_string();
    let r = api
        .post(
            &format!("/web/user/add-like?{query}"),
            None,
            form(&[("target", "store"), ("id", &id)]),
        )
        .await?;
    check(r.body["message"] == "Liked", || format!("like: {}", r.text))?;
    let r = api
        .call(
            Method::GET,
            &format!("/web/store-user-likes?{query}"),
            None,
            Body::None,
            &[],
        )
        .await?;
    check(r.body["_meta"]["totalCount"] == 1, || {
        format!("likes: {}", r.text)
    })?;
    let r = api
        .post(
            &format!("/web/user/submit-store-message?{query}"),
            None,
            form(&[("store", &id), ("title", "سوال"), ("text", "موجود است؟")]),
        )
        .await?;
    check(r.status == 200, || {
        format!("store message: {} {}", r.status, r.text)
    })?;
    let r = api
        .call(
            Method::GET,
            &format!("/web/store-messages?{query}"),
            None,
            Body::None,
            &[],
        )
        .await?;
    check(r.text.contains("موجود است؟"), || {
        format!("store messages: {} {}", r.status, r.text)
    })?;
    Ok(store)
}

/// A chat of the buyer with the seller's store, accepted; returns its id.
pub async fn open_chat(api: &Api, buyer: &str, seller: &str, store: i64) -> Res<i64> {
    let r = api
        .post(
            &format!("/web/chats/start?store={store}"),
            Some(buyer),
            Body::None,
        )
        .await?;
    check(r.status == 200, || {
        format!("chat start: {} {}", r.status, r.text)
    })?;
    let id = r.body["data"]["id"].as_i64().ok_or("no chat id")?;
    let r = api
        .post(
            &format!("/web/chats/accept?id={id}"),
            Some(seller),
            Body::None,
        )
        .await?;
    check(r.status == 200, || {
        format!("chat accept: {} {}", r.status, r.text)
    })?;
    Ok(id)
}

/// The seller's REST send with a client id; returns the message's seq.
pub async fn say(api: &Api, seller: &str, chat: i64, text: &str, client_id: &str) -> Res<i64> {
    let r = api
        .post(
            "/web/main-chats",
            Some(seller),
            form(&[
                ("id", &chat.to_string()),
                ("text", text),
                ("client_id", client_id),
            ]),
        )
        .await?;
    check(r.status == 200, || format!("send: {} {}", r.status, r.text))?;
    r.body["data"]["seq"]
        .as_i64()
        .ok_or_else(|| format!("send: {}", r.text))
}
