//! `begin loop over L` … `end loop` in a survey sheet, written out before the sheet is read,
//! as pyxform writes it: a group named after the loop holding one group per choice of `L`,
//! each with the loop's rows. In those rows `%(label)s` reads the choice's label (in the
//! column's language) and `%(name)s` its name; each name gets the choice's name after it
//! (`number` in a loop over toilet types is `number_pit_latrine` in the group
//! `toilets_pit_latrine`; a choice whose name is not a plain id gives its place in the list,
//! `number_2`), and a `${name}` of the loop reads the same choice's question.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::xlsform::import::{row_type, tongue, Column, Columns, Issue, Problem, RowType, Tongue};
use crate::xlsform::sheet::{Sheet, Workbook};

/// A workbook with its loops written out, and where each row of its survey sheet came from.
pub(super) struct Unrolled<'a> {
    pub workbook: Cow<'a, Workbook>,
    /// `rows[i]` is the row of the workbook (as the spreadsheet numbers it) that row `i + 1`
    /// of the written-out survey sheet was made from; empty when there was no loop.
    rows: Vec<usize>,
}

impl Unrolled<'_> {
    /// The problems found in the written-out sheet, placed on the workbook's own rows.
    pub fn place(&self, mut problems: Vec<Problem>) -> Vec<Problem> {
        let Some(survey) = self
            .workbook
            .sheet("survey")
            .filter(|_| !self.rows.is_empty())
        else {
            return problems;
        };
        for problem in &mut problems {
            if problem.sheet == survey.name && problem.row > 0 {
                problem.row = self.rows.get(problem.row - 1).copied().unwrap_or(0);
            }
        }
        problems
    }
}

/// One row of the survey sheet: the workbook row it was written on, and its cells.
type Row = (usize, Vec<String>);

/// The workbook with every loop of its survey sheet written out; the workbook itself when it
/// has none. A loop over a list the choices sheet does not have, or without its end, is
/// refused where it begins.
pub(super) fn unroll(workbook: &Workbook) -> Result<Unrolled<'_>, Vec<Problem>> {
    let unchanged = || Unrolled {
        workbook: Cow::Borrowed(workbook),
        rows: Vec::new(),
    };
    let Some(survey) = workbook.sheet("survey") else {
        return Ok(unchanged());
    };
    let mut ignored = Vec::new();
    let columns = Columns::read(survey, &mut ignored);
    let is_loop = |row: &[String]| begins_loop(columns.cell(row, "type")).is_some();
    if !survey.rows.iter().skip(1).any(|r| is_loop(r)) {
        return Ok(unchanged());
    }
    let choices = workbook
        .sheet("choices")
        .map(|sheet| (sheet, Columns::read(sheet, &mut ignored)));
    let loops = Loops {
        columns: &columns,
        choices: choices.as_ref().map(|(s, c)| (*s, c)),
    };
    let numbered: Vec<Row> = survey
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| (index + 1, row.clone()))
        .collect();
    let written = loops.rows(&numbered)?;
    let mut out = workbook.clone();
    if let Some(sheet) = out
        .sheets
        .iter_mut()
        .find(|s| s.name.trim().eq_ignore_ascii_case("survey"))
    {
        sheet.rows = written.iter().map(|(_, cells)| cells.clone()).collect();
    }
    Ok(Unrolled {
        workbook: Cow::Owned(out),
        rows: written.iter().map(|(number, _)| *number).collect(),
    })
}

/// The list a `begin loop over L` row loops over (`None` when it names none), or `None` when
/// the type does not begin a loop.
fn begins_loop(written: &str) -> Option<Option<String>> {
    let words: Vec<&str> = written.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let after = match lower.as_slice() {
        [begin, looped, ..] if begin == "begin" && looped == "loop" => 2,
        [first, ..] if first == "begin_loop" => 1,
        _ => return None,
    };
    let after = if lower.get(after).is_some_and(|w| w == "over") {
        after + 1
    } else {
        after
    };
    Some(words.get(after).map(|w| w.to_string()))
}

