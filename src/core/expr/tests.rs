use std::collections::HashMap;

use proptest::prelude::*;

use super::*;

struct Answers {
    values: HashMap<&'static str, Value>,
    current: Value,
}

impl Scope for Answers {
    fn answer(&self, id: &str) -> Value {
        self.values.get(id).cloned().unwrap_or(Value::Empty)
    }
    fn current(&self) -> Value {
        self.current.clone()
    }
    fn today(&self) -> &str {
        "2026-11-29"
    }
}

fn scope() -> Answers {
    Answers {
        values: HashMap::from([
            ("total", Value::Text("10".into())),
            ("arabic", Value::Text("١٢".into())),
            ("name", Value::Text("أعزاز".into())),
            (
                "sectors",
                Value::Choices(vec!["health".into(), "education".into()]),
            ),
            ("status", Value::Text("functioning".into())),
            (
                "costs",
                Value::Many(vec![
                    Value::Text("5".into()),
                    Value::Text("2.5".into()),
                    Value::Empty,
                ]),
            ),
            ("actors", Value::Rows(3)),
            ("blank", Value::Text("  ".into())),
        ]),
        current: Value::Text("7".into()),
    }
}

fn eval(source: &str) -> Value {
    Expr::parse(source)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .eval(&scope())
}

fn truth(source: &str) -> bool {
    eval(source).as_bool()
}

#[test]
fn arithmetic_follows_precedence() {
    assert_eq!(eval("1 + 2 * 3"), Value::Num(7.0));
    assert_eq!(eval("(1 + 2) * 3"), Value::Num(9.0));
    assert_eq!(eval("10 - 4 - 3"), Value::Num(3.0));
    assert_eq!(eval("7 mod 4"), Value::Num(3.0));
    assert_eq!(eval("-2 * 3"), Value::Num(-6.0));
    assert_eq!(eval("9 / 2"), Value::Num(4.5));
    assert!(
        eval("1 / 0").is_empty(),
        "division by zero is empty, not infinite"
    );
}

#[test]
fn numbers_round_and_texts_join() {
    assert_eq!(eval("round(2.5)"), Value::Num(3.0));
    assert_eq!(
        eval("round(-2.5)"),
        Value::Num(-2.0),
        "a half rounds up, as in XPath"
    );
    assert_eq!(eval("round(${total} / 3, 2)"), Value::Num(3.33));
    assert_eq!(eval("round(${arabic} * 1.04, 1)"), Value::Num(12.5));
    assert!(eval("round(${blank})").is_empty());
    assert!(eval("round(1, ${blank})").is_empty());
    assert_eq!(eval("round(1234.5678, -2)"), Value::Num(1200.0));
    assert_eq!(eval("round(0.000123456, 7)"), Value::Num(0.0001235));
    assert_eq!(eval("int(-7.9)"), Value::Num(-7.0));
    assert_eq!(eval("sqrt(${total} * 10)"), Value::Num(10.0));
    assert!(eval("sqrt(-1)").is_empty(), "no root below zero");
    assert_eq!(eval("abs(-2.5)"), Value::Num(2.5));
    assert_eq!(eval("cos(0) + atan(0)"), Value::Num(1.0));
    assert_eq!(
        eval("round(15 / sqrt(cos(atan(${total} / 100))), 2)"),
        Value::Num(15.04),
        "a plot's side corrected for its slope, as a biomass form writes it"
    );
    assert_eq!(eval("int(${total} / 4)"), Value::Num(2.0));
    assert_eq!(
        eval("concat(${name}, ' (', ${total}, ')')"),
        Value::Text("أعزاز (10)".into())
    );
    assert_eq!(eval("concat(${blank})"), Value::Text("  ".into()));
}

#[test]
fn answers_compare_as_numbers_when_both_are_numbers() {
    assert!(truth(". <= ${total}"));
    assert!(truth("${total} > 9"));
    assert!(truth("${total} = '10'"), "numeric text equals the number");
    assert!(
        truth("${arabic} = 12"),
        "Arabic-Indic digits count as numbers"
    );
    assert!(truth("${arabic} + 1 = 13"));
    assert!(!truth("'9' > '10'"), "numeric strings compare numerically");
}

