"""Propose new Wikipedia Portal:Current events items for the classes that are thin in the real
corpus, and split them into annotator batches.

Reads every daily file `YYYY/MM/YYYY-MM-DD.yaml` (key `Intelligence_Payload`) of
ianrastall/current-events-context at COMMIT from a local git mirror, cleans each item the way
tests/real/snippets/SOURCES.md describes for wikipedia-cep-2.jsonl, keeps 6-70-word items that
end in sentence punctuation and have at most 3 sentences (skipping sport, arts, business,
science, health and disaster categories), drops anything already in tests/real/snippets/*.jsonl
(same normalised text, or same first 60 normalised characters), and proposes items per target
(ACLED sub-event types and PLOVER statement/diplomacy types, plus `negative`) with regex rules:
an include pattern, a context pattern where needed, an exclusion pattern, and a `pre` pattern
that must not occur before the include match (the main event is the first told). Each item goes
to the first target that matches, in PRIORITY order (rare targets first); each target's quota
is sampled round-robin over years with a seeded RNG.

Writes tests/real/snippets/wikipedia-cep-3.jsonl (fields as wikipedia-cep-2.jsonl, ids
`cep3-YYYYMMDD-<n>`) and /work/scratch/cep3/batch-NN.jsonl (about 300 records each, targets
spread evenly over the batches), and prints counts per target.

Run:  python3 scripts/real_cep_pool.py [--seed 20261208] [--mirror DIR] [--batches DIR]
      [--dry-run] [--show TARGET --show-n 30]
Deterministic for a given seed, mirror commit and snippets directory.
"""
import argparse
import collections
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_corpus import REAL, ROOT, read_jsonl  # noqa: E402,F401

MIRROR = "/work/.mirror/ianrastall+current-events-context/repo"
COMMIT = "4ff6f7d243c81c1df4a919fb4280d9d7e9559bd8"
REPO = "ianrastall/current-events-context"
SNIPPETS = REAL / "snippets"
OUT = SNIPPETS / "wikipedia-cep-3.jsonl"
BATCHES = Path("/work/scratch/cep3")
BATCH_SIZE = 300
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# ---------------------------------------------------------------- reading and cleaning

SKIP_CATEGORY = re.compile(
    r"sport|\barts?\b|culture|entertainment|business|econom|financ|science|technolog|"
    r"health|medic|disaster|accident|weather", re.I)
FILE_RE = re.compile(r"^(\d{4})/(\d{2})/(\d{4})-(\d{2})-(\d{2})\.yaml$")
SOURCE_PARENS = re.compile(r"^(.*?[.!?][\"'\u201d\u2019]?)\s*(?:\([^()]*\)\s*,?\s*)+$", re.S)
REF_MARK = re.compile(r"\[\d+\]")
END_PUNCT = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Maj|Jr|Sr|No|Rev|Gov|"
                    r"Sen|Rep|Pres|Adm|Brig|Cpl|Pvt|Mt|Ft|vs|etc|approx|Inc|Ltd|Co|Corp))\.$")


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def is_heading(s):
    """A story-heading line: short, no sentence punctuation at the end."""
    s = collapse(str(s))
    return bool(s) and not END_PUNCT.search(s) and len(s.split()) <= 20


def clean(text, headings):
    t = collapse(REF_MARK.sub("", str(text)))
    m = SOURCE_PARENS.match(t)
    if m:
        t = m.group(1)
    if ": " in t:
        pre = t.split(": ", 1)[0]
        if pre in headings:
            t = t.split(": ", 1)[1]
    return collapse(t)


def sentences(t):
    n, start = 1, 0
    for m in re.finditer(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])", t):
        if ABBREV.search(t[start:m.start() + 1]):
            continue
        n += 1
        start = m.end()
    return n


def norm(t):
    return collapse(re.sub(r"[^a-z0-9 ]+", " ", t.lower()))


def read_items(mirror, commit):
    """All items of the commit: dicts with text, date, path, category (in file order)."""
    names = subprocess.run(["git", "-C", mirror, "ls-tree", "-r", "--name-only", commit],
                           capture_output=True, text=True, check=True).stdout.split("\n")
    names = sorted(n for n in names if FILE_RE.match(n))
    proc = subprocess.run(["git", "-C", mirror, "cat-file", "--batch"],
                          input="".join(f"{commit}:{n}\n" for n in names).encode(),
                          capture_output=True, check=True)
    buf, pos = proc.stdout, 0
    items, stats = [], collections.Counter()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for name in names:
        nl = buf.index(b"\n", pos)
        size = int(buf[pos:nl].split()[2])
        body = buf[nl + 1: nl + 1 + size]
        pos = nl + 1 + size + 1
        try:
            doc = yaml.load(body.decode("utf-8"), Loader=loader)
        except Exception:
            stats["files_unparsed"] += 1
            continue
        if not isinstance(doc, dict) or "events" in doc or "editorial_policy" in doc:
            stats["files_deep_context"] += 1
            continue
        payload = doc.get("Intelligence_Payload")
        if not isinstance(payload, dict):
            stats["files_no_payload"] += 1
            continue
        stats["files"] += 1
        y, mo, d = FILE_RE.match(name).group(3, 4, 5)
        for cat, lst in payload.items():
            if not isinstance(lst, list):
                continue
            lines = [collapse(str(x)) for x in lst if x is not None]
            headings = set()
            for h in lines:
                if is_heading(h):
                    headings.add(h)
                    headings.update(p.strip() for p in h.split(",") if p.strip())
            for raw in lines:
                stats["items"] += 1
                items.append({"raw": raw, "text": clean(raw, headings), "date": f"{y}-{mo}-{d}",
                              "path": name, "category": "" if cat == "Uncategorized" else str(cat)})
    return items, stats


def qualifies(it):
    t = it["text"]
    if SKIP_CATEGORY.search(it["category"]):
        return False
    w = len(t.split())
    return 6 <= w <= 70 and bool(END_PUNCT.search(t)) and sentences(t) <= 3


# ---------------------------------------------------------------- rules

def R(p):
    return re.compile(p, re.I)


CONFLICT = R(
    r"\b(wars?|warfare|conflict|civil war|military|militar\w+|army|armies|troops?|soldiers?|"
    r"forces|rebels?|rebellion|militants?|insurgen\w*|terror\w*|guerrill\w*|militia\w*|gunmen|"
    r"fighters|jihad\w*|Islamist\w*|separatist\w*|Taliban|ISIS|ISIL|Islamic State|Daesh|"
    r"al-Qaeda|al-Shabaab|Boko Haram|Hamas|Hezbollah|Houthis?|PKK|FARC|LTTE|Tamil Tigers|"
    r"Maoists?|Naxal\w*|M23|RSF|Rapid Support Forces|Wagner|NATO|Pentagon|IDF|"
    r"peacekeep\w*|ceasefire|cease-fire|truce|peace (talks|deal|process|agreement|accord)|"
    r"invasion|invad\w*|occupation|occupied|annex\w*|airstrikes?|air strikes?|shelling|"
    r"missiles?|rockets?|bomb\w*|attacks?|offensive|insurgency|hostages?|weapons?|arms|"
    r"nuclear|coup|junta|martial law|security forces|police|riot\w*|protest\w*|"
    r"demonstrat\w*|sanctions?|embargo|refugees?|displaced|humanitarian|genocide|"
    r"war crimes?|Gaza|West Bank|Kashmir|Donbas|Darfur|Crimea|Golan|Kurd\w*|"
    r"defen[cs]e minist\w*|border (clash\w*|tension\w*|dispute))\b")
ARMED_ACTOR = (r"(rebels?|militants?|insurgents?|Taliban|ISIS|ISIL|Islamic State|Daesh|"
               r"al-Shabaab|Boko Haram|Houthis?|fighters|militia\w*|jihadists?|separatists?|"
               r"M23|RSF|Rapid Support Forces|Tahrir al-Sham|HTS|al-Qaeda|al-Nusra|Nusra Front|"
               r"Tuaregs?|FARC|Maoists?|LTTE|Tamil Tigers|guerrillas?|gunmen|Hamas|Hezbollah|"
               r"Wagner|JNIM|opposition forces|Free Syrian Army|FSA|SDF|YPG|PKK|Seleka|"
               r"anti-Balaka|ADF|Janjaweed|paramilitar\w*|insurgency)")
# Legal acts, reports, commemorations, fiction: not the event they talk about (event targets).
LEGAL = (r"\btrials?\b|\btried\b|sentenc\w*|convict\w*|verdict|acquit\w*|indict\w*|"
         r"\bcharged\b|\bcharges\b|\bcourt\b|tribunal|lawsuit|\bsues?\b|\bsued\b|testif\w*|"
         r"extradit\w*|inquiry|inquest|investigat\w*|anniversar\w*|commemorat\w*|memorial|"
         r"documentary|\bfilm\b|\bmovie\b|\bnovel\b|accused of|alleged\w*|"
         r"(publish|releas|issu)\w* (a |an |its |their )?([\w-]+ ){0,3}report\b|"
         r"\breport (by|from|finds|found|says|said|conclud\w*|accus\w*)|\bstudy\b|\bsurvey\b|"
         r"\bpoll\b|\bstatistics\b|\bsince (the )?\d{4}\b|\bin \d{4}\b|\blast (year|month)\b")
