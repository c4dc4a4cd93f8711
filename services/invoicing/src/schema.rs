diesel::table! {
    customers (seq) {
        seq -> BigInt,
        id -> Text,
        account_id -> Text,
        name -> Text,
        company -> Text,
        address -> Text,
        postal_code -> Text,
        tel -> Text,
        fax -> Text,
        email -> Text,
        mobile -> Text,
        registration_number -> Text,
        economical_number -> Text,
        created -> BigInt,
        updated -> BigInt,
        deleted_at -> Nullable<BigInt>,
    }
}
