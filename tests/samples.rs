//! Sample bundles in `tests/samples/`: what a coordinator imports to see a realistic dashboard
//! and national plan. Three entities report on five areas of A'zaz district across the six
//! sectors, and one submission is edited on two devices, which gives one conflict.
//!
//! The files are generated here from valid, finalised submissions of the shipped form pack,
//! exported with the app's own `export()`: `NAHDA_WRITE_SAMPLES=1 cargo test --test samples`
//! rewrites them. Without that variable the tests check the files as they are checked in, and
//! that the generator still makes exactly those bytes. The figures the dashboard shows after
//! importing them in order are asserted here and listed in `tests/samples/README.md`, which the
//! browser end-to-end tests check too.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::sync::OnceLock;

use nahda::bundle::export::{export, Sensitive};
use nahda::bundle::import::{verify, VerifiedBundle};
use nahda::core::aggregate::{aggregate, figure, shortfalls, Filters, Picture, Report, Shortfall};
use nahda::core::answers::{Answer, Answers};
use nahda::core::merge::{Counts, Merge};
use nahda::core::sector::Sector;
use nahda::core::submission::{Status, Submission};

use common::*;

const DIR: &str = "tests/samples";
const REGENERATE: &str = "NAHDA_WRITE_SAMPLES=1 cargo test --test samples";

// ---------------------------------------------------------------------------------------------
// Who reports, and from where.

const AZAZ_COUNCIL: &str = "مجلس أعزاز المحلي";
const BASMA: &str = "منظمة بسمة للإغاثة";
const MARE_COUNCIL: &str = "مجلس مارع المحلي";
const COORDINATOR: &str = "منسق الشمال";

const AZAZ_DEVICE: &str = "0d6f3a2e-5b41-4c8d-9e7a-1f2b3c4d5e61";
const BASMA_DEVICE: &str = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c62";
const MARE_DEVICE: &str = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d63";
const COORDINATOR_DEVICE: &str = "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a764";

/// Areas of A'zaz district (`public/areas.json`).
const AZAZ_CENTRE: &str = "SY020400";
const AGHTRIN: &str = "SY020401";
const TALL_REFAAT: &str = "SY020402";
const MARE: &str = "SY020403";
const SURAN: &str = "SY020405";

/// The A'zaz council's three submissions.
const AZAZ_CENTRE_ID: &str = "3f6a2c10-8d4e-4b7a-9c21-5e0d1a7b2c01";
const AGHTRIN_ID: &str = "3f6a2c10-8d4e-4b7a-9c21-5e0d1a7b2c02";
const SURAN_ID: &str = "3f6a2c10-8d4e-4b7a-9c21-5e0d1a7b2c03";
/// Basma Relief's three.
const BASMA_AZAZ_ID: &str = "8b2d4e6f-1a3c-4d5e-8f70-9a1b2c3d4e11";
const BASMA_SURAN_ID: &str = "8b2d4e6f-1a3c-4d5e-8f70-9a1b2c3d4e12";
const BASMA_TALL_REFAAT_ID: &str = "8b2d4e6f-1a3c-4d5e-8f70-9a1b2c3d4e13";
/// The Mare' council's two.
const MARE_TOWN_ID: &str = "c7e91a2b-3d4f-4a5b-9c6d-7e8f9a0b1c21";
const TALL_MALID_ID: &str = "c7e91a2b-3d4f-4a5b-9c6d-7e8f9a0b1c22";

/// The submission edited on two devices.
const CONFLICT_ID: &str = AZAZ_CENTRE_ID;

/// When the revisions 2 of the A'zaz centre submission were made: the coordinator's first, the
/// council's later, so the council's is the one shown (the latest of equal revisions).
const COORDINATOR_EDIT: &str = "2026-11-20T13:10:00.000Z";
const COUNCIL_EDIT: &str = "2026-11-22T08:30:00.000Z";

// ---------------------------------------------------------------------------------------------
// Helpers for answers.

fn rows(list: Vec<Answers>) -> Answer {
    Answer::Rows(list)
}

/// An actor present in a sector (`prefix` is the sector's question prefix).
fn actor(prefix: &str, name: &str, activity: &str) -> Answers {
    answers(vec![
        (format!("{prefix}_actor_name").as_str(), text(name)),
        (format!("{prefix}_actor_activity").as_str(), text(activity)),
    ])
}

/// A proposed intervention; an empty `lead` leaves the lead organisation unanswered.
fn intervention(
    prefix: &str,
    title: &str,
    beneficiaries: &str,
    months: &str,
    cost_usd: &str,
    lead: &str,
) -> Answers {
    let mut row = answers(vec![
        (format!("{prefix}_int_title").as_str(), text(title)),
        (
            format!("{prefix}_int_beneficiaries").as_str(),
            text(beneficiaries),
        ),
        (
            format!("{prefix}_int_duration_months").as_str(),
            text(months),
        ),
        (format!("{prefix}_int_cost_usd").as_str(), text(cost_usd)),
    ]);
    if !lead.is_empty() {
        row.insert(format!("{prefix}_int_lead_org"), text(lead));
    }
    row
}

/// A submission finalised as the app finalises it, which checks it against the shipped form.
/// Every answer given must survive finalising: none of them may be hidden by the form.
fn sample(id: &str, pairs: Vec<(&str, Answer)>, created_at: &str, updated_at: &str) -> Submission {
    let given = answers(pairs);
    let s = finalised(id, &pack(), given.clone(), created_at, updated_at);
    assert_eq!(s.answers, given, "{id}: an answer was dropped as hidden");
    s
}

/// The submission reopened at `at`, edited and finalised again: its next revision.
fn revised(base: &Submission, at: &str, edits: Vec<(&str, Answer)>) -> Submission {
    let form = pack();
    let mut s = base.clone();
    s.reopen(at);
    let mut edited = s.answers.clone();
    for (question, answer) in edits {
        edited.insert(question.to_string(), answer);
    }
    s.set_answers(&form, edited.clone(), at);
    if let Err(issues) = s.finalise(&form, &at[..10], at) {
        panic!("{}: the edit does not finalise: {issues:?}", s.id);
    }
    assert_eq!(s.answers, edited, "{}: an edited answer was dropped", s.id);
    s
}

// ---------------------------------------------------------------------------------------------
// 01: the A'zaz council, three areas, governance, health, education and infrastructure.

