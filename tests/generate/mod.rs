//! Reports generated from a seed for the layout property tests: text lengths
//! that push every element across every page position, long and short agency
//! names, 署名 and dates of every length, rare characters, numbers of 0 to 10
//! digits, both formats.

use nianbao::model::Report;
use nianbao::model::decimal::Decimal;
use nianbao::model::file;
use nianbao::model::template::TemplateId;

pub fn example(name: &str) -> Report {
    file::load(std::path::Path::new(&format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR")))).unwrap()
}

/// splitmix64: small, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const PLACES: [&str; 8] = ["青山", "埇桥区", "苍南县", "喆城市", "北京市", "内蒙古自治区", "锡林郭勒盟", "东城区"];
const ORGS: [&str; 10] = [
    "人民政府",
    "办公室",
    "市场监督管理局",
    "经济技术开发区管理委员会",
    "政务服务和大数据管理局",
    "街道办事处",
    "卫生健康委员会",
    "公安局交通警察支队",
    "片区管理委员会",
    "统计局",
];
/// Pieces of body text: plain Chinese, punctuation that 避头尾 moves, numbers,
/// Latin words, rare characters of names.
const PIECES: [&str; 14] = [
    "全面推进政务公开标准化规范化建设",
    "，",
    "。",
    "、",
    "“放管服”改革",
    "（以下简称《条例》）",
    "共计1276条",
    "网址https://www.example.gov.cn/xxgk/index.html",
    "埇桥区张堃、李喆、王镕",
    "——",
    "……",
    "0571-88886000",
    "Email: tjj@example.gov.cn ",
    "严格落实公开属性源头认定和保密审查制度",
];

/// At least `least` and fewer than `least + spread` characters of body text.
pub fn text(rng: &mut Rng, least: usize, spread: usize) -> String {
    let chars = least + rng.below(spread);
    let mut s = String::new();
    while s.chars().count() < chars {
        s.push_str(rng.pick(&PIECES));
    }
    s
}

fn paragraphs(rng: &mut Rng, max_paragraphs: usize, max_chars: usize) -> String {
    let n = rng.below(max_paragraphs + 1);
    (0..n).map(|_| text(rng, 1, max_chars)).collect::<Vec<_>>().join("\n")
}

fn agency(rng: &mut Rng) -> String {
    let mut s = String::new();
    let parts = 1 + if rng.chance(20) { rng.below(8) } else { rng.below(2) };
    for _ in 0..parts {
        s.push_str(rng.pick(&PLACES));
        s.push_str(rng.pick(&ORGS));
    }
    s
}

fn digits(rng: &mut Rng) -> i64 {
    let n = if rng.chance(70) { rng.below(3) } else { rng.below(11) };
    if n == 0 { 0 } else { 10i64.pow(n as u32 - 1) + (rng.next() % (9 * 10u64.pow(n as u32 - 1))) as i64 }
}

pub fn report(seed: u64) -> Report {
    let mut rng = Rng(seed);
    let template = if rng.chance(50) { TemplateId::V2021 } else { TemplateId::V2019 };
    let mut r = Report::new(template, 2019 + rng.below(8) as i32, &agency(&mut rng));
    r.preamble = paragraphs(&mut rng, 3, 400);
    r.overview.lead = paragraphs(&mut rng, 2, 200);
    for s in r.overview.sections.iter_mut() {
        if rng.chance(70) {
            let keep = if rng.chance(10) { 60 } else { 12 };
            s.title = text(&mut rng, 4, 20).chars().take(keep).collect();
            s.body = paragraphs(&mut rng, 3, 300);
        }
    }
    for s in r.problems.iter_mut() {
        s.body = paragraphs(&mut rng, 3, 300);
    }
    r.other_matters = paragraphs(&mut rng, 4, 150);
    if rng.chance(80) {
        r.signature.unit = if rng.chance(30) { text(&mut rng, 1, 60) } else { agency(&mut rng) };
        r.signature.date = match rng.below(4) {
            0 => String::new(),
            1 => "2025-01-20".into(),
            2 => format!("{}年{}月{}日", 2020 + rng.below(7), 1 + rng.below(12), 1 + rng.below(31)),
            _ => text(&mut rng, 1, 40),
        };
    }
    let dense = rng.chance(30);
    for row in r.applications.iter_mut() {
        for cell in row.iter_mut() {
            if dense || rng.chance(50) {
                *cell = Some(digits(&mut rng));
            }
        }
    }
    for cell in r.reviews.iter_mut() {
        *cell = Some(digits(&mut rng));
    }
    for row in r.disclosure.iter_mut() {
        for cell in row.iter_mut() {
            *cell = Some(Decimal::from_int(digits(&mut rng)));
        }
    }
    r
}
