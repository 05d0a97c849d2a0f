//! A page's content stream interpreted: the strings it draws, placed by the
//! text and graphics matrices (what the page does not show skipped or unsure,
//! `pdf/visible.rs`), Form XObjects drawn with their matrix, and the straight
//! rules it strokes or fills. The page is turned as it displays (/Rotate),
//! and then so its text runs left to right.

use lopdf::{Dictionary, Document, Object};

use super::actual::{actual_text, replace_by_actual_text};
use super::fonts::Font;
use super::optional;
use super::path::Path;
use super::resources::Resources;
use super::show::Text;
use super::visible::{self, Paint, Rect, Seen};
use super::{ImportError, MAX_OPERATIONS, MAX_PAGE_OPERATIONS, MAX_STREAM, Rule, Run, ops, too_many_operations};

/// Whether a colour's operands are white: gray 1, RGB 1 1 1, or CMYK 0 0 0 0
/// (a pattern or named colour is taken as not white).
fn white(o: &[Object]) -> bool {
    let v: Vec<f32> = o.iter().take_while(|x| !matches!(x, Object::Name(_))).map(number).collect();
    if o.iter().any(|x| matches!(x, Object::Name(_))) {
        return false;
    }
    match v.len() {
        1 | 3 => v.iter().all(|&c| c >= 0.99),
        4 => v.iter().all(|&c| c <= 0.01),
        _ => false,
    }
}

pub(super) type Matrix = [f32; 6];

pub(super) fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub(super) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

pub(super) fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

fn numbers<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    (ops.len() >= N).then(|| std::array::from_fn(|i| number(&ops[i])))
}

pub(super) fn apply(m: &Matrix, x: f32, y: f32) -> [f32; 2] {
    [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]]
}

/// What a page draws: its strings in drawing order, its rules, and how many
/// characters were drawn in fonts that do not say which characters they are.
pub(super) struct Drawn {
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
    pub unmapped: usize,
}

/// How deep Form XObjects are followed inside each other.
const MAX_FORM_DEPTH: usize = 8;

/// The strings a page draws, in drawing order, and its rules.
pub(super) fn page_runs(doc: &Document, page: lopdf::ObjectId, budget: &mut usize) -> Result<Drawn, ImportError> {
    let damaged = || ImportError("PDF 页面内容已损坏，无法读取".into());
    let content = doc.get_page_content_with_limit(page, MAX_STREAM).map_err(|e| past_max_stream(&e).unwrap_or_else(damaged))?;
    let (own, inherited) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
    let dicts: Vec<&Dictionary> = own.into_iter().chain(inherited.iter().filter_map(|id| doc.get_dictionary(*id).ok())).collect();
    let fonts = doc.get_page_fonts(page).unwrap_or_default().into_iter().map(|(n, f)| (n, Font::new(doc, f))).collect();
    let resources = Resources { fonts, dicts, outer: None };
    let (area, turns) = super::turn::page_box(doc, page);
    let mut drawn = Interp::new(doc, budget, area, turns);
    if !drawn.content(&content, &resources, 0)? {
        return Err(damaged());
    }
    drawn.annotations(page, &resources)?;
    // Text that still does not run left to right (a page whose content is
    // turned against its /Rotate): turned until it does.
    let more = super::turn::to_upright(&drawn.directions);
    let (runs, rules, unmapped) = (drawn.runs, drawn.rules, drawn.unmapped);
    if more == 0 {
        return Ok(Drawn { runs, rules, unmapped });
    }
    let mut again = Interp::new(doc, budget, area, turns + more);
    if !again.content(&content, &resources, 0)? {
        return Err(damaged());
    }
    again.annotations(page, &resources)?;
    Ok(Drawn { runs: again.runs, rules: again.rules, unmapped: again.unmapped })
}

/// The one message for content unpacking past [`MAX_STREAM`], else `None`.
fn past_max_stream(e: &lopdf::Error) -> Option<ImportError> {
    matches!(e, lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }))
        .then(|| too_many_operations(&format!("一页的内容解压后超过 {} MB", MAX_STREAM / 1024 / 1024)))
}

