use super::*;
use crate::import::stream::stream;

fn row(text: &str, n: usize) -> RowRead {
    let s = stream(text);
    read_row(&s, 0, s.len(), &vec![CellKind::Count; n])
}

fn values(r: &RowRead) -> Vec<Option<String>> {
    r.cells.iter().map(|c| if c.unread.is_some() { Some("?".into()) } else { c.value.map(|v| v.to_string()) }).collect()
}

#[test]
fn separated_cells_read_as_they_stand() {
    let r = row("\t1,234\t０\t22（其中修订16件）\t/\t\t3件\t无", 7);
    let v = values(&r);
    assert_eq!(v, [Some("1234".into()), Some("0".into()), Some("22".into()), None, None, Some("3".into()), None]);
    assert!(r.cells[2].note.as_deref().unwrap().contains("其中修订16件"));
    assert!(r.cells[3].note.as_deref().unwrap().contains("「/」"));
}

#[test]
fn money_after_a_count_is_read_and_listed() {
    let r = row("\t10元\t3\t0", 3);
    assert_eq!(values(&r), [Some("10".into()), Some("3".into()), Some("0".into())]);
    assert!(r.cells[0].note.as_deref().is_some_and(|n| n.contains("「元」")), "{:?}", r.cells[0]);
    // In a row with an amount the unit is the amount's (table 二's 万元).
    let s = stream("\t10\t3.5万元");
    let r = read_row(&s, 0, s.len(), &[CellKind::Count, CellKind::Amount]);
    assert!(r.cells.iter().all(|c| c.note.is_none()), "{:?}", r.cells);
}

#[test]
fn joined_digits_are_not_guessed() {
    // Cut into seven only because seven cells are asked for: 500000 and 5 with
    // blank cells reads as well.
    let r = row("500000 5（三）不予公开", 7);
    assert!(r.cells.iter().all(|c| c.unread.is_some()), "{:?}", values(&r));
    let first = &r.cells[0].unread.as_ref().unwrap().1;
    assert!(["空白", "5", "500000"].iter().all(|c| first.contains(&c.to_string())), "{first:?}");
    // Cuts the digits force (no number starts with 0) are certain.
    let r = row("0000000", 7);
    assert!(r.cells.iter().all(|c| c.value == Some(Decimal::from_int(0))));
    let r = row("000 0 00 0", 7);
    assert!(r.cells.iter().all(|c| c.value == Some(Decimal::from_int(0))));
    let r = row("640020470", 7);
    let first = r.cells[0].unread.as_ref().unwrap();
    assert!(first.1.contains(&"64".to_string()) && first.1.contains(&"6".to_string()), "{first:?}");
    assert!(r.cells[6].unread.as_ref().unwrap().1.contains(&"70".to_string()));
    // No reading with a leading zero: 「01」 is not a number.
    assert!(r.cells.iter().flat_map(|c| c.unread.iter().flat_map(|u| u.1.iter())).all(|c| c == "0" || !c.starts_with('0')));
    let r = row("10203120001200000", 15);
    assert!(r.cells.iter().any(|c| c.unread.is_some()));
}

#[test]
fn cells_of_the_source_are_never_cut_apart() {
    // Five cells of a PDF row for seven columns: two blank cells were not
    // written. Cutting 「99」 into 9 and 9 would read a number into the wrong cell.
    let r = row("\t0\t99\t1\t12\t3", 7);
    assert!(r.cells.iter().all(|c| c.unread.is_some()), "{:?}", values(&r));
    let first = &r.cells[0].unread.as_ref().unwrap().1;
    assert_eq!(first, &["空白", "0"]);
    let third = &r.cells[2].unread.as_ref().unwrap().1;
    assert_eq!(third, &["空白", "0", "99", "1"]);
    assert!(r.cells.iter().flat_map(|c| &c.unread.as_ref().unwrap().1).all(|c| c != "9"));
    // Whole cells, as many as columns: read as they stand.
    assert_eq!(values(&row("\t0\t99\t\t12", 4)), [Some("0".into()), Some("99".into()), None, Some("12".into())]);
}

