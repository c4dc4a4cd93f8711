//! The tables, written by hand from the migrations (both backends share
//! these portable types).

diesel::table! {
    users (id) {
        id -> BigInt,
        role -> Text,
        first_name -> Nullable<Text>,
        last_name -> Nullable<Text>,
        email -> Nullable<Text>,
        mobile -> Text,
        pending_mobile -> Nullable<Text>,
        pending_email -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        status -> Integer,
        failed_logins -> Integer,
        locked_until -> BigInt,
        failed_passwords -> Integer,
        password_locked_until -> BigInt,
        phone -> Nullable<Text>,
        state -> Nullable<BigInt>,
        city -> Nullable<BigInt>,
        hood -> Nullable<BigInt>,
        address -> Nullable<Text>,
        age -> Nullable<Integer>,
        gender -> Nullable<Text>,
        telegram -> Nullable<Text>,
        twitter -> Nullable<Text>,
        linkedin -> Nullable<Text>,
        facebook -> Nullable<Text>,
        instagram -> Nullable<Text>,
        googleplus -> Nullable<Text>,
        website -> Nullable<Text>,
        avatar -> Nullable<Text>,
        created -> BigInt,
        changed -> BigInt,
    }
}

diesel::table! {
    /// One live code per slot: a mobile number for login codes,
    /// `change:<contact>:<user id>` for a change's confirmation.
    login_codes (receptor) {
        receptor -> Text,
        code_id -> Text,
        code_hash -> Text,
        expires_at -> BigInt,
        attempts -> Integer,
        consumed_at -> Nullable<BigInt>,
        cooldown_until -> BigInt,
    }
}

diesel::table! {
    revocations (seq) {
        seq -> BigInt,
        jti -> Text,
        user_id -> BigInt,
        exp -> BigInt,
        revoked_at -> BigInt,
    }
}

diesel::table! {
    send_limits (bucket) {
        bucket -> Text,
        window_start -> BigInt,
        hits -> Integer,
    }
}

diesel::table! {
    /// The marketplace app's sign-ups waiting for their SMS code.
    bazaar_registrations (id) {
        id -> BigInt,
        mobile -> Text,
        password_hash -> Text,
        created -> BigInt,
    }
}