fn azaz_centre() -> Submission {
    sample(
        AZAZ_CENTRE_ID,
        vec![
            ("entity_name", text(AZAZ_COUNCIL)),
            ("entity_type", text("local_council")),
            ("focal_role", text("مدير مكتب التخطيط والإحصاء")),
            ("area", area(AZAZ_CENTRE)),
            (
                "area_gps",
                Answer::Point {
                    lat: 36.5863,
                    lon: 37.0447,
                    accuracy: Some(8.0),
                },
            ),
            ("authority", text("local_council")),
            ("accessibility", text("accessible")),
            ("population", text("٨٥٠٠٠")),
            ("idps", text("41000")),
            ("returnees", text("6500")),
            ("assessment_date", text("2026-11-11")),
            (
                "sectors",
                choices(&["governance", "infrastructure", "education", "health"]),
            ),
            // Governance.
            ("gov_severity", text("3")),
            ("gov_offices_total", text("14")),
            ("gov_offices_functioning", text("9")),
            ("gov_offices_partly", text("3")),
            ("gov_offices_not_functioning", text("2")),
            ("gov_council_status", text("functioning")),
            ("gov_council_selection", text("electoral_college")),
            ("gov_council_members", text("25")),
            ("gov_council_women", text("4")),
            ("gov_coordination", text("regular")),
            (
                "gov_transparency",
                choices(&["complaints_box", "open_meetings", "published_decisions"]),
            ),
            ("gov_local_revenue", text("yes")),
            ("gov_org_agreements", text("11")),
            ("gov_civil_registry", text("partly_available")),
            ("gov_regulations", text("written_not_applied")),
            (
                "gov_problems",
                choices(&["weak_funding", "lost_records", "staff_shortage"]),
            ),
            ("gov_resources", choices(&["human", "institutional"])),
            (
                "gov_resources_detail",
                text("كادر إداري من ٤٠ موظفاً، ومبنى للمجلس صالح للعمل، ولجان أحياء منتخبة تتابع شكاوى السكان."),
            ),
            (
                "gov_priority_needs",
                choices(&["civil_registry", "operating_budget", "records"]),
            ),
            ("gov_cost_band", text("from_100k_to_500k")),
            (
                "gov_funding_sources",
                choices(&["council_revenue", "donor_governments"]),
            ),
            (
                "gov_actors",
                rows(vec![actor(
                    "gov",
                    "منظمة الأمل للتنمية",
                    "تدريب موظفي المجلس على الأرشفة وخدمة المواطنين",
                )]),
            ),
            (
                "gov_interventions",
                rows(vec![intervention(
                    "gov",
                    "أرشفة قيود السجل المدني رقمياً وإعادة تأهيل مبناه",
                    "85000",
                    "10",
                    "145000",
                    AZAZ_COUNCIL,
                )]),
            ),
            (
                "gov_recommendations",
                text("تخصيص موازنة تشغيلية ثابتة للمجلس لمدة عام على الأقل، وربط السجل المدني بقاعدة بيانات مشتركة مع مجالس المنطقة لاستعادة القيود المفقودة."),
            ),
            // Infrastructure.
            ("inf_severity", text("4")),
            ("inf_water_facilities_total", text("12")),
            ("inf_water_facilities_functioning", text("6")),
            ("inf_water_facilities_partly", text("4")),
            ("inf_water_network_pct", text("55")),
            ("inf_electricity_hours", text("10")),
            ("inf_sanitation", text("network_damaged")),
            ("inf_waste_collection", text("partly_available")),
            ("inf_road_condition", text("fair")),
            ("inf_homes_damaged_pct", text("35")),
            ("inf_homes_destroyed_pct", text("8")),
            ("inf_camps", text("yes")),
            ("inf_camps_count", text("14")),
            ("inf_camp_residents", text("23000")),
            ("inf_rent_pressure", text("very_high")),
            ("inf_hlp_documents", text("about_half")),
            (
                "inf_problems",
                choices(&["water_shortage", "high_rents", "damaged_sewage"]),
            ),
            (
                "inf_priority_needs",
                choices(&["water_network", "sewage", "housing_repair"]),
            ),
            ("inf_cost_band", text("over_1m")),
            ("inf_funding_sources", choices(&["donor_governments"])),
            (
                "inf_recommendations",
                text("إعطاء الأولوية لتأهيل شبكة المياه في الأحياء الشرقية قبل الصيف، وإصلاح خطوط الصرف المكشوفة قرب المخيمات."),
            ),
            // Education.
            ("edu_severity", text("3")),
            ("edu_schools_total", text("34")),
            ("edu_schools_functioning", text("21")),
            ("edu_schools_partly", text("6")),
            ("edu_schools_not_functioning", text("7")),
            ("edu_schools_damaged", text("9")),
            ("edu_schools_shelters", text("2")),
            ("edu_pupils_enrolled", text("18400")),
            ("edu_out_of_school_pct", text("22")),
            ("edu_teachers_total", text("610")),
            ("edu_teachers_paid", text("420")),
            ("edu_teachers_volunteer", text("150")),
            ("edu_certificates", text("partly_recognised")),
            ("edu_higher_education", text("limited")),
            (
                "edu_problems",
                choices(&["unpaid_teachers", "overcrowding", "no_heating"]),
            ),
            ("edu_resources", choices(&["human", "material"])),
            (
                "edu_resources_detail",
                text("١٥٠ معلماً متطوعاً، ومستودع فيه مقاعد وكتب مدرسية بقيت من مشروع سابق."),
            ),
            (
                "edu_priority_needs",
                choices(&["teacher_pay", "heating", "school_rehabilitation"]),
            ),
            ("edu_cost_band", text("from_100k_to_500k")),
            ("edu_funding_sources", choices(&["un_agencies", "diaspora"])),
            (
                "edu_actors",
                rows(vec![actor(
                    "edu",
                    "اليونيسف",
                    "توزيع الحقائب والقرطاسية على المدارس",
                )]),
            ),
            (
                "edu_interventions",
                rows(vec![intervention(
                    "edu",
                    "ترميم سبع مدارس متضررة جزئياً في مدينة أعزاز",
                    "4900",
                    "8",
                    "230000",
                    "مديرية التربية في أعزاز",
                )]),
            ),
            (
                "edu_recommendations",
                text("تثبيت رواتب المعلمين المتطوعين قبل الفصل الثاني، وتأمين مازوت التدفئة للمدارس المكتظة."),
            ),
            // Health.
            ("hea_severity", text("4")),
            ("hea_facilities_total", text("9")),
            ("hea_facilities_functioning", text("5")),
            ("hea_facilities_partly", text("2")),
            ("hea_facilities_not_functioning", text("2")),
            ("hea_doctors", text("38")),
            ("hea_nurses", text("96")),
            ("hea_hospital_beds", text("120")),
            ("hea_vaccination_pct", text("64")),
            ("hea_medicines", text("severe_shortages")),
            ("hea_mental_health", text("partly_available")),
            ("hea_maternal_care", text("available")),
            ("hea_referral", text("in_area")),
            ("hea_ambulances", text("6")),
            (
                "hea_problems",
                choices(&["medicine_shortage", "staff_shortage", "power_fuel"]),
            ),
            (
                "hea_priority_needs",
                choices(&["medicines", "staff_salaries", "fuel_power"]),
            ),
            ("hea_cost_band", text("from_500k_to_1m")),
            (
                "hea_funding_sources",
                choices(&["international_ngo", "un_agencies"]),
            ),
            (
                "hea_actors",
                rows(vec![
                    actor("hea", "منظمة الصحة العالمية", "دعم سلسلة توريد الأدوية"),
                    actor("hea", "جمعية الشفاء الطبية", "تشغيل مركزين للرعاية الصحية الأولية"),
                ]),
            ),
            (
                "hea_interventions",
                rows(vec![
                    intervention(
                        "hea",
                        "تأمين أدوية الأمراض المزمنة لمراكز الرعاية الأولية",
                        "12000",
                        "12",
                        "210000",
                        "",
                    ),
                    intervention(
                        "hea",
                        "تأمين وقود المولدات لمشفى أعزاز الوطني ستة أشهر",
                        "85000",
                        "6",
                        "96000",
                        "",
                    ),
                ]),
            ),
            (
                "hea_recommendations",
                text("تأمين الأدوية المزمنة عبر مستودع مركزي واحد، ودفع حوافز للكوادر الطبية لوقف انتقالها إلى خارج المنطقة."),
            ),
        ],
        "2026-11-11T07:40:00.000Z",
        "2026-11-12T10:15:00.000Z",
    )
}