#[test]
fn text_and_dates_compare_as_text() {
    assert!(truth("${name} = 'أعزاز'"));
    assert!(truth("'2026-11-28' <= today()"));
    assert!(!truth("'2026-11-30' <= today()"));
    assert!(truth("string-length(${name}) = 5"));
}

#[test]
fn regex_finds_a_match_and_reads_arabic_indic_digits() {
    assert!(truth(
        "regex('0944 123 456', '^09[0-9]{2} ?[0-9]{3} ?[0-9]{3}$')"
    ));
    assert!(
        truth("regex('٠٩٤٤١٢٣٤٥٦', '^09[0-9]{8}$')"),
        "typed in Arabic-Indic digits"
    );
    assert!(
        truth("regex(${name}, 'عز')"),
        "a match anywhere in the text"
    );
    assert!(!truth("regex('abc', '^[0-9]+$')"));
    assert!(
        !truth("regex('abc', '([')"),
        "a pattern that does not compile matches nothing"
    );
}

#[test]
fn empty_answers_are_empty() {
    assert!(truth("${missing} = ''"));
    assert!(truth("${blank} = '  '"));
    assert!(
        !truth("${missing} < 3"),
        "an empty answer is not less than anything"
    );
    assert!(!truth("${missing} >= 3"));
    assert!(truth("coalesce(${missing}, 0) + . <= ${total}"));
    assert_eq!(eval("coalesce(${total}, 0)"), Value::Text("10".into()));
    assert!(eval("number('abc')").is_empty());
}

#[test]
fn choices_are_queried_with_selected_and_count_selected() {
    assert!(truth("selected(${sectors}, 'health')"));
    assert!(!truth("selected(${sectors}, 'governance')"));
    assert!(
        truth("selected(${status}, 'functioning')"),
        "works on a single choice too"
    );
    assert!(!truth("selected(${missing}, 'x')"));
    assert_eq!(eval("count-selected(${sectors})"), Value::Num(2.0));
    assert_eq!(eval("count-selected(${missing})"), Value::Num(0.0));
}

#[test]
fn logic_and_conditions() {
    assert!(truth("${total} = '' or . <= ${total}"));
    assert!(truth("not(${total} = '') and . <= ${total}"));
    assert!(!truth("true() and false()"));
    assert_eq!(
        eval("if(${total} > 5, 'big', 'small')"),
        Value::Text("big".into())
    );
    assert_eq!(eval("if(${missing}, 1, 2)"), Value::Num(2.0));
}

#[test]
fn dates_typed_in_arabic_indic_digits_compare_with_today() {
    assert!(truth("'٢٠٢٦-١١-٢٨' <= today()"));
    assert!(!truth("'٢٠٢٦-١١-٣٠' <= today()"));
    assert!(truth("'٢٠٢٦-١١-٢٩' = today()"));
}

#[test]
fn a_repeat_group_compares_as_its_number_of_instances() {
    assert!(truth("${actors} = 3"));
    assert!(truth("${actors} < 10"), "3 < 10 as numbers, not as text");
}

#[test]
fn repeat_groups_count_and_sum() {
    assert_eq!(eval("count(${actors})"), Value::Num(3.0));
    assert_eq!(eval("count(${costs})"), Value::Num(3.0));
    assert_eq!(eval("sum(${costs})"), Value::Num(7.5));
}

#[test]
fn references_are_listed() {
    let expr = Expr::parse("coalesce(${a}, 0) + ${b} <= ${a}").expect("parses");
    assert_eq!(expr.references(), ["a", "b", "a"]);
}