# Speech, intention, condition: when one comes before the event word, the event is not the main one.
SPEECH = (r"\b(says?|said|claims?|claimed|den(y|ies|ied)|condemn\w*|accus\w*|blam\w*|"
          r"warns?|warned|threat\w*|vows?|vowed|urg\w*|calls? (for|on)|called (for|on)|"
          r"demand\w*|appeal\w*|announc\w*|plans?|planned|planning|will|would|could|may|might|"
          r"expected|propos\w*|consider\w*|approv\w*|votes?|voted|pledg\w*|promis\w*|"
          r"denounc\w*|criticiz\w*|criticis\w*|reject\w*|welcom\w*|prevent\w*|"
          r"foil\w*|thwart\w*|avert\w*|fears?|feared|prepar\w*|if|unless|whether|"
          r"reports?|reported|according)\b")
EVENT_VERBS = (r"\b(kill\w*|attack\w*|bomb\w*|explo\w*|blast\w*|clash\w*|shell\w*|strikes?\b|"
               r"airstrike\w*|raid\w*|ambush\w*|shot|shoot\w*|gunfire|massacre\w*|dead|died|"
               r"injur\w*|wound\w*|captur\w*|seiz\w*|abduct\w*|kidnap\w*|loot\w*|riot\w*|"
               r"arrest\w*|detain\w*|fighting|fought|battle\w*)")
FUTURE = r"\b(will|plans? to|planned|planning|intends?|is to|are to|expected to|would|to be held)\b"

CHEM = (r"chemical (weapons? )?(attacks?|strikes?|agents?|munitions?|bombs?|shells?|rockets?)|"
        r"chemical weapons? (were |was )?used|chlorine (gas|attacks?|bombs?|barrels?)|sarin|"
        r"mustard gas|nerve (gas|agents?)|\bVX\b|novichok|toxic gas|poison(ous)? gas|gas attacks?|"
        r"white phosphorus|napalm")

T = {}  # target -> list of rules; a rule: inc, ctx, exc, pre (strings or None), lead (max start)


def rule(target, inc, ctx=None, exc=None, pre=SPEECH, lead=None, legal=True):
    excs = [e for e in (exc, LEGAL if legal else None) if e]
    T.setdefault(target, []).append({
        "inc": R(inc), "ctx": ctx, "exc": R("|".join(f"(?:{e})" for e in excs)) if excs else None,
        "pre": R(pre) if pre else None, "lead": lead})


# --- ACLED event targets
rule("chemical_weapon", CHEM,
     ctx=R(r"\b(attacks?|military|army|troops|forces|rebels?|militants?|regime|war|"
           r"airstrikes?|shells?|shelling|rockets?|bombs?|ISIS|ISIL|Islamic State|"
           r"insurgents?|government forces|civilians|opposition|poison\w*|assassinat\w*)\b"),
     exc=r"\bleak\w*|\bdepots?\b|\bdestroy\w*|\btear gas|\bspill\w*|\btreaty\b|"
         r"OPCW|inspect\w*|stockpiles?|destr(oy|uction|oyed) (of )?(its |the )?chemical|"
         r"chemical weapons convention|dismantl\w*|disarm\w*|\bban\b|red line|evidence|"
         r"manufactur\w*|facilit(y|ies)|factory|program|produc\w*|possess\w*|smuggl\w*|"
         r"\bif\b|retaliat\w*|\bsalisbury\b|\bdrill\b|exercise")
rule("sexual_violence",
     r"\b(rape[sd]?|raping|gang-?rape\w*|sexual(ly)? (violence|assault\w*|slavery|abuse\w*|"
     r"exploit\w*|enslave\w*)|sex slaves?|sexual slaves?|forced marriages?)\b",
     ctx=R(r"\b(soldiers?|troops|militia\w*|militants?|rebels?|armed forces|security forces|"
           r"fighters|ISIS|ISIL|Islamic State|Boko Haram|army|peacekeep\w*|janjaweed|RSF|"
           r"gunmen|insurgents?|jihadists?|armed (men|group)s?|al-Shabaab|paramilitar\w*)\b"),
     exc=r"\bclaims?\b|allegations?|\bdenies\b|\brapist\b|\bpriest|\bclergy|church|bishop|"
         r"\bcoach|hollywood|\bsenator\b|\bWorld War\b|\bapolog\w*|\bNobel\b|\bprize\b|"
         r"\baward\w*|\bprotest\w*|\btapes?\b|\bcharge[sd]?\b|\bscandal|\bMP\b|\bbill\b|\blaw\b|legislat\w*|campaign")
rule("hq_base_established",
     r"\b(sets? up|setting up|establish(es|ed|ing)?|build(s|ing)?|built|opens?|opened|"
     r"construct\w*|mov(es|ed) (its |their )?)\b[^.;]{0,50}\b(bases?|camps?|headquarters|"
     r"outposts?|garrisons?|command cent(er|re)s?|strongholds?)\b",
     ctx=R(r"\b(military|troops|militants?|rebels?|army|forces|militia\w*|insurgents?|"
           r"fighters|Taliban|ISIS|ISIL|Islamic State|al-Shabaab|Boko Haram|naval|air force)\b"),
     exc=r"\bopen\w* fire|\bunder construction|\bplans?\b|\bwilling\w*|\bmissile shield|"
         r"\bkill\w*|\battack\w*|\bclash\w*|\bshoot\w*|\bshot\b|"
         r"\brefugee|\bmigrants?\b|\bdisplaced\b|\bprison\b|detention|\bcamp david\b|"
         r"\bfans?\b|\bclos\w*|\blease\w*|\bagree\w*|\btalks\b|\bdeal\b|\bpermission\b|"
         r"\bnegotiat\w*|\bfund\w*|\bbudget\b|\bspace\b|\bresearch\b|\bantarctic")
rule("suicide_bomb",
     r"\bsuicide (bomb\w*|attack\w*|car[- ]bomb\w*|truck[- ]bomb\w*|vests?|belts?|blasts?|"
     r"bombers?|drone)|\bblows? (himself|herself|themselves) up|\bblew (himself|herself|"
     r"themselves) up|\bself-detonat\w*|\bdetonat\w* (his|her|their) (explosive|suicide)",
     exc=r"\bwould-be\b|\bthwart\w*|\bfoil\w*|\barrested\b|\bdefus\w*|\bintercept\w*|"
         r"\bplot\w*|\bdrone")
rule("disrupted_weapons",
     r"\b(defus\w*|defuse|bomb disposal|dismantl\w* (a |an |the )?(bomb|explosive|IED|device)|"
     r"intercept\w*|(shot|shoots?|shooting) down|downs? (a |an |two |several |\d+ )?(drones?|"
     r"missiles?|rockets?|UAVs?)|foil\w* (a |an )?(bomb|suicide|attack)|thwart\w* (a |an )?(bomb|suicide|"
     r"attack)|(found|find|finds|discover\w*|seiz\w*)\b[^.;]{0,40}\b(explosives|bombs?|IEDs?|"
     r"landmines?|weapons cache|arms cache|car bomb|explosive device)|"
     r"(bomb|explosive device|IED)\w* (is |was |were )?(found|discovered|defused|neutrali[sz]ed))\b",
     ctx=CONFLICT,
     exc=r"\bhelicopters?\b|\bjets?\b|\baircraft\b|\bvessels?\b|\bcargo\b|\bWorld War|"
         r"\binterceptors?\b|\bmissile defen[cs]e|\bagree\w*|\bstation\w*|\bdefuse (the |their )?"
         r"(tension|crisis|situation|conflict|row|dispute)|\bdefuse tensions|"
         r"\bplane\b|\bairliner\b|\bflight \d+|\bpassenger|\bcommercial (jet|aircraft)|"
         r"\bphone|\bemails?\b|\bcommunications?\b|\bmessages?\b|\bcalls\b|\bmigrants?\b|\bboat\b|"
         r"\bdrug\w*|\bcocaine\b|\bheroin\b|\bsmuggl\w*|\bship(ment)?s?\b",
     pre=SPEECH.replace(r"prevent\w*|", "").replace(r"foil\w*|thwart\w*|avert\w*|", ""))
rule("grenade",
     r"\bgrenades?\b",
     exc=r"\btear ?gas grenade|\bbazooka|\bleft over|\bleftover|rocket[- ]propelled grenade|grenade[- ]launchers?|\bRPGs?\b|\bstun grenade|"
         r"\bflash-?bang|\bsmoke grenade|\bdefus\w*|\bseiz\w*|\bfound\b|\bcache\b")