pub(super) struct Interp<'a, 'b> {
    pub(super) doc: &'a Document,
    pub(super) budget: &'b mut usize,
    pub(super) runs: Vec<Run>,
    pub(super) rules: Vec<Rule>,
    pub(super) unmapped: usize,
    /// Characters shown running right, up, left and down the page.
    pub(super) directions: [usize; 4],
    pub(super) ctm: Matrix,
    pub(super) paint: Paint,
    pub(super) stack: Vec<(Matrix, Paint)>,
    pub(super) text: Text,
    pub(super) path: Path,
    /// A clip (`W`) waiting for the path's painting operator.
    pub(super) clip_pending: bool,
    /// What text drawn in a clipping mode (`Tr` 4 to 7) adds to the clip at `ET`.
    pub(super) text_clip: Option<Rect>,
    /// The open marked-content sequences (`BDC` … `EMC`), see [`actual_text`],
    /// and whether each shows what it holds (optional content, `pdf/optional.rs`).
    pub(super) marked: Vec<Option<(String, usize)>>,
    pub(super) optional: Vec<Seen>,
    pub(super) groups: optional::Groups,
    /// The page's graphics state before its content (what annotations start from).
    pub(super) start: (Matrix, Paint),
    /// Form XObjects drawn.
    pub(super) forms: usize,
    /// The operations of the page's content and of the forms it draws so far.
    page_operations: usize,
}

impl<'a, 'b> Interp<'a, 'b> {
    fn new(doc: &'a Document, budget: &'b mut usize, area: Rect, turns: i32) -> Self {
        let (ctm, shown) = super::turn::display(area, turns);
        Interp {
            doc,
            budget,
            runs: Vec::new(),
            rules: Vec::new(),
            unmapped: 0,
            directions: [0; 4],
            ctm,
            paint: Paint::new(shown),
            stack: Vec::new(),
            text: Text {
                font: Vec::new(),
                size: 12.0,
                leading: 0.0,
                char_space: 0.0,
                word_space: 0.0,
                scale: 1.0,
                tm: IDENTITY,
                tlm: IDENTITY,
            },
            path: Path::default(),
            clip_pending: false,
            text_clip: None,
            marked: Vec::new(),
            optional: Vec::new(),
            groups: optional::Groups::of(doc),
            start: (ctm, Paint::new(shown)),
            forms: 0,
            page_operations: 0,
        }
    }

    /// A content stream (the page's or a form's) interpreted: its operations
    /// counted against the page's and the file's bounds before any is decoded,
    /// then decoded a chunk at a time into this one interpretation (`pdf/ops.rs`),
    /// the same as decoded at once. `false` when a chunk is damaged.
    fn content(&mut self, content: &[u8], res: &Resources<'a, '_>, depth: usize) -> Result<bool, ImportError> {
        let split = ops::split(content);
        self.page_operations += split.count;
        if self.page_operations > MAX_PAGE_OPERATIONS {
            return Err(too_many_operations(&format!("一页有 {} 条，最多 {MAX_PAGE_OPERATIONS} 条", self.page_operations)));
        }
        if split.count > *self.budget {
            return Err(too_many_operations(&format!("全文件超过 {MAX_OPERATIONS} 条")));
        }
        *self.budget -= split.count;
        let mut operations = ops::Operations::new(content, split);
        for op in operations.by_ref() {
            self.op(&op, res, depth)?;
        }
        Ok(!operations.broken)
    }

    /// A Form XObject drawn (`Do`): its content, with its matrix and clipped to its box.
    fn form(&mut self, name: &[u8], res: &Resources<'a, '_>, depth: usize) -> Result<(), ImportError> {
        let Some(Object::Stream(form)) = res.get(self.doc, b"XObject", name) else { return Ok(()) };
        self.draw_form(form, res, depth)
    }

