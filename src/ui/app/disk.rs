//! The open report's file on disk: noticing that another window (or program)
//! changed it since it was opened or saved, and that another window has it open.

use std::path::{Path, PathBuf};

use super::modals::{Confirmed, Modal};
use super::{App, Pending};
use crate::open_files::{FileStamp, OpenElsewhere, OpenLock};

impl App {
    /// The document is now `path` as it is on disk (just opened or saved): remember
    /// how the file looks, and say so when another window has it open too.
    pub(super) fn on_disk(&mut self, path: Option<&Path>) {
        self.disk_stamp = path.and_then(FileStamp::of);
        let same_file = self.open_lock.as_ref().is_some_and(|(p, _)| path == Some(p.as_path()));
        if same_file {
            return;
        }
        self.open_lock = None;
        let Some(path) = path else { return };
        // What a save of this file killed half-way left behind.
        crate::files::remove_dead_temps(path);
        match OpenLock::take(&self.data_dir, path) {
            Ok(lock) => self.open_lock = lock.map(|l| (path.to_path_buf(), l)),
            Err(OpenElsewhere) => {
                self.modal = Some(Modal::Message {
                    title: "年报已在另一个窗口中打开".into(),
                    text: format!(
                        "「{}」已在本程序的另一个窗口中打开。\n两个窗口都修改并保存时，保存前会提醒文件已被改动；\
                         最好只在一个窗口中修改。",
                        path.display()
                    ),
                });
            }
        }
    }

    /// The files this document is made from, which 保存, 另存为 and 导出 never write
    /// over: last year's report, the sources of a 汇总, and (导出) the report's own file.
    pub(super) fn inputs(&self, exporting: bool) -> Vec<(PathBuf, &'static str)> {
        let own = self.path.iter().filter(|_| exporting).map(|p| (p.clone(), "正在编辑的年报"));
        // A remembered last-year file is relative to the report's folder.
        let folder = self.path.as_deref().and_then(Path::parent).unwrap_or(Path::new(""));
        let previous = self.report.previous.iter().map(|p| (folder.join(p), "这份年报的上年报告（用于核对上年结转）"));
        let sources = self.made_from.iter().map(|p| (p.clone(), "汇总的来源年报之一"));
        own.chain(previous).chain(sources).collect()
    }

    /// Why `target` may not be written (`files::check_target`, and a report another
    /// window has open), before anything is asked or written.
    pub(super) fn refused_target(&self, target: &Path, exporting: bool) -> Option<String> {
        let inputs = self.inputs(exporting);
        let inputs: Vec<crate::files::Input> = inputs.iter().map(|(p, role)| (p.as_path(), *role)).collect();
        let writing = if exporting { crate::files::Writing::Export } else { crate::files::Writing::Report };
        if let Err(why) = crate::files::check_target(target, &inputs, writing) {
            return Some(why);
        }
        let own = self.open_lock.as_ref().is_some_and(|(p, _)| crate::files::same_file(p, target));
        (!exporting && !own && target.exists() && OpenLock::take(&self.data_dir, target).is_err())
            .then(|| format!("「{}」在另一个窗口中打开着，另存为会替换那个窗口正在编辑的年报", target.display()))
    }

    /// Whether the file changed on disk since it was opened or last saved here.
    pub(super) fn changed_on_disk(&self, path: &Path) -> bool {
        FileStamp::of(path).is_some() && FileStamp::of(path) != self.disk_stamp
    }

    /// 保存 over a file that changed on disk: 覆盖 / 另存为… / 取消.
    pub(super) fn ask_overwrite(&mut self, path: &Path, then: Option<Pending>) {
        self.modal = Some(Modal::Confirm {
            title: "文件已被改动".into(),
            text: format!(
                "「{}」在打开（或上次保存）之后被改动过，可能是另一个窗口或别人保存的。\n\
                 覆盖会丢掉那些改动；另存为可以把这里的内容存成另一个文件。",
                path.display()
            ),
            yes: "覆盖",
            then: Confirmed::Overwrite(then.clone()),
            other: Some(("另存为…", Confirmed::SaveAs(then))),
        });
    }
}
