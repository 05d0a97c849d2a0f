//! Undo and redo by snapshots of the report. Consecutive edits from the same
//! field within a short pause are one step, as in a word processor.

use std::time::{Duration, Instant};

use crate::model::Report;

/// Edits further apart than this start a new undo step even in the same field.
const PAUSE: Duration = Duration::from_secs(2);
/// Steps kept (a report is a few kilobytes).
const LIMIT: usize = 500;

pub struct History {
    undo: Vec<Report>,
    redo: Vec<Report>,
    /// The report as of the last observed change.
    last: Report,
    last_source: Option<egui::Id>,
    last_time: Instant,
}

impl History {
    pub fn new(report: &Report) -> History {
        History { undo: Vec::new(), redo: Vec::new(), last: report.clone(), last_source: None, last_time: Instant::now() }
    }

    /// Records `current` if it changed; `source` is the field being edited (None for
    /// commands, which always make their own step). Returns whether it changed.
    pub fn observe(&mut self, current: &Report, source: Option<egui::Id>) -> bool {
        if *current == self.last {
            return false;
        }
        let now = Instant::now();
        // Back to the state before the last step (Esc in a cell, typing erased):
        // that step is cancelled, not a new one that 撤销 would bring back.
        if self.undo.last() == Some(current) {
            self.last = self.undo.pop().expect("just compared");
            self.redo.clear();
            self.last_source = None;
            return true;
        }
        let same_typing = source.is_some() && source == self.last_source && now - self.last_time < PAUSE;
        if !same_typing {
            self.undo.push(std::mem::replace(&mut self.last, current.clone()));
            if self.undo.len() > LIMIT {
                self.undo.remove(0);
            }
        } else {
            self.last = current.clone();
        }
        self.redo.clear();
        self.last_source = source;
        self.last_time = now;
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self, current: &mut Report) -> bool {
        let Some(previous) = self.undo.pop() else { return false };
        self.redo.push(std::mem::replace(current, previous));
        self.settle(current);
        true
    }

    pub fn redo(&mut self, current: &mut Report) -> bool {
        let Some(next) = self.redo.pop() else { return false };
        self.undo.push(std::mem::replace(current, next));
        self.settle(current);
        true
    }

    fn settle(&mut self, current: &Report) {
        self.last = current.clone();
        self.last_source = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateId;

    #[test]
    fn typing_in_one_field_is_one_step_and_commands_are_their_own() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        let mut h = History::new(&r);
        let field = Some(egui::Id::unique("agency"));
        r.agency.push('甲');
        assert!(h.observe(&r, field));
        r.agency.push('乙');
        assert!(h.observe(&r, field));
        assert!(!h.observe(&r, field), "no change, nothing recorded");
        r.applications[0][0] = Some(3);
        h.observe(&r, None);
        assert!(h.undo(&mut r));
        assert_eq!(r.applications[0][0], None);
        assert_eq!(r.agency, "某局甲乙");
        assert!(h.undo(&mut r));
        assert_eq!(r.agency, "某局", "both characters undone together");
        assert!(!h.undo(&mut r));
        assert!(h.redo(&mut r) && h.redo(&mut r));
        assert_eq!((r.agency.as_str(), r.applications[0][0]), ("某局甲乙", Some(3)));
        assert!(!h.can_redo());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        let mut h = History::new(&r);
        r.year = 2025;
        h.observe(&r, None);
        h.undo(&mut r);
        assert!(h.can_redo());
        r.agency = "别的局".into();
        h.observe(&r, None);
        assert!(!h.can_redo());
    }

    #[test]
    fn an_edit_taken_back_by_hand_leaves_nothing_to_undo() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.applications[0][0] = Some(21);
        let mut h = History::new(&r);
        let cell = Some(egui::Id::unique("cell"));
        r.applications[0][0] = Some(7); // typed
        h.observe(&r, cell);
        r.applications[0][0] = Some(21); // Esc
        h.observe(&r, None);
        assert!(!h.can_undo(), "撤销 must not bring back the 7 that Esc cancelled");
        assert!(!h.undo(&mut r));
        assert_eq!(r.applications[0][0], Some(21));
    }
}
