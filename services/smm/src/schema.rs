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

diesel::table! {
    payments (id) {
        id -> BigInt,
        ids -> Text,
        user_id -> BigInt,
        amount -> BigInt,
        authority -> Nullable<Text>,
        status -> Text,
        code -> Nullable<Integer>,
        ref_id -> Nullable<Text>,
        card_pan -> Nullable<Text>,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    notifications (seq) {
        seq -> BigInt,
        id -> Text,
        user_id -> BigInt,
        message -> Text,
        read_at -> Nullable<BigInt>,
        created -> BigInt,
    }
}

diesel::table! {
    tickets (id) {
        id -> BigInt,
        uid -> BigInt,
        subject -> Text,
        description -> Text,
        status -> Text,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    ticket_messages (id) {
        id -> BigInt,
        ticket_id -> BigInt,
        uid -> BigInt,
        operator -> Integer,
        message -> Text,
        is_read -> Integer,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    allowances (user_id, kind) {
        user_id -> BigInt,
        kind -> Text,
        last_at -> BigInt,
        month -> BigInt,
        month_count -> BigInt,
    }
}

diesel::table! {
    gifts (id) {
        id -> BigInt,
        service_id -> BigInt,
        min_quantity -> BigInt,
        max_quantity -> BigInt,
        status -> Integer,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    user_gifts (id) {
        id -> BigInt,
        uid -> BigInt,
        gift_id -> BigInt,
        quantity -> BigInt,
        used -> Integer,
        link -> Nullable<Text>,
        order_id -> Nullable<BigInt>,
        expired_at -> BigInt,
        changed -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    user_stats (day, uid) {
        day -> BigInt,
        uid -> BigInt,
        orders -> BigInt,
        amount -> BigInt,
    }
}

diesel::table! {
    service_stats (day, service_id, shard) {
        day -> BigInt,
        service_id -> BigInt,
        shard -> BigInt,
        orders -> BigInt,
        amount -> BigInt,
    }
}

diesel::joinable!(user_gifts -> gifts (gift_id));
diesel::joinable!(gifts -> services (service_id));

diesel::allow_tables_to_appear_in_same_query!(
    categories,
    services,
    providers,
    orders,
    wallets,
    gifts,
    user_gifts,
    tickets,
    ticket_messages
);
