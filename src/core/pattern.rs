//! The regular expressions of `regex()` in form expressions (XLSForm's constraints on IDs,
//! phone numbers and e-mail addresses): literals, `.`, classes (`[a-z0-9]`, `[^…]`, `\d \w
//! \s` and their negations), groups with `|`, the quantifiers `* + ? {n} {n,} {n,m}` and the
//! anchors `^ $`. A pattern is compiled to a small automaton and run without backtracking
//! (Thompson's construction, simulated as a Pike VM), so no pattern can make a phone work for
//! more than a moment; a pattern outside this subset does not compile. Written here rather than
//! taken from a crate: the smallest engine of the registry (`regex-lite`) added 13.8 KB brotli
//! to every first visit, this one 3.3 KB.

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    program: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Char(char),
    Any,
    Class {
        ranges: Vec<(char, char)>,
        negated: bool,
    },
    Start,
    End,
    /// Go on at both.
    Split(usize, usize),
    Jump(usize),
    Match,
}

/// A parsed piece of a pattern.
#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Start,
    End,
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, u32, Option<u32>),
}

/// The most steps a compiled pattern may have (`[0-9]{1000}` is a thousand); bounded, since
/// following a step may recurse through the splits after it.
const MAX_PROGRAM: usize = 2_000;

impl Pattern {
    /// Compiles a pattern; `None` when it is outside the subset this module reads.
    pub fn new(source: &str) -> Option<Pattern> {
        let chars: Vec<char> = source.chars().collect();
        let mut at = 0;
        let alternatives = parse_alternatives(&chars, &mut at, 0)?;
        if at != chars.len() {
            return None;
        }
        let mut program = Vec::new();
        emit(&Node::Group(alternatives), &mut program)?;
        program.push(Step::Match);
        Some(Pattern { program })
    }

    /// True when the text contains a match.
    pub fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let mut current: Vec<usize> = Vec::new();
        let mut seen = vec![usize::MAX; self.program.len()];
        for i in 0..=chars.len() {
            // A match may start anywhere: a new thread at every position.
            self.add(&mut current, &mut seen, 0, i, &chars);
            if current.iter().any(|&pc| self.program[pc] == Step::Match) {
                return true;
            }
            let Some(&c) = chars.get(i) else { break };
            let mut next = Vec::new();
            for &pc in &current {
                let moves = match &self.program[pc] {
                    Step::Char(x) => *x == c,
                    Step::Any => c != '\n',
                    Step::Class { ranges, negated } => {
                        ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
                    }
                    _ => false,
                };
                if moves {
                    self.add(&mut next, &mut seen, pc + 1, i + 1, &chars);
                }
            }
            current = next;
        }
        current.iter().any(|&pc| self.program[pc] == Step::Match)
    }

    /// Adds a thread at `pc`, following jumps, splits and anchors at position `i`.
    fn add(
        &self,
        threads: &mut Vec<usize>,
        seen: &mut [usize],
        pc: usize,
        i: usize,
        text: &[char],
    ) {
        if seen[pc] == i {
            return;
        }
        seen[pc] = i;
        match self.program[pc] {
            Step::Jump(to) => self.add(threads, seen, to, i, text),
            Step::Split(a, b) => {
                self.add(threads, seen, a, i, text);
                self.add(threads, seen, b, i, text);
            }
            Step::Start if i == 0 => self.add(threads, seen, pc + 1, i, text),
            Step::End if i == text.len() => self.add(threads, seen, pc + 1, i, text),
            Step::Start | Step::End => {}
            _ => threads.push(pc),
        }
    }
}

fn parse_alternatives(chars: &[char], at: &mut usize, depth: usize) -> Option<Vec<Vec<Node>>> {
    if depth > 32 {
        return None;
    }
    let mut alternatives = vec![Vec::new()];
    while let Some(&c) = chars.get(*at) {
        let node = match c {
            ')' => break,
            '|' => {
                *at += 1;
                alternatives.push(Vec::new());
                continue;
            }
            '(' => {
                *at += 1;
                if chars.get(*at) == Some(&'?') {
                    if chars.get(*at + 1) != Some(&':') {
                        return None;
                    }
                    *at += 2;
                }
                let inner = parse_alternatives(chars, at, depth + 1)?;
                if chars.get(*at) != Some(&')') {
                    return None;
                }
                *at += 1;
                Node::Group(inner)
            }
            '[' => {
                *at += 1;
                class(chars, at)?
            }
            '\\' => {
                *at += 1;
                let escaped = *chars.get(*at)?;
                *at += 1;
                escape(escaped)?
            }
            '.' => {
                *at += 1;
                Node::Any
            }
            '^' => {
                *at += 1;
                Node::Start
            }
            '$' => {
                *at += 1;
                Node::End
            }
            '*' | '+' | '?' | '{' | ']' | '}' => return None,
            c => {
                *at += 1;
                Node::Char(c)
            }
        };
        let node = quantified(node, chars, at)?;
        alternatives.last_mut()?.push(node);
    }
    Some(alternatives)
}

