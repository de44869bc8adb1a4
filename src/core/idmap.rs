//! Maps keyed by question ids and answer paths, looked up many times for every answer
//! evaluated: hashed with foldhash, several times faster than the standard library's SipHash
//! on short keys, and seeded per map so that ids chosen to collide cannot be prepared in a
//! form ahead of time.

use std::collections::HashMap;

/// A hash map with foldhash's seeded hasher.
pub type IdMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
