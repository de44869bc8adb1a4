//! The translation tables and the language rules of the app.
//!
//! Every user-visible string of the app's own (not of a form definition, which carries its own
//! bilingual texts) is a message with an Arabic and an English text: a [`Msg`], or a
//! [`CoordinatorMsg`] when only the coordinator app shows it (`i18n/coordinator.rs`), so the
//! field app does not download it. Arabic is the default language. This module also owns digit normalisation (Arabic-Indic digits are accepted
//! wherever numbers are typed) and the text direction of each language.

use serde::{Deserialize, Serialize};

mod coordinator;
pub use coordinator::CoordinatorMsg;

/// A language the app speaks, with the digits it writes numbers in (a locale: `ar`,
/// `ar-u-nu-latn`, `en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic with Arabic-Indic digits (٠-٩), as CLDR writes it for Syria: the default.
    #[default]
    Ar,
    /// Arabic with Latin digits (0-9), for readers who ask for them in Settings.
    ArLatn,
    En,
}

impl Lang {
    /// The BCP 47 code used in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar | Lang::ArLatn => "ar",
            Lang::En => "en",
        }
    }

    /// The text direction used in `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar | Lang::ArLatn => "rtl",
            Lang::En => "ltr",
        }
    }

    /// What separates the items of a list in a sentence (the Arabic comma in Arabic).
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::Ar | Lang::ArLatn => "، ",
            Lang::En => ", ",
        }
    }

    /// What separates items that hold commas of their own (the Arabic semicolon in Arabic).
    pub fn list_semicolon(self) -> &'static str {
        match self {
            Lang::Ar | Lang::ArLatn => "؛ ",
            Lang::En => "; ",
        }
    }

    /// The other language: what the language switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ar | Lang::ArLatn => Lang::En,
            Lang::En => Lang::Ar,
        }
    }

    /// True for Arabic, whichever digits it is written in.
    pub fn is_arabic(self) -> bool {
        matches!(self, Lang::Ar | Lang::ArLatn)
    }

    /// This language written in Latin digits when `latin` is asked for, in its own digits
    /// otherwise (English has Latin digits either way).
    pub fn with_latin_digits(self, latin: bool) -> Lang {
        match self {
            Lang::Ar | Lang::ArLatn if latin => Lang::ArLatn,
            Lang::Ar | Lang::ArLatn => Lang::Ar,
            Lang::En => Lang::En,
        }
    }

    /// Reads a stored language code; anything unknown falls back to Arabic.
    pub fn from_code(code: &str) -> Lang {
        match code.trim() {
            "en" => Lang::En,
            _ => Lang::Ar,
        }
    }
}

/// A message of one of the tables: its text in a language.
pub trait Message: Copy + 'static {
    /// The message in the given language.
    fn text(self, lang: Lang) -> &'static str;
}

/// Declares a message table: one enum variant per message, with its Arabic and English text.
/// The app's table is [`Msg`]; code that not every first visit downloads (the coordinator app,
/// the XLSForm converter) keeps a table of its own, so that the field app does not carry its
/// texts.
macro_rules! messages {
    ($(#[$doc:meta])* $table:ident; $($name:ident => $ar:literal, $en:literal;)+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $table { $($name),+ }

        impl $table {
            /// Every message, for the completeness tests.
            pub const ALL: &'static [$table] = &[$($table::$name),+];

            /// The message in the given language.
            pub fn text(self, lang: Lang) -> &'static str {
                // One row per message, in the order of the enum: a table rather than a match,
                // which would be code for every message.
                const TEXTS: &[[&str; 2]] = &[$([$ar, $en]),+];
                TEXTS[self as usize][usize::from(!lang.is_arabic())]
            }

            /// The message in `lang` with each `{name}` filled by its value (see
            /// [`crate::core::phrase::fill`]).
            pub fn with(self, lang: Lang, values: &[(&str, &str)]) -> String {
                crate::core::phrase::fill(self.text(lang), values)
            }
        }

        impl crate::core::i18n::Message for $table {
            fn text(self, lang: Lang) -> &'static str {
                $table::text(self, lang)
            }
        }
    };
}
pub(crate) use messages;

