use super::*;
use crate::core::i18n::{CoordinatorMsg, Msg};
use proptest::prelude::*;

#[test]
fn arabic_has_six_plural_categories_by_the_cldr_rules() {
    let cases = [
        (0, Plural::Zero),
        (1, Plural::One),
        (2, Plural::Two),
        (3, Plural::Few),
        (10, Plural::Few),
        (11, Plural::Many),
        (99, Plural::Many),
        (100, Plural::Other),
        (102, Plural::Other),
        (103, Plural::Few),
        (111, Plural::Many),
        (1000, Plural::Other),
    ];
    for (n, category) in cases {
        assert_eq!(plural(n, Lang::Ar), category, "{n}");
    }
    assert_eq!(plural(1, Lang::En), Plural::One);
    assert_eq!(plural(0, Lang::En), Plural::Other);
    assert_eq!(plural(2, Lang::En), Plural::Other);
}

#[test]
fn counts_agree_with_their_number() {
    let ar = |n, case| count(Counted::Submission, n, case, Lang::Ar);
    assert_eq!(ar(1, Case::Nominative), "استمارة واحدة");
    assert_eq!(ar(2, Case::Nominative), "استمارتان");
    assert_eq!(ar(2, Case::Genitive), "استمارتين");
    assert_eq!(ar(3, Case::Nominative), "٣ استمارات");
    assert_eq!(ar(10, Case::Genitive), "١٠ استمارات");
    assert_eq!(ar(11, Case::Nominative), "١١ استمارة");
    assert_eq!(ar(100, Case::Nominative), "١٠٠ استمارة");
    assert_eq!(
        count(Counted::Report, 12, Case::Genitive, Lang::Ar),
        "١٢ تقريراً"
    );
    assert_eq!(count(Counted::Area, 6, Case::Genitive, Lang::Ar), "٦ مناطق");
    assert_eq!(
        count(Counted::Entity, 2, Case::Nominative, Lang::Ar),
        "جهتان"
    );
    assert_eq!(
        count(Counted::Submission, 1, Case::Nominative, Lang::En),
        "1 submission"
    );
    assert_eq!(
        count(Counted::Entity, 2, Case::Genitive, Lang::En),
        "2 entities"
    );
    assert_eq!(
        count(Counted::Report, 32000, Case::Nominative, Lang::En),
        "32,000 reports"
    );
    assert_eq!(count(Counted::Row, 2, Case::Nominative, Lang::Ar), "صفان");
    assert_eq!(count(Counted::Row, 5, Case::Nominative, Lang::Ar), "٥ صفوف");
    assert_eq!(count(Counted::Row, 1, Case::Nominative, Lang::En), "1 row");
    assert_eq!(
        count(Counted::Question, 14, Case::Nominative, Lang::Ar),
        "١٤ سؤالاً"
    );
    assert_eq!(
        count(Counted::Question, 1, Case::Nominative, Lang::Ar),
        "سؤال واحد"
    );
}

#[test]
fn numbers_are_grouped_and_written_in_one_digit_system_per_language() {
    assert_eq!(number(0, Lang::En), "0");
    assert_eq!(number(999, Lang::En), "999");
    assert_eq!(number(32000, Lang::En), "32,000");
    assert_eq!(number(1234567, Lang::En), "1,234,567");
    assert_eq!(number(32000, Lang::Ar), "٣٢٬٠٠٠");
    assert_eq!(figure(Some(4.5), Lang::Ar), "٤٫٥");
    assert_eq!(figure(Some(4.0), Lang::Ar), "٤");
    assert_eq!(figure(Some(12500.0), Lang::En), "12,500");
    assert_eq!(figure(Some(-2.25), Lang::En), "-2.3");
    assert_eq!(figure(None, Lang::Ar), "–");
    assert_eq!(
        date("2026-11-29T19:39:00Z", Lang::En),
        "\u{2066}29/11/2026\u{2069}"
    );
    assert_eq!(date("2026-11-29", Lang::Ar), "\u{2066}٢٩/١١/٢٠٢٦\u{2069}");
}

#[test]
fn arabic_asked_in_latin_digits_keeps_its_grammar_and_writes_latin_digits() {
    let latin = Lang::Ar.with_latin_digits(true);
    assert_eq!(latin, Lang::ArLatn);
    assert_eq!(Lang::En.with_latin_digits(true), Lang::En);
    assert_eq!(latin.with_latin_digits(false), Lang::Ar);
    assert_eq!(number(32000, latin), "32,000");
    assert_eq!(figure(Some(4.5), latin), "4.5");
    assert_eq!(date("2026-11-29", latin), "\u{2066}29/11/2026\u{2069}");
    assert_eq!(
        count(Counted::Submission, 10, Case::Nominative, latin),
        "10 استمارات"
    );
    assert_eq!(
        count(Counted::Submission, 2, Case::Genitive, latin),
        count(Counted::Submission, 2, Case::Genitive, Lang::Ar)
    );
    assert_eq!(plural(11, latin), Plural::Many);
    for msg in Msg::ALL {
        assert_eq!(msg.text(latin), msg.text(Lang::Ar), "{msg:?}");
    }
    for msg in CoordinatorMsg::ALL {
        assert_eq!(msg.text(latin), msg.text(Lang::Ar), "{msg:?}");
    }
    assert_eq!(
        (latin.code(), latin.dir(), latin.other()),
        ("ar", "rtl", Lang::En)
    );
}

#[test]
fn a_moment_is_written_in_local_time_with_its_zone_when_asked() {
    let at = Moment {
        day: "2026-11-29".into(),
        time: "22:39".into(),
        zone: "Asia/Damascus".into(),
    };
    assert_eq!(
        moment(&at, true, Lang::En),
        "\u{2066}29/11/2026\u{2069} \u{2066}22:39\u{2069} (\u{2066}Asia/Damascus\u{2069})"
    );
    assert_eq!(
        moment(&at, false, Lang::Ar),
        "\u{2066}٢٩/١١/٢٠٢٦\u{2069} \u{2066}٢٢:٣٩\u{2069}"
    );
}

#[test]
fn a_message_is_filled_by_name() {
    assert_eq!(
        Msg::RevisionLabel.with(Lang::En, &[("n", "3")]),
        "Revision 3"
    );
}

proptest! {
    #[test]
    fn a_written_number_reads_back_as_itself(n in any::<u32>()) {
        for lang in [Lang::Ar, Lang::En] {
            let written = number(u64::from(n), lang);
            let read = crate::core::i18n::normalize_digits(&written).replace(',', "");
            prop_assert_eq!(read.parse::<u32>().ok(), Some(n));
            let latin = written.chars().any(|c| c.is_ascii_digit());
            prop_assert_eq!(latin, lang == Lang::En, "one digit system: {}", written);
        }
    }
}