rule("remote_explosive_ied",
     r"\b(roadside bomb\w*|improvised explosive|IEDs?|landmines?|land mines?|\bmines? "
     r"(explo\w*|blast)|car[- ]bomb\w*|truck[- ]bomb\w*|motorcycle bomb\w*|bicycle bomb\w*|"
     r"magnetic bombs?|sticky bombs?|booby[- ]trap\w*|parcel bombs?|letter bombs?|"
     r"remote[- ]controlled (bomb|explosive|device)|planted (bomb|explosive)s?|"
     r"bomb(s)? (explode[sd]?|went off|goes off|blast)|explosive device|"
     r"(bomb|blast|explosion|bombing)s?\b[^.;]{0,40}\b(kills?|killed|killing|injur\w*|wound\w*|"
     r"hits?|rocks?|rocked|tears? through|ripped))",
     exc=r"air ?strikes?|\baerial\b|\bdrones?\b|\bwarplanes?\b|\bjets?\b|\bmissiles?\b|"
         r"\brockets?\b|\bshell(s|ing|ed)?\b|\bartillery\b|\bmortars?\b|\bsuicide\b|"
         r"\bgrenades?\b|\bgas (leak|explosion|cylinder)|\bmine (collapse|disaster|accident)|"
         r"\bcoal\b|\bminers\b|\bfactory\b|\bfireworks?\b|\bboiler\b|\bpipeline\b|\bdefus\w*|"
         r"\bunexploded\b|\bhoax\b|\bthreats?\b|\bscare\b|\bsuspicious (package|device)")
rule("air_drone_strike",
     r"\b(air ?strikes?|airstrikes?|air raids?|aerial (bombard\w*|attacks?|bombing|strikes?)|"
     r"drone (strikes?|attacks?)|drones? (strike|strikes|struck|hit|hits|attack\w*|kill\w*|target\w*)|"
     r"warplanes?|war planes|fighter jets?|helicopter gunships?|gunships?|bombers? (strike|hit|"
     r"pound\w*)|jets? (bomb\w*|strike|strikes|struck|pound\w*|hit|hits|attack\w*)|barrel bombs?|"
     r"kamikaze drones?|loitering munitions?|Shahed|bomb(s|ed|ing)? (from the air|by aircraft)|"
     r"targeted killing strike)",
     exc=r"\bair defen[cs]e|\bintercept\w*|\bshot down\b|\bshoots? down|\bno-fly|\bcrash\w*|"
         r"\bexercise|\bdrill|\bflyover\b|\bairshow|\bair show|\bpurchas\w*|\bbuy\w*|\bsale\b|"
         r"\bsells?\b|\bdeliver\w*|\bcontract\b|\bsupply\b|\bsupplies\b")
TEST = (r"\btest\w*\b|\btest-?fir\w*|into the (sea|ocean)|sea of japan|east sea|splash\w* down|"
        r"satellite|space launch|launch vehicle")
rule("other_strategic",
     r"\b(curfew|state of emergency|states of emergency|martial law|(nuclear|missile|weapons?) "
     r"tests?|test-?fir\w*|(tests?|tested|testing) (a |an |two |several |its )?(new )?"
     r"([\w-]+ ){0,2}(missiles?|rockets?|nuclear|weapon|bomb|warhead)|internet (shutdown|"
     r"blackout)|shut\w* down (the )?internet|(launch\w*|fir\w*) (a |an |two |three |several |\d+ )?"
     r"([\w-]+ ){0,2}(ballistic |cruise )?missiles? into the (sea|ocean)|"
     r"(bans?|banned|outlaws?|outlawed|dissolv\w*) (the )?[^.;]{0,40}\b(party|parties|opposition|"
     r"movement|media|newspapers?|broadcasters?))",
     ctx=R(CONFLICT.pattern + r"|\b(missiles?|nuclear|curfew|emergency|internet|ban\w*)\b"),
     exc=r"\blift\w*|\bend(s|ed)? (the )?(curfew|state of emergency|martial law)|\bexpir\w*|"
         r"\beas\w*|\brevok\w*|\bcovid|\bcoronavirus|\bpandemic|\bepidemic|\bvirus|\bebola|"
         r"\bflood\w*|\bearthquake|\bhurricane|\bcyclone|\bwildfire|\bdrought|\bsmoking\b|"
         r"\bfires?\b|\binfluenza|\bflu\b|\bcases\b|\binfection|\bsnow\w*|\bstorms?\b|\bheat\b|"
         r"\bwater\b|\bpower (outage|cuts?)|\bvolcan\w*|\bwinter\b|"
         r"\bhunting\b|\bfishing\b|\bdrug|\bdoping")
rule("shelling_artillery_missile",
     r"\b(shell(s|ed|ing)\b|artillery|mortars?|howitzers?|katyushas?|grad rockets?|qassams?|"
     r"rocket[- ]fire|rockets? (fire|attacks?|strikes?|hit|hits|land\w*|kill\w*|struck|barrage)|"
     r"missile (attacks?|strikes?|barrage)|missiles? (hit|hits|struck|strike|strikes|kill\w*|land\w*)|"
     r"(fires?|fired|firing|launch\w*) (a |an |two |three |several |dozens of |hundreds of |\d+ )?"
     r"([\w-]+ ){0,2}(rockets?|missiles?|mortars?|shells?)|ballistic missiles?|cruise missiles?|"
     r"(rockets?|missiles?) (at|on|towards?|into)\b)",
     exc=TEST + r"|\bshell compan\w*|\bRoyal Dutch\b|\bShell (Oil|plc)\b|\bair defen[cs]e|"
         r"\bintercept\w*|\bshot down|\bpurchas\w*|\bbuy\w*|\bsale\b|\bsells?\b|\bdeliver\w*|"
         r"\bcontract\b|\bsupply\b|\bsupplies\b|\bdeploy\w*|\bdefen[cs]e (system|shield)|"
         r"\bexercise|\bdrill|\bparade")
PROTEST = (r"(protest\w*(?<!protestant)(?<!protestants)|demonstrat(ion|ions|ors?)\b|rall(y|ies)\b|"
           r"marchers|sit-ins?|strikers|crowds?)")
rule("excessive_force_protest",
     r"\b(police|security forces|troops|soldiers|army|forces|guards|snipers|militia\w*)\b"
     r"[^.;]{0,60}\b(open\w* fire|fire[sd]? (on|at|into)|shoot\w*|shot|kill\w*|live ammunition|"
     r"live rounds|beat\w*|crush\w*|massacre\w*)\b[^.;]{0,60}\b" + PROTEST + r"|"
     r"\b" + PROTEST + r"\b[^.;]{0,40}\b(are|were|is|was|being)? ?(shot dead|shot|killed|gunned down|"
     r"killed by (police|security forces|troops|soldiers))\b",
     ctx=None,
     exc=r"\briot\w*|\bclash\w*|\bstones?\b|\bstone-?throw\w*|\bmolotov|\bpetrol bombs?|"
         r"\bviolent protest|\btorch\w*|\bset fire|\bstorm\w*|\battack(ed|ing)? (police|security)|"
         r"\bsuicide\b|\bbomb\w*|\bexplo\w*|\bgrenade|\bgunmen\b|\bmilitants?\b|\binsurgents?\b")
rule("protest_intervention",
     r"\b(tear ?gas|water cannons?|rubber bullets|pellet guns?|stun grenades?|batons?|"
     r"dispers\w*|break\w* up|broke up|crack\w* down|(arrest|detain)\w*\b[^.;]{0,60}\b"
     r"(protesters|demonstrators|marchers|activists)|(protesters|demonstrators|marchers)\b"
     r"[^.;]{0,40}\b(arrested|detained))",
     ctx=R(r"\b" + PROTEST + r"|\bmarch(es|ed)?\b"),
     exc=r"\briot\w*(?! police)|\bclash\w*|\bstones?\b|\bstone-?throw\w*|\bmolotov|"
         r"\bpetrol bombs?|\btorch\w*|\bset fire|\bkill\w*|\bshot dead|\bdead\b|\bdeaths?\b|"
         r"\bdie[sd]?\b|\blive (ammunition|rounds|fire)")
rule("violent_demonstration",
     r"\b(riot(s|ers|ing|ed)?\b(?!\s*(police|gear|squad|control|act))|"
     r"(protesters?|demonstrators?|students|crowds?|mobs?)\b[^.;]{0,40}\b(clash\w*|throw\w*|"
     r"threw|hurl\w*|ston\w*|pelt\w*|torch\w*|set fire|sets fire|burn\w*|storm\w*|attack\w*|"
     r"ransack\w*|vandali[sz]\w*|smash\w*|block\w*)|"
     r"clash\w* (between|with)[^.;]{0,30}\b(protesters|demonstrators)|"
     r"(protests?|demonstrations?) turn\w* violent|violent (protests?|demonstrations?)|"
     r"stone-?pelt\w*|molotov cocktails?|petrol bombs?)",
     ctx=R(r"\b" + PROTEST + r"|\briot\w*|\bunrest\b"),
     exc=r"\bprison riot|\binmates?\b|\bprisoners\b|\bfootball|\bfans\b|\bsoccer|\bstadium\b|"
         r"\bmatch\b")