messages! {
    /// A user-visible message of the app. Its texts come from [`Msg::text`].
    Msg;
    AppName => "نهضة", "Nahda";
    AppTagline => "مسوح القطاعات الستة وخطة التعافي المشتركة", "Six-sector surveys and the joint recovery plan";
    SwitchLanguage => "English", "العربية";
    SwitchLanguageLabel => "التبديل إلى الإنكليزية", "Switch to Arabic";
    MainNavigation => "التنقل الرئيسي", "Main navigation";
    NavSurvey => "المسح", "Survey";
    NavSubmissions => "استماراتي", "My submissions";
    NavExport => "تصدير", "Export";
    NavImport => "استيراد", "Import";
    NavCoordinator => "المنسّق", "Coordinator";
    NavPlan => "الخطة", "Plan";
    NavSettings => "الإعدادات", "Settings";
    SubmissionsIntro => "الاستمارات المحفوظة على هذا الجهاز: المسودات والنهائية والمصدّرة.", "The submissions saved on this device: drafts, finalised and exported.";
    ExportIntro => "صدّر الاستمارات النهائية في حزمة (ملف JSON) فيها بصمة تحقق، وأرسلها إلى المنسّق عبر تطبيقات المراسلة أو ذاكرة USB أو البريد. لا تغادر المسودات هذا الجهاز.", "Export finalised submissions as a bundle (a JSON file) with a check digest, and send it to the coordinator by messaging app, USB stick or e-mail. Drafts never leave this device.";
    ExportWhich => "ما الذي يُصدَّر؟", "What goes out?";
    ExportAll => "كل الاستمارات النهائية", "All finalised submissions";
    ExportOnlyNew => "التي لم تُصدَّر بعد فقط", "Only those not exported yet";
    ExportFiltered => "حسب القطاع والمنطقة والتاريخ", "By sector, area and date";
    ExportAnySector => "كل القطاعات", "All sectors";
    ExportAnyArea => "كل المناطق", "All areas";
    ExportFrom => "من تاريخ (آخر تعديل)", "From (last changed)";
    ExportTo => "إلى تاريخ", "To";
    ExportCount => "في الحزمة {n}، حجمها {s}.", "{n} in the bundle, {s}.";
    ExportNothing => "لا توجد استمارات نهائية تطابق هذا الاختيار. أنهِ استمارة من صفحة المسح أولاً.", "No finalised submission matches this choice. Finalise a submission on the Survey page first.";
    ExportSave => "حفظ الحزمة في ملف", "Save the bundle as a file";
    ExportShare => "مشاركة الحزمة", "Share the bundle";
    ExportSaved => "سُلّمت الحزمة {f} إلى التنزيلات، وعُلّمت استماراتها بأنها مصدّرة. إن لم يصل الملف فتراجع عن التعليم.", "The bundle {f} was handed to your downloads and its submissions marked as exported. If the file did not arrive, undo the mark.";
    ExportShared => "أُرسلت الحزمة {f} للمشاركة، وعُلّمت استماراتها بأنها مصدّرة. إن لم تصل فتراجع عن التعليم.", "The bundle {f} was handed to sharing and its submissions marked as exported. If it did not arrive, undo the mark.";
    ExportShareCancelled => "أُلغيت المشاركة: لم يخرج شيء، ولم تُعلَّم أي استمارة بأنها مصدّرة.", "Sharing was cancelled: nothing went out and no submission was marked as exported.";
    ExportUndo => "تراجع: لم تُصدَّر", "Undo: not exported";
    ExportUndone => "أُلغي تعليم الحزمة {f}: عادت استماراتها غير مصدّرة.", "The mark of the bundle {f} was taken back: its submissions are not exported any more.";
    ExportFailed => "تعذّر حفظ الحزمة. لم يتغير شيء؛ أعد المحاولة.", "The bundle could not be saved. Nothing changed; try again.";
    ImportFailed => "تعذّر حفظ الاستيراد، فلم يُحفظ منه شيء. البيانات المخزنة كما كانت.", "The import could not be saved, so none of it was. The stored data is as it was.";
    UpdateReady => "نسخة جديدة من نهضة جاهزة. إجاباتك محفوظة.", "A new version of Nahda is ready. Your answers are kept.";
    UpdateReload => "التحديث الآن", "Update now";
    ConflictMark => "تعارض", "Conflict";
    ImportedFromMark => "مستوردة", "Imported";
    SurveyIntro => "املأ مسح المنطقة للقطاعات الستة. تُحفظ كل إجابة فور كتابتها.", "Fill the six-sector area survey. Every answer is saved as you type.";
    Loading => "جارٍ التحميل…", "Loading…";
    StorageUnavailable => "لا يسمح هذا المتصفح بحفظ البيانات هنا (ربما في وضع التصفح الخاص). إجاباتك ما زالت على الشاشة؛ لا تغلق الصفحة.", "This browser does not allow saving data here (perhaps in private mode). Your answers are still on screen; do not close the page.";
    StorageFull => "مساحة التخزين على هذا الجهاز ممتلئة. لم تُحفظ آخر إجابة، وما زالت على الشاشة. أفرغ بعض المساحة ثم تابع.", "The storage on this device is full. The last answer was not saved and is still on screen. Free some space, then continue.";
    SaveFailed => "تعذّر الحفظ. إجاباتك ما زالت على الشاشة، وسيُعاد الحفظ مع التعديل التالي.", "Saving failed. Your answers are still on screen and saving is retried with the next change.";
    FormNotLoaded => "تعذّر تحميل الاستمارة. اتصل بالإنترنت مرة واحدة لتحميلها، ثم تعمل دون اتصال.", "The form could not be loaded. Connect to the internet once to load it; after that it works offline.";
    SavedOnDevice => "كل الإجابات محفوظة على هذا الجهاز", "All answers are saved on this device";
    SavePending => "جارٍ الحفظ…", "Saving…";
    StatusDraft => "مسودة", "Draft";
    StatusFinalised => "نهائية", "Finalised";
    StatusExported => "مصدّرة", "Exported";
    Finalise => "اعتماد الاستمارة نهائياً", "Finalise the submission";
    FinalisedNotice => "اعتُمدت هذه الاستمارة نهائياً ولم تعد قابلة للتعديل.", "This submission is finalised and can no longer be edited.";
    FinalisedExport => "التالي: صدّرها في حزمة لإرسالها", "Next: export it in a bundle to send it";
    NewSubmission => "استمارة جديدة", "New submission";
    IssuesTitle => "إجابات تحتاج إلى مراجعة: {n}", "Answers that need attention: {n}";
    IssuesHelp => "اضغط على أي بند للانتقال إلى السؤال.", "Select an item to go to its question.";
    SectionProgress => "القسم {n}", "Section {n}";
    SectionsTitle => "أقسام الاستمارة", "Sections of the form";
    PreviousSection => "القسم السابق", "Previous section";
    NextSection => "القسم التالي", "Next section";
    RequiredMark => "(مطلوب)", "(required)";
    ChooseOne => "اختر…", "Choose…";
    Yes => "نعم", "Yes";
    No => "لا", "No";
    Priority => "الأولوية {n}", "Priority {n}";
    AddRow => "إضافة", "Add";
    RemoveRow => "حذف", "Remove";
    RowNumber => "رقم {n}", "Number {n}";
    AreaGovernorate => "المحافظة", "Governorate";
    AreaDistrict => "المنطقة", "District";
    AreaSubDistrict => "الناحية", "Sub-district";
    AreaCommunity => "التجمّع", "Community";
    AreaNotListed => "إن لم يكن التجمّع في القائمة، اكتب اسمه", "If the community is not listed, type its name";
    AreaSource => "مصدر قائمة المناطق", "Source of the area list";
    GpsCapture => "تحديد موقعي الحالي", "Use my current location";
    GpsClear => "مسح الموقع", "Clear the location";
    LineAdd => "إضافة موقعي الحالي إلى الخط", "Add my current location to the line";
    LinePoints => "نقاط الخط: {n}", "Points on the line: {n}";
    LineUndo => "حذف آخر نقطة", "Remove the last point";
    MediaPickPhoto => "التقاط صورة أو اختيارها", "Take or choose a photo";
    MediaPickAudio => "تسجيل صوت أو اختيار تسجيل", "Record or choose a recording";
    MediaPickVideo => "تصوير مقطع أو اختياره", "Film or choose a video clip";
    CodeScan => "قراءة الرمز بالكاميرا", "Read the code with the camera";
    CodeNotFound => "لم يُعثر على رمز في الصورة. قرّب الكاميرا من الرمز أو اكتبه.", "No code was found in the picture. Hold the camera closer to the code, or type it.";
    MediaReading => "جارٍ تجهيز الملف…", "Preparing the file…";
    MediaRemove => "إزالة الملف", "Remove the file";
    MediaUnreadable => "تعذّرت قراءة هذا الملف. جرّب ملفاً آخر.", "This file could not be read. Try another one.";
    FilePhoto => "صورة، {n} ك.ب", "Photo, {n} KB";
    FileAudio => "تسجيل صوتي، {n} ك.ب", "Recording, {n} KB";
    FileVideo => "مقطع فيديو، {n} ك.ب", "Video clip, {n} KB";
    GpsFailed => "تعذّر تحديد الموقع. الاستمارة تعمل من دونه.", "The location could not be found. The form works without it.";
    GpsAccuracy => "الدقة: {n} م", "Accuracy: {n} m";
    CalculatedValue => "قيمة محسوبة", "Calculated value";
    FormsTitle => "الاستمارات على هذا الجهاز", "Forms on this device";
    FormVersion => "الإصدار {n}", "version {n}";
    FormFileLabel => "تحميل تعريف استمارة من ملف (JSON، أو مصنف XLSForm بامتداد xlsx مع ملفات csv التي تُقرأ منها قوائمه)", "Load a form definition from a file (JSON, or an XLSForm .xlsx workbook with the .csv files its lists are read from)";
    FormFilePickOne => "اختر ملف استمارة واحداً (json أو xlsx) في كل مرة، مع ملفات csv التي تُقرأ منها قوائمه إن وُجدت.", "Pick one form file (.json or .xlsx) at a time, with the .csv files its lists are read from, if any.";
    FormFileListsWithoutWorkbook => "لا تُقرأ القوائم من ملفات csv إلا لمصنّف XLSForm ‏(xlsx)؛ أما استمارة json فتحمل قوائمها في داخلها. اختر ملف الاستمارة وحده.", "Lists are read from .csv files only for an XLSForm workbook (.xlsx); a .json form holds its own lists. Pick the form file alone.";
    XlsFormInvalid => "لا تستطيع نهضة قراءة هذا المصنف استمارةً. لم يتغير شيء. المشكلات، كلٌّ في ورقته وصفّه وعموده:", "Nahda cannot read this workbook as a form. Nothing changed. The problems, each on its sheet, row and column:";
    XlsFormUnavailable => "تعذّر تحميل قارئ XLSForm. اتصل بالإنترنت مرة واحدة لتحميله، ثم يعمل دون اتصال. لم يتغير شيء.", "The XLSForm reader could not be loaded. Connect to the internet once to load it; after that it works offline. Nothing changed.";
    XlsFormFailed => "تعذّر تحويل الاستمارة. لم يتغير شيء.", "The form could not be converted. Nothing changed.";
    XlsFormNotes => "كيف قُرئ المصنف:", "How the workbook was read:";
    FormSaveXlsForm => "حفظ بصيغة XLSForm (لـ Kobo وODK)", "Save as XLSForm (for Kobo and ODK)";
    XlsFormNotSaved => "تعذّر تسليم الملف إلى التنزيلات. لم يتغير شيء.", "The file could not be handed to your downloads. Nothing changed.";
    XlsFormSaved => "سُلّم الملف {f} إلى التنزيلات.", "The file {f} was handed to your downloads.";
    FormFileHelp => "يرسل المنسّق الإصدارات الجديدة من الاستمارة ملفاتٍ. تبقى الاستمارات القديمة مقروءة بإصدارها.", "Coordinators send new versions of a form as files. Submissions made with older versions stay readable with their own version.";
    FormAdded => "حُمّلت الاستمارة: {n}", "Form loaded: {n}";
    FormAlreadyThere => "هذه الاستمارة بهذا الإصدار موجودة مسبقاً. لم يتغير شيء.", "This form and version are already on this device. Nothing changed.";
    FormVersionClash => "على هذا الجهاز استمارة مختلفة بالمعرّف والإصدار نفسيهما. الاستمارة المعدّلة تحتاج رقم إصدار جديداً. لم يتغير شيء.", "A different form with the same id and version is already on this device. A changed form needs a new version number. Nothing changed.";
    FormFileInvalid => "هذا الملف ليس تعريف استمارة صالحاً. لم يتغير شيء. التفاصيل (بالإنكليزية):", "This file is not a valid form definition. Nothing changed. Details:";
    FileTooLarge => "الملف أكبر من الحد المسموح ({n} ميغابايت)، فلم يُقرأ. لم يتغير شيء.", "The file is larger than the limit ({n} MB), so it was not read. Nothing changed.";
    FileUnreadable => "تعذّرت قراءة الملف. لم يتغير شيء.", "The file could not be read. Nothing changed.";
    SectorGovernance => "الحوكمة", "Governance";
    SectorEconomy => "التمكين الاقتصادي", "Economic empowerment";
    SectorInfrastructure => "البنى التحتية والإسكان", "Infrastructure and housing";
    SectorEducation => "التعليم", "Education";
    SectorHealth => "الصحة", "Health";
    SectorRuleOfLaw => "سيادة القانون", "Rule of law";
    FilterStatus => "الحالة", "Status";
    FilterSector => "القطاع", "Sector";
    FilterArea => "المنطقة", "Area";
    FilterSearch => "بحث", "Search";
    FilterAll => "الكل", "All";
    ShowTrash => "سلة المحذوفات", "Trash";
    Open => "فتح", "Open";
    Duplicate => "نسخ كمسودة جديدة", "Duplicate as a new draft";
    Delete => "حذف", "Delete";
    Restore => "استعادة", "Restore";
    EmptyTrash => "إفراغ سلة المحذوفات", "Empty the trash";
    ConfirmDelete => "نقل هذه الاستمارة إلى سلة المحذوفات؟ يمكنك استعادتها لاحقاً.", "Move this submission to the trash? You can restore it later.";
    ConfirmEmptyTrash => "حذف كل ما في سلة المحذوفات نهائياً؟ لا يمكن التراجع عن ذلك.", "Delete everything in the trash for good? This cannot be undone.";
    NoSubmissions => "لا توجد استمارات تطابق هذا الاختيار.", "No submissions match this choice.";
    Unnamed => "(بلا اسم)", "(no name)";
    SubmissionsCount => "العدد: {n}", "Count: {n}";
    Reopen => "إعادة فتح للتعديل (مراجعة جديدة)", "Reopen for editing (new revision)";
    RevisionLabel => "المراجعة {n}", "Revision {n}";
    DigitsTitle => "الأرقام", "Digits";
    DigitsHelp => "الأرقام التي تُكتب بها الأعداد والتواريخ في الصفحات العربية وفي الخطة المطبوعة بالعربية. تُقبل الأرقام بالنظامين أينما كُتبت.", "The digits Arabic pages and the printed Arabic plan write numbers and dates in. Numbers may be typed in either system everywhere; English pages always write Latin digits.";
    DigitsArabic => "أرقام عربية مشرقية (٠١٢٣٤٥٦٧٨٩)", "Arabic-Indic (٠١٢٣٤٥٦٧٨٩)";
    DigitsLatin => "أرقام لاتينية (0123456789)", "Latin (0123456789)";
    ProfileTitle => "الجهة المُبلِّغة", "Reporting entity";
    ProfileHelp => "تُملأ هذه البيانات تلقائياً في كل استمارة جديدة على هذا الجهاز.", "These details fill every new submission on this device.";
    ProfileEntityName => "اسم الجهة", "Name of the entity";
    ProfileEntityType => "نوع الجهة", "Type of entity";
    ProfileFocalName => "اسم الشخص المسؤول عن التواصل", "Focal person's name";
    ProfileFocalRole => "صفته", "Their role";
    ProfileSave => "حفظ بيانات الجهة", "Save the entity's details";
    ProfileSaved => "حُفظت بيانات الجهة.", "The entity's details are saved.";
    DeviceId => "معرّف هذا الجهاز", "This device's id";
    BackupTitle => "نسخة احتياطية كاملة", "Full backup";
    BackupHelp => "ملف واحد فيه كل ما على هذا الجهاز: الاستمارات والتعريفات والإعدادات وسلة المحذوفات. احفظه في مكان آمن؛ الاستعادة لا تكرر شيئاً.", "One file with everything on this device: submissions, forms, settings and the trash. Keep it somewhere safe; restoring never duplicates anything.";
    BackupSave => "حفظ نسخة احتياطية", "Save a backup file";
    BackupSaved => "حُفظ ملف النسخة الاحتياطية في التنزيلات.", "The backup file was saved to your downloads.";
    BackupRestoreLabel => "استعادة من ملف نسخة احتياطية", "Restore from a backup file";
    BackupRestored => "اكتملت الاستعادة. المضافة: {n}.", "Restore complete: {n} added.";
    BackupRestoredDetail => "المحدَّثة: {u}؛ المحفوظة بنسختيها جنباً إلى جنب لأنها عُدّلت هنا وفي النسخة الاحتياطية: {c}؛ الباقية دون تغيير: {k}. ما استُبدل محفوظ في سجل كل استمارة.", "Updated: {u}; kept in both versions side by side (edited here and in the backup): {c}; unchanged: {k}. What was replaced is kept in each submission's history.";
    BackupNotJson => "هذا الملف ليس ملف JSON. لم يتغير شيء.", "This file is not JSON. Nothing changed.";
    BackupWrongFormat => "هذا الملف ليس نسخة احتياطية من نهضة. لم يتغير شيء.", "This file is not a Nahda backup. Nothing changed.";
    BackupNewer => "صُنعت هذه النسخة بإصدار أحدث من التطبيق. حدّث التطبيق ثم أعد المحاولة. لم يتغير شيء.", "This backup was made by a newer version of the app. Update the app and try again. Nothing changed.";
    BackupDamaged => "ملف النسخة الاحتياطية تالف أو معدَّل. لم يتغير شيء.", "The backup file is damaged or was changed. Nothing changed.";
    StorageTitle => "التخزين على هذا الجهاز", "Storage on this device";
    StorageUsage => "المستخدم: {u} من أصل {q} متاحة لهذا التطبيق.", "Used: {u} of {q} available to this app.";
    StorageUsageUnknown => "لا يخبر هذا المتصفح بحجم التخزين المستخدم.", "This browser does not tell how much storage is used.";
    StoragePersisted => "وعد المتصفح بالاحتفاظ ببيانات هذا التطبيق.", "The browser has promised to keep this app's data.";
    StorageNotPersisted => "لم يعد المتصفح بالاحتفاظ بالبيانات: قد يحذفها إذا امتلأ الجهاز. صدّر استماراتك واحفظ نسخة احتياطية بانتظام.", "The browser has not promised to keep the data: it may clear it when the device is full. Export your submissions and save a backup regularly.";
    StorageLow => "المساحة المتبقية قليلة. احفظ نسخة احتياطية وأفرغ بعض المساحة قبل متابعة العمل.", "Little space is left. Save a backup and free some space before going on.";
    UnitKb => "كيلوبايت", "KB";
    UnitMb => "ميغابايت", "MB";
    UnitGb => "غيغابايت", "GB";
    ShowMore => "عرض المزيد", "Show more";
    ErrRequired => "هذا السؤال مطلوب.", "This question is required.";
    ErrNotANumber => "اكتب رقماً، مثل ١٢ أو 12.", "Enter a number (Arabic-Indic digits are accepted too).";
    ErrNumberComma => "الفاصلة تفصل الآلاف فقط ({t})، والفاصلة العشرية نقطة أو «٫» ({d}).", "A comma only separates thousands ({t}); decimals take a point ({d}).";
    ErrNotAWholeNumber => "اكتب عدداً صحيحاً دون كسور.", "Enter a whole number, without fractions.";
    ErrBelowMin => "يجب ألا تقل القيمة عن {n}.", "The value must be at least {n}.";
    ErrAboveMax => "يجب ألا تزيد القيمة على {n}.", "The value must be at most {n}.";
    ErrNotAPercentage => "النسبة المئوية بين {lo} و{hi}.", "A percentage is between {lo} and {hi}.";
    ErrNotADate => "اختر تاريخاً صحيحاً (سنة-شهر-يوم).", "Choose a valid date (year-month-day).";
    ErrNotATime => "اختر وقتاً صحيحاً (ساعة:دقيقة).", "Choose a valid time (hour:minute).";
    ErrNotADateTime => "اختر تاريخاً ووقتاً صحيحين.", "Choose a valid date and time.";
    ErrNotOfKind => "هذا الملف ليس من النوع الذي يطلبه السؤال.", "This file is not of the kind the question asks for.";
    ErrFileTooLarge => "الملف أكبر من {n} ك.ب.", "The file is larger than {n} KB.";
    ErrUnknownChoice => "الخيار «{n}» ليس من خيارات هذا السؤال.", "The choice “{n}” is not one of this question's options.";
    ErrTooManyChoices => "اختر {n} على الأكثر.", "Choose at most {n}.";
    ErrRepeatedChoice => "الخيار «{c}» مختار مرة ثانية في الموضع {r}.", "The choice “{c}” is chosen a second time, at place {r}.";
    ErrNotAPhone => "اكتب رقم هاتف صحيحاً: من {lo} إلى {hi} رقماً، ويمكن أن يبدأ بـ +.", "Enter a valid phone number: {lo} to {hi} digits, optionally starting with +.";
    ErrNotAnArea => "اختر منطقة من القائمة أو اكتب اسمها.", "Choose an area from the list or type its name.";
    ErrTooFewPoints => "أضف نقطتين على الأقل ليكون خطاً.", "Add at least two points to make a line.";
    ErrNotAPoint => "الموقع الجغرافي غير صالح.", "The location is not valid.";
    ErrTooLong => "النص أطول من {n} حرف.", "The text is longer than {n} characters.";
    ErrTooFewRows => "أضف {n} على الأقل.", "Add at least {n}.";
    ErrTooManyRows => "لا يمكن إضافة أكثر من {n}.", "No more than {n} can be added.";
    ChangedElsewhere => "غُيّر هذا في نافذة أخرى من نهضة في أثناء ذلك، فلم يُكتب شيء. أعد المحاولة.", "This was changed in another Nahda tab meanwhile, so nothing was written. Try again.";
    StorageOutdated => "تستعمل نسخة أحدث من نهضة البيانات على هذا الجهاز. أعد تحميل الصفحة لتحديث التطبيق؛ إجاباتك محفوظة.", "A newer version of Nahda uses the data on this device. Reload the page to update the app; your answers are saved.";
    FinalisedElsewhere => "أُنهيت هذه الاستمارة في نافذة أخرى. ما كتبته هنا بعد ذلك حُفظ جانباً ولم يُكتب فيها: أعد فتحها لتختار.", "This submission was finalised in another tab. What you typed here since was kept aside, not written into it: reopen it to choose.";
    FinaliseChangedElsewhere => "غُيّرت هذه الاستمارة في نافذة أخرى قبل إنهائها هنا. راجع الإجابات ثم أنهِها من جديد.", "This submission was changed in another tab before it was finalised here. Check the answers, then finalise again.";
    ExportNeedsProfile => "اكتب اسم جهتك في الإعدادات أولاً: تقول الحزمة من أرسلها.", "Set your organisation's name in Settings first: the bundle says who sent it.";
    TrashUnexported => "في سلة المحذوفات استمارات نهائية لم تُصدَّر قط وليست في أي نسخة احتياطية: {n}. إفراغ السلة يحذفها نهائياً ولن تبقى في أي مكان.", "In the trash, finalised, never exported and in no backup: {n}. Emptying the trash deletes what it holds for good; no copy exists anywhere else.";
    TrashBackupFirst => "احفظ نسخة احتياطية أولاً ثم أفرغ السلة", "Save a backup first, then empty the trash";
    TrashDeleteUnexported => "احذف نهائياً، ومعها ما لم يُصدَّر: {n}", "Delete for good, including {n} never exported";
    HistoryShow => "النسخ المحفوظة جانباً ({n})", "Revisions set aside ({n})";
    HistoryReinstate => "أعدها", "Bring it back";
    HistoryConfirmReinstate => "تُعاد هذه النسخة بوصفها نسخة جديدة من الاستمارة، وتُحفظ النسخة الحالية جانباً. أتتابع؟", "This revision comes back as the submission's next revision, and the current one is set aside. Continue?";
    SetAsideBySettlement => "جُنّبت عند حسم تعارض", "set aside when a conflict was settled";
    SetAsideByImport => "جُنّبت عند استيراد نسخة أحدث", "set aside when a newer revision was imported";
    SetAsideByRestore => "جُنّبت عند استعادة نسخة احتياطية", "set aside when a backup was restored";
    SetAsideByReinstatement => "جُنّبت عند إعادة نسخة سابقة", "set aside when an earlier revision came back";
    ConfirmNewSubmission => "تبدأ استمارة جديدة فارغة، وتبقى هذه محفوظة كمسودة في «استماراتي». أتتابع؟", "A new, empty submission starts; this one stays saved as a draft in My submissions. Continue?";
    ContestedTitle => "إجابات غُيّرت في نافذتين معاً", "Answers changed in two tabs at once";
    ContestedHelp => "غيّرتَ هذه الأسئلة هنا وفي نافذة أخرى من نهضة. القيمتان محفوظتان؛ اختر لكل سؤال القيمة التي تبقى.", "You changed these questions here and in another Nahda tab. Both values are saved; choose for each question the value to keep.";
    ContestedHelpReopen => "أُنهيت هذه الاستمارة في نافذة أخرى بعد أن كتبت هذه القيم هنا. لم تضِع: أعد فتح الاستمارة لتستعملها، أو تخلَّ عنها.", "This submission was finalised in another tab after you typed these values here. They are not lost: reopen the submission to use them, or let them go.";
    ContestedKept => "القيمة الآن", "Value now";
    ContestedOther => "القيمة الأخرى", "Other value";
    ContestedKeep => "أبقِ القيمة الآن", "Keep the value now";
    ContestedTakeOther => "استعمل القيمة الأخرى", "Use the other value";
    ContestedBlank => "(فارغة)", "(empty)";
    CloseOtherTabs => "نهضة مفتوحة بنسخة أقدم في نافذة أخرى تمنع التحديث. أغلق نوافذ نهضة الأخرى لتتابع.", "Nahda is open in another tab with an older version, which holds up the update. Close the other Nahda tabs to continue.";
    CoordinatorNotHere => "لم يُفتح تطبيق المنسّق على هذا الجهاز وهو متصل بعد، فلا يعمل دون اتصال. اتصل بالإنترنت مرة واحدة وافتحه لينزل ويبقى على الجهاز. استماراتك محفوظة.", "The coordinator app has not been opened on this device with a connection yet, so it cannot work offline. Connect once and open it: it is then kept on the device. Your submissions are saved.";
    UpdatedElsewhere => "حُدّثت نهضة في نافذة أخرى. حُفظت إجاباتك، وتُعاد الآن هذه الصفحة بالنسخة الجديدة.", "Nahda was updated in another tab. Your answers are saved; this page now reloads with the new version.";
    PersistNotice => "قد يحذف هذا المتصفح بيانات نهضة إذا امتلأ الجهاز، فلم يعد بالاحتفاظ بها. ثبّت نهضة على الشاشة الرئيسية، وصدّر استماراتك النهائية واحفظ نسخة احتياطية بانتظام.", "This browser has not promised to keep Nahda's data and may clear it when the device is full. Install Nahda on the home screen, and export finalised submissions and save a backup regularly.";
    PersistNoticeDismiss => "فهمت", "Got it";
    ImportRevoked => "وُقّعت هذه الحزمة بمفتاح سحبتَ الثقة منه ({n})، فرُفضت. لم يتغير شيء.", "This bundle is signed with a key whose trust you revoked ({n}), so it was refused. Nothing changed.";
    ExportWhatGoesOut => "ما الذي يخرج مع الحزمة؟", "What goes out with the bundle?";
    ExportIncludeSensitive => "أرسل أيضاً الإجابات الحساسة (بيانات شخصية مثل اسم ضابط الاتصال وهاتفه)", "Also send the sensitive answers (personal data such as the focal person's name and phone)";
    ExportIncludeDeviceId => "أرسل معرّف هذا الجهاز", "Send this device's id";
    ExportWithheld => "لا تحمل الحزمة إجابات الأسئلة الحساسة ({n})، وتقول ذلك لمن يستلمها.", "The bundle leaves out the answers to sensitive questions ({n}), and says so to whoever receives it.";
    DeviceKeyTitle => "مفتاح هذا الجهاز", "This device's key";
    DeviceKeyHelp => "يوقّع هذا الجهاز كل حزمة ونسخة احتياطية بمفتاحه، فيعرف المنسّق من أرسلها ولا يستطيع أحد تزويرها. أرسل نص المفتاح إلى المنسّق، ثم اقرآ البصمة معاً هاتفياً: إن تطابقت الأرقام فالمفتاح مفتاحك.", "This device signs every bundle and backup with its key, so the coordinator knows who sent it and nobody can forge it. Send the key text to the coordinator, then read the fingerprint together over the phone: if the digits match, the key is yours.";
    DeviceKeyFingerprint => "البصمة", "Fingerprint";
    DeviceKeyText => "نص المفتاح (للإرسال)", "Key text (to send)";
    DeviceKeyCopy => "انسخ نص المفتاح", "Copy the key text";
    DeviceKeyCopied => "نُسخ.", "Copied.";
    TrustedTitle => "المرسِلون الموثوقون", "Trusted senders";
    TrustedInCoordinatorApp => "تُدار مفاتيح الجهات التي تثق بها، ومنها ما يحسم استعادة نسخة احتياطية، في إعدادات تطبيق المنسّق على هذا الجهاز.", "The keys of the entities you trust, which also decide what a restored backup replaces, are managed in the coordinator app's Settings on this device.";
    TrustedOpenCoordinatorSettings => "افتح إعدادات تطبيق المنسّق", "Open the coordinator app's Settings";
    TrustedHelp => "مفاتيح الجهات التي تثق بحزمها. لا تحلّ نسخة أحدث محلّ تقرير جهة إلا إن وقّعها مفتاح كاتبه، أو مفتاح تثق به لتلك الجهة، أو مفتاح منسّق. حزم المفتاح المسحوب تُرفض.", "The keys of the entities whose bundles you trust. A newer revision replaces an entity's report only when signed by the key that wrote it, a key you trust for that entity, or a coordinator's key. Bundles of a revoked key are refused.";
    TrustedNone => "لا مفاتيح موثوقة بعد. أضف مفتاح مُرسِل أدناه، أو ثق به حين تستورد حزمته.", "No trusted keys yet. Add a sender's key below, or trust it when you import their bundle.";
    TrustedName => "اسم الجهة", "Entity name";
    TrustedCoordinator => "منسّق (يحسم تقارير كل الجهات ويصححها)", "Coordinator (settles and corrects every entity's reports)";
    TrustedFormAuthor => "كاتب استمارات (تُضاف استماراته دون سؤال)", "Form author (its forms are added without asking)";
    TrustedRevoke => "اسحب الثقة", "Revoke";
    TrustedRestore => "أعد الثقة", "Trust again";
    TrustedPaste => "الصق نص مفتاح (nahda-key 1 …)", "Paste a key text (nahda-key 1 …)";
    TrustedAdd => "ثق بهذا المفتاح", "Trust this key";
    TrustedAdded => "أُضيف المفتاح إلى المرسِلين الموثوقين.", "The key was added to the trusted senders.";
    TrustedSaved => "حُفظ.", "Saved.";
    KeyUnavailable => "لا يستطيع هذا المتصفح صنع مفتاح التوقيع أو استعماله (Ed25519). حدّث المتصفح ثم أعد المحاولة؛ لم يُصدَّر شيء.", "This browser cannot make or use the signing key (Ed25519). Update the browser and try again; nothing was exported.";
    KeyTextInvalid => "هذا ليس نص مفتاح من نهضة: يبدأ بـ «nahda-key 1» ثم المفتاح ثم الاسم.", "This is not a Nahda key text: it starts with “nahda-key 1”, then the key, then the name.";
    KeyIsOwn => "هذا مفتاح هذا الجهاز نفسه، وهو موثوق دائماً.", "This is this device's own key, which is always trusted.";
    KeyNeedsName => "اكتب اسم الجهة التي يعود إليها هذا المفتاح.", "Write the name of the entity this key belongs to.";
    SealNotARecipient => "هذا ليس مفتاح تشفير: مفتاح التشفير الذي يرسله المنسّق يبدأ بـ «age1».", "This is not a sealing key: the sealing key a coordinator sends starts with “age1”.";
    SealNotAnIdentity => "لا تحمل هذه النسخة مفتاح تشفير سرياً. لم يتغير شيء.", "This copy holds no secret sealing key. Nothing changed.";
    SealNoRecipient => "اختر منسّقاً تشفّر الحزمة له، أو اكتب عبارة مرور.", "Choose a coordinator to seal the bundle for, or type a passphrase.";
    SealNotForYou => "هذا الملف مشفّر لمنسّق آخر، ولا يستطيع هذا الجهاز فتحه. اطلب من المُرسِل أن يشفّره لمفتاح التشفير الخاص بك. لم يتغير شيء.", "This file is sealed for another coordinator, and this device cannot open it. Ask the sender to seal it for your sealing key. Nothing changed.";
    SealWrongPassphrase => "عبارة المرور هذه لا تفتح الملف. لم يتغير شيء.", "This passphrase does not open the file. Nothing changed.";
    SealNeedsPassphrase => "هذا الملف مشفّر بعبارة مرور: اكتبها ثم افتحه.", "This file is sealed with a passphrase: type it, then open it.";
    SealDamaged => "هذا الملف المشفّر تالف أو مقطوع: اطلب إرساله من جديد. لم يتغير شيء.", "This sealed file is damaged or cut off: ask for it to be sent again. Nothing changed.";
    SealUnavailable => "تعذّر تحميل برنامج التشفير. افتح نهضة مرة وأنت متصل بالإنترنت، ثم أعد المحاولة. لم يتغير شيء.", "The sealing code could not be loaded. Open Nahda once while online, then try again. Nothing changed.";
    SealPassphraseShort => "عبارة المرور قصيرة: اكتب عشرة أحرف على الأقل (عدة كلمات أسهل للتذكّر).", "The passphrase is too short: write at least ten characters (a few words are easiest to remember).";
    SealingTitle => "الحزم المشفّرة", "Sealed bundles";
    SealingHelp => "لا يقرأ الحزمة المشفّرة إلا المنسّقون الذين شُفّرت لهم، أو من يعرف عبارة مرورها، ولو مرّت عبر تطبيقات المراسلة أو ذاكرة USB. تُفتح في نهضة وبأداة age المعيارية.", "A sealed bundle can be read only by the coordinators it is sealed for, or by whoever knows its passphrase, even when it travels over messaging apps or USB sticks. It opens in Nahda and with the standard age tool.";
    SealingOwnTitle => "مفتاح التشفير الخاص بك (للمنسّقين)", "Your sealing key (for coordinators)";
    SealingOwnHelp => "أرسل هذا المفتاح العام إلى المجالس والمنظمات ليشفّروا حزمهم له. يبقى نصفه السري على هذا الجهاز: احفظ منه نسخة محمية بعبارة مرور تحسّباً لضياع الجهاز.", "Send this public key to the councils and organisations: they seal their bundles for it. Its secret half stays on this device: save a copy protected by a passphrase in case the device is lost.";
    SealingCreate => "اصنع مفتاح التشفير الخاص بي", "Make my sealing key";
    SealingCopy => "انسخ مفتاح التشفير", "Copy the sealing key";
    SealingCopyPassphrase => "عبارة مرور النسخة المحمية", "Passphrase for the protected copy";
    SealingCopySave => "احفظ نسخة محمية من مفتاحي السري", "Save a protected copy of my secret key";
    SealingCopySaved => "حُفظت النسخة المحمية في التنزيلات: {f}", "The protected copy was saved to the downloads: {f}";
    SealingRestore => "استعد نسخة محمية", "Restore a protected copy";
    SealingRestored => "استُعيدت مفاتيح التشفير: {n}.", "Sealing keys restored: {n}.";
    SealForTitle => "المنسّقون الذين تشفّر لهم", "Coordinators you seal for";
    SealForHelp => "الصق مفتاح التشفير الذي أرسله المنسّق (يبدأ بـ age1) واكتب اسمه؛ يظهر بعدها في صفحة التصدير.", "Paste the sealing key the coordinator sent (it starts with age1) and write their name; it then appears on the export page.";
    SealForPaste => "مفتاح تشفير المنسّق (age1…)", "The coordinator's sealing key (age1…)";
    SealForAdd => "أضف المنسّق", "Add the coordinator";
    SealForRemove => "احذف هذا المفتاح", "Remove this key";
    ExportSealing => "تشفير الحزمة", "Sealing the bundle";
    ExportSealNone => "بلا تشفير (يقرؤها كل من يصله الملف)", "Not sealed (anyone who gets the file can read it)";
    ExportSealFor => "شفّرها للمنسّقين المختارين:", "Seal it for the chosen coordinators:";
    ExportSealNoCoordinator => "لم تُضف مفتاح تشفير لأي منسّق بعد: أضفه في الإعدادات.", "No coordinator's sealing key added yet: add one in Settings.";
    ExportSealPassphrase => "شفّرها بعبارة مرور (أخبر بها المستلم بطريق آخر، كمكالمة هاتفية)", "Seal it with a passphrase (tell it to the receiver another way, such as a phone call)";
    ExportSealedSensitive => "الحزمة مشفّرة: تخرج الإجابات الحساسة معها، ولا يقرؤها إلا من شُفّرت له.", "The bundle is sealed: the sensitive answers go with it, and only those it is sealed for can read them.";
    ImportPassphrase => "عبارة المرور", "Passphrase";
    ExprAtColumn => "العمود {n}: {p}", "column {n}: {p}";
    ExprTheEnd => "نهاية العبارة", "the end of the expression";
    ExprEmpty => "العبارة فارغة", "the expression is empty";
    ExprUnexpectedChar => "حرف غير متوقع {c}", "unexpected character {c}";
    ExprUnclosedText => "نص بدأ هنا ولم يُغلق", "a text started here is never closed";
    ExprBadReference => "الإشارة إلى سؤال تُكتب هكذا: ${question_id}", "a reference to a question is written ${question_id}";
    ExprExpectedValue => "كان المتوقع قيمة، فوُجد {f}", "expected a value, found {f}";
    ExprExpected => "كان المتوقع {e}، فوُجد {f}", "expected {e}, found {f}";
    ExprUnknownFunction => "دالة غير معروفة {n}", "unknown function {n}";
    ExprArgumentCount => "الدالة {n} تأخذ {e} من المعاملات، لا {f}", "{n} takes {e} arguments, not {f}";
    ExprTrailing => "{f} زائد بعد نهاية العبارة", "{f} is left over after the end of the expression";
    ExprTooDeep => "العبارة متداخلة أكثر مما ينبغي", "the expression nests too deeply";
    FormPlaceForm => "الاستمارة", "the form";
    FormPlaceSection => "القسم {id}", "section {id}";
    FormPlaceQuestion => "السؤال {id}", "question {id}";
    FormPlaceChoiceList => "قائمة الخيارات {id}", "choice list {id}";
    FormNotJson => "الملف ليس تعريف استمارة سليماً: {e}", "the file is not a valid form definition: {e}";
    FormWrongFormat => "الصيغة {f} وليست {n}", "the format is {f}, not {n}";
    FormBadId => "المعرّف {id} غير صالح (حروف لاتينية صغيرة وأرقام و _، ويبدأ بحرف)", "the id {id} is not valid (lowercase letters, digits and _, starting with a letter)";
    FormDuplicateId => "المعرّف {id} مستعمل أكثر من مرة", "the id {id} is used more than once";
    FormUnknownKind => "نوع غير معروف {k}", "unknown kind {k}";
    FormMissingArabic => "الحقل {w} بلا نص بالعربية", "the {w} field has no Arabic text";
    FormMissingEnglish => "الحقل {w} بلا نص بالإنجليزية", "the {w} field has no English text";
    FormBadExpression => "العبارة في {s} لا تُقرأ: {e}", "the {s} expression does not parse: {e}";
    FormUnknownReference => "العبارة في {s} تشير إلى {id}، وهو ليس سؤالاً في هذه الاستمارة", "the {s} expression refers to {id}, which is not a question of this form";
    FormReferenceIntoRepeat => "العبارة في {s} تشير إلى {id} داخل مجموعة متكررة أخرى", "the {s} expression refers to {id}, inside another repeat group";
    FormUnreadablePattern => "نمط regex() في العبارة {s} يستعمل ما لا تقرؤه نهضة: {p}", "the {s} expression's regex() pattern uses what Nahda cannot read: {p}";
    FormConstraintWithoutMessage => "الشرط يحتاج إلى constraint_message باللغتين", "a constraint needs a constraint_message in both languages";
    FormMissingChoices => "سؤال من نوع {k} يحتاج إلى قائمة خيارات", "a {k} question needs a choice list";
    FormUnknownChoiceList => "قائمة الخيارات {id} غير موجودة", "the choice list {id} does not exist";
    FormEmptyChoiceList => "قائمة الخيارات فارغة", "the choice list is empty";
    FormDuplicateChoice => "القيمة {v} مكررة", "the value {v} appears twice";
    FormBadSeverityScale => "سؤال الشدة يحتاج إلى قائمة خيارات هي بالضبط 1 و2 و3 و4 و5", "a severity question needs a choice list of exactly 1, 2, 3, 4, 5";
    FormQuestionsOutsideRepeat => "لا يحوي أسئلةً إلا المجموعة المتكررة", "only a repeat group may contain questions";
    FormEmptyRepeat => "المجموعة المتكررة تحتاج إلى سؤال واحد على الأقل", "a repeat group needs at least one question";
    FormCountOutsideRepeat => "عدد المرات (count) للمجموعة المتكررة وحدها", "only a repeat group has a count";
    FormMinAboveMax => "الحد الأدنى ({min}) أكبر من الحد الأعلى ({max})", "min ({min}) is greater than max ({max})";
    FormCircularCalculation => "الحسابات يشير بعضها إلى بعض في دائرة: {q}", "the calculations refer to each other in a circle: {q}";
    FormNoSections => "الاستمارة بلا أقسام", "the form has no sections";
    ErrContested => "غُيّرت هذه الإجابة في مكانين معاً: اختر القيمة التي تبقى.", "This answer was changed in two places at once: choose the value to keep.";
    ErrWrongShape => "هذه الإجابة لا تناسب نوع السؤال.", "This answer does not fit the question's kind.";
    FacilitatorsSaved => "حُفظ الميسّرون.", "The facilitators are saved.";
    CoordSaved => "حُفظ الملف في التنزيلات.", "The file was saved to your downloads.";
}

