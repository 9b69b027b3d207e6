//! The name index `build.rs` compiles agrees with the one the loader builds at run time.

use sitrep_engine::builtin_gazetteer;
use sitrep_engine::gazetteer::{Entry, Gazetteer, Sources};

fn sorted(mut v: Vec<Entry>) -> Vec<Entry> {
    v.sort();
    v
}

#[test]
fn prebuilt_index_agrees_with_runtime_index() {
    let runtime = Gazetteer::from_sources(Sources::builtin());
    let prebuilt = builtin_gazetteer();
    assert_eq!(runtime.places.len(), prebuilt.places.len());
    assert_eq!(runtime.name_count(), prebuilt.name_count());
    let mut names: Vec<&str> = runtime.admin1.iter().map(|a| a.name.as_str()).collect();
    names.extend(runtime.places.iter().step_by(97).map(|p| p.name.as_str()));
    names.extend([
        "Congo",
        "Hodeidah",
        "North Darfur",
        "Red Sea",
        "Georgia",
        "no such place",
    ]);
    for name in names {
        assert_eq!(
            sorted(runtime.lookup(name).to_vec()),
            sorted(prebuilt.lookup(name).to_vec()),
            "{name}"
        );
    }
}

#[test]
fn user_places_add_to_a_prebuilt_index() {
    let mut g = builtin_gazetteer();
    let before = g.lookup("Kfar Testville").len();
    let added = g.add_user_places("geonameid\tname\tcountry\tadmin1\tpopulation\tlat\tlon\talt_names\tadmin2\tfeature\n99999991\tKfar Testville\tLB\t\t0\t33.2\t35.4\t\t\tP.PPL\n");
    assert_eq!((before, added), (0, 1));
    assert_eq!(g.lookup("kfar testville").len(), 1);
}