fn aghtrin() -> Submission {
    sample(
        AGHTRIN_ID,
        vec![
            ("entity_name", text(AZAZ_COUNCIL)),
            ("entity_type", text("local_council")),
            ("focal_role", text("عضو المكتب التنفيذي")),
            ("area", area(AGHTRIN)),
            ("authority", text("local_council")),
            ("accessibility", text("partly_accessible")),
            ("population", text("٣٢٠٠٠")),
            ("idps", text("9000")),
            ("assessment_date", text("2026-11-12")),
            ("sectors", choices(&["governance", "infrastructure"])),
            // Governance.
            ("gov_severity", text("4")),
            ("gov_council_status", text("partly_functioning")),
            ("gov_council_selection", text("consensus")),
            ("gov_council_members", text("11")),
            ("gov_council_women", text("1")),
            ("gov_coordination", text("occasional")),
            ("gov_transparency", choices(&["none"])),
            ("gov_local_revenue", text("no")),
            ("gov_civil_registry", text("not_available")),
            ("gov_regulations", text("unwritten")),
            (
                "gov_problems",
                choices(&["weak_funding", "staff_shortage", "low_trust"]),
            ),
            (
                "gov_priority_needs",
                choices(&["capacity_building", "premises_equipment", "civil_registry"]),
            ),
            ("gov_cost_band", text("from_10k_to_50k")),
            (
                "gov_interventions",
                rows(vec![intervention(
                    "gov",
                    "تدريب أعضاء المجلس وموظفيه على الإدارة المالية وخدمة المواطنين",
                    "40",
                    "4",
                    "18000",
                    "",
                )]),
            ),
            (
                "gov_recommendations",
                text("فتح مكتب للسجل المدني في أخترين بدل إرسال السكان إلى أعزاز، وعقد جلسات علنية شهرية للمجلس."),
            ),
            // Infrastructure.
            ("inf_severity", text("5")),
            ("inf_water_network_pct", text("30")),
            ("inf_electricity_hours", text("4")),
            ("inf_sanitation", text("septic_pits")),
            ("inf_waste_collection", text("not_available")),
            ("inf_road_condition", text("poor")),
            ("inf_homes_damaged_pct", text("50")),
            ("inf_homes_destroyed_pct", text("18")),
            ("inf_camps", text("yes")),
            ("inf_camps_count", text("6")),
            ("inf_camp_residents", text("8500")),
            ("inf_rent_pressure", text("high")),
            ("inf_hlp_documents", text("few")),
            (
                "inf_problems",
                choices(&["power_cuts", "destroyed_homes", "explosive_remnants", "rubble"]),
            ),
            ("inf_resources", choices(&["material"])),
            (
                "inf_resources_detail",
                text("آليتان للمجلس (جرافة وقلّاب) جاهزتان لإزالة الأنقاض متى توفر الوقود."),
            ),
            (
                "inf_priority_needs",
                choices(&["solar_power", "rubble_removal", "housing_repair"]),
            ),
            ("inf_cost_band", text("from_100k_to_500k")),
            (
                "inf_actors",
                rows(vec![actor(
                    "inf",
                    "فريق الدفاع المدني المحلي",
                    "فتح الطرقات وإزالة الأنقاض",
                )]),
            ),
            (
                "inf_interventions",
                rows(vec![
                    intervention(
                        "inf",
                        "إنارة الشوارع الرئيسية بالطاقة الشمسية",
                        "32000",
                        "5",
                        "75000",
                        AZAZ_COUNCIL,
                    ),
                    intervention(
                        "inf",
                        "مسح مخلفات الحرب في الأراضي الزراعية قبل الموسم",
                        "3200",
                        "3",
                        "40000",
                        "",
                    ),
                ]),
            ),
            (
                "inf_recommendations",
                text("مسح الأراضي الزراعية من مخلفات الحرب قبل موسم الزراعة، ثم ترميم المنازل المتضررة جزئياً لتشجيع العودة."),
            ),
        ],
        "2026-11-12T06:50:00.000Z",
        "2026-11-13T09:05:00.000Z",
    )
}

fn suran() -> Submission {
    sample(
        SURAN_ID,
        vec![
            ("entity_name", text(AZAZ_COUNCIL)),
            ("entity_type", text("local_council")),
            ("focal_role", text("مسؤول ملف الخدمات")),
            ("area", area(SURAN)),
            ("authority", text("local_council")),
            ("accessibility", text("accessible")),
            ("population", text("٢٧٥٠٠")),
            ("idps", text("7200")),
            ("returnees", text("1100")),
            ("assessment_date", text("2026-11-13")),
            ("sectors", choices(&["education", "health"])),
            // Education.
            ("edu_severity", text("4")),
            ("edu_schools_total", text("16")),
            ("edu_schools_functioning", text("7")),
            ("edu_schools_partly", text("4")),
            ("edu_schools_not_functioning", text("5")),
            ("edu_schools_damaged", text("6")),
            ("edu_pupils_enrolled", text("6200")),
            ("edu_out_of_school_pct", text("35")),
            ("edu_teachers_total", text("190")),
            ("edu_teachers_paid", text("95")),
            ("edu_teachers_volunteer", text("60")),
            ("edu_certificates", text("partly_recognised")),
            (
                "edu_problems",
                choices(&["damaged_schools", "child_labour", "distance"]),
            ),
            (
                "edu_priority_needs",
                choices(&["school_rehabilitation", "catch_up_classes", "school_transport"]),
            ),
            ("edu_cost_band", text("from_50k_to_100k")),
            (
                "edu_interventions",
                rows(vec![intervention(
                    "edu",
                    "صفوف تعويضية للأطفال المنقطعين عن الدراسة",
                    "900",
                    "9",
                    "54000",
                    "",
                )]),
            ),
            (
                "edu_recommendations",
                text("تأمين نقل مدرسي لتلاميذ القرى البعيدة عن صوران، وبرنامج تعويضي للأطفال العاملين."),
            ),
            // Health.
            ("hea_severity", text("3")),
            ("hea_facilities_total", text("4")),
            ("hea_facilities_functioning", text("2")),
            ("hea_facilities_partly", text("1")),
            ("hea_facilities_not_functioning", text("1")),
            ("hea_doctors", text("5")),
            ("hea_nurses", text("14")),
            ("hea_medicines", text("some_shortages")),
            ("hea_maternal_care", text("partly_available")),
            ("hea_referral", text("nearby")),
            ("hea_ambulances", text("1")),
            ("hea_problems", choices(&["distance", "equipment_shortage"])),
            ("hea_resources", choices(&["human"])),
            (
                "hea_resources_detail",
                text("طبيبان وثلاث قابلات من أبناء البلدة يعملون بأجور رمزية."),
            ),
            (
                "hea_priority_needs",
                choices(&["equipment", "referral", "mother_child"]),
            ),
            (
                "hea_actors",
                rows(vec![actor(
                    "hea",
                    "جمعية الشفاء الطبية",
                    "عيادة متنقلة مرتين في الأسبوع",
                )]),
            ),
            (
                "hea_recommendations",
                text("سيارة إسعاف ثانية لنقل الحالات إلى أعزاز ليلاً، وتجهيز غرفة ولادة في المركز الصحي."),
            ),
        ],
        "2026-11-13T07:30:00.000Z",
        "2026-11-14T11:45:00.000Z",
    )
}