/// Replaces Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits by ASCII digits, the Arabic
/// decimal separator (٫) by `.` and the Arabic thousands separator (٬) by `,`, so that numbers
/// typed on an Arabic keyboard read as numbers. Other characters are kept as they are.
pub fn normalize_digits(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
            '\u{066B}' => Some('.'),
            '\u{066C}' => Some(','),
            other => Some(other),
        })
        .collect()
}

/// Left-to-right text (a date, an id, a piece of an expression) set inside a sentence of either
/// direction: wrapped in a left-to-right isolate (U+2066 … U+2069), so that it keeps its own
/// order in Arabic and does not reorder the sentence around it.
pub fn isolate_ltr(text: &str) -> String {
    format!("\u{2066}{text}\u{2069}")
}

/// A value of unknown direction (a name, a file name, a title) set inside a sentence: wrapped
/// in a first-strong isolate (U+2068 … U+2069), so that it takes its own direction and leaves
/// the sentence's order alone; a stray directional control inside it (an unterminated U+202E)
/// ends at the isolate's end.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// True when the text contains a letter of the Arabic script (its digits and punctuation are
/// not letters).
pub fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_alphabetic() && matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every message of the app's tables (the field app's and the coordinator app's): its name
    /// and its Arabic and English texts.
    fn every_message() -> Vec<(String, &'static str, &'static str)> {
        let field = Msg::ALL
            .iter()
            .map(|m| (format!("{m:?}"), m.text(Lang::Ar), m.text(Lang::En)));
        let coordinator = CoordinatorMsg::ALL.iter().map(|m| {
            (
                format!("CoordinatorMsg::{m:?}"),
                m.text(Lang::Ar),
                m.text(Lang::En),
            )
        });
        field.chain(coordinator).collect()
    }

    #[test]
    fn every_message_has_both_languages() {
        for (msg, ar, en) in every_message() {
            assert!(!ar.trim().is_empty(), "{msg} has no Arabic text");
            assert!(!en.trim().is_empty(), "{msg} has no English text");
            assert_eq!(ar, ar.trim(), "{msg}: Arabic text has stray spaces");
            assert_eq!(en, en.trim(), "{msg}: English text has stray spaces");
        }
    }

    #[test]
    fn each_text_is_in_its_own_language() {
        // The language switch names the *other* language, so it is the one exception.
        for (msg, ar, en) in every_message()
            .into_iter()
            .filter(|(m, ..)| m != "SwitchLanguage")
        {
            assert!(has_arabic(ar), "{msg}: Arabic text has no Arabic letters");
            assert!(!has_arabic(en), "{msg}: English text contains Arabic");
        }
        assert!(!has_arabic(Msg::SwitchLanguage.text(Lang::Ar)));
        assert!(has_arabic(Msg::SwitchLanguage.text(Lang::En)));
    }

    #[test]
    fn no_two_messages_share_a_text() {
        let mut seen = HashSet::new();
        for (msg, _, en) in every_message() {
            assert!(seen.insert(en), "{msg} repeats an English text");
        }
    }

    #[test]
    fn numbers_come_into_messages_as_values_so_the_reader_chooses_their_digits() {
        // Only the samples that show a digit system itself write digits.
        let samples = ["DigitsArabic", "DigitsLatin", "ErrNotANumber"];
        for (msg, ar, _) in every_message()
            .into_iter()
            .filter(|(m, ..)| !samples.contains(&m.as_str()))
        {
            assert!(
                !ar.contains(|c: char| ('٠'..='٩').contains(&c)),
                "{msg}: Arabic-Indic digits in the text"
            );
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        fn placeholders(s: &str) -> Vec<&str> {
            let mut out: Vec<&str> = s
                .match_indices('{')
                .filter_map(|(i, _)| s[i..].find('}').map(|j| &s[i..=i + j]))
                .collect();
            out.sort();
            out
        }
        for (msg, ar, en) in every_message() {
            assert_eq!(
                placeholders(ar),
                placeholders(en),
                "{msg}: placeholders differ"
            );
        }
    }

    #[test]
    fn arabic_indic_digits_become_ascii() {
        assert_eq!(normalize_digits("١٢٣٤٥٦٧٨٩٠"), "1234567890");
        assert_eq!(normalize_digits("۱۲۳"), "123");
        assert_eq!(normalize_digits("٣٫٥"), "3.5");
        assert_eq!(normalize_digits("١٬٢٠٠"), "1,200");
        assert_eq!(normalize_digits("+963 ٩٤٤"), "+963 944");
        assert_eq!(normalize_digits("نص"), "نص");
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in [Lang::Ar, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), lang);
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("fr"), Lang::Ar);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::En.dir(), "ltr");
    }
}
