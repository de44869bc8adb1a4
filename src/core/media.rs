//! Photos, recordings and clips taken as answers: which files each kind takes, how large one
//! may be, and the check of an attached file. A file travels inside its answer, base64 in the
//! submission itself, so every save, bundle, backup and merge carries it with the answers and
//! no file can be left behind or go out without the answer that names it.

use crate::core::schema::Kind;

/// The longest side of a photo as it is kept, in pixels: a phone's photo is made this small
/// (as JPEG) before it is stored, which keeps it legible and its file near 100–300 KB.
pub const PHOTO_SIDE: u32 = 1280;
/// The JPEG quality a photo is kept at, from 0 to 1.
pub const PHOTO_QUALITY: f64 = 0.8;

/// The media types a kind takes (`image/`, `audio/`, `video/`), or `None` for a kind that is
/// not a file.
pub fn family(kind: &Kind) -> Option<&'static str> {
    match kind {
        Kind::Photo => Some("image/"),
        Kind::Audio => Some("audio/"),
        Kind::Video => Some("video/"),
        _ => None,
    }
}

/// The largest file a kind takes, in bytes: a photo as kept (after it is made smaller), a
/// recording of about two minutes, a clip of a few seconds. Every save of a submission
/// writes its files again, so they are kept small.
pub fn limit(kind: &Kind) -> Option<usize> {
    match kind {
        Kind::Photo => Some(1 << 20),
        Kind::Audio => Some(2 << 20),
        Kind::Video => Some(4 << 20),
        _ => None,
    }
}

/// The number of bytes base64 `data` decodes to.
pub fn size(data: &str) -> usize {
    let padding = data.bytes().rev().take_while(|b| *b == b'=').count().min(2);
    (data.len() / 4 * 3).saturating_sub(padding)
}

/// What is wrong with a file attached to a question of `kind`.
#[derive(Debug, Clone, PartialEq)]
pub enum FileProblem {
    /// Not a file of the kind's family, or not base64.
    NotOfKind,
    /// Larger than the kind's limit (in bytes).
    TooLarge(usize),
}

/// Checks a file attached to a question of `kind`: its media type is of the kind's family,
/// its data is base64, and it is within the kind's limit.
pub fn check(kind: &Kind, media_type: &str, data: &str) -> Result<(), FileProblem> {
    let (Some(family), Some(limit)) = (family(kind), limit(kind)) else {
        return Err(FileProblem::NotOfKind);
    };
    let base64 = data.len().is_multiple_of(4)
        && data.trim_end_matches('=').len() + 2 >= data.len()
        && data
            .trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
    let typed = media_type.len() > family.len()
        && media_type.starts_with(family)
        && media_type
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/.+-".contains(&b));
    if !(base64 && typed && !data.is_empty()) {
        Err(FileProblem::NotOfKind)
    } else if size(data) > limit {
        Err(FileProblem::TooLarge(limit))
    } else {
        Ok(())
    }
}

/// Splits a `data:` URL as the browser gives it (`data:image/jpeg;base64,…`) into its media
/// type, without parameters (`audio/webm;codecs=opus` is `audio/webm`), and its base64 data;
/// `None` for any other text.
pub fn from_data_url(url: &str) -> Option<(String, String)> {
    let (head, data) = url.strip_prefix("data:")?.split_once(',')?;
    let media_type = head.strip_suffix(";base64")?.split(';').next()?.trim();
    Some((media_type.to_ascii_lowercase(), data.to_string()))
}

/// The `data:` URL a page shows the file from.
pub fn data_url(media_type: &str, data: &str) -> String {
    format!("data:{media_type};base64,{data}")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_the_kind_within_its_limit_passes() {
        assert_eq!(check(&Kind::Photo, "image/jpeg", "/9j/4AAQ"), Ok(()));
        assert_eq!(check(&Kind::Audio, "audio/webm", "GkXfow=="), Ok(()));
        assert_eq!(check(&Kind::Video, "video/mp4", "AAAAIGZ0eXA="), Ok(()));
    }

    #[test]
    fn another_family_bad_base64_or_too_large_is_refused() {
        assert_eq!(
            check(&Kind::Photo, "audio/webm", "GkXfow=="),
            Err(FileProblem::NotOfKind)
        );
        assert_eq!(
            check(&Kind::Photo, "image/", "/9j/4AAQ"),
            Err(FileProblem::NotOfKind)
        );
        for data in ["", "abc", "ab!d", "a===", "<scr"] {
            assert_eq!(
                check(&Kind::Photo, "image/png", data),
                Err(FileProblem::NotOfKind),
                "{data}"
            );
        }
        assert_eq!(
            check(&Kind::Text, "image/png", "AAAA"),
            Err(FileProblem::NotOfKind)
        );
        let big = "A".repeat((1 << 20) / 3 * 4 + 4);
        assert_eq!(
            check(&Kind::Photo, "image/png", &big),
            Err(FileProblem::TooLarge(1 << 20))
        );
        assert_eq!(check(&Kind::Audio, "audio/ogg", &big), Ok(()));
    }

    #[test]
    fn the_size_is_what_the_data_decodes_to() {
        assert_eq!(size(""), 0);
        assert_eq!(size("AAAA"), 3);
        assert_eq!(size("AAA="), 2);
        assert_eq!(size("AA=="), 1);
    }

    #[test]
    fn a_data_url_splits_into_type_and_data_and_back() {
        let (media_type, data) = from_data_url("data:image/JPEG;base64,/9j/4AAQ").unwrap();
        assert_eq!(
            (media_type.as_str(), data.as_str()),
            ("image/jpeg", "/9j/4AAQ")
        );
        assert_eq!(
            data_url(&media_type, &data),
            "data:image/jpeg;base64,/9j/4AAQ"
        );
        assert_eq!(
            from_data_url("data:audio/webm;codecs=opus;base64,GkXfow=="),
            Some(("audio/webm".into(), "GkXfow==".into())),
            "a recording's codec is not part of its media type"
        );
        assert_eq!(from_data_url("data:text/plain,hello"), None);
        assert_eq!(from_data_url("https://example.org/a.jpg"), None);
    }
}
