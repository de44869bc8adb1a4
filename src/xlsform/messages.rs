//! The converter's own message table, in Arabic and English. It lives with the converter, which
//! the app loads only when a workbook is read or written, so the first visit does not download
//! these texts.

use crate::core::i18n::{messages, Lang};

messages! {
    /// A message of the XLSForm converter.
    XlsMsg;
    NotAWorkbook => "الملف ليس مصنف XLSForm مقروءاً (ملف xlsx): {e}", "The file is not a readable XLSForm workbook (an .xlsx file): {e}";
    NotUtf8 => "الملف {f} ليس نصاً بترميز UTF-8: احفظه من Excel بصيغة «CSV UTF-8»", "the file {f} is not text in UTF-8: save it from Excel as “CSV UTF-8”";
    UnclosedQuote => "خلية بين علامتي تنصيص تبدأ هنا ولا تُغلق", "a cell in quotes starts here and is never closed";
    NoSurveySheet => "لا توجد في المصنف ورقة باسم survey", "The workbook has no sheet named survey";
    NoColumn => "لا يوجد عمود {c}", "there is no {c} column";
    DuplicateColumn => "العمود {c} مكرر", "the column {c} appears twice";
    Unsupported => "لا تدعم نهضة هذا بعد: {f}", "Nahda does not support this yet: {f}";
    UnknownType => "النوع {t} ليس من أنواع XLSForm", "{t} is not an XLSForm type";
    MissingName => "السؤال بلا اسم", "the question has no name";
    MissingList => "لم يُذكر اسم قائمة الخيارات بعد النوع", "the type does not name its choice list";
    UnknownList => "قائمة الخيارات {l} غير موجودة في ورقة choices", "the choice list {l} is not on the choices sheet";
    MissingFile => "قائمة الخيارات تُقرأ من الملف {f}، ولم يُختر مع المصنف: اختر المصنف والملف معاً", "the choice list is read from the file {f}, which was not picked with the workbook: pick the workbook and the file together";
    DuplicateChoice => "الخيار {v} مكرر في القائمة {l}", "the choice {v} appears twice in the list {l}";
    MissingChoiceName => "الخيار بلا اسم", "the choice has no name";
    MissingCalculation => "سؤال الحساب بلا عبارة calculation", "a calculate question needs a calculation";
    UnmatchedEnd => "{t} بلا بداية تقابله", "{t} has no matching begin";
    Unclosed => "المجموعة {n} لا تُغلق", "the group {n} is never closed";
    UnknownName => "العبارة تشير إلى {n}، ولا سؤال بهذا الاسم", "the expression refers to {n}, and no question has that name";
    BadExpression => "العبارة لا تُقرأ: {e}", "the expression does not parse: {e}";
    BadNumber => "القيمة {v} ليست عدداً", "the value {v} is not a number";
    BadNahdaColumn => "عمود nahda لا يُقرأ: {e}", "the nahda column does not read: {e}";
    Place => "ورقة {s}، الصف {r}", "sheet {s}, row {r}";
    PlaceColumn => "ورقة {s}، الصف {r}، العمود {c}", "sheet {s}, row {r}, column {c}";
    FeatureFunction => "الدالة {n}()", "the function {n}()";
    FeaturePath => "مسار XPath {n}", "the XPath path {n}";
    FeatureType => "نوع السؤال {n}", "the question type {n}";
    FeatureColumn => "العمود {n}", "the column {n}";
    FeaturePattern => "نمط regex() هذا: {p}", "this regex() pattern: {p}";
    FeatureCondition => "{n} بشرط", "{n} with a condition";
    NoteMetadata => "تُركت بيانات الجهاز الوصفية التي يسجلها ODK وحده: {t}", "Device metadata that only ODK records was left out: {t}";
    NoteLanguages => "العربية من {a}، والإنكليزية من {e}", "Arabic from {a}, English from {e}";
    NoteIgnoredLanguages => "لغات أخرى لم تُحمَّل: {l}", "Other languages not loaded: {l}";
    NoteCopied => "نصوص بلغة واحدة نُسخت إلى الأخرى: {n}", "Texts in one language only, copied to the other: {n}";
    NoteCalculations => "أسئلة الحساب ({n}) تظهر في الاستمارة قيماً محسوبة للقراءة فقط", "The calculate questions ({n}) show in the form as read-only computed values";
    NoteGenericConstraint => "شروط بلا رسالة ({n}) أخذت رسالة عامة", "Constraints without a message ({n}) were given a general one";
    NoteRequiredMessages => "رسائل الإجابة المطلوبة ({n}) حلّت محلها رسالة نهضة", "Required messages ({n}) are replaced by Nahda's own";
    NoteAppearances => "مظاهر لا تطبقها نهضة: {a}", "Appearances Nahda does not apply: {a}";
    NoteVersion => "الإصدار {v} ليس عدداً صحيحاً؛ صار 1", "The version {v} is not a whole number; it became 1";
    NoteDroppedDuplicates => "خيارات مكررة حُذفت (allow_choice_duplicates): {n}", "Repeated choices dropped (allow_choice_duplicates): {n}";
    NoteListFiles => "قوائم قُرئت من ملفات (الملف: عدد الخيارات): {l}", "Lists read from files (file: choices): {l}";
    NoteUnusedFiles => "ملفات اختيرت ولا يقرأ منها أي سؤال: {l}", "Files picked that no question reads from: {l}";
    NoteGroupHeadings => "عناوين المجموعات الداخلية ({n}) صارت ملاحظات", "The headings of inner groups ({n}) became notes";
    LabelOther => "أخرى", "Other";
    LabelSpecifyOther => "حدّد غير ذلك", "Specify other";
    LabelOk => "موافق", "OK";
    LabelYes => "نعم", "Yes";
    LabelNo => "لا", "No";
    GenericConstraint => "الإجابة لا تستوفي شرط السؤال.", "The answer does not meet the question's condition.";
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for msg in XlsMsg::ALL {
            for lang in [Lang::Ar, Lang::En] {
                let text = msg.text(lang);
                assert!(!text.trim().is_empty(), "{msg:?} in {lang:?}");
                assert_eq!(text, text.trim(), "{msg:?} in {lang:?}");
            }
        }
    }
}
