//! The modal dialogs: 新建年报, 保存修改吗, messages (使用说明, 关于), 恢复, and
//! questions (年报还有错误, 有字符没有字体可以显示, 无法打开 PDF 阅读器, 替换前言, 替换已有的文件).

use std::path::PathBuf;
use std::time::SystemTime;

use egui::RichText;

use super::file_requests::FileRequest;
use super::output::Output;
use super::{App, Pending};
use crate::model::check::Field;
use crate::model::file::YEARS;
use crate::model::{Report, TemplateId, preamble};
use crate::ui::cells::year_field;
use crate::ui::tabs::Tab;

/// What a dialog is waiting for.
pub(super) enum Modal {
    /// 新建: format, year and agency of the new report.
    NewReport { template: TemplateId, year: i32, agency: String },
    /// Unsaved changes: 保存 / 不保存 / 取消, then carry on with `then`.
    Unsaved { then: Pending },
    /// Text with 确定 (messages, 使用说明, 关于).
    Message { title: String, text: String },
    /// A question with `yes` / (`other`) / 取消: `then` runs on yes.
    Confirm { title: String, text: String, yes: &'static str, then: Confirmed, other: Option<(&'static str, Confirmed)> },
    /// 恢复未保存的年报: the first of `App::orphans`.
    Recover,
}

/// What a [`Modal::Confirm`] does when the user says yes.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Confirmed {
    /// 生成前言 over a hand-written preamble.
    ReplacePreamble,
    /// 导出 or 打印 (a report with 错误, or 另存为 PDF when no viewer opened).
    Output(Output),
    /// 导出 or 打印 with the characters no font has (every question answered).
    Write(Output),
    /// Write the file asked for over the existing one (the in-app dialog's answer).
    Replace(FileRequest, PathBuf),
    /// 保存 over a file changed on disk since, then carry on.
    Overwrite(Option<Pending>),
    /// 另存为 instead of saving over a changed file, then carry on.
    SaveAs(Option<Pending>),
}

impl Modal {
    pub(super) fn help() -> Modal {
        Modal::Message {
            title: "使用说明".into(),
            text: format!("{HELP}\n\n快捷键：{}。菜单：Alt+F、Alt+E、Alt+H。", shortcut_list()),
        }
    }

    pub(super) fn about() -> Modal {
        Modal::Message {
            title: "关于年报编制器".into(),
            text: format!(
                "年报编制器 {}\n\n编制、校验和排版政府信息公开工作年度报告（国办公开办函〔2021〕30号格式，兼容〔2019〕60号格式）。\n\n{}",
                env!("CARGO_PKG_VERSION"),
                env!("CARGO_PKG_DESCRIPTION")
            ),
        }
    }
}

/// Dialog text on one line where it fits: labels and choices do not wrap.
fn no_wrap(ui: &mut egui::Ui) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
}

