//! Forms written as XLSForm pass pyxform, the converter KoboToolbox and ODK use (installed by
//! `scripts/setup.sh --test` from PyPI into `.tools/pyxform`): the six-sector survey, whose
//! XForm carries both languages, and a repeat inside a repeat with its count and a condition
//! for `required`, which the XForm carries as ODK reads them.

use std::path::PathBuf;
use std::process::Command;

use nahda::core::schema::Form;
use nahda::xlsform::export::export;

const PACK: &str = include_str!("../public/forms/six-sector-survey.v1.json");

fn xls2xform() -> PathBuf {
    std::env::var_os("NAHDA_XLS2XFORM").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/pyxform/bin/xls2xform"),
        PathBuf::from,
    )
}

/// A form written as XLSForm and converted by pyxform: its report and the XForm it wrote.
fn converted(form: &Form, name: &str) -> (serde_json::Value, String) {
    let bytes = export(form.spec())
        .write()
        .expect("the workbook is written");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let xlsx = dir.join(format!("{name}.xlsx"));
    let xml = dir.join(format!("{name}.xml"));
    std::fs::write(&xlsx, &bytes).unwrap();
    let tool = xls2xform();
    let out = Command::new(&tool)
        .arg("--json")
        .arg("--skip_validate")
        .arg(&xlsx)
        .arg(&xml)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} runs (scripts/setup.sh --test installs it): {e}",
                tool.display()
            )
        });
    // pyxform logs its JSON report on standard error.
    let logged = String::from_utf8_lossy(&out.stderr);
    let report: serde_json::Value = logged
        .lines()
        .find_map(|line| serde_json::from_str(line).ok())
        .unwrap_or_else(|| panic!("pyxform reports in JSON: {logged}"));
    println!("pyxform on {name}: {report}");
    assert!(
        matches!(report["code"].as_u64(), Some(100 | 101)),
        "pyxform refuses {name}: {report}"
    );
    let xform = std::fs::read_to_string(&xml).expect("pyxform wrote the XForm");
    (report, xform)
}

#[test]
fn pyxform_accepts_the_exported_survey_in_both_languages() {
    let form = Form::from_json(PACK).expect("the pack is valid");
    let (_, xform) = converted(&form, "six-sector-survey");
    for expected in [
        "<translation lang=\"Arabic (ar)\" default=\"true()\">",
        "<translation lang=\"English (en)\">",
        &form.spec().title.ar,
        &form.spec().sections[1].title.en,
        &form.spec().sections[1].title.ar,
    ] {
        assert!(xform.contains(expected), "the XForm lacks {expected}");
    }
}

#[test]
fn pyxform_reads_nested_repeats_their_counts_and_conditions_as_written() {
    let t = |ar: &str, en: &str| serde_json::json!({"ar": ar, "en": en});
    let spec = serde_json::json!({
        "format": "nahda.form", "id": "plots", "version": 1, "title": t("القطع", "Plots"),
        "sections": [{"id": "trees", "title": t("الأشجار", "Trees"), "questions": [
            {"id": "tree", "kind": "repeat", "label": t("شجرة", "Tree"), "questions": [
                {"id": "stem_count", "kind": "integer", "label": t("عدد السيقان", "Stems")},
                {"id": "stem", "kind": "repeat", "label": t("ساق", "Stem"), "count": "${stem_count}",
                 "questions": [
                    {"id": "health", "kind": "text", "label": t("الحالة", "Health")},
                    {"id": "height", "kind": "decimal", "label": t("الطول", "Height"),
                     "required_if": "${health} = 'dead'"}
                 ]}
            ]}
        ]}]
    });
    let form = Form::from_json(&spec.to_string()).expect("valid");
    let (_, xform) = converted(&form, "plots");
    for expected in [
        "nodeset=\"/data/trees/tree/stem/height\" type=\"decimal\" required=\" ../health  = 'dead'\"",
        "<repeat nodeset=\"/data/trees/tree/stem\" jr:count=\" ../stem_count \">",
    ] {
        assert!(xform.contains(expected), "the XForm lacks {expected}:\n{xform}");
    }
}