rule("mob_violence",
     r"\b(mobs?|(?-i:lynch\w*)|communal (violence|clash\w*|riots?|attacks?)|"
     r"sectarian (clash\w*|riots?)|ethnic (clash\w*|violence|riots?)|"
     r"inter-?(ethnic|communal|religious|tribal|clan) (clash\w*|violence|fighting)|"
     r"tribal (clash\w*|fighting)|clan (clash\w*|fighting)|pogroms?|"
     r"crowds?\b[^.;]{0,40}\b(attack\w*|beat\w*|kill\w*|burn\w*|lynch\w*|stone\w*|storm\w*)|"
     r"beaten to death|burned alive|burnt alive)\b",
     exc=r"\bvigilante\w*|\bdriver\b|\bstrikes a crowd|\bhomeless|\bbodies\b|\bmob boss|\bflash mob|\bmobster|\bmafia\b|\bthe Mob\b|\bmob-style\b|"
         r"\bprotest\w*|\bdemonstrat\w*|\bsuicide\b|\bbomb\w*|\bairstrike|\bmilitants\b|"
         r"\bgunmen\b|\bsoldiers\b|\btroops\b|\bpolice (kill|beat)\w*")
rule("peaceful_protest",
     r"\b(protest(s|ers|ed|ing)?\b|demonstrat(ion|ions|ors)\b|rall(y|ies|ied)\b|marchers|"
     r"march(es|ed)? (in|through|on|to|against|for)\b|sit-ins?\b|take to the streets|"
     r"takes? to the streets|took to the streets|taking to the streets|general strike|"
     r"hunger strike|go(es)? on strike|went on strike|strikers|vigils?\b|human chain)",
     lead=100,
     exc=r"\bgame\b|\bworld series|\binnings?\b|\b\d+[–-]\d+\b|\bprotests? to\b|\bin protest\b|\bdiplomatic protest|\bformal protest|\blodg\w* (a )?protest|"
         r"\bprotest notes?|\bprotest vote|\bprotest(s|ed)? (to|with) (the )?(government|embassy|"
         r"ambassador)|\bprotestant|\bkill\w*|\bdead\b|\bdeaths?\b|\bdie[sd]?\b|\bclash\w*|"
         r"\briot\w*|\btear ?gas|\barrest\w*|\bdetain\w*|\bviolen\w*|\binjur\w*|\bwound\w*|"
         r"\bshot\b|\bfire[sd]?\b|\bbomb\w*|\battack\w*|\bdispers\w*|\belection results?|"
         r"\brally(ing)? (behind|around)|\bstocks?\b|\bmarkets?\b|\bshares\b|\bdollar\b|"
         r"\bpeso\b|\brupee\b|\bsupporters rally\b|\bcampaign rally\b|\bdemonstration (flight|"
         r"of (force|strength|power))")
rule("abduction",
     r"\b(abduct\w*|kidnap\w*|taken hostage|takes? [\w-]+( [\w-]+)? hostages?|took [\w-]+"
     r"( [\w-]+)? hostages?|seiz\w* [\w-]+ hostages?|hostage-?taking|forced disappearances?|"
     r"forcibly disappeared|abductions?)\b",
     exc=r"\breleas\w*|\bfreed\b|\bfrees\b|\brescu\w*|\bransom paid|\bescap\w*|\bfound (dead|alive)|"
         r"\bbodies\b|\bbody of\b|\bbeheaded\b|\bexecut\w*|\bcustody battle|\bchild abduction case|"
         r"\bparental|\bdivorce|\bkidnapp?ers? (are|were) (arrested|killed|caught)")
rule("looting_property",
     r"\b(loot(s|ed|ing|ers)?|ransack\w*|torch(es|ed|ing)?|set (on )?fire to|sets? fire to|"
     r"setting fire to|burn(s|ed|t)? down|demolish\w*|demolitions?|bulldoz\w*|raze[sd]?|razing|"
     r"destroy(s|ed|ing)? (\w+ ){0,3}(homes|houses|shrines?|churches|mosques?|temples?|villages?|"
     r"statues?|monuments?|property|properties|crops|shops|businesses|offices|graves|"
     r"cemeter\w*|tombs?)|vandali[sz]\w*|arson\w*|(topple|tear|tore|pull)\w* down (a |the )?"
     r"(statue|monument)|statues? (is |are |was |were )?(toppled|torn down|pulled down|"
     r"destroyed|vandali[sz]ed))",
     ctx=R(CONFLICT.pattern + r"|\b(settlers?|vandals?|crowds?|mobs?|unrest|Palestinian|"
           r"Israeli|statues?|monuments?)\b"),
     exc=r"\bkill\w*|\bdead\b|\bdeaths?\b|\bdie[sd]?\b|\bdying\b|\binjur\w*|\bwound\w*|"
         r"\bcasualt\w*|\bwildfire|\bforest fire|\bbush ?fire|\bblaze\b|\bearthquake|\bflood|"
         r"\bstorm\b|\bhurricane|\bcyclone|\btornado|\bwarehouse fire|\bfactory fire|"
         r"\bshort circuit|\belectrical fault|\bsupreme court|\bcourt orders?")
rule("nsa_overtakes",
     r"\b" + ARMED_ACTOR + r"\b[^.;]{0,80}\b(captur\w*|seiz(e|es|ed|ing)|tak(e|es|en|ing) "
     r"(control|over)|took (control|over)|overr(un|an|uns|unning)|gain\w* control|"
     r"advanc\w* into|enter(s|ed|ing)?|occup(y|ies|ied))\b|"
     r"\b(falls?|fell|fallen) to (the )?([\w-]+ ){0,3}" + ARMED_ACTOR,
     ctx=R(r"\b(town|city|cities|village|villages|district|province|region|airport|base|"
           r"bases|territory|capital|stronghold|border crossing|crossing|oil ?field\w*|port|"
           r"areas?|checkpoints?|barracks|garrison|positions?|hills?|county|[A-Z][a-z]+)\b"),
     exc=r"\bcaptur\w* of\b|\b(is|are|was|were|been|being) captured|\bcaptured by|"
         r"\bwhen captured|\brecaptur\w*|\bretak\w*|\bretook\b|\bregain\w*|\bliberat\w*|\breclaim\w*|"
         r"\bhostages?\b|\bseiz\w* (weapons|arms|ammunition|ships?|tankers?|vessels?|drugs|"
         r"control of the (government|parliament))|\bkidnap\w*|\babduct\w*|\bcaptured (soldiers|"
         r"troops|civilians|journalists|foreigners|pilots?)|\bcaptur\w* (\w+ ){0,2}(soldiers|"
         r"pilots?|journalists|civilians|workers)|\bcoup\b")
rule("gov_regains",
     r"\b(recaptur\w*|retak(e|es|en|ing)|retook|regain\w* control|liberat(e|es|ed|ing)|"
     r"reclaim\w*|driv(e|es|en|ing) (\w+ ){0,3}out of|drove (\w+ ){0,3}out of|"
     r"recover\w* control|"
     r"(troops|army|forces|military|government|soldiers|marines)\b[^.;]{0,60}\b(captur\w*|"
     r"seiz(e|es|ed|ing)|take[sn]? (full )?control|took (full )?control|enter\w*)\b[^.;]{0,40}"
     r"\b(town|city|village|stronghold|district|province|region|airport|base|hill|territory|"
     r"capital|port|crossing)s?)\b",
     ctx=CONFLICT,
     exc=r"\bprotest\w*|\bdemonstrat\w*|\blaunch\w* (an |a |new )?(offensive|operation)|"
         r"\bhostages?\b|\bkidnap\w*|\babduct\w*|\bliberation (front|army|movement|tigers)|"
         r"\bliberation day|\bliberat\w* of (women|prisoners|slaves)|\bdiplomats?\b|"
         r"\bexpel\w* (\w+ ){0,3}(diplomats?|ambassador|envoy|journalists|embassy)|"
         r"\bparty\b|\belection|\bparliament|\bseat|\bvotes?\b",
     pre=SPEECH + r"|\b" + ARMED_ACTOR + r"\b")
rule("nonviolent_transfer",
     r"\b(hand(s|ed|ing)? over (control|security|responsibility|the (town|city|base|region|"
     r"territory|province|area|airport|port))|hand(s|ed|ing)? over [^.;]{0,40}\bto (the )?"
     r"(Afghan|Iraqi|local|government|army|security forces|national)|handover of|"
     r"hand-?over ceremony|transfer\w* (of )?(control|security responsibility|authority) "
     r"(of|over|to|for)|cede[sd]? (control|territory)|without (a fight|resistance|fighting)|"
     r"unopposed|(enter|take|took|takes|taking)\w* (over|control of) [^.;]{0,60}\b(after|following)"
     r" [^.;]{0,40}\bwithdr\w*|evacuat\w* [^.;]{0,30}\b(town|city|base|area) [^.;]{0,40}\b"
     r"(to|under) (the )?(control|army|government))",
     ctx=CONFLICT,
     exc=r"\bhostages?\b|\bsuspects?\b|\bbodies\b|\bremains\b|\bprisoners?\b|\bdetainees?\b|"
         r"\bpower (to|over)\b|\bpresiden\w* (hand|transfer)\w*|\bhands? over power|"
         r"\bfugitive|\bextradit\w*|\bdocuments?\b|\bevidence\b|\bpassports?\b")