fn quantified(node: Node, chars: &[char], at: &mut usize) -> Option<Node> {
    let (min, max) = match chars.get(*at) {
        Some('*') => (0, None),
        Some('+') => (1, None),
        Some('?') => (0, Some(1)),
        Some('{') => {
            let close = chars[*at..].iter().position(|&c| c == '}')? + *at;
            let inside: String = chars[*at + 1..close].iter().collect();
            *at = close;
            let number = |s: &str| s.trim().parse::<u32>().ok();
            match inside.split_once(',') {
                None => (number(&inside)?, number(&inside)),
                Some((lo, "")) => (number(lo)?, None),
                Some((lo, hi)) => (number(lo)?, Some(number(hi)?)),
            }
        }
        _ => return Some(node),
    };
    *at += 1;
    // A lazy quantifier finds the same matches when only whether one exists is asked.
    if chars.get(*at) == Some(&'?') {
        *at += 1;
    }
    if matches!(node, Node::Start | Node::End) || max.is_some_and(|max| max < min) {
        return None;
    }
    Some(Node::Repeat(Box::new(node), min, max))
}

fn escape(c: char) -> Option<Node> {
    let digits = vec![('0', '9')];
    let word = vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')];
    let space = vec![(' ', ' '), ('\t', '\r')];
    Some(match c {
        'd' => Node::Class(digits, false),
        'D' => Node::Class(digits, true),
        'w' => Node::Class(word, false),
        'W' => Node::Class(word, true),
        's' => Node::Class(space, false),
        'S' => Node::Class(space, true),
        'n' => Node::Char('\n'),
        't' => Node::Char('\t'),
        c if c.is_ascii_alphanumeric() => return None,
        c => Node::Char(c),
    })
}

/// A class after its `[`, up to and with its `]`.
fn class(chars: &[char], at: &mut usize) -> Option<Node> {
    let negated = chars.get(*at) == Some(&'^');
    if negated {
        *at += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(*at)?;
        *at += 1;
        if c == ']' && !first {
            break;
        }
        first = false;
        let lo = if c == '\\' {
            let escaped = *chars.get(*at)?;
            *at += 1;
            match escape(escaped)? {
                Node::Class(more, false) => {
                    ranges.extend(more);
                    continue;
                }
                Node::Char(c) => c,
                _ => return None,
            }
        } else {
            c
        };
        if chars.get(*at) == Some(&'-') && chars.get(*at + 1).is_some_and(|&n| n != ']') {
            let hi = *chars.get(*at + 1)?;
            *at += 2;
            if hi < lo {
                return None;
            }
            ranges.push((lo, hi));
        } else {
            ranges.push((lo, lo));
        }
    }
    Some(Node::Class(ranges, negated))
}