impl App {
    pub(super) fn modals(&mut self, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        let Some(modal) = self.modal.take() else { return };
        let mut keep = true;
        let mut next: Option<Modal> = None;
        let mut after: Option<Pending> = None;
        let mut save_then: Option<Pending> = None;
        let mut confirmed: Option<Confirmed> = None;
        match modal {
            Modal::NewReport { mut template, mut year, mut agency } => {
                let mut create = false;
                let response = egui::Modal::new(egui::Id::unique("new-report")).show(ctx, |ui| {
                    no_wrap(ui);
                    ui.heading("新建年报");
                    egui::Grid::new("new-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                        let l = ui.label(Field::Template.name().unwrap_or_default());
                        ui.vertical(|ui| {
                            for t in TemplateId::ALL {
                                ui.radio_value(&mut template, t, format!("{}（{}）", t.name(), t.notice()));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label("年度");
                        let years = *YEARS.start() as i32..=*YEARS.end() as i32;
                        ui.vertical(|ui| year_field(ui, egui::Id::unique("new-year"), &mut year, years)).inner.labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label(Field::Agency.name().unwrap_or_default());
                        // Wide enough for a long name (「某某市某某区人民政府某某街道办事处」).
                        ui.add(
                            egui::TextEdit::singleline(&mut agency)
                                .char_limit(crate::ui::widgets::LINE_CHARS)
                                .desired_width(460.0)
                                .hint_text("如：某某县市场监督管理局"),
                        )
                        .labelled_by(l.id);
                        ui.end_row();
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        create = ui.button("新建").clicked();
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                });
                if response.should_close() {
                    keep = false;
                }
                if create {
                    self.auto_totals = true;
                    let mut r = Report::new(template, year, agency.trim());
                    r.preamble = preamble::standard_preamble(&r);
                    self.replace_document(r, None);
                    self.tab = Tab::Basic;
                    self.status = "已新建年报".into();
                    keep = false;
                }
                if keep {
                    next = Some(Modal::NewReport { template, year, agency });
                }
            }
            Modal::Unsaved { then } => {
                let mut choice = None;
                let response = egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
                    no_wrap(ui);
                    ui.heading("保存修改吗？");
                    ui.label(format!(
                        "「{}」有尚未保存的修改。",
                        self.window_title().trim_start_matches("年报编制器 — ").trim_end_matches(" *")
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("保存").clicked() {
                            choice = Some(0);
                        }
                        if ui.button("不保存").clicked() {
                            choice = Some(1);
                        }
                        if ui.button("取消").clicked() {
                            choice = Some(2);
                        }
                    });
                });
                if choice.is_none() && response.should_close() {
                    choice = Some(2); // Esc: 取消
                }
                match choice {
                    Some(0) => save_then = Some(then),
                    Some(1) => after = Some(then),
                    Some(_) => {}
                    None => next = Some(Modal::Unsaved { then }),
                }
            }
            Modal::Confirm { title, text, yes, then, other } => {
                let mut choice = None;
                let response = egui::Modal::new(egui::Id::unique("confirm")).show(ctx, |ui| {
                    title_and_text(ui, &title, &text);
                    ui.horizontal(|ui| {
                        if ui.button(yes).clicked() {
                            choice = Some(0);
                        }
                        if let Some((label, _)) = &other
                            && ui.button(*label).clicked()
                        {
                            choice = Some(1);
                        }
                        if ui.button("取消").clicked() {
                            choice = Some(2);
                        }
                    });
                });
                match choice {
                    Some(0) => confirmed = Some(then),
                    Some(1) => confirmed = other.map(|(_, c)| c),
                    Some(_) => {}
                    None if response.should_close() => {}
                    None => next = Some(Modal::Confirm { title, text, yes, then, other }),
                }
            }
            Modal::Message { title, text } => {
                let response = egui::Modal::new(egui::Id::unique("message")).show(ctx, |ui| {
                    title_and_text(ui, &title, &text);
                    // Its only button holds the focus: Enter or Space presses it.
                    let ok = ui.button("确定");
                    ok.request_focus();
                    ok.clicked()
                });
                if !response.inner && !response.should_close() {
                    next = Some(Modal::Message { title, text });
                }
            }
            Modal::Recover => {
                let mut choice = None;
                let mut later = false;
                if let Some(o) = self.orphans.first() {
                    let response = egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                        ui.set_max_width(520.0);
                        ui.heading("恢复未保存的年报");
                        ui.label("年报编制器上次没有正常退出（断电、死机或被强行关闭），以下年报有尚未保存的修改：");
                        ui.add_space(6.0);
                        let title = if o.report.agency.trim().is_empty() {
                            "（未填写编制单位）".to_string()
                        } else {
                            o.report.title()
                        };
                        ui.label(RichText::new(title).strong());
                        ui.label(format!("自动备份于 {}", date_time(o.saved_at)));
                        ui.label(match &o.source {
                            Some(p) => format!("原文件：{}", p.display()),
                            None => "这份年报还没有保存过文件。".to_string(),
                        });
                        ui.add_space(8.0);
                        ui.horizontal(|ui| {
                            if ui.button("恢复").clicked() {
                                choice = Some(true);
                            }
                            if ui.button("丢弃").on_hover_text("删除这份自动备份，不再提示").clicked() {
                                choice = Some(false);
                            }
                            if ui.button("以后再说").on_hover_text("保留自动备份，下次启动时再提示").clicked()
                            {
                                later = true;
                            }
                        });
                    });
                    later |= choice.is_none() && response.should_close();
                }
                match choice {
                    Some(restore) => self.take_orphan(restore),
                    // Esc or 以后再说: the backups stay on disk for the next start.
                    None if later => self.orphans.clear(),
                    None if !self.orphans.is_empty() => next = Some(Modal::Recover),
                    None => {}
                }
            }
        }
        if self.modal.is_none() {
            self.modal = next;
        }
        if let Some(then) = save_then {
            // 保存 first; a cancelled 另存为 cancels what was going to happen.
            self.save(Some(then), frame);
        }
        match confirmed {
            Some(Confirmed::ReplacePreamble) => self.report.preamble = preamble::standard_preamble(&self.report),
            Some(Confirmed::Output(what)) => self.output_now(what, ctx, frame),
            Some(Confirmed::Write(what)) => self.write_now(what, ctx, frame),
            Some(Confirmed::Replace(request, path)) => self.file_chosen(request, vec![path]),
            Some(Confirmed::Overwrite(then)) => self.save_here(then),
            Some(Confirmed::SaveAs(then)) => self.ask_file(FileRequest::Save { then }, frame),
            None => {}
        }
        if let Some(then) = after {
            // 不保存: the report is replaced only once the next one is chosen; a
            // cancelled 打开 leaves it on screen, still unsaved.
            self.proceed(then);
        }
    }
}

