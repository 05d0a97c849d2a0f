//! Which face draws what: the 通用规范汉字表 characters beyond GB2312 in the role's
//! own style, every other CJK ideograph in the one shared fallback.

use super::{FontSet, Role};

/// 通用规范汉字表 (2013), 8105 characters (see fonts/README.md for where the list is from).
fn tongyong() -> Vec<char> {
    include_str!("../../fonts/tongyong-8105.txt").lines().filter(|l| !l.starts_with('#')).flat_map(str::chars).collect()
}

/// The roles that set report text (page numbers are digits only).
const TEXT_ROLES: [Role; 5] = [Role::Title, Role::Heading, Role::Subheading, Role::Body, Role::Table];

fn face_name(set: &FontSet, role: Role, ch: char) -> String {
    set.resolve(role, ch).map_or_else(|| "（无）".to_string(), |id| set.face(id).name.clone())
}

#[test]
fn the_list_has_8105_characters() {
    let list = tongyong();
    assert_eq!(list.len(), 8105);
    assert_eq!(&list[..3], &['一', '乙', '二'], "in the list's own order");
    for c in ['埇', '堃', '喆', '镕', '𬌗'] {
        assert!(list.contains(&c), "{c}");
    }
}

#[test]
fn tongyong_characters_beyond_gb2312_keep_the_roles_style() {
    // Place and person names: 埇桥区, 堃, 喆, 镕, and more outside GB2312; 𬍤 is in Extension E.
    let set = FontSet::bundled();
    for c in "埇堃喆镕珺玥彧琇昇䶮𬍤".chars() {
        for role in [Role::Body, Role::Table, Role::PageNumber] {
            assert_eq!(face_name(set, role, c), "NotoSerifCJKsc-Tongyong", "{c} in {role:?}: a Song face");
        }
        assert_eq!(face_name(set, Role::Title, c), "NotoSerifCJKsc-Bold-Tongyong", "{c}: a bold Song face");
        assert_eq!(face_name(set, Role::Heading, c), "NotoSansCJKsc-Tongyong", "{c}: a Hei face");
        assert_eq!(face_name(set, Role::Subheading, c), "NianbaoKaiFallback-Regular", "{c}: a Kai face");
    }
}

#[test]
fn other_ideographs_share_one_fallback() {
    let set = FontSet::bundled();
    let list = tongyong();
    // Not in 通用规范汉字表: 丂 丄 (URO), 㐆 (Extension A), 𠀡 (Extension B), 兀 (compatibility).
    for c in ['丂', '丄', '\u{9F98}', '\u{3406}', '\u{4DB5}', '\u{20021}', '\u{F900}'] {
        assert!(!list.contains(&c), "{c}");
        for role in Role::ALL {
            assert_eq!(face_name(set, role, c), "NotoSerifCJKsc-Fallback", "{c} in {role:?}");
        }
    }
    // Every CJK Unified Ideograph and Extension A character beyond Fandol and 通用规范汉字表
    // that any bundled face has comes from that face (the newest Unicode 13–14 additions
    // U+4DB6–4DBF and U+9FEB–9FFF are not in it: they stay in the Kai file).
    let shared = set.chain(Role::Body)[2];
    let fandol = set.primary(Role::Body);
    for c in ('\u{3400}'..='\u{4DB5}').chain('\u{4E00}'..='\u{9FEA}') {
        if list.contains(&c) || set.face(fandol).has_glyph(c) {
            continue;
        }
        for role in TEXT_ROLES {
            assert_eq!(set.resolve(role, c), Some(shared), "U+{:04X} in {role:?}", c as u32);
        }
    }
}

#[test]
fn every_tongyong_character_renders_in_every_role() {
    let set = FontSet::bundled();
    for role in TEXT_ROLES {
        let missing: Vec<char> = tongyong().into_iter().filter(|&c| set.resolve(role, c).is_none()).collect();
        assert!(missing.is_empty(), "{role:?}: {} missing, e.g. {:?}", missing.len(), &missing[..missing.len().min(10)]);
    }
}

#[test]
fn what_the_old_kai_fallback_drew_still_renders() {
    // Kana, extended Latin, Greek and Cyrillic, full-width forms, the newest ideographs.
    let set = FontSet::bundled();
    for c in "あアヴĄŁőΆЁ＄㊣\u{9FEB}\u{9FFF}\u{4DBF}".chars() {
        for role in TEXT_ROLES {
            assert!(set.resolve(role, c).is_some(), "{c} in {role:?}");
        }
    }
}
