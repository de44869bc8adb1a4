//! How the app writes numbers, counts and values into sentences in either language: the plural
//! category of a count by the CLDR rules (Arabic has six: zero, one, two, few 3–10, many
//! 11–99, other), one digit system per language (Arabic-Indic with the Arabic separators in
//! Arabic, as CLDR does for Syria; Latin with commas in English), counted nouns that agree
//! with their number, and values isolated so that a name or a file name in the other direction
//! never reorders the sentence around it.

use crate::core::i18n::{isolate_ltr, Lang};

/// The plural category of a whole number (CLDR, cardinal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The plural category of `n` in `lang`.
pub fn plural(n: u64, lang: Lang) -> Plural {
    match lang {
        Lang::Ar | Lang::ArLatn => match (n, n % 100) {
            (0, _) => Plural::Zero,
            (1, _) => Plural::One,
            (2, _) => Plural::Two,
            (_, 3..=10) => Plural::Few,
            (_, 11..=99) => Plural::Many,
            _ => Plural::Other,
        },
        Lang::En if n == 1 => Plural::One,
        Lang::En => Plural::Other,
    }
}

/// Latin digits of `text` written in the language's digit system (with the Arabic decimal and
/// thousands separators in Arabic); every other character kept.
pub fn in_digits(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En | Lang::ArLatn => text.to_string(),
        Lang::Ar => text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                '.' => '\u{066B}',
                ',' => '\u{066C}',
                other => other,
            })
            .collect(),
    }
}

/// A whole number as the page writes it: grouped by thousands, in the language's digits.
pub fn number(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    in_digits(&grouped, lang)
}

/// A figure as people read it (whole numbers without decimals, others with one), grouped and
/// in the language's digits; a dash when there is none.
pub fn figure(n: Option<f64>, lang: Lang) -> String {
    let Some(n) = n.filter(|n| n.is_finite()) else {
        return "–".into();
    };
    let sign = if n < 0.0 { "-" } else { "" };
    let tenths = (n.abs() * 10.0).round() as u64;
    let whole = number(tenths / 10, lang);
    let text = if tenths.is_multiple_of(10) {
        whole
    } else {
        format!("{whole}{}", in_digits(&format!(".{}", tenths % 10), lang))
    };
    format!("{sign}{text}")
}

/// A date (`YYYY-MM-DD`, or the start of a timestamp) as the page writes it: day, month and
/// year in the language's digits, kept in that order in either direction.
pub fn date(iso: &str, lang: Lang) -> String {
    let day: String = iso.chars().take(10).collect();
    let parts: Vec<&str> = day.split('-').collect();
    let text = match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => day,
    };
    isolate_ltr(&in_digits(&text, lang))
}

/// A moment on the device's clock: its local day and time and the time zone they are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// `HH:MM`, 24-hour.
    pub time: String,
    /// The zone's name (`Asia/Damascus`), or empty when the device does not say.
    pub zone: String,
}

/// A moment as the page writes it: day, month, year and time in the language's digits, kept in
/// that order in either direction; with its time zone when `zoned`, for times people compare
/// across devices.
pub fn moment(at: &Moment, zoned: bool, lang: Lang) -> String {
    let when = format!(
        "{} {}",
        date(&at.day, lang),
        isolate_ltr(&in_digits(&at.time, lang))
    );
    if zoned && !at.zone.is_empty() {
        format!("{when} ({})", isolate_ltr(&at.zone))
    } else {
        when
    }
}

/// Something the app counts in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Submission,
    Entity,
    Area,
    Report,
    /// An instance of a repeat group.
    Row,
    Question,
}

/// Where a count stands in an Arabic sentence: the dual is "استمارتان" as a subject and
/// "استمارتين" after a preposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Nominative,
    Genitive,
}

/// The forms of an Arabic noun after a number: one, two (nominative, genitive), 3–10 (the
/// plural), 11–99 (singular, accusative), 100 and more (singular, genitive).
struct ArabicNoun {
    one: &'static str,
    two: [&'static str; 2],
    few: &'static str,
    many: &'static str,
    other: &'static str,
}

impl Counted {
    fn arabic(self) -> ArabicNoun {
        match self {
            Counted::Submission => ArabicNoun {
                one: "استمارة واحدة",
                two: ["استمارتان", "استمارتين"],
                few: "استمارات",
                many: "استمارة",
                other: "استمارة",
            },
            Counted::Entity => ArabicNoun {
                one: "جهة واحدة",
                two: ["جهتان", "جهتين"],
                few: "جهات",
                many: "جهة",
                other: "جهة",
            },
            Counted::Area => ArabicNoun {
                one: "منطقة واحدة",
                two: ["منطقتان", "منطقتين"],
                few: "مناطق",
                many: "منطقة",
                other: "منطقة",
            },
            Counted::Report => ArabicNoun {
                one: "تقرير واحد",
                two: ["تقريران", "تقريرين"],
                few: "تقارير",
                many: "تقريراً",
                other: "تقرير",
            },
            Counted::Row => ArabicNoun {
                one: "صف واحد",
                two: ["صفان", "صفين"],
                few: "صفوف",
                many: "صفاً",
                other: "صف",
            },
            Counted::Question => ArabicNoun {
                one: "سؤال واحد",
                two: ["سؤالان", "سؤالين"],
                few: "أسئلة",
                many: "سؤالاً",
                other: "سؤال",
            },
        }
    }

    fn english(self) -> [&'static str; 2] {
        match self {
            Counted::Submission => ["submission", "submissions"],
            Counted::Entity => ["entity", "entities"],
            Counted::Area => ["area", "areas"],
            Counted::Report => ["report", "reports"],
            Counted::Row => ["row", "rows"],
            Counted::Question => ["question", "questions"],
        }
    }
}

/// `n` things, the noun agreeing with the number as the language's grammar wants:
/// "استمارة واحدة", "استمارتان", "٣ استمارات", "١١ استمارة", "1 submission", "2 submissions".
pub fn count(what: Counted, n: usize, case: Case, lang: Lang) -> String {
    let n = n as u64;
    let figure = number(n, lang);
    match lang {
        Lang::En => {
            let [one, other] = what.english();
            let noun = if plural(n, lang) == Plural::One {
                one
            } else {
                other
            };
            format!("{figure} {noun}")
        }
        Lang::Ar | Lang::ArLatn => {
            let noun = what.arabic();
            match plural(n, lang) {
                Plural::One => noun.one.to_string(),
                Plural::Two => noun.two[usize::from(case == Case::Genitive)].to_string(),
                Plural::Zero | Plural::Few => format!("{figure} {}", noun.few),
                Plural::Many => format!("{figure} {}", noun.many),
                Plural::Other => format!("{figure} {}", noun.other),
            }
        }
    }
}

/// A message's text with each `{name}` filled by its value. Values are put in as given:
/// numbers written with [`number`] or [`count`], names and file names isolated
/// (`i18n::isolate`).
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut text = text.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