rule("retreat",
     r"\b(withdr(aw|aws|ew|awn|awal|awing)|pull(s|ed|ing)? (out|back)|pull-?out|"
     r"retreat(s|ed|ing)?|evacuat\w* (its |their |all )?(troops|forces|soldiers|fighters|"
     r"garrison)|abandon\w* (their |its )?(positions?|bases?|posts?|strongholds?)|"
     r"leave[sd]? (the )?(town|city|area|region|base|positions?)|"
     r"left (the )?(town|city|area|region|base|positions?))\b",
     ctx=R(r"\b(troops|forces|soldiers|military|army|rebels?|militants?|fighters|insurgents?|"
           r"militia\w*|peacekeep\w*|contingent|units?|battalions?|brigades?|garrison|"
           r"Taliban|ISIS|ISIL|Houthis?|Hamas|Hezbollah|M23|Wagner)\b"),
     exc=r"\bfrom (the )?[^.;]{0,30}\b(treaty|agreement|deal|accord|pact|talks|negotiations|"
         r"race|election|elections|competition|tournament|convention|organi[sz]ation|union|"
         r"alliance|coalition government|council)\b|\bwithdraw\w* (its |his |her |their )?"
         r"(ambassador|envoy|candidacy|support|recognition|membership|bid|application|"
         r"nomination|offer|bill|resignation|funding|aid|consent|objection)|\bcalls? for|"
         r"\bdemand\w*|\burg\w*|\bannounc\w*|\bplans?\b|\bwill\b|\btimetable|\bdeadline|"
         r"\bschedule|\brules? out|\bruled out|\bdiscuss\w*|\bafter the (final )?withdrawal|"
         r"\bto withdraw|\bto pull out|\bdelay\w*|\bhalt\w*|\bsuspend\w*|"
         r"\bpostpon\w*|\bbudget|\bvote\w*|\bbill\b|\bresolution|\bstocks?\b|\bmarkets?\b",
     lead=110)
rule("change_to_group",
     r"\b(coup( d'(é|e)tat)?s?\b(?! (attempt )?(plot|trial|anniversary))|seiz\w* power|"
     r"takes? power|took power|defect\w*|"
     r"(names?|named|elects?|elected|appoint\w*|chooses|chose|chosen|announc\w*) (a |its |their |"
     r"the )?(new )?(leader|chief|emir|commander|head|spokesman)\b|new (leader|chief|emir|"
     r"commander) of|pledg\w* (allegiance|loyalty)|swears? allegiance|merge[sd]? |merger|"
     r"splinter\w*|form(s|ed)? (a )?new (armed |militant |rebel |jihadist |insurgent )?"
     r"(group|militia|coalition|alliance|force|front|movement)|announc\w* (the )?(formation|"
     r"creation|establishment) of|disband\w*|dissolv\w* (itself|the (group|militia|army))|"
     r"(lay|laid|lays|laying) down (their |its |his )?(arms|weapons)|surrender\w*|"
     r"decommission\w*|demobili[sz]\w*|hands? in (their |its )?weapons)",
     ctx=R(r"\b(military|army|troops|soldiers|officers|rebels?|militants?|insurgents?|"
           r"fighters|militia\w*|guerrill\w*|Taliban|ISIS|ISIL|Islamic State|al-Qaeda|"
           r"al-Shabaab|Boko Haram|Hamas|Hezbollah|Houthis?|PKK|FARC|IRA|ETA|LTTE|Maoists?|"
           r"M23|RSF|Wagner|junta|coup|armed (group|wing)|paramilitar\w*|jihadist\w*|"
           r"separatist\w*)\b"),
     exc=r"\bfail\w* coup|\bcoup (attempt|plot)\w* (trial|case)|\bplott\w*|\bcoup-?plotters? "
         r"(are|were) (sentenced|tried|convicted)|\bsoft coup|\bjudicial coup|\bcoup rumou?rs|"
         r"\bdefector\w* (say|said|says|claim|testif)\w*|\bdefect\w* (to|from) (the )?"
         r"(party|labour|conservatives?|democrats?|republicans?)|\bsurrender\w* (to )?police\b|"
         r"\bsurrender\w* (his|her) passport|\bmerger (of|between) [^.;]{0,30}\b(compan|bank|firm)|"
         r"\belection|\bparliament\w*|\bprime minister\b|\bcabinet\b|\bcoach\b|\bCEO\b|"
         r"\bsuspend\w*|\bcondemn\w*")
rule("agreement",
     r"\b(ceasefire|cease-fire|truce|armistice|peace (deal|agreement|accord|treaty|pact)|"
     r"sign\w* (a |an |the )?[^.;]{0,50}\b(agreement|accord|deal|treaty|memorandum|pact|"
     r"protocol)|agree\w* (to|on) (a |an )?([\w-]+ ){0,2}(ceasefire|cease-fire|truce|peace|"
     r"prisoner|swap|exchange|withdrawal|deal|disarm\w*)|prisoner[- ](swap|exchange)|"
     r"exchange (of )?(prisoners|bodies|detainees|hostages)|swap (of )?(prisoners|detainees)|"
     r"reach\w* (an? )?(deal|agreement|accord|understanding))\b",
     ctx=R(r"\b(war|conflict|rebels?|militants?|insurgen\w*|fighters|militia\w*|armed|"
           r"military|troops|peace|ceasefire|cease-fire|truce|prisoners?|hostages?|"
           r"Taliban|Hamas|Hezbollah|Houthis?|FARC|PKK|M23|RSF|guerrill\w*|security|"
           r"nuclear|weapons|disarm\w*|border|separatist\w*|demilitari[sz]\w*)\b"),
     exc=r"\bviolat\w*|\bbreach\w*|\bbreak\w* (the )?(ceasefire|truce)|\bbroke\b|\bcollaps\w*|"
         r"\bends? (the |a )?(ceasefire|truce)|\bexpir\w*|\bdespite\b|\bamid\b|\bcalls? for|"
         r"\bcalled for|\burg\w*|\bpropos\w*|\breject\w*|\brefus\w*|\bthreat\w*|"
         r"\btalks (on|about|over|for)|\bnegotiat\w*|\bpressure|\bdemand\w*|\bhop\w*|"
         r"\bclose to\b|\bnear(ing)?\b|\bdraft|\bwill\b|\bplans?\b|\bexpected|\bscheduled|"
         r"\bfail\w*|\bstall\w*|\bsuspend\w*|\bwithdraw\w* from|\bpull\w* out of|\btrade\b|"
         r"\bfree[- ]trade|\bgas (deal|supply)|\boil (deal|supply)|\bclimate|\bbrexit|"
         r"\bcoalition (agreement|deal)|\bbudget|\bkill\w*|\battack\w*|\bclash\w*|\bshell\w*|"
         r"\bbroken\b|\bbreaks? down\b|\bend of (its|the)\b|\bpush\w*|\battempt\w*|\bhurry\b",
     pre=r"\b(says?|said|states?|stated|claims?|claimed|den(y|ies|ied)|accus\w*|warns?|urg\w*|"
         r"calls?|called|demand\w*|if|whether|would|could|will)\b")
POLITICAL_DETAINEE = (
    r"\b(militants?|rebels?|insurgents?|terror\w*|suspected (\w+ ){0,2}(members?|fighters|"
    r"militants|bombers?|plotters?)|opposition|activists?|journalists?|protesters|"
    r"demonstrators|dissidents?|Taliban|ISIS|ISIL|Islamic State|al-Qaeda|al-Shabaab|"
    r"Boko Haram|Hamas|Hezbollah|PKK|ETA|IRA|jihadist\w*|separatist\w*|Islamist\w*|"
    r"extremist\w*|coup|plot\w*|spy|spies|espionage|bloggers?|human rights|lawyers?|"
    r"(party|opposition) (leaders?|members?|figures?)|former (president|prime minister)|"
    r"generals?|officers|soldiers|sedition|treason|insurrection|Muslim Brotherhood|"
    r"gunmen|bomb\w*|attack\w*)\b")
rule("arrests",
     r"\b(arrest(s|ed|ing)?|detain(s|ed|ing)?|round(s|ed)? up|rounded up|taken into custody|"
     r"apprehend\w*|captur\w* (\w+ ){0,2}(suspects?|militants?|leaders?|commanders?|members?))\b",
     ctx=R(POLITICAL_DETAINEE),
     exc=r"\bfreedom\b|\bescap\w*|\barrest warrants?\b|\bwarrants? (for|of) (the )?arrest|\breleas\w*|\bfreed\b|"
         r"\bbail\b|\bhouse arrest (is |was )?(lifted|ended)|\bdrug\w*|\bcartel|\bmurder\w*|"
         r"\brobber\w*|\bfraud|\bcorruption|\bbribe\w*|\bembezzl\w*|\btax\b|\bsex\w*|\brape|"
         r"\bchild|\bfootball|\bwould-be|\bstudent visa")
