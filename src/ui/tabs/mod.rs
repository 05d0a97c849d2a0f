//! One module per tab. Each draws its part of the report and edits it in place.

pub mod applications;
pub mod basic;
pub mod checks;
pub mod date;
pub mod disclosure;
pub mod grid;
pub mod other;
pub mod overview;
pub mod preview;
pub mod problems;
pub mod reviews;

use crate::model::check::{Location, Table};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    Basic,
    Overview,
    Disclosure,
    Applications,
    Reviews,
    Problems,
    Other,
    Checks,
    Preview,
}

impl Tab {
    pub const ALL: [Tab; 9] = [
        Tab::Basic,
        Tab::Overview,
        Tab::Disclosure,
        Tab::Applications,
        Tab::Reviews,
        Tab::Problems,
        Tab::Other,
        Tab::Checks,
        Tab::Preview,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Basic => "基本信息",
            Tab::Overview => "一、总体情况",
            Tab::Disclosure => "二、主动公开",
            Tab::Applications => "三、依申请公开",
            Tab::Reviews => "四、复议诉讼",
            Tab::Problems => "五、问题及改进",
            Tab::Other => "六、其他事项",
            Tab::Checks => "校验结果",
            Tab::Preview => "预览",
        }
    }

    /// The report part the tab edits (0 = 基本信息, 1–6 = 一…六).
    pub fn part(self) -> Option<usize> {
        match self {
            Tab::Basic => Some(0),
            Tab::Overview => Some(1),
            Tab::Disclosure => Some(2),
            Tab::Applications => Some(3),
            Tab::Reviews => Some(4),
            Tab::Problems => Some(5),
            Tab::Other => Some(6),
            Tab::Checks | Tab::Preview => None,
        }
    }

    /// The tab that shows a finding's location.
    pub fn of(location: &Location) -> Tab {
        match location {
            Location::Cells(cells) => match cells.first().map(|c| c.table) {
                Some(Table::Disclosure) => Tab::Disclosure,
                Some(Table::Reviews) => Tab::Reviews,
                _ => Tab::Applications,
            },
            Location::Field(_) | Location::Quote(..) => Tab::ALL[location.part()],
        }
    }
}
