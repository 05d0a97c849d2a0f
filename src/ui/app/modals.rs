//! The modal dialogs: 新建年报, 保存修改吗, messages, 使用说明, 恢复,
//! 年报还有错误 (before 导出 and 打印), 无法打开 PDF 阅读器.

use std::time::SystemTime;

use egui::RichText;

use super::document::Output;
use super::{App, Pending};
use crate::export::Format;
use crate::model::{Report, TemplateId, preamble};
use crate::ui::tabs::Tab;

/// What a dialog is waiting for.
pub(super) enum Modal {
    /// 新建: format, year and agency of the new report.
    NewReport {
        template: TemplateId,
        year: i32,
        agency: String,
    },
    /// Unsaved changes: 保存 / 不保存 / 取消, then carry on with `then`.
    Unsaved {
        then: Pending,
    },
    Message {
        title: String,
        text: String,
    },
    Help,
    /// 恢复未保存的年报: the first of `App::orphans`.
    Recover,
    /// 导出 or 打印 a report that still has 错误: 继续 / 取消.
    OutputWithErrors {
        output: Output,
        errors: usize,
    },
    /// 打印 found no PDF viewer: 另存为 PDF… / 取消.
    NoViewer {
        reason: String,
    },
}

impl App {
    pub(super) fn modals(&mut self, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        let Some(modal) = self.modal.take() else { return };
        let mut keep = true;
        let mut next: Option<Modal> = None;
        let mut after: Option<Pending> = None;
        let mut save_then: Option<Pending> = None;
        let mut output: Option<Output> = None;
        match modal {
            Modal::NewReport { mut template, mut year, mut agency } => {
                let mut create = false;
                egui::Modal::new(egui::Id::unique("new-report")).show(ctx, |ui| {
                    ui.heading("新建年报");
                    egui::Grid::new("new-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                        let l = ui.label("报告格式");
                        ui.vertical(|ui| {
                            for t in TemplateId::ALL {
                                ui.radio_value(&mut template, t, format!("{}（{}）", t.name(), t.notice()));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label("年度");
                        ui.add(egui::DragValue::new(&mut year).range(2000..=2100).speed(0.1)).labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label("编制单位");
                        ui.add(egui::TextEdit::singleline(&mut agency).desired_width(280.0)).labelled_by(l.id);
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
                egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
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
                match choice {
                    Some(0) => save_then = Some(then),
                    Some(1) => after = Some(then),
                    Some(_) => {}
                    None => next = Some(Modal::Unsaved { then }),
                }
            }
            Modal::Message { title, text } => {
                let response = egui::Modal::new(egui::Id::unique("message")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading(&title);
                    ui.label(&text);
                    ui.add_space(8.0);
                    ui.button("确定").clicked()
                });
                if !response.inner && !response.should_close() {
                    next = Some(Modal::Message { title, text });
                }
            }
            Modal::Recover => {
                let mut choice = None;
                if let Some(o) = self.orphans.first() {
                    egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
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
                        });
                    });
                }
                match choice {
                    Some(restore) => self.take_orphan(restore),
                    None if !self.orphans.is_empty() => next = Some(Modal::Recover),
                    None => {}
                }
            }
            Modal::OutputWithErrors { output: what, errors } => {
                let (verb, result) = match what {
                    Output::Export(format) => ("导出", format!("导出的{}", format.name())),
                    Output::Print => ("打印", "打印出来的年报".to_string()),
                };
                let mut choice = None;
                let response = egui::Modal::new(egui::Id::unique("output-with-errors")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading("年报还有错误");
                    ui.label(format!(
                        "这份年报还有 {errors} 个错误（见「校验结果」），{result}里会原样保留这些错误。\n\
                         报送或公开之前，请先改正错误。"
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(format!("继续{verb}")).clicked() {
                            choice = Some(true);
                        }
                        if ui.button("取消").clicked() {
                            choice = Some(false);
                        }
                    });
                });
                if response.should_close() {
                    choice = choice.or(Some(false)); // Esc or a click outside: 取消
                }
                match choice {
                    Some(true) => output = Some(what),
                    Some(false) => {}
                    None => next = Some(Modal::OutputWithErrors { output: what, errors }),
                }
            }
            Modal::NoViewer { reason } => {
                let mut choice = None;
                let response = egui::Modal::new(egui::Id::unique("no-viewer")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading("无法打开 PDF 阅读器");
                    ui.label(format!(
                        "没能打开 PDF 阅读器，所以无法打印：{reason}。\n\n\
                         可以把 PDF 另存到文件夹中，再用 PDF 阅读器或 WPS 打开后打印。"
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("另存为 PDF…").clicked() {
                            choice = Some(true);
                        }
                        if ui.button("取消").clicked() {
                            choice = Some(false);
                        }
                    });
                });
                if response.should_close() {
                    choice = choice.or(Some(false)); // Esc or a click outside: 取消
                }
                match choice {
                    // The errors were already accepted for 打印: no second warning.
                    Some(true) => {
                        self.status = "没有打印：无法打开 PDF 阅读器".into(); // until the export says otherwise
                        output = Some(Output::Export(Format::Pdf));
                    }
                    Some(false) => self.status = "没有打印：无法打开 PDF 阅读器".into(),
                    None => next = Some(Modal::NoViewer { reason }),
                }
            }
            Modal::Help => {
                let response = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
                    ui.set_max_width(560.0);
                    ui.heading("使用说明");
                    ui.label(HELP);
                    ui.add_space(8.0);
                    ui.button("关闭").clicked()
                });
                if !response.inner && !response.should_close() {
                    next = Some(Modal::Help);
                }
            }
        }
        if self.modal.is_none() {
            self.modal = next;
        }
        if let Some(then) = save_then {
            // 保存 first; a cancelled Save-As cancels what was going to happen.
            if self.save(frame) {
                self.proceed(then);
            }
        }
        if let Some(what) = output {
            self.output_now(what, ctx, frame);
        }
        if let Some(then) = after {
            if then != Pending::Close {
                self.saved = self.report.clone();
            }
            self.proceed(then);
        }
    }
}

/// “2025年1月20日 14:03”, local time.
fn date_time(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) + crate::platform::utc_offset_seconds();
    let days = (secs / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year}年{month}月{day}日 {}", &super::frame::clock(t)[..5])
}

const HELP: &str = "\
年报编制器按国务院办公厅政府信息与政务公开办公室规定的格式编制政府信息公开工作年度报告。

· 每个标签页对应报告的一部分；表格边填边校验，有问题的单元格会标成红色（错误）或黄色（警告），鼠标停在上面可以看到原因。
· 「校验结果」列出全部问题，点击一条可以跳到相应位置。
· 表格里空白表示没有填写，没有发生的请填 0。全角数字会自动转为半角。
· 打开「自动合计」时，总计由各项相加得出；关闭后可以手工填写，程序会检查是否相加正确。
· 回车或↓移到下一行，↑移到上一行，Tab 移到右边一格。

· 文件菜单：从上年报告新建（带入上年结转和文字草稿）、汇总多个年报（区县汇总各部门和乡镇）、导出 PDF / Word / 网页。
· 有未保存的修改时，程序每 30 秒自动备份；意外退出后再打开会提示恢复。

快捷键：新建 Ctrl+N，打开 Ctrl+O，保存 Ctrl+S，另存为 Ctrl+Shift+S，导出PDF Ctrl+E，打印 Ctrl+P，撤销 Ctrl+Z，重做 Ctrl+Y，说明 F1。";