    /// A Form XObject's content drawn with its matrix, clipped to its box,
    /// shown as its optional-content membership (/OC) says.
    pub(super) fn draw_form(
        &mut self,
        form: &'a lopdf::Stream,
        res: &Resources<'a, '_>,
        depth: usize,
    ) -> Result<(), ImportError> {
        if depth >= MAX_FORM_DEPTH || form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return Ok(());
        }
        let content = match form.get_plain_content_with_limit(MAX_STREAM) {
            Ok(content) => content,
            Err(e) => return past_max_stream(&e).map_or(Ok(()), Err),
        };
        let inner = res.of_form(self.doc, &form.dict);
        let matrix = form.dict.get(b"Matrix").ok().and_then(|o| o.as_array().ok()).and_then(|a| numbers::<6>(a));
        let (saved, text, path) = ((self.ctm, self.paint), self.text.clone(), std::mem::take(&mut self.path));
        self.ctm = mul(&matrix.unwrap_or(IDENTITY), &self.ctm);
        if let Some([x0, y0, x1, y1]) = form.dict.get(b"BBox").ok().and_then(|o| o.as_array().ok()).and_then(|a| numbers::<4>(a))
        {
            let corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]].map(|[x, y]| apply(&self.ctm, x, y));
            let upright = (corners[0][0] - corners[3][0]).abs() < 0.01 || (corners[0][1] - corners[3][1]).abs() < 0.01;
            self.paint.clip_to(&corners, upright);
        }
        let stack = std::mem::take(&mut self.stack);
        let open = (self.marked.len(), self.optional.len());
        self.optional.push(form.dict.get(b"OC").map_or(Seen::Shown, |oc| self.groups.state(self.doc, oc)));
        self.forms += 1;
        // A damaged form draws what it could be read of (its operations kept bounded).
        let done = self.content(&content, &inner, depth + 1).map(|_| ());
        (self.stack, _) = (stack, self.marked.truncate(open.0));
        self.optional.truncate(open.1);
        ((self.ctm, self.paint), self.text, self.path) = (saved, text, path);
        done
    }

    /// The path painted (or ended, `n`): its rules kept, a clip set, a white fill covering text.
    fn paint_path(&mut self, operator: &str) {
        let path = std::mem::take(&mut self.path);
        // In an optional-content group that is off: neither rules nor a cover
        // (a clip still applies to what follows).
        let shown = self.optional_shown();
        let stroked = matches!(operator, "S" | "s" | "B" | "B*" | "b" | "b*");
        if shown != Seen::Hidden && (stroked || operator != "n") {
            Path::rules(if stroked { &path.segments } else { &path.thin }, &mut self.rules);
        }
        let area = path.area();
        if operator != "S"
            && operator != "s"
            && operator != "n"
            && shown != Seen::Hidden
            && self.paint.covers_white()
            && let Some((points, rectangle)) = area
        {
            let sure = rectangle && self.paint.clip_exact && shown == Seen::Shown;
            visible::cover(&mut self.runs, &points, sure, self.paint.clip);
        }
        if std::mem::take(&mut self.clip_pending) {
            match area {
                Some((points, rectangle)) => self.paint.clip_to(&points, rectangle),
                None => self.paint.clip_to(&[[0.0, 0.0]], false),
            }
        }
    }

    fn op(&mut self, op: &lopdf::content::Operation, res: &Resources<'a, '_>, depth: usize) -> Result<(), ImportError> {
        let o = &op.operands;
        let t = &mut self.text;
        match op.operator.as_str() {
            "q" if self.stack.len() < 64 => self.stack.push((self.ctm, self.paint)),
            "Q" => {
                if let Some(saved) = self.stack.pop() {
                    (self.ctm, self.paint) = saved;
                }
            }
            "Tr" => self.paint.mode = o.first().map_or(0.0, number) as i32,
            "g" | "rg" | "k" | "sc" | "scn" | "cs" => self.paint.fill_white = op.operator != "cs" && white(o),
            "G" | "RG" | "K" | "SC" | "SCN" | "CS" => self.paint.stroke_white = op.operator != "CS" && white(o),
            "gs" => {
                let name = o.first().and_then(|n| n.as_name().ok()).unwrap_or_default();
                if let Some(Object::Dictionary(state)) = res.get(self.doc, b"ExtGState", name) {
                    self.paint.set_state(state, self.doc);
                }
            }
            "Do" => {
                let name = o.first().and_then(|n| n.as_name().ok()).unwrap_or_default().to_vec();
                return self.form(&name, res, depth);
            }
            "cm" => {
                if let Some(m) = numbers::<6>(o) {
                    self.ctm = mul(&m, &self.ctm);
                }
            }
            "m" => {
                if let Some([x, y]) = numbers::<2>(o) {
                    self.path.move_to(apply(&self.ctm, x, y));
                }
            }
            "l" => {
                if let Some([x, y]) = numbers::<2>(o) {
                    self.path.line_to(apply(&self.ctm, x, y));
                }
            }
            "c" | "v" | "y" => {
                let points: Vec<[f32; 2]> = o.chunks(2).filter_map(numbers::<2>).map(|[x, y]| apply(&self.ctm, x, y)).collect();
                self.path.curve_to(&points);
            }
            "h" => self.path.close(),
            "re" => {
                if let Some([x, y, w, h]) = numbers::<4>(o) {
                    let m = &self.ctm;
                    self.path.rectangle([apply(m, x, y), apply(m, x + w, y), apply(m, x + w, y + h), apply(m, x, y + h)]);
                }
            }
            "W" | "W*" => self.clip_pending = true,
            "S" | "s" | "B" | "B*" | "b" | "b*" | "f" | "F" | "f*" | "n" => self.paint_path(op.operator.as_str()),
            "BMC" => (self.marked.push(None), self.optional.push(Seen::Shown)).0,
            "BDC" => {
                self.marked.push(actual_text(o).map(|t| (t, self.runs.len())));
                self.optional.push(self.marked_optional(o, res));
            }
            "EMC" => {
                self.optional.pop();
                if let Some(Some((text, first))) = self.marked.pop() {
                    replace_by_actual_text(&mut self.runs, first, text);
                }
            }
            "BT" => (t.tm, t.tlm) = (IDENTITY, IDENTITY),
            "ET" => {
                if let Some(glyphs) = self.text_clip.take() {
                    let [a, b] = [[glyphs.left, glyphs.bottom], [glyphs.right, glyphs.top]];
                    self.paint.clip_to(&[a, b], false);
                }
            }
            "Tf" => {
                t.font = o.first().and_then(|n| n.as_name().ok()).map(<[u8]>::to_vec).unwrap_or_default();
                t.size = o.get(1).map_or(t.size, number);
            }
            "TL" => t.leading = o.first().map_or(0.0, number),
            "Tc" => t.char_space = o.first().map_or(0.0, number),
            "Tw" => t.word_space = o.first().map_or(0.0, number),
            "Tz" => t.scale = o.first().map_or(100.0, number) / 100.0,
            "Td" | "TD" => {
                if let Some([tx, ty]) = numbers::<2>(o) {
                    if op.operator == "TD" {
                        t.leading = -ty;
                    }
                    t.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &t.tlm);
                    t.tm = t.tlm;
                }
            }
            "Tm" => {
                if let Some(m) = numbers::<6>(o) {
                    (t.tm, t.tlm) = (m, m);
                }
            }
            "T*" => {
                t.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -t.leading], &t.tlm);
                t.tm = t.tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    t.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -t.leading], &t.tlm);
                    t.tm = t.tlm;
                }
                let Some(font) = res.font(&t.font) else { return Ok(()) };
                let items: Vec<&Object> = match o.last() {
                    Some(Object::Array(a)) if op.operator == "TJ" => a.iter().collect(),
                    Some(s) => vec![s],
                    None => return Ok(()),
                };
                self.show(font, &items);
            }
            _ => {}
        }
        Ok(())
    }
}
