//! The desktop app driven as a user would, headless (egui_kittest): tabs by
//! label, typing into cells, the checker reacting, undo, files, closing.

use std::path::{Path, PathBuf};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::Severity;
use nianbao::ui::App;
use nianbao::ui::command::UiCommand;

mod common;
use common::{Scripted, app_harness};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-ui-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn harness_with(dialogs: Scripted, name: &str) -> Harness<'static, App> {
    app_harness(dialogs, scratch(name))
}

fn harness(name: &str) -> Harness<'static, App> {
    harness_with(Scripted::default(), name)
}

fn errors(h: &Harness<'_, App>, rule: &str) -> usize {
    h.state().findings().findings.iter().filter(|f| f.severity == Severity::Error && f.rule == rule).count()
}

const NEW_NATURAL: &str = "表三 一、本年新收政府信息公开申请数量 自然人";
const OPENED_NATURAL: &str = "表三 （一）予以公开 自然人";

#[test]
fn tabs_switch_by_label() {
    let mut h = harness("tabs");
    h.get_by_label("三、依申请公开").click();
    h.run();
    assert!(h.query_by_label("三、收到和处理政府信息公开申请情况").is_some());
    h.get_by_label("四、复议诉讼").click();
    h.run();
    assert!(h.query_by_label("四、政府信息公开行政复议、行政诉讼情况").is_some());
    h.get_by_label("基本信息").click();
    h.run();
    assert!(h.query_by_label("编制单位").is_some());
}

#[test]
fn typing_into_table_three_raises_and_clears_the_balance_error() {
    let mut h = harness("balance");
    h.get_by_label("三、依申请公开").click();
    h.run();
    assert_eq!(errors(&h, "H1"), 0);
    h.get_by_label(NEW_NATURAL).focus();
    h.get_by_label(NEW_NATURAL).type_text("5");
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(5));
    // 5 new, nothing handled: H1 fails for 自然人 and for the computed 总计.
    assert_eq!(errors(&h, "H1"), 2);
    assert_eq!(h.state().findings().errors_in_part(3), 2, "the tab shows 2 errors");
    h.get_by_label(OPENED_NATURAL).focus();
    h.get_by_label(OPENED_NATURAL).type_text("5");
    h.run();
    assert_eq!(errors(&h, "H1"), 0, "5 new = 5 disclosed");
    // 自动合计 filled the totals.
    let total_row = h.state().report.applications.len() - 2;
    assert_eq!(h.state().report.applications[total_row][0], Some(5));
    assert_eq!(h.state().report.applications[0][6], Some(5));
}

#[test]
fn full_width_digits_and_letters() {
    let mut h = harness("fullwidth");
    h.get_by_label("三、依申请公开").click();
    h.run();
    h.get_by_label(NEW_NATURAL).focus();
    h.get_by_label(NEW_NATURAL).type_text("１２a");
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(12));
}

#[test]
fn totals_are_editable_when_automatic_totals_are_off() {
    let mut h = harness("totals");
    h.get_by_label("三、依申请公开").click();
    h.run();
    let total = "表三 一、本年新收政府信息公开申请数量 总计";
    h.get_by_label(total).focus();
    h.get_by_label(total).type_text("9");
    h.run();
    assert_eq!(h.state().report.applications[0][6], None, "read-only while automatic");
    h.get_all_by_label("自动合计").next().unwrap().click();
    h.run();
    assert!(!h.state().auto_totals);
    h.get_by_label(total).focus();
    h.get_by_label(total).type_text("9");
    h.run();
    assert_eq!(h.state().report.applications[0][6], Some(9));
    assert_eq!(errors(&h, "H3"), 1, "9 ≠ the blank columns");
}

#[test]
fn undo_and_redo_an_edit() {
    let mut h = harness("undo");
    h.get_by_label("三、依申请公开").click();
    h.run();
    h.get_by_label(NEW_NATURAL).focus();
    h.get_by_label(NEW_NATURAL).type_text("7");
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(7));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().report.applications[0][0], None);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(7));
}

#[test]
fn opening_a_file_shows_its_values() {
    let mut h = harness("open");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2024.json");
    h.state_mut().open_path(&path);
    h.run();
    assert_eq!(h.state().report.agency, "青山县市场监督管理局");
    assert!(h.state().window_title().starts_with("年报编制器 — qingshan-2024.json"));
    assert!(!h.state().window_title().ends_with('*'));
    h.get_by_label("三、依申请公开").click();
    h.run();
    assert_eq!(h.get_by_label(NEW_NATURAL).value().as_deref(), Some("21"));
}

