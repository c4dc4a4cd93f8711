//! The tables of both migrations, by hand, in portable types.

diesel::table! {
    buildings (id) {
        id -> BigInt,
        name -> Text,
        address -> Text,
        created -> BigInt,
    }
}

diesel::table! {
    blocks (id) {
        id -> BigInt,
        building_id -> BigInt,
        name -> Text,
        created -> BigInt,
    }
}

diesel::table! {
    apartments (id) {
        id -> BigInt,
        block_id -> BigInt,
        number -> Text,
        created -> BigInt,
    }
}

diesel::table! {
    residents (id) {
        id -> BigInt,
        apartment_id -> BigInt,
        block_id -> BigInt,
        building_id -> BigInt,
        user_id -> Text,
        role -> Text,
        created -> BigInt,
    }
}

diesel::table! {
    membership_changes (seq) {
        seq -> BigInt,
        change -> Text,
        user_id -> Text,
        role -> Text,
        building_id -> BigInt,
        block_id -> BigInt,
        apartment_id -> BigInt,
        in_block -> Bool,
        in_building -> Bool,
        created -> BigInt,
    }
}

diesel::table! {
    contact_emails (id) {
        id -> BigInt,
        user_id -> Text,
        email -> Text,
        email_key -> Text,
        created -> BigInt,
    }
}

diesel::table! {
    contact_phones (id) {
        id -> BigInt,
        user_id -> Text,
        phone -> Text,
        created -> BigInt,
    }
}

diesel::table! {
    location_log (id) {
        id -> BigInt,
        user_id -> Text,
        operation -> Text,
        longitude -> Nullable<Text>,
        latitude -> Nullable<Text>,
        created -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(apartments, blocks, buildings, residents);
