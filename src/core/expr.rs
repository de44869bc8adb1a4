//! The expression language of form definitions, used for relevance (skip logic), constraints
//! and calculations. An expression is parsed once, when its form is loaded, into an [`Expr`]
//! tree, and evaluated in Rust against the answers; nothing is ever handed to JavaScript.
//!
//! Syntax (documented with examples in `docs/form-format.md`):
//! `${id}` an answer, `.` the answer being checked, numbers, `'text'` or `"text"`,
//! `or`, `and`, `= != < <= > >=`, `+ - * / mod`, unary `-`, parentheses, and the functions in
//! [`Func`]. Evaluation never panics: a value that does not fit is empty or false.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use crate::core::decimal::decimal;
use crate::core::i18n::{isolate_ltr, normalize_digits, Lang, Msg};
use crate::core::pattern::Pattern;
use crate::core::phrase::number;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number literal (never negative: `-3` is `Neg(3)`).
    Num(f64),
    /// A text literal.
    Str(String),
    /// `${id}`: the answer to another question.
    Ref(String),
    /// `.`: the answer being checked by a constraint.
    Current,
    /// Unary minus.
    Neg(Box<Expr>),
    /// A binary operation.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A function call.
    Call(Func, Vec<Expr>),
}

/// Binary operators, from the loosest binding to the tightest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinOp {
    fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne => 3,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 6,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "mod",
        }
    }
}

/// The functions an expression may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `not(x)`
    Not,
    /// `selected(${q}, 'value')`: the choice answer includes the value.
    Selected,
    /// `count-selected(${q})`: how many choices are ticked.
    CountSelected,
    /// `today()`: today's date as `YYYY-MM-DD`.
    Today,
    /// `string-length(x)`: length in characters.
    StringLength,
    /// `if(condition, then, else)`
    If,
    /// `count(${repeat})`: number of instances of a repeat group.
    Count,
    /// `sum(${child})`: sum of a repeat child's answers over all instances.
    Sum,
    /// `number(x)`: the value as a number (empty when it is not one).
    Number,
    /// `coalesce(a, b)`: `a` unless it is empty, else `b`.
    Coalesce,
    /// `true()`
    True,
    /// `false()`
    False,
    /// `choice('name')`: in a choice filter, the column of that name of the choice being
    /// filtered; empty anywhere else.
    Choice,
    /// `regex(text, pattern)`: the text contains a match of the regular expression.
    Regex,
    /// `concat(a, b, …)`: the texts one after another.
    Concat,
    /// `round(x)`: the nearest whole number (a half up); `round(x, n)`: to `n` decimals.
    Round,
    /// `int(x)`: the whole part of a number (towards zero).
    Int,
    /// `abs(x)`
    Abs,
    /// `sqrt(x)`: the square root (empty below zero).
    Sqrt,
    /// `cos(x)`: of an angle in radians.
    Cos,
    /// `atan(x)`: the angle (in radians) whose tangent is `x`.
    Atan,
}

impl Func {
    /// Every function, for the parser and the documentation.
    pub const ALL: [Func; 21] = [
        Func::Not,
        Func::Selected,
        Func::CountSelected,
        Func::Today,
        Func::StringLength,
        Func::If,
        Func::Count,
        Func::Sum,
        Func::Number,
        Func::Coalesce,
        Func::True,
        Func::False,
        Func::Choice,
        Func::Regex,
        Func::Concat,
        Func::Round,
        Func::Int,
        Func::Abs,
        Func::Sqrt,
        Func::Cos,
        Func::Atan,
    ];

    /// The function's name in expressions.
    pub fn name(self) -> &'static str {
        match self {
            Func::Not => "not",
            Func::Selected => "selected",
            Func::CountSelected => "count-selected",
            Func::Today => "today",
            Func::StringLength => "string-length",
            Func::If => "if",
            Func::Count => "count",
            Func::Sum => "sum",
            Func::Number => "number",
            Func::Coalesce => "coalesce",
            Func::True => "true",
            Func::False => "false",
            Func::Choice => "choice",
            Func::Regex => "regex",
            Func::Concat => "concat",
            Func::Round => "round",
            Func::Int => "int",
            Func::Abs => "abs",
            Func::Sqrt => "sqrt",
            Func::Cos => "cos",
            Func::Atan => "atan",
        }
    }

    /// How many arguments the function takes, at least and at most.
    pub(crate) fn arity(self) -> (usize, usize) {
        match self {
            Func::Today | Func::True | Func::False => (0, 0),
            Func::Not
            | Func::CountSelected
            | Func::StringLength
            | Func::Count
            | Func::Sum
            | Func::Number
            | Func::Int
            | Func::Abs
            | Func::Sqrt
            | Func::Cos
            | Func::Atan
            | Func::Choice => (1, 1),
            Func::Round => (1, 2),
            Func::Selected | Func::Coalesce | Func::Regex => (2, 2),
            Func::If => (3, 3),
            Func::Concat => (1, usize::MAX),
        }
    }
}

