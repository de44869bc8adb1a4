//! XLSForm's XPath expressions read into Nahda's expression language (`core::expr`), and the
//! other way through [`Expr::to_xpath`]. The two languages share their operators, literals and
//! most functions; XPath divides with `div` and names questions by their XLSForm names, which
//! become Nahda ids. What Nahda cannot evaluate (paths to other nodes, functions it lacks) is
//! refused by name, so that nothing is imported that would behave differently.

use crate::core::expr::{Expr, Func, ParseError};

/// Why an expression could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XPathError {
    /// A function Nahda does not have, by its XPath name.
    Function(String),
    /// A path to another node of the form (`/data/q`, `..`, `instance(…)/…`, `q[1]`).
    Path(String),
    /// `${name}` where no question has that name.
    UnknownName(String),
    /// Not an expression at all: the parser's problem, when it got that far (a text or a
    /// `${…}` never closed stops the reading before it).
    Syntax(Option<ParseError>),
}

/// XPath's names of the functions Nahda has. `boolean-from-string`, `jr:choice-name` and the
/// others are not among them.
fn function(name: &str) -> Option<Func> {
    let name = match name {
        "true" | "TRUE" => "true",
        "false" | "FALSE" => "false",
        other => other,
    };
    Func::ALL.into_iter().find(|f| f.name() == name)
}

