//! crosscheck.toml: any text is read without a panic, and whatever reads as a config comes back
//! the same through the editor's JSON settings (the same keys) and, entry by entry, through the
//! `[[ignore]]` tables the "Ignore" code action appends to the file.

#![no_main]

use crosscheck::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(config) = Config::parse(text) else { return };
    // Through JSON: the editor's settings are the same structure, camelCase.
    let json = serde_json::to_value(&config).expect("a config serialises");
    let again = Config::from_json(&json).unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
    assert_eq!(again, config, "through JSON {json}");
    // Each ignore entry, as the code action appends it, reads back as itself.
    for ignore in &config.ignore {
        let appended = ignore.to_toml();
        let read = Config::parse(&appended).unwrap_or_else(|e| panic!("{appended:?} does not read back: {e}"));
        assert_eq!(read.ignore, vec![ignore.clone()], "through {appended:?}");
        // Appended after the file itself, as the code action does.
        let whole = format!("{text}{appended}");
        if let Ok(both) = Config::parse(&whole) {
            assert_eq!(both.ignore.last(), Some(ignore), "appended to the file: {whole:?}");
        }
    }
});