rule("sanction",
     r"\b(sanction(s|ed)?|impos\w* [^.;]{0,40}\b(sanctions|embargo|restrictions|travel ban|"
     r"asset freeze)|embargo(es)?|expel(s|led|ling)? [^.;]{0,40}\b(diplomats?|ambassadors?|"
     r"envoys?|embassy staff|attach(é|e)s?|consul\w*)|(suspend|sever|cut|break|broke|end)\w* "
     r"(\w+ ){0,2}(diplomatic )?(ties|relations)|recall\w* (its |their )?(ambassadors?|envoys?)|"
     r"persona non grata|freez\w* (the )?[^.;]{0,30}\bassets|asset freeze|blacklist\w*|"
     r"designat\w* [^.;]{0,60}\b(terrorist|terror) (organi[sz]ation|group|entity|entities)|"
     r"clos\w* (its |the )?[^.;]{0,20}\b(embassy|consulate)|boycott\w*|walk\w* out of "
     r"(the )?(talks|negotiations)|suspend\w* (the )?(talks|negotiations|peace process))\b",
     ctx=CONFLICT,
     exc=r"\blift\w*|\beas(e|es|ed|ing)\b|\bremov\w*|\brestor\w*|\bresum\w*|\bend(s|ed)? "
         r"(the )?(sanctions|embargo|boycott)|\bcalls? for|\bcalled for|\burg\w*|\bappeal\w*|"
         r"\bdemand\w*|\bthreat\w*|\bwarn\w*|\bconsider\w*|\bpropos\w*|\bdebat\w*|\bwill\b|"
         r"\bplans?\b|\bviolat\w*|\bevad\w*|\bevasion|\bbust\w*|\bdespite\b|\bsanctioned "
         r"(by|under) (the )?(law|court)|\bdoping|\bolympic|\bfifa|\buefa|\bsports?\b|"
         r"\belection (boycott|is boycotted)|\bboycott\w* (the )?(election|vote|poll|referendum|"
         r"parliament|session)",
     pre=SPEECH, lead=110)
rule("concede",
     r"\b((releas(e|es|ed|ing)|(?-i:free(s|d|ing)?)|pardon(s|ed|ing)?|amnest(y|ies)|hand\w* over) "
     r"[^.;]{0,60}\b(prisoners?|detainees?|hostages?|captives?|political prisoners|activists?|"
     r"journalists?|POWs|prisoners of war|soldiers|sailors|fishermen|opposition)|"
     r"lift(s|ed|ing)? (the |a |its |their )?[^.;]{0,40}\b(ban|bans|curfew|state of emergency|"
     r"martial law|sanctions|embargo|blockade|restrictions?|siege|travel ban)|"
     r"eas(e|es|ed|ing) (the |its )?[^.;]{0,30}\b(restrictions|sanctions|blockade|siege|curbs)|"
     r"apologi[sz](e|es|ed|ing)|issu\w* (a |an )?(formal |official )?apology|"
     r"reopen(s|ed|ing)? (the |its )?[^.;]{0,20}\b(border|crossing|embassy|airspace)|"
     r"unblock\w*|restor\w* (diplomatic )?(ties|relations|internet|access)|"
     r"drop(s|ped)? (its |their )?(demand|claim|objection)s?|back(s|ed)? down)\b",
     ctx=CONFLICT,
     exc=r"\bcalls? for|\bcalled for|\burg\w*|\bappeal\w*|\bdemand\w*|\brefus\w*|\breject\w*|"
         r"\bwill\b|\bplans?\b|\bconsider\w*|\bpropos\w*|\bthreat\w*|\bwarn\w*|\bdeny|\bdenies|"
         r"\bdemands? (an |the )?apology|\bwithout (an )?apology|\bexpected|\bafter being "
         r"(arrested|detained)|\bhunger strike|\basks?\b|\basked\b|\bmust\b|\bshould\b|"
         r"\bfootball|\bFIFA\b|\bkill\w*|\bsport\w*",
     pre=SPEECH, lead=110)
rule("aid",
     r"\b(humanitarian (aid|assistance|supplies|convoys?|corridors?|flights?|shipments?)|"
     r"aid (convoys?|shipments?|flights?|deliveries|packages?|trucks|lorries|ships?|"
     r"airdrops?)|relief (supplies|convoys?|flights?|goods)|"
     r"(deliver|send|sent|ship|airdrop|air-drop|airlift|fly|flew|flies|truck|provid|donat)"
     r"\w* [^.;]{0,50}\b(aid|food|medicine|medical supplies|relief|supplies|assistance|"
     r"tents|blankets|fuel|water)|"
     r"(send|sent|deliver|provid|suppl|ship|transfer|donat)\w* [^.;]{0,50}\b(weapons|arms|"
     r"military (aid|assistance|equipment|hardware)|ammunition|missiles|tanks|fighter jets|"
     r"air defen[cs]e|artillery|howitzers|drones)|"
     r"(send|sent|sends|dispatch\w*|deploy\w*) [^.;]{0,40}\b(troops|soldiers|forces|military "
     r"advisers|advisors|peacekeepers)\b[^.;]{0,30}\b(to (help|assist|support|aid|back|fight "
     r"alongside)|in support of|at the request of)|"
     r"evacuat\w* (\w+ ){0,3}(civilians|wounded|injured|foreign nationals|citizens|nationals|"
     r"children|residents|refugees))\b",
     ctx=CONFLICT,
     exc=r"\bcalls? for|\bcalled for|\burg\w*|\bappeal\w*|\bdemand\w*|\bblock\w*|\bhalt\w*|"
         r"\bsuspend\w*|\bcut\w* (off )?(aid|funding)|\bstop\w*|\bpledg\w*|\bpromis\w*|"
         r"\bwill\b|\bplans?\b|\bapprov\w*|\bbill\b|\bvotes?\b|\bpropos\w*|\bconsider\w*|"
         r"\bdeny|\bdenies|\bdenied|\brefus\w*|\bbarred|\bprevent\w*|\bkill\w*|\battack\w*|"
         r"\bshell\w*|\bstrikes?\b|\blooted|\bhijack\w*|\bsmuggl\w*|\billegal\w*|\bseiz\w*|"
         r"\bintercept\w*|\bsanction\w*|\bembargo|\btrying\b|\bcaught\b|\baccus\w*|\boffer\w*|"
         r"\bfire\b|\bflood\w*|\bearthquake|\bhurricane|\bcyclone|\btsunami|\bstorm\b",
     pre=SPEECH, lead=120)
rule("mobilize",
     r"\b(deploy(s|ed|ing|ment)?|redeploy\w*|sends? (\w+ ){0,4}(troops|soldiers|forces|warships?|"
     r"tanks|paratroopers|marines|reinforcements|battalions?|aircraft carriers?|carrier|"
     r"destroyers?|submarines?|fighter jets|bombers)|sent (\w+ ){0,4}(troops|soldiers|forces|"
     r"warships?|tanks|paratroopers|marines|reinforcements|battalions?|aircraft carriers?|"
     r"destroyers?|submarines?|fighter jets|bombers)|mass(es|ed|ing)? (\w+ ){0,3}(troops|forces|"
     r"tanks|soldiers)|(troop|military) build-?up|build-?up of (\w+ )?(troops|forces)|"
     r"mobili[sz](e|es|ed|ing|ation)|reservists?|call\w* up (\w+ ){0,3}(reservists|soldiers|"
     r"troops|conscripts)|conscript\w*|(rais|put|puts|plac)\w* [^.;]{0,40}\b(on )?(high(est)? )?"
     r"(alert|readiness)|high(est)? alert|combat readiness|state of alert|full alert)\b",
     ctx=R(r"\b(military|army|troops|soldiers|forces|warships?|navy|naval|tanks|marines|"
           r"reservists|defen[cs]e|border|alert|readiness|paratroopers|battalions?|"
           r"brigades?|peacekeep\w*|national guard|militia\w*|rebels?|Taliban|NATO)\b"),
     exc=r"\bcalls? for|\bcalled for|\burg\w*|\bappeal\w*|\bdemand\w*|\bwill\b|\bplans?\b|"
         r"\bconsider\w*|\bpropos\w*|\bapprov\w*|\bvotes?\b|\bbill\b|\bthreat\w*|\bwarn\w*|"
         r"\bwithdr\w*|\bpull\w* out|\bkill\w*|\battack\w*|\bclash\w*|\bshell\w*|\bbomb\w*|"
         r"\bflood\w*|\bearthquake|\bhurricane|\bcyclone|\bwildfire|\bfires?\b|\bcovid|"
         r"\bcoronavirus|\bpandemic|\bvaccin\w*|\bdisaster|\brelief\b|\brescue|\bmissile "
         r"defen[cs]e system|\bvoters?\b|\bsupporters\b|\belection",
     pre=SPEECH, lead=120)
