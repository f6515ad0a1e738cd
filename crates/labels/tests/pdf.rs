//! The PDF checked with poppler and zbar, as a person or an office printer would see it:
//! `pdftotext` (text and masking), `pdftoppm` + `zbarimg` (barcodes scan), `pdffonts` (embedding),
//! `pdfinfo` (page size). A missing tool fails the test with an install hint; it never skips.

#[path = "support/sample.rs"]
mod sample;

use packdesk_labels::{LabelError, MaskRule, Waybill, pdf};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs an external tool, failing loudly if it is not installed or exits non-zero.
fn run(tool: &str, package: &str, args: &[&str], files: &[&Path]) -> String {
    let out = Command::new(tool)
        .args(args)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "`{tool}` could not be run ({e}); install the `{package}` package to run this test"
            )
        });
    assert!(
        out.status.success(),
        "{tool} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

/// Three waybills with distinct recipients.
fn three() -> Vec<Waybill> {
    let mut wbs = sample::batch(3);
    let people = [
        (
            "홍길동",
            "01012345678",
            "010-1234-****",
            "홍*동",
            "123456789012",
        ),
        (
            "남궁민수",
            "01198765432",
            "011-9876-****",
            "남**수",
            "600000000007",
        ),
        (
            "이설",
            "050412345678",
            "0504-1234-****",
            "이*",
            "600000000014",
        ),
    ];
    for (wb, (name, mobile, _, _, tracking)) in wbs.iter_mut().zip(people) {
        wb.recipient.name = name.into();
        wb.recipient.mobile = mobile.into();
        wb.recipient.phone.clear();
        wb.tracking_no = tracking.into();
        wb.message = format!("{name}님 {mobile}로 연락 주세요");
    }
    wbs
}

struct Rendered {
    _dir: tempfile::TempDir,
    pdf: PathBuf,
    bytes: usize,
}

fn render(wbs: &[Waybill]) -> Rendered {
    let bytes = pdf::render(wbs, MaskRule::default()).expect("pdf renders");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("labels.pdf");
    std::fs::write(&path, &bytes).expect("write pdf");
    Rendered {
        _dir: dir,
        pdf: path,
        bytes: bytes.len(),
    }
}

#[test]
fn text_shows_masked_recipients_and_never_the_real_ones() {
    let wbs = three();
    let r = render(&wbs);
    let text = run(
        "pdftotext",
        "poppler-utils",
        &["-layout"],
        &[&r.pdf, Path::new("-")],
    );
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages.len() >= 3, "three pages of text");
    let people = [
        (
            "홍길동",
            "01012345678",
            "010-1234-5678",
            "010-1234-****",
            "홍*동",
            "1234-5678-9012",
        ),
        (
            "남궁민수",
            "01198765432",
            "011-9876-5432",
            "011-9876-****",
            "남**수",
            "6000-0000-0007",
        ),
        (
            "이설",
            "050412345678",
            "0504-1234-5678",
            "0504-1234-****",
            "이*",
            "6000-0000-0014",
        ),
    ];
    for (page, (name, digits, formatted, masked_phone, masked_name, tracking)) in
        pages.iter().zip(people)
    {
        assert!(page.contains(masked_name), "{masked_name} missing:\n{page}");
        assert!(
            page.contains(masked_phone),
            "{masked_phone} missing:\n{page}"
        );
        assert!(page.contains(tracking), "{tracking} missing:\n{page}");
        assert!(page.contains("4W44-4g"), "sort code missing:\n{page}");
        // Korean round-trips through the embedded subset (ToUnicode).
        assert!(page.contains("테헤란로"), "address missing:\n{page}");
        assert!(
            page.contains("패크데스크 스토어"),
            "sender missing:\n{page}"
        );
        assert!(
            page.contains("02-1234-5678"),
            "sender phone missing:\n{page}"
        );
        for secret in [name, digits, formatted] {
            assert!(!text.contains(secret), "{secret} is printed:\n{text}");
        }
    }
    // The PDF bytes themselves (compressed or not) must not carry the names as literal text.
    let raw = std::fs::read(&r.pdf).unwrap();
    assert!(!raw.windows(11).any(|w| w == b"01012345678"));
}

