//! List pages over the seeded rows: `--requests` pages one at a time
//! (the latency a caller sees), then `--requests` over `--connections`
//! connections (under load); p50/p99 by list and over all.

use crate::reactions::Rng;
use crate::seed::{Seeded, HEAVY, HEAVY_BASE, REGULAR, USER_BASE};
use crate::{mobile, token, Args};
use futures_util::future::join_all;
use hdrhistogram::Histogram;
use platform_testkit::StandInIdentity;
use serde_json::Value;
use std::sync::Arc;
use std::time::Instant;

/// Whose list a request reads.
#[derive(Clone, Copy)]
enum Who {
    Heavy,
    Regular,
}

struct List {
    name: String,
    who: Who,
    /// The path and query after the caller's `username`, `x`, `y`.
    path: String,
}

/// The middle page of a heavy user's product likes (`reactions` / 500
/// likes, 20 a page).
fn lists(seeded: &Seeded, reactions: i64) -> Vec<List> {
    let middle = (reactions / 20_000).max(1);
    let list = |name: &str, who, path: String| List {
        name: name.to_string(),
        who,
        path,
    };
    vec![
        list(
            "product likes, heavy user",
            Who::Heavy,
            "/web/product-user-likes?".into(),
        ),
        list(
            &format!("product likes, heavy user, page {middle}"),
            Who::Heavy,
            format!("/web/product-user-likes?page={middle}&"),
        ),
        list(
            "store notifications, heavy user",
            Who::Heavy,
            "/web/store-user-notifications?".into(),
        ),
        list(
            "product views, heavy user",
            Who::Heavy,
            "/web/product-user-views?".into(),
        ),
        list(
            "product dislikes, regular user",
            Who::Regular,
            "/web/product-user-dislikes?".into(),
        ),
        list(
            "store favorites, regular user",
            Who::Regular,
            "/web/store-user-favorites?".into(),
        ),
        list(
            "product comments, everyone's on one product",
            Who::Regular,
            format!("/web/product-user-comments?id={}&", seeded.popular),
        ),
    ]
}

struct Caller {
    token: String,
    username: String,
}

fn callers(identity: &StandInIdentity, first: i64, n: i64) -> Vec<Caller> {
    (first..first + n)
        .map(|u| Caller {
            token: token(identity, u),
            username: mobile(u),
        })
        .collect()
}

/// One page: its latency in µs; fails unless it is a 200 with items.
async fn read(http: &reqwest::Client, social: &str, list: &List, caller: &Caller) -> u64 {
    let url = format!(
        "{social}{}username={}&x=51.4&y=35.7",
        list.path, caller.username
    );
    let t = Instant::now();
    let res = http
        .get(url)
        .bearer_auth(&caller.token)
        .send()
        .await
        .expect("social answers");
    let status = res.status().as_u16();
    let body = res.bytes().await.expect("a body");
    let took = t.elapsed().as_micros() as u64;
    assert_eq!(
        status,
        200,
        "{}: {}",
        list.name,
        String::from_utf8_lossy(&body)
    );
    let body: Value = serde_json::from_slice(&body).expect("json");
    assert!(
        body["items"]
            .as_array()
            .is_some_and(|items| !items.is_empty()),
        "{}: no items: {body}",
        list.name
    );
    took
}

struct Run {
    by_list: Vec<Histogram<u64>>,
}

impl Run {
    fn new(n: usize) -> Run {
        Run {
            by_list: (0..n).map(|_| Histogram::new(3).unwrap()).collect(),
        }
    }

    fn add(&mut self, other: &Run) {
        for (a, b) in self.by_list.iter_mut().zip(&other.by_list) {
            a.add(b).unwrap();
        }
    }

    fn all(&self) -> Histogram<u64> {
        let mut all = Histogram::new(3).unwrap();
        for h in &self.by_list {
            all.add(h).unwrap();
        }
        all
    }
}

fn ms(h: &Histogram<u64>, q: f64) -> f64 {
    h.value_at_quantile(q) as f64 / 1000.0
}

/// `requests` pages by `clients` clients, the lists in turn, the callers
/// at random among their kind.
async fn pages(
    http: &reqwest::Client,
    social: &str,
    lists: &Arc<Vec<List>>,
    heavy: &Arc<Vec<Caller>>,
    regular: &Arc<Vec<Caller>>,
    requests: usize,
    clients: usize,
) -> Run {
    let per = requests.div_ceil(clients);
    let runs = (0..clients).map(|c| {
        let (http, lists, heavy, regular) = (
            http.clone(),
            Arc::clone(lists),
            Arc::clone(heavy),
            Arc::clone(regular),
        );
        let social = social.to_string();
        async move {
            let mut run = Run::new(lists.len());
            let mut rng = Rng::new(1_000 + c as u64);
            for i in 0..per {
                let which = (c + i) % lists.len();
                let list = &lists[which];
                let callers = match list.who {
                    Who::Heavy => &heavy,
                    Who::Regular => &regular,
                };
                let caller = &callers[rng.below(callers.len() as u64) as usize];
                let took = read(&http, &social, list, caller).await;
                run.by_list[which].record(took).unwrap();
            }
            run
        }
    });
    let mut total = Run::new(lists.len());
    for run in join_all(runs).await {
        total.add(&run);
    }
    total
}

fn report(stage: &str, lists: &[List], run: &Run, elapsed: f64) {
    let all = run.all();
    println!(
        "{stage}: {} pages in {elapsed:.1} s = {:.0}/s; p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        all.len() as f64 / elapsed,
        ms(&all, 0.5),
        ms(&all, 0.9),
        ms(&all, 0.99),
        all.max() as f64 / 1000.0
    );
    for (list, h) in lists.iter().zip(&run.by_list) {
        println!(
            "{stage}:   {:<45} p50 {:>6.2} ms  p99 {:>6.2} ms  ({} pages)",
            list.name,
            ms(h, 0.5),
            ms(h, 0.99),
            h.len()
        );
    }
}

pub async fn run(args: &Args, identity: &StandInIdentity, social: &str, seeded: &Seeded) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .build()
        .unwrap();
    let lists = Arc::new(lists(seeded, args.reactions));
    let heavy = Arc::new(callers(identity, HEAVY_BASE + 1, HEAVY));
    // a hundred of the regular users: their lists are alike
    let regular = Arc::new(callers(identity, USER_BASE + 1, REGULAR.min(100)));
    // warm-up: the first page of each list once per caller kind
    pages(&http, social, &lists, &heavy, &regular, lists.len() * 4, 1).await;

    let started = Instant::now();
    let alone = pages(&http, social, &lists, &heavy, &regular, args.requests, 1).await;
    report(
        "lists, one at a time",
        &lists,
        &alone,
        started.elapsed().as_secs_f64(),
    );
    let started = Instant::now();
    let loaded = pages(
        &http,
        social,
        &lists,
        &heavy,
        &regular,
        args.requests,
        args.connections,
    )
    .await;
    report(
        &format!("lists, {} connections", args.connections),
        &lists,
        &loaded,
        started.elapsed().as_secs_f64(),
    );
}