#[test]
fn errors_point_at_the_column() {
    let cases: &[(&str, usize, ParseProblem)] = &[
        ("", 1, ParseProblem::Empty),
        ("1 +", 4, ParseProblem::ExpectedValue(Found::End)),
        ("${a} = 'x", 8, ParseProblem::UnclosedText),
        ("$a = 1", 1, ParseProblem::BadReference),
        ("${A} = 1", 1, ParseProblem::BadReference),
        ("1 # 2", 3, ParseProblem::UnexpectedChar('#')),
        (
            "sum(1) + foo(2)",
            10,
            ParseProblem::UnknownFunction("foo".into()),
        ),
        (
            "selected(${a})",
            1,
            ParseProblem::WrongArgumentCount {
                name: "selected",
                expected: 2,
                found: 1,
            },
        ),
        (
            "(1 + 2",
            7,
            ParseProblem::Expected {
                expected: ")".into(),
                found: Found::End,
            },
        ),
        ("1 2", 3, ParseProblem::TrailingInput("2".into())),
        (
            "round(1, 2, 3)",
            1,
            ParseProblem::WrongArgumentCount {
                name: "round",
                expected: 2,
                found: 3,
            },
        ),
        (
            "concat()",
            1,
            ParseProblem::WrongArgumentCount {
                name: "concat",
                expected: 1,
                found: 0,
            },
        ),
    ];
    for (source, column, problem) in cases {
        let error = Expr::parse(source).expect_err(source);
        assert_eq!(
            (error.column, &error.problem),
            (*column, problem),
            "{source}"
        );
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(
        Expr::parse(&deep).expect_err("too deep").problem,
        ParseProblem::TooDeep
    );
    let negs = format!("{}1", "-".repeat(10_000));
    assert_eq!(
        Expr::parse(&negs).expect_err("too deep").problem,
        ParseProblem::TooDeep
    );
}

pub(crate) fn arb_expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        (0u32..1_000_000).prop_map(|n| Expr::Num(f64::from(n) / 100.0)),
        "[a-z0-9 ]{0,8}".prop_map(Expr::Str),
        "[a-z][a-z0-9_]{0,6}".prop_map(Expr::Ref),
        Just(Expr::Current),
        Just(Expr::Call(Func::Today, vec![])),
    ];
    leaf.prop_recursive(6, 48, 3, |inner| {
        let ops = prop_oneof![
            Just(BinOp::Or),
            Just(BinOp::And),
            Just(BinOp::Eq),
            Just(BinOp::Ne),
            Just(BinOp::Lt),
            Just(BinOp::Le),
            Just(BinOp::Gt),
            Just(BinOp::Ge),
            Just(BinOp::Add),
            Just(BinOp::Sub),
            Just(BinOp::Mul),
            Just(BinOp::Div),
            Just(BinOp::Mod),
        ];
        prop_oneof![
            (ops, inner.clone(), inner.clone()).prop_map(|(op, a, b)| Expr::Binary(
                op,
                Box::new(a),
                Box::new(b)
            )),
            inner.clone().prop_map(|e| Expr::Neg(Box::new(e))),
            (
                prop::sample::select(Func::ALL.to_vec()),
                prop::collection::vec(inner, 3)
            )
                .prop_map(|(func, mut args)| {
                    args.truncate(func.arity().1);
                    args.resize(func.arity().0.max(args.len()), Expr::Num(1.0));
                    Expr::Call(func, args)
                }),
        ]
    })
}

fn arb_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Empty),
        any::<f64>().prop_map(Value::Num),
        ".{0,6}".prop_map(Value::Text),
        any::<bool>().prop_map(Value::Bool),
        prop::collection::vec("[a-z]{1,4}", 0..3).prop_map(Value::Choices),
        (0usize..5).prop_map(Value::Rows),
    ]
}

struct AnyScope(Vec<Value>);

impl Scope for AnyScope {
    fn answer(&self, id: &str) -> Value {
        self.0[id.len() % self.0.len()].clone()
    }
    fn current(&self) -> Value {
        self.0[0].clone()
    }
    fn today(&self) -> &str {
        "2026-01-01"
    }
}

proptest! {
    #[test]
    fn printing_and_parsing_again_gives_the_same_tree(expr in arb_expr()) {
        let printed = expr.to_string();
        let parsed = Expr::parse(&printed).map_err(|e| TestCaseError::fail(format!("{printed}: {e}")))?;
        prop_assert_eq!(parsed, expr, "printed as {}", printed);
    }

    #[test]
    fn evaluation_never_panics(expr in arb_expr(), values in prop::collection::vec(arb_value(), 1..4)) {
        let _ = expr.eval(&AnyScope(values));
    }

    #[test]
    fn parsing_never_panics(source in ".{0,40}") {
        let _ = Expr::parse(&source);
    }

    #[test]
    fn parsing_expression_like_text_never_panics(source in r"[\$\{\}a-z0-9\.\(\)'<>=!+*/ -]{0,40}") {
        let _ = Expr::parse(&source);
    }
}