#[test]
fn every_page_scans_to_its_own_tracking_number() {
    let wbs = three();
    let r = render(&wbs);
    let dir = r.pdf.parent().unwrap();
    let prefix = dir.join("page");
    run(
        "pdftoppm",
        "poppler-utils",
        &["-r", "300", "-png"],
        &[&r.pdf, &prefix],
    );
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pngs.sort();
    assert_eq!(pngs.len(), 3, "one image per page: {pngs:?}");
    for (png, wb) in pngs.iter().zip(&wbs) {
        let decoded = run("zbarimg", "zbar-tools", &["--raw", "-q"], &[png]);
        let codes: Vec<&str> = decoded.lines().collect();
        assert!(
            codes.contains(&wb.tracking_no.as_str()),
            "{} not decoded from {}: {codes:?}",
            wb.tracking_no,
            png.display()
        );
        assert!(
            codes.contains(&"4W44-4g"),
            "sort code not decoded: {codes:?}"
        );
        for other in wbs.iter().filter(|o| o.tracking_no != wb.tracking_no) {
            assert!(!codes.contains(&other.tracking_no.as_str()), "{codes:?}");
        }
    }
}

#[test]
fn nanum_gothic_is_embedded_as_a_subset() {
    let r = render(&three());
    let fonts = run("pdffonts", "poppler-utils", &[], &[&r.pdf]);
    let nanum: Vec<&str> = fonts
        .lines()
        .filter(|l| l.contains("NanumGothic"))
        .collect();
    assert_eq!(nanum.len(), 2, "regular and bold:\n{fonts}");
    for line in nanum {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type… encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb/sub/uni:\n{fonts}"
        );
        assert!(cols[0].contains('+'), "subset tag on the name: {line}");
    }
    // A full NanumGothic is 4.7 MB; three labels with two subsets stay small.
    assert!(r.bytes < 150_000, "{} bytes for three labels", r.bytes);
}

#[test]
fn pages_are_123_by_100_mm() {
    let r = render(&three());
    let info = run("pdfinfo", "poppler-utils", &[], &[&r.pdf]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 3")),
        "{info}"
    );
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("page size line");
    // 123 mm = 348.661 pt, 100 mm = 283.465 pt
    let dims: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(dims.len(), 2, "{size}");
    assert!((dims[0] - 348.661).abs() < 0.01, "{size}");
    assert!((dims[1] - 283.465).abs() < 0.01, "{size}");
}

#[test]
fn no_waybills_is_an_error_with_a_code() {
    let err = pdf::render(&[], MaskRule::default()).unwrap_err();
    assert!(matches!(err, LabelError::Empty));
    assert_eq!(err.code(), "LABEL_EMPTY");
    assert!(!err.message_ko().is_empty());
}

/// A warranty card's photo is one image in the PDF, shared by every page that shows it, and it
/// prints where the raster preview puts it: the rendered page has ink in the picture's box.
#[test]
fn a_picture_is_one_shared_image_and_prints_in_its_box() {
    use packdesk_labels::template::{Template, TemplateId, render_document};
    let (id, data) = packdesk_labels::samples::all()
        .into_iter()
        .find(|(t, _)| *t == TemplateId::WarrantyCard)
        .unwrap();
    let t = Template::builtin(id).unwrap();
    let doc = render_document(&t, &data).unwrap();
    let docs = vec![doc.clone(), doc.clone(), doc];
    let pdf = packdesk_labels::pdf::render_documents(&docs, "보증서").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cards.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let list = run("pdfimages", "poppler-utils", &["-list"], &[&path]);
    let images: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(images.len(), 3, "one placement per page: {list}");
    // pdfimages lists the object number in column 11: the same object on every page.
    let objects: std::collections::BTreeSet<&str> = images
        .iter()
        .filter_map(|l| l.split_whitespace().nth(10))
        .collect();
    assert_eq!(objects.len(), 1, "shared, not copied: {list}");
    assert!(
        pdf.len() < 200_000,
        "three cards with one photo stay small: {} bytes",
        pdf.len()
    );
}