/// Reads an XPath expression; `id` turns an XLSForm name into its Nahda id, or says there is
/// no such question. In a choice filter (`filter`), a bare name is the column of that name of
/// the choice being decided on (`choice('name')`); anywhere else it is a path, refused.
pub fn read(
    source: &str,
    id: &dyn Fn(&str) -> Option<String>,
    filter: bool,
) -> Result<Expr, XPathError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    // True when the last token ends a value, so that a following word is an operator.
    let mut after_value = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => {
                out.push(c);
                i += 1;
                continue;
            }
            // Typographic quotes, which spreadsheets put in for straight ones, quote too.
            '\'' | '"' | '‘' | '’' | '“' | '”' => {
                // A text opened with a typographic quote may close with a straight one.
                let closing: &[char] = match c {
                    '\'' | '"' => &[c],
                    '‘' | '’' => &['’', '‘', '\''],
                    _ => &['”', '“', '"'],
                };
                let Some(len) = chars[i + 1..].iter().position(|d| closing.contains(d)) else {
                    return Err(XPathError::Syntax(None));
                };
                let text: String = chars[i + 1..i + 1 + len].iter().collect();
                out.push_str(&Expr::Str(text).to_string());
                i += len + 2;
                after_value = true;
                continue;
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                let Some(len) = chars[i..].iter().position(|&d| d == '}') else {
                    return Err(XPathError::Syntax(None));
                };
                let name: String = chars[i + 2..i + len].iter().collect();
                let Some(mapped) = id(name.trim()) else {
                    return Err(XPathError::UnknownName(name.trim().to_string()));
                };
                out.push_str(&format!("${{{mapped}}}"));
                i += len + 1;
                after_value = true;
                continue;
            }
            '.' if chars.get(i + 1) == Some(&'.') => return Err(XPathError::Path("..".into())),
            '/' | '[' | '@' | '|' => return Err(XPathError::Path(c.to_string())),
            '*' if !after_value => return Err(XPathError::Path("*".into())),
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while chars
                    .get(i + 1)
                    .is_some_and(|d| d.is_alphanumeric() || matches!(d, '_' | '-' | '.' | ':'))
                {
                    i += 1;
                }
                // A word that ends with `-` or `.` runs into what follows (`a-1`, `x.`):
                // XPath reads it the same way, so the word is kept whole.
                let word: String = chars[start..=i].iter().collect();
                i += 1;
                let next = chars[i..].iter().find(|d| !d.is_whitespace());
                match word.as_str() {
                    "and" | "or" | "mod" if after_value => out.push_str(&word),
                    "div" if after_value => out.push('/'),
                    _ if next == Some(&'(') => match function(&word) {
                        Some(func) => out.push_str(func.name()),
                        None => return Err(XPathError::Function(word)),
                    },
                    _ if filter => {
                        out.push_str(&Expr::Call(Func::Choice, vec![Expr::Str(word)]).to_string());
                        after_value = true;
                        continue;
                    }
                    _ => return Err(XPathError::Path(word)),
                }
                after_value = false;
                continue;
            }
            ')' => after_value = true,
            '0'..='9' | '.' => {
                while chars
                    .get(i + 1)
                    .is_some_and(|d| d.is_ascii_digit() || *d == '.')
                {
                    out.push(chars[i]);
                    i += 1;
                }
                after_value = true;
            }
            _ => after_value = false,
        }
        out.push(chars[i]);
        i += 1;
    }
    Expr::parse(&out).map_err(|e| XPathError::Syntax(Some(e)))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn same(name: &str) -> Option<String> {
        Some(name.to_lowercase())
    }

    fn nahda(xpath: &str) -> Result<String, XPathError> {
        read(xpath, &same, false).map(|e| e.to_string())
    }

    #[test]
    fn reads_the_expressions_xlsforms_write() {
        assert_eq!(nahda("${Age} >= 18").unwrap(), "${age} >= 18");
        assert_eq!(nahda("${a} div 2 mod 3").unwrap(), "${a} / 2 mod 3");
        assert_eq!(
            nahda("selected(${q}, 'x') and not(count-selected(.) > 2)").unwrap(),
            "selected(${q}, 'x') and not(count-selected(.) > 2)"
        );
        assert_eq!(
            nahda("if(${t} = '', 0, ${t})").unwrap(),
            "if(${t} = '', 0, ${t})"
        );
        assert_eq!(nahda(". <= today()").unwrap(), ". <= today()");
        assert_eq!(
            nahda("string-length(.) < 5 or .=''").unwrap(),
            "string-length(.) < 5 or . = ''"
        );
        assert_eq!(nahda("TRUE()").unwrap(), "true()");
        assert_eq!(
            nahda("concat(${a}, ' ', round(${b} div 3, 2), int(${c}))").unwrap(),
            "concat(${a}, ' ', round(${b} / 3, 2), int(${c}))"
        );
        assert_eq!(nahda("-${x}*2").unwrap(), "-${x} * 2");
        assert_eq!(nahda(".5 + 1.25").unwrap(), "0.5 + 1.25");
        assert_eq!(
            nahda("${q}=’yes’ or ${r} = “it’s”").unwrap(),
            "${q} = 'yes' or ${r} = 'it’s'"
        );
    }

    #[test]
    fn a_choice_filter_reads_bare_names_as_the_choices_columns() {
        let filter = |x: &str| read(x, &same, true).map(|e| e.to_string());
        assert_eq!(
            filter("region = ${Region}").unwrap(),
            "choice('region') = ${region}"
        );
        assert_eq!(
            filter("selected(${brands}, cf) and state=${state}").unwrap(),
            "selected(${brands}, choice('cf')) and choice('state') = ${state}"
        );
        let expr = read("cf = ${q} or cf = 'all'", &same, true).unwrap();
        assert_eq!(expr.to_xpath(), "cf = ${q} or cf = 'all'");
    }

    #[test]
    fn refuses_what_nahda_cannot_evaluate_by_name() {
        assert_eq!(
            nahda("format-date(., '%Y')"),
            Err(XPathError::Function("format-date".into()))
        );
        assert_eq!(
            nahda("jr:choice-name(${q}, '${q}')"),
            Err(XPathError::Function("jr:choice-name".into()))
        );
        assert_eq!(nahda("/data/q = 1"), Err(XPathError::Path("/".into())));
        assert_eq!(nahda("../q = 1"), Err(XPathError::Path("..".into())));
        assert_eq!(
            nahda("category = ${c}"),
            Err(XPathError::Path("category".into()))
        );
        assert_eq!(
            read("${nobody} = 1", &|_| None, false),
            Err(XPathError::UnknownName("nobody".into()))
        );
        assert!(matches!(nahda("${a} = "), Err(XPathError::Syntax(_))));
        assert!(matches!(nahda("'dead"), Err(XPathError::Syntax(_))));
    }

    #[test]
    fn nahda_expressions_go_out_and_come_back_the_same() {
        for source in [
            "${a} / (${b} - 1)",
            "selected(${s}, 'other') and ${n} > 0 or not(${y} = 'yes')",
            "coalesce(${x}, 0) + sum(${c}) * count(${r}) mod 2",
            "if(. = '', 'none', \"it's\")",
            "-(-${a})",
        ] {
            let expr = Expr::parse(source).unwrap();
            assert_eq!(
                read(&expr.to_xpath(), &|n| Some(n.into()), false).unwrap(),
                expr,
                "{source}"
            );
        }
    }
}
