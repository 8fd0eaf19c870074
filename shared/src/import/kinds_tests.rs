//! Headers and rows as files carry them; each kind's example row reads, bad cells are named by
//! column, and a record written back to cells reads as the same record (the export's round trip).

use super::*;
use crate::geo::City;
use crate::registry::{OrgKind, OrgOption};

fn orgs() -> Vec<OrgOption> {
    vec![
        OrgOption {
            id: 1,
            name: "宁夏回族自治区人力资源和社会保障厅".into(),
            kind: OrgKind::Hrss,
            city: None,
        },
        OrgOption {
            id: 2,
            name: "银川市人力资源和社会保障局".into(),
            kind: OrgKind::CityBureau,
            city: Some(City::Yinchuan),
        },
        OrgOption {
            id: 3,
            name: "固原市人力资源和社会保障局".into(),
            kind: OrgKind::CityBureau,
            city: Some(City::Guyuan),
        },
    ]
}

fn places() -> experts::Places {
    experts::Places {
        units: vec![(7, "91640100MA76XY411K".into())],
        orgs: orgs(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).expect("date")
}

/// The rows of a file of `kind` with the template's header and `data`.
fn file(kind: ImportKind, data: &[Vec<String>]) -> Vec<Row> {
    let mut t = Table {
        sheet: kind.sheet().into(),
        rows: vec![kind.columns().iter().map(|c| c.zh.to_owned()).collect()],
    };
    t.rows.extend(data.iter().cloned());
    rows(kind, &t).expect("header")
}

fn with(kind: ImportKind, changes: &[(usize, &str)]) -> Row {
    let mut r = kind.example();
    for (i, v) in changes {
        r[*i] = (*v).to_owned();
    }
    file(kind, &[r]).remove(0)
}

#[test]
fn every_examples_row_reads() {
    let u = units::read(&with(ImportKind::Units, &[]), &orgs()).expect("unit");
    assert_eq!(u.org(), Some(2));
    assert_eq!(u.input.county_code, 640104);
    let x = experts::read(&with(ImportKind::Experts, &[]), &places()).expect("expert");
    assert_eq!(x.affiliations.len(), 2);
    assert_eq!(x.affiliations[0].unit_id, Some(7));
    assert_eq!(x.affiliations[1].org_id, Some(1));
    assert_eq!(x.affiliations[1].until, None);
    let s = studios::read(&with(ImportKind::Studios, &[]), today()).expect("studio");
    assert_eq!(s.money.used, crate::money::Fen::from_fen(15_632_050));
    assert_eq!(s.facts.status, crate::life::StudioStatus::Building);
}

fn columns_of(errors: &[RowError]) -> Vec<&str> {
    errors.iter().map(|e| e.column.as_str()).collect()
}

#[test]
fn bad_cells_are_named_by_row_and_column() {
    let e = units::read(
        &with(
            ImportKind::Units,
            &[
                (0, "91640100MA76XY411A"),
                (2, "固原市"),
                (4, "公司"),
                (7, "不存在的局"),
            ],
        ),
        &orgs(),
    )
    .expect_err("bad");
    assert_eq!(columns_of(&e), ["单位类型", "所在市", "推荐单位"], "{e:?}");
    let e = units::read(
        &with(ImportKind::Units, &[(0, "91640100MA76XY411A")]),
        &orgs(),
    )
    .expect_err("bad code");
    assert_eq!(columns_of(&e), ["统一社会信用代码"]);
    assert!(e.iter().all(|x| x.row == 2 && x.sheet == "单位"));

    let e = experts::read(
        &with(
            ImportKind::Experts,
            &[
                (0, "640104198003150011"),
                (2, "Bad Name"),
                (
                    4,
                    "91640100MA76XY411K 2015-03-01~2014-01-01；某某局 2020-01-01~",
                ),
            ],
        ),
        &places(),
    )
    .expect_err("bad");
    assert_eq!(
        columns_of(&e),
        ["身份证号", "登录名", "任职经历", "任职经历"],
        "{e:?}"
    );
    assert!(e[2].zh.contains("第 2 条"), "{}", e[2].zh);

    let e = studios::read(
        &with(
            ImportKind::Studios,
            &[(2, "国家级"), (9, "2027-01-01"), (14, "300000"), (16, "x")],
        ),
        today(),
    )
    .expect_err("bad");
    assert_eq!(
        columns_of(&e),
        ["国家级类别", "批准日期", "已缴回（元）", "已拨付（元）"],
        "{e:?}"
    );
    let e = studios::read(
        &with(ImportKind::Studios, &[(12, "停办"), (15, "250000")]),
        today(),
    )
    .expect_err("bad");
    assert_eq!(columns_of(&e), ["状态", "已使用（元）"], "{e:?}");
    let exited = with(ImportKind::Studios, &[(12, "已退出")]);
    let r = studios::read(&exited, today()).expect("an exited studio reads");
    use crate::life::StudioStatus as S;
    assert!(
        studios::check_status(&exited, &r, None).is_some(),
        "not as a new studio"
    );
    assert!(
        studios::check_status(&exited, &r, Some(S::Exited)).is_none(),
        "unchanged"
    );
    assert!(
        studios::check_status(&exited, &r, Some(S::Building)).is_some(),
        "not by an import"
    );
}

#[test]
fn a_record_written_back_reads_the_same() {
    let x = experts::read(&with(ImportKind::Experts, &[]), &places()).expect("expert");
    let again = experts::read(
        &file(ImportKind::Experts, &[experts::cells(&x, &places())]).remove(0),
        &places(),
    );
    assert_eq!(again, Ok(x));
    let s =
        studios::read(&with(ImportKind::Studios, &[(10, ""), (11, "")]), today()).expect("studio");
    assert_eq!(
        s.facts.term_end,
        NaiveDate::from_ymd_opt(2023, 6, 17).expect("date"),
        "default term: 2 years (第四条)"
    );
    let again = studios::read(
        &file(ImportKind::Studios, &[studios::cells(&s)]).remove(0),
        today(),
    );
    assert_eq!(again, Ok(s));
}

#[test]
fn repeated_keys_in_one_file_are_named() {
    let rows = file(
        ImportKind::Units,
        &[ImportKind::Units.example(), ImportKind::Units.example()],
    );
    let mut errors = Vec::new();
    duplicates(
        rows.iter().map(|r| (r, r.get(0).to_owned())),
        0,
        &mut errors,
    );
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].zh.as_str()), (3, "与第 2 行重复"));
}