STATEMENT_EXC = (r"\b(kill\w*|killing|attack(s|ed|ing)? (on|in|near|by|at) |bomb(ing|ed|s)? "
                 r"(kills?|killed)|explosion|clash(es|ed)|dead|died)\b")
rule("threaten",
     r"\b(threat(en|ens|ened|ening)\b|ultimatum|vow(s|ed)? (to )?(retaliat\w*|revenge|respond|"
     r"strike|attack|hit|destroy|crush|wipe|avenge|punish|fight)|(will|would) (retaliate|strike "
     r"back|respond (militarily|with force))|warn(s|ed|ing)? (\w+ ){0,6}(that|of|against|it "
     r"will|it would)[^.;]{0,80}\b(attack|retaliat\w*|military (action|response|force)|"
     r"strike|force|consequences|respond|invade|invasion|nuclear|destroy|punish)|bomb "
     r"(threats?|hoax)|(hoax|threat)\w* (bomb|call))",
     ctx=CONFLICT,
     exc=STATEMENT_EXC + r"|\bthreatened species|\blife-threatening|\blife threatening|\bAIDS\b|\bunder threat\b|"
         r"\bthreat level|\bthreat assessment|\bno threat\b|\bposes? (a )?(threat|no threat)|"
         r"\bthreat to (global|world|national|regional|public) (security|health|peace)|"
         r"\bwarns? (of|about) (a |an |the )?(famine|humanitarian|catastroph\w*|crisis|risk|"
         r"shortages?|outbreak|disaster|collapse)|\bclimate|\bweather",
     pre=r"\b(kill\w*|attack\w*|bomb\w*|explo\w*|clash\w*|shell\w*|arrest\w*|deny|denies|"
         r"denied|reject\w*|accus\w*|says?|said)\b", lead=110)
rule("reject",
     r"\b(reject(s|ed|ing)?|refus(e|es|ed|ing)|veto(es|ed)?|vetoing|"
     r"den(y|ies|ied) [^.;]{0,40}\b(request|demand|entry|access|permission|visas?|landing|"
     r"overflight|passage)|dismiss(es|ed) (the |a |an )?(call|demand|proposal|offer|plan|"
     r"ultimatum|peace)|turn(s|ed)? down|rebuff\w*|spurn\w*|rules? out|ruled out)\b",
     ctx=CONFLICT,
     exc=STATEMENT_EXC + r"|\bcourt\b|\bjudge\b|\bappeal\w* court|\bsupreme court|"
         r"\bvoters (reject|refus)\w*|\breferendum|\bjury\b|\bbail\b|\basylum (claim|application)",
     pre=r"\b(kill\w*|attack\w*|bomb\w*|explo\w*|clash\w*|shell\w*|arrest\w*|claims?|"
         r"execut\w*)\b", lead=110)
rule("accuse",
     r"\b(accus(e|es|ed|ing)\b(?! of)|accuses|blam(e|es|ed|ing)|condemn(s|ed|ing)?|"
     r"denounc\w*|criticiz\w*|criticis\w*|censur\w*|rebuk\w*|"
     r"summon(s|ed)? [^.;]{0,40}\b(ambassadors?|envoys?|diplomats?|charg(é|e)s? d'affaires)|"
     r"lodg\w* (a |an )?(formal |official |diplomatic )?(protest|complaint)|"
     r"(formal|diplomatic|official) protest)\b",
     ctx=CONFLICT,
     exc=r"\b(is|are|was|were|been|being|stand|stands) accused\b|\baccused (man|woman|men|"
         r"soldiers?|officers?)|\btrial\b|\bcourt\b|\bsentenc\w*|\bconvict\w*|\bcharged\b|"
         r"\bcharges\b|\bjudge\b|\bverdict|\bindict\w*",
     pre=r"\b(kill\w*|attack\w*|bomb\w*|explo\w*|clash\w*|shell\w*|arrest\w*|died|dead)\b",
     lead=110)
rule("request",
     r"\b(call(s|ed|ing)? (on|upon|for)|urg(e|es|ed|ing)|appeal(s|ed|ing)? (to|for)|"
     r"demand(s|ed|ing)?|ask(s|ed)? (\w+ ){0,5}(to|for)|request(s|ed|ing)?|"
     r"press(es|ed)? (\w+ ){0,3}(to|for)|plead\w*|implor\w*)\b",
     ctx=CONFLICT,
     exc=STATEMENT_EXC + r"|\bdemand(s|ed)? (for|of) [^.;]{0,20}\b(oil|gas|energy|goods|"
         r"products?)|\bin demand\b|\bon demand\b|\bsupply and demand|\bcalled off|"
         r"\bso-called|\bcalls? (an |a )?(snap |early )?election|\bcourt\b|\bjudge\b|"
         r"\bprosecutors?\b|\bsentenc\w*|\bextradit\w*|\bhostages?\b|\bransom\b|\barriv\w*",
     pre=r"\b(kill\w*|attack\w*|bomb\w*|explo\w*|clash\w*|shell\w*|arrest\w*|died|dead)\b",
     lead=110)
rule("support",
     r"\b(endors(e|es|ed|ing)|recogni[sz](e|es|ed|ing) [^.;]{0,60}\b(independence|"
     r"government|state|statehood|sovereignty|legitimate|annexation|as (the )?(sole |"
     r"legitimate |official )?(representative|government|president|leader))|"
     r"(?<!-)back(s|ed|ing)? (the |a |an |its )?[^.;]{0,30}\b(plan|proposal|resolution|government|"
     r"bid|offensive|call|ceasefire|truce|peace|operation|intervention|campaign|strikes)|"
     r"express\w* (its |their |his |her )?(full |strong |firm )?(support|solidarity)|"
     r"voic\w* (its |their |his |her )?(support|solidarity)|declar\w* (its |their )?support|"
     r"reaffirm\w* (its |their )?support|pledg\w* (its |their )?(full )?support|"
     r"welcom(e|es|ed|ing)|stands? with|stood with|in solidarity with|"
     r"(votes?|voted) (in favou?r|for) (of )?(the |a )?[^.;]{0,20}\bresolution)\b",
     ctx=CONFLICT,
     exc=STATEMENT_EXC + r"|\bwelcome (center|centre|party)|\bwelcomed (back|home) (by )?"
         r"(crowds|fans)|\bvoters\b|\belection (campaign|rally)|\bendorse\w* (\w+ ){0,3}"
         r"(candidate|candidacy|for president|presidential)|\bprimary\b|\bcourt\b|\bwhether\b|"
         r"\bdebat\w*|\bcalls? back|\brecall\w*",
     pre=r"\b(kill\w*|attack\w*|bomb\w*|explo\w*|clash\w*|shell\w*|arrest\w*|died|dead)\b",
     lead=110)
rule("consult",
     r"\b(meet(s|ing)? (with )?|met (with )?|hold(s|ing)? (\w+ ){0,2}talks|held (\w+ ){0,2}talks|"
     r"(talks|negotiations|consultations) (with|between|in|on)|peace talks|summit|"
     r"(phone|telephone) (call|conversation|talks)|(speaks|spoke|talks|talked) (by phone|by "
     r"telephone|with)|negotiat(e|es|ed|ing)|mediat(e|es|ed|ing|ion)|visit(s|ed|ing)?\b|"
     r"arriv(e|es|ed) in|travel(s|led|ed)? to|(host|hosts|hosted) (\w+ ){0,4}(talks|summit|"
     r"meeting|delegation|leaders?|president|minister))",
     ctx=CONFLICT,
     exc=STATEMENT_EXC + r"|\bfail\w*|\bcollaps\w*|\bsuspend\w*|\bwalk\w* out|\bcancel\w*|"
         r"\bpostpon\w*|\bwill\b|\bplans? to|\bscheduled|\bexpected to|\bto meet\b|"
         r"\bto visit\b|\bboycott\w*|\brefus\w*|\breject\w*|\bvisitors?\b|\btourists?\b|"
         r"\bvisit(ing)? (hours|rights|visa)|\bvisa\b|\bcourt\b|\bjudge\b",
     pre=r"\b(kill\w*|attack\w*|bomb\w*|explo\w*|clash\w*|shell\w*|arrest\w*|died|dead)\b",
     lead=110)
# negative: conflict or political context, with no event of its own.
NEG_EXC = (EVENT_VERBS + r"\b|\b(protest\w*|demonstrat\w*|accus\w*|blam\w*|condemn\w*|threat\w*|"
           r"warn\w*|urg\w*|calls? (for|on)|demand\w*|reject\w*|refus\w*|sanction\w*|"
           r"agree\w*|sign\w*|meets?|met|talks|visit\w*|deploy\w*|withdr\w*|releas\w*|"
           r"ceasefire|truce|resign\w*|elect\w*|sworn|appoint\w*)\b")
