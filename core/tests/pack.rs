//! The packed form holds exactly what `load` returned: the same dataset (hence the same report),
//! problems and file outcomes; a damaged pack, or one of another version, is refused, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use uptrend_core::load::{load, snapshot_paths, FileOutcome, FileStatus, Loaded, LoadedFile};
use uptrend_core::model::{
    Budgeting, Change, Counts, DeployStatus, Deployment, Id, Incident, Review, Service, SliSeries, SloData,
    SloDefinition,
};
use uptrend_core::pack::{decode, encode, Decoder, PackError, Packed, SourceStamp, WRITER_VERSION};
use uptrend_core::problem::Problem;
use uptrend_core::report::{self, ReportOptions};

const DEMO_MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/index.json");

fn demo_loaded() -> Loaded {
    let manifest = std::fs::read(DEMO_MANIFEST).unwrap();
    let files = snapshot_paths(DEMO_MANIFEST, &manifest)
        .unwrap()
        .into_iter()
        .map(|path| LoadedFile { content: Ok(std::fs::read(&path).unwrap()), path })
        .collect();
    load(DEMO_MANIFEST, &manifest, files)
}

fn stamps() -> Vec<SourceStamp> {
    vec![SourceStamp { path: "snapshots/a.json".into(), bytes: 12, hash: "xxh3:00ff".into() }]
}

#[test]
fn the_demo_data_comes_back_whole_and_reports_the_same() {
    let loaded = demo_loaded();
    assert!(!loaded.dataset.slos.is_empty() && !loaded.dataset.deployments.is_empty());
    let snapshots = vec!["snapshots/one.json".to_owned()];
    let packed = decode(&encode(&loaded, &snapshots, &stamps())).unwrap();
    assert_eq!(packed.loaded, loaded);
    assert_eq!(packed.snapshots, snapshots);
    assert_eq!(packed.sources, stamps());
    let report_of = |loaded: &Loaded| {
        serde_json::to_string(&report::build(&loaded.dataset, ReportOptions::default()).unwrap()).unwrap()
    };
    assert_eq!(report_of(&packed.loaded), report_of(&loaded));
}

#[test]
fn problems_and_file_outcomes_come_back() {
    let mut loaded = demo_loaded();
    loaded.problems =
        vec![Problem::error("a.json", "slos[0]", "bad").at_line(3, 4), Problem::warning("b.json", "", "odd")];
    loaded.files = vec![
        FileOutcome { path: "a.json".into(), status: FileStatus::LeftOut },
        FileOutcome { path: "b.json".into(), status: FileStatus::Missing },
    ];
    let packed = decode(&encode(&loaded, &[], &[])).unwrap();
    assert_eq!(packed.loaded.problems, loaded.problems);
    assert_eq!(packed.loaded.files, loaded.files);
}

#[test]
fn every_truncation_is_refused() {
    let bytes = encode(&demo_loaded(), &[], &[]);
    // Every cut in the header, 500 cuts spread over the rest, every cut in the last records.
    let spread = (0..bytes.len()).step_by((bytes.len() / 500).max(1));
    let ends = (0..2_000.min(bytes.len())).chain(spread).chain(bytes.len().saturating_sub(64)..bytes.len());
    for len in ends {
        assert!(decode(&bytes[..len]).is_err(), "a pack cut at {len} of {} bytes was accepted", bytes.len());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(decode(&longer), Err(PackError::Malformed { .. })));
}

/// `bytes` pushed to a [`Decoder`] in chunks of `chunk_len` bytes, told the length or not.
fn decode_in_chunks(bytes: &[u8], chunk_len: usize, told_len: bool) -> Result<Packed, PackError> {
    let mut decoder = Decoder::new(told_len.then_some(bytes.len()));
    bytes.chunks(chunk_len).try_for_each(|chunk| decoder.push(chunk))?;
    decoder.finish()
}

#[test]
fn a_pack_decoded_as_its_chunks_arrive_is_the_same_at_any_chunk_size() {
    let snapshots = vec!["snapshots/one.json".to_owned()];
    let bytes = encode(&demo_loaded(), &snapshots, &stamps());
    let whole = decode(&bytes).unwrap();
    for chunk_len in [1, 3, 64, 1_000, 65_536, bytes.len()] {
        for told_len in [true, false] {
            let packed = decode_in_chunks(&bytes, chunk_len, told_len).unwrap();
            assert!(packed == whole, "chunks of {chunk_len} bytes (length told: {told_len}) decode otherwise");
        }
    }
}

#[test]
fn a_streamed_pack_is_refused_like_a_whole_one() {
    let bytes = encode(&demo_loaded(), &[], &[]);
    let spread = (0..bytes.len()).step_by((bytes.len() / 200).max(1));
    for len in spread.chain(bytes.len().saturating_sub(16)..bytes.len()) {
        // Told its length, a cut pack is refused where a whole one is; not told, when it ends early.
        let cut = &bytes[..len];
        assert_eq!(decode_in_chunks(cut, 4_096, true), decode(cut), "cut at {len}");
        assert!(decode_in_chunks(cut, 4_096, false).is_err(), "cut at {len}, length not told");
        assert!(decode_in_chunks(&bytes, 4_096, false).is_ok());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode_in_chunks(&longer, 4_096, true), decode(&longer));
    assert_eq!(decode_in_chunks(b"{\"title\": \"x\"}", 2, false), Err(PackError::NotAPack));
    // A count larger than the told length could hold is refused as soon as it is read.
    let mut decoder = Decoder::new(Some(bytes.len() / 2));
    assert!(bytes.chunks(4_096).try_for_each(|chunk| decoder.push(chunk)).is_err());
}

