//! Native benchmarks of the pure core (divan): how the cost of expressions, validation, bundle
//! export (digest included) and verification, reading stored submissions, merging and the
//! coordinator's aggregation grows
//! with the data — 1,000, 10,000 and 100,000 submissions. Run with `cargo bench --bench core`
//! (`scripts/bench.sh` runs it too). The submissions are the corpus's valid ones
//! (`tests/bundles/valid.json`), repeated with their own ids and areas.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::sync::OnceLock;

    use divan::{black_box, Bencher};
    use nahda::bundle::export::{export, ExportFrom, Sensitive};
    use nahda::bundle::import::verify;
    use nahda::core::aggregate::{aggregate, Filters, Report};
    use nahda::core::answers::{Answer, AnswerScope};
    use nahda::core::evaluation::{Edit, Evaluation};
    use nahda::core::expr::Expr;
    use nahda::core::library::FormLibrary;
    use nahda::core::merge::Merge;
    use nahda::core::schema::Form;
    use nahda::core::submission::Submission;
    use nahda::core::validate::validate;

    const PACK: &str = include_str!("../public/forms/six-sector-survey.v1.json");
    const SAMPLE: &str = include_str!("../tests/bundles/valid.json");
    const TODAY: &str = "2026-11-29";
    const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

    fn library() -> &'static FormLibrary {
        static LIBRARY: OnceLock<FormLibrary> = OnceLock::new();
        LIBRARY.get_or_init(|| {
            let mut library = FormLibrary::default();
            library
                .add(Form::from_json(PACK).expect("the pack"))
                .expect("add the pack");
            library
        })
    }

    fn form() -> std::sync::Arc<Form> {
        library()
            .latest("six-sector-survey")
            .expect("the pack is loaded")
    }

    /// `n` valid finalised submissions, each with its own id and one of 50 areas.
    fn submissions(n: usize) -> Vec<Submission> {
        let samples = verify(SAMPLE, library()).expect("the sample").accepted;
        (0..n)
            .map(|i| {
                let mut s = samples[i % samples.len()].clone();
                s.id = format!("bench-{i:06}");
                s.area_code = format!("SY02{:04}", i % 50);
                s
            })
            .collect()
    }

    fn key() -> ed25519_dalek::SigningKey {
        ed25519_dalek::SigningKey::from_bytes(&[3; 32])
    }

    fn from() -> ExportFrom {
        ExportFrom {
            entity_name: "bench".into(),
            device_id: None,
            app_version: "bench".into(),
            public_key: nahda::core::keys::PublicKey::from_bytes(key().verifying_key().to_bytes()),
        }
    }

    /// A bundle of these submissions, signed as the app signs it.
    fn signed_bundle(submissions: &[Submission]) -> String {
        use ed25519_dalek::Signer;
        let unsigned = export(submissions, library(), &from(), "t", Sensitive::Include);
        let signature: String = key()
            .sign(&unsigned.message())
            .to_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        serde_json::to_string(&unsigned.signed(signature)).expect("json")
    }

    #[divan::bench]
    fn expression_parse_and_evaluate(bencher: Bencher) {
        let answers = submissions(1).remove(0).answers;
        let form = form();
        bencher.bench(|| {
            let expr = Expr::parse(
                "${hea_facilities_functioning} <= ${hea_facilities_total} and selected(${sectors}, 'health') and string-length(${entity_name}) > 2",
            )
            .expect("parses");
            expr.eval(&AnswerScope::new(&form, &answers, TODAY))
        });
    }

    #[divan::bench]
    fn validate_a_full_submission(bencher: Bencher) {
        let answers = submissions(1).remove(0).answers;
        let form = form();
        bencher.bench(|| validate(&form, black_box(&answers), TODAY));
    }

    /// One keystroke in a text answer of a full submission, evaluated through the dependency
    /// graph: what the survey page does per keystroke instead of validating everything again.
    #[divan::bench]
    fn evaluate_one_keystroke(bencher: Bencher) {
        let answers = submissions(1).remove(0).answers;
        let form = form();
        let mut evaluation = Evaluation::new(&form, &answers, TODAY);
        let mut n = 0u32;
        bencher.bench_local(|| {
            n += 1;
            let edit = Edit::Set {
                id: "entity_name".into(),
                answer: Answer::Text(format!("المجلس المحلي {n}")),
            };
            evaluation.apply(&form, black_box(&edit))
        });
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn export_with_digest(bencher: Bencher, n: usize) {
        let all = submissions(n);
        bencher.bench(|| {
            export(
                &all,
                library(),
                &from(),
                "2026-11-29T00:00:00Z",
                Sensitive::Include,
            )
        });
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn verify_a_bundle(bencher: Bencher, n: usize) {
        let text = signed_bundle(&submissions(n));
        bencher.bench(|| verify(black_box(&text), library()).expect("verifies"));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn read_stored_submissions(bencher: Bencher, n: usize) {
        let json = serde_json::to_string(&submissions(n)).expect("json");
        bencher.bench(|| serde_json::from_str::<Vec<Submission>>(black_box(&json)).expect("reads"));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn merge_into_an_empty_store(bencher: Bencher, n: usize) {
        let all = submissions(n);
        bencher
            .with_inputs(|| all.clone())
            .bench_values(|all| Merge::new([]).bundle("b", all));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn merge_the_same_bundle_again(bencher: Bencher, n: usize) {
        let all = submissions(n);
        let mut merge = Merge::new([]);
        merge.bundle("b", all.clone());
        let stored: Vec<Submission> = merge.records().values().cloned().collect();
        bencher
            .with_inputs(|| (stored.clone(), all.clone()))
            .bench_values(|(stored, all)| Merge::new(stored).bundle("b", all));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn aggregate_the_dashboard(bencher: Bencher, n: usize) {
        let reports: Vec<Report> = submissions(n).iter().map(Report::of).collect();
        bencher.bench(|| aggregate(black_box(&reports), &Filters::default()));
    }

    #[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
    fn report_each_submission(bencher: Bencher, n: usize) {
        let all = submissions(n);
        bencher.bench(|| black_box(&all).iter().map(Report::of).collect::<Vec<_>>());
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    divan::main();
}
