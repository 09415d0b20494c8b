use super::*;

const W: usize = 90;
const H: usize = 60;

/// A `W`×`H` RGBA picture of `paper` with a `w`×`h` block of `ink` at (x, y).
fn picture(paper: [u8; 4], ink: [u8; 4], (x, y, w, h): (usize, usize, usize, usize)) -> Vec<u8> {
    let mut rgba = Vec::with_capacity(W * H * 4);
    for row in 0..H {
        for col in 0..W {
            let inside = (x..x + w).contains(&col) && (y..y + h).contains(&row);
            rgba.extend_from_slice(if inside { &ink } else { &paper });
        }
    }
    rgba
}

/// Centre of mass (x, y) in index coordinates, and the ink's extent (width, height): along each
/// axis the darkest value of each column (row) is its coverage, and coverages add up to a length.
fn centre_and_box(digit: &[u8]) -> ((f32, f32), (f32, f32)) {
    let at = |x: usize, y: usize| f32::from(digit[y * 28 + x]);
    let (mut mass, mut mx, mut my) = (0.0, 0.0, 0.0);
    for (x, y) in (0..28).flat_map(|y| (0..28).map(move |x| (x, y))) {
        mass += at(x, y);
        mx += at(x, y) * x as f32;
        my += at(x, y) * y as f32;
    }
    let cover = |line: &dyn Fn(usize) -> f32| (0..28).map(line).fold(0.0, f32::max) / 255.0;
    let w: f32 = (0..28).map(|x| cover(&|y| at(x, y))).sum();
    let h: f32 = (0..28).map(|y| cover(&|x| at(x, y))).sum();
    ((mx / mass, my / mass), (w, h))
}

/// Whether an extent is `want` pixels, give or take a rounded byte per pixel.
fn near(got: f32, want: f32) -> bool {
    (got - want).abs() < 0.1
}

const WHITE: [u8; 4] = [255, 255, 255, 255];
const BLACK: [u8; 4] = [0, 0, 0, 255];

#[test]
fn should_make_a_dark_stroke_on_white_paper_a_centred_white_on_black_digit() {
    // A tall block off to one side: 10 × 40 px becomes 5 × 20, its mass at (14, 14).
    let digit = prepare(&picture(WHITE, [20, 30, 40, 255], (5, 10, 10, 40)), W, H).unwrap();
    assert_eq!(digit.len(), 784);
    let ((cx, cy), (bw, bh)) = centre_and_box(&digit);
    assert!(
        (cx - 14.0).abs() < 0.5 && (cy - 14.0).abs() < 0.5,
        "({cx}, {cy})"
    );
    assert!(near(bw, 5.0) && near(bh, 20.0), "{bw} x {bh}");
    // The background is black, the ink white, as in MNIST.
    assert_eq!(digit[0], 0);
    assert_eq!(digit[14 * 28 + 14], 255);
}

#[test]
fn should_read_light_ink_on_dark_paper_the_same_way() {
    let dark_paper = prepare(&picture(BLACK, WHITE, (5, 10, 10, 40)), W, H).unwrap();
    let light_paper = prepare(&picture(WHITE, BLACK, (5, 10, 10, 40)), W, H).unwrap();
    assert_eq!(dark_paper, light_paper);
}

#[test]
fn should_take_grey_paper_and_faint_grain_as_background() {
    // A photo of paper: grey 200 with grain of ±10, ink of 60. The grain stays out of the box.
    let mut rgba = picture([200, 200, 200, 255], [60, 60, 60, 255], (40, 5, 20, 50));
    for (i, p) in rgba.chunks_exact_mut(4).enumerate() {
        if p[0] == 200 {
            let grain = (i * 7919 % 21) as u8;
            p[..3].fill(190 + grain);
        }
    }
    let ((cx, cy), (bw, bh)) = centre_and_box(&prepare(&rgba, W, H).unwrap());
    assert!(
        (cx - 14.0).abs() < 0.5 && (cy - 14.0).abs() < 0.5,
        "({cx}, {cy})"
    );
    assert!(near(bw, 8.0) && near(bh, 20.0), "{bw} x {bh}");
}

