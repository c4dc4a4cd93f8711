//! Numbers as people type them: ASCII, Persian or Arabic-Indic digits.

/// A whole number of ASCII, Persian or Arabic-Indic digits (no sign, no
/// fraction, surrounding spaces allowed); `None` otherwise or past `u64`.
pub fn whole_number(raw: &str) -> Option<u64> {
    let digits: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            other => other,
        })
        .collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