/// Why an expression does not parse, and where (1-based character column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {problem}")]
pub struct ParseError {
    pub column: usize,
    pub problem: ParseProblem,
}

/// What is wrong at the column of a [`ParseError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseProblem {
    #[error("the expression is empty")]
    Empty,
    #[error("unexpected character '{0}'")]
    UnexpectedChar(char),
    #[error("a text started here is never closed")]
    UnclosedText,
    #[error("a reference must look like ${{question_id}}")]
    BadReference,
    #[error("expected a value, found {0}")]
    ExpectedValue(Found),
    #[error("expected '{expected}', found {found}")]
    Expected { expected: String, found: Found },
    #[error("unknown function '{0}'")]
    UnknownFunction(String),
    #[error("{name}() takes {expected} argument(s), not {found}")]
    WrongArgumentCount {
        name: &'static str,
        expected: usize,
        found: usize,
    },
    #[error("unexpected '{0}' after the end of the expression")]
    TrailingInput(String),
    #[error("the expression nests too deeply")]
    TooDeep,
}

/// What the parser found where it expected something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The end of the expression.
    End,
    /// A piece of the expression, as written (`12`, `'text'`, `${id}`, `(`).
    Token(String),
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::End => write!(f, "the end"),
            Found::Token(token) => write!(f, "'{token}'"),
        }
    }
}

impl Found {
    fn in_words(&self, lang: Lang) -> String {
        match self {
            Found::End => Msg::ExprTheEnd.text(lang).to_string(),
            Found::Token(token) => isolate_ltr(token),
        }
    }
}

impl ParseError {
    /// What is wrong, and where, in words of the language.
    pub fn message(&self, lang: Lang) -> String {
        Msg::ExprAtColumn.with(
            lang,
            &[
                ("n", &number(self.column as u64, lang)),
                ("p", &self.problem_message(lang)),
            ],
        )
    }

