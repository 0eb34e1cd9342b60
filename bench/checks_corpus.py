"""Synthetic EN→FR/DE/ES catalogues with planted defects, for bench_checks.py.

Why synthetic: a benchmark of *checks* needs a gold label per entry (which
defect, if any, was planted) and clean look-alikes that bait false alarms —
correct French typography with U+00A0 or U+202F, German „ “ and » «, Spanish
« » or “ ”, block quotations that open in one segment and close two segments
later, apostrophes ("workers’ councils", "l’État"), reformatted numbers
(380,000 → 380 000 / 380.000, 1.7 → 1,7) and localised citation locators
(pp. → p. / S. / págs.).  Sentences are written here (parallel templates in
four languages); nothing is copied from the bundled seed.

Sentinels in the target templates: ⟪O⟫ ⟪C⟫ outer quotation marks, ⟪o⟫ ⟪c⟫
nested ones, ⟪P⟫ the French space before ; : ! ?.  Defects are applied to
sentinels and slot values *before* the language's style is rendered, so a
planted defect never depends on the style chosen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import polib

NB, NN = "\u00a0", "\u202f"
LANGS = ("fr", "de", "es")
KINDS = (
    "quote-balance",
    "quote-count",
    "quote-consistency",
    "quote-untranslated",
    "citation-kept",
    "number-kept",
    "fr-typography",
)

#: Quoted passages: English, French, German, Spanish, and alternative (inconsistent) renderings.
QUOTES = [
    (
        "socialism in one country",
        {
            "fr": "socialisme dans un seul pays",
            "de": "Sozialismus in einem Land",
            "es": "socialismo en un solo país",
        },
        {
            "fr": ["socialisme en un seul pays", "socialisme dans un pays unique"],
            "de": ["Sozialismus in einem einzigen Land"],
            "es": ["socialismo en un único país"],
        },
    ),
    (
        "permanent revolution",
        {
            "fr": "révolution permanente",
            "de": "permanente Revolution",
            "es": "revolución permanente",
        },
        {
            "fr": ["révolution ininterrompue"],
            "de": ["ununterbrochene Revolution"],
            "es": ["revolución ininterrumpida"],
        },
    ),
    (
        "new course",
        {"fr": "cours nouveau", "de": "neuer Kurs", "es": "nuevo curso"},
        {"fr": ["nouveau cours"], "de": ["neue Kurs"], "es": ["curso nuevo"]},
    ),
    (
        "great leap backwards",
        {"fr": "grand bond en arrière", "de": "großer Sprung zurück", "es": "gran salto atrás"},
        {
            "fr": ["grand saut en arrière"],
            "de": ["großer Rückschritt"],
            "es": ["gran salto hacia atrás"],
        },
    ),
    (
        "Lenin levy",
        {"fr": "promotion Lénine", "de": "Lenin-Aufgebot", "es": "promoción Lenin"},
        {"fr": ["levée Lénine"], "de": ["Leninaufgebot"], "es": ["leva Lenin"]},
    ),
    (
        "degenerated workers’ state",
        {
            "fr": "État ouvrier dégénéré",
            "de": "degenerierter Arbeiterstaat",
            "es": "Estado obrero degenerado",
        },
        {
            "fr": ["État ouvrier dégénérescent"],
            "de": ["entarteter Arbeiterstaat"],
            "es": ["Estado obrero degenerativo"],
        },
    ),
    (
        "united front",
        {"fr": "front unique", "de": "Einheitsfront", "es": "frente único"},
        {"fr": ["front uni"], "de": ["vereinte Front"], "es": ["frente unido"]},
    ),
    (
        "dictatorship of the proletariat",
        {
            "fr": "dictature du prolétariat",
            "de": "Diktatur des Proletariats",
            "es": "dictadura del proletariado",
        },
        {
            "fr": ["dictature prolétarienne"],
            "de": ["proletarische Diktatur"],
            "es": ["dictadura proletaria"],
        },
    ),
    (
        "left opposition",
        {"fr": "opposition de gauche", "de": "linke Opposition", "es": "oposición de izquierda"},
        {"fr": ["opposition gauche"], "de": ["Linksopposition"], "es": ["oposición izquierdista"]},
    ),
]
NAMES = [
    ("Stalin", "Staline", "Stalin", "Stalin"),
    ("Lenin", "Lénine", "Lenin", "Lenin"),
    ("Bukharin", "Boukharine", "Bucharin", "Bujarin"),
    ("Zinoviev", "Zinoviev", "Sinowjew", "Zinóviev"),
]
CITES = [
    ("Trotsky", "1928/1962", ("152", "155")),
    ("Deutscher", "1959", ("88",)),
    ("Broué", "1988", ("412", "415")),
    ("Carr", "1970", ("31",)),
    (None, None, ("25",)),
]
LI = {"en": 0, "fr": 1, "de": 2, "es": 3}

#: (English, {lang: target}); fields: Y year, N name, BIG integer, DEC decimal, CIT citation, q1 q2 quotations.
TEMPLATES = [
    (
        "In {Y}, {N} defended the strategy of “{q1}”.",
        {
            "fr": "En {Y}, {N} défendit la stratégie du ⟪O⟫{q1}⟪C⟫.",
            "de": "{Y} verteidigte {N} die Strategie des ⟪O⟫{q1}⟪C⟫.",
            "es": "En {Y}, {N} defendió la estrategia del ⟪O⟫{q1}⟪C⟫.",
        },
    ),
    (
        "More than {BIG} workers left production in {Y} {CIT}.",
        {
            "fr": "Plus de {BIG} ouvriers quittèrent la production en {Y} {CIT}.",
            "de": "Mehr als {BIG} Arbeiter verließen {Y} die Produktion {CIT}.",
            "es": "Más de {BIG} obreros abandonaron la producción en {Y} {CIT}.",
        },
    ),
    (
        "There remained no more than about {DEC} million inhabitants in {Y}.",
        {
            "fr": "Il ne restait plus qu’environ {DEC} millions d’habitants en {Y}.",
            "de": "Es blieben {Y} nicht mehr als etwa {DEC} Millionen Einwohner.",
            "es": "En {Y} no quedaban más que unos {DEC} millones de habitantes.",
        },
    ),
    (
        "{N} called it “{q1}”, while others spoke of “{q2}”.",
        {
            "fr": "{N} l’appelait ⟪O⟫{q1}⟪C⟫, tandis que d’autres parlaient de ⟪O⟫{q2}⟪C⟫.",
            "de": "{N} nannte es ⟪O⟫{q1}⟪C⟫, während andere von ⟪O⟫{q2}⟪C⟫ sprachen.",
            "es": "{N} lo llamaba ⟪O⟫{q1}⟪C⟫, mientras otros hablaban de ⟪O⟫{q2}⟪C⟫.",
        },
    ),
    (
        "He wrote: “the so-called ‘{q1}’ was a myth” {CIT}.",
        {
            "fr": "Il écrivit⟪P⟫: ⟪O⟫le prétendu ⟪o⟫{q1}⟪c⟫ était un mythe⟪C⟫ {CIT}.",
            "de": "Er schrieb: ⟪O⟫der sogenannte ⟪o⟫{q1}⟪c⟫ war ein Mythos⟪C⟫ {CIT}.",
            "es": "Escribió: ⟪O⟫el llamado ⟪o⟫{q1}⟪c⟫ era un mito⟪C⟫ {CIT}.",
        },
    ),
    (
        "What was to be done? The answer was clear: {N} had to go!",
        {
            "fr": "Que fallait-il faire⟪P⟫? La réponse était claire⟪P⟫: {N} devait partir⟪P⟫!",
            "de": "Was war zu tun? Die Antwort war klar: {N} musste gehen!",
            "es": "¿Qué había que hacer? La respuesta era clara: ¡{N} tenía que irse!",
        },
    ),
    (
        "The workers’ councils lost their power in {Y}; the party’s apparatus grew.",
        {
            "fr": "Les conseils ouvriers perdirent leur pouvoir en {Y}⟪P⟫; l’appareil du parti grandit.",
            "de": "Die Arbeiterräte verloren {Y} ihre Macht; der Apparat der Partei wuchs.",
            "es": "Los consejos obreros perdieron su poder en {Y}; el aparato del partido creció.",
        },
    ),
    (
        "{N} spoke of “{q1}” in {Y} {CIT}.",
        {
            "fr": "{N} parla du ⟪O⟫{q1}⟪C⟫ en {Y} {CIT}.",
            "de": "{N} sprach {Y} vom ⟪O⟫{q1}⟪C⟫ {CIT}.",
            "es": "{N} habló del ⟪O⟫{q1}⟪C⟫ en {Y} {CIT}.",
        },
    ),
    (
        "By {Y}, {BIG} members had joined; “{q1}” was the slogan.",
        {
            "fr": "En {Y}, {BIG} membres avaient adhéré⟪P⟫; ⟪O⟫{q1}⟪C⟫ était le mot d’ordre.",
            "de": "Bis {Y} waren {BIG} Mitglieder beigetreten; ⟪O⟫{q1}⟪C⟫ war die Losung.",
            "es": "Hacia {Y}, {BIG} miembros se habían afiliado; ⟪O⟫{q1}⟪C⟫ era la consigna.",
        },
    ),
]
#: A block quotation over three segments: opens in the first, closes in the last.
BLOCK = (
    [
        "“The first task was to hold on until {Y}.",
        "The second was to wait for the European revolution.",
        "Nothing else mattered.”",
    ],
    {
        "fr": [
            "⟪O⟫La première tâche était de tenir jusqu’en {Y}.",
            "La seconde était d’attendre la révolution européenne.",
            "Rien d’autre ne comptait.⟪C⟫",
        ],
        "de": [
            "⟪O⟫Die erste Aufgabe war, bis {Y} durchzuhalten.",
            "Die zweite war, auf die europäische Revolution zu warten.",
            "Nichts anderes zählte.⟪C⟫",
        ],
        "es": [
            "⟪O⟫La primera tarea era resistir hasta {Y}.",
            "La segunda era esperar la revolución europea.",
            "Nada más importaba.⟪C⟫",
        ],
    },
)


@dataclass
class Item:
    """One catalogue entry before rendering: English, target with sentinels, slots, gold."""

    en: str
    tgt: str
    slots: dict
    chain: int = 0  # position in a block quotation (0 = none, 1..3)
    quotes: list[int] = field(default_factory=list)  # indexes into QUOTES of q1, q2
    kind: str | None = None
    look: int = 0  # which of the language's correct styles (shared by a block quotation's segments)
    fuzzy: bool = False
    untranslated: bool = False


def fmt_int(n: int, lang: str, rng: random.Random) -> str:
    s = str(n)
    groups = []
    while s:
        groups.insert(0, s[-3:])
        s = s[:-3]
    if lang == "en":
        return ",".join(groups)
    if len(groups) == 1:
        return groups[0]
    seps = {"fr": [NN, NB, " "], "de": [".", NN], "es": [".", " ", NB]}[lang]
    if n < 10000 and lang in ("es", "de") and rng.random() < 0.3:
        return "".join(groups)
    return rng.choice(seps).join(groups)


def fmt_dec(x: str, lang: str) -> str:
    return x if lang == "en" else x.replace(".", ",")


def fmt_cite(c: tuple, lang: str) -> str:
    author, year, pages = c
    pg = "-".join(pages)
    if author is None:
        return {
            "en": f"(ibid., p.{pages[0]})",
            "fr": f"(ibid., p.{NB}{pages[0]})",
            "de": f"(ebd., S. {pages[0]})",
            "es": f"(ibíd., pág. {pages[0]})",
        }[lang]
    loc = {
        "en": "pp." if len(pages) > 1 else "p.",
        "fr": "p.",
        "de": "S.",
        "es": "págs." if len(pages) > 1 else "pág.",
    }[lang]
    dash = "–" if lang == "de" else "-"
    sp = NB if lang == "fr" else " "
    return f"({author} {year}, {loc}{sp}{pg.replace('-', dash)})"


def make_items(lang: str, n: int, rng: random.Random) -> list[Item]:
    items: list[Item] = []
    while len(items) < n:
        slots = {
            "Y": rng.choice(range(1905, 1940)),
            "N": rng.randrange(len(NAMES)),
            "BIG": rng.choice([1500, 4000, 12000, 80000, 380000, 2500000, 1200]),
            "DEC": rng.choice(["1.7", "2.5", "3.2", "0.8"]),
            "CIT": rng.randrange(len(CITES)),
            "q1": rng.randrange(len(QUOTES)),
            "q2": rng.randrange(len(QUOTES)),
        }
        while slots["q2"] == slots["q1"]:
            slots["q2"] = rng.randrange(len(QUOTES))
        look = rng.randrange(4)
        if rng.random() < 0.08:
            for k, (en, tgt) in enumerate(zip(BLOCK[0], BLOCK[1][lang]), 1):
                items.append(Item(en, tgt, dict(slots), chain=k, look=look))
            continue
        en, tgts = rng.choice(TEMPLATES)
        quotes = [slots[q] for q in ("q1", "q2") if "{" + q + "}" in en]
        items.append(Item(en, tgts[lang], slots, quotes=quotes, look=look))
    return items


def fill(
    text: str, slots: dict, lang: str, rng: random.Random, override: dict | None = None
) -> str:
    """Fill the slots for ``lang`` (English when lang == "en"); ``override`` holds planted values."""
    o = override or {}
    q = lambda k: QUOTES[slots[k]][0] if lang == "en" else QUOTES[slots[k]][1][lang]  # noqa: E731
    vals = {
        "Y": str(o.get("Y", slots["Y"])),
        "N": NAMES[slots["N"]][LI[lang]],
        "BIG": fmt_int(o.get("BIG", slots["BIG"]), lang, rng),
        "DEC": fmt_dec(o.get("DEC", slots["DEC"]), lang),
        "CIT": o.get("CIT", fmt_cite(CITES[slots["CIT"]], lang)),
        "q1": o.get("q1", q("q1")),
        "q2": o.get("q2", q("q2")),
    }
    return text.format(**vals)


def style(text: str, lang: str, look: int) -> str:
    """Render the sentinels in one of the language's correct styles (``look`` picks which)."""
    if lang == "fr":
        sp = (NB, NN)[look % 2]
        marks = {
            "⟪O⟫": "«" + sp,
            "⟪C⟫": sp + "»",
            "⟪o⟫": "“",
            "⟪c⟫": "”",
            "⟪P⟫": (NN, NB)[look // 2],
        }
    elif lang == "de":
        marks = [
            {"⟪O⟫": "„", "⟪C⟫": "“", "⟪o⟫": "‚", "⟪c⟫": "‘"},
            {"⟪O⟫": "»", "⟪C⟫": "«", "⟪o⟫": "›", "⟪c⟫": "‹"},
        ][look % 2] | {"⟪P⟫": ""}
    else:
        marks = [
            {"⟪O⟫": "«", "⟪C⟫": "»", "⟪o⟫": "“", "⟪c⟫": "”"},
            {"⟪O⟫": "“", "⟪C⟫": "”", "⟪o⟫": "‘", "⟪c⟫": "’"},
        ][look % 2] | {"⟪P⟫": ""}
    for k, v in marks.items():
        text = text.replace(k, v)
    return text


def _drop_first(text: str, token: str) -> str:
    return text.replace(token, "", 1)


def plant(item: Item, kind: str, lang: str, rng: random.Random) -> tuple[str, dict] | None:
    """Return (target with sentinels, slot overrides) carrying a defect of ``kind``, or None if not applicable."""
    t, o = item.tgt, {}
    if kind == "quote-balance":
        if item.chain:
            return None  # chain defects are planted on the whole chain (see generate)
        if "⟪C⟫" not in t:
            return None
        return (_drop_first(t, "⟪C⟫") if rng.random() < 0.5 else t.replace("⟪O⟫", "", 1)), o
    if kind == "quote-count":
        if "⟪O⟫" not in t or item.chain:
            return None
        return _drop_first(_drop_first(t, "⟪O⟫"), "⟪C⟫"), o
    if kind == "citation-kept":
        if "{CIT}" not in t:
            return None
        author, year, pages = CITES[item.slots["CIT"]]
        how = rng.choice(["page", "drop", "author", "year"] if author else ["page", "drop"])
        if how == "page":
            c = (author, year, pages[:-1] + (str(int(pages[-1]) + rng.choice([1, 2, 10])),))
            o["CIT"] = fmt_cite(c, lang)
        elif how == "year":
            o["CIT"] = fmt_cite((author, year.replace("19", "18", 1), pages), lang)
        elif how == "author":
            o["CIT"] = fmt_cite(
                (
                    {
                        "Trotsky": "Trotski",
                        "Deutscher": "Deutsch",
                        "Broué": "Brouet",
                        "Carr": "Carré",
                    }[author],
                    year,
                    pages,
                ),
                lang,
            )
        else:
            t = t.replace(" {CIT}", "")
        return t, o
    if kind == "number-kept":
        opts = [k for k in ("BIG", "DEC", "Y") if "{" + k + "}" in t]
        if not opts:
            return None
        k = rng.choice(opts)
        if k == "BIG":
            o["BIG"] = item.slots["BIG"] + rng.choice([100, 1000, -200, 9 * item.slots["BIG"]])
        elif k == "DEC":
            o["DEC"] = {"1.7": "1.8", "2.5": "2.4", "3.2": "2.3", "0.8": "0.6"}[item.slots["DEC"]]
        else:
            o["Y"] = item.slots["Y"] + rng.choice([1, -1, 10])
        return t, o
    if kind == "fr-typography":
        if lang != "fr":
            return None
        opts = [s for s in ("⟪O⟫", "⟪C⟫", "⟪P⟫") if s in t] + (
            ["straight"] if "⟪O⟫" in t and not item.chain else []
        )
        if not opts:
            return None
        s = rng.choice(opts)
        if s == "⟪O⟫":
            return t.replace("⟪O⟫", rng.choice(["«", "« "]), 1), o
        if s == "⟪C⟫":
            return t.replace("⟪C⟫", rng.choice(["»", " »"]), 1), o
        if s == "⟪P⟫":
            return t.replace("⟪P⟫", rng.choice(["", " "]), 1), o
        return t.replace("⟪O⟫", '"', 1).replace("⟪C⟫", '"', 1), o
    if kind == "quote-untranslated":
        if not item.quotes or item.chain:
            return None
        o["q1"] = QUOTES[item.slots["q1"]][0]
        return t, o
    return None


def generate(
    lang: str, n: int = 500, seed: int = 13, rate: float = 0.3
) -> tuple[polib.POFile, dict[str, str | None]]:
    """A catalogue for ``lang`` and the gold kind per segment id (None = clean; untranslated and fuzzy entries are absent)."""
    rng = random.Random(f"{seed}-{lang}")
    items = make_items(lang, n, rng)
    plain_kinds = [
        k
        for k in KINDS
        if k not in ("quote-consistency",) and (k != "fr-typography" or lang == "fr")
    ]
    # chains: plant a balance defect on a whole block quotation now
    k = 0
    while k < len(items):
        it = items[k]
        if it.chain == 1:
            if rng.random() < rate / 2:
                if rng.random() < 0.5:
                    items[k + 2].tgt = items[k + 2].tgt.replace(
                        "⟪C⟫", ""
                    )  # the opener in segment 1 is left stray
                    it.kind = "quote-balance"
                else:
                    it.tgt = it.tgt.replace("⟪O⟫", "")  # the closer in segment 3 is left stray
                    items[k + 2].kind = "quote-balance"
            k += 3
            continue
        k += 1
    for it in items:
        if it.chain:
            continue
        r = rng.random()
        if r < 0.07:
            it.untranslated = True
        elif r < 0.10:
            it.fuzzy = True
    overrides: dict[int, dict] = {}
    for i, it in enumerate(items):
        if it.chain or it.untranslated or it.fuzzy or rng.random() >= rate:
            continue
        for kind in rng.sample(plain_kinds, len(plain_kinds)):
            got = plant(it, kind, lang, rng)
            if got:
                it.tgt, overrides[i] = got
                it.kind = kind
                break
    # consistency: at most a quarter of the clean occurrences of a passage get another rendering
    by_quote: dict[int, list[int]] = {}
    for i, it in enumerate(items):
        if (
            not it.chain
            and not it.kind
            and not it.untranslated
            and not it.fuzzy
            and it.quotes
            and "⟪O⟫" in it.tgt
        ):
            by_quote.setdefault(it.slots["q1"], []).append(i)
    for qi, idx in sorted(by_quote.items()):
        for i in rng.sample(idx, len(idx) // 4):
            items[i].kind = "quote-consistency"
            overrides[i] = {"q1": rng.choice(QUOTES[qi][2][lang])}
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "bench",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    gold: dict[str, str | None] = {}
    for i, it in enumerate(items):
        sid = f"bb-{i + 1:05d}"
        en = fill(it.en, it.slots, "en", rng)
        tgt = (
            ""
            if it.untranslated
            else style(fill(it.tgt, it.slots, lang, rng, overrides.get(i)), lang, it.look)
        )
        e = polib.POEntry(msgctxt=sid, msgid=en, msgstr=tgt, comment="Section 1: Bench")
        if it.fuzzy:
            e.flags.append("fuzzy")
        po.append(e)
        if not it.untranslated and not it.fuzzy:
            gold[sid] = it.kind
    return po, gold
