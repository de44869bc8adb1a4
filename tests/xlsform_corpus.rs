//! Every workbook of the XLSForm corpus in `../shared/xlsforms` (real forms written by others,
//! with pyxform's verdict for each) read by the importer: a workbook pyxform accepts imports or
//! is refused only for features Nahda does not support yet, each named; a workbook pyxform
//! refuses is refused with every problem placed on its sheet and row. Prints the tally and the
//! unsupported features ranked by how many workbooks need them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use nahda::core::i18n::Lang;
use nahda::xlsform::{import, Feature, Imported, Issue, Problem, Sheet, Workbook};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/xlsforms")
}

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    pyxform_code: u32,
    pyxform_message: String,
}

/// A workbook as read: not a workbook, or imported or refused.
type Read = Result<Result<Imported, Vec<Problem>>, String>;

/// A workbook read, and read again with a stand-in (two choices) for each CSV file its lists
/// are read from when only those files are missing: the corpus holds workbooks, not the files
/// that travel beside them.
fn read_with_stand_ins(bytes: &[u8], stem: &str) -> (Read, Vec<String>) {
    let book = match Workbook::read(bytes) {
        Ok(book) => book,
        Err(e) => return (Err(e), Vec::new()),
    };
    let mut missing: Vec<String> = match import(&book, stem) {
        Err(problems) => problems
            .iter()
            .filter_map(|p| match &p.issue {
                Issue::MissingFile(file) => Some(file.clone()),
                _ => None,
            })
            .collect(),
        done => return (Ok(done), Vec::new()),
    };
    // A file several questions read from is missed once for each.
    missing.sort();
    missing.dedup();
    if missing.is_empty() {
        return (Ok(import(&book, stem)), Vec::new());
    }
    let mut with_files = book;
    for file in &missing {
        with_files.sheets.extend(Sheet::from_csv(
            file,
            "name,label\nstand_in_1,Stand-in 1\nstand_in_2,Stand-in 2\n",
        ));
    }
    (Ok(import(&with_files, stem)), missing)
}

#[test]
fn the_corpus_imports_or_is_refused_by_name() {
    let listing = std::fs::read_to_string(corpus().join("corpus.json"))
        .expect("the XLSForm corpus is in ../shared/xlsforms");
    let entries: Vec<Entry> = serde_json::from_str(&listing).expect("corpus.json reads");
    assert!(
        entries.len() >= 28,
        "the corpus lists {} workbooks",
        entries.len()
    );
    let (mut imported, mut unsupported, mut invalid) = (0, 0, 0);
    let mut with_stand_ins = 0;
    let mut accepted = 0;
    let mut needed: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    for entry in &entries {
        let bytes = std::fs::read(corpus().join(&entry.file)).expect("the workbook is there");
        let stem = entry.file.trim_end_matches(".xlsx");
        let (read, stand_ins) = read_with_stand_ins(&bytes, stem);
        let outcome: Vec<String> = match &read {
            Ok(Err(problems)) => problems.iter().map(|p| p.message(Lang::En)).collect(),
            Err(e) => vec![e.clone()],
            Ok(Ok(_)) => Vec::new(),
        };
        let pyxform_accepts = entry.pyxform_code != 999;
        accepted += usize::from(pyxform_accepts);
        let verdict = match read {
            Ok(Ok(done)) => {
                imported += 1;
                with_stand_ins += usize::from(!stand_ins.is_empty());
                let questions = done.form.question_ids().len();
                if !pyxform_accepts {
                    wrong.push(format!(
                        "{}: imported, but pyxform refuses it: {}",
                        entry.file, entry.pyxform_message
                    ));
                }
                if stand_ins.is_empty() {
                    format!("imported, {questions} questions")
                } else {
                    format!(
                        "imported, {questions} questions, with a stand-in for {}",
                        stand_ins.join(", ")
                    )
                }
            }
            Ok(Err(problems)) => {
                let features: Vec<&Feature> = problems
                    .iter()
                    .filter_map(|p| p.issue.unsupported())
                    .collect();
                let placed = problems.iter().all(|p| p.row > 0 || p.sheet.is_empty());
                if !placed {
                    wrong.push(format!(
                        "{}: a problem without its row: {:?}",
                        entry.file, outcome
                    ));
                }
                if features.len() == problems.len() {
                    unsupported += 1;
                    let mut names: Vec<String> =
                        features.iter().map(|f| f.message(Lang::En)).collect();
                    names.sort();
                    names.dedup();
                    for name in &names {
                        *needed.entry(name.clone()).or_default() += 1;
                    }
                    if !pyxform_accepts {
                        wrong.push(format!(
                            "{}: pyxform refuses it ({}), Nahda only for unsupported features",
                            entry.file, entry.pyxform_message
                        ));
                    }
                    format!("unsupported: {}", names.join("; "))
                } else {
                    invalid += 1;
                    if pyxform_accepts {
                        wrong.push(format!(
                            "{}: pyxform accepts it, Nahda calls it invalid: {:?}",
                            entry.file, outcome
                        ));
                    }
                    format!(
                        "invalid: {}",
                        problems
                            .iter()
                            .filter(|p| p.issue.unsupported().is_none())
                            .map(|p| p.message(Lang::En))
                            .next()
                            .unwrap_or_default()
                    )
                }
            }
            Err(e) => {
                invalid += 1;
                wrong.push(format!("{}: not read: {e}", entry.file));
                format!("unreadable: {e}")
            }
        };
        println!(
            "{:<45} pyxform {} · {}",
            entry.file, entry.pyxform_code, verdict
        );
    }
    println!(
        "\nXLSForm corpus: {} workbooks, {} accepted by pyxform: {} imported ({} with a stand-in for the list files the corpus does not hold), {} refused for an unsupported feature, {} refused as invalid",
        entries.len(), accepted, imported, with_stand_ins, unsupported, invalid
    );
    let mut ranked: Vec<(String, usize)> = needed.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("Unsupported features, by the number of workbooks that need them:");
    for (feature, n) in &ranked {
        println!("  {n:>2}  {feature}");
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