rule("negative",
     r"\b(anniversar\w*|commemorat\w*|memorial (service|ceremony|day)|marks? (the )?"
     r"(\w+ ){0,2}(years?|anniversary)|(publish|releas|issu)\w* (a |an |its |their )?"
     r"([\w-]+ ){0,3}report\b|report (finds|says|concludes|estimates|shows)|study (finds|shows)|"
     r"opinion poll|poll (shows|finds)|(plans?|intends?) to|is expected to|are expected to|"
     r"(says|said|believes|thinks) (that )?(the )?[^.;]{0,40}\b(is|are|will|would|could|may)\b|"
     r"is likely to|are likely to|estimat\w*)",
     ctx=CONFLICT,
     exc=NEG_EXC + r"|\bfloods?\b|\bearthquake|\bhurricane|\bcyclone|\bdrought|\bfamine|\bcovid|\bcoronavirus|\bpandemic|\bvaccin\w*|\bsports?\b|\bolympic",
     pre=None, legal=False)
rule("negative",
     r"\b(trial (of|begins|opens|resumes)|verdict|sentenc(e|es|ed|ing)\b|convict(s|ed|ion)|"
     r"acquit\w*|found (guilty|not guilty)|pleads? (guilty|not guilty)|indict(s|ed|ment))",
     ctx=R(r"\b(war crimes?|crimes against humanity|genocide|terror\w*|militants?|rebels?|"
           r"insurgen\w*|bomb\w*|attacks?|massacre|coup|soldiers?|troops|army|military|"
           r"warlord|militia\w*|al-Qaeda|ISIS|ISIL|Islamic State|Taliban|Hamas|Hezbollah|"
           r"tribunal|ICC|ICTY|protesters|treason|espionage|spy)\b"),
     exc=r"\bcovid|\bcoronavirus|\bsports?\b|\bdoping|\barrest\w* (warrant)?|\bwill\b|"
         r"\bdrug\w*|\bcartel",
     pre=None, legal=False)

PRIORITY = [
    "chemical_weapon", "sexual_violence", "hq_base_established", "suicide_bomb",
    "disrupted_weapons", "grenade", "remote_explosive_ied", "air_drone_strike",
    "other_strategic", "shelling_artillery_missile", "excessive_force_protest",
    "protest_intervention", "violent_demonstration", "mob_violence", "peaceful_protest",
    "abduction", "looting_property", "nsa_overtakes", "gov_regains", "nonviolent_transfer",
    "retreat", "change_to_group", "agreement", "arrests", "sanction", "concede", "aid",
    "mobilize", "threaten", "reject", "accuse", "request", "support", "consult", "negative",
]
QUOTA = {
    "remote_explosive_ied": 75, "air_drone_strike": 85, "shelling_artillery_missile": 90,
    "violent_demonstration": 95, "agreement": 105, "nsa_overtakes": 110, "gov_regains": 110,
    "grenade": 115, "protest_intervention": 120, "change_to_group": 120,
    "excessive_force_protest": 125, "arrests": 125, "suicide_bomb": 125, "abduction": 125,
    "mob_violence": 135, "peaceful_protest": 135, "nonviolent_transfer": 135,
    "looting_property": 140, "disrupted_weapons": 140, "chemical_weapon": 150,
    "other_strategic": 150, "hq_base_established": 100, "sexual_violence": 100,
    "consult": 150, "request": 120, "accuse": 105, "threaten": 150, "reject": 150,
    "sanction": 140, "aid": 160, "support": 160, "concede": 150, "mobilize": 120,
    "retreat": 100, "negative": 100,
}
assert set(PRIORITY) == set(QUOTA) == set(T)


def matches(r, t):
    m = r["inc"].search(t)
    if not m:
        return False
    if r["lead"] is not None and m.start() > r["lead"]:
        return False
    if r["ctx"] is not None and not r["ctx"].search(t):
        return False
    if r["exc"] is not None and r["exc"].search(t):
        return False
    if r["pre"] is not None and r["pre"].search(t[:m.start()]):
        return False
    return True


def classify(t):
    for target in PRIORITY:
        if any(matches(r, t) for r in T[target]):
            return target
    return None


# ---------------------------------------------------------------- sampling and output

def sample(cands, quota, rng):
    """Round-robin over years (years in order, each year's items shuffled)."""
    by_year = collections.defaultdict(list)
    for it in cands:
        by_year[it["date"][:4]].append(it)
    queues = []
    for y in sorted(by_year):
        lst = sorted(by_year[y], key=lambda it: (it["date"], it["pos"]))
        rng.shuffle(lst)
        queues.append(lst)
    out = []
    while len(out) < quota and any(queues):
        for q in queues:
            if q and len(out) < quota:
                out.append(q.pop())
    return out


def record(it, commit):
    y, m, d = it["date"].split("-")
    return {"id": it["id"], "text": it["text"], "published": it["date"],
            "source": f"{REPO}@{commit}:{it['path']}",
            "url": f"https://en.wikipedia.org/wiki/Portal:Current_events/{y}_{MONTHS[int(m) - 1]}_{int(d)}",
            "licence": "CC BY-SA 4.0", "attribution": "Wikipedia contributors, Portal:Current events",
            "category": it["category"], "target": it["target"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20261208)
    ap.add_argument("--mirror", default=MIRROR)
    ap.add_argument("--commit", default=COMMIT)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--batches", default=str(BATCHES))
    ap.add_argument("--dry-run", action="store_true", help="count and show, write nothing")
    ap.add_argument("--show", help="print sampled items of this target (or 'all')")
    ap.add_argument("--show-n", type=int, default=30)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    items, stats = read_items(a.mirror, a.commit)
    print(f"files read {stats['files']}, deep-context skipped {stats['files_deep_context']}, "
          f"unparsed {stats['files_unparsed']}, items {stats['items']}", file=sys.stderr)

    seen_full, seen_head = set(), set()
    out_path = Path(a.out).resolve()
    for f in sorted(SNIPPETS.glob("*.jsonl")):
        if f.resolve() == out_path:
            continue
        for r in read_jsonl(f):
            n = norm(r["text"])
            seen_full.add(n)
            seen_head.add(n[:60])
    pool, own = [], set()
    for pos, it in enumerate(items):
        it["pos"] = pos
        if not qualifies(it):
            continue
        n = norm(it["text"])
        if n in seen_full or n[:60] in seen_head or n in own or n[:60] in own:
            continue
        own.add(n)
        own.add(n[:60])
        pool.append(it)
    print(f"pool (qualifying, new, deduplicated): {len(pool)}", file=sys.stderr)

    cands = collections.defaultdict(list)
    for it in pool:
        tgt = classify(it["text"])
        if tgt:
            it["target"] = tgt
            cands[tgt].append(it)

    chosen = {}
    for tgt in PRIORITY:
        chosen[tgt] = sample(cands[tgt], QUOTA[tgt], rng)

    print(f"{'target':28} {'cands':>6} {'quota':>6} {'taken':>6}")
    for tgt in PRIORITY:
        flag = "  SHORT" if len(chosen[tgt]) < QUOTA[tgt] else ""
        print(f"{tgt:28} {len(cands[tgt]):6} {QUOTA[tgt]:6} {len(chosen[tgt]):6}{flag}")
    sel = [it for tgt in PRIORITY for it in chosen[tgt]]
    print(f"{'total':28} {sum(len(v) for v in cands.values()):6} {sum(QUOTA.values()):6} "
          f"{len(sel):6}")
    years = collections.Counter(it["date"][:4] for it in sel)
    print("years: " + ", ".join(f"{y}: {years[y]}" for y in sorted(years)))

    if a.show:
        for tgt in (PRIORITY if a.show == "all" else [a.show]):
            print(f"\n== {tgt}")
            for it in chosen[tgt][:a.show_n]:
                print(" -", it["text"])
    if a.dry_run:
        return

    sel.sort(key=lambda it: (it["date"], it["pos"]))
    per_day = collections.Counter()
    for it in sel:
        per_day[it["date"]] += 1
        it["id"] = f"cep3-{it['date'].replace('-', '')}-{per_day[it['date']]}"
    recs = [record(it, a.commit) for it in sel]
    with open(out_path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} items to {out_path}")

    # Batches: each target's items spread evenly over the whole sequence, then cut in chunks.
    keyed = []
    by_tgt = collections.defaultdict(list)
    for r in recs:
        by_tgt[r["target"]].append(r)
    for tgt in PRIORITY:
        lst = by_tgt[tgt]
        rng.shuffle(lst)
        for i, r in enumerate(lst):
            keyed.append(((i + rng.random()) / len(lst), r["id"], r))
    keyed.sort(key=lambda k: (k[0], k[1]))
    order = [k[2] for k in keyed]
    nb = max(1, round(len(order) / BATCH_SIZE))
    bdir = Path(a.batches)
    bdir.mkdir(parents=True, exist_ok=True)
    for old in bdir.glob("batch-*.jsonl"):
        old.unlink()
    for b in range(nb):
        chunk = order[b * len(order) // nb:(b + 1) * len(order) // nb]
        with open(bdir / f"batch-{b + 1:02d}.jsonl", "w", encoding="utf-8") as f:
            for r in chunk:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {nb} batches of {len(order) // nb}-{-(-len(order) // nb)} items to {bdir}")


if __name__ == "__main__":
    main()
