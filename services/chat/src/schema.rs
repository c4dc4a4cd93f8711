// By hand, in types both backends share.

diesel::table! {
    chats (id) {
        id -> BigInt,
        user_id -> BigInt,
        store_id -> BigInt,
        seller_id -> BigInt,
        status -> Text,
        start_date -> BigInt,
        last_seq -> BigInt,
        user_read -> BigInt,
        seller_read -> BigInt,
    }
}

diesel::table! {
    rooms (id) {
        id -> BigInt,
        kind -> Text,
        ref_id -> BigInt,
        last_seq -> BigInt,
    }
}

diesel::table! {
    room_members (room_id, user_id) {
        room_id -> BigInt,
        user_id -> BigInt,
        read_seq -> BigInt,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        conv_kind -> SmallInt,
        conv_id -> BigInt,
        seq -> BigInt,
        sender_id -> BigInt,
        text -> Text,
        client_id -> Nullable<Text>,
        sent_at -> BigInt,
    }
}

diesel::table! {
    feed_cursor (name) {
        name -> Text,
        cursor -> BigInt,
    }
}

diesel::joinable!(room_members -> rooms (room_id));
diesel::allow_tables_to_appear_in_same_query!(chats, rooms, room_members, messages, feed_cursor);
