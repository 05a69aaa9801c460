//! The pagination walker (`walk_pages`, under `ik_assets_list_each` / `_all`) fed by a scripted
//! list server. The input picks the page size, the starting `skip`, how the server treats `skip`
//! and the pages it sends (its items, short pages, garbage). Checked beyond "no panic":
//! - the walk always ends: every full page but the last brings an item not seen before, so it
//!   makes at most (distinct items + 1) requests;
//! - `skip` never wraps: each request's skip is the previous one plus the items received;
//! - a server that honours `skip` over a finite list is walked to its end, every item once, in
//!   order, as the text it sent.
#![no_main]

use imagekit_core::api::pages::walk_pages;
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

/// How the scripted server answers.
enum Mode {
    /// Items `skip..skip+limit` of a finite list.
    Honours,
    /// The scripted pages in turn, whatever `skip` says (repeats, rotations, garbage).
    Script,
    /// The list rotated by the request number, ignoring `skip`.
    Rotates,
}

fn item(id: u8) -> String {
    format!(r#"{{"fileId":"f{id}","n":{id}}}"#)
}

fuzz_target!(|data: &[u8]| {
    let [limit, start, mode, rest @ ..] = data else { return };
    let limit = u64::from(limit % 8) + 1;
    let start = match start % 4 {
        0 => 0,
        1 => u64::from(*start),
        2 => u64::MAX - u64::from(start % 16),
        _ => u64::MAX / 2,
    };
    let mode = match mode % 3 {
        0 => Mode::Honours,
        1 => Mode::Script,
        _ => Mode::Rotates,
    };
    // The list: item ids from the input (a few bytes also turn into raw pages in Script mode).
    let list: Vec<u8> = rest.iter().copied().take(64).collect();
    let distinct = list.iter().collect::<HashSet<_>>().len() as u64;
    let scripted: Vec<String> = rest
        .split(|&b| b == 0xff)
        .map(|chunk| match chunk.first() {
            Some(0xfe) => String::from_utf8_lossy(&chunk[1..]).into_owned(), // raw text, maybe not JSON
            _ => format!("[{}]", chunk.iter().map(|&b| item(b)).collect::<Vec<_>>().join(",")),
        })
        .collect();

    let mut requests: Vec<u64> = Vec::new();
    let mut got: Vec<String> = Vec::new();
    let mut fetch = |skip: u64, l: u64| {
        assert_eq!(l, limit);
        if let Some(&prev) = requests.last() {
            assert!(skip > prev, "skip went from {prev} to {skip}");
        }
        requests.push(skip);
        assert!(
            requests.len() as u64 <= distinct + scripted.len() as u64 + 2,
            "the walk does not end"
        );
        let n = requests.len() - 1;
        Ok(match mode {
            Mode::Honours => {
                let from = (skip - start) as usize;
                let page: Vec<String> = list.iter().skip(from).take(limit as usize).map(|&b| item(b)).collect();
                format!("[{}]", page.join(","))
            }
            Mode::Script => scripted.get(n).cloned().unwrap_or_else(|| "[]".into()),
            Mode::Rotates => {
                let page: Vec<String> = (0..limit as usize)
                    .filter_map(|k| list.get((n + k) % list.len().max(1)).map(|&b| item(b)))
                    .collect();
                format!("[{}]", page.join(","))
            }
        })
    };
    let result = walk_pages("fuzz", start, limit, &mut fetch, &mut |_, items| {
        got.extend(items.iter().map(|i| i.get().to_string()));
        true
    });
    let requests_made = requests.len() as u64;
    match (&mode, &result) {
        (Mode::Honours, Ok(walk)) => {
            let all_distinct = distinct == list.len() as u64;
            if all_distinct {
                let want: Vec<String> = list.iter().map(|&b| item(b)).collect();
                assert_eq!(got, want);
                assert_eq!(walk.items, list.len() as u64);
            }
        }
        (_, Ok(_)) => {}
        (_, Err(e)) => assert!(!e.message.is_empty()),
    }
    // Every full page but the last had a new item: at most one request per distinct item seen,
    // plus the final one.
    let seen: HashSet<&String> = got.iter().collect();
    assert!(
        requests_made <= seen.len() as u64 + 2,
        "{requests_made} requests for {} distinct items",
        seen.len()
    );
});
