//! The tables, by hand, in types both backends read alike (migrations/).

diesel::table! {
    categories (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
        image -> Nullable<Text>,
        sort -> BigInt,
        status -> Integer,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    providers (id) {
        id -> BigInt,
        name -> Text,
        url -> Text,
        api_key -> Text,
        balance -> Nullable<Text>,
        currency -> Nullable<Text>,
        balance_at -> Nullable<BigInt>,
        status -> Integer,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    services (id) {
        id -> BigInt,
        cate_id -> BigInt,
        name -> Text,
        description -> Text,
        price -> BigInt,
        original_price -> Nullable<BigInt>,
        min_quantity -> BigInt,
        max_quantity -> BigInt,
        kind -> Text,
        dripfeed -> Integer,
        refill -> Integer,
        cancel -> Integer,
        status -> Integer,
        add_type -> Text,
        api_provider_id -> Nullable<BigInt>,
        api_service_id -> Nullable<Text>,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    wallets (user_id) {
        user_id -> BigInt,
        balance -> BigInt,
        spent -> BigInt,
        custom_rate -> Integer,
        api_key_hash -> Nullable<Text>,
        api_key_hint -> Nullable<Text>,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    orders (id) {
        id -> BigInt,
        ids -> Text,
        uid -> BigInt,
        source -> Text,
        cate_id -> BigInt,
        service_id -> BigInt,
        service_type -> Text,
        api_provider_id -> Nullable<BigInt>,
        api_service_id -> Nullable<Text>,
        api_order_id -> BigInt,
        link -> Nullable<Text>,
        quantity -> BigInt,
        usernames -> Nullable<Text>,
        username -> Nullable<Text>,
        hashtags -> Nullable<Text>,
        hashtag -> Nullable<Text>,
        media -> Nullable<Text>,
        comments -> Nullable<Text>,
        sub_posts -> Nullable<BigInt>,
        sub_min -> Nullable<BigInt>,
        sub_max -> Nullable<BigInt>,
        sub_delay -> Nullable<BigInt>,
        sub_expiry -> Nullable<Text>,
        sub_response_orders -> Nullable<Text>,
        sub_response_posts -> Nullable<BigInt>,
        sub_status -> Nullable<Text>,
        rate -> BigInt,
        charge -> BigInt,
        refunded -> BigInt,
        status -> Text,
        start_counter -> BigInt,
        remains -> BigInt,
        is_drip_feed -> Integer,
        runs -> BigInt,
        run_interval -> BigInt,
        dripfeed_quantity -> BigInt,
        note -> Nullable<Text>,
        forward -> Text,
        forward_claim -> Nullable<Text>,
        lease_until -> BigInt,
        attempts -> Integer,
        sync_claim -> Nullable<Text>,
        next_sync_at -> BigInt,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    ledger (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        amount -> BigInt,
        balance_after -> BigInt,
        order_id -> Nullable<BigInt>,
        reference -> Nullable<Text>,
        reason -> Text,
        created -> BigInt,
    }
}

diesel::table! {
    idempotency_keys (user_id, idem_key) {
        user_id -> BigInt,
        idem_key -> Text,
        fingerprint -> Text,
        order_id -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    refills (id) {
        id -> BigInt,
        order_id -> BigInt,
        uid -> BigInt,
        api_refill_id -> Nullable<Text>,
        status -> Text,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(categories, services, providers, orders, wallets);
