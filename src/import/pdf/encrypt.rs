//! Encrypted PDFs whose trailer holds the /Encrypt dictionary itself rather
//! than a reference to it (PyMuPDF writes them so). lopdf only follows a
//! reference, and without one loads such a file as an empty document — which
//! would be reported as damaged. The dictionary is moved into an object of its
//! own by an incremental update (appended, so no offset in the file changes),
//! and the file is loaded again: an empty user password then opens it as
//! lopdf opens any other encrypted file, and a real password is told as one.

use lopdf::{Dictionary, Object};

/// The file with its inline /Encrypt dictionary moved into an object of its
/// own, or `None` when the trailer has no inline one (or the file's end
/// cannot be found).
pub(super) fn with_encrypt_object(bytes: &[u8], trailer: &Dictionary, max_id: u32) -> Option<Vec<u8>> {
    let Ok(Object::Dictionary(encrypt)) = trailer.get(b"Encrypt") else { return None };
    let last_xref = last_startxref(bytes)?;
    let size = trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0).max(i64::from(max_id) + 1);
    let id = u32::try_from(size).ok()?;
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let object_at = out.len();
    out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
    write(&Object::Dictionary(encrypt.clone()), &mut out);
    out.extend_from_slice(b"\nendobj\n");
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 1\n0000000000 65535 f \n{id} 1\n{object_at:010} 00000 n \ntrailer\n").as_bytes());
    let mut new_trailer = trailer.clone();
    new_trailer.set("Encrypt", Object::Reference((id, 0)));
    new_trailer.set("Size", Object::Integer(i64::from(id) + 1));
    new_trailer.set("Prev", Object::Integer(last_xref as i64));
    new_trailer.remove(b"XRefStm");
    write(&Object::Dictionary(new_trailer), &mut out);
    out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    Some(out)
}

/// The offset after the file's last `startxref`.
fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let digits: String =
        tail[at + 9..].iter().map(|&b| b as char).skip_while(|c| c.is_whitespace()).take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// An object in PDF syntax (strings as hex, so no byte needs escaping).
fn write(o: &Object, out: &mut Vec<u8>) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format!("{r:.6}").as_bytes()),
        Object::Name(n) => {
            out.push(b'/');
            for &b in n {
                if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+') {
                    out.push(b);
                } else {
                    out.extend_from_slice(format!("#{b:02X}").as_bytes());
                }
            }
        }
        Object::String(s, _) => {
            out.push(b'<');
            for b in s {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for item in items {
                write(item, out);
                out.push(b' ');
            }
            out.push(b']');
        }
        Object::Dictionary(d) => {
            out.extend_from_slice(b"<<");
            for (key, value) in d.iter() {
                write(&Object::Name(key.clone()), out);
                out.push(b' ');
                write(value, out);
                out.push(b' ');
            }
            out.extend_from_slice(b">>");
        }
        Object::Reference((n, g)) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
        // Streams never stand in a trailer or an /Encrypt dictionary.
        Object::Stream(_) => out.extend_from_slice(b"null"),
    }
}

#[cfg(test)]
mod tests {
    use lopdf::{Document, EncryptionState, EncryptionVersion, Object, Permissions};

    /// A one-page PDF saying `text`, encrypted (RC4, 128 bits) with `user` as
    /// its open password, the /Encrypt dictionary written into the trailer.
    fn encrypted_inline(text: &str, user: &str) -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let content = format!("BT /F1 12 Tf 50 700 Td ({text}) Tj ET");
        crate::import::pdf::test_pdf::one_page(&mut doc, crate::import::pdf::test_pdf::helvetica(), content.as_bytes());
        doc.trailer.set("ID", vec![Object::string_literal(vec![3u8; 16]), Object::string_literal(vec![3u8; 16])]);
        let version = EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::all(),
        };
        let state = EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let Ok(Object::Reference(id)) = doc.trailer.get(b"Encrypt").cloned() else { panic!("no /Encrypt") };
        let dict = Object::Dictionary(doc.get_dictionary(id).unwrap().clone());
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        // The trailer's reference replaced by the dictionary itself (after the xref: no offset moves).
        let at = bytes.windows(7).rposition(|w| w == b"trailer").unwrap();
        let reference = format!("/Encrypt {} {} R", id.0, id.1);
        let tail = String::from_utf8_lossy(&bytes[at..]).into_owned();
        assert!(tail.contains(&reference), "{tail}");
        let mut inline = b"/Encrypt ".to_vec();
        super::write(&dict, &mut inline);
        let tail = tail.replace(&reference, &String::from_utf8(inline).unwrap());
        bytes.truncate(at);
        bytes.extend_from_slice(tail.as_bytes());
        bytes
    }

    #[test]
    fn an_encrypt_dictionary_inside_the_trailer_is_told_or_opened_not_called_damaged() {
        let text = "Annual report on government information disclosure";
        // No open password (only an owner's): read as any other PDF.
        let read = crate::import::pdf::from_bytes(&encrypted_inline(text, "")).unwrap();
        assert!(read.text.contains(text), "{}", read.text);
        // An open password: said to be encrypted.
        let e = crate::import::pdf::from_bytes(&encrypted_inline(text, "secret")).unwrap_err().0;
        assert!(e.contains("PDF 已加密") && !e.contains("损坏"), "{e}");
    }
}
