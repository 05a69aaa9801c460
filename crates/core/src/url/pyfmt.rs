//! Python's `str()` of the values `json.loads` produces, as the original Python SDK formats them into URLs.
//!
//! * integers print as their digits (JSON integers are already canonical, except `-0` → `0`);
//! * floats print as Python `repr(float)`: the shortest digits that round-trip, in fixed
//!   notation when the decimal exponent is in `-4..16`, otherwise as `1e-07` / `1.5e+16`;
//!   integral floats keep a `.0` (`1.0`, `100.0`); overflow prints `inf` / `-inf`;
//! * `true`/`false` print `True`/`False` and `null` prints `None` (query parameters; the
//!   transformation builder lower-cases booleans itself).

use crate::urlkit::json::Value;
use std::fmt::Write;

/// True when a JSON number literal is an integer (no fraction, no exponent).
pub fn is_int_literal(n: &str) -> bool {
    !n.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
}

/// Appends Python `str()` of a JSON number literal.
pub fn push_number(out: &mut String, n: &str) {
    if is_int_literal(n) {
        if n == "-0" {
            out.push('0');
        } else {
            out.push_str(n);
        }
    } else {
        // A grammar-checked literal always parses; overflow gives ±inf as Python's float() does.
        let x: f64 = n.parse().unwrap_or(f64::NAN);
        push_float(out, x);
    }
}

/// Appends Python `repr(x)` of a float.
pub fn push_float(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_infinite() {
        out.push_str(if x < 0.0 { "-inf" } else { "inf" });
        return;
    }
    // `{:e}` gives the shortest round-trip digits as `d[.ddd]e<exp>`.
    let mut sci = String::with_capacity(32);
    let _ = write!(sci, "{:e}", x);
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` always has an exponent");
    let exp: i32 = exp.parse().expect("`{:e}` exponent is an integer");
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if negative {
        out.push('-');
    }
    // Python's repr switches to exponent notation when decpt <= -4 or decpt > 16,
    // where decpt = exp + 1 (0.d1d2… × 10^decpt).
    let decpt = exp + 1;
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..(-decpt) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let d = decpt as usize;
        if digits.len() <= d {
            out.push_str(&digits);
            for _ in digits.len()..d {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            out.push_str(&digits[..d]);
            out.push('.');
            out.push_str(&digits[d..]);
        }
    }
}

/// Appends Python `str()` of a scalar JSON value; `None` for arrays and objects, whose Python
/// `repr` the builder refuses to imitate (they are rejected as wrong types instead).
pub fn push_scalar(out: &mut String, v: &Value<'_>) -> Option<()> {
    match v {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => push_number(out, n),
        Value::String(s) => out.push_str(s),
        Value::Array(_) | Value::Object(_) => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64) -> String {
        let mut s = String::new();
        push_float(&mut s, x);
        s
    }

    fn n(lit: &str) -> String {
        let mut s = String::new();
        push_number(&mut s, lit);
        s
    }

    #[test]
    fn python_float_repr() {
        // Expected values are CPython 3.11 `repr(float)`.
        for (x, want) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (100.0, "100.0"),
            (1e-07, "1e-07"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (0.00012345, "0.00012345"),
            (1.5e-10, "1.5e-10"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345e16, "1.2345e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1234567890123456.7, "1234567890123456.8"),
            (1e22, "1e+22"),
            (1e100, "1e+100"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (-2.5, "-2.5"),
            (0.30000000000000004, "0.30000000000000004"),
            (2.0 / 3.0, "0.6666666666666666"),
            (1735689602.5, "1735689602.5"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(f(x), want, "repr({x:?})");
        }
    }

    #[test]
    fn python_str_of_json_numbers() {
        assert_eq!(n("0"), "0");
        assert_eq!(n("-0"), "0");
        assert_eq!(n("-7"), "-7");
        assert_eq!(n("123456789012345678901234567890"), "123456789012345678901234567890");
        assert_eq!(n("1.0"), "1.0");
        assert_eq!(n("1E2"), "100.0");
        assert_eq!(n("1e-7"), "1e-07");
        assert_eq!(n("-0.0"), "-0.0");
        assert_eq!(n("2.50"), "2.5");
        assert_eq!(n("1e400"), "inf");
        assert_eq!(n("-1e400"), "-inf");
        assert_eq!(n("1e-400"), "0.0");
    }

    #[test]
    fn python_str_of_scalars() {
        let mut s = String::new();
        for v in [
            Value::Null,
            Value::Bool(true),
            Value::Bool(false),
            Value::Number("3"),
            Value::String("x".into()),
        ] {
            push_scalar(&mut s, &v).unwrap();
            s.push('|');
        }
        assert_eq!(s, "None|True|False|3|x|");
    }
}