// ---------------------------------------------------------------------------------------------
// 02: Basma Relief, an NGO, on two of the same areas and Tall Refaat; health, economy, rule of
// law and education.

fn basma_azaz() -> Submission {
    sample(
        BASMA_AZAZ_ID,
        vec![
            ("entity_name", text(BASMA)),
            ("entity_type", text("ngo")),
            ("focal_role", text("منسق البرامج")),
            ("area", area(AZAZ_CENTRE)),
            ("accessibility", text("accessible")),
            ("population", text("90000")),
            ("idps", text("43000")),
            ("assessment_date", text("2026-11-09")),
            ("sectors", choices(&["economy", "health"])),
            // Economy.
            ("eco_severity", text("4")),
            ("eco_markets_total", text("5")),
            ("eco_markets_functioning", text("3")),
            ("eco_markets_partly", text("2")),
            ("eco_unemployment_pct", text("45")),
            (
                "eco_livelihoods",
                choices(&["daily_labour", "trade", "remittances"]),
            ),
            ("eco_price_trend", text("rose")),
            ("eco_finance_access", text("limited")),
            (
                "eco_finance_providers",
                choices(&["money_transfer", "ngo_grants"]),
            ),
            ("eco_vocational_training", text("partly_available")),
            ("eco_youth_programmes", text("no")),
            ("eco_women_programmes", text("yes")),
            (
                "eco_problems",
                choices(&["few_jobs", "high_prices", "low_wages"]),
            ),
            (
                "eco_priority_needs",
                choices(&["cash_for_work", "vocational_training", "microcredit"]),
            ),
            ("eco_cost_band", text("from_100k_to_500k")),
            (
                "eco_interventions",
                rows(vec![intervention(
                    "eco",
                    "نقد مقابل العمل لتأهيل الأسواق الشعبية",
                    "600",
                    "4",
                    "150000",
                    "",
                )]),
            ),
            (
                "eco_recommendations",
                text("برامج نقد مقابل العمل للعمال المياومين، مع أولوية للأسر النازحة التي تعيلها نساء."),
            ),
            // Health.
            ("hea_severity", text("4")),
            ("hea_doctors", text("35")),
            ("hea_medicines", text("severe_shortages")),
            ("hea_mental_health", text("not_available")),
            ("hea_maternal_care", text("partly_available")),
            (
                "hea_problems",
                choices(&["medicine_shortage", "cost_of_care", "funding_cuts"]),
            ),
            ("hea_resources", choices(&["human", "material"])),
            (
                "hea_resources_detail",
                text("فريق دعم نفسي من ستة أخصائيين، ومستودع أدوية صغير في أعزاز."),
            ),
            (
                "hea_priority_needs",
                choices(&["medicines", "mental_health", "mother_child"]),
            ),
            ("hea_cost_band", text("from_50k_to_100k")),
            ("hea_funding_sources", choices(&["international_ngo"])),
            (
                "hea_actors",
                rows(vec![actor("hea", BASMA, "رعاية الأمومة والطفولة")]),
            ),
            (
                "hea_interventions",
                rows(vec![intervention(
                    "hea",
                    "عيادة للصحة النفسية والدعم النفسي الاجتماعي في مدينة أعزاز",
                    "2500",
                    "12",
                    "88000",
                    BASMA,
                )]),
            ),
            (
                "hea_recommendations",
                text("افتتاح خدمة صحة نفسية ثابتة في المدينة، فلا يوجد أي أخصائي نفسي في المرافق العامة."),
            ),
        ],
        "2026-11-09T08:20:00.000Z",
        "2026-11-10T14:00:00.000Z",
    )
}

fn basma_suran() -> Submission {
    sample(
        BASMA_SURAN_ID,
        vec![
            ("entity_name", text(BASMA)),
            ("entity_type", text("ngo")),
            ("focal_role", text("منسق البرامج")),
            ("area", area(SURAN)),
            ("accessibility", text("accessible")),
            ("population", text("29000")),
            ("assessment_date", text("2026-11-12")),
            ("sectors", choices(&["education", "health", "rule_of_law"])),
            // Education.
            ("edu_severity", text("3")),
            ("edu_out_of_school_pct", text("30")),
            ("edu_problems", choices(&["child_labour", "school_costs"])),
            ("edu_resources", choices(&["human"])),
            (
                "edu_resources_detail",
                text("متطوعون من شباب البلدة يديرون أنشطة دعم نفسي في مدرستين."),
            ),
            (
                "edu_priority_needs",
                choices(&["psychosocial_support", "learning_materials"]),
            ),
            (
                "edu_interventions",
                rows(vec![intervention(
                    "edu",
                    "توزيع حقائب وقرطاسية على تلاميذ المرحلة الابتدائية",
                    "3100",
                    "2",
                    "31000",
                    BASMA,
                )]),
            ),
            // Health.
            ("hea_severity", text("5")),
            ("hea_facilities_total", text("4")),
            ("hea_facilities_functioning", text("1")),
            ("hea_facilities_not_functioning", text("3")),
            ("hea_doctors", text("2")),
            ("hea_medicines", text("not_available")),
            ("hea_referral", text("far")),
            (
                "hea_problems",
                choices(&["staff_shortage", "medicine_shortage", "damaged_facilities"]),
            ),
            (
                "hea_priority_needs",
                choices(&["facility_rehabilitation", "medicines", "staff_salaries"]),
            ),
            ("hea_cost_band", text("from_100k_to_500k")),
            (
                "hea_interventions",
                rows(vec![intervention(
                    "hea",
                    "إعادة تأهيل المركز الصحي في صوران وتجهيزه",
                    "27000",
                    "6",
                    "120000",
                    "",
                )]),
            ),
            (
                "hea_recommendations",
                text("المركز الصحي الرئيسي متوقف منذ انقطاع التمويل في أيلول، والمرضى يُحالون إلى أعزاز على نفقتهم."),
            ),
            // Rule of law.
            ("rol_severity", text("3")),
            ("rol_police", text("limited")),
            ("rol_security_incidents", text("some")),
            ("rol_legal_aid", text("not_available")),
            ("rol_hlp_disputes", text("common")),
            ("rol_hlp_resolution", choices(&["mediation", "local_council"])),
            ("rol_no_documents_pct", text("30")),
            ("rol_women_protection", text("partly_available")),
            ("rol_child_protection", text("not_available")),
            (
                "rol_problems",
                choices(&["property_disputes", "missing_documents", "no_legal_aid"]),
            ),
            (
                "rol_priority_needs",
                choices(&["legal_aid", "civil_documentation", "property_committees"]),
            ),
            (
                "rol_interventions",
                rows(vec![intervention(
                    "rol",
                    "مساعدة قانونية متنقلة لاستخراج الوثائق المدنية",
                    "1800",
                    "10",
                    "65000",
                    "",
                )]),
            ),
            (
                "rol_recommendations",
                text("عيادة قانونية متنقلة أسبوعياً لاستخراج الوثائق المفقودة وتثبيت الزواج والولادات."),
            ),
        ],
        "2026-11-12T09:00:00.000Z",
        "2026-11-13T16:20:00.000Z",
    )
}

