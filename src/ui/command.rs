//! Every menu item, toolbar button and shortcut is one of these commands
//! (the rerun `UICommand` pattern). Commands are queued while drawing and run
//! after the frame.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    NewFromPrevious,
    Open,
    Import,
    ImportClipboard,
    Merge,
    Audit,
    Save,
    SaveAs,
    ExportPdf,
    ExportWord,
    ExportHtml,
    CopyHtml,
    Print,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    SelectAll,
    Help,
    About,
    Quit,
}

impl UiCommand {
    pub const ALL: [UiCommand; 23] = [
        UiCommand::New,
        UiCommand::NewFromPrevious,
        UiCommand::Open,
        UiCommand::Import,
        UiCommand::ImportClipboard,
        UiCommand::Merge,
        UiCommand::Audit,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::ExportPdf,
        UiCommand::ExportWord,
        UiCommand::ExportHtml,
        UiCommand::CopyHtml,
        UiCommand::Print,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::Cut,
        UiCommand::Copy,
        UiCommand::Paste,
        UiCommand::SelectAll,
        UiCommand::Help,
        UiCommand::About,
        UiCommand::Quit,
    ];

    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::New => "新建…",
            UiCommand::NewFromPrevious => "从上年报告新建…",
            UiCommand::Open => "打开…",
            UiCommand::Import => "导入已有年报…",
            UiCommand::ImportClipboard => "从剪贴板导入年报",
            UiCommand::Merge => "汇总多个年报…",
            UiCommand::Audit => "审核多个年报…",
            UiCommand::Save => "保存",
            UiCommand::SaveAs => "另存为…",
            UiCommand::ExportPdf => "导出PDF…",
            UiCommand::ExportWord => "导出Word…",
            UiCommand::ExportHtml => "导出网页…",
            UiCommand::CopyHtml => "复制网页代码",
            UiCommand::Print => "打印…",
            UiCommand::Undo => "撤销",
            UiCommand::Redo => "重做",
            UiCommand::Cut => "剪切",
            UiCommand::Copy => "复制",
            UiCommand::Paste => "粘贴",
            UiCommand::SelectAll => "全选",
            UiCommand::Help => "使用说明",
            UiCommand::About => "关于年报编制器",
            UiCommand::Quit => "退出",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            UiCommand::New => ctrl(Key::N),
            UiCommand::Open => ctrl(Key::O),
            UiCommand::Save => ctrl(Key::S),
            UiCommand::SaveAs => Some(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S)),
            UiCommand::ExportPdf => ctrl(Key::E),
            UiCommand::Print => ctrl(Key::P),
            UiCommand::Undo => ctrl(Key::Z),
            UiCommand::Redo => ctrl(Key::Y),
            UiCommand::Cut => ctrl(Key::X),
            UiCommand::Copy => ctrl(Key::C),
            UiCommand::Paste => ctrl(Key::V),
            UiCommand::SelectAll => ctrl(Key::A),
            UiCommand::CopyHtml => Some(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::C)),
            UiCommand::Help => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
            // Quit: Alt+F4 or the window's close button.
            UiCommand::Quit
            | UiCommand::NewFromPrevious
            | UiCommand::Merge
            | UiCommand::Import
            | UiCommand::ImportClipboard
            | UiCommand::Audit
            | UiCommand::ExportWord
            | UiCommand::ExportHtml
            | UiCommand::About => None,
        }
    }

    /// Editing commands whose keys the focused text field handles itself (the
    /// menu shows the keys; the menu item acts on the last focused field).
    pub fn is_text_editing(self) -> bool {
        matches!(self, UiCommand::Cut | UiCommand::Copy | UiCommand::Paste | UiCommand::SelectAll)
    }

    /// The command whose shortcut was pressed this frame, if any. Ctrl+Shift+S is
    /// checked before Ctrl+S so the longer chord wins.
    pub fn pressed(ctx: &egui::Context) -> Option<UiCommand> {
        let mut commands =
            Self::ALL.map(Some).map(|c| c.filter(|c| !c.is_text_editing())).into_iter().flatten().collect::<Vec<_>>();
        commands.sort_by_key(|c| std::cmp::Reverse(c.shortcut().map_or(0, |s| s.modifiers.shift as u8)));
        ctx.input_mut(|i| commands.into_iter().find(|c| c.shortcut().is_some_and(|s| i.consume_shortcut(&s))))
    }

    /// A menu entry with its shortcut; clicking queues the command.
    pub fn menu_item(self, ui: &mut egui::Ui, enabled: bool, queue: &mut Vec<UiCommand>) {
        let mut button = egui::Button::new(self.label());
        if let Some(s) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        if ui.add_enabled(enabled, button).clicked() {
            queue.push(self);
            ui.close();
        }
    }
}