    /// What is wrong, without where: for an expression that was rewritten before it was parsed
    /// (an XLSForm's XPath), whose columns are not the ones its author wrote.
    pub fn problem_message(&self, lang: Lang) -> String {
        let text = |msg: Msg| msg.text(lang).to_string();
        match &self.problem {
            ParseProblem::Empty => text(Msg::ExprEmpty),
            ParseProblem::UnexpectedChar(c) => {
                Msg::ExprUnexpectedChar.with(lang, &[("c", &isolate_ltr(&c.to_string()))])
            }
            ParseProblem::UnclosedText => text(Msg::ExprUnclosedText),
            ParseProblem::BadReference => text(Msg::ExprBadReference),
            ParseProblem::ExpectedValue(found) => {
                Msg::ExprExpectedValue.with(lang, &[("f", &found.in_words(lang))])
            }
            ParseProblem::Expected { expected, found } => Msg::ExprExpected.with(
                lang,
                &[("e", &isolate_ltr(expected)), ("f", &found.in_words(lang))],
            ),
            ParseProblem::UnknownFunction(name) => {
                Msg::ExprUnknownFunction.with(lang, &[("n", &isolate_ltr(name))])
            }
            ParseProblem::WrongArgumentCount {
                name,
                expected,
                found,
            } => Msg::ExprArgumentCount.with(
                lang,
                &[
                    ("n", &isolate_ltr(&format!("{name}()"))),
                    ("e", &number(*expected as u64, lang)),
                    ("f", &number(*found as u64, lang)),
                ],
            ),
            ParseProblem::TrailingInput(token) => {
                Msg::ExprTrailing.with(lang, &[("f", &isolate_ltr(token))])
            }
            ParseProblem::TooDeep => text(Msg::ExprTooDeep),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Str(String),
    Ref(String),
    Dot,
    Word(String),
    Op(BinOp),
    LParen,
    RParen,
    Comma,
    End,
}

impl Token {
    /// What was found here: the token as it is written, or the end.
    fn found(&self) -> Found {
        let written = match self {
            Token::Num(n) => n.to_string(),
            Token::Str(s) => format!("'{s}'"),
            Token::Ref(r) => format!("${{{r}}}"),
            Token::Dot => ".".into(),
            Token::Word(w) => w.clone(),
            Token::Op(op) => op.symbol().into(),
            Token::LParen => "(".into(),
            Token::RParen => ")".into(),
            Token::Comma => ",".into(),
            Token::End => return Found::End,
        };
        Found::Token(written)
    }
}

/// True for a valid question id: a lowercase ASCII letter, then lowercase letters, digits or `_`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

fn tokenize(source: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let err = |column: usize, problem| Err(ParseError { column, problem });
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let token = match c {
            '(' => Token::LParen,
            ')' => Token::RParen,
            ',' => Token::Comma,
            '+' => Token::Op(BinOp::Add),
            '-' => Token::Op(BinOp::Sub),
            '*' => Token::Op(BinOp::Mul),
            '/' => Token::Op(BinOp::Div),
            '=' => Token::Op(BinOp::Eq),
            '!' if chars.get(i + 1) == Some(&'=') => {
                i += 1;
                Token::Op(BinOp::Ne)
            }
            '<' | '>' => {
                let with_eq = chars.get(i + 1) == Some(&'=');
                if with_eq {
                    i += 1;
                }
                Token::Op(match (c, with_eq) {
                    ('<', false) => BinOp::Lt,
                    ('<', true) => BinOp::Le,
                    ('>', false) => BinOp::Gt,
                    _ => BinOp::Ge,
                })
            }
            '\'' | '"' => {
                let close = chars[i + 1..].iter().position(|&d| d == c);
                let Some(len) = close else {
                    return err(column, ParseProblem::UnclosedText);
                };
                let text: String = chars[i + 1..i + 1 + len].iter().collect();
                i += len + 1;
                Token::Str(text)
            }
            '$' => {
                let close = chars[i..].iter().position(|&d| d == '}');
                let ok = chars.get(i + 1) == Some(&'{') && close.is_some();
                let id: String = match close {
                    Some(end) if ok => chars[i + 2..i + end].iter().collect(),
                    _ => return err(column, ParseProblem::BadReference),
                };
                if !is_valid_id(&id) {
                    return err(column, ParseProblem::BadReference);
                }
                i += close.unwrap_or_default();
                Token::Ref(id)
            }
            '.' if !chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) => Token::Dot,
            '0'..='9' | '.' => {
                let start = i;
                while chars
                    .get(i + 1)
                    .is_some_and(|d| d.is_ascii_digit() || *d == '.')
                {
                    i += 1;
                }
                let text: String = chars[start..=i].iter().collect();
                match decimal(&text) {
                    Some(n) => Token::Num(n),
                    None => return err(column, ParseProblem::UnexpectedChar(c)),
                }
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while chars
                    .get(i + 1)
                    .is_some_and(|d| d.is_ascii_alphanumeric() || *d == '-' || *d == '_')
                {
                    i += 1;
                }
                let word: String = chars[start..=i].iter().collect();
                match word.as_str() {
                    "or" => Token::Op(BinOp::Or),
                    "and" => Token::Op(BinOp::And),
                    "mod" => Token::Op(BinOp::Mod),
                    _ => Token::Word(word),
                }
            }
            other => return err(column, ParseProblem::UnexpectedChar(other)),
        };
        tokens.push((column, token));
        i += 1;
    }
    tokens.push((chars.len() + 1, Token::End));
    Ok(tokens)
}

const MAX_DEPTH: usize = 64;

struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.at].1
    }

    fn column(&self) -> usize {
        self.tokens[self.at].0
    }

    fn next(&mut self) -> Token {
        let token = self.tokens[self.at].1.clone();
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
        token
    }

    fn fail<T>(&self, problem: ParseProblem) -> Result<T, ParseError> {
        Err(ParseError {
            column: self.column(),
            problem,
        })
    }

    fn expect(&mut self, wanted: Token, name: &str) -> Result<(), ParseError> {
        if *self.peek() == wanted {
            self.next();
            Ok(())
        } else {
            self.fail(ParseProblem::Expected {
                expected: name.into(),
                found: self.peek().found(),
            })
        }
    }

    fn expression(&mut self, min_precedence: u8) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail(ParseProblem::TooDeep);
        }
        let mut left = self.unary()?;
        while let Token::Op(op) = *self.peek() {
            if op.precedence() < min_precedence {
                break;
            }
            self.next();
            let right = self.expression(op.precedence() + 1)?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if *self.peek() == Token::Op(BinOp::Sub) {
            self.next();
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return self.fail(ParseProblem::TooDeep);
            }
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(inner)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        let column = self.column();
        match self.next() {
            Token::Num(n) => Ok(Expr::Num(n)),
            Token::Str(s) => Ok(Expr::Str(s)),
            Token::Ref(r) => Ok(Expr::Ref(r)),
            Token::Dot => Ok(Expr::Current),
            Token::LParen => {
                let inner = self.expression(0)?;
                self.expect(Token::RParen, ")")?;
                Ok(inner)
            }
            Token::Word(name) => {
                let Some(func) = Func::ALL.into_iter().find(|f| f.name() == name) else {
                    return Err(ParseError {
                        column,
                        problem: ParseProblem::UnknownFunction(name),
                    });
                };
                self.expect(Token::LParen, "(")?;
                let mut args = Vec::new();
                if *self.peek() != Token::RParen {
                    loop {
                        args.push(self.expression(0)?);
                        if *self.peek() != Token::Comma {
                            break;
                        }
                        self.next();
                    }
                }
                self.expect(Token::RParen, ")")?;
                let (least, most) = func.arity();
                if args.len() < least || args.len() > most {
                    return Err(ParseError {
                        column,
                        problem: ParseProblem::WrongArgumentCount {
                            name: func.name(),
                            expected: args.len().clamp(least, most),
                            found: args.len(),
                        },
                    });
                }
                Ok(Expr::Call(func, args))
            }
            other => Err(ParseError {
                column,
                problem: ParseProblem::ExpectedValue(other.found()),
            }),
        }
    }
}

impl Expr {
    /// Parses an expression; the error names the column where it goes wrong.
    pub fn parse(source: &str) -> Result<Expr, ParseError> {
        let tokens = tokenize(source)?;
        if tokens.len() == 1 {
            return Err(ParseError {
                column: 1,
                problem: ParseProblem::Empty,
            });
        }
        let mut parser = Parser {
            tokens,
            at: 0,
            depth: 0,
        };
        let expr = parser.expression(0)?;
        if let Found::Token(token) = parser.peek().found() {
            return parser.fail(ParseProblem::TrailingInput(token));
        }
        Ok(expr)
    }

    /// Every question id this expression refers to with `${id}`.
    pub fn references(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_references(&mut out);
        out
    }

    fn collect_references<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Ref(id) => out.push(id),
            Expr::Neg(inner) => inner.collect_references(out),
            Expr::Binary(_, a, b) => {
                a.collect_references(out);
                b.collect_references(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_references(out)),
            Expr::Num(_) | Expr::Str(_) | Expr::Current => {}
        }
    }

    /// The patterns written in this expression's `regex()` calls that `core::pattern` cannot
    /// read (such a pattern would match nothing).
    pub fn unreadable_patterns(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_unreadable_patterns(&mut out);
        out
    }

    fn collect_unreadable_patterns<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Call(Func::Regex, args) => {
                if let Some(Expr::Str(pattern)) = args.get(1) {
                    if Pattern::new(pattern).is_none() {
                        out.push(pattern);
                    }
                }
                args.iter().for_each(|a| a.collect_unreadable_patterns(out));
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_unreadable_patterns(out)),
            Expr::Neg(inner) => inner.collect_unreadable_patterns(out),
            Expr::Binary(_, a, b) => {
                a.collect_unreadable_patterns(out);
                b.collect_unreadable_patterns(out);
            }
            Expr::Num(_) | Expr::Str(_) | Expr::Ref(_) | Expr::Current => {}
        }
    }

    fn precedence(&self) -> u8 {
        match self {
            Expr::Binary(op, _, _) => op.precedence(),
            Expr::Neg(_) => 7,
            _ => 8,
        }
    }
}

