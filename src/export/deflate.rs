//! Deflate (zlib format, RFC 1950/1951) of the PDF's streams on several threads.
//!
//! One face's font program (the body text's, a few hundred KB) is most of a PDF
//! and alone took longer to deflate than everything else: streams are cut into
//! pieces of at most [`PIECE`] bytes, each piece deflated on its own with the
//! 32 KB before it as its dictionary (a full flush ends every piece but the last
//! on a byte boundary, so the pieces join into one stream the size of one made in
//! one go, as pigz does), and any thread can take the next piece of a stream
//! another thread started.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use flate2::{Compress, Compression, FlushCompress, Status};

/// Deflate level: 6 (zlib's default) leaves the file within 0.1 % of level 9's
/// size (the font programs, most of the file, hardly compress) in less time.
pub const LEVEL: u32 = 6;
/// The longest piece deflated alone.
const PIECE: usize = 64 * 1024;
/// Deflate's window: how far back a piece may refer (RFC 1951 §2).
const WINDOW: usize = 32 * 1024;

/// Inputs deflated in pieces by every thread that calls [`Pieces::work`], the
/// longest pieces first: a thread done with its own work joins in on a stream
/// another thread is still deflating.
pub struct Pieces<T> {
    inputs: Vec<T>,
    /// (input, offset, length, last piece of its input?), longest first.
    pieces: Vec<(usize, usize, usize, bool)>,
    /// The next piece to start.
    next: AtomicUsize,
    /// Each piece's raw deflate, once done (None: not done, or deflating failed).
    done: Mutex<Vec<Option<Vec<u8>>>>,
}

impl<T: AsRef<[u8]>> Pieces<T> {
    pub fn new(inputs: Vec<T>) -> Self {
        let mut pieces = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            let len = input.as_ref().len();
            let mut at = 0;
            loop {
                let end = (at + PIECE).min(len);
                pieces.push((i, at, end - at, end == len));
                if end == len {
                    break;
                }
                at = end;
            }
        }
        pieces.sort_by_key(|&(_, _, len, _)| std::cmp::Reverse(len));
        let done = Mutex::new(vec![None; pieces.len()]);
        Pieces { inputs, pieces, next: AtomicUsize::new(0), done }
    }

    /// Deflates pieces on this thread until none is left to start.
    pub fn work(&self) {
        let mut encoder = Compress::new(Compression::new(LEVEL), false);
        loop {
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(&(i, at, len, last)) = self.pieces.get(n) else { return };
            let input = self.inputs[i].as_ref();
            let piece = raw_piece(&mut encoder, &input[at.saturating_sub(WINDOW)..at], &input[at..at + len], last);
            self.done.lock().unwrap_or_else(|e| e.into_inner())[n] = piece;
        }
    }

    /// Each input with its zlib stream, or None where a piece failed or was not
    /// deflated (call once every thread's `work` has returned).
    pub fn finish(self) -> Vec<(T, Option<Vec<u8>>)> {
        let done = self.done.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut streams: Vec<Option<Vec<u8>>> = self.inputs.iter().map(|_| Some(zlib_header())).collect();
        let mut order: Vec<_> = self.pieces.iter().zip(done).collect();
        order.sort_by_key(|((i, at, _, _), _)| (*i, *at));
        for (&(i, _, _, _), piece) in order {
            streams[i] = streams[i].take().zip(piece).map(|(mut stream, piece)| {
                stream.extend_from_slice(&piece);
                stream
            });
        }
        self.inputs
            .into_iter()
            .zip(streams)
            .map(|(input, stream)| {
                let stream = stream.map(|mut s| {
                    s.extend_from_slice(&adler32(input.as_ref()).to_be_bytes());
                    s
                });
                (input, stream)
            })
            .collect()
    }
}

/// Each input deflated in the zlib format on this thread and one more, or None
/// where deflating fails.
pub fn deflate_all(inputs: &[&[u8]]) -> Vec<Option<Vec<u8>>> {
    let pieces = Pieces::new(inputs.to_vec());
    std::thread::scope(|scope| {
        let other = scope.spawn(|| pieces.work());
        pieces.work();
        // A thread that failed leaves its pieces missing: their streams are None.
        let _ = other.join();
    });
    pieces.finish().into_iter().map(|(_, stream)| stream).collect()
}

/// One piece as raw deflate: ended by a full flush (byte-aligned, not final) or,
/// for the last piece, as the final block. `before`, the input's bytes just ahead
/// of the piece, primes the window, so the piece may refer back to them as one
/// whole stream would (the inflater has them in its window too).
fn raw_piece(encoder: &mut Compress, before: &[u8], input: &[u8], last: bool) -> Option<Vec<u8>> {
    encoder.reset();
    if !before.is_empty() {
        encoder.set_dictionary(before).ok()?;
    }
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
        }
        assert!(out[1].as_ref().unwrap().len() < text.len() / 20, "text still compresses across pieces");
    }

    #[test]
    fn a_stream_one_thread_started_is_finished_by_whoever_joins_in() {
        let text: Vec<u8> = "第二十条 行政机关应当依照本条例规定 ".repeat(30_000).into_bytes();
        let pieces = std::sync::Arc::new(Pieces::new(vec![text.clone()]));
        assert!(pieces.pieces.len() > 4);
        let started = std::sync::Arc::clone(&pieces);
        let first = std::thread::spawn(move || started.work());
        pieces.work();
        first.join().unwrap();
        let [(input, stream)] = std::sync::Arc::into_inner(pieces).unwrap().finish().try_into().unwrap();
        assert_eq!(inflate(&stream.expect("deflated")), input);
        // A stream no thread worked on is missing, not an empty stream.
        let [(_, stream)] = Pieces::new(vec![&text[..10]]).finish().try_into().unwrap();
        assert!(stream.is_none());
    }

    #[test]
    fn pieces_cost_hardly_more_than_one_stream() {
        // A 20 KB block of noise repeated: each piece can only be made small by
        // referring back across its start into the piece before.
        let mut x: u32 = 7;
        let block: Vec<u8> = (0..20_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 24) as u8
            })
            .collect();
        let data = block.repeat(16);
        let pieces = Pieces::new(vec![&data[..]]);
        pieces.work();
        let [(_, stream)] = pieces.finish().try_into().unwrap();
        let stream = stream.expect("deflated");
        assert_eq!(inflate(&stream), data);
        let mut one = flate2::write::ZlibEncoder::new(Vec::new(), Compression::new(LEVEL));
        std::io::Write::write_all(&mut one, &data).unwrap();
        let one = one.finish().unwrap();
        assert!(stream.len() <= one.len() + 64 * data.len().div_ceil(PIECE), "{} bytes, one stream {}", stream.len(), one.len());
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