/// A PDF's text copied a number a line (or a row spaced out) with a blank cell
/// not written: 「0 3 1 2 2 13」 for seven cells. Cutting 13 into 1 and 3 fills
/// the columns but is a guess (a blank cell and 13 read as well): no cell is
/// taken, and each has the cut, the uncut and the blank reading.
#[test]
fn numbers_apart_are_not_cut_to_fill_the_columns() {
    for text in ["0\n\n3\n\n1\n\n2\n\n2\n\n13", "0 3 1 2 2 13"] {
        let r = row(text, 7);
        assert!(r.cells.iter().all(|c| c.unread.is_some()), "{text:?}: {:?}", values(&r));
        let readings = |j: usize| r.cells[j].unread.as_ref().unwrap().1.clone();
        assert_eq!(readings(6), ["空白", "3", "13"], "{text:?}");
        assert_eq!(readings(5), ["空白", "1", "2", "13"], "{text:?}");
        assert_eq!(readings(2), ["空白", "1", "3"], "{text:?}");
    }
    // A cell the source marked odd stays unread among numbers cut apart.
    let r = row("\t约1\t0 1", 4);
    assert!(r.cells[0].unread.is_some(), "{:?}", values(&r));
}

#[test]
fn an_odd_cell_of_the_source_is_unread_alone() {
    let r = row("\t2 1\t0\t约1\t5*\t\t1e2\t3", 7);
    assert_eq!(
        values(&r),
        [Some("?".into()), Some("0".into()), Some("?".into()), Some("?".into()), None, Some("?".into()), Some("3".into())]
    );
    let readings = |j: usize| r.cells[j].unread.as_ref().unwrap().1.clone();
    assert_eq!(readings(0), ["2", "1", "21"]);
    assert_eq!(readings(2), ["1"]);
    assert_eq!(readings(3), ["5"]);
    // No reading of its own: the numbers in it are offered.
    assert_eq!(readings(5), ["1", "2"]);
}

#[test]
fn too_many_or_too_few() {
    assert!(row("1 2 3 4", 3).cells.iter().all(|c| c.unread.is_some()));
    assert!(row("1 2", 3).cells.iter().all(|c| c.unread.as_ref().unwrap().0.contains("空白")));
}

#[test]
fn a_cell_marked_unsure_is_unread_with_its_readings() {
    let unsure = crate::import::stream::unsure_cell(&["127".into(), "空白".into()]);
    let r = row(&format!("\t1\t{unsure}\t\t3"), 4);
    assert_eq!(values(&r), [Some("1".into()), Some("?".into()), None, Some("3".into())]);
    assert_eq!(r.cells[1].unread.as_ref().unwrap().1, ["127", "空白"]);
    // In a row of fewer cells than columns its readings stay among the candidates.
    let r = row(&format!("\t1\t{}\t3", crate::import::stream::unsure_cell(&["127".into()])), 4);
    assert!(r.cells[2].unread.as_ref().unwrap().1.contains(&"127".to_string()), "{:?}", r.cells[2]);
}

/// A label's notes in brackets, however many in its cell (a mark written as a
/// note, then the label's own words), belong to the label: the row reads; a
/// bracket opening the next cell is not skipped with them.
#[test]
fn notes_after_a_label_are_the_labels() {
    let r = row("（上标：1）（区分处理的，只计这一情形，不计其他情形）\t132\t133", 2);
    assert_eq!(values(&r), [Some("132".into()), Some("133".into())]);
    let r = row("（注）\t（5）\t6", 2);
    assert_ne!(values(&r), [Some("6".into()), None]);
}

#[test]
fn a_full_width_comma_is_no_thousands_separator() {
    // 「1，270」 may be 1 and 270 (the comma that separates items in Chinese text).
    let r = row("\t1，270\t1,270", 2);
    assert_eq!(values(&r), [Some("?".into()), Some("1270".into())]);
}

