//! The standard opening paragraph (前言), generated from 基本信息.

use super::report::Report;
use super::template::TemplateId;

/// Who compiled the report, on what basis, its six parts, the 统计期限, and where to ask.
pub fn standard_preamble(r: &Report) -> String {
    let agency = r.agency.trim();
    let format_name = match r.template {
        TemplateId::V2021 => "《中华人民共和国政府信息公开工作年度报告格式》",
        TemplateId::V2019 => "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    };
    let y = r.year;
    let c = &r.contact;
    let contacts: Vec<String> = [("地址", &c.address), ("邮编", &c.postcode), ("电话", &c.phone), ("电子邮箱", &c.email)]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}：{}", v.trim()))
        .collect();
    let contacts = if contacts.is_empty() { String::new() } else { format!("（{}）", contacts.join("；")) };
    // 「某县人民政府办公室」 with 负责科室 「办公室」: the office is the agency itself.
    let department = c.department.trim();
    let department = if agency.ends_with(department) { "" } else { department };
    format!(
        "本报告由{agency}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{format_name}要求编制。\
         全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、\
         存在的主要问题及改进情况、其他需要报告的事项六个部分。\
         本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。\
         如对本报告有任何疑问，请与{agency}{department}联系{contacts}。"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_agency_period_and_contacts() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某县统计局");
        r.contact.department = "办公室".into();
        r.contact.phone = "0533-1234567".into();
        r.contact.email = "tjj@example.gov.cn".into();
        let p = standard_preamble(&r);
        assert!(p.starts_with("本报告由某县统计局根据《中华人民共和国政府信息公开条例》"));
        assert!(p.contains("统计期限自2024年1月1日起至2024年12月31日止"));
        assert!(p.ends_with("请与某县统计局办公室联系（电话：0533-1234567；电子邮箱：tjj@example.gov.cn）。"));
        assert!(!p.contains("地址"), "empty contact items are left out");
    }

    #[test]
    fn an_office_that_is_the_agency_is_not_named_twice() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某县人民政府办公室");
        r.contact.department = "办公室".into();
        assert!(standard_preamble(&r).ends_with("请与某县人民政府办公室联系。"));
    }

    #[test]
    fn without_contacts_the_sentence_still_reads() {
        let r = Report::new(TemplateId::V2019, 2020, "某局");
        assert!(standard_preamble(&r).ends_with("请与某局联系。"));
        assert!(standard_preamble(&r).contains("（试行）"));
    }
}
