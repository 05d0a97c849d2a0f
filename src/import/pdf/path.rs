//! The path a page builds (`m`, `l`, `re`, …): its straight segments and thin
//! filled rectangles become the table's rules; its extent is what a clip
//! (`W n`) or a fill covers.

use super::Rule;
use super::visible::Rect;

/// The most rules kept on a page (a page of tables has a few hundred).
pub(super) const MAX_RULES: usize = 20_000;

/// The path being built: its straight segments in page space, and where the pen is.
#[derive(Default)]
pub(super) struct Path {
    pub segments: Vec<([f32; 2], [f32; 2])>,
    /// Thin rectangles (drawn filled, a rule as Word and WPS often draw one).
    pub thin: Vec<([f32; 2], [f32; 2])>,
    pub at: Option<[f32; 2]>,
    pub start: Option<[f32; 2]>,
    /// The path's extent, and whether it is one upright rectangle (`re`).
    pub extent: Option<Rect>,
    pub rectangles: usize,
    pub other: bool,
}

impl Path {
    /// The vertical and horizontal ones of `segments` as rules.
    pub fn rules(segments: &[([f32; 2], [f32; 2])], rules: &mut Vec<Rule>) {
        for (a, b) in segments {
            if rules.len() >= MAX_RULES {
                return;
            }
            for (vertical, across, along) in [(true, 0, 1), (false, 1, 0)] {
                if (a[across] - b[across]).abs() < 0.5 && (a[along] - b[along]).abs() > 1.0 {
                    let (at, from, to) = ((a[across] + b[across]) / 2.0, a[along].min(b[along]), a[along].max(b[along]));
                    rules.push(Rule { vertical, at, from, to });
                }
            }
        }
    }

    /// Takes in points the path passes through.
    pub fn reach(&mut self, points: &[[f32; 2]]) {
        let mut all: Vec<[f32; 2]> = points.to_vec();
        if let Some(e) = self.extent {
            all.extend([[e.left, e.bottom], [e.right, e.top]]);
        }
        self.extent = Rect::around(all);
    }

    /// The path's points, and whether it is one upright rectangle.
    pub fn area(&self) -> Option<([[f32; 2]; 2], bool)> {
        let e = self.extent?;
        Some(([[e.left, e.bottom], [e.right, e.top]], self.rectangles == 1 && !self.other))
    }

    /// Starts a new subpath at `p`.
    pub fn move_to(&mut self, p: [f32; 2]) {
        (self.at, self.start) = (Some(p), Some(p));
        self.reach(&[p]);
    }

    pub fn line_to(&mut self, p: [f32; 2]) {
        if let Some(from) = self.at
            && self.segments.len() < MAX_RULES
        {
            self.segments.push((from, p));
        }
        self.at = Some(p);
        self.other = true;
        self.reach(&[p]);
    }

    pub fn curve_to(&mut self, points: &[[f32; 2]]) {
        self.at = points.last().copied();
        self.other = true;
        self.reach(points);
    }

    pub fn close(&mut self) {
        if let (Some(from), Some(to)) = (self.at, self.start)
            && self.segments.len() < MAX_RULES
        {
            self.segments.push((from, to));
            self.at = Some(to);
        }
    }

    /// A rectangle, its corners in page space.
    pub fn rectangle(&mut self, corners: [[f32; 2]; 4]) {
        let (left, right) = (corners[0][0].min(corners[2][0]), corners[0][0].max(corners[2][0]));
        let (bottom, top) = (corners[0][1].min(corners[2][1]), corners[0][1].max(corners[2][1]));
        if self.thin.len() < MAX_RULES {
            let (mid_x, mid_y) = ((left + right) / 2.0, (bottom + top) / 2.0);
            if right - left <= 2.5 && top - bottom > right - left {
                self.thin.push(([mid_x, bottom], [mid_x, top]));
            } else if top - bottom <= 2.5 && right - left > top - bottom {
                self.thin.push(([left, mid_y], [right, mid_y]));
            }
        }
        if self.segments.len() < MAX_RULES {
            self.segments.extend((0..4).map(|k| (corners[k], corners[(k + 1) % 4])));
        }
        // Turned (not upright): its extent is more than it covers.
        let upright = (corners[0][0] - corners[3][0]).abs() < 0.01 || (corners[0][1] - corners[3][1]).abs() < 0.01;
        self.rectangles += 1;
        self.other |= !upright;
        (self.at, self.start) = (Some(corners[0]), Some(corners[0]));
        self.reach(&corners);
    }
}
