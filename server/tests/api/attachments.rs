//! Evidence files of an application: PDF, JPG or PNG up to 10 MB, typed by their content, uploaded
//! by the applicant while the application is a draft (or returned), downloaded by whoever may see it.

use crate::helpers::{Auth, Session, TestApp, json, spawn_app_in_round, validation_fields};
use serde_json::Value;

/// yc.saishang's unit: 银川塞上机床制造有限公司, recommended by 银川市人社局 (`yc.bureau`).
const APPLICANT: &str = "yc.saishang";
const RECOMMENDER: &str = "yc.bureau";

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n";
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";
/// 10 MiB: the largest file accepted.
const MAX_BYTES: usize = 10 * 1024 * 1024;

fn code(response: &reqwest::Response) -> u16 {
    response.status().as_u16()
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = code(&response);
    (status, json(response).await)
}

/// A PDF of exactly `len` bytes.
fn pdf_of(len: usize) -> Vec<u8> {
    let mut bytes = PDF.to_vec();
    bytes.resize(len, b' ');
    bytes
}

/// Uploads `bytes` declared as `content_type` to `application` as `session`.
async fn upload(
    app: &TestApp,
    session: &Session,
    application: i64,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> reqwest::Response {
    app.upload_as(
        Auth::Session(session),
        application,
        ("skill_certificate", filename),
        Some(content_type),
        bytes.to_vec(),
    )
    .await
}

/// As [`upload`], asserting 201; returns the attachment's view.
async fn uploaded(
    app: &TestApp,
    session: &Session,
    application: i64,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> Value {
    let (status, view) =
        answer(upload(app, session, application, filename, content_type, bytes).await).await;
    assert_eq!(status, 201, "{filename} was refused: {view}");
    view
}

/// The attachments of `application` as `session` lists them, asserting 200.
async fn attachments(app: &TestApp, session: &Session, application: i64) -> Vec<Value> {
    let (status, list) = answer(
        app.get_as(
            session,
            &format!("/api/applications/{application}/attachments"),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    list.as_array().expect("not an array").clone()
}

fn attachment_id(view: &Value) -> i64 {
    view["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no id in {view}"))
}

/// The applicant's session and a draft of its unit.
async fn draft(app: &TestApp) -> (Session, i64) {
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let id = draft["id"].as_i64().expect("application id");
    (applicant, id)
}

#[tokio::test]
async fn pdf_png_and_jpeg_files_are_stored_and_listed() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;

    // Act
    let pdf = uploaded(
        &app,
        &applicant,
        application,
        "证书.pdf",
        "application/pdf",
        PDF,
    )
    .await;
    let png = app
        .upload_as(
            Auth::Session(&applicant),
            application,
            ("title", "职称.png"),
            Some("image/png"),
            PNG.to_vec(),
        )
        .await;
    let (png_status, png) = answer(png).await;
    let jpeg = app
        .upload_as(
            Auth::Session(&applicant),
            application,
            ("evidence", "现场.jpg"),
            Some("image/jpeg"),
            JPEG.to_vec(),
        )
        .await;
    let (jpeg_status, jpeg) = answer(jpeg).await;

    // Assert
    assert_eq!((png_status, jpeg_status), (201, 201), "{png} {jpeg}");
    let expected = [
        (&pdf, "skill_certificate", "证书.pdf", "pdf", PDF.len()),
        (&png, "title", "职称.png", "png", PNG.len()),
        (&jpeg, "evidence", "现场.jpg", "jpeg", JPEG.len()),
    ];
    for (view, kind, filename, file_type, size) in expected {
        assert_eq!(view["kind"], kind, "{view}");
        assert_eq!(view["filename"], filename, "{view}");
        assert_eq!(view["file_type"], file_type, "{view}");
        assert_eq!(
            view["size_bytes"].as_u64(),
            u64::try_from(size).ok(),
            "{view}"
        );
        assert_eq!(view["uploaded_by"], APPLICANT, "{view}");
        let sha = view["sha256"].as_str().unwrap_or_default();
        assert!(
            sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "{view}"
        );
    }
    assert_ne!(pdf["sha256"], png["sha256"]);
    assert_eq!(
        attachments(&app, &applicant, application).await,
        [pdf, png, jpeg]
    );
}

#[tokio::test]
async fn a_file_whose_content_is_not_its_declared_type_is_refused() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;
    let html: &[u8] = b"<html><script>alert(1)</script></html>";
    let cases: [(&str, &str, &[u8]); 5] = [
        ("证书.pdf", "application/pdf", PNG),
        ("证书.png", "image/png", PDF),
        ("证书.jpg", "image/jpeg", PNG),
        ("page.html", "text/html", html),
        ("证书.pdf", "application/pdf", b""),
    ];

    for (filename, content_type, bytes) in cases {
        // Act
        let response = upload(&app, &applicant, application, filename, content_type, bytes).await;

        // Assert
        assert_eq!(
            validation_fields(response).await,
            ["file"],
            "{filename} as {content_type}"
        );
    }
    let undeclared = app
        .upload_as(
            Auth::Session(&applicant),
            application,
            ("skill_certificate", "证书.pdf"),
            None,
            PDF.to_vec(),
        )
        .await;
    assert_eq!(validation_fields(undeclared).await, ["file"]);
    let bad_kind = app
        .upload_as(
            Auth::Session(&applicant),
            application,
            ("diploma", "证书.pdf"),
            Some("application/pdf"),
            PDF.to_vec(),
        )
        .await;
    assert_eq!(validation_fields(bad_kind).await, ["kind"]);
    assert_eq!(
        attachments(&app, &applicant, application).await,
        Vec::<Value>::new()
    );
}

#[tokio::test]
async fn a_file_of_10_mb_is_accepted_and_one_byte_more_is_refused() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;
    let largest = pdf_of(MAX_BYTES);

    // Act
    let accepted = uploaded(
        &app,
        &applicant,
        application,
        "大.pdf",
        "application/pdf",
        &largest,
    )
    .await;
    let too_large = upload(
        &app,
        &applicant,
        application,
        "太大.pdf",
        "application/pdf",
        &pdf_of(MAX_BYTES + 1),
    )
    .await;

    // Assert
    assert_eq!(
        accepted["size_bytes"].as_u64(),
        Some(10_485_760),
        "{accepted}"
    );
    assert_eq!(validation_fields(too_large).await, ["file"]);
    let listed = attachments(&app, &applicant, application).await;
    assert_eq!(listed, [accepted], "the oversized file was stored");
}

