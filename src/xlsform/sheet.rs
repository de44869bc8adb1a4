//! A workbook as the converter sees it: named sheets of text cells, read from an `.xlsx` file
//! with `calamine` and written to one with `rust_xlsxwriter`, and the CSV files its lists are
//! read from (`select_one_from_file`), each a sheet named after its file. Every cell is text,
//! as XLSForm means it; rows and columns keep their places in the file, so that a message can
//! name them.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook as XlsxWriter};

/// One sheet: `rows[r][c]` is the text of the cell in row `r + 1` and column `c` (A = 0).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// The sheets of a workbook, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet with this name, matched without regard to case or surrounding spaces.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name))
    }

    /// Reads an `.xlsx` file. Formulas give the value Excel last computed for them.
    pub fn read(bytes: &[u8]) -> Result<Workbook, String> {
        let mut file: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
            .map_err(|e: calamine::XlsxError| e.to_string())?;
        let mut sheets = Vec::new();
        for name in file.sheet_names() {
            let range = file.worksheet_range(&name).map_err(|e| e.to_string())?;
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut rows = vec![Vec::new(); top as usize];
            for row in range.rows() {
                let mut cells = vec![String::new(); left as usize];
                cells.extend(row.iter().map(cell_text));
                rows.push(trimmed(cells));
            }
            sheets.push(Sheet { name, rows });
        }
        Ok(Workbook { sheets })
    }

    /// Writes the workbook as an `.xlsx` file. The file's dates are fixed, so the same workbook
    /// always gives the same bytes.
    pub fn write(&self) -> Result<Vec<u8>, String> {
        let mut out = XlsxWriter::new();
        let fixed = ExcelDateTime::from_ymd(2026, 1, 1).map_err(|e| e.to_string())?;
        out.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
        for sheet in &self.sheets {
            let page = out.add_worksheet();
            page.set_name(&sheet.name).map_err(|e| e.to_string())?;
            for (r, row) in sheet.rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                    page.write_string(r as u32, c as u16, text)
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        out.save_to_buffer().map_err(|e| e.to_string())
    }
}

impl Sheet {
    /// Reads a CSV file as a sheet of that name: cells separated by commas, a cell in double
    /// quotes holding commas, line breaks and `""` for a quote, lines ended by LF or CR LF, a
    /// byte order mark left out. A quote never closed is refused with the row where it opens,
    /// as the spreadsheet numbers it, since it would take in the rest of the file.
    pub fn from_csv(name: &str, text: &str) -> Result<Sheet, usize> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rows = Vec::new();
        let mut row: Vec<String> = Vec::new();
        let mut cell = String::new();
        let mut quoted = None;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted.is_some() && chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                '"' if quoted.is_some() => quoted = None,
                '"' if cell.is_empty() => quoted = Some(rows.len() + 1),
                ',' if quoted.is_none() => row.push(std::mem::take(&mut cell)),
                '\r' if quoted.is_none() && chars.peek() == Some(&'\n') => {}
                '\n' | '\r' if quoted.is_none() => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(trimmed(std::mem::take(&mut row)));
                }
                c => cell.push(c),
            }
        }
        if let Some(row) = quoted {
            return Err(row);
        }
        if !cell.is_empty() || !row.is_empty() {
            row.push(cell);
            rows.push(trimmed(row));
        }
        Ok(Sheet {
            name: name.to_string(),
            rows,
        })
    }
}

/// A row without its empty cells at the end, as a workbook's rows are read.
fn trimmed(mut cells: Vec<String>) -> Vec<String> {
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// A cell as text: numbers without a needless `.0`, errors as empty.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The letters of a column (0 = A, 26 = AA), as spreadsheets name it.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_csv_file_reads_as_a_sheet() {
        let text = "\u{feff}name,label::Arabic (ar),district\r\nazaz,\"أعزاز، المدينة\",\r\n\"a\"\"b\",\"two\nlines\",north\n\nlast,x";
        let sheet = Sheet::from_csv("places.csv", text).expect("reads");
        assert_eq!(sheet.name, "places.csv");
        assert_eq!(
            sheet.rows,
            [
                vec!["name", "label::Arabic (ar)", "district"],
                vec!["azaz", "أعزاز، المدينة"],
                vec!["a\"b", "two\nlines", "north"],
                vec![],
                vec!["last", "x"],
            ]
        );
        assert_eq!(
            Sheet::from_csv("f.csv", "name,label\natmeh,\"Atmeh\nb,B\n"),
            Err(2),
            "a quote never closed is refused where it opens, not read to the end of the file"
        );
    }

    proptest! {
        /// What the app writes as CSV (`core::csv`) reads back cell for cell.
        #[test]
        fn written_csv_reads_back(rows in prop::collection::vec(
            prop::collection::vec("[^=+@\t\r-][a-zأ-ي٠-٩ ,\"\n\r]{0,6}", 1..4),
            1..5,
        )) {
            let read = Sheet::from_csv("f.csv", &crate::core::csv::file(&rows)).expect("reads").rows;
            let expected: Vec<Vec<String>> = rows.into_iter().map(trimmed).collect();
            prop_assert_eq!(read, expected);
        }
    }
}