fn basma_tall_refaat() -> Submission {
    sample(
        BASMA_TALL_REFAAT_ID,
        vec![
            ("entity_name", text(BASMA)),
            ("entity_type", text("ngo")),
            ("focal_role", text("منسقة الحماية")),
            ("area", area(TALL_REFAAT)),
            ("authority", text("government_of_syria")),
            ("accessibility", text("partly_accessible")),
            ("population", text("٢٤٠٠٠")),
            ("returnees", text("15000")),
            ("assessment_date", text("2026-11-15")),
            ("sectors", choices(&["economy", "education", "rule_of_law"])),
            // Economy.
            ("eco_severity", text("5")),
            ("eco_unemployment_pct", text("60")),
            ("eco_livelihoods", choices(&["farming", "daily_labour"])),
            ("eco_price_trend", text("rose_sharply")),
            ("eco_finance_access", text("none")),
            ("eco_farmland_cultivated_pct", text("25")),
            (
                "eco_problems",
                choices(&["farm_inputs", "damaged_workplaces", "no_finance"]),
            ),
            ("eco_resources", choices(&["financial"])),
            (
                "eco_resources_detail",
                text("مساهمات من المغتربين بنحو ٢٠ ألف دولار لإعادة تشغيل المطحنة."),
            ),
            (
                "eco_priority_needs",
                choices(&["farming_support", "business_grants", "productive_energy"]),
            ),
            ("eco_funding_sources", choices(&["diaspora", "local_community"])),
            (
                "eco_interventions",
                rows(vec![intervention(
                    "eco",
                    "منح صغيرة للمزارعين العائدين (بذار وأسمدة وري)",
                    "750",
                    "6",
                    "112500",
                    "",
                )]),
            ),
            (
                "eco_recommendations",
                text("دعم المزارعين العائدين بمدخلات الموسم الشتوي قبل نهاية كانون الأول، فثلاثة أرباع الأراضي غير مزروعة."),
            ),
            // Education.
            ("edu_severity", text("5")),
            ("edu_schools_total", text("11")),
            ("edu_schools_functioning", text("2")),
            ("edu_schools_partly", text("2")),
            ("edu_schools_not_functioning", text("7")),
            ("edu_schools_damaged", text("8")),
            ("edu_out_of_school_pct", text("48")),
            ("edu_certificates", text("not_recognised")),
            (
                "edu_problems",
                choices(&["damaged_schools", "teacher_shortage", "certificates"]),
            ),
            (
                "edu_priority_needs",
                choices(&["school_rehabilitation", "teacher_pay", "certificate_recognition"]),
            ),
            (
                "edu_interventions",
                rows(vec![intervention(
                    "edu",
                    "ترميم مدرستين وتشغيلهما قبل الفصل الثاني",
                    "1300",
                    "5",
                    "85000",
                    "",
                )]),
            ),
            (
                "edu_recommendations",
                text("الاعتراف بشهادات الطلاب العائدين ووضع امتحانات سبر لتحديد صفوفهم."),
            ),
            // Rule of law.
            ("rol_severity", text("4")),
            ("rol_police", text("limited")),
            ("rol_legal_aid", text("partly_available")),
            ("rol_hlp_disputes", text("very_common")),
            (
                "rol_hlp_resolution",
                choices(&["property_committees", "courts"]),
            ),
            ("rol_no_documents_pct", text("40")),
            (
                "rol_problems",
                choices(&["property_disputes", "missing_documents", "weak_courts"]),
            ),
            ("rol_resources", choices(&["human"])),
            (
                "rol_resources_detail",
                text("خمسة محامين متطوعين من أبناء البلدة يتابعون قضايا الملكية."),
            ),
            (
                "rol_priority_needs",
                choices(&["property_committees", "civil_documentation", "legal_awareness"]),
            ),
            (
                "rol_actors",
                rows(vec![actor(
                    "rol",
                    "فرع نقابة المحامين في حلب",
                    "استشارات قانونية مجانية",
                )]),
            ),
            (
                "rol_interventions",
                rows(vec![intervention(
                    "rol",
                    "لجنة محلية لتوثيق ملكية المنازل والأراضي للعائدين",
                    "15000",
                    "12",
                    "70000",
                    "فرع نقابة المحامين في حلب",
                )]),
            ),
            (
                "rol_recommendations",
                text("تشكيل لجنة لتوثيق الملكيات قبل أن تتكاثر النزاعات بين العائدين وشاغلي المنازل."),
            ),
        ],
        "2026-11-15T07:10:00.000Z",
        "2026-11-16T12:30:00.000Z",
    )
}

// ---------------------------------------------------------------------------------------------
// 03: the Mare' council, the town and a village typed by hand, all six sectors between them.

fn mare_town() -> Submission {
    sample(
        MARE_TOWN_ID,
        vec![
            ("entity_name", text(MARE_COUNCIL)),
            ("entity_type", text("local_council")),
            ("focal_role", text("رئيس مكتب العلاقات العامة")),
            ("area", area(MARE)),
            ("authority", text("local_council")),
            ("accessibility", text("accessible")),
            ("population", text("٤٨٠٠٠")),
            ("idps", text("16000")),
            ("assessment_date", text("2026-11-13")),
            (
                "sectors",
                choices(&["governance", "economy", "infrastructure"]),
            ),
            // Governance.
            ("gov_severity", text("2")),
            ("gov_offices_total", text("8")),
            ("gov_offices_functioning", text("7")),
            ("gov_offices_partly", text("1")),
            ("gov_council_status", text("functioning")),
            ("gov_council_selection", text("direct_election")),
            ("gov_council_members", text("21")),
            ("gov_council_women", text("3")),
            ("gov_coordination", text("regular")),
            (
                "gov_transparency",
                choices(&["published_decisions", "published_budget", "phone_line"]),
            ),
            ("gov_local_revenue", text("yes")),
            ("gov_org_agreements", text("7")),
            ("gov_civil_registry", text("available")),
            ("gov_regulations", text("written_applied")),
            ("gov_problems", choices(&["weak_coordination"])),
            (
                "gov_resources",
                choices(&["human", "financial", "institutional"]),
            ),
            (
                "gov_resources_detail",
                text("إيرادات محلية من رسوم الخدمات تغطي رواتب ٦٠٪ من الموظفين، ونظام داخلي مطبّق."),
            ),
            (
                "gov_priority_needs",
                choices(&["coordination", "participation"]),
            ),
            (
                "gov_recommendations",
                text("اجتماع تنسيقي شهري بين مجالس منطقة أعزاز والمنظمات العاملة لتوزيع المشاريع ومنع تكرارها."),
            ),
            // Economy.
            ("eco_severity", text("4")),
            ("eco_markets_total", text("3")),
            ("eco_markets_functioning", text("2")),
            ("eco_unemployment_pct", text("38")),
            ("eco_livelihoods", choices(&["farming", "trade", "crafts_industry"])),
            ("eco_price_trend", text("rose")),
            ("eco_finance_access", text("limited")),
            ("eco_finance_providers", choices(&["microfinance"])),
            ("eco_vocational_training", text("available")),
            ("eco_youth_programmes", text("yes")),
            ("eco_women_programmes", text("no")),
            ("eco_problems", choices(&["few_jobs", "skills_gap", "energy_costs"])),
            ("eco_resources", choices(&["human"])),
            (
                "eco_resources_detail",
                text("مركز تدريب مهني تابع للمجلس فيه قاعتان ومدرّبان."),
            ),
            (
                "eco_priority_needs",
                choices(&["vocational_training", "youth_employment", "women_empowerment"]),
            ),
            (
                "eco_actors",
                rows(vec![actor(
                    "eco",
                    "منظمة الأمل للتنمية",
                    "قروض صغيرة لمشاريع النساء",
                )]),
            ),
            (
                "eco_interventions",
                rows(vec![intervention(
                    "eco",
                    "تدريب مهني للشباب في الكهرباء والطاقة الشمسية والصيانة",
                    "300",
                    "6",
                    "60000",
                    MARE_COUNCIL,
                )]),
            ),
            (
                "eco_recommendations",
                text("ربط التدريب المهني بفرص عمل فعلية في مشاريع الطاقة الشمسية المقبلة."),
            ),
            // Infrastructure.
            ("inf_severity", text("3")),
            ("inf_water_network_pct", text("70")),
            ("inf_electricity_hours", text("12")),
            ("inf_sanitation", text("network_working")),
            ("inf_waste_collection", text("available")),
            ("inf_road_condition", text("fair")),
            ("inf_homes_damaged_pct", text("20")),
            ("inf_homes_destroyed_pct", text("5")),
            ("inf_camps", text("no")),
            ("inf_rent_pressure", text("moderate")),
            ("inf_problems", choices(&["water_shortage", "damaged_roads"])),
            (
                "inf_priority_needs",
                choices(&["water_network", "roads", "waste_management"]),
            ),
            (
                "inf_interventions",
                rows(vec![intervention(
                    "inf",
                    "تأهيل خط المياه الرئيسي من البئر إلى الخزان العالي",
                    "48000",
                    "4",
                    "190000",
                    "",
                )]),
            ),
        ],
        "2026-11-13T08:00:00.000Z",
        "2026-11-14T13:40:00.000Z",
    )
}