/// The text with each `${name}` of the loop's `names` read as the choice's question.
fn renamed(text: &str, names: &HashSet<&str>, suffix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) if names.contains(&after[..end]) => {
                out.push_str(&format!("${{{}_{suffix}}}", &after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One choice a loop goes over: its name, what the names of the loop's questions get after
/// them for it, and its label for each column of the survey sheet.
struct Choice {
    name: String,
    suffix: String,
    /// `labels[c]`: the label in the language of the survey sheet's column `c`.
    labels: Vec<String>,
}

struct Loops<'a> {
    columns: &'a Columns,
    choices: Option<(&'a Sheet, &'a Columns)>,
}

impl Loops<'_> {
    /// The rows with their loops written out, inner loops first.
    fn rows(&self, rows: &[Row]) -> Result<Vec<Row>, Vec<Problem>> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let mut at = 0;
        while at < rows.len() {
            let (number, cells) = &rows[at];
            let Some(list) = begins_loop(self.columns.cell(cells, "type")) else {
                out.push(rows[at].clone());
                at += 1;
                continue;
            };
            let Some(end) = self.end_of(rows, at) else {
                let name = self.columns.cell(cells, "name").to_string();
                problems.push(self.columns.at(*number, "type", Issue::Unclosed(name)));
                break;
            };
            let choices = match list {
                None => Err(self.columns.at(*number, "type", Issue::MissingList)),
                Some(list) => self
                    .choices(&list)
                    .ok_or_else(|| self.columns.at(*number, "type", Issue::UnknownList(list))),
            };
            match (choices, self.rows(&rows[at + 1..end])) {
                (Ok(choices), Ok(body)) => {
                    out.push((*number, self.with_type(cells, "begin group")));
                    let looped = self.columns.cell(cells, "name");
                    for choice in &choices {
                        self.iteration(looped, choice, &body, (*number, rows[end].0), &mut out);
                    }
                    out.push((rows[end].0, self.with_type(&rows[end].1, "end group")));
                }
                (choices, body) => {
                    problems.extend(choices.err());
                    problems.extend(body.err().into_iter().flatten());
                }
            }
            at = end + 1;
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    /// The place of the `end loop` that closes the loop beginning at `start`.
    fn end_of(&self, rows: &[Row], start: usize) -> Option<usize> {
        let mut depth = 0;
        for (at, (_, cells)) in rows.iter().enumerate().skip(start + 1) {
            let written = self.columns.cell(cells, "type");
            if begins_loop(written).is_some() {
                depth += 1;
            } else if row_type(written) == RowType::EndLoop {
                if depth == 0 {
                    return Some(at);
                }
                depth -= 1;
            }
        }
        None
    }

    /// The row with another type and its other cells as they were.
    fn with_type(&self, cells: &[String], written: &str) -> Vec<String> {
        let mut cells = cells.to_vec();
        if let Some(column) = self.columns.find("type") {
            if cells.len() <= column.index {
                cells.resize(column.index + 1, String::new());
            }
            cells[column.index] = written.to_string();
        }
        cells
    }

    /// The loop's rows for one choice, in a group of the choice, written into `out`.
    /// `rows` are those of the loop's beginning and end; the group is named after the loop and
    /// the choice (`toilets_pit`), so it takes no name a question of the workbook may have.
    fn iteration(
        &self,
        looped: &str,
        choice: &Choice,
        body: &[Row],
        rows: (usize, usize),
        out: &mut Vec<Row>,
    ) {
        let suffix = &choice.suffix;
        let name_column = self.columns.find("name").map(|c| c.index);
        let names: HashSet<&str> = body
            .iter()
            .filter_map(|(_, cells)| name_column.and_then(|c| cells.get(c)))
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        let mut group = vec![String::new(); choice.labels.len()];
        for column in &self.columns.all {
            if column.base == "type" {
                group[column.index] = "begin group".into();
            } else if column.base == "name" {
                group[column.index] = format!("{looped}_{suffix}");
            } else if column.base == "label" {
                group[column.index] = choice.labels[column.index].clone();
            }
        }
        out.push((rows.0, group));
        for (number, cells) in body {
            let cells = cells
                .iter()
                .enumerate()
                .map(|(c, text)| {
                    if Some(c) == name_column && !text.trim().is_empty() {
                        return format!("{}_{suffix}", text.trim());
                    }
                    let text = text
                        .replace("%(label)s", choice.labels.get(c).map_or("", |l| l))
                        .replace("%(name)s", &choice.name);
                    renamed(&text, &names, suffix)
                })
                .collect();
            out.push((*number, cells));
        }
        out.push((rows.1, self.with_type(&[], "end group")));
    }

    /// The choices of a list of the choices sheet, or `None` when it has no such list.
    fn choices(&self, list: &str) -> Option<Vec<Choice>> {
        let (sheet, columns) = self.choices?;
        let list_column = columns.list_column();
        let labels: Vec<_> = columns.all.iter().filter(|c| c.base == "label").collect();
        let width = self
            .columns
            .all
            .iter()
            .map(|c| c.index + 1)
            .max()
            .unwrap_or(0);
        let label_of = |row: &[String], survey_column: usize| -> Option<String> {
            let lang = self
                .columns
                .all
                .iter()
                .find(|c| c.index == survey_column)
                .and_then(|c| c.lang.as_deref());
            let same = |c: &&Column| match (&c.lang, lang) {
                (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
                (None, None) => true,
                _ => false,
            };
            let same_tongue = |c: &&Column| match (&c.lang, lang) {
                (Some(a), Some(b)) => tongue(a) == tongue(b) && tongue(a) != Tongue::Other,
                _ => false,
            };
            labels
                .iter()
                .copied()
                .find(same)
                .or_else(|| labels.iter().copied().find(same_tongue))
                .or_else(|| labels.iter().copied().find(|c| c.lang.is_none()))
                .or_else(|| labels.first().copied())
                .and_then(|c| row.get(c.index))
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let rows: Vec<&Vec<String>> = sheet
            .rows
            .iter()
            .skip(1)
            .filter(|row| columns.cell(row, list_column) == list)
            .filter(|row| !columns.cell(row, "name").is_empty())
            .collect();
        let names: Vec<&str> = rows.iter().map(|row| columns.cell(row, "name")).collect();
        // A choice's name where it makes an id of its own, else its place in the list.
        let plain = |name: &str| {
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && names.iter().filter(|n| **n == name).count() == 1
        };
        let choices: Vec<Choice> = rows
            .iter()
            .enumerate()
            .map(|(place, row)| {
                let name = columns.cell(row, "name").to_string();
                Choice {
                    labels: (0..width)
                        .map(|c| label_of(row, c).unwrap_or_else(|| name.clone()))
                        .collect(),
                    suffix: if plain(&name) {
                        name.clone()
                    } else {
                        (place + 1).to_string()
                    },
                    name,
                }
            })
            .collect();
        (!choices.is_empty()).then_some(choices)
    }
}
