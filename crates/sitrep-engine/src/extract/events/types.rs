//! Which PLOVER and ACLED types: the trigger's own coding, a weapon word filling what the
//! trigger leaves open, then who acts on whom ("captured" by a state is "Government regains
//! territory"), then the party's intent ("will not agree" is REJECT).

use sitrep_model::{ActorKind, Status};

use super::Site;
use super::roles::Parties;
use super::status::conditional;
use crate::extract::frames::Source;
use crate::extract::mentions::MentionKind;
use crate::lexicon::{Cue, Pos, Stance, Weapon, WordClass};

/// Mode, ACLED event type, ACLED sub-event type.
pub(super) type Coding = (Option<String>, Option<String>, Option<String>);

/// The trigger's coding, filled by its weapon and then by its parties.
pub(super) fn coding(site: &Site, weapon: Option<&Weapon>, parties: &Parties) -> Coding {
    let trig = site.trig;
    let coding = match (weapon, trig.plover.as_str()) {
        // The trigger's own coding wins; a weapon word fills what the trigger leaves open.
        // Its sub-type only where its event type agrees with the trigger's.
        (Some(w), "ASSAULT") => {
            let event_type = trig.event_type.clone().or(w.event_type.clone());
            let agrees = trig.event_type.is_none() || w.event_type == trig.event_type;
            let sub = trig
                .sub_event_type
                .clone()
                .or(w.sub_event_type.clone().filter(|_| agrees));
            (trig.mode.clone().or(w.mode.clone()), event_type, sub)
        }
        _ => (
            trig.mode.clone(),
            trig.event_type.clone(),
            trig.sub_event_type.clone(),
        ),
    };
    acled_type(
        site,
        coding,
        parties.actor1.as_ref(),
        parties.actor2.as_ref(),
    )
}

/// ACLED's type for an assault whose words leave it open, from who acts on whom: taking a
/// place is "Government regains territory" for a state and "Non-state actor overtakes
/// territory" for a group; an attack on civilians or protesters is violence against them;
/// an attack between armed sides is an armed clash; a strike with no weapon named is from
/// the air, a blast with none named is an explosive device.
fn acled_type(
    site: &Site,
    coding: Coding,
    actor1: Option<&Source>,
    actor2: Option<&Source>,
) -> Coding {
    let (s, toks, lex, cs, ce) = (site.s, &site.s.tokens, site.lex, site.cs, site.ce);
    let (mode, event_type, sub) = coding;
    if site.trig.plover != "ASSAULT" || sub.is_some() {
        return (mode, event_type, sub);
    }
    let kind_of = |a: Option<&Source>| {
        a.and_then(|a| a.mention)
            .map(|mi| match &s.mentions[mi].kind {
                MentionKind::Organisation { kind }
                | MentionKind::Group { kind }
                | MentionKind::Institution { kind, .. } => *kind,
                MentionKind::Person { .. } => ActorKind::Person,
                _ => ActorKind::State,
            })
    };
    let state = |k: Option<ActorKind>| {
        matches!(
            k,
            Some(
                ActorKind::State | ActorKind::Military | ActorKind::Police | ActorKind::Government
            )
        )
    };
    // Words of the clause outside names: "the Line of Control" takes no territory.
    let scan = site.scan;
    let said = |class: WordClass| {
        scan.class_starts(class, cs, ce)
            .iter()
            .any(|&k| s.mention_at(k).is_none())
    };
    let in_clause = |class: WordClass| scan.class_in(class, cs, ce);
    let civilians = (cs..ce).any(|k| {
        lex.figures
            .match_at(toks, k)
            .is_some_and(|f| f.value.population == Some(sitrep_model::Population::Civilian))
    }) || kind_of(actor2) == Some(ActorKind::Civilians)
        || in_clause(WordClass::CivilianSite);
    let protesters = in_clause(WordClass::Protester);
    // Taking a place: by the state it is regained, by anyone else overtaken.
    let battle = || match (said(WordClass::Taking), state(kind_of(actor1))) {
        (true, true) => ("Battles", "Government regains territory"),
        (true, false) => ("Battles", "Non-state actor overtakes territory"),
        (false, _) => ("Battles", "Armed clash"),
    };
    let (t, st) = match event_type.as_deref() {
        Some("Battles") => battle(),
        Some("Explosions/Remote violence") => {
            let sub = if in_clause(WordClass::Blast) {
                "Remote explosive/landmine/IED"
            } else {
                "Air/drone strike"
            };
            ("Explosions/Remote violence", sub)
        }
        Some(_) => return (mode, event_type, sub),
        None if protesters && state(kind_of(actor1)) => {
            ("Protests", "Excessive force against protesters")
        }
        None if civilians => ("Violence against civilians", "Attack"),
        None => battle(),
    };
    (mode, Some(t.to_string()), Some(st.to_string()))
}

/// PLOVER codes what a party says it will or will not do by its intent: refusing a
/// cooperative act is REJECT ("would not agree to a ceasefire"); announcing a hostile act,
/// or making any act conditional, is THREATEN ("will boycott the vote", "will withdraw
/// unless…"); promising a cooperative act is AGREE ("will give a grant", "is willing to
/// withdraw"). Talks announced stay CONSULT with status `scheduled`. The words used to
/// state the intent are events now (reported); the act itself has not happened.
pub(super) fn by_intent(
    site: &Site,
    cue: Option<Cue>,
    status: Status,
    coding: Coding,
) -> (String, Coding, Status) {
    let trig = site.trig;
    let plover = trig.plover.as_str();
    let stance = site.lex.plover_class(plover).stance;
    let (cooperative, hostile) = (stance == Stance::Cooperative, stance == Stance::Hostile);
    let stated = if matches!(
        status,
        Status::Hypothetical | Status::Scheduled | Status::Denied
    ) {
        Status::Reported
    } else {
        status
    };
    let intent = |p: &str| {
        (
            p.to_string(),
            (Some(plover.to_lowercase()), None, None),
            stated,
        )
    };
    match cue {
        Some(Cue::Commit) if cooperative => return intent("AGREE"),
        Some(Cue::Commit) if hostile => return intent("THREATEN"),
        _ => {}
    }
    if trig.pos != Pos::Verb {
        return (trig.plover.clone(), coding, status);
    }
    match cue {
        Some(Cue::Negation) if cooperative => intent("REJECT"),
        Some(Cue::Plan | Cue::Hypothetical)
            if hostile || (conditional(site) && plover != "CONSULT" && plover != "AGREE") =>
        {
            intent("THREATEN")
        }
        Some(Cue::Plan) if cooperative && plover != "CONSULT" => intent("AGREE"),
        _ => (trig.plover.clone(), coding, status),
    }
}