fn tall_malid() -> Submission {
    sample(
        TALL_MALID_ID,
        vec![
            ("entity_name", text(MARE_COUNCIL)),
            ("entity_type", text("local_council")),
            ("focal_role", text("مختار القرية")),
            (
                "area",
                Answer::Area {
                    code: MARE.into(),
                    name: "تل مالد".into(),
                },
            ),
            ("authority", text("local_council")),
            ("accessibility", text("partly_accessible")),
            ("population", text("6500")),
            ("assessment_date", text("2026-11-15")),
            ("sectors", choices(&["education", "health", "rule_of_law"])),
            // Education.
            ("edu_severity", text("3")),
            ("edu_schools_total", text("3")),
            ("edu_schools_functioning", text("1")),
            ("edu_schools_partly", text("1")),
            ("edu_schools_not_functioning", text("1")),
            ("edu_problems", choices(&["no_heating", "teacher_shortage"])),
            (
                "edu_priority_needs",
                choices(&["heating", "teacher_training"]),
            ),
            // Health.
            ("hea_severity", text("4")),
            ("hea_facilities_total", text("1")),
            ("hea_facilities_functioning", text("0")),
            ("hea_facilities_not_functioning", text("1")),
            ("hea_referral", text("far")),
            ("hea_problems", choices(&["distance", "damaged_facilities"])),
            (
                "hea_priority_needs",
                choices(&["facility_rehabilitation", "referral", "vaccination"]),
            ),
            (
                "hea_interventions",
                rows(vec![intervention(
                    "hea",
                    "نقطة طبية بدوام يومي في تل مالد",
                    "6500",
                    "12",
                    "45000",
                    "",
                )]),
            ),
            (
                "hea_recommendations",
                text("حملة تلقيح للأطفال دون الخامسة، فآخر حملة وصلت القرية قبل أكثر من عام."),
            ),
            // Rule of law.
            ("rol_severity", text("2")),
            ("rol_police", text("regular")),
            ("rol_security_incidents", text("none_or_rare")),
            ("rol_hlp_disputes", text("none_or_rare")),
            ("rol_priority_needs", choices(&["legal_awareness"])),
        ],
        "2026-11-15T09:15:00.000Z",
        "2026-11-16T10:00:00.000Z",
    )
}

// ---------------------------------------------------------------------------------------------
// 04 and 05: two revisions 2 of the A'zaz centre submission, made independently.

/// The council reopens its own submission: the health situation got worse.
fn council_edit() -> Submission {
    revised(
        &azaz_centre(),
        COUNCIL_EDIT,
        vec![
            ("hea_severity", text("5")),
            (
                "hea_recommendations",
                text("توقف مولد مشفى أعزاز الوطني مرتين هذا الشهر: تأمين الوقود أولوية عاجلة قبل الأدوية، ثم دفع حوافز للكوادر الطبية."),
            ),
        ],
    )
}

/// The coordinator corrects the same submission on their own device after a field visit.
fn coordinator_edit() -> Submission {
    revised(
        &azaz_centre(),
        COORDINATOR_EDIT,
        vec![
            ("inf_severity", text("5")),
            (
                "inf_recommendations",
                text("بعد الزيارة الميدانية: الصرف الصحي المكشوف قرب المخيمات خطر صحي عاجل، ويجب أن يسبق تأهيل شبكة المياه."),
            ),
        ],
    )
}

// ---------------------------------------------------------------------------------------------
// The files.

/// The files in the order a coordinator imports them, with their text.
fn generated() -> Vec<(&'static str, String)> {
    let file = |submissions: &[Submission], producer: &str, device_id: &str, at: &str| {
        let bundle = signed(
            export(
                submissions,
                &device(),
                &from(producer, device_id),
                at,
                Sensitive::Include,
            ),
            producer,
        );
        serde_json::to_string(&bundle).expect("prints")
    };
    vec![
        (
            "01-azaz-council.json",
            file(
                &[azaz_centre(), aghtrin(), suran()],
                AZAZ_COUNCIL,
                AZAZ_DEVICE,
                "2026-11-16T12:00:00.000Z",
            ),
        ),
        (
            "02-basma-relief.json",
            file(
                &[basma_azaz(), basma_suran(), basma_tall_refaat()],
                BASMA,
                BASMA_DEVICE,
                "2026-11-17T09:30:00.000Z",
            ),
        ),
        (
            "03-marea-council.json",
            file(
                &[mare_town(), tall_malid()],
                MARE_COUNCIL,
                MARE_DEVICE,
                "2026-11-18T08:45:00.000Z",
            ),
        ),
        (
            "04-azaz-council-edit.json",
            file(
                &[council_edit()],
                AZAZ_COUNCIL,
                AZAZ_DEVICE,
                "2026-11-22T09:00:00.000Z",
            ),
        ),
        (
            "05-coordinator-edit.json",
            file(
                &[coordinator_edit()],
                COORDINATOR,
                COORDINATOR_DEVICE,
                "2026-11-20T13:40:00.000Z",
            ),
        ),
    ]
}

