//! The fuzz entry points of `shared::fuzz`, driven by proptest on stable in every test run (the
//! same functions cargo-fuzz drives in `fuzz/` on nightly): arbitrary bytes and text, and
//! JSON-shaped mutations of valid bodies, must never panic.

use proptest::prelude::*;

const VECTORS: &str = include_str!("vectors/eligibility.json");

/// Valid bodies to mutate: most random bytes are not JSON at all, so start from real ones (the
/// golden vectors' inputs, then one body of each other kind).
static SEEDS: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(|| {
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(VECTORS).expect("the golden vectors parse");
    let mut seeds: Vec<Vec<u8>> = cases
        .iter()
        .map(|c| serde_json::to_vec(&c["input"]).expect("serialises"))
        .collect();
    seeds.extend(OTHER_BODIES.iter().map(|b| b.as_bytes().to_vec()));
    seeds
});

const OTHER_BODIES: [&str; 3] = [
    r#"{"level":"national","training_person_times":29,"senior_trained":0,"partner_count":1,"exchange_staff":2,"team_training":true,"media_level":"city","report":"late"}"#,
    r#"{"year":2027,"figures":{"training_person_times":5,"senior_trained":1,"partner_count":0,"exchange_staff":0,"team_training":false,"media_level":"none","trainees":[{"name":"a","birth_date":"2000-01-01","level":"senior"}],"lectures":[{"topic":"t","held_on":"2027-02-30"}]},"summary":"s","plan":"p","submit":true}"#,
    r#"{"kind":"leader","event_on":"2027-03-01","cause":"退休","new_leader_name":"王","new_leader":null,"case":"fraud","evidence":"e","decided_on":"2027-03-01","amount_fen":1,"occurred_on":"2027-01-01","description":"d","voucher_no":"v","paying_office":"p","reverses":null,"purpose":null}"#,
];

fn mutated() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<usize>(),
        any::<usize>(),
        proptest::collection::vec(any::<u8>(), 0..24),
        any::<bool>(),
    )
        .prop_map(|(seed, at, bytes, replace)| {
            let mut s = SEEDS[seed % SEEDS.len()].clone();
            let at = at % (s.len() + 1);
            if replace {
                for (i, b) in bytes.iter().enumerate() {
                    if let Some(x) = s.get_mut(at + i) {
                        *x = *b;
                    }
                }
            } else {
                s.splice(at..at, bytes);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn json_bodies_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        shared::fuzz::json_bodies(&data);
    }

    #[test]
    fn mutated_json_bodies_never_panic(data in mutated()) {
        shared::fuzz::json_bodies(&data);
    }

    #[test]
    fn money_text_parses_exactly_or_not_at_all(text in "\\PC{0,24}|[¥,，0-9.\\- ]{0,24}") {
        shared::fuzz::money_text(&text);
    }

    #[test]
    fn uploads_and_names_never_panic(data in proptest::collection::vec(any::<u8>(), 0..256)) {
        shared::fuzz::upload(&data);
    }

    #[test]
    fn deadlines_never_panic(data in proptest::collection::vec(any::<u8>(), 8..16)) {
        shared::fuzz::deadlines(&data);
    }
}

/// Each vector's input, exactly as the golden files hold it, goes through the JSON entry point.
#[test]
fn every_golden_input_goes_through_the_json_entry_point() {
    for body in SEEDS.iter() {
        shared::fuzz::json_bodies(body);
    }
}
