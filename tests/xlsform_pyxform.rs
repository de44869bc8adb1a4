//! The six-sector survey written as XLSForm passes pyxform, the converter KoboToolbox and ODK
//! use (installed by `scripts/setup.sh --test` from PyPI into `.tools/pyxform`), and the XForm
//! it gives carries both languages.

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

#[test]
fn pyxform_accepts_the_exported_survey_in_both_languages() {
    let form = Form::from_json(PACK).expect("the pack is valid");
    let bytes = export(form.spec())
        .write()
        .expect("the workbook is written");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let xlsx = dir.join("six-sector-survey.xlsx");
    let xml = dir.join("six-sector-survey.xml");
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
    println!("pyxform: {report}");
    let code = report["code"].as_u64();
    assert!(
        matches!(code, Some(100 | 101)),
        "pyxform refuses the exported survey: {report}"
    );
    let xform = std::fs::read_to_string(&xml).expect("pyxform wrote the XForm");
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
