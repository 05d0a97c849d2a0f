//! 落款日期 from a calendar. egui_extras' date picker would bring jiff and
//! speaks English only (Cancel/Save, month and weekday names); this one is in
//! Chinese, uses the `time` crate the app already has, and writes the date
//! the way the 落款 prints it: 2025年1月20日.

use egui::{Align, Layout, RichText, Ui};
use time::{Date, Month};

use crate::model::text::official_date;

/// `2025年1月20日` (or any form `model::text::official_date` reads: 2025-01-20,
/// full-width or spaced digits), if it is a real date.
pub fn parse(text: &str) -> Option<Date> {
    let digits = official_date(&text.replace(' ', ""));
    let (year, rest) = digits.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// The date as a 落款 prints it (`model::text::official_date`): 2025年1月20日.
pub fn format(date: Date) -> String {
    official_date(&date.to_string())
}

fn today() -> Date {
    crate::platform::local_time(std::time::SystemTime::now()).date()
}

/// The first day of the month before or after the one `first` begins.
fn step(first: Date, forward: bool) -> Date {
    let month = if forward { first.month().next() } else { first.month().previous() };
    let year = match (forward, first.month()) {
        (true, Month::December) => first.year() + 1,
        (false, Month::January) => first.year() - 1,
        _ => first.year(),
    };
    Date::from_calendar_date(year, month, 1).unwrap_or(first)
}

/// A 日历 button beside the date field: a month of days to click, 今天, and
/// the months before and after. Returns true when it set `text`.
pub fn calendar_button(ui: &mut Ui, text: &mut String) -> bool {
    let id = egui::Id::unique("nianbao-signature-calendar");
    let mut set = false;
    // Clicks inside (上月, 下月) keep the calendar open; a day or 今天 closes it.
    let config = egui::containers::menu::MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new("日历…").config(config).ui(ui, |ui| {
        let chosen = parse(text);
        let shown = ui.data(|d| d.get_temp::<Date>(id)).or(chosen).unwrap_or_else(today);
        let mut first = shown.replace_day(1).unwrap_or(shown);
        ui.horizontal(|ui| {
            if ui.button("上月").clicked() {
                first = step(first, false);
            }
            ui.label(RichText::new(format!("{}年{}月", first.year(), u8::from(first.month()))).strong());
            if ui.button("下月").clicked() {
                first = step(first, true);
            }
        });
        let size = egui::vec2(2.2 * ui.text_style_height(&egui::TextStyle::Body), ui.spacing().interact_size.y);
        egui::Grid::new(id.with("days")).spacing([2.0, 2.0]).show(ui, |ui| {
            for name in ["日", "一", "二", "三", "四", "五", "六"] {
                ui.allocate_ui_with_layout(size, Layout::top_down(Align::Center), |ui| ui.label(RichText::new(name).weak()));
            }
            ui.end_row();
            for _ in 0..first.weekday().number_days_from_sunday() {
                ui.allocate_space(size);
            }
            let mut day = first;
            while day.month() == first.month() {
                let button = egui::Button::selectable(Some(day) == chosen, day.day().to_string()).min_size(size);
                if ui.add(button).on_hover_text(format(day)).clicked() {
                    *text = format(day);
                    set = true;
                }
                if day.weekday() == time::Weekday::Saturday {
                    ui.end_row();
                }
                match day.next_day() {
                    Some(next) => day = next,
                    None => break,
                }
            }
        });
        if ui.button(format!("今天（{}）", format(today()))).clicked() {
            *text = format(today());
            set = true;
        }
        if set {
            ui.data_mut(|d| d.remove::<Date>(id));
            ui.close();
        } else {
            ui.data_mut(|d| d.insert_temp(id, first));
        }
    });
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_dates_read_and_written_as_printed() {
        let d = parse("2025年1月20日").unwrap();
        assert_eq!(d, Date::from_calendar_date(2025, Month::January, 20).unwrap());
        assert_eq!(format(d), "2025年1月20日");
        assert_eq!(parse("２０２５年 １月 ２０日"), Some(d));
        assert_eq!(parse("2025年2月30日"), None, "not a day");
        assert_eq!(parse("2025-01-20"), Some(d), "as the 落款 prints it (official_date)");
        assert_eq!(step(Date::from_calendar_date(2024, Month::December, 1).unwrap(), true), d.replace_day(1).unwrap());
        assert_eq!(format(step(d.replace_day(1).unwrap(), false)), "2024年12月1日");
    }
}