fn table(rows: &[&[&str]]) -> Table {
    Table {
        sheet: "单位".into(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
    }
}

#[test]
fn headers_are_matched_in_any_order_and_unknown_ones_named() {
    let cols = ImportKind::Units.columns();
    let mut header: Vec<&str> = cols.iter().map(|c| c.zh).collect();
    header.reverse();
    let mut data: Vec<&str> = cols.iter().map(|c| c.example).collect();
    data.reverse();
    let rows = rows(ImportKind::Units, &table(&[&header, &data, &[""; 3]])).expect("reads");
    assert_eq!(rows.len(), 1, "the blank row is skipped");
    assert_eq!(rows[0].no, 2);
    assert_eq!(rows[0].get(0), cols[0].example);

    let errs = rows_err(&[&["统一社会信用代码", "单位名字"]]);
    assert!(
        errs.iter()
            .any(|e| e.column == "单位名字" && e.zh.contains("不认识"))
    );
    assert!(
        errs.iter()
            .any(|e| e.column == "单位名称" && e.zh.contains("缺少"))
    );
    assert!(errs.iter().all(|e| e.row == 1 && e.sheet == "单位"));
}

fn rows_err(r: &[&[&str]]) -> Vec<RowError> {
    rows(ImportKind::Units, &table(r)).expect_err("refused")
}

#[test]
fn empty_files_and_header_only_files_are_refused() {
    assert_eq!(rows_err(&[])[0].row, 1);
    let header: Vec<&str> = ImportKind::Units.columns().iter().map(|c| c.zh).collect();
    assert_eq!(rows_err(&[&header])[0].row, 2);
}

#[test]
fn dates_in_the_forms_offices_write() {
    let d = NaiveDate::from_ymd_opt(2023, 5, 1);
    for t in [
        "2023-05-01",
        "2023/5/1",
        "2023.5.1",
        "2023年5月1日",
        " 2023-5-01 ",
    ] {
        assert_eq!(parse_date(t), d, "{t}");
    }
    for t in ["", "2023-02-30", "23-5-1", "2023-05", "明天"] {
        assert_eq!(parse_date(t), None, "{t}");
    }
}

#[test]
fn an_inert_quote_is_taken_off() {
    assert_eq!(clean(" '=1+1 "), "=1+1");
    assert_eq!(clean("'abc"), "'abc");
}