#[test]
fn should_lay_transparent_pixels_on_the_contrasting_background() {
    let clear = [0, 0, 0, 0];
    let dark_on_clear = prepare(&picture(clear, BLACK, (5, 10, 10, 40)), W, H).unwrap();
    let light_on_clear = prepare(&picture(clear, WHITE, (5, 10, 10, 40)), W, H).unwrap();
    let reference = prepare(&picture(WHITE, BLACK, (5, 10, 10, 40)), W, H).unwrap();
    assert_eq!(dark_on_clear, reference);
    assert_eq!(light_on_clear, reference);
}

#[test]
fn should_refuse_a_blank_or_nearly_flat_picture() {
    assert_eq!(
        prepare(&picture(WHITE, WHITE, (0, 0, 1, 1)), W, H),
        Err(ImageProblem::Blank)
    );
    let faint = [250, 250, 250, 255];
    assert_eq!(
        prepare(&picture(WHITE, faint, (5, 5, 20, 20)), W, H),
        Err(ImageProblem::Blank)
    );
    assert_eq!(
        prepare(&picture([0; 4], [0; 4], (0, 0, 1, 1)), W, H),
        Err(ImageProblem::Blank)
    );
}

#[test]
fn should_refuse_pixels_that_do_not_match_their_size() {
    let bad = |w: usize, h: usize, len: usize| {
        prepare(&vec![0; len], w, h)
            == Err(ImageProblem::BadRaster {
                width: w,
                height: h,
                len,
            })
    };
    assert!(bad(10, 10, 399));
    assert!(bad(0, 10, 0));
    assert!(bad(RASTER_SIDE + 1, 1, (RASTER_SIDE + 1) * 4));
    assert!(bad(usize::MAX, 2, 16));
}

#[test]
fn should_tell_png_and_jpeg_by_their_first_bytes_and_read_their_size() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&640u32.to_be_bytes());
    png.extend_from_slice(&480u32.to_be_bytes());
    assert_eq!(sniff(&png), Ok((Format::Png, 640, 480)));
    // SOI, an APP0 segment of 16 bytes, fill bytes, then SOF0: precision, height 300, width 200.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    jpeg.extend_from_slice(&[0; 14]);
    jpeg.extend_from_slice(&[0xFF, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x00, 0xC8]);
    assert_eq!(sniff(&jpeg), Ok((Format::Jpeg, 200, 300)));
    assert_eq!(sniff(b"hello, I am text"), Err(ImageProblem::NotImage));
    assert_eq!(sniff(&png[..20]), Err(ImageProblem::Damaged));
    assert_eq!(sniff(&jpeg[..12]), Err(ImageProblem::Damaged));
    let mut bomb = png[..16].to_vec();
    bomb.extend_from_slice(&[0, 1, 0, 0, 0, 1, 0, 0]);
    assert_eq!(
        sniff(&bomb),
        Err(ImageProblem::TooLarge {
            width: 65536,
            height: 65536,
            max: MAX_SOURCE_PIXELS
        })
    );
}

#[test]
fn should_count_a_prepared_set_and_refuse_one_too_many() {
    assert_eq!(check_digits(&vec![0; 3 * 784]), Ok(3));
    assert!(matches!(
        check_digits(&[0; 785]),
        Err(ImageProblem::BadRaster { .. })
    ));
    assert_eq!(
        check_digits(&vec![0; (MAX_IMAGES + 1) * 784]),
        Err(ImageProblem::TooMany { max: MAX_IMAGES })
    );
}

#[test]
fn should_draw_a_large_picture_at_most_raster_side_keeping_its_aspect() {
    // 4000 × 3000 → 112 × 84 (3000 · 112 / 4000 = 84).
    assert_eq!(raster_size(4000, 3000), (112, 84));
    // A strip keeps at least a pixel: 10000 × 10 → 112 × 1 (0.112 rounds to 0, then 1).
    assert_eq!(raster_size(10_000, 10), (112, 1));
    // Small pictures are drawn as they are.
    assert_eq!(raster_size(28, 40), (28, 40));
    assert_eq!(raster_size(0, 5), (1, 5));
}