#[test]
fn a_broken_file_is_refused_with_a_message_and_nothing_is_lost() {
    let dir = scratch("broken");
    let bad = dir.join("坏文件.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let mut h = harness("broken-app");
    h.state_mut().report.agency = "我的单位".into();
    h.run();
    h.state_mut().open_path(&bad);
    h.run();
    // Unsaved changes are asked about first.
    assert_eq!(h.state().modal_title(), Some("保存修改吗？"));
    h.get_by_label("不保存").click();
    h.run();
    assert_eq!(h.state().modal_title(), Some("无法打开"));
    assert!(h.query_by_label_contains("文件格式已损坏：第1行第3列").is_some());
    assert_eq!(h.state().report.agency, "我的单位", "the document stays as it was");
}

#[test]
fn save_as_then_the_title_loses_its_star() {
    let dir = scratch("save");
    let target = dir.join("我的 年报.json");
    let mut h = harness_with(Scripted { save: Some(target.clone()), ..Default::default() }, "save-app");
    h.state_mut().report.agency = "测试局".into();
    h.run();
    assert!(h.state().window_title().ends_with('*'));
    assert_eq!(h.state().window_title(), "年报编制器 — 未命名 *");
    h.state_mut().command(UiCommand::Save);
    h.run();
    assert!(target.exists());
    assert_eq!(h.state().window_title(), "年报编制器 — 我的 年报.json");
    let back = nianbao::model::file::load(&target).unwrap();
    assert_eq!(back.agency, "测试局");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness("close");
    h.state_mut().report.agency = "改过".into();
    h.run();
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().modal_title(), Some("保存修改吗？"));
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().modal_title(), None);
    assert!(h.state().is_dirty(), "cancel keeps the window and the changes");
}

#[test]
fn clicking_a_finding_opens_its_tab() {
    let mut h = harness("findings");
    h.state_mut().report.applications[0][0] = Some(3);
    h.run();
    h.get_by_label("校验结果").click();
    h.run();
    h.get_by_label_contains("表三「自然人」列：第一项 3").click();
    h.run();
    assert_eq!(h.state().tab, nianbao::ui::tabs::Tab::Applications);
    // The cell the finding is about has the keyboard focus.
    assert!(h.get_by_label(NEW_NATURAL).is_focused());
}

#[test]
fn clicking_a_finding_that_quotes_a_text_selects_the_words() {
    use nianbao::model::check::Field;
    use nianbao::model::report::TextField;
    use nianbao::ui::widgets::Target;
    let mut h = harness("quote");
    let text = "强化组织领导。2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。";
    {
        let r = &mut h.state_mut().report;
        r.applications[0] = [Some(95), Some(0), Some(0), Some(0), Some(0), Some(0), Some(95)];
        r.overview.sections[1].body = text.into();
    }
    h.run();
    h.get_by_label("校验结果").click();
    h.run();
    h.get_by_label_contains("区政府办代表区政府受理政府信息公开申请17件").click();
    h.run();
    h.run();
    assert_eq!(h.state().tab, nianbao::ui::tabs::Tab::Overview);
    let id = Target::Field(Field::Text(TextField::OverviewBody(1))).id();
    assert!(h.ctx.memory(|m| m.has_focus(id)), "the quoted field has the focus");
    let range = egui::TextEdit::load_state(&h.ctx, id).and_then(|s| s.cursor.char_range()).expect("a selection");
    let [start, end]: [usize; 2] = range.sorted_cursors().map(|c| c.index.into());
    let selected: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(selected, "区政府办代表区政府受理政府信息公开申请 17 件");
}

#[test]
fn the_overview_limit_is_a_setting_off_by_default() {
    let dir = scratch("overview-limit");
    let mut h = app_harness(Scripted::default(), dir.clone());
    h.state_mut().report.overview.lead = "字".repeat(1200);
    h.run();
    let s20 = |h: &Harness<'_, App>| h.state().findings().findings.iter().filter(|f| f.rule == "S20").count();
    assert_eq!(s20(&h), 0, "off by default");
    h.get_by_label("编辑(E)").click();
    h.run();
    h.get_by_label("总体情况字数上限").click();
    h.run();
    assert_eq!(s20(&h), 1);
    assert_eq!(nianbao::settings::Settings::load(&dir).overview_limit, Some(1000), "kept for the next start");
}