/// Prints the expression in the language's syntax, with only the parentheses it needs, so that
/// printing and parsing again gives the same tree.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Written {
            expr: self,
            xpath: false,
        }
        .fmt(f)
    }
}

impl Expr {
    /// The expression in XPath, as XLSForm writes it: the same as [`Expr`]'s own syntax except
    /// that division is `div`.
    pub fn to_xpath(&self) -> String {
        Written {
            expr: self,
            xpath: true,
        }
        .to_string()
    }
}

/// An expression printed in Nahda's syntax or in XPath.
struct Written<'a> {
    expr: &'a Expr,
    xpath: bool,
}

impl fmt::Display for Written<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wrapped = |f: &mut fmt::Formatter<'_>, expr: &Expr, parens: bool| {
            let inner = Written {
                expr,
                xpath: self.xpath,
            };
            if parens {
                write!(f, "({inner})")
            } else {
                write!(f, "{inner}")
            }
        };
        match self.expr {
            Expr::Num(n) => write!(f, "{n}"),
            Expr::Str(s) if s.contains('\'') => write!(f, "\"{s}\""),
            Expr::Str(s) => write!(f, "'{s}'"),
            Expr::Ref(id) => write!(f, "${{{id}}}"),
            Expr::Current => write!(f, "."),
            Expr::Neg(inner) => {
                write!(f, "-")?;
                wrapped(f, inner, inner.precedence() < 7)
            }
            Expr::Binary(op, a, b) => {
                wrapped(f, a, a.precedence() < op.precedence())?;
                let symbol = match op {
                    BinOp::Div if self.xpath => "div",
                    _ => op.symbol(),
                };
                write!(f, " {symbol} ")?;
                wrapped(f, b, b.precedence() <= op.precedence())
            }
            // XPath names a choice's column in a choice filter by its bare name.
            Expr::Call(Func::Choice, args) if self.xpath => match args.as_slice() {
                [Expr::Str(name)] if is_xml_name(name) => write!(f, "{name}"),
                _ => write!(
                    f,
                    "choice({})",
                    Written {
                        expr: args.first().unwrap_or(&Expr::Str(String::new())),
                        xpath: true
                    }
                ),
            },
            Expr::Call(func, args) => {
                write!(f, "{}(", func.name())?;
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    wrapped(f, arg, false)?;
                }
                write!(f, ")")
            }
        }
    }
}

/// True when `text` contains a match of the regular expression `pattern`, as XLSForm's
/// `regex()` tests it (`core::pattern`); a pattern that does not compile matches nothing.
/// Patterns are compiled once and kept, since a constraint is checked at every keystroke.
fn matches_pattern(text: &str, pattern: &str) -> bool {
    thread_local! {
        static COMPILED: RefCell<HashMap<String, Option<Pattern>>> = RefCell::new(HashMap::new());
    }
    COMPILED.with(|compiled| {
        let mut compiled = compiled.borrow_mut();
        if !compiled.contains_key(pattern) {
            // A pattern taken from an answer changes with each keystroke: the cache starts
            // again rather than growing without end.
            if compiled.len() >= MAX_COMPILED_PATTERNS {
                compiled.clear();
            }
            compiled.insert(pattern.to_string(), Pattern::new(pattern));
        }
        compiled
            .get(pattern)
            .and_then(Option::as_ref)
            .is_some_and(|p| p.is_match(text))
    })
}

/// The most compiled patterns kept at once (a form writes a handful).
const MAX_COMPILED_PATTERNS: usize = 64;

/// True for a name XPath reads as a bare name: a letter or `_`, then letters, digits, `_`, `-`
/// or `.`, and not one of XPath's operator words.
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !matches!(name, "and" | "or" | "div" | "mod")
}

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No answer (also the result of anything that does not compute).
    Empty,
    Num(f64),
    Text(String),
    Bool(bool),
    /// The ticked values of a choice question.
    Choices(Vec<String>),
    /// The answers to one question across the instances of its repeat group.
    Many(Vec<Value>),
    /// A repeat group: the number of its instances.
    Rows(usize),
}

