//! Deflate (zlib format, RFC 1950/1951) of the PDF's streams on two threads.
//!
//! One face's subset (the body text's, a few hundred KB) is most of a PDF and
//! alone took longer to deflate than everything else: streams are cut into pieces
//! of at most [`PIECE`] bytes, each piece deflated on its own (a full flush ends
//! every piece but the last on a byte boundary, so the pieces join into one
//! stream, as pigz does), and the pieces are shared between two threads.

use flate2::{Compress, Compression, FlushCompress, Status};

/// Deflate level: 6 (zlib's default) leaves the file within 0.1 % of level 9's
/// size (the font programs, most of the file, hardly compress) in less time.
pub const LEVEL: u32 = 6;
/// The longest piece deflated alone. A piece starts without the previous one's
/// 32 KB of history, which costs a few hundred bytes at most.
const PIECE: usize = 96 * 1024;

/// One input deflated in the zlib format on this thread (None: deflating failed).
pub fn deflate(input: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = Compress::new(Compression::new(LEVEL), false);
    let mut out = zlib_header();
    out.extend_from_slice(&raw_piece(&mut encoder, input, true)?);
    out.extend_from_slice(&adler32(input).to_be_bytes());
    Some(out)
}

/// Each input deflated in the zlib format, or None where deflating fails.
pub fn deflate_all(inputs: &[&[u8]]) -> Vec<Option<Vec<u8>>> {
    // (input, offset, last piece?) and its output, largest pieces first.
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let mut at = 0;
        loop {
            let end = (at + PIECE).min(input.len());
            pieces.push((i, at, end == input.len()));
            if end == input.len() {
                break;
            }
            at = end;
        }
    }
    let len = |&(i, at, _): &(usize, usize, bool)| (inputs[i].len() - at).min(PIECE);
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&p| std::cmp::Reverse(len(&pieces[p])));
    let (mut shares, mut loads): ([Vec<usize>; 2], [usize; 2]) = Default::default();
    for p in order {
        let lighter = usize::from(loads[1] < loads[0]);
        loads[lighter] += len(&pieces[p]);
        shares[lighter].push(p);
    }
    let run = |share: &[usize]| -> Vec<(usize, Option<Vec<u8>>)> {
        let mut encoder = Compress::new(Compression::new(LEVEL), false);
        share
            .iter()
            .map(|&p| {
                let (i, at, last) = pieces[p];
                (p, raw_piece(&mut encoder, &inputs[i][at..at + len(&pieces[p])], last))
            })
            .collect()
    };
    let [first, second] = &shares;
    let mut done: Vec<Option<Vec<u8>>> = vec![None; pieces.len()];
    std::thread::scope(|scope| {
        let other = scope.spawn(|| run(second));
        let mine = run(first);
        // A thread that failed leaves its pieces missing: their streams are None.
        for (p, piece) in mine.into_iter().chain(other.join().unwrap_or_default()) {
            done[p] = piece;
        }
    });
    let mut out: Vec<Option<Vec<u8>>> = inputs.iter().map(|_| Some(zlib_header())).collect();
    for (&(i, _, _), piece) in pieces.iter().zip(done) {
        out[i] = out[i].take().zip(piece).map(|(mut stream, piece)| {
            stream.extend_from_slice(&piece);
            stream
        });
    }
    for (stream, input) in out.iter_mut().zip(inputs) {
        if let Some(s) = stream {
            s.extend_from_slice(&adler32(input).to_be_bytes());
        }
    }
    out
}

/// One piece as raw deflate: ended by a full flush (byte-aligned, not final) or,
/// for the last piece, as the final block.
fn raw_piece(encoder: &mut Compress, input: &[u8], last: bool) -> Option<Vec<u8>> {
    encoder.reset();
    let flush = if last { FlushCompress::Finish } else { FlushCompress::Full };
    let mut out = Vec::with_capacity(input.len() + input.len() / 1000 + 64);
    loop {
        let status = encoder.compress_vec(&input[encoder.total_in() as usize..], &mut out, flush).ok()?;
        let room = out.len() < out.capacity();
        match status {
            Status::StreamEnd => return Some(out),
            _ if !last && room && encoder.total_in() as usize == input.len() => return Some(out),
            _ if !room => out.reserve(out.capacity() / 2 + 64),
            // No progress with room to spare.
            _ => return None,
        }
    }
}

/// The zlib header for [`LEVEL`]: deflate with a 32 KB window, FLEVEL, and the check bits.
fn zlib_header() -> Vec<u8> {
    let cmf: u8 = 0x78;
    let flevel: u8 = match LEVEL {
        0 | 1 => 0,
        2..=5 => 1,
        6 => 2,
        _ => 3,
    };
    let flg = flevel << 6;
    let check = 31 - ((u16::from(cmf) << 8 | u16::from(flg)) % 31) as u8;
    vec![cmf, flg | (check % 31)]
}

/// Adler-32 (RFC 1950 §8.2).
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    // The most bytes before the sums must be reduced (zlib's NMAX).
    const NMAX: usize = 5552;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(NMAX) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    b << 16 | a
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data).read_to_end(&mut out).expect("a valid zlib stream");
        out
    }

    #[test]
    fn pieces_join_into_one_valid_stream() {
        // Text-like, incompressible, empty, exactly one piece, and several pieces.
        let mut noise = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..(3 * PIECE + 17) {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 24) as u8);
        }
        let text: Vec<u8> = "政府信息公开工作年度报告 0123456789\n".repeat(20_000).into_bytes();
        let exact = vec![7u8; PIECE];
        let inputs: Vec<&[u8]> = vec![&noise, &text, b"", &exact, b"x"];
        let out = deflate_all(&inputs);
        for (input, stream) in inputs.iter().zip(&out) {
            let stream = stream.as_ref().expect("deflated");
            assert_eq!(&inflate(stream), input, "{} bytes", input.len());
            assert_eq!(&inflate(&deflate(input).expect("deflated alone")), input);
        }
        assert!(out[1].as_ref().unwrap().len() < text.len() / 20, "text still compresses across pieces");
    }

    #[test]
    fn the_checksum_and_header_are_zlibs() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(b""), 1);
        let long = vec![0xFFu8; 100_000];
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::new(LEVEL));
        std::io::Write::write_all(&mut z, &long).unwrap();
        let reference = z.finish().unwrap();
        assert_eq!(&reference[reference.len() - 4..], &adler32(&long).to_be_bytes());
        assert_eq!(&reference[..2], zlib_header().as_slice());
    }
}