#[tokio::test]
async fn files_cannot_change_once_the_application_is_submitted() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let application = draft["id"].as_i64().expect("application id");
    let kept = uploaded(
        &app,
        &applicant,
        application,
        "证书.pdf",
        "application/pdf",
        PDF,
    )
    .await;
    app.submit(&applicant, &draft).await;

    // Act
    let (status, body) = answer(
        upload(
            &app,
            &applicant,
            application,
            "新.pdf",
            "application/pdf",
            PDF,
        )
        .await,
    )
    .await;
    let removed = app
        .delete_as(
            &applicant,
            &format!("/api/attachments/{}", attachment_id(&kept)),
        )
        .await;

    // Assert
    assert_eq!(status, 409, "{body}");
    assert_eq!(code(&removed), 409);
    assert_eq!(attachments(&app, &applicant, application).await, [kept]);
}

#[tokio::test]
async fn a_download_returns_the_same_bytes_as_an_attachment() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;
    let view = uploaded(
        &app,
        &applicant,
        application,
        "证书.pdf",
        "application/pdf",
        PDF,
    )
    .await;

    // Act
    let response = app
        .get_as(
            &applicant,
            &format!("/api/attachments/{}", attachment_id(&view)),
        )
        .await;

    // Assert
    assert_eq!(code(&response), 200);
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header(reqwest::header::CONTENT_TYPE), "application/pdf");
    let disposition = header(reqwest::header::CONTENT_DISPOSITION);
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''%E8%AF%81%E4%B9%A6.pdf"),
        "{disposition}"
    );
    assert_eq!(header(reqwest::header::CACHE_CONTROL), "private, no-store");
    let bytes = response.bytes().await.expect("no body");
    assert_eq!(&bytes[..], PDF);
}

#[tokio::test]
async fn another_units_applicant_finds_no_file() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;
    let view = uploaded(
        &app,
        &applicant,
        application,
        "证书.pdf",
        "application/pdf",
        PDF,
    )
    .await;
    let file = format!("/api/attachments/{}", attachment_id(&view));
    let other = app.login("gy.jigong").await;

    // Act
    let download = app.get_as(&other, &file).await;
    let list = app
        .get_as(
            &other,
            &format!("/api/applications/{application}/attachments"),
        )
        .await;
    let removed = app.delete_as(&other, &file).await;
    let added = upload(&app, &other, application, "x.pdf", "application/pdf", PDF).await;

    // Assert
    assert_eq!(
        [download, list, removed, added].map(|r| code(&r)),
        [404, 404, 404, 404]
    );
    assert_eq!(attachments(&app, &applicant, application).await, [view]);
    // A draft is the applicant's own: not even its channel sees its files yet.
    let recommender = app.login(RECOMMENDER).await;
    assert_eq!(code(&app.get_as(&recommender, &file).await), 404);
}