/// A sample file's text, as checked in (written first when asked to).
fn sample_file(name: &str) -> String {
    static WRITTEN: OnceLock<()> = OnceLock::new();
    if std::env::var("NAHDA_WRITE_SAMPLES").is_ok_and(|v| v == "1") {
        WRITTEN.get_or_init(|| {
            fs::create_dir_all(repo_path(DIR)).expect("the folder");
            for (file, text) in generated() {
                fs::write(repo_path(&format!("{DIR}/{file}")), text).expect("written");
            }
        });
    }
    fs::read_to_string(repo_path(&format!("{DIR}/{name}")))
        .unwrap_or_else(|e| panic!("{DIR}/{name}: {e}; generate the samples with `{REGENERATE}`"))
}

/// A sample file read as a device holding only the shipped pack reads it: whole, with no
/// submission rejected.
fn imported(name: &str) -> VerifiedBundle {
    let verified =
        verify(&sample_file(name), &device()).unwrap_or_else(|e| panic!("{name} is refused: {e}"));
    assert!(
        verified.rejected.is_empty(),
        "{name}: {:?}",
        verified.rejected
    );
    verified
}

const FILES: [&str; 5] = [
    "01-azaz-council.json",
    "02-basma-relief.json",
    "03-marea-council.json",
    "04-azaz-council-edit.json",
    "05-coordinator-edit.json",
];

/// The stored submissions after importing these files, in this order, into an empty device.
fn store_after(files: &[&str]) -> Vec<Submission> {
    let mut merge = Merge::new(Vec::new());
    for name in files {
        let verified = imported(name);
        merge.bundle(&verified.bundle.id, verified.accepted.clone());
    }
    merge.records().values().cloned().collect()
}

fn picture() -> Picture {
    let reports: Vec<Report> = store_after(&FILES).iter().map(Report::of).collect();
    aggregate(&reports, &Filters::default())
}

// ---------------------------------------------------------------------------------------------
// The figures, as `tests/samples/README.md` lists them.

const SUBMISSIONS: usize = 8;
const ENTITIES: [&str; 3] = [BASMA, AZAZ_COUNCIL, MARE_COUNCIL];
const AREAS: [&str; 5] = [AZAZ_CENTRE, AGHTRIN, TALL_REFAAT, MARE, SURAN];
const FIRST_DAY: &str = "2026-11-09";
const LAST_DAY: &str = "2026-11-15";

/// One line of the dashboard: area, sector, reports, median severity, severities (sorted),
/// and whether needs are reported with no intervention that has a proposed lead.
struct Line {
    area: &'static str,
    sector: &'static str,
    reports: usize,
    median: f64,
    severities: &'static [u8],
    needs_without_lead: bool,
}

const fn line(
    area: &'static str,
    sector: &'static str,
    reports: usize,
    median: f64,
    severities: &'static [u8],
    needs_without_lead: bool,
) -> Line {
    Line {
        area,
        sector,
        reports,
        median,
        severities,
        needs_without_lead,
    }
}

/// Every cell of the picture, by area code and then in the plan's order of sectors.
const CELLS: [Line; 19] = [
    line(AZAZ_CENTRE, "governance", 1, 3.0, &[3], false),
    line(AZAZ_CENTRE, "economy", 1, 4.0, &[4], true),
    line(AZAZ_CENTRE, "infrastructure", 1, 4.0, &[4], true),
    line(AZAZ_CENTRE, "education", 1, 3.0, &[3], false),
    line(AZAZ_CENTRE, "health", 2, 4.5, &[4, 5], false),
    line(AGHTRIN, "governance", 1, 4.0, &[4], true),
    line(AGHTRIN, "infrastructure", 1, 5.0, &[5], false),
    line(TALL_REFAAT, "economy", 1, 5.0, &[5], true),
    line(TALL_REFAAT, "education", 1, 5.0, &[5], true),
    line(TALL_REFAAT, "rule_of_law", 1, 4.0, &[4], false),
    line(MARE, "governance", 1, 2.0, &[2], true),
    line(MARE, "economy", 1, 4.0, &[4], false),
    line(MARE, "infrastructure", 1, 3.0, &[3], true),
    line(MARE, "education", 1, 3.0, &[3], true),
    line(MARE, "health", 1, 4.0, &[4], true),
    line(MARE, "rule_of_law", 1, 2.0, &[2], true),
    line(SURAN, "education", 2, 3.5, &[3, 4], false),
    line(SURAN, "health", 2, 4.0, &[3, 5], true),
    line(SURAN, "rule_of_law", 1, 3.0, &[3], true),
];

/// Per sector in the plan's order: areas with priority needs, and of those, areas where no
/// report names a self-resource.
const SHORTFALLS: [(usize, usize); 6] = [(3, 1), (3, 1), (3, 2), (4, 2), (3, 1), (3, 2)];

/// The line of the README's table of cells.
fn readme_row(l: &Line) -> String {
    let severities: Vec<String> = l.severities.iter().map(u8::to_string).collect();
    format!(
        "| `{}` | {} | {} | {} | {} | {} |",
        l.area,
        l.sector,
        l.reports,
        figure(l.median),
        severities.join(", "),
        if l.needs_without_lead { "yes" } else { "no" }
    )
}