impl Value {
    /// True for no answer: empty, blank text, no choices, or a number that did not compute.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            Value::Num(n) => n.is_nan(),
            Value::Choices(c) => c.is_empty(),
            Value::Many(v) => v.is_empty(),
            Value::Bool(_) | Value::Rows(_) => false,
        }
    }

    /// The value as a number; NaN when it is not one. Arabic-Indic digits are accepted.
    pub fn as_num(&self) -> f64 {
        match self {
            Value::Num(n) => *n,
            Value::Text(s) => parse_number(s).unwrap_or(f64::NAN),
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Rows(n) => *n as f64,
            Value::Empty | Value::Choices(_) | Value::Many(_) => f64::NAN,
        }
    }

    /// The value as true or false.
    pub fn as_bool(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Num(n) => *n != 0.0 && !n.is_nan(),
            Value::Rows(n) => *n > 0,
            other => !other.is_empty(),
        }
    }

    /// The value as text.
    pub fn as_text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Num(n) => format_number(*n),
            Value::Text(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Choices(c) => c.join(" "),
            Value::Many(v) => v.iter().map(Value::as_text).collect::<Vec<_>>().join(" "),
            Value::Rows(n) => n.to_string(),
        }
    }

    fn as_number_if_numeric(&self) -> Option<f64> {
        match self {
            Value::Num(n) if !n.is_nan() => Some(*n),
            Value::Text(s) => parse_number(s),
            Value::Rows(n) => Some(*n as f64),
            _ => None,
        }
    }

    /// The value as text with Arabic-Indic digits read as ASCII digits, for comparing texts
    /// such as dates typed either way.
    fn as_comparable_text(&self) -> String {
        normalize_digits(&self.as_text())
    }
}

/// Reads a number as typed: surrounding spaces ignored, Arabic-Indic digits accepted, and
/// thousands separated by commas (`6,500`, `٦٬٥٠٠`) when every group after the first has three
/// digits; a comma anywhere else (`6,5`) is not a number.
pub fn parse_number(text: &str) -> Option<f64> {
    let normal = normalize_digits(text.trim());
    if normal.is_empty() || normal.contains(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    decimal(&ungrouped(&normal)?)
}

/// The number without its thousands separators, when they stand between groups of three.
fn ungrouped(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_string());
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = whole.trim_start_matches(['-', '+']);
    let mut groups = digits.split(',');
    let first = groups.next()?;
    let digit_group = |g: &str, sizes: std::ops::RangeInclusive<usize>| {
        sizes.contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit())
    };
    if fraction.contains(',')
        || !digit_group(first, 1..=3)
        || !groups.all(|g| digit_group(g, 3..=3))
    {
        return None;
    }
    Some(text.replace(',', ""))
}

/// Formats a number without a needless `.0`.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        String::new()
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// What an expression can see while it is evaluated.
pub trait Scope {
    /// The value of `${id}`.
    fn answer(&self, id: &str) -> Value;
    /// The value of `.`.
    fn current(&self) -> Value;
    /// Today's date as `YYYY-MM-DD`.
    fn today(&self) -> &str;
    /// The column of this name of the choice a choice filter is deciding on; empty outside a
    /// choice filter.
    fn choice_column(&self, _name: &str) -> Value {
        Value::Empty
    }
}

impl Expr {
    /// Evaluates the expression. Never panics: what does not compute is empty.
    pub fn eval(&self, scope: &dyn Scope) -> Value {
        match self {
            Expr::Num(n) => Value::Num(*n),
            Expr::Str(s) => Value::Text(s.clone()),
            Expr::Ref(id) => scope.answer(id),
            Expr::Current => scope.current(),
            Expr::Neg(inner) => Value::Num(-inner.eval(scope).as_num()),
            Expr::Binary(op, a, b) => binary(*op, a, b, scope),
            Expr::Call(func, args) => call(*func, args, scope),
        }
    }

    /// Evaluates the expression as a condition.
    pub fn is_true(&self, scope: &dyn Scope) -> bool {
        self.eval(scope).as_bool()
    }
}