#[tokio::test]
async fn the_channel_and_hrss_download_files_of_a_submitted_application() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let applicant = app.login(APPLICANT).await;
    let draft = app.draft(&applicant, "enterprise").await;
    let application = draft["id"].as_i64().expect("application id");
    let view = uploaded(&app, &applicant, application, "证书.png", "image/png", PNG).await;
    app.submit(&applicant, &draft).await;
    let file = format!("/api/attachments/{}", attachment_id(&view));

    for (who, expected) in [
        (RECOMMENDER, 200),
        ("hrss", 200),
        ("gy.bureau", 404),
        ("expert.zhang", 404),
    ] {
        let session = app.login(who).await;

        // Act
        let response = app.get_as(&session, &file).await;

        // Assert
        assert_eq!(code(&response), expected, "{who}");
        if expected == 200 {
            let bytes = response.bytes().await.expect("no body");
            assert_eq!(&bytes[..], PNG, "{who}");
        }
    }
    let recommender = app.login(RECOMMENDER).await;
    assert_eq!(
        attachments(&app, &recommender, application).await,
        std::slice::from_ref(&view)
    );
    assert_eq!(code(&app.delete_as(&recommender, &file).await), 403);
    let added = upload(
        &app,
        &recommender,
        application,
        "x.pdf",
        "application/pdf",
        PDF,
    )
    .await;
    assert_eq!(code(&added), 403);
    assert_eq!(attachments(&app, &applicant, application).await, [view]);
}

#[tokio::test]
async fn a_deleted_file_is_gone() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;
    let gone = uploaded(
        &app,
        &applicant,
        application,
        "旧.pdf",
        "application/pdf",
        PDF,
    )
    .await;
    let kept = uploaded(&app, &applicant, application, "新.png", "image/png", PNG).await;
    let file = format!("/api/attachments/{}", attachment_id(&gone));

    // Act
    let removed = app.delete_as(&applicant, &file).await;

    // Assert
    assert_eq!(code(&removed), 204);
    assert_eq!(attachments(&app, &applicant, application).await, [kept]);
    assert_eq!(code(&app.get_as(&applicant, &file).await), 404);
    assert_eq!(code(&app.delete_as(&applicant, &file).await), 404);
}

#[tokio::test]
async fn a_filename_loses_its_path() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;

    // Act
    let unix = uploaded(
        &app,
        &applicant,
        application,
        "../../etc/passwd",
        "application/pdf",
        PDF,
    )
    .await;
    let windows = uploaded(
        &app,
        &applicant,
        application,
        "C:\\证件\\证书.pdf",
        "application/pdf",
        PDF,
    )
    .await;

    // Assert
    assert_eq!(unix["filename"], "passwd", "{unix}");
    assert_eq!(windows["filename"], "证书.pdf", "{windows}");
    let response = app
        .get_as(
            &applicant,
            &format!("/api/attachments/{}", attachment_id(&unix)),
        )
        .await;
    let disposition = response
        .headers()
        .get(reqwest::header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        disposition.ends_with("filename*=UTF-8''passwd"),
        "{disposition}"
    );
    assert!(!disposition.contains(".."), "{disposition}");
}

#[tokio::test]
async fn an_upload_needs_the_session_and_its_csrf_token() {
    // Arrange
    let (app, _clock) = spawn_app_in_round().await;
    let (applicant, application) = draft(&app).await;
    let send = |auth| {
        app.upload_as(
            auth,
            application,
            ("skill_certificate", "证书.pdf"),
            Some("application/pdf"),
            PDF.to_vec(),
        )
    };

    // Act
    let anonymous = send(Auth::Anonymous).await;
    let without = send(Auth::WithoutCsrf(&applicant)).await;
    let wrong = send(Auth::WithCsrf(&applicant, "not-the-token")).await;

    // Assert
    assert_eq!(
        [anonymous, without, wrong].map(|r| code(&r)),
        [401, 403, 403]
    );
    assert_eq!(
        attachments(&app, &applicant, application).await,
        Vec::<Value>::new()
    );
}
