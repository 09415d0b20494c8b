//! Reading what a visitor types into a lab's settings form, and naming the field a refusal
//! belongs to. Pure, so it is tested natively; the page only renders the reasons.

use crate::error::Error;

/// Why a field was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    NotNumber,
    NotWhole,
    Widths,
    Range {
        min: f64,
        max: f64,
    },
    Depth {
        min: f64,
        max: f64,
    },
    Latent {
        min: f64,
        max: f64,
    },
    /// The number of heads must divide the model's width.
    HeadsDivide,
    /// The setting needs more memory or time per step than the lab allows
    /// (`models::budget`): the estimates and the limits.
    OverBudget {
        bytes: u64,
        seconds: f64,
        max_bytes: u64,
        max_seconds: f64,
    },
    /// Any other refusal, in the core's words.
    Invalid(String),
    /// A parameter of a shared link (`view::share_link`) that was not applied for a reason
    /// only a link can have; the field keeps its default.
    Link(LinkError),
}

/// Why a parameter of a shared link was not applied, when the value itself is not to blame
/// (a value that is, say, not a number is refused as the form would refuse it).
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Keys no field of this lab has: the first few distinct ones, clipped, and whether there
    /// were more.
    UnknownKeys { keys: Vec<String>, more: bool },
    /// The key came earlier in the link, whose first value is the one read.
    Duplicate,
    /// The key without `=` and a value.
    NoValue,
    /// Not one of the field's choices, which are these.
    NotChoice(Vec<&'static str>),
    /// A link's widths name the whole model, from the input's width (784 pixels) on.
    NotFromInput(usize),
    /// The link is longer than this many characters: what follows was not read.
    TooLong(usize),
}

/// Refusals by field name ("lr", "batch", "seed", "widths", "beta").
pub type FieldErrors = Vec<(&'static str, FieldError)>;

/// A validation error from the core, as the field it belongs to.
pub fn from_core(e: &Error) -> Option<(&'static str, FieldError)> {
    if let Error::InvalidConfig { field, detail } = e {
        return Some(match *field {
            "heads" => ("heads", FieldError::HeadsDivide),
            f => (f, FieldError::Invalid(detail.clone())),
        });
    }
    if let Error::OverBudget {
        field,
        bytes,
        seconds,
        max_bytes,
        max_seconds,
    } = *e
    {
        let over = FieldError::OverBudget {
            bytes,
            seconds,
            max_bytes,
            max_seconds,
        };
        return Some((field, over));
    }
    let Error::OutOfRange {
        field, min, max, ..
    } = *e
    else {
        return None;
    };
    Some(match field {
        "depth" => ("widths", FieldError::Depth { min, max }),
        "latent" => ("widths", FieldError::Latent { min, max }),
        f => (f, FieldError::Range { min, max }),
    })
}

pub fn parse_number(s: &str) -> Result<f64, FieldError> {
    let v: f64 = s.trim().parse().map_err(|_| FieldError::NotNumber)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(FieldError::NotNumber)
    }
}

pub fn parse_whole(s: &str) -> Result<u64, FieldError> {
    let s = s.trim();
    if s.parse::<f64>().is_ok() && s.parse::<u64>().is_err() && !s.starts_with('-') {
        return Err(FieldError::NotWhole);
    }
    s.parse().map_err(|_| {
        if s.parse::<f64>().is_ok() {
            FieldError::NotWhole
        } else {
            FieldError::NotNumber
        }
    })
}

/// "128-64-2", "128, 64, 2" or "128 64 2".
pub fn parse_widths(s: &str) -> Result<Vec<usize>, FieldError> {
    let parts: Vec<&str> = s
        .split(|c: char| c == '-' || c == ',' || c == '→' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err(FieldError::Widths);
    }
    parts
        .iter()
        .map(|p| p.parse::<usize>().map_err(|_| FieldError::Widths))
        .collect()
}

pub fn widths_text(layers: &[usize]) -> String {
    layers
        .iter()
        .map(|w| w.to_string())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_widths("128-64-2"), Ok(vec![128, 64, 2]));
        assert_eq!(parse_widths(" 128, 64 ,2 "), Ok(vec![128, 64, 2]));
        assert_eq!(parse_widths("128-x"), Err(FieldError::Widths));
        assert_eq!(parse_widths(""), Err(FieldError::Widths));
        assert_eq!(parse_number("1e-3"), Ok(1e-3));
        assert_eq!(parse_number("abc"), Err(FieldError::NotNumber));
        assert_eq!(parse_number("inf"), Err(FieldError::NotNumber));
        assert_eq!(parse_whole("64"), Ok(64));
        assert_eq!(parse_whole("6.5"), Err(FieldError::NotWhole));
        assert_eq!(parse_whole("x"), Err(FieldError::NotNumber));
    }
}
