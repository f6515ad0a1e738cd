//! Product photos for 1-bit printers: decoded (JPEG or PNG), scaled to fit a box, and dithered
//! (Floyd–Steinberg), so a thermal printer prints grey as a pattern of dots instead of a black blob.

use crate::error::LabelError;
use crate::raster::Bitmap;
use image::imageops::FilterType;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// Pictures dithered lately, by (hash of the file, box): a batch prints the same product photo
/// on card after card, and decoding + dithering it is most of a card's drawing time.
type Cached = (u64, u32, u32, Bitmap);
static RECENT: Mutex<Vec<Cached>> = Mutex::new(Vec::new());
const RECENT_MAX: usize = 8;

/// Decodes `bytes` and returns a bitmap no larger than `max_w × max_h`, aspect ratio kept.
pub(crate) fn dithered(bytes: &[u8], max_w: u32, max_h: u32) -> Result<Bitmap, LabelError> {
    let key = {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        h.finish()
    };
    let lock = || RECENT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((.., bmp)) = lock()
        .iter()
        .find(|(k, w, h, _)| (*k, *w, *h) == (key, max_w, max_h))
    {
        return Ok(bmp.clone());
    }
    let bmp = dither(bytes, max_w, max_h)?;
    let mut recent = lock();
    if recent.len() >= RECENT_MAX {
        recent.remove(0);
    }
    recent.push((key, max_w, max_h, bmp.clone()));
    Ok(bmp)
}

fn dither(bytes: &[u8], max_w: u32, max_h: u32) -> Result<Bitmap, LabelError> {
    let img = image::load_from_memory(bytes).map_err(|e| LabelError::Image(e.to_string()))?;
    let gray = img
        .resize(max_w.max(1), max_h.max(1), FilterType::Triangle)
        .to_luma8();
    let (w, h) = gray.dimensions();
    let mut level: Vec<f32> = gray.pixels().map(|p| f32::from(p.0[0])).collect();
    let mut bmp = Bitmap::new(w, h);
    let (wi, hi) = (w as usize, h as usize);
    for y in 0..hi {
        for x in 0..wi {
            let i = y * wi + x;
            let old = level[i];
            let new = if old < 128.0 { 0.0 } else { 255.0 };
            if new == 0.0 {
                bmp.set(x as u32, y as u32);
            }
            let err = old - new;
            let mut spread = |dx: isize, dy: usize, f: f32| {
                let nx = x as isize + dx;
                if nx >= 0 && (nx as usize) < wi && y + dy < hi {
                    level[(y + dy) * wi + nx as usize] += err * f;
                }
            };
            spread(1, 0, 7.0 / 16.0);
            spread(-1, 1, 3.0 / 16.0);
            spread(0, 1, 5.0 / 16.0);
            spread(1, 1, 1.0 / 16.0);
        }
    }
    Ok(bmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Vec<u8> {
        let img = image::GrayImage::from_fn(w, h, |x, y| image::Luma([f(x, y)]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn grey_becomes_about_half_ink_and_the_box_is_respected() {
        let bmp = dithered(&png(200, 100, |_, _| 128), 100, 100).unwrap();
        assert_eq!((bmp.width, bmp.height), (100, 50), "aspect ratio kept");
        let share = bmp.ink() as f32 / (100.0 * 50.0);
        assert!((0.4..0.6).contains(&share), "{share}");
        let black = dithered(&png(10, 10, |_, _| 0), 10, 10).unwrap();
        assert_eq!(black.ink(), 100);
        let white = dithered(&png(10, 10, |_, _| 255), 10, 10).unwrap();
        assert_eq!(white.ink(), 0);
    }

    #[test]
    fn garbage_is_an_image_error() {
        let err = dithered(b"not an image", 10, 10).unwrap_err();
        assert_eq!(err.code(), "LABEL_IMAGE_INVALID");
    }
}
