//! Decimal numbers read from text (`-12.5`, `.5`, `3.`, `+7`, `1e-3`) as the standard library's
//! `f64::from_str` reads them, correctly rounded, but through serde_json's reader of numbers,
//! which both apps carry for JSON anyway: the standard library's reader brings a table of
//! powers of five (10 KB that barely compress) into each app.

/// The powers of ten a double holds exactly.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The finite number `text` is, or `None`: an optional sign, digits with at most one point
/// (at least one digit), and an optional exponent (`e` or `E`, a sign, digits).
pub fn decimal(text: &str) -> Option<f64> {
    let (negative, rest) = signed(text);
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent_of(exponent)?),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let digits = || {
        whole
            .bytes()
            .chain(fraction.bytes())
            .skip_while(|&b| b == b'0')
    };
    let count = digits().count();
    if count == 0 {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    let exponent = exponent - fraction.len() as i64;
    if count <= 15 && exponent.abs() <= 22 {
        // As typed, nearly always: the digits and the power of ten are both exact doubles,
        // so one multiplication or division rounds correctly (Clinger's fast path).
        let whole = digits().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
        let power = POWERS_OF_TEN[exponent.unsigned_abs() as usize];
        let n = if exponent < 0 {
            whole / power
        } else {
            whole * power
        };
        return Some(if negative { -n } else { n });
    }
    // JSON's grammar: no leading zeros, no point needed with an exponent. A number too large
    // for a double is refused by the reader, as infinity is here.
    let sign = if negative { "-" } else { "" };
    let digits: String = digits().map(char::from).collect();
    serde_json::from_str::<f64>(&format!("{sign}{digits}e{exponent}"))
        .ok()
        .filter(|n| n.is_finite())
}

/// Whether `text` starts with a minus, and the rest after its sign, if any.
fn signed(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// An exponent's value, held within ±1,000,000 (far past any double) so it cannot overflow.
fn exponent_of(text: &str) -> Option<i64> {
    let (negative, digits) = signed(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits
        .bytes()
        .fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(1_000_000));
    Some(if negative { -value } else { value })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the standard library reads, kept finite: what `decimal` must give.
    fn standard(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|n| n.is_finite())
    }

    #[test]
    fn numbers_as_people_and_forms_write_them() {
        for text in [
            "0",
            "-0",
            "+7",
            "12.5",
            "-12.50",
            ".5",
            "3.",
            "007",
            "0.1",
            "0.30000000000000004",
            "36.2021",
            "-180.0",
            "1e3",
            "2.5E-4",
            "1e+2",
            "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001",
            "1e-400",
            "1e400",
            "1e99999999999",
            "9007199254740993",
            "2.2250738585072011e-308",
        ] {
            assert_eq!(
                decimal(text).map(f64::to_bits),
                standard(text).map(f64::to_bits),
                "{text}"
            );
        }
        for text in [
            "", ".", "-", "+", "1.2.3", "1e", "e5", "1e+", "--1", "1 2", " 1", "inf", "NaN", "1,5",
            "٥",
        ] {
            assert_eq!(decimal(text), None, "{text}");
        }
    }

    proptest! {
        /// Any sign, digits, point and exponent: the same double, bit for bit, as the standard
        /// library's reader, or nothing where it gives nothing or infinity.
        #[test]
        fn reads_what_the_standard_library_reads(
            text in "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?",
        ) {
            prop_assert_eq!(decimal(&text).map(f64::to_bits), standard(&text).map(f64::to_bits));
        }

        #[test]
        fn a_double_written_out_reads_back_as_itself(n in any::<f64>().prop_filter("finite", |n| n.is_finite())) {
            prop_assert_eq!(decimal(&n.to_string()).map(f64::to_bits), Some(n.to_bits()));
            prop_assert_eq!(decimal(&format!("{n:e}")).map(f64::to_bits), Some(n.to_bits()));
        }
    }
}