impl App {
    /// 生成前言: at once over an empty or generated preamble, after asking over a written one.
    pub(super) fn generate_preamble(&mut self) {
        let standard = preamble::standard_preamble(&self.report);
        let current = self.report.preamble.trim();
        if current.is_empty() || current == standard.trim() {
            self.report.preamble = standard;
        } else {
            self.modal = Some(Modal::Confirm {
                title: "替换前言吗？".into(),
                text: "前言已有内容。生成的标准前言会替换现有文字（替换后可以用「撤销」恢复）。".into(),
                yes: "替换",
                then: Confirmed::ReplacePreamble,
                other: None,
            });
        }
    }
}

/// “2025年1月20日 14:03”, local time.
fn date_time(t: SystemTime) -> String {
    let local = crate::platform::local_time(t);
    format!("{} {}", crate::ui::tabs::date::format(local.date()), &super::frame::clock(t)[..5])
}

/// 「新建 Ctrl+N，打开 Ctrl+O，…」 from the commands themselves.
fn shortcut_list() -> String {
    let names = egui::ModifierNames::NAMES;
    crate::ui::command::UiCommand::ALL
        .iter()
        .filter_map(|c| c.shortcut().map(|s| format!("{} {}", c.label().trim_end_matches('…'), s.format(&names, false))))
        .collect::<Vec<_>>()
        .join("，")
}

const HELP: &str = "\
年报编制器按国务院办公厅政府信息与政务公开办公室规定的格式编制政府信息公开工作年度报告。

· 每个标签页对应报告的一部分；表格边填边校验，有问题的单元格会标成红色（错误）或黄色（警告），鼠标停在上面可以看到原因。
· 「校验结果」列出全部问题，点击一条可以跳到相应位置。
· 表格里空白表示没有填写，没有发生的请填 0。全角数字会自动转为半角。
· 打开「自动合计」时，总计由各项相加得出；关闭后可以手工填写，程序会检查是否相加正确。
· 回车或↓移到下一行，↑移到上一行，Tab 移到右边一格。点中单元格时其中的数字被选中，直接输入即替换，Esc 恢复原值。
· 从 Excel / WPS 表格复制一块单元格，点中要放左上角的格子按 Ctrl+V，整块依次填入。

· 文件菜单：从上年报告新建（带入上年结转和文字草稿）、汇总多个年报（区县汇总各部门和乡镇）、导出 PDF / Word / 网页。
· 有未保存的修改时，程序每 30 秒自动备份；意外退出后再打开会提示恢复。";

/// A question's or a message's heading and text; a long text scrolls so that the
/// buttons below stay on screen.
fn title_and_text(ui: &mut egui::Ui, title: &str, text: &str) {
    ui.set_max_width(520.0);
    ui.heading(title);
    let room = (ui.ctx().content_rect().height() * 0.6).max(120.0);
    egui::ScrollArea::vertical().max_height(room).show(ui, |ui| ui.label(text));
    ui.add_space(8.0);
}
