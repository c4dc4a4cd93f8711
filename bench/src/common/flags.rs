//! The benchmarks' command lines: `--flag value` pairs, and the database
//! they run on unless told otherwise.

/// The `--flag value` pairs of the command line, in order. A flag without
/// a value stops the run, naming it.
pub fn pairs() -> Vec<(String, String)> {
    let mut it = std::env::args().skip(1);
    let mut out = Vec::new();
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        out.push((flag, value));
    }
    out
}

/// `value` read as a number for `flag`, or the run stops, saying `what`.
pub fn number<T: std::str::FromStr>(flag: &str, value: &str, what: &str) -> T {
    value
        .parse()
        .unwrap_or_else(|_| panic!("{flag} takes {what}, not {value:?}"))
}

/// `BENCH_DATABASE_URL`, else the machine's PostgreSQL.
pub fn database() -> String {
    std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}
