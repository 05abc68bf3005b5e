"""The fixed vocabulary and the "world" of the synthetic corpus (bench/synthetic.py): languages, countries, sources,
actors with aliases, storylines. Everything here is built once per run from the seed; articles are drawn from it
in chunks."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

import numpy as np

# ---------------------------------------------------------------------------------------------------------------
# Languages: share of articles, calendar words, date phrases and sentence templates.
# Slots: {a} {b} actor forms, {ra} role as written before a name, {d} a date phrase, {t} a topic label,
# {p} a place, {q} a quote, {n} a number, {o} an organisation (cited as a source).
# ---------------------------------------------------------------------------------------------------------------
LANG_SHARE = {"en": 0.58, "de": 0.2, "fr": 0.11, "es": 0.07, "it": 0.04}
LANGS = list(LANG_SHARE)

L: dict[str, dict] = {
    "en": {
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "mon3": ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"],
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "yesterday": "yesterday", "on_wd": "on {w}", "on_md": "on {m} {d}", "on_mdy": "on {m} {d}, {y}",
        "this_week": "earlier this week", "last_week": "last week", "week_of": "in the week of {m} {d}, {y}",
        "in_m": "in {m}", "in_my": "in {m} {y}", "this_year": "this year", "last_year": "last year",
        "in_y": "in {y}", "quarter": "in the {o} quarter of {y}", "ords": ["first", "second", "third", "fourth"],
        "season": "in the {s} of {y}", "seasons": ["winter", "spring", "summer", "autumn"],
        "decade": "in the {y}s",
        "title": ["{a} and {b} clash over {t}", "{a} warns of new risks in {t}", "{t}: {a} meets {b}",
                  "{a} pledges action on {t}", "{b} rejects {a}'s plan on {t}", "What {a} said about {t}"],
        "lead": ["{ra}{a} spoke with {b} {d} about {t}, officials said.",
                 "{ra}{a} and {b} agreed {d} to resume talks on {t}.",
                 "{ra}{a} criticised {b} {d} over its handling of {t}."],
        "lead_nd": ["{ra}{a} called on {b} to act on {t}, officials said.",
                    "{ra}{a} and {b} discussed {t} in a phone call."],
        "event": ["{a} met delegates in {p} {d}.", "{d}, {a} announced a review of {t}.",
                  "{a} had travelled to {p} {d} for talks.", "A spokesperson for {a} confirmed the meeting {d}.",
                  "{a} last addressed {t} {d}, according to the record.",
                  "The deadline set by {a} expired {d}."],
        "plain": ["{a} has not commented on the matter.", "{a} was also involved in the negotiations.",
                  "Analysts said {a} could play a role in the weeks ahead.",
                  "Pressure on {a} has grown since the start of the year.",
                  "{ra}{a} is expected to respond in the coming days."],
        "source": ["{n} people were affected, according to {a}.", "The figures were published by {a}."],
        "quote": ["\"{q},\" {a} said.", "\"{q},\" {a} told reporters.", "{a} said: \"{q}.\""],
        "quotes": ["We will not accept any solution that ignores {t}", "This is a decisive moment for all of us",
                   "Nobody wants this conflict to continue", "The numbers speak for themselves on {t}",
                   "We are ready to talk, but not at any price", "There is still a lot of work to do",
                   "Our priority remains the safety of the people", "The agreement on {t} is a first step"],
        "filler": ["Talks on {t} are expected to continue next month.",
                   "Around {n} people attended the meeting, organisers said.",
                   "The debate over {t} has divided lawmakers for months.",
                   "Observers say a compromise remains possible, but the positions are far apart.",
                   "The government said it would publish a detailed plan on {t}.",
                   "Officials declined to give further details.",
                   "Critics argue that the measures on {t} do not go far enough.",
                   "Markets reacted calmly to the news, and prices rose by {n} points.",
                   "The issue is likely to dominate the agenda in {p} for weeks.",
                   "A vote on the proposal is scheduled for later this month.",
                   "Local residents in {p} voiced concern about the impact of the decision.",
                   "The ministry estimated the cost at {n} million euros.",
                   "Opposition leaders called for an independent inquiry.",
                   "Several aid organisations warned of delays on the ground.",
                   "Details of the plan on {t} were first reported by local media.",
                   "It was not immediately clear how many people would be affected.",
                   "Talks resumed after a break of {n} days, a negotiator said."],
    },
    "de": {
        "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                   "November", "Dezember"],
        "mon3": ["Jan.", "Feb.", "März", "April", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
        "weekdays": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        "yesterday": "gestern", "on_wd": "am {w}", "on_md": "am {d}. {m}", "on_mdy": "am {d}. {m} {y}",
        "this_week": "Anfang der Woche", "last_week": "vergangene Woche", "week_of": "in der Woche vom {d}. {m} {y}",
        "in_m": "im {m}", "in_my": "im {m} {y}", "this_year": "in diesem Jahr", "last_year": "im vergangenen Jahr",
        "in_y": "im Jahr {y}", "quarter": "im {o} Quartal {y}", "ords": ["ersten", "zweiten", "dritten", "vierten"],
        "season": "im {s} {y}", "seasons": ["Winter", "Frühjahr", "Sommer", "Herbst"], "decade": "in den {y}er Jahren",
        "title": ["{a} und {b} streiten über {t}", "{a} warnt vor neuen Risiken bei {t}", "{t}: {a} trifft {b}",
                  "{b} lehnt Plan von {a} ab"],
        "lead": ["{ra}{a} hat {d} mit {b} über {t} gesprochen.", "{ra}{a} und {b} haben sich {d} auf neue "
                 "Gespräche über {t} geeinigt."],
        "lead_nd": ["{ra}{a} hat {b} aufgefordert, beim Thema {t} zu handeln."],
        "event": ["{a} traf {d} Vertreter in {p}.", "{d} kündigte {a} eine Überprüfung an.",
                  "{a} war {d} zu Gesprächen nach {p} gereist.", "Ein Sprecher von {a} bestätigte das Treffen {d}."],
        "plain": ["{a} äußerte sich zunächst nicht.", "Auch {a} war an den Verhandlungen beteiligt.",
                  "Beobachter erwarten, dass {a} in den kommenden Wochen eine Rolle spielt."],
        "source": ["Nach Angaben von {a} waren {n} Menschen betroffen.", "Die Zahlen veröffentlichte {a}."],
        "quote": ["„{q}“, sagte {a}.", "„{q}“, erklärte {a}."],
        "quotes": ["Wir werden keine Lösung akzeptieren, die {t} ignoriert", "Das ist ein entscheidender Moment",
                   "Niemand will, dass dieser Konflikt weitergeht", "Wir sind gesprächsbereit, aber nicht um jeden Preis",
                   "Es gibt noch viel zu tun"],
        "filler": ["Die Gespräche über {t} sollen im kommenden Monat fortgesetzt werden.",
                   "Rund {n} Menschen nahmen an dem Treffen teil, teilten die Veranstalter mit.",
                   "Die Debatte über {t} spaltet die Abgeordneten seit Monaten.",
                   "Beobachter halten einen Kompromiss für möglich, die Positionen liegen aber weit auseinander.",
                   "Die Regierung kündigte an, einen detaillierten Plan vorzulegen.",
                   "Weitere Einzelheiten wurden zunächst nicht bekannt.",
                   "Kritiker bemängeln, dass die Maßnahmen nicht weit genug gehen."],
    },
    "fr": {
        "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                   "novembre", "décembre"],
        "mon3": ["janv.", "févr.", "mars", "avril", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
        "weekdays": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        "yesterday": "hier", "on_wd": "{w}", "on_md": "le {d} {m}", "on_mdy": "le {d} {m} {y}",
        "this_week": "en début de semaine", "last_week": "la semaine dernière",
        "week_of": "dans la semaine du {d} {m} {y}", "in_m": "en {m}", "in_my": "en {m} {y}",
        "this_year": "cette année", "last_year": "l'année dernière", "in_y": "en {y}",
        "quarter": "au {o} trimestre {y}", "ords": ["premier", "deuxième", "troisième", "quatrième"],
        "season": "à l'{s} {y}", "seasons": ["hiver", "printemps", "été", "automne"], "decade": "dans les années {y}",
        "title": ["{a} et {b} s'opposent sur {t}", "{t} : {a} rencontre {b}", "{a} met en garde contre {t}"],
        "lead": ["{ra}{a} s'est entretenu {d} avec {b} au sujet de {t}.",
                 "{ra}{a} et {b} ont convenu {d} de reprendre les discussions sur {t}."],
        "lead_nd": ["{ra}{a} a appelé {b} à agir sur {t}."],
        "event": ["{a} a rencontré des délégués à {p} {d}.", "{d}, {a} a annoncé un réexamen du dossier.",
                  "Un porte-parole de {a} a confirmé la rencontre {d}."],
        "plain": ["{a} n'a pas souhaité commenter.", "{a} a également participé aux négociations."],
        "source": ["Selon {a}, {n} personnes sont concernées.", "Les chiffres ont été publiés par {a}."],
        "quote": ["« {q} », a déclaré {a}.", "« {q} », a affirmé {a}."],
        "quotes": ["Nous n'accepterons aucune solution qui ignore {t}", "C'est un moment décisif pour nous tous",
                   "Personne ne veut que ce conflit continue", "Il reste encore beaucoup de travail"],
        "filler": ["Les discussions sur {t} doivent se poursuivre le mois prochain.",
                   "Environ {n} personnes ont assisté à la réunion, selon les organisateurs.",
                   "Le débat sur {t} divise les parlementaires depuis des mois.",
                   "Les observateurs jugent un compromis possible, mais les positions restent éloignées.",
                   "Le gouvernement a indiqué qu'il publierait un plan détaillé."],
    },
    "es": {
        "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                   "noviembre", "diciembre"],
        "mon3": ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
        "weekdays": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        "yesterday": "ayer", "on_wd": "el {w}", "on_md": "el {d} de {m}", "on_mdy": "el {d} de {m} de {y}",
        "this_week": "a principios de esta semana", "last_week": "la semana pasada",
        "week_of": "en la semana del {d} de {m} de {y}", "in_m": "en {m}", "in_my": "en {m} de {y}",
        "this_year": "este año", "last_year": "el año pasado", "in_y": "en {y}",
        "quarter": "en el {o} trimestre de {y}", "ords": ["primer", "segundo", "tercer", "cuarto"],
        "season": "en el {s} de {y}", "seasons": ["invierno", "primavera", "verano", "otoño"],
        "decade": "en los años {y}",
        "title": ["{a} y {b} chocan por {t}", "{t}: {a} se reúne con {b}"],
        "lead": ["{ra}{a} habló {d} con {b} sobre {t}, según fuentes oficiales."],
        "lead_nd": ["{ra}{a} pidió a {b} que actúe sobre {t}."],
        "event": ["{a} se reunió con delegados en {p} {d}.", "Un portavoz de {a} confirmó la reunión {d}."],
        "plain": ["{a} no quiso hacer comentarios.", "{a} también participó en las negociaciones."],
        "source": ["Según {a}, {n} personas se vieron afectadas."],
        "quote": ["«{q}», dijo {a}."],
        "quotes": ["No aceptaremos ninguna solución que ignore {t}", "Es un momento decisivo para todos"],
        "filler": ["Las conversaciones sobre {t} continuarán el próximo mes.",
                   "Unas {n} personas asistieron a la reunión, según los organizadores.",
                   "El debate sobre {t} divide a los legisladores desde hace meses.",
                   "El gobierno anunció que publicará un plan detallado."],
    },
    "it": {
        "months": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                   "ottobre", "novembre", "dicembre"],
        "mon3": ["gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.", "set.", "ott.", "nov.", "dic."],
        "weekdays": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
        "yesterday": "ieri", "on_wd": "{w}", "on_md": "il {d} {m}", "on_mdy": "il {d} {m} {y}",
        "this_week": "all'inizio della settimana", "last_week": "la settimana scorsa",
        "week_of": "nella settimana del {d} {m} {y}", "in_m": "a {m}", "in_my": "a {m} {y}",
        "this_year": "quest'anno", "last_year": "l'anno scorso", "in_y": "nel {y}",
        "quarter": "nel {o} trimestre del {y}", "ords": ["primo", "secondo", "terzo", "quarto"],
        "season": "nell'{s} del {y}", "seasons": ["inverno", "primavera", "estate", "autunno"],
        "decade": "negli anni {y}",
        "title": ["{a} e {b} divisi su {t}", "{t}: {a} incontra {b}"],
        "lead": ["{ra}{a} ha parlato {d} con {b} di {t}, secondo fonti ufficiali."],
        "lead_nd": ["{ra}{a} ha chiesto a {b} di agire su {t}."],
        "event": ["{a} ha incontrato i delegati a {p} {d}.", "Un portavoce di {a} ha confermato l'incontro {d}."],
        "plain": ["{a} non ha voluto commentare.", "Anche {a} ha partecipato ai negoziati."],
        "source": ["Secondo {a}, {n} persone sono state coinvolte."],
        "quote": ["«{q}», ha detto {a}."],
        "quotes": ["Non accetteremo nessuna soluzione che ignori {t}", "È un momento decisivo per tutti noi"],
        "filler": ["I colloqui su {t} proseguiranno il mese prossimo.",
                   "Circa {n} persone hanno partecipato all'incontro, secondo gli organizzatori.",
                   "Il dibattito su {t} divide i parlamentari da mesi.",
                   "Il governo ha annunciato che pubblicherà un piano dettagliato."],
    },
}
# Roles (normalised, English) and how each language writes them.
ROLES = {
    "President": {"de": "Präsident", "fr": "président", "es": "presidente", "it": "presidente"},
    "Prime Minister": {"de": "Premierminister", "fr": "Premier ministre", "es": "primer ministro",
                       "it": "primo ministro"},
    "Foreign Minister": {"de": "Außenminister", "fr": "ministre des Affaires étrangères",
                         "es": "ministro de Exteriores", "it": "ministro degli Esteri"},
    "Finance Minister": {"de": "Finanzminister", "fr": "ministre des Finances", "es": "ministro de Finanzas",
                         "it": "ministro delle Finanze"},
    "Chancellor": {"de": "Bundeskanzler", "fr": "chancelier", "es": "canciller", "it": "cancelliere"},
    "Mayor": {"de": "Bürgermeister", "fr": "maire", "es": "alcalde", "it": "sindaco"},
    "Senator": {"de": "Senator", "fr": "sénateur", "es": "senador", "it": "senatore"},
    "Spokesperson": {"de": "Sprecher", "fr": "porte-parole", "es": "portavoz", "it": "portavoce"},
    "CEO": {"de": "Vorstandschef", "fr": "PDG", "es": "consejero delegado", "it": "amministratore delegato"},
    "Chief Economist": {"de": "Chefvolkswirt", "fr": "économiste en chef", "es": "economista jefe",
                        "it": "capo economista"},
    "Coach": {"de": "Trainer", "fr": "entraîneur", "es": "entrenador", "it": "allenatore"},
    "Professor": {"de": "Professor", "fr": "professeur", "es": "profesor", "it": "professore"},
    "Party Leader": {"de": "Parteichef", "fr": "chef du parti", "es": "líder del partido", "it": "leader del partito"},
    "Lawmaker": {"de": "Abgeordneter", "fr": "député", "es": "diputado", "it": "deputato"},
}
ROLE_NAMES = list(ROLES)
ROLE_P = np.array([10, 8, 6, 4, 2, 6, 4, 8, 8, 3, 5, 5, 5, 10], dtype=float)
FAMOUS_ROLES = {"Donald Trump": "President", "Joe Biden": "President", "Barack Obama": "President",
                "Vladimir Putin": "President", "Volodymyr Zelensky": "President", "Xi Jinping": "President",
                "Emmanuel Macron": "President", "Olaf Scholz": "Chancellor", "Angela Merkel": "Chancellor",
                "Friedrich Merz": "Chancellor", "Keir Starmer": "Prime Minister", "Narendra Modi": "Prime Minister",
                "Sergei Lavrov": "Foreign Minister", "Wang Yi": "Foreign Minister", "Marco Rubio": "Foreign Minister",
                "Giorgia Meloni": "Prime Minister", "Benjamin Netanyahu": "Prime Minister",
                "Dmitry Peskov": "Spokesperson", "Recep Tayyip Erdoğan": "President"}

# (ISO2, English, German, French, Spanish, Italian, English demonym, capital (English, German form))
COUNTRIES = [
    ("US", "United States", "USA", "États-Unis", "Estados Unidos", "Stati Uniti", "US", "Washington", None),
    ("UA", "Ukraine", "Ukraine", "Ukraine", "Ucrania", "Ucraina", "Ukrainian", "Kyiv", "Kiew"),
    ("RU", "Russia", "Russland", "Russie", "Rusia", "Russia", "Russian", "Moscow", "Moskau"),
    ("DE", "Germany", "Deutschland", "Allemagne", "Alemania", "Germania", "German", "Berlin", None),
    ("FR", "France", "Frankreich", "France", "Francia", "Francia", "French", "Paris", None),
    ("GB", "United Kingdom", "Großbritannien", "Royaume-Uni", "Reino Unido", "Regno Unito", "British", "London",
     None),
    ("CN", "China", "China", "Chine", "China", "Cina", "Chinese", "Beijing", "Peking"),
    ("IL", "Israel", "Israel", "Israël", "Israel", "Israele", "Israeli", "Jerusalem", None),
    ("PS", "Palestine", "Palästina", "Palestine", "Palestina", "Palestina", "Palestinian", "Ramallah", None),
    ("IR", "Iran", "Iran", "Iran", "Irán", "Iran", "Iranian", "Tehran", "Teheran"),
    ("TR", "Turkey", "Türkei", "Turquie", "Turquía", "Turchia", "Turkish", "Ankara", None),
    ("IT", "Italy", "Italien", "Italie", "Italia", "Italia", "Italian", "Rome", "Rom"),
    ("ES", "Spain", "Spanien", "Espagne", "España", "Spagna", "Spanish", "Madrid", None),
    ("PL", "Poland", "Polen", "Pologne", "Polonia", "Polonia", "Polish", "Warsaw", "Warschau"),
    ("AT", "Austria", "Österreich", "Autriche", "Austria", "Austria", "Austrian", "Vienna", "Wien"),
    ("CH", "Switzerland", "Schweiz", "Suisse", "Suiza", "Svizzera", "Swiss", "Bern", None),
    ("NL", "Netherlands", "Niederlande", "Pays-Bas", "Países Bajos", "Paesi Bassi", "Dutch", "Amsterdam", None),
    ("BE", "Belgium", "Belgien", "Belgique", "Bélgica", "Belgio", "Belgian", "Brussels", "Brüssel"),
    ("JP", "Japan", "Japan", "Japon", "Japón", "Giappone", "Japanese", "Tokyo", "Tokio"),
    ("KR", "South Korea", "Südkorea", "Corée du Sud", "Corea del Sur", "Corea del Sud", "South Korean", "Seoul",
     None),
    ("KP", "North Korea", "Nordkorea", "Corée du Nord", "Corea del Norte", "Corea del Nord", "North Korean",
     "Pyongyang", "Pjöngjang"),
    ("IN", "India", "Indien", "Inde", "India", "India", "Indian", "New Delhi", "Neu-Delhi"),
    ("BR", "Brazil", "Brasilien", "Brésil", "Brasil", "Brasile", "Brazilian", "Brasília", None),
    ("MX", "Mexico", "Mexiko", "Mexique", "México", "Messico", "Mexican", "Mexico City", "Mexiko-Stadt"),
    ("CA", "Canada", "Kanada", "Canada", "Canadá", "Canada", "Canadian", "Ottawa", None),
    ("AU", "Australia", "Australien", "Australie", "Australia", "Australia", "Australian", "Canberra", None),
    ("ZA", "South Africa", "Südafrika", "Afrique du Sud", "Sudáfrica", "Sudafrica", "South African", "Pretoria",
     None),
    ("EG", "Egypt", "Ägypten", "Égypte", "Egipto", "Egitto", "Egyptian", "Cairo", "Kairo"),
    ("SA", "Saudi Arabia", "Saudi-Arabien", "Arabie saoudite", "Arabia Saudita", "Arabia Saudita", "Saudi",
     "Riyadh", "Riad"),
    ("SY", "Syria", "Syrien", "Syrie", "Siria", "Siria", "Syrian", "Damascus", "Damaskus"),
    ("LB", "Lebanon", "Libanon", "Liban", "Líbano", "Libano", "Lebanese", "Beirut", None),
    ("GR", "Greece", "Griechenland", "Grèce", "Grecia", "Grecia", "Greek", "Athens", "Athen"),
    ("SE", "Sweden", "Schweden", "Suède", "Suecia", "Svezia", "Swedish", "Stockholm", None),
    ("NO", "Norway", "Norwegen", "Norvège", "Noruega", "Norvegia", "Norwegian", "Oslo", None),
    ("FI", "Finland", "Finnland", "Finlande", "Finlandia", "Finlandia", "Finnish", "Helsinki", None),
    ("HU", "Hungary", "Ungarn", "Hongrie", "Hungría", "Ungheria", "Hungarian", "Budapest", None),
    ("CZ", "Czech Republic", "Tschechien", "Tchéquie", "Chequia", "Cechia", "Czech", "Prague", "Prag"),
    ("RO", "Romania", "Rumänien", "Roumanie", "Rumania", "Romania", "Romanian", "Bucharest", "Bukarest"),
    ("PT", "Portugal", "Portugal", "Portugal", "Portugal", "Portogallo", "Portuguese", "Lisbon", "Lissabon"),
    ("AR", "Argentina", "Argentinien", "Argentine", "Argentina", "Argentina", "Argentine", "Buenos Aires", None),
    ("NG", "Nigeria", "Nigeria", "Nigeria", "Nigeria", "Nigeria", "Nigerian", "Abuja", None),
    ("KE", "Kenya", "Kenia", "Kenya", "Kenia", "Kenya", "Kenyan", "Nairobi", None),
    ("VE", "Venezuela", "Venezuela", "Venezuela", "Venezuela", "Venezuela", "Venezuelan", "Caracas", None),
    ("TW", "Taiwan", "Taiwan", "Taïwan", "Taiwán", "Taiwan", "Taiwanese", "Taipei", None),
    ("IE", "Ireland", "Irland", "Irlande", "Irlanda", "Irlanda", "Irish", "Dublin", None),
    ("DK", "Denmark", "Dänemark", "Danemark", "Dinamarca", "Danimarca", "Danish", "Copenhagen", "Kopenhagen"),
]
LANG_COUNTRY = {"en": ["US", "GB", "IE", "AU", "CA"], "de": ["DE", "AT", "CH"], "fr": ["FR", "BE", "CH"],
                "es": ["ES", "MX", "AR"], "it": ["IT", "CH"]}
TLD = {"en": [".com", ".co.uk", ".com", ".org", ".net"], "de": [".de", ".de", ".at", ".ch"], "fr": [".fr", ".fr", ".be"],
       "es": [".es", ".com.mx", ".com.ar"], "it": [".it"]}

# Wire agencies: (short name, how bylines write it, languages that mostly run it, share among wire articles)
AGENCIES = [
    ("AP", ["AP", "The Associated Press", "Associated Press"], ["en"], 0.22),
    ("Reuters", ["Reuters", "Thomson Reuters"], ["en", "de", "fr", "es", "it"], 0.22),
    ("AFP", ["AFP", "Agence France-Presse"], ["fr", "en", "es", "de"], 0.16),
    ("dpa", ["dpa", "Deutsche Presse-Agentur", "dpa/lno", "dpa/lby"], ["de"], 0.16),
    ("EFE", ["EFE", "Agencia EFE"], ["es"], 0.06),
    ("ANSA", ["ANSA"], ["it"], 0.05),
    ("PA", ["PA Media", "PA"], ["en"], 0.04),
    ("APA", ["APA", "Austria Presse Agentur"], ["de"], 0.03),
    ("KNA", ["KNA"], ["de"], 0.02),
    ("Kyodo", ["Kyodo"], ["en"], 0.02),
    ("Xinhua", ["Xinhua"], ["en", "fr"], 0.02),
]

FIRST = {
    "en": ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Sarah", "Daniel",
           "Emily", "Thomas", "Karen", "Andrew", "Laura", "Kevin", "Rachel", "Brian", "Hannah", "Mark", "Olivia",
           "Paul", "Grace", "Steven", "Chloe", "Peter", "Megan"],
    "de": ["Anna", "Lukas", "Julia", "Jonas", "Lena", "Felix", "Katharina", "Tobias", "Sabine", "Jürgen", "Ursula",
           "Stefan", "Claudia", "Matthias", "Monika", "Wolfgang", "Petra", "Andreas", "Birgit", "Sebastian"],
    "fr": ["Jean", "Marie", "Pierre", "Camille", "Louis", "Chloé", "Nicolas", "Élodie", "François", "Isabelle",
           "Antoine", "Céline", "Julien", "Sophie", "Mathieu", "Aurélie"],
    "es": ["José", "María", "Carlos", "Lucía", "Javier", "Carmen", "Miguel", "Elena", "Alejandro", "Pilar"],
    "it": ["Giuseppe", "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Sara", "Matteo", "Elena"],
    "ru": ["Sergei", "Olga", "Dmitry", "Natalia", "Alexei", "Irina", "Mikhail", "Yelena", "Andrei", "Tatiana"],
    "uk": ["Oleksandr", "Olena", "Andriy", "Iryna", "Mykola", "Yulia", "Serhiy", "Oksana", "Dmytro", "Kateryna"],
    "zh": ["Wei", "Li", "Jing", "Ming", "Hua", "Yan", "Jun", "Xiu", "Lan", "Hong", "Jie", "Ping", "Yu", "Zhi", "Qiang",
           "Fang"],
    "ar": ["Mohammed", "Fatima", "Ahmed", "Layla", "Omar", "Yasmin", "Khalid", "Nour", "Hassan", "Amira"],
}
# surname syllables per naming style: onset syllables and endings (unlimited distinct, pronounceable surnames)
SYL = {
    "en": (["Har", "Ben", "Wil", "Ash", "Brad", "Carl", "Dun", "Fair", "Hol", "Kings", "Lang", "Mor", "Pem", "Red",
            "Stan", "Thorn", "Wood", "Ell", "Gar", "Whit"], ["ford", "son", "ley", "ton", "wood", "field", "man",
                                                             "well", "ridge", "by", "worth", "ham"]),
    "de": (["Bau", "Schmi", "Hoff", "Kel", "Wag", "Beck", "Lehm", "Kraus", "Fisch", "Ham", "Rich", "Stein",
            "Brand", "Wolf", "Zimm", "Hart", "Vogel", "Ros"], ["mann", "er", "ner", "berg", "hofer", "inger", "bach",
                                                               "meier", "lich", "stedt", "feld"]),
    "fr": (["Dub", "Lef", "Mor", "Gir", "Bonn", "Roux", "Fourn", "Mer", "Gauth", "Lamb", "Chev", "Per", "Roch"],
           ["ois", "ier", "eau", "et", "and", "elle", "ard", "in", "ault"]),
    "es": (["Garc", "Fern", "Rodr", "Mart", "Lop", "Sanch", "Gom", "Diaz", "Herr", "Moren"],
           ["ía", "ández", "íguez", "ínez", "ez", "ero", "illa", "ado"]),
    "it": (["Ross", "Bian", "Ferr", "Esp", "Colomb", "Ricc", "Marin", "Greco", "Bruno", "Gall"],
           ["i", "chi", "ari", "osito", "o", "etti", "elli", "one"]),
    "ru": (["Ivan", "Smirn", "Kuzn", "Pop", "Sokol", "Lebed", "Kozl", "Novik", "Morozov", "Volk"],
           ["ov", "ova", "in", "sky", "enko", "ev"]),
    "uk": (["Shev", "Bond", "Kovalen", "Tkach", "Kravch", "Oliyn", "Melnych", "Moroz", "Lysen", "Hrytsen"],
           ["enko", "ko", "chuk", "yk", "sky", "iv"]),
    "zh": (["Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu",
            "Guo", "He", "Lin", "Gao", "Luo", "Zheng"], [""]),
    "ar": (["Al-Ha", "Al-Mas", "Abd", "Kha", "Sal", "Nas", "Rah", "Jab"], ["san", "ri", "ullah", "lil", "eh", "ir"]),
}
STYLE_COUNTRY = {"en": ["US", "GB", "CA", "AU", "IE"], "de": ["DE", "AT", "CH"], "fr": ["FR", "BE", "CH"],
                 "es": ["ES", "MX", "AR", "VE"], "it": ["IT"], "ru": ["RU"], "uk": ["UA"], "zh": ["CN", "TW"],
                 "ar": ["SA", "EG", "SY", "LB", "PS"]}
STYLE_P = {"en": 0.3, "de": 0.16, "fr": 0.1, "es": 0.08, "it": 0.06, "ru": 0.08, "uk": 0.07, "zh": 0.07, "ar": 0.08}
# foreign-press spellings of surname endings (Zelensky -> Selenskyj): other-language alias forms
TRANSLIT_DE = [("sky", "skyj"), ("ov", "ow"), ("ova", "owa"), ("ev", "ew"), ("Zh", "Sch"), ("ch", "tsch"),
               ("Mohammed", "Mohammad"), ("Sergei", "Sergej"), ("Dmitry", "Dmitri"), ("Alexei", "Alexej")]
TRANSLIT_FR = [("sky", "ski"), ("ov", "ov"), ("Zh", "J"), ("ch", "tch"), ("Mohammed", "Mohamed")]

ORG_FIELDS = ["Energy", "Health", "Transport", "Finance", "Defence", "Education", "Agriculture", "Trade",
              "Climate", "Labour", "Housing", "Digital Affairs", "Justice", "Water", "Mining", "Tourism"]
ORG_FIELDS_DE = {"Energy": "Energie", "Health": "Gesundheit", "Transport": "Verkehr", "Finance": "Finanzen",
                 "Defence": "Verteidigung", "Education": "Bildung", "Agriculture": "Landwirtschaft",
                 "Trade": "Handel", "Climate": "Klima", "Labour": "Arbeit", "Housing": "Wohnen",
                 "Digital Affairs": "Digitales", "Justice": "Justiz", "Water": "Wasser", "Mining": "Bergbau",
                 "Tourism": "Tourismus"}
ORG_KIND = ["Agency", "Council", "Institute", "Association", "Authority", "Foundation", "Union", "Commission"]
ORG_KIND_DE = {"Agency": "Agentur", "Council": "Rat", "Institute": "Institut", "Association": "Verband",
               "Authority": "Behörde", "Foundation": "Stiftung", "Union": "Union", "Commission": "Kommission"}
COMPANY_SUFFIX = ["Group", "Holdings", "Industries", "Systems", "Capital", "Motors", "Energy", "Labs", "Airlines",
                  "Bank", "Pharma", "Logistics"]
PLACE_SYL = (["North", "East", "West", "Port", "New", "Lake", "Mount", "Saint", "Old", "Fair", "Green", "Bridge",
              "River", "Stone", "Oak", "Elm", "Bay", "Clear"],
             ["field", "ton", "view", "haven", "burg", "dale", "mouth", "ford", "wick", "stead", "port", "ville"])
SECTIONS = {"en": ["world", "politics", "business", "news", "sport", "culture", "technology"],
            "de": ["politik", "wirtschaft", "panorama", "sport", "kultur", "ausland"],
            "fr": ["politique", "monde", "economie", "societe", "sport"],
            "es": ["politica", "internacional", "economia", "sociedad"],
            "it": ["politica", "esteri", "economia", "cronaca"]}
SOURCE_PARTS = {
    "en": (["Daily", "Evening", "Morning", "Weekly", "National", "Metro", "Valley", "Coastal", "Northern",
            "Southern", "Capital", "Harbour", "Prairie", "Union", "Central", "Global"],
           ["Herald", "Tribune", "Gazette", "Chronicle", "Post", "Observer", "Courier", "Times", "Ledger",
            "Dispatch", "Journal", "Record", "Sentinel", "Review", "Express", "Monitor", "Star", "Register"]),
    "de": (["Rheinische", "Märkische", "Badische", "Norddeutsche", "Westfälische", "Allgemeine", "Neue",
            "Sächsische", "Hessische", "Fränkische", "Ostsee", "Alpen", "Bodensee", "Donau"],
           ["Zeitung", "Rundschau", "Post", "Nachrichten", "Kurier", "Anzeiger", "Presse", "Volksblatt", "Bote"]),
    "fr": (["Le Courrier", "La Dépêche", "Le Progrès", "L'Écho", "La Voix", "Le Républicain", "Le Journal",
            "La Gazette", "Le Messager"],
           ["de l'Ouest", "du Midi", "du Nord", "de Lyon", "des Alpes", "de Bretagne", "du Centre", "de l'Est",
            "de Provence", "de Normandie"]),
    "es": (["El Diario", "La Voz", "El Correo", "La Crónica", "El Heraldo", "La Gaceta"],
           ["de Levante", "del Norte", "de Castilla", "del Sur", "de Galicia", "de Aragón", "de Andalucía"]),
    "it": (["Il Corriere", "La Gazzetta", "Il Giornale", "La Voce", "L'Eco", "Il Messaggero"],
           ["del Nord", "di Sicilia", "del Veneto", "di Toscana", "del Sud", "di Lombardia", "di Romagna"]),
}
CURATED_ALIASES_DE = {"Volodymyr Zelensky": "Wolodymyr Selenskyj", "Vladimir Putin": "Wladimir Putin",
                      "Sergei Lavrov": "Sergej Lawrow", "United Nations": "Vereinte Nationen",
                      "European Union": "Europäische Union", "World Health Organization": "Weltgesundheitsorganisation",
                      "European Commission": "EU-Kommission", "International Monetary Fund": "Internationaler Währungsfonds",
                      "World Bank": "Weltbank", "Dmitry Medvedev": "Dmitri Medwedew", "Dmitry Peskov": "Dmitri Peskow"}
CURATED_ALIASES_FR = {"Vladimir Putin": "Vladimir Poutine", "Volodymyr Zelensky": "Volodymyr Zelensky",
                      "United Nations": "Nations unies", "European Union": "Union européenne", "NATO": "OTAN",
                      "World Health Organization": "Organisation mondiale de la santé", "Xi Jinping": "Xi Jinping"}


def ascii_fold(s: str) -> str:
    s = s.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae") \
        .replace("Ö", "Oe").replace("Ü", "Ue")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)


def slug(s: str) -> str:
    out = []
    for c in ascii_fold(s).lower():
        out.append(c if c.isalnum() else "-")
    return "-".join(p for p in "".join(out).split("-") if p)


def zipf_p(n: int, s: float, q: float = 1.0) -> np.ndarray:
    w = 1.0 / (np.arange(n) + q) ** s
    return w / w.sum()


@dataclass
class Actors:
    """The actor pool, ordered by popularity (index 0 is mentioned most)."""
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    country: list[str | None] = field(default_factory=list)
    qid: list[str | None] = field(default_factory=list)
    aliases: list[list[str]] = field(default_factory=list)   # every form, name included, sorted
    full: dict[str, list[str]] = field(default_factory=dict)   # per language: the form of a first mention
    short: dict[str, list[str]] = field(default_factory=dict)  # per language: the form of later mentions
    role: list[int] = field(default_factory=list)             # persons: index in ROLE_NAMES, else -1

    def add(self, name: str, type_: str, country: str | None, forms: dict[str, tuple[str, str]],
            qid: str | None = None, role: int = -1, extra: list[str] = ()) -> None:
        from newsdesk.record import actor_id_for

        self.ids.append(actor_id_for(name, type_, country))
        self.names.append(name)
        self.types.append(type_)
        self.country.append(country)
        self.qid.append(qid)
        als = {name, *extra}
        for lang in LANGS:
            f, s = forms.get(lang, forms["en"])
            self.full.setdefault(lang, []).append(f)
            self.short.setdefault(lang, []).append(s)
            als.update((f, s))
        self.aliases.append(sorted(als))
        self.role.append(role)

    def __len__(self) -> int:
        return len(self.ids)


class FastRng:
    """Scalar draws for the world builders through Python's `random` (numpy's per-call overhead made building a
    pool of 250k actors take two minutes); seeded from the numpy generator, so still deterministic per seed."""

    def __init__(self, rng: np.random.Generator) -> None:
        import random

        self._r = random.Random(int(rng.integers(1 << 62)))

    def integers(self, a: int, b: int | None = None) -> int:
        return self._r.randrange(a) if b is None else self._r.randrange(a, b)

    def random(self) -> float:
        return self._r.random()

    def choice(self, n: int, p: np.ndarray) -> int:
        return self._r.choices(range(n), weights=p)[0]

    def permutation(self, n: int) -> np.ndarray:
        out = list(range(n))
        self._r.shuffle(out)
        return np.array(out)


def _surname(rng: np.random.Generator, style: str) -> str:
    on, end = SYL[style]
    return on[rng.integers(len(on))] + end[rng.integers(len(end))]


def _person_name(rng: np.random.Generator, style: str, widen: bool) -> tuple[str, str]:
    """(full name, the surname used on later mentions), in the naming customs of the style."""
    first = FIRST[style][rng.integers(len(FIRST[style]))]
    last = _surname(rng, style)
    if style == "zh":  # family name first, a two-syllable given name
        given = first + FIRST[style][rng.integers(len(FIRST[style]))].lower()
        return f"{last} {given}", last
    u = rng.random()
    if style == "es" and u < 0.7:  # two surnames
        last = f"{last} {_surname(rng, style)}"
    elif style == "de" and u < 0.12:  # double-barrelled
        last = f"{last}-{_surname(rng, style)}"
    elif style == "fr" and u < 0.3:  # compound first name
        second = FIRST[style][rng.integers(len(FIRST[style]))]
        if second != first:
            first = f"{first}-{second}"
    if (style == "en" and rng.random() < 0.4) or widen:  # a middle initial
        first = f"{first} {chr(65 + int(rng.integers(26)))}."
    return f"{first} {last}", last


def _translit(s: str, table: list[tuple[str, str]]) -> str:
    for a, b in table:
        if s.endswith(a) or (a[0].isupper() and s.startswith(a)):
            s = s[:-len(a)] + b if s.endswith(a) else b + s[len(a):]
    return s


def build_actors(rng: np.random.Generator, n_pool: int) -> Actors:
    """Curated real actors and countries at the head, then a long tail of generated persons, organisations,
    places and groups."""
    import csv
    from importlib import resources

    rng = FastRng(rng)
    pool = Actors()
    head: list[tuple] = []
    with resources.files("newsdesk.data").joinpath("actor_aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            head.append(("curated", row))
    for c in COUNTRIES:
        head.append(("country", c))
    order = rng.permutation(len(head))
    # a few big countries lead; the rest of the curated head follows in a seeded order
    top = [i for i in order if head[i][0] == "country" and head[i][1][0] in ("US", "UA", "RU", "DE", "CN", "FR")]
    rest = [i for i in order if i not in top]
    for i in top + rest:
        kind, row = head[i]
        if kind == "country":
            iso, en, de, fr, es, it, demonym, cap, cap_de = row
            forms = {"en": (en, en), "de": (de, de), "fr": (fr, fr), "es": (es, es), "it": (it, it)}
            pool.add(en, "country", iso, forms, extra=[demonym])
        else:
            name, al = row["name"], [a for a in row["aliases"].split("|") if a]
            type_, country = row["type"], row["country"] or None
            short = min([a for a in al if len(a) >= 2] or [name], key=len) if type_ == "person" else \
                (min([a for a in al if a.isupper() and len(a) >= 2] or [name], key=len))
            forms = {"en": (name, short)}
            if name in CURATED_ALIASES_DE:
                f = CURATED_ALIASES_DE[name]
                forms["de"] = (f, f.split()[-1] if type_ == "person" else short)
            if name in CURATED_ALIASES_FR:
                f = CURATED_ALIASES_FR[name]
                forms["fr"] = (f, f.split()[-1] if type_ == "person" else short)
            role = ROLE_NAMES.index(FAMOUS_ROLES[name]) if name in FAMOUS_ROLES else (
                int(rng.choice(len(ROLE_NAMES), p=ROLE_P / ROLE_P.sum())) if type_ == "person" else -1)
            pool.add(name, type_, country, forms, qid=row["wikidata_qid"] or None, role=role, extra=al)
    # capitals as places, with their German forms
    for c in COUNTRIES:
        iso, cap, cap_de = c[0], c[7], c[8]
        forms = {"en": (cap, cap)}
        if cap_de:
            forms["de"] = (cap_de, cap_de)
        pool.add(cap, "place", iso, forms)
    styles = list(STYLE_P)
    sp = np.array([STYLE_P[s] for s in styles])
    seen = set(pool.ids)
    role_p = ROLE_P / ROLE_P.sum()
    iso_all = [c[0] for c in COUNTRIES]
    misses = 0
    sp_n = sp / sp.sum()
    from newsdesk.record import actor_id_for

    while len(pool) < n_pool and misses < 5000:  # names run out only if asked for far more than a million articles
        u = rng.random()
        if u < 0.62:  # person
            style = styles[rng.choice(len(styles), p=sp_n)]
            name, last = _person_name(rng, style, False)
            if actor_id_for(name, "person", None) in seen:  # taken: a namesake with a middle initial
                name, last = _person_name(rng, style, True)
            first = name[:-len(last) - 1]
            country = STYLE_COUNTRY[style][rng.integers(len(STYLE_COUNTRY[style]))]
            forms = {"en": (name, last)}
            if style in ("ru", "uk", "zh", "ar"):  # the German and French press spell these names their own way
                d_last = _translit(last, TRANSLIT_DE)
                f_last = _translit(last, TRANSLIT_FR)
                forms["de"] = (f"{_translit(first, TRANSLIT_DE)} {d_last}", d_last)
                forms["fr"] = (f"{first} {f_last}", f_last)
            type_, role = "person", int(rng.choice(len(ROLE_NAMES), p=role_p))
        elif u < 0.9:  # organisation
            country = iso_all[rng.integers(len(iso_all))]
            k = rng.random()
            if k < 0.35:
                fld = ORG_FIELDS[rng.integers(len(ORG_FIELDS))]
                kind = ORG_KIND[rng.integers(len(ORG_KIND))]
                cname = COUNTRIES[iso_all.index(country)][1]
                name = f"{cname} {fld} {kind}" if rng.random() < 0.5 else f"National {fld} {kind} of {cname}"
                acro = "".join(w[0] for w in name.replace(" of ", " ").split() if w[0].isupper())
                de = f"{ORG_KIND_DE[kind]} für {ORG_FIELDS_DE[fld]} ({COUNTRIES[iso_all.index(country)][2]})"
                forms = {"en": (name, acro if len(acro) >= 2 else name), "de": (de, acro if len(acro) >= 2 else de)}
            elif k < 0.75:
                base = _surname(rng, styles[rng.choice(len(styles), p=sp_n)])
                j = rng.random()
                if j < 0.25:  # a partnership: law, accounting, consulting
                    name = f"{base} & {_surname(rng, styles[rng.choice(len(styles), p=sp_n)])}"
                elif j < 0.45:  # named after its home town
                    base = PLACE_SYL[0][rng.integers(18)] + PLACE_SYL[1][rng.integers(12)]
                    name = f"{base} {COMPANY_SUFFIX[rng.integers(len(COMPANY_SUFFIX))]}"
                else:
                    name = f"{base} {COMPANY_SUFFIX[rng.integers(len(COMPANY_SUFFIX))]}"
                forms = {"en": (name, base)}
            else:
                place = PLACE_SYL[0][rng.integers(18)] + PLACE_SYL[1][rng.integers(12)]
                kind = ["University of {p}", "{p} City Council", "{p} General Hospital", "{p} FC",
                        "{p} Chamber of Commerce"][rng.integers(5)]
                name = kind.format(p=place)
                forms = {"en": (name, name)}
            type_, role = "organization", -1
        elif u < 0.97:  # place
            country = iso_all[rng.integers(len(iso_all))]
            name = PLACE_SYL[0][rng.integers(18)] + PLACE_SYL[1][rng.integers(12)]
            if rng.random() < 0.3:
                name = f"{name} {['Heights', 'Springs', 'Valley', 'Harbour'][rng.integers(4)]}"
            forms = {"en": (name, name)}
            type_, role = "place", -1
        else:  # group
            country = iso_all[rng.integers(len(iso_all))]
            name = f"{_surname(rng, 'en')} {['Movement', 'Front', 'Alliance', 'Brigade', 'Collective'][rng.integers(5)]}"
            forms = {"en": (name, name)}
            type_, role = "group", -1
        aid = actor_id_for(name, type_, country)
        if aid in seen or len(name) < 2:
            misses += 1
            continue
        misses = 0
        seen.add(aid)
        pool.add(name, type_, country, forms, role=role)
    return pool


@dataclass
class Sources:
    domain: list[str]
    site: list[str]
    lang: np.ndarray          # index into LANGS
    weight: np.ndarray        # share of articles
    staff: list[list[str]]    # bylines
    by_lang: dict[int, np.ndarray]


def build_sources(rng: np.random.Generator, n: int) -> Sources:
    rng = FastRng(rng)
    domains, sites, langs, staff = [], [], [], []
    shares = np.array([LANG_SHARE[x] for x in LANGS])
    counts = np.maximum(4, np.round(shares * n)).astype(int)
    for li, lang in enumerate(LANGS):
        pre, post = SOURCE_PARTS[lang]
        made = 0
        while made < counts[li]:
            site = f"{pre[rng.integers(len(pre))]} {post[rng.integers(len(post))]}"
            if lang == "en" and rng.random() < 0.5:
                site = f"The {PLACE_SYL[0][rng.integers(18)]}{PLACE_SYL[1][rng.integers(12)]} " + site.split()[-1]
            if lang == "de" and rng.random() < 0.4:
                site = f"{PLACE_SYL[0][rng.integers(18)]}{PLACE_SYL[1][rng.integers(12)]}er " + site.split()[-1]
            tld = TLD[lang][rng.integers(len(TLD[lang]))]
            dom = slug(site).replace("-", "" if lang == "en" else "-") + tld
            if rng.random() < 0.5:
                dom = "www." + dom
            if dom in domains or site in sites:
                continue
            domains.append(dom)
            sites.append(site)
            langs.append(li)
            style = lang
            k = int(rng.integers(3, 25))
            staff.append([f"{FIRST[style][rng.integers(len(FIRST[style]))]} {_surname(rng, style)}" for _ in range(k)])
            made += 1
    lang_arr = np.array(langs)
    # a few big outlets, many small ones (within each language)
    w = np.empty(len(domains))
    for li in range(len(LANGS)):
        idx = np.flatnonzero(lang_arr == li)
        w[idx] = zipf_p(len(idx), 0.9, 2.0)[rng.permutation(len(idx))] * LANG_SHARE[LANGS[li]]
    w /= w.sum()
    return Sources(domains, sites, lang_arr, w, staff,
                   {li: np.flatnonzero(lang_arr == li) for li in range(len(LANGS))})


def day_weights(start: date, end: date, growth: float = 0.22) -> np.ndarray:
    """Relative article volume per day: more recent years denser, fewer articles at weekends."""
    n = (end - start).days + 1
    t = np.arange(n) / 365.25
    w = np.exp(growth * t)
    wd = (np.arange(n) + start.weekday()) % 7
    w *= np.array([1.0, 1.05, 1.05, 1.0, 0.95, 0.55, 0.5])[wd]
    return w / w.sum()


HOUR_P = np.array([1, 0.6, 0.4, 0.3, 0.5, 1.2, 3, 5, 6.5, 7, 6.5, 6, 5.5, 5.5, 5.5, 5.5, 5.5, 5, 4.5, 4, 3.5, 3,
                   2.5, 1.6])
HOUR_P = HOUR_P / HOUR_P.sum()


@dataclass
class Storylines:
    center: np.ndarray       # day index
    width: np.ndarray        # days (sd of article dates around the center); mega storylines: -1 (any day)
    core: np.ndarray         # [S, CORE_MAX] actor indices
    n_core: np.ndarray
    topics: np.ndarray       # [S, 2] topic code indices (second may be -1)
    place: np.ndarray        # a place actor (dateline, events)
    popularity: np.ndarray   # P(storyline) for an article


CORE_MAX = 10


def build_storylines(rng: np.random.Generator, n_stories: int, n_days: int, dayp: np.ndarray, actor_p: np.ndarray,
                     pool: Actors, topic_p: np.ndarray, n_mega: int = 16) -> Storylines:
    S = n_stories + n_mega
    center = rng.choice(n_days, size=S, p=dayp)
    width = np.maximum(1.0, rng.lognormal(2.3, 0.8, size=S))
    width[:n_mega] = -1
    n_core = rng.integers(3, CORE_MAX + 1, size=S)
    core = rng.choice(len(pool), size=(S, CORE_MAX), p=actor_p)
    # the head of each storyline is likelier a person, and each names a country
    types = np.array(pool.types)
    persons = np.flatnonzero(types == "person")
    countries = np.flatnonzero(types == "country")
    places = np.flatnonzero(types == "place")
    pp = actor_p[persons] / actor_p[persons].sum()
    cp = actor_p[countries] / actor_p[countries].sum()
    core[:, 0] = rng.choice(persons, size=S, p=pp)
    core[:, 1] = rng.choice(countries, size=S, p=cp)
    plp = actor_p[places] / actor_p[places].sum()
    place = rng.choice(places, size=S, p=plp)
    topics = rng.choice(len(topic_p), size=(S, 2), p=topic_p)
    topics[rng.random(S) < 0.4, 1] = -1
    pop = np.empty(S)
    pop[:n_mega] = zipf_p(n_mega, 1.0) * 0.25  # long-running storylines (a war, an election cycle): any day
    pop[n_mega:] = rng.lognormal(0.0, 0.9, size=n_stories)  # the rest: bursts around their center day
    pop[n_mega:] = pop[n_mega:] / pop[n_mega:].sum() * 0.75
    return Storylines(center, width, core, n_core, topics, place, pop / pop.sum())
