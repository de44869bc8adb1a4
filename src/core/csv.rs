//! CSV files for other tools: the matrix of areas × sectors and one table per sector, in UTF-8
//! with a byte order mark (so spreadsheets show Arabic correctly), on request a row of HXL
//! hashtags under the header (so humanitarian tools read the columns; left out otherwise, as a
//! spreadsheet would sort it with the data), and every cell a spreadsheet would run as a
//! formula neutralised.

use crate::core::aggregate::{figure, Cell, Picture};
use crate::core::areas::AreaList;
use crate::core::i18n::{CoordinatorMsg, Lang, Msg};
use crate::core::sector::Sector;

/// Whether a file carries the row of HXL hashtags under its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hashtags {
    LeftOut,
    Included,
}

/// The byte order mark that tells spreadsheets the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell as CSV: text a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading apostrophe, and a cell with a comma, quote
/// or line break is quoted.
pub fn field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// A whole file: the byte order mark, then each row, lines ended by CR LF.
pub fn file(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        let line: Vec<String> = row.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn number(n: Option<f64>) -> String {
    n.map(figure).unwrap_or_default()
}

/// The columns that place an area: the codes and names of its governorate, district and
/// sub-district (HXL `#adm1`–`#adm3`) and of the area itself (`#loc`).
fn place(areas: &AreaList, code: &str, lang: Lang) -> Vec<String> {
    let path = areas.path(code);
    let mut out = Vec::new();
    for level in 0..3 {
        match path.get(level) {
            Some(area) => {
                out.push(area.code.clone());
                out.push(area.name.get(lang).to_string());
            }
            None => out.extend([String::new(), String::new()]),
        }
    }
    out.push(code.to_string());
    out.push(
        path.last()
            .map(|a| a.name.get(lang).to_string())
            .unwrap_or_default(),
    );
    out
}

fn place_header(lang: Lang) -> (Vec<String>, Vec<String>) {
    let t = |m: CoordinatorMsg| m.text(lang).to_string();
    (
        vec![
            t(CoordinatorMsg::CsvGovernorateCode),
            Msg::AreaGovernorate.text(lang).to_string(),
            t(CoordinatorMsg::CsvDistrictCode),
            Msg::AreaDistrict.text(lang).to_string(),
            t(CoordinatorMsg::CsvSubDistrictCode),
            Msg::AreaSubDistrict.text(lang).to_string(),
            t(CoordinatorMsg::CsvAreaCode),
            t(CoordinatorMsg::CsvReportedArea),
        ],
        [
            "#adm1+code",
            "#adm1+name",
            "#adm2+code",
            "#adm2+name",
            "#adm3+code",
            "#adm3+name",
            "#loc+code",
            "#loc+name",
        ]
        .map(str::to_string)
        .to_vec(),
    )
}

/// The matrix: one row per area, and per sector its median severity, number of reports and
/// whether reports disagree.
pub fn matrix(picture: &Picture, areas: &AreaList, lang: Lang, hashtags: Hashtags) -> String {
    let (mut header, mut tags) = place_header(lang);
    for sector in Sector::ALL {
        let name = sector.name().text(lang);
        let key = sector.key();
        header.extend([
            format!("{name}: {}", CoordinatorMsg::CsvSeverityMedian.text(lang)),
            format!("{name}: {}", CoordinatorMsg::CsvReports.text(lang)),
            format!("{name}: {}", CoordinatorMsg::CsvDisagreement.text(lang)),
        ]);
        tags.extend([
            format!("#severity+median+{key}"),
            format!("#meta+reports+{key}"),
            format!("#meta+disagreement+{key}"),
        ]);
    }
    let mut rows = vec![header];
    if hashtags == Hashtags::Included {
        rows.push(tags);
    }
    for area in &picture.areas {
        let mut row = place(areas, area, lang);
        for sector in Sector::ALL {
            match picture.cell(area, sector) {
                Some(cell) => row.extend([
                    number(cell.median()),
                    cell.reports().to_string(),
                    yes_no(cell.disagrees(), lang),
                ]),
                None => row.extend([String::new(), "0".into(), String::new()]),
            }
        }
        rows.push(row);
    }
    file(&rows)
}

fn yes_no(value: bool, lang: Lang) -> String {
    if value { Msg::Yes } else { Msg::No }
        .text(lang)
        .to_string()
}

/// One sector's table: one row per area with reports, entities, severity, population,
/// actors, needs, self-resources and proposed interventions. `label` gives the name of a
/// choice value (a need or a kind of resource) in the language.
pub fn sector(
    picture: &Picture,
    sector: Sector,
    areas: &AreaList,
    lang: Lang,
    label: &dyn Fn(&str) -> String,
    hashtags: Hashtags,
) -> String {
    let t = |m: CoordinatorMsg| m.text(lang).to_string();
    let (mut header, mut tags) = place_header(lang);
    header.extend([
        Msg::FilterSector.text(lang).to_string(),
        t(CoordinatorMsg::CsvReports),
        t(CoordinatorMsg::CsvEntities),
        t(CoordinatorMsg::CsvSeverityMedian),
        t(CoordinatorMsg::CsvSeverityMin),
        t(CoordinatorMsg::CsvSeverityMax),
        t(CoordinatorMsg::CsvDisagreement),
        t(CoordinatorMsg::CsvPopulation),
        t(CoordinatorMsg::CsvActors),
        t(CoordinatorMsg::CsvNeeds),
        t(CoordinatorMsg::CsvResources),
        t(CoordinatorMsg::CsvInterventions),
    ]);
    tags.extend(
        [
            "#sector",
            "#meta+reports",
            "#org+name",
            "#severity+median",
            "#severity+min",
            "#severity+max",
            "#meta+disagreement",
            "#population+affected",
            "#org+name+actors",
            "#need+list",
            "#capacity+self",
            "#activity+planned",
        ]
        .map(str::to_string),
    );
    let mut rows = vec![header];
    if hashtags == Hashtags::Included {
        rows.push(tags);
    }
    let listed = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join("; ");
    for cell in picture.sector(sector) {
        let mut row = place(areas, &cell.area_code, lang);
        row.extend(sector_columns(cell, sector, lang, label, &listed));
        rows.push(row);
    }
    file(&rows)
}

fn sector_columns(
    cell: &Cell,
    sector: Sector,
    lang: Lang,
    label: &dyn Fn(&str) -> String,
    listed: &dyn Fn(&mut dyn Iterator<Item = String>) -> String,
) -> Vec<String> {
    let range = cell.range();
    vec![
        sector.name().text(lang).to_string(),
        cell.reports().to_string(),
        listed(&mut cell.entities.iter().cloned()),
        number(cell.median()),
        number(range.map(|r| f64::from(r.0))),
        number(range.map(|r| f64::from(r.1))),
        yes_no(cell.disagrees(), lang),
        number(cell.population),
        listed(&mut cell.actors.iter().cloned()),
        listed(
            &mut cell
                .needs
                .iter()
                .map(|(k, n)| format!("{} ({n})", label(k))),
        ),
        listed(
            &mut cell
                .resources
                .iter()
                .map(|(k, n)| format!("{} ({n})", label(k))),
        ),
        listed(&mut cell.interventions.iter().map(|i| {
            if i.lead.is_empty() {
                i.title.clone()
            } else {
                format!("{} — {}", i.title, i.lead)
            }
        })),
    ]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::aggregate::tests::picture_of;
    use crate::core::aggregate::Filters;
    use crate::core::answers::{Answer, Answers};
    use crate::core::submission::{Status, Submission};

    const AREAS: &str = include_str!("../../public/areas.json");

    /// Reads a CSV file back the way a spreadsheet does: quoted cells, doubled quotes, CR LF.
    fn read_back(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix(BOM).expect("a byte order mark first");
        let mut rows = Vec::new();
        let (mut row, mut cell, mut quoted, mut chars) =
            (Vec::new(), String::new(), false, text.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut cell)),
                ('\r', false) => {}
                ('\n', false) => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (c, _) => cell.push(c),
            }
        }
        rows
    }

    fn hostile(id: &str, entity: &str) -> Submission {
        Submission {
            id: id.into(),
            status: Status::Finalised,
            entity_name: entity.into(),
            area_code: "SY020400".into(),
            sectors: vec!["health".into()],
            answers: Answers::from([
                ("hea_severity".to_string(), Answer::Text("4".into())),
                ("population".to_string(), Answer::Text("45000".into())),
                (
                    "hea_actors".to_string(),
                    Answer::Rows(vec![Answers::from([(
                        "hea_actor_name".to_string(),
                        Answer::Text("=HYPERLINK(\"http://x\",\"click\")".into()),
                    )])]),
                ),
            ]),
            ..Submission::default()
        }
    }

    #[test]
    fn formulas_are_neutralised_and_quotes_survive() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+963 944"), "'+963 944");
        assert_eq!(field("-5"), "'-5");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("say \"hi\", then"), "\"say \"\"hi\"\", then\"");
        assert_eq!(field("مجلس أعزاز"), "مجلس أعزاز");
    }

    #[test]
    fn the_sector_table_reads_back_with_arabic_intact_and_no_formula() {
        let areas = AreaList::from_json(AREAS).expect("areas");
        let picture = picture_of(
            &[
                hostile("a", "مجلس أعزاز المحلي"),
                hostile("b", "@evil, \"org\""),
            ],
            &Filters::default(),
        );
        let text = sector(
            &picture,
            Sector::Health,
            &areas,
            Lang::Ar,
            &|v| v.to_string(),
            Hashtags::Included,
        );
        let rows = read_back(&text);
        assert_eq!(rows.len(), 3, "header, hashtags, one area");
        assert_eq!(rows[1][0], "#adm1+code");
        assert!(rows[1].contains(&"#severity+median".to_string()));
        assert_eq!(rows[2][0], "SY02");
        assert_eq!(rows[2][1], "حلب");
        assert_eq!(rows[2][6], "SY020400");
        let entities = &rows[2][10];
        assert!(entities.contains("مجلس أعزاز المحلي"), "{entities}");
        assert!(entities.contains("'@evil, \"org\""), "{entities}");
        for row in &rows {
            for cell in row {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula: {cell}");
            }
        }
        assert!(rows[2].iter().any(|c| c.starts_with("'=HYPERLINK")));
    }

    #[test]
    fn the_matrix_has_every_area_and_each_sector_s_figures() {
        let areas = AreaList::from_json(AREAS).expect("areas");
        let picture = picture_of(&[hostile("a", "x"), hostile("b", "y")], &Filters::default());
        let rows = read_back(&matrix(&picture, &areas, Lang::En, Hashtags::Included));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].len(), 8 + 3 * 6);
        assert_eq!(rows[1][8], "#severity+median+governance");
        let health = 8 + 3 * Sector::Health.index();
        assert_eq!(rows[2][health], "4");
        assert_eq!(rows[2][health + 1], "2");
        assert_eq!(rows[2][health + 2], "No");
        assert_eq!(rows[2][8 + 1], "0", "no governance reports");
    }

    #[test]
    fn every_column_has_its_own_name_in_both_languages() {
        let areas = AreaList::from_json(AREAS).expect("areas");
        let picture = picture_of(&[hostile("a", "x")], &Filters::default());
        for lang in [Lang::Ar, Lang::En] {
            let tables = [
                matrix(&picture, &areas, lang, Hashtags::LeftOut),
                sector(
                    &picture,
                    Sector::Health,
                    &areas,
                    lang,
                    &|v| v.to_string(),
                    Hashtags::LeftOut,
                ),
            ];
            for text in tables {
                let rows = read_back(&text);
                assert_eq!(
                    rows.len(),
                    2,
                    "the header and the area, no hashtags unasked"
                );
                let header = rows[0].clone();
                let mut names = header.clone();
                names.sort();
                names.dedup();
                assert_eq!(names.len(), header.len(), "{lang:?}: {header:?}");
            }
        }
    }
}