/// A clerk's note in a number's cell, after a space or not, without brackets:
/// the number is the cell's value (listed for review), the other cells read
/// as they stand, and a footnote's digit 「注1」 is no number of the row.
#[test]
fn a_note_beside_a_number_is_the_cells_note() {
    for cell in ["10 注1", "10注1", "10 备注", "10 说明", "10 注：含转办", "10 其中修订6件"] {
        let r = row(&format!("\t{cell}\t3\t0\t0\t1\t0\t14"), 7);
        let v = values(&r);
        let want: Vec<Option<String>> = ["10", "3", "0", "0", "1", "0", "14"].iter().map(|n| Some(n.to_string())).collect();
        assert_eq!(v, want, "{cell}");
        assert!(r.cells[0].note.as_deref().is_some_and(|n| n.contains("未读入")), "{cell}: {:?}", r.cells[0]);
    }
    // A dash with a note is still blank, the note kept for review.
    let r = row("\t— 注2\t3\t0\t0\t1\t0\t14", 7);
    assert_eq!(values(&r)[1], Some("3".into()));
    assert!(r.cells[0].note.is_some());
    // What goes on with the quantity is no note: 「1万」「10余」「30左右」 stay unread.
    for cell in ["1万", "10余", "30左右", "10以上", "1十"] {
        let r = row(&format!("\t{cell}\t3\t0\t0\t1\t0\t14"), 7);
        assert!(r.cells[0].unread.is_some() && r.cells[0].value.is_none(), "{cell}: {:?}", r.cells[0]);
        assert_eq!(values(&r)[1], Some("3".into()), "{cell}");
    }
}

/// Every unread cell offers readings: a row with more numbers than cells (a
/// nested table, two numbers stacked in a cell) offers the row's numbers, an
/// odd cell its own; never an empty list for something that was there.
#[test]
fn unread_cells_offer_the_numbers_found() {
    for text in ["\t10\t3\t3\t0\t0\t1\t0\t14", "10 3 0 0 1 0 14 3 2", "\t1e2\t3\t0\t0\t1\t0\t14", "\t1.5\t3\t0\t0\t1\t0\t14"] {
        let r = row(text, 7);
        for c in r.cells.iter().filter_map(|c| c.unread.as_ref()) {
            assert!(!c.1.is_empty(), "{text}: {c:?}");
            assert!(c.0.contains("可选的读法"), "{text}: {c:?}");
        }
    }
    let r = row("\t10\t3\t3\t0\t0\t1\t0\t14", 7);
    assert_eq!(r.cells[0].unread.as_ref().unwrap().1, ["10", "3", "0", "1", "14"]);
    let r = row("\t1e2\t3\t0\t0\t1\t0\t14", 7);
    assert_eq!(r.cells[0].unread.as_ref().unwrap().1, ["1", "2"]);
}

/// Odd forms of a number in a column of counts: 「1.000」 may be one or a
/// thousand (a point as thousands separator), like 「1.520」 unread with its
/// readings; 「+5」 and 「010」 are certain numbers, read and listed for review.
#[test]
fn odd_forms_of_a_count() {
    let first = |cell: &str| row(&format!("\t{cell}\t3\t0\t0\t1\t0\t14"), 7).cells[0].clone();
    let c = first("1.000");
    assert_eq!(c.unread.as_ref().map(|u| u.1.clone()), Some(vec!["1".to_string(), "1000".to_string()]), "{c:?}");
    let c = first("1.520");
    assert_eq!(c.unread.as_ref().map(|u| u.1.clone()), Some(vec!["1520".to_string()]), "{c:?}");
    for (cell, v) in [("+5", 5), ("010", 10), ("10.0", 10), ("10.00", 10)] {
        let c = first(cell);
        assert_eq!(c.value, Some(Decimal::from_int(v)), "{cell}: {c:?}");
        assert_eq!(c.note.is_some(), !cell.contains('.'), "{cell}: {c:?}");
    }
    // Amounts keep their point: 1.520 万元.
    let s = stream("\t1.520");
    let r = read_row(&s, 0, s.len(), &[CellKind::Amount]);
    assert_eq!(r.cells[0].value.map(|v| v.to_string()), Some("1.52".into()));
}