fn binary(op: BinOp, a: &Expr, b: &Expr, scope: &dyn Scope) -> Value {
    match op {
        BinOp::Or => return Value::Bool(a.is_true(scope) || b.is_true(scope)),
        BinOp::And => return Value::Bool(a.is_true(scope) && b.is_true(scope)),
        _ => {}
    }
    let (x, y) = (a.eval(scope), b.eval(scope));
    match op {
        BinOp::Eq => Value::Bool(equal(&x, &y)),
        BinOp::Ne => Value::Bool(!equal(&x, &y)),
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let ordering = match (x.as_number_if_numeric(), y.as_number_if_numeric()) {
                (Some(m), Some(n)) => m.partial_cmp(&n),
                _ if x.is_empty() || y.is_empty() => None,
                _ => Some(x.as_comparable_text().cmp(&y.as_comparable_text())),
            };
            Value::Bool(ordering.is_some_and(|o| match op {
                BinOp::Lt => o.is_lt(),
                BinOp::Le => o.is_le(),
                BinOp::Gt => o.is_gt(),
                _ => o.is_ge(),
            }))
        }
        _ => {
            let (m, n) = (x.as_num(), y.as_num());
            Value::Num(match op {
                BinOp::Add => m + n,
                BinOp::Sub => m - n,
                BinOp::Mul => m * n,
                BinOp::Div if n == 0.0 => f64::NAN,
                BinOp::Div => m / n,
                BinOp::Mod if n == 0.0 => f64::NAN,
                _ => m % n,
            })
        }
    }
}

fn equal(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Bool(_), _) | (_, Value::Bool(_)) => x.as_bool() == y.as_bool(),
        _ => match (x.as_number_if_numeric(), y.as_number_if_numeric()) {
            (Some(m), Some(n)) => m == n,
            _ => x.as_comparable_text() == y.as_comparable_text(),
        },
    }
}

fn call(func: Func, args: &[Expr], scope: &dyn Scope) -> Value {
    let arg = |i: usize| args.get(i).map_or(Value::Empty, |a| a.eval(scope));
    match func {
        Func::Not => Value::Bool(!arg(0).as_bool()),
        Func::True => Value::Bool(true),
        Func::False => Value::Bool(false),
        Func::Today => Value::Text(scope.today().to_string()),
        Func::Choice => scope.choice_column(&arg(0).as_text()),
        // Digits typed in Arabic-Indic match a pattern written with 0-9.
        Func::Regex => Value::Bool(matches_pattern(
            &normalize_digits(&arg(0).as_text()),
            &arg(1).as_text(),
        )),
        Func::Selected => {
            let wanted = arg(1).as_text();
            Value::Bool(match arg(0) {
                Value::Choices(c) => c.contains(&wanted),
                Value::Empty => false,
                other => other.as_text().split_whitespace().any(|v| v == wanted),
            })
        }
        Func::CountSelected => Value::Num(match arg(0) {
            Value::Choices(c) => c.len() as f64,
            Value::Empty => 0.0,
            other => other.as_text().split_whitespace().count() as f64,
        }),
        Func::StringLength => Value::Num(arg(0).as_text().chars().count() as f64),
        Func::If => {
            if arg(0).as_bool() {
                arg(1)
            } else {
                arg(2)
            }
        }
        Func::Count => Value::Num(match arg(0) {
            Value::Rows(n) => n as f64,
            Value::Many(v) => v.len() as f64,
            Value::Empty => 0.0,
            _ => 1.0,
        }),
        Func::Sum => Value::Num(match arg(0) {
            Value::Many(v) => v.iter().map(Value::as_num).filter(|n| !n.is_nan()).sum(),
            other => other.as_num(),
        }),
        Func::Number => Value::Num(arg(0).as_num()),
        Func::Int => Value::Num(arg(0).as_num().trunc()),
        Func::Abs => Value::Num(arg(0).as_num().abs()),
        Func::Sqrt => Value::Num(arg(0).as_num().sqrt()),
        Func::Cos => Value::Num(arg(0).as_num().cos()),
        Func::Atan => Value::Num(arg(0).as_num().atan()),
        Func::Round => {
            let scale = if args.len() > 1 {
                // A whole power of ten by multiplication (exact up to 10^22), not `powf`,
                // whose code a phone would download for this alone.
                match arg(1).as_num().trunc() {
                    digits if digits.is_nan() => f64::NAN,
                    digits => 10f64.powi(digits.clamp(-400.0, 400.0) as i32),
                }
            } else {
                1.0
            };
            Value::Num((arg(0).as_num() * scale + 0.5).floor() / scale)
        }
        Func::Concat => Value::Text(args.iter().map(|a| a.eval(scope).as_text()).collect()),
        Func::Coalesce => {
            let first = arg(0);
            if first.is_empty() {
                arg(1)
            } else {
                first
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;