#[test]
fn another_file_or_version_is_refused_by_name() {
    assert_eq!(decode(b"{\"title\": \"x\"}"), Err(PackError::NotAPack));
    let bytes = encode(&demo_loaded(), &[], &[]);
    let mut other = b"UPTRPACK".to_vec();
    let version = "0.0.0-other";
    other.push(version.len() as u8);
    other.extend_from_slice(version.as_bytes());
    other.extend_from_slice(&bytes[8 + 1 + WRITER_VERSION.len()..]);
    assert_eq!(decode(&other), Err(PackError::OtherVersion { written_by: version.to_owned() }));
    let message = decode(&other).unwrap_err().to_string();
    assert!(message.contains("0.0.0-other") && message.contains("uptrend pack"), "{message}");
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (-2_000_000_000i64..4_000_000_000, prop_oneof![Just(0u32), 0u32..1_000_000_000])
        .prop_map(|(secs, nanos)| DateTime::from_timestamp(secs, nanos).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z0-9-]{1,12}", "\\PC{0,8}"]
}

/// Ids held inline and on the heap (over 24 bytes natively, 12 in wasm32).
fn id() -> impl Strategy<Value = Id> {
    prop_oneof![text(), "[a-f0-9]{40}"].prop_map(Id::from)
}

fn change() -> impl Strategy<Value = Change> {
    (
        id(),
        instant(),
        proptest::option::of(text()),
        proptest::option::of(instant()),
        proptest::option::of(instant()),
        proptest::option::of(instant()),
    )
        .prop_map(|(id, committed_at, repository, pr_opened_at, approved_at, merged_at)| {
            Change::new(id, committed_at).with_repository(repository).with_review(Review {
                pr_opened_at,
                approved_at,
                merged_at,
            })
        })
}

fn deployment() -> impl Strategy<Value = Deployment> {
    (
        (id(), id(), id(), instant()),
        prop_oneof![Just(DeployStatus::Succeeded), Just(DeployStatus::Failed), Just(DeployStatus::RolledBack)],
        proptest::collection::vec(change(), 0..4),
        proptest::option::of(id()),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|((id, service, environment, finished_at), status, changes, fixes_incident, production)| {
            Deployment { id, service, environment, finished_at, status, changes, fixes_incident, production }
        })
}

fn incident() -> impl Strategy<Value = Incident> {
    (
        id(),
        id(),
        proptest::option::of(text()),
        instant(),
        proptest::option::of(instant()),
        proptest::collection::vec(id(), 0..3),
    )
        .prop_map(|(id, service, severity, started_at, resolved_at, caused_by)| Incident {
            id,
            service,
            severity,
            started_at,
            resolved_at,
            caused_by,
        })
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..1_000, Just(u64::from(u32::MAX)), Just(u64::from(u32::MAX) + 1), Just(u64::MAX)]
}

fn slo() -> impl Strategy<Value = SloData> {
    (
        text(),
        proptest::option::of(text()),
        prop_oneof![Just(0.99), Just(0.999), 0.5f64..0.9999],
        prop_oneof![Just(Budgeting::Occurrences), Just(Budgeting::Timeslices)],
        proptest::option::of(0.5f64..1.0),
        prop_oneof![Just("28d"), Just("calendar:month"), Just("7d")],
        instant(),
        prop_oneof![Just("5m"), Just("1h")],
        proptest::collection::vec(proptest::option::of((count(), count())), 0..200),
    )
        .prop_map(|(id, name, objective, budgeting, timeslice_target, window, start, step, buckets)| {
            let definition = SloDefinition {
                id,
                service: "checkout".into(),
                name,
                objective,
                window: window.parse().unwrap(),
                budgeting,
                timeslice_target,
            };
            let buckets = buckets.into_iter().map(|bucket| bucket.map(|(good, total)| Counts { good, total }));
            SloData { definition, series: SliSeries::from_buckets(start, step.parse().unwrap(), buckets) }
        })
}

fn loaded() -> impl Strategy<Value = Loaded> {
    (
        proptest::collection::vec(slo(), 0..4),
        proptest::collection::vec(deployment(), 0..6),
        proptest::collection::vec(incident(), 0..4),
        proptest::option::of(instant()),
        text(),
    )
        .prop_map(|(slos, deployments, incidents, latest_generated_at, title)| {
            let mut loaded = Loaded { dataset: Default::default(), problems: Vec::new(), files: Vec::new() };
            loaded.dataset.title = title;
            loaded.dataset.latest_generated_at = latest_generated_at;
            loaded.dataset.services =
                vec![Service { id: "checkout".into(), name: Some("Checkout".into()), team: None }];
            loaded.dataset.slos = slos;
            loaded.dataset.deployments = deployments;
            loaded.dataset.incidents = incidents;
            loaded
        })
}

proptest! {
    #[test]
    fn any_dataset_comes_back_equal(loaded in loaded()) {
        let bytes = encode(&loaded, &[], &[]);
        let packed = decode(&bytes).unwrap();
        prop_assert_eq!(&packed.loaded, &loaded);
        prop_assert_eq!(decode_in_chunks(&bytes, 5, false).unwrap().loaded, loaded);
    }

    #[test]
    fn a_damaged_pack_is_refused_or_read_never_a_panic(loaded in loaded(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = encode(&loaded, &[], &[]);
        let at = at.index(bytes.len());
        bytes[at] = byte;
        let whole = decode(&bytes);
        prop_assert_eq!(decode_in_chunks(&bytes, 7, false).is_ok(), whole.is_ok());
        prop_assert_eq!(decode_in_chunks(&bytes, 7, true), whole);
    }
}