/// 「2，988」: a thousands separator typed with a Chinese IME, or two numbers.
/// Unread with both readings, in a cell of the source or spaces apart, never
/// the first group alone.
#[test]
fn a_full_width_comma_between_digit_groups_is_unread_with_both_readings() {
    for text in ["2，988", "\t2，988", "\t1\t2，988", "1 12，345，678"] {
        let r = row(text, if text.contains('1') { 2 } else { 1 });
        let last = r.cells.last().unwrap();
        let (_, readings) = last.unread.as_ref().unwrap_or_else(|| panic!("{text}: {:?}", values(&r)));
        let joined = text.rsplit([' ', '\t']).next().unwrap().replace('，', "");
        assert_eq!(readings.first(), Some(&joined), "{text}");
        assert!(readings.len() > 2, "{text}: {readings:?}");
    }
    // Not groups of three: two numbers, the cell unread as before.
    assert!(row("\t2，98", 1).cells[0].unread.is_some());
}

/// `pdftotext -layout` of a row whose numbers wrapped in narrow cells: the
/// pieces 「2,01」/「1」 on the lines above and below the label's line. Never
/// a row shifted by the lower pieces: every cell unread, the joined reading
/// among its readings.
#[test]
fn numbers_wrapped_around_the_label_line_make_the_row_unread() {
    let pad = |n: usize| " ".repeat(n);
    let text = format!(
        "{}2,01{}2,89\n一、本年新收政府信息公开申请数量{}242   104    237   169      127\n{}1{}0\n二、上年结转",
        pad(27),
        pad(38),
        pad(19),
        pad(27),
        pad(41)
    );
    let s = stream(&text);
    let label = s.iter().position(|c| c.c == '一').unwrap();
    let from = s.iter().position(|c| c.c == '量').unwrap() + 1;
    let to = s.iter().position(|c| c.c == '二').unwrap();
    let r = read_labelled_row(&s, label, from, to, &[CellKind::Count; 7]);
    for (j, want) in [(0, "2011"), (6, "2890"), (1, "104"), (5, "127")] {
        let (_, readings) = r.cells[j].unread.as_ref().unwrap_or_else(|| panic!("{:?}", values(&r)));
        assert!(readings.contains(&want.to_string()), "{readings:?}");
    }
    assert!(r.cells.iter().all(|c| c.unread.is_some()), "{:?}", values(&r));
    // One line of numbers, or one number a line (copied text): read as before.
    let one_line = stream("一、本年新收政府信息公开申请数量  1 2 3 4 5 6 21");
    let r = read_labelled_row(&one_line, 0, 16, one_line.len(), &[CellKind::Count; 7]);
    assert!(r.cells.iter().all(|c| c.value.is_some()), "{:?}", values(&r));
    let one_a_line = stream("一、本年新收政府信息公开申请数量\n1\n2\n3\n4\n5\n6\n21");
    let r = read_labelled_row(&one_a_line, 0, 16, one_a_line.len(), &[CellKind::Count; 7]);
    assert!(r.cells.iter().all(|c| c.value.is_some()), "{:?}", values(&r));
}

/// A count written as a numeral (「〇」「十二」「⑩」) is unread with its value
/// offered; a minus sign stays in the readings; a page number 「—1—」「- 1 -」
/// between the parts of a row in copied text is no number of the row.
#[test]
fn numerals_signs_and_page_numbers() {
    for (cell, want) in [("〇", "0"), ("十二", "12"), ("⑩", "10"), ("一百零五", "105"), ("二十", "20")] {
        let r = row(&format!("\t{cell}\t3"), 2);
        let (_, readings) = r.cells[0].unread.as_ref().unwrap();
        assert_eq!(readings, &vec![want.to_string()], "{cell}");
    }
    assert!(row("\t二〇\t3", 2).cells[0].unread.as_ref().unwrap().1.is_empty());
    let r = row("6 -2 7 1 5", 2);
    assert!(r.cells[1].unread.as_ref().unwrap().1.contains(&"-2".to_string()), "{:?}", r.cells[1]);
    for page in ["—1—", "- 1 -", "-12-"] {
        let s = stream(&format!("\n6\n\n-2\n\n{page}\n"));
        let r = read_row(&s, 0, s.len(), &[CellKind::Count, CellKind::SignedCount]);
        assert_eq!(values(&r), [Some("6".into()), Some("-2".into())], "{page} {:?}", r.cells);
    }
}
