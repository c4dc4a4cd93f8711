//! The tables of both migrations, by hand, in portable types.

diesel::table! {
    bazzars (id) {
        id -> BigInt,
        name -> Text,
        image -> Nullable<Text>,
        created -> BigInt,
    }
}

diesel::table! {
    malls (id) {
        id -> BigInt,
        bazzar_id -> BigInt,
        name -> Text,
        image -> Nullable<Text>,
        created -> BigInt,
    }
}

diesel::table! {
    stores (id) {
        id -> BigInt,
        mall_id -> BigInt,
        name -> Text,
        image -> Nullable<Text>,
        manager -> BigInt,
        score -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    products (id) {
        id -> BigInt,
        store_id -> BigInt,
        title -> Text,
        main_image -> Nullable<Text>,
        price -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    counters (target_kind, target_id) {
        target_kind -> Text,
        target_id -> BigInt,
        viewed -> BigInt,
        liked -> BigInt,
        disliked -> BigInt,
        comments_count -> BigInt,
        favorite_count -> BigInt,
        notification_count -> BigInt,
    }
}

diesel::table! {
    reactions (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        target_kind -> Text,
        target_id -> BigInt,
        x -> Nullable<Double>,
        y -> Nullable<Double>,
        created -> BigInt,
    }
}

diesel::table! {
    views (id) {
        id -> BigInt,
        user_id -> BigInt,
        target_kind -> Text,
        target_id -> BigInt,
        x -> Nullable<Double>,
        y -> Nullable<Double>,
        created -> BigInt,
    }
}

diesel::table! {
    last_views (user_id, target_kind, target_id) {
        user_id -> BigInt,
        target_kind -> Text,
        target_id -> BigInt,
        view_id -> BigInt,
        created -> BigInt,
    }
}

diesel::table! {
    comments (id) {
        id -> BigInt,
        user_id -> BigInt,
        target_kind -> Text,
        target_id -> BigInt,
        text -> Text,
        pros -> Nullable<Text>,
        cons -> Nullable<Text>,
        x -> Nullable<Double>,
        y -> Nullable<Double>,
        created -> BigInt,
    }
}

diesel::table! {
    offers (id) {
        id -> BigInt,
        store_id -> BigInt,
        user_id -> BigInt,
        text -> Text,
        read -> Integer,
        created -> BigInt,
    }
}

diesel::table! {
    store_messages (id) {
        id -> BigInt,
        user_id -> BigInt,
        store_id -> BigInt,
        title -> Text,
        text -> Text,
        attachment -> Nullable<Text>,
        read -> Integer,
        answer -> Nullable<Text>,
        answer_date -> Nullable<BigInt>,
        answer_attachment -> Nullable<Text>,
        x -> Nullable<Double>,
        y -> Nullable<Double>,
        created -> BigInt,
    }
}

diesel::table! {
    broadcasts (id) {
        id -> BigInt,
        title -> Text,
        text -> Text,
        user_id -> Nullable<BigInt>,
        role -> Nullable<BigInt>,
        store_id -> Nullable<BigInt>,
        date -> Text,
        created -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    bazzars,
    malls,
    stores,
    products,
    counters,
    reactions,
    views,
    last_views,
    comments,
    offers,
    store_messages,
    broadcasts,
);
