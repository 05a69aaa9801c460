//! Account usage (`/v1/accounts/usage`, `endDate` excluded) and usage analytics
//! (`/v1/accounts/usage-analytics`, both dates included). The numbers are fixed per day of the
//! range, so they are plausible and stable; the dates are checked as the API documents.

use super::ctx::{bad, Ctx, HandlerResult};
use crate::http::Response;
use crate::util::parse_iso8601;
use serde_json::{json, Value};

const DAY_MS: i64 = 86_400_000;

/// `startDate` and `endDate` as `YYYY-MM-DD` → epoch ms (presence is checked by the table).
fn dates(ctx: &Ctx<'_, '_>) -> Result<(String, String, i64, i64), Response> {
    let get = |k: &str| -> Result<(String, i64), Response> {
        let v = ctx.query(k).unwrap_or("").trim().to_string();
        match parse_iso8601(&v) {
            Some(ms) if v.len() == 10 => Ok((v, ms)),
            _ => Err(bad(format!(
                "Your request contains invalid {k} parameter. It should be in YYYY-MM-DD format."
            ))),
        }
    };
    let (s, start) = get("startDate")?;
    let (e, end) = get("endDate")?;
    Ok((s, e, start, end))
}

/// `GET /v1/accounts/usage?startDate=&endDate=`: start before end, less than 90 days apart.
pub(crate) fn usage(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let (_, _, start, end) = dates(ctx)?;
    if end <= start {
        return Err(bad("The startDate should be before the endDate."));
    }
    let days = (end - start) / DAY_MS;
    if days >= 90 {
        return Err(bad(
            "The difference between startDate and endDate should be less than 90 days.",
        ));
    }
    Ok(Response::json(
        200,
        &json!({
            "bandwidthBytes": 21_474_836_480u64 / 30 * days as u64,
            "mediaLibraryStorageBytes": 5_368_709_120u64,
            "videoProcessingUnitsCount": 120 * days,
            "extensionUnitsCount": 40 * days,
            "originalCacheStorageBytes": 1_073_741_824u64,
        }),
    ))
}

fn entries(names: &[&str], bytes: u64, requests: u64) -> Value {
    let list: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"name": n, "bandwidthBytes": bytes >> i, "requestCount": requests >> i}))
        .collect();
    Value::Array(list)
}

fn group(names: &[&str], bytes: u64, requests: u64) -> Value {
    json!({"byBandwidth": entries(names, bytes, requests), "byRequests": entries(names, bytes, requests)})
}

/// `GET /v1/accounts/usage-analytics?startDate=&endDate=`: both included, less than 90 days apart.
pub(crate) fn usage_analytics(ctx: &mut Ctx<'_, '_>) -> HandlerResult {
    let (s, e, start, end) = dates(ctx)?;
    if end < start {
        return Err(bad("The startDate should not be after the endDate."));
    }
    let days = (end - start) / DAY_MS + 1;
    if days > 90 {
        return Err(bad(
            "The difference between startDate and endDate should be less than 90 days.",
        ));
    }
    let d = days as u64;
    let (bytes, requests) = (700_000_000 * d, 120_000 * d);
    let mut country = group(&["United States", "India", "Germany"], bytes / 2, requests / 2);
    for k in ["byBandwidth", "byRequests"] {
        for (i, code) in ["US", "IN", "DE"].into_iter().enumerate() {
            country[k][i]["code"] = code.into();
        }
    }
    Ok(Response::json(
        200,
        &json!({
            "startDate": s,
            "endDate": e,
            "generatedAt": super::ctx::now_iso(),
            "bandwidthBytes": bytes,
            "requestCount": requests,
            "cache": {"hitCount": requests * 9 / 10, "missCount": requests / 10 - 12 * d, "errorCount": 12 * d},
            "statusCodes": [
                {"name": "200", "requestCount": requests - 1500 * d},
                {"name": "304", "requestCount": 1200 * d},
                {"name": "404", "requestCount": 300 * d},
            ],
            "errorReasons": [{"name": "File not found", "requestCount": 300 * d}],
            "top404Assets": [{"name": "/old/banner.jpg", "requestCount": 200 * d}, {"name": "/favicon.png", "requestCount": 100 * d}],
            "extensions": [{"name": "remove-bg", "operationCount": 3 * d}, {"name": "google-auto-tagging", "operationCount": 11 * d}],
            "videoProcessing": [{"codec": "h264", "resolution": "1080p", "durationSeconds": 420 * d}],
            "browser": group(&["Chrome", "Safari", "Firefox"], bytes / 2, requests / 2),
            "country": country,
            "device": group(&["Desktop", "Mobile", "Tablet"], bytes / 2, requests / 2),
            "format": group(&["webp", "avif", "jpg"], bytes / 2, requests / 2),
            "topImages": group(&["/products/shoe.jpg", "/banner.png"], bytes / 4, requests / 4),
            "topImageTransforms": group(&["w-400,h-300", "n-thumbnail"], bytes / 4, requests / 4),
            "topOtherAssets": group(&["/docs/guide.pdf"], bytes / 8, requests / 8),
            "topReferrers": group(&["https://www.example.com/"], bytes / 2, requests / 2),
            "topUserAgents": group(&["Mozilla/5.0"], bytes / 2, requests / 2),
            "topVideos": group(&["/videos/intro.mp4"], bytes / 4, requests / 16),
            "topVideoTransforms": group(&["tr:w-720"], bytes / 8, requests / 32),
            "urlEndpoints": group(&["https://ik.imagekit.io/mock"], bytes, requests),
        }),
    ))
}