#[test]
fn enter_and_arrows_move_between_cells_but_not_while_the_ime_composes() {
    let mut h = harness("keys");
    h.get_by_label("三、依申请公开").click();
    h.run();
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.get_by_label("表三 二、上年结转政府信息公开申请数量 自然人").is_focused(), "Enter moves down");
    h.key_press(Key::ArrowUp);
    h.run();
    assert!(h.get_by_label(NEW_NATURAL).is_focused(), "↑ moves up");
    // While a pinyin candidate is being composed, Enter belongs to the input method.
    h.event(egui::Event::Ime(egui::ImeEvent::Preedit { text: "nian".into(), active_range_chars: None }));
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(h.get_by_label(NEW_NATURAL).is_focused(), "no move while composing");
}

#[test]
fn new_report_asks_format_year_and_agency() {
    let mut h = harness("new");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    assert_eq!(h.state().modal_title(), Some("新建年报"));
    h.get_by_label("2019年试行格式（国办公开办函〔2019〕60号）").click();
    // The dialog's 编制单位 field is the last one with that name (the tab has one too).
    let field = h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, "编制单位").last().unwrap();
    field.focus();
    field.type_text("某镇人民政府");
    h.run();
    h.get_by_label("新建").click();
    h.run();
    let r = &h.state().report;
    assert_eq!(r.template, nianbao::model::TemplateId::V2019);
    assert_eq!(r.agency, "某镇人民政府");
    assert_eq!(r.applications.len(), 23);
    assert!(r.preamble.starts_with("本报告由某镇人民政府根据"), "the preamble is generated");
}

#[test]
fn export_pdf_writes_the_file_chosen() {
    let dir = scratch("pdf");
    let target = dir.join("年报.pdf");
    let mut h = harness_with(Scripted { save: Some(target.clone()), ..Default::default() }, "pdf-app");
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/zhoucun-2023.json"));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::E);
    h.run();
    let bytes = std::fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(h.state().status.starts_with("已导出"));
}

#[test]
fn converting_a_2019_report_shows_what_was_dropped() {
    let mut h = harness("convert");
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/zhoucun-2023.json"));
    h.run();
    h.get_by_label("转换为2021年格式…").click();
    h.run();
    assert_eq!(h.state().modal_title(), Some("已转换为2021年格式"));
    assert!(h.query_by_label_contains("政府集中采购").is_some(), "the dropped 2019 rows are listed");
    assert_eq!(h.state().report.template, nianbao::model::TemplateId::V2021);
    h.get_by_label("确定").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().report.template, nianbao::model::TemplateId::V2019, "undo restores the old format");
}

#[test]
fn opening_a_file_with_wrong_totals_keeps_them_to_be_checked() {
    let mut h = harness("wrong-totals");
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/errors-2024.json"));
    h.run();
    assert!(!h.state().auto_totals, "自动合计 is switched off");
    assert!(!h.state().is_dirty(), "opening changes nothing");
    assert_eq!(h.state().report.applications[0][6], Some(30), "the file's wrong total is kept");
    assert!(errors(&h, "H3") > 0);
    assert!(h.state().status.contains("已关闭「自动合计」"));
}

#[test]
fn a_report_opened_by_a_relative_path_is_known_by_its_full_path() {
    // `nianbao 年报.json` in a terminal: the dialogs then start in that folder.
    let mut h = harness("relative");
    let relative = Path::new("examples/qingshan-2024.json");
    assert!(relative.is_relative() && std::env::current_dir().unwrap().join(relative).exists());
    h.state_mut().open_path(relative);
    h.run();
    let path = h.state().path.clone().expect("opened");
    assert!(path.is_absolute() && path.ends_with(relative), "{path:?}");
}

#[test]
fn a_joint_signature_takes_one_unit_per_line() {
    let mut h = harness("joint");
    let field = h.get_by_label("落款单位");
    field.focus();
    field.type_text("青山县市场监督管理局");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("落款单位").type_text("青山县知识产权局");
    h.run();
    assert_eq!(h.state().report.signature.unit, "青山县市场监督管理局\n青山县知识产权局");
}