/// Appends the steps of a node.
fn emit(node: &Node, program: &mut Vec<Step>) -> Option<()> {
    if program.len() > MAX_PROGRAM {
        return None;
    }
    match node {
        Node::Char(c) => program.push(Step::Char(*c)),
        Node::Any => program.push(Step::Any),
        Node::Class(ranges, negated) => program.push(Step::Class {
            ranges: ranges.clone(),
            negated: *negated,
        }),
        Node::Start => program.push(Step::Start),
        Node::End => program.push(Step::End),
        Node::Group(alternatives) => {
            let mut jumps = Vec::new();
            for (i, sequence) in alternatives.iter().enumerate() {
                let split = (i + 1 < alternatives.len()).then(|| {
                    program.push(Step::Split(program.len() + 1, 0));
                    program.len() - 1
                });
                for node in sequence {
                    emit(node, program)?;
                }
                if let Some(split) = split {
                    jumps.push(program.len());
                    program.push(Step::Jump(0));
                    program[split] = Step::Split(split + 1, program.len());
                }
            }
            let end = program.len();
            for jump in jumps {
                program[jump] = Step::Jump(end);
            }
        }
        Node::Repeat(inner, min, max) => {
            // Something that takes no step (an empty group) matches the same however often it
            // is repeated: once is enough, and `(){4294967295}` does not loop for ever.
            let before = program.len();
            emit(inner, program)?;
            if program.len() == before {
                return Some(());
            }
            program.truncate(before);
            for _ in 0..*min {
                emit(inner, program)?;
            }
            match max {
                None => {
                    let split = program.len();
                    program.push(Step::Split(split + 1, 0));
                    emit(inner, program)?;
                    program.push(Step::Jump(split));
                    program[split] = Step::Split(split + 1, program.len());
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(program.len());
                        program.push(Step::Split(program.len() + 1, 0));
                        emit(inner, program)?;
                    }
                    let end = program.len();
                    for split in splits {
                        program[split] = Step::Split(split + 1, end);
                    }
                }
            }
        }
    }
    (program.len() <= MAX_PROGRAM).then_some(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        Pattern::new(pattern)
            .unwrap_or_else(|| panic!("{pattern} compiles"))
            .is_match(text)
    }

    #[test]
    fn the_patterns_of_real_forms_match_as_they_should() {
        let ten = "^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$";
        assert!(matches(ten, "0944123456"));
        assert!(!matches(ten, "094412345"));
        assert!(matches("^0[0-9]{9}$", "0712345678"));
        assert!(!matches("^0[0-9]{9}$", "07123456789"));
        assert!(matches("[a-zA-Z0-9]{7}", "xx-AB12cd9"), "a match anywhere");
        assert!(!matches("[a-zA-Z0-9]{7}", "AB-12cd9"));
        let email = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,4}";
        assert!(matches(email, "name.surname@example.org"));
        assert!(!matches(email, "name@example"));
        let phone = r"^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$";
        assert!(matches(phone, "1 (555) 123-4567"));
        assert!(!matches(phone, "555-12-4567"));
        assert!(matches(
            r"[(LEB)|(leb)|(0-9)]{3}\-[0-9]{2}[c|C][0-9]{5}",
            "LEB-13C12345"
        ));
    }

    #[test]
    fn alternation_groups_anchors_and_classes() {
        assert!(matches("^(yes|no)$", "no"));
        assert!(!matches("^(yes|no)$", "maybe"));
        assert!(matches(r"^\d{3}-?\d{2}$", "12345"));
        assert!(matches(r"^\w+\s\w+$", "ab cd"));
        assert!(matches("^[^0-9]*$", "abc"));
        assert!(!matches("^[^0-9]*$", "a1"));
        assert!(matches("^a{2,3}$", "aaa") && !matches("^a{2,3}$", "aaaa"));
        assert!(matches("^(?:ab)+$", "abab"));
        assert!(matches("", "anything"));
        assert!(matches("^$", ""));
        assert!(matches("^مدرسة", "مدرسة الأمل"));
    }

    #[test]
    fn what_is_outside_the_subset_does_not_compile() {
        for bad in [
            "(", "[a-", "a{3,2}", "*a", r"\1", "(?=a)", "a**", "^*", "a{3000}",
        ] {
            assert_eq!(Pattern::new(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        /// Whatever a form writes as a pattern, reading it and matching with it never panics.
        #[test]
        fn any_pattern_reads_or_is_refused_without_panicking(
            source in r"[\\()\[\]{}*+?|^$.,0-9a-z\-]{0,24}",
            text in "[0-9a-z()\\-]{0,16}",
        ) {
            if let Some(pattern) = Pattern::new(&source) {
                let _ = pattern.is_match(&text);
            }
        }
    }

    #[test]
    fn an_empty_group_repeated_without_end_compiles_at_once() {
        let pattern = Pattern::new("^((){4294967295}){4294967295}a$").expect("compiles");
        assert!(pattern.is_match("a"));
    }

    #[test]
    fn a_pattern_that_backtracks_forever_elsewhere_answers_at_once() {
        let evil = Pattern::new("^(a+)+$").unwrap();
        let text = format!("{}b", "a".repeat(5_000));
        assert!(!evil.is_match(&text));
    }
}