/// The line of the README's table of shortfalls.
fn shortfall_row(sector: Sector, (with_needs, without): (usize, usize)) -> String {
    format!("| {} | {with_needs} | {without} |", sector.key())
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn the_files_are_exactly_what_the_generator_makes() {
    let first = generated();
    assert_eq!(first, generated(), "the generator is deterministic");
    let names: Vec<&str> = first.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, FILES);
    for (name, text) in &first {
        assert!(
            sample_file(name) == *text,
            "{DIR}/{name} is not what the generator makes; regenerate with `{REGENERATE}`"
        );
    }
    let on_disk: BTreeSet<String> = fs::read_dir(repo_path(DIR))
        .expect("the folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    let expected: BTreeSet<String> = FILES.iter().map(|n| n.to_string()).collect();
    assert_eq!(on_disk, expected);
}

#[test]
fn every_sample_is_read_whole_by_a_device_with_the_shipped_pack() {
    let expected: [(&str, &str, &[&str], u32); 5] = [
        (
            FILES[0],
            AZAZ_COUNCIL,
            &[AZAZ_CENTRE_ID, AGHTRIN_ID, SURAN_ID],
            1,
        ),
        (
            FILES[1],
            BASMA,
            &[BASMA_AZAZ_ID, BASMA_SURAN_ID, BASMA_TALL_REFAAT_ID],
            1,
        ),
        (FILES[2], MARE_COUNCIL, &[MARE_TOWN_ID, TALL_MALID_ID], 1),
        (FILES[3], AZAZ_COUNCIL, &[CONFLICT_ID], 2),
        (FILES[4], COORDINATOR, &[CONFLICT_ID], 2),
    ];
    for (name, producer, ids, revision) in expected {
        let verified = imported(name);
        assert_eq!(verified.bundle.producer.entity_name, producer);
        assert_eq!(verified.bundle.signed_by(), Some(public_key_of(producer)));
        let got: Vec<&str> = verified.accepted.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(got, ids, "{name}");
        for s in &verified.accepted {
            assert_eq!(s.status, Status::Finalised, "{name}: {}", s.id);
            assert_eq!(s.revision, revision, "{name}: {}", s.id);
            let day = s.answers["assessment_date"].text();
            assert!(day.starts_with("2026-11-"), "{name}: {}: {day}", s.id);
        }
        assert!(verified.new_forms.is_empty(), "the device has the pack");
    }
    // Basma Relief reports on two areas the A'zaz council reports on, under its own ids.
    let areas_of = |name: &str| -> BTreeSet<String> {
        imported(name)
            .accepted
            .iter()
            .map(|s| s.area_code.clone())
            .collect()
    };
    let shared: Vec<String> = areas_of(FILES[0])
        .intersection(&areas_of(FILES[1]))
        .cloned()
        .collect();
    assert_eq!(shared, [AZAZ_CENTRE, SURAN]);
    // The two revisions 2 both descend from the revision 1 in file 01, not from each other.
    let first = azaz_centre().revision_hash();
    for name in [FILES[3], FILES[4]] {
        let [s] = imported(name).accepted.try_into().expect("one submission");
        assert_eq!(s.history, std::slice::from_ref(&first), "{name}");
    }
}

#[test]
fn importing_the_files_in_order_gives_one_conflict() {
    let counts = |c: Counts| (c.new, c.duplicate, c.newer, c.older, c.conflict);
    let expected = [
        (3, 0, 0, 0, 0),
        (3, 0, 0, 0, 0),
        (2, 0, 0, 0, 0),
        (0, 0, 1, 0, 0),
        (0, 0, 0, 0, 1),
    ];
    let mut merge = Merge::new(Vec::new());
    for (name, expected) in FILES.iter().zip(expected) {
        let verified = imported(name);
        let report = merge.bundle(&verified.bundle.id, verified.accepted.clone());
        assert_eq!(counts(report.counts), expected, "{name}");
    }
    // Importing them all again changes nothing.
    for name in FILES {
        let verified = imported(name);
        let report = merge.bundle(&verified.bundle.id, verified.accepted.clone());
        assert_eq!(report.counts.changes(), 0, "{name} again");
    }
    let records = merge.records();
    assert_eq!(records.len(), SUBMISSIONS);
    let conflicted: Vec<&str> = records
        .values()
        .filter(|s| !s.conflicts.is_empty())
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(conflicted, [CONFLICT_ID]);
    // The council's revision is shown (it is the later one); the coordinator's waits beside it.
    let shown = &records[CONFLICT_ID];
    assert_eq!(shown.revision_hash(), council_edit().revision_hash());
    assert_eq!(shown.conflicts.len(), 1);
    assert_eq!(
        shown.conflicts[0].revision_hash(),
        coordinator_edit().revision_hash()
    );
    // Any order ends with the same revisions stored.
    let mut reversed = FILES;
    reversed.reverse();
    let hashes = |store: Vec<Submission>| -> Vec<(String, Vec<String>)> {
        store
            .iter()
            .map(|s| {
                (
                    s.revision_hash(),
                    s.conflicts.iter().map(Submission::revision_hash).collect(),
                )
            })
            .collect()
    };
    assert_eq!(
        hashes(store_after(&reversed)),
        hashes(records.values().cloned().collect())
    );
}

#[test]
fn the_dashboard_shows_the_figures_the_readme_lists() {
    let picture = picture();
    assert_eq!(picture.submissions, SUBMISSIONS);
    assert_eq!(
        picture.entities,
        ENTITIES.iter().map(|e| e.to_string()).collect()
    );
    assert_eq!(picture.areas, AREAS.iter().map(|a| a.to_string()).collect());
    assert_eq!(picture.conflicts, [CONFLICT_ID]);
    assert_eq!(picture.first_day.as_deref(), Some(FIRST_DAY));
    assert_eq!(picture.last_day.as_deref(), Some(LAST_DAY));
    assert_eq!(
        picture.form_versions,
        BTreeSet::from([("six-sector-survey".to_string(), 1)])
    );

    assert_eq!(picture.cells.len(), CELLS.len(), "every cell is listed");
    for l in &CELLS {
        let sector = Sector::from_key(l.sector).expect("a sector");
        let cell = picture
            .cell(l.area, sector)
            .unwrap_or_else(|| panic!("no cell {} × {}", l.area, l.sector));
        let at = format!("{} × {}", l.area, l.sector);
        assert_eq!(cell.reports(), l.reports, "{at}: reports");
        assert_eq!(cell.median(), Some(l.median), "{at}: median");
        assert_eq!(cell.severities, l.severities, "{at}: severities");
        assert_eq!(
            cell.needs_without_lead(),
            l.needs_without_lead,
            "{at}: needs without lead"
        );
    }

    for sector in Sector::ALL {
        assert!(
            picture.sector(sector).next().is_some(),
            "{} has a cell",
            sector.key()
        );
    }
    let disagreeing: Vec<(&str, &str)> = picture
        .cells
        .values()
        .filter(|c| c.disagrees())
        .map(|c| (c.area_code.as_str(), c.sector.key()))
        .collect();
    assert_eq!(disagreeing, [(SURAN, "health")]);
    assert!(picture.cells.values().any(|c| c.needs_without_lead()));
    // The cell of the conflicted submission counts it.
    let conflicted: Vec<(&str, &str)> = picture
        .cells
        .values()
        .filter(|c| c.conflicts > 0)
        .map(|c| (c.area_code.as_str(), c.sector.key()))
        .collect();
    assert_eq!(
        conflicted,
        [
            (AZAZ_CENTRE, "governance"),
            (AZAZ_CENTRE, "infrastructure"),
            (AZAZ_CENTRE, "education"),
            (AZAZ_CENTRE, "health"),
        ]
    );

    let short = shortfalls(&picture);
    let expected = SHORTFALLS.map(|(areas_with_needs, areas_without_resources)| Shortfall {
        areas_with_needs,
        areas_without_resources,
    });
    assert_eq!(short, expected);
    assert!(short.iter().any(|s| s.areas_without_resources > 0));
    // Some areas have self-resources and some do not.
    assert!(short
        .iter()
        .any(|s| s.areas_without_resources < s.areas_with_needs));
}

#[test]
fn the_readme_lists_every_file_and_figure() {
    let readme = fs::read_to_string(repo_path(&format!("{DIR}/README.md"))).expect("the README");
    for name in FILES {
        assert!(readme.contains(&format!("`{name}`")), "README: {name}");
    }
    let figures = [
        format!("| stored submissions | {SUBMISSIONS} |"),
        format!("| entities | {} |", ENTITIES.len()),
        format!("| areas | {} |", AREAS.len()),
        format!("| conflicts | 1 (`{CONFLICT_ID}`) |"),
        format!("| first and last day | {FIRST_DAY} to {LAST_DAY} |"),
        format!("| cells (area × sector) | {} |", CELLS.len()),
    ];
    for figure in figures.iter().map(String::as_str) {
        assert!(readme.contains(figure), "README lacks `{figure}`");
    }
    for l in &CELLS {
        let row = readme_row(l);
        assert!(readme.contains(&row), "README lacks `{row}`");
    }
    for (sector, figures) in Sector::ALL.into_iter().zip(SHORTFALLS) {
        let row = shortfall_row(sector, figures);
        assert!(readme.contains(&row), "README lacks `{row}`");
    }
    assert!(readme.contains(REGENERATE));
}