#[test]
fn rare_characters_typed_render_at_once() {
    // The harness panics on any glyph no installed font has: typing 堃 (beyond GB2312)
    // and 䶮 (Extension A) must find the fallback faces already in egui.
    let mut h = harness("rare");
    let field = h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, "编制单位").next().unwrap();
    field.focus();
    field.type_text("张堃䶮");
    h.run();
    assert_eq!(h.state().report.agency, "张堃䶮");
}

#[test]
fn new_from_last_years_report_carries_over_and_keeps_checking() {
    let last_year = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2024.json");
    let mut h = harness_with(Scripted { open: Some(last_year.clone()), ..Default::default() }, "carry");
    h.state_mut().command(UiCommand::NewFromPrevious);
    h.run();
    let r = &h.state().report;
    assert_eq!((r.year, r.agency.as_str()), (2025, "青山县市场监督管理局"));
    assert_eq!(r.applications[1], [Some(2), Some(1), Some(0), Some(0), Some(0), Some(0), Some(3)], "二、上年结转");
    assert_eq!(r.previous.as_deref(), Some(last_year.as_path()));
    assert!(h.state().previous().is_some(), "last year's report is loaded for the checker");
    assert!(h.state().is_dirty(), "a new document, not yet saved");
    assert!(h.state().findings().findings.iter().any(|f| f.rule == "S10"), "the copied text is flagged");
    assert!(h.state().status.contains("文字中的「2024」已标出"));
    // 现行有效件数 is not carried; last year's figure is a hint on the cell.
    h.get_by_label("二、主动公开").click();
    h.run();
    assert_eq!(h.get_by_label("表二 行政规范性文件 现行有效件数").value().as_deref(), Some(""));
}

#[test]
fn merging_reports_sums_them_and_shows_the_sources() {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut h = harness("merge-app");
    h.state_mut().merge(&[examples.join("qingshan-2024.json"), examples.join("errors-2024.json")]);
    h.run();
    let merged = h.state().merged().expect("merged");
    assert_eq!(merged.sources.len(), 2);
    assert_eq!(h.state().report.applications[0][0], Some(42), "21 + 21");
    assert_eq!(
        merged.describe(&nianbao::model::check::CellRef::applications(0, 0)),
        "青山县市场监督管理局 21；青山县某某镇人民政府 21"
    );
    assert!(h.query_by_label_contains("1 个单位的年报有错误").is_some(), "the side panel names the problem");
    // Mismatched years are refused with the reason.
    h.state_mut().merge(&[examples.join("qingshan-2024.json"), examples.join("zhoucun-2023.json")]);
    h.run();
    assert_eq!(h.state().modal_title(), Some("不能一起汇总"));
    assert!(h.query_by_label_contains("是2023年度的，其他年报是2024年度").is_some());
}

#[test]
fn a_failed_save_says_why_and_keeps_the_document_unsaved() {
    let dir = scratch("failed-save");
    let target = dir.join("没有这个文件夹").join("年报.json");
    let mut h = harness_with(Scripted { save: Some(target.clone()), ..Default::default() }, "failed-save-app");
    h.state_mut().report.agency = "测试局".into();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().modal_title(), Some("保存失败"));
    assert!(h.query_by_label_contains("找不到文件或文件夹").is_some());
    assert!(h.state().is_dirty(), "still unsaved");
    assert!(h.state().path.is_none());
    assert!(!target.exists());
}

#[test]
fn word_and_web_exports_from_the_menu_and_the_clipboard() {
    let dir = scratch("word-web");
    let docx = dir.join("年报.docx");
    let mut h = harness_with(Scripted { save: Some(docx.clone()), ..Default::default() }, "word-web-app");
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2024.json"));
    h.run();
    h.get_by_label("文件(F)").click();
    h.run();
    h.get_by_label("导出Word…").click();
    h.run();
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"), "a .docx (zip) was written");
    h.get_by_label("编辑(E)").click();
    h.run();
    let clipboard = nianbao::ui::clipboard::MemoryClipboard::default();
    h.state_mut().clipboard = Box::new(clipboard.clone());
    h.get_by_label_contains("复制网页代码").click(); // the label has its shortcut
    h.run();
    let copied = clipboard.0.lock().unwrap().clone();
    // As HTML for a rich editor, and the same source as plain text for a 源代码 box.
    let html = copied.html.expect("the HTML went to the clipboard as HTML");
    assert_eq!(copied.text, html, "and as its plain source text");
    assert!(html.starts_with("<div class=\"nianbao-report\""));
    assert!(html.contains("青山县市场监督管理局") && html.contains("rowspan=\"22\""));
}
