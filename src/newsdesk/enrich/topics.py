"""Topics as IPTC Media Topics with scores, from a weighted keyword/phrase lexicon we wrote ourselves.

Method ("lexicon-v1"):
- Every level-1 Media Topic, and a set of newsworthy sub-topics (mostly level 2; level 3 where the level-2 concept is
  too broad to be useful, e.g. "energy and resource" under products and services, or a sport discipline), has a list
  of terms with weights: 3 = specific to the topic, 2 = a good indicator, 1 or less = weak or ambiguous.
  The words are our own; IPTC definitions are not used (see NOTICE).
- Text is lowercased, accent-folded (NFKD without combining marks, casefolded so "ß" -> "ss"), and hyphens, dashes,
  slashes and whitespace runs become one space. Terms are matched on word boundaries; "term*" matches any word that
  starts with "term", "*term" any word that ends with it (German compounds), and a space in a term matches the
  normalised gap between two words. The longest term wins at each position.
- Per topic and term: hits = body hits + 3 x title hits; contribution = weight x log2(1 + hits), so repeats count
  with diminishing returns and a title hit counts as much as three body hits. A topic's raw evidence is the sum of its
  terms' contributions; a level-1 topic also collects every match of its sub-topics (a sub-topic implies its level-1
  parent), counting each matched position once, with the best of its terms there.
- Score = 1 - exp(-raw / s), with s growing with the logarithm of the article's length, so long articles need more
  evidence for the same score. Scores are in (0, 1].
- Output: up to `top_k` level-1 topics (raw >= MIN_EVIDENCE and >= REL_MIN x the best level-1 raw), each followed by
  at most MAX_SUB of its sub-topics whose evidence is strong (raw >= SUB_MIN and >= SUB_SHARE x the parent's raw, and
  the parent itself has >= SUB_PARENT_REL x the best level-1 raw);
  all sorted by score, descending. A sub-topic's score never exceeds its parent's. No evidence -> [].

Languages: the English lexicon is used for every language except German; the German lexicon (with the loanwords
German news uses) is used when `language` starts with "de". When `language` is None, a stop-word count decides
between English and German, because common English terms are ordinary German words ("war" = "was").

Speed: all terms of one language are compiled into ONE trie-shaped regex (plus one for "*suffix" terms), scanned once
per text. We measured one regex per topic at ~9 ms per 1,000 words (each scan pays per character); one trie scan costs
~0.3 ms.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping

import pandas as pd

from newsdesk.record import TopicScore

METHOD = "lexicon-v1"
TITLE_WEIGHT = 3.0  # a title hit counts as this many body hits: headlines state what the story is about
MIN_EVIDENCE = 2.0  # raw evidence a level-1 topic needs (e.g. one good term in the body twice, or once in the title)
REL_MIN = 0.12  # ... and this share of the best level-1 topic's evidence, to drop incidental mentions
SUB_MIN = 4.0  # a sub-topic needs at least this raw evidence ...
SUB_SHARE = 0.2  # ... and this share of its parent's evidence to be reported ...
SUB_PARENT_REL = 0.35  # ... and its parent must be a main topic: this share of the best level-1 evidence
MAX_SUB = 2  # sub-topics reported per level-1 topic
SCALE_BASE = 10.0  # raw evidence at which a short article scores 1 - 1/e
SCALE_WORDS = 500.0  # article length (words) at which the scale has grown by ln 2

Lexicon = Mapping[float, str]  # weight -> "term|term|..."


@dataclass(frozen=True)
class _Spec:
    """Terms for one Media Topic, per language."""

    code: str
    en: Lexicon
    de: Lexicon = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------------------
# The lexicon. Level-1 entries hold general words; sub-topic entries hold the words specific to them (their matches
# also count for the level-1 parent, once per position even when a word is listed under several of its entries).
# ---------------------------------------------------------------------------------------------------------------
_SPECS: tuple[_Spec, ...] = (
    # arts, culture, entertainment and media
    _Spec(
        "medtop:01000000",
        en={
            2: "cultural|entertainment|pop culture|celebrity culture",
            1.5: "culture|heritage|creative|creativity",
        },
        de={
            2: "kultur*|unterhaltung",
            1.5: "kulturell*",
        },
    ),
    _Spec(  # arts and entertainment
        "medtop:20000002",
        en={
            3: "musician*|album|albums|singer*|songwriter*|concert|concerts|opera|ballet|artwork*|sculpture*|"
                "box office|novelist*|poetry|sitcom|rapper*|hip hop|pop star*|record label*|tv series|"
                "film festival|music festival|art festival|filmmaker*|screenplay|soundtrack*",
            2: "film|films|movie*|cinema*|actor|actors|actress*|music|song|songs|theatre*|theater*|artist|artists|"
                "painting*|exhibition*|museum*|gallery|galleries|literature|poet|poets|fiction|fashion|gown*|"
                "comedian*|comedy|premiere*|vinyl|grammy*|oscar*|emmy*|netflix|episode*|animation|novels|rock band|"
                "band's|bands|guitarist*|drummer*|choreograph*|romance novel*|book club*|bestseller*|supermodel*|"
                "vogue|catwalk*",
            1.5: "festival*|musical|author|authors|books|hollywood|designer*|runway|outfit*|streaming|dance|dancer*|"
                "art|arts|tour dates|reunion tour|stage|playwright*|director's|lyrics|tracks",
            1: "book|band|tour|show|shows|publishing|publisher*|style|looks|drama",
        },
        de={
            3: "musiker*|sanger*|sangerin*|konzert*|schauspieler*|regisseur*|literatur*|kunstler*|oper|ballett|"
                "kinofilm*|spielfilm*|album|alben|roman|romane|schriftsteller*|autorin",
            2: "kunst|film|filme|films|kino*|musik*|theater*|ausstellung*|museum|museen|galerie*|festival*|buhne|"
                "lied|lieder|song|songs|band|serie|serien|premiere*|mode|autor|autoren|buch|bucher|lesung*|"
                "supermodel*|vogue|laufsteg|modedesigner*",
            1: "star|stars|show|shows|tournee|publikum",
        },
    ),
    _Spec(  # mass media
        "medtop:20000045",
        en={
            3: "journalist*|journalism|press freedom|newsroom*|broadcaster*|news outlet*|news agency|podcast*",
            2: "reporter*|newspaper*|broadcast*|media outlet*|editor*|misinformation|disinformation|censorship|"
                "television|magazine*|radio|talk show*|media executive*",
            1.5: "media|tv|spotify|publication",
            1: "social media|press",
        },
        de={
            3: "journalist*|pressefreiheit|rundfunk*|nachrichtenagentur*|redaktion*|podcast*",
            2: "medien|zeitung*|fernseh*|zeitschrift*|reporter*|sender|ard|zdf|orf|srf|talkshow*",
            1: "presse",
        },
    ),
    # crime, law and justice
    _Spec(
        "medtop:02000000",
        en={
            2: "unlawful|illegally|legal case*|allegation*|alleged|allegedly|accused|accusation*",
            1.5: "illegal|legal|law|laws|justice",
        },
        de={
            2: "rechtswidrig*|illegal*|vorwurf*|vorwurfe|mutmasslich*|beschuldigt*",
            1: "gesetz|gesetze|recht",
        },
    ),
    _Spec(  # crime
        "medtop:20000082",
        en={
            3: "crime|crimes|criminal*|murder*|homicide*|stabbing*|stabbed|robbery|robberies|theft*|fraud*|kidnap*|"
                "rape|raped|rapist*|sexual abuse|sexually abused|paedophile*|pedophile*|sex offender*|trafficking|"
                "money laundering|extortion|gunman|gunmen|shot dead|burglar*|cybercrime*|killer*|serial killer*|"
                "drug dealer*|sex trafficking|child abuse|organised crime|organized crime|smuggling|smuggler*|"
                "shoplift*|vandal*|embezzl*|bribery|mass shooting*|manslaughter",
            2: "gang|gangs|gangster*|scam*|blackmail*|bribe*|corruption|victim|victims|abuse|abused|abuser*|"
                "predator*|kidnapper*|captive*|dismember*",
            1.5: "assault*|shooting|shootings|violence|violent|stolen|steal|steals|stealing",
        },
        de={
            3: "mord|morde|morder*|mordes|totschlag|kriminal*|verbrech*|diebstahl|betrug*|betruger*|raub|"
                "raububerfall*|uberfall*|vergewaltig*|messerangriff*|missbrauch*|tater|taterin|tatverdacht*|"
                "erschossen|erstochen|einbrecher*|schleuser*|menschenhandel|geldwasche|bestechung*|entfuhr*",
            2: "opfer|gewalt|gewalttat*|gewaltsam*|bande|banden|korruption|schusse|drogenhandel|betrugs*",
            1: "tat|tatort",
        },
    ),
    _Spec(  # judiciary
        "medtop:20000106",
        en={
            3: "courtroom*|supreme court|high court|court ruling|court case|verdict*|sentenced|convicted|"
                "prosecutor*|prosecution|prosecuted|lawsuit*|sued|plaintiff*|indicted|indictment*|acquit*|"
                "defence lawyer*|defense lawyer*|defense attorney*|defence attorney*|jury|jurors|pleaded guilty|"
                "pleaded not guilty|court documents|court records|appeals court|district court|crown court|"
                "constitutional court|international court|world court|tribunal*|trial",
            2: "court|courts|judge|judges|lawyer*|attorney*|testimony|testif*|guilty|conviction*|prison*|jail*|plea|"
                "pleaded|advisory opinion|ruled|charges|hearing|hearings|sue|legal team*|litigation",
            1: "ruling|appeal|appealed|sentence|sentences|legal opinion",
        },
        de={
            3: "gericht|gerichts*|gerichte|landgericht*|amtsgericht*|oberlandesgericht*|bundesgerichtshof|"
                "verfassungsgericht*|staatsanwalt*|anklage*|angeklagt*|verurteilt*|urteil|urteile|urteils*|"
                "haftstrafe*|freigesprochen|freispruch|strafprozess*|prozessauftakt|klage|klagen|geklagt|"
                "bundesverfassungsgericht|gerichtshof",
            2: "richter*|anwalt*|anwaltin|gefangnis*|haft|zeuge*|zeugin|prozess",
            1.5: "verteidiger*",
        },
    ),
    _Spec(  # law enforcement
        "medtop:20000129",
        en={
            3: "police|policing|arrest|arrests|arrested|detectives|law enforcement|manhunt|charged with|"
                "police officer*|police station*|fbi|interpol|sheriff*|forensic*",
            2: "detained|detective|suspect|suspects|custody|warrant|warrants|investigators|cops|patrol*|detain*",
            1: "investigation|investigations|investigat*|officers|raid|raids",
        },
        de={
            3: "polizei*|*polizei|festnahme*|festgenommen|verhaftet|verhaftung*|ermittler*|kripo|polizist*|"
                "fahndung*|durchsuchung*|razzia",
            2: "ermittlung*|ermittelt|verdachtig*|beamte|beamten|staatsschutz",
        },
    ),
    # disaster, accident and emergency incident
    _Spec(
        "medtop:03000000",
        en={
            2: "emergency services|death toll|survivors|tragedy|casualt*",
            1.5: "emergency|tragic|search and rescue|evacuat*",
            1: "victims|missing|injured|killed|dead",
        },
        de={
            2: "todesopfer|rettungskrafte|rettungsdienst*|einsatzkrafte|notfall*",
            1: "tote|toten|verletzt*|vermisst*",
        },
    ),
    _Spec(  # accident and emergency incident
        "medtop:20000139",
        en={
            3: "accident*|plane crash*|car crash*|crashed|derail*|blaze|firefighter*|fire brigade|fire crews|"
                "emergency landing|bird strike|wreckage|capsiz*|shipwreck*|black box*|flight recorder*|drowned|"
                "drowning|carbon monoxide|collapsed building|building collapse|fire broke out|engulfed|rescuers|"
                "paramedic*",
            2: "crash|crashes|collision*|collided|explosion*|poisoning*|rescue*|ambulance*|debris|incident|burned|"
                "fire|fires|flames|aviation authority|civil aviation|near miss",
            1: "blast|hospitalised|hospitalized",
        },
        de={
            3: "unfall*|*unfall|verungluckt*|absturz|abgesturzt|feuerwehr*|brand|brande|*brand|grossbrand|"
                "zusammenstoss|entgleis*|notlandung|ertrunken",
            2: "feuer|flammen|explosion*|kollision*|einsturz|eingesturzt|verletzte",
            1.5: "rettung*",
        },
    ),
    _Spec(  # disaster
        "medtop:20000148",
        en={
            3: "disaster*|earthquake*|tsunami*|flooding|floods|wildfire*|bushfire*|forest fire*|volcan*|eruption*|"
                "famine|avalanche*|landslides|mudslide*|natural disaster*|relief effort*|disaster management",
            2: "flood|flooded|drought*|cyclone*|typhoon*|hurricane*|state of emergency|humanitarian crisis|"
                "aftershock*|magnitude",
            1: "tornado*|landslide|devastat*|destroyed",
        },
        de={
            3: "katastrophe|katastrophen*|erdbeben*|uberschwemmung*|hochwasser|waldbrand*|lawine*|erdrutsch|"
                "erdrutsche|vulkan*|tsunami",
            2: "flut|fluten|durre*|wirbelsturm*|hurrikan*|taifun*",
        },
    ),
    # economy, business and finance
    _Spec(
        "medtop:04000000",
        en={
            2: "financial|finance|finances|financing|money|consumers|consumer|retail|real estate|property market|"
                "investment*|invest|invested|investing|wealth|commercial",
            1.5: "billion|billions|costs|funding|funds|prices|price|affordable|expensive|cheap|cheaper",
            1: "million|millions|dollars|euros|pounds|cost|spend|spending|buy|buyers|sell|sold",
        },
        de={
            2: "finanz*|geld|verbraucher*|immobilie*|investition*|investier*|handel|einzelhandel",
            1.5: "milliarde*|preis|preise|kosten|teuer*|gunstig*",
            1: "millionen|euro|dollar",
        },
    ),
    _Spec(  # economy
        "medtop:20000344",
        en={
            3: "economy|economies|gdp|inflation|recession*|interest rate*|central bank*|monetary policy|fiscal|"
                "tariff*|trade deal*|trade war*|trade surplus|trade deficit|economist*|public finances|"
                "economic growth|bailout*|cost of living|consumer spending|federal reserve|budget deficit|"
                "gross domestic product|economic forecast*",
            2: "economic*|exports|imports|export|exported|exporter*|exporting|import|imported|importer*|importing|"
                "treasury|deficit*|debt|debts|taxes|tax|taxpayer*|budget|budgets|stimulus|subsidy|subsidies|"
                "subsidis*|subsidiz*|quarter|quarters|downturn|contraction|growth|rebound|trade|revenue service|"
                "tax revenue",
            1: "borrowing|forecasts|spending plans|slowdown",
        },
        de={
            3: "wirtschaft*|konjunktur*|inflation|rezession|leitzins*|zinsen|zentralbank|ezb|bundesbank|zoll|zolle|"
                "*zolle|handelsstreit|handelsabkommen|okonom*|bruttoinlandsprodukt|bip|haushaltsloch|schuldenbremse|"
                "steuerzahler*|teuerung",
            2: "export*|import*|haushalt|steuer|steuern|schulden|wachstum|subvention*|defizit",
        },
    ),
    _Spec(  # market and exchange
        "medtop:20000385",
        en={
            3: "stock market*|stock exchange*|share price*|wall street|dow jones|nasdaq|ftse|nikkei|bitcoin|crypto*|"
                "cryptocurrenc*|hedge fund*|market cap*|financial markets|bear market|bull market|ipo|"
                "initial public offering|bondholder*|stock index|stocks fell|stocks rose|shares fell|shares rose|"
                "markets fell|markets rose|trading session",
            2: "shares|stocks|investor*|currency|currencies|commodit*|securities|brokerage*|bonds|equities|listing|"
                "exchange rate*|markets|valuation*|portfolio*|sell off|selloff",
            1: "market|trading|traders|dollar|index|indices|yield*",
        },
        de={
            3: "borse*|aktie*|aktionar*|anleger*|dax|anleihe*|kryptowahrung*|bitcoin|borsengang",
            2: "investor*|kurs|kurse|finanzmarkt*|markte",
            1: "markt|handel|wahrung*",
        },
    ),
    _Spec(  # business enterprise
        "medtop:20000349",
        en={
            3: "merger*|takeover*|bankrupt*|shareholder*|chief executive*|ceo|ceos|earnings|quarterly profit*|"
                "automaker*|carmaker*|startup*|start up|acquisition*|profits|revenues|market share|business model*|"
                "e commerce|fintech*|chief financial officer",
            2: "company|companies|corporation*|firm|firms|revenue|profit|sales|business|businesses|retailer*|"
                "manufactur*|banking|banks|bank's|lender*|loan|loans|mortgage*|supply chain*|airline|airlines|"
                "industry|industries|conglomerate*|enterprise*|vendor*|founder*|executives|order for|customers|"
                "subscribers|brand|brands|contract|contracts|plane maker|planemaker",
            1.5: "orders",
            1: "bank|executive|deal|deals|insurance|analysts|products|product|entrepreneur*|client*|corporate|"
                "manager",
        },
        de={
            3: "konzern*|umsatz*|insolvenz*|pleite|vorstandschef*|geschaftsfuhrer*|autobauer*|mittelstand*|"
                "aktiengesellschaft|startup*|start up",
            2: "unternehmen*|ubernahme*|firma|firmen|gewinn|gewinne|hersteller*|branche*|industrie*|bank|banken|"
                "kunden|vorstand*|fusion|auftrag|auftrage|betrieb|betriebe|fluggesellschaft*|airline*",
            1: "manager*|chef|marke|marken",
        },
    ),
    _Spec(  # energy and resource (level 3, under products and services): supply, fuels, power systems
        "medtop:20000256",
        en={
            3: "energy infrastructure|energy systems|energy system|energy facilities|energy supply|energy sector|"
                "energy prices|energy security|energy crisis|energy transition|energy shift|power grid*|power plant*|"
                "power station*|power outage*|power infrastructure|power supply|power prices|electricity prices|"
                "nuclear power|nuclear plant*|wind farm*|wind power|solar power|solar farm*|renewable energy|"
                "clean energy|natural gas|oil reserves|oil prices|oil industry|oilfield*|oil company|oil companies|"
                "refiner*|opec|lng|crude|fossil fuel*|green hydrogen|energy company|energy companies|utility company|"
                "utilities|coal mine*|gas supply|gas supplies|gas pipeline*|electricity grid|blackout*",
            2: "energy|electricity|outages|outage|pipeline*|oil|gas prices|petrol|diesel|fuel|fuels|renewable*|"
                "solar|hydrogen|coal|reactor*|turbine*|barrel*|drilling|mining|lithium|grid|solar powered|"
                "wind turbine*",
            1: "power|gas|heating|mines|miners",
        },
        de={
            3: "energie*|stromnetz*|stromausfall*|stromversorgung|strompreis*|gaspreis*|erdgas|erdol|olpreis*|"
                "atomkraft*|kernkraft*|kraftwerk*|*kraftwerk|windkraft*|windrad|windrader|photovoltaik|warmepumpe*|"
                "wasserstoff*|erneuerbar*|solaranlage*|blackout*|stromnetze|ol und gas",
            2: "strom|gas|kohle*|pipeline*|solar*|heizung*|benzin*|diesel|sprit|spritpreis*|tankstelle*|bergbau",
        },
    ),
    # education
    _Spec(
        "medtop:05000000",
        en={
            3: "pupils|classroom*|curriculum|curricula|kindergarten*|preschool*|schoolchildren|schoolteacher*|"
                "school funding|school board*|tuition|homework|higher education|head teacher*|headteacher*|"
                "academic year|school year|semester*|lecturer*|vice rector|universities",
            2: "school|schools|students|student|teacher*|university|college|colleges|campus*|education*|educational|"
                "exams|literacy|graduat*|academic*|scholar*|enrol*|enroll*|rector|faculty|private school*|vouchers|"
                "learning",
            1: "degree|degrees|professor*|teaching|taught|study abroad",
        },
        de={
            3: "schule|schulen|*schule|*schulen|schuler*|lehrer*|lehrkraft*|unterricht*|universitat*|hochschul*|"
                "studierende*|studium|kita|kitas|abitur|bildungs*|bildung|schuljahr|klassenzimmer",
            2: "student*|studenten|professor*|zeugnis*|lernen",
            1.5: "prufung*",
        },
    ),
    # environment
    _Spec(
        "medtop:06000000",
        en={
            3: "environmentalist*|environmental impact|environmental group*|ecological|ecosystem*",
            2: "environment|environmental|sustainab*|recycl*|nature|planet|green transition|eco friendly",
            1: "green|activists",
        },
        de={
            3: "umwelt*|naturschutz*|nachhaltig*",
            2: "natur|okolog*|recycling",
        },
    ),
    _Spec(  # climate change
        "medtop:20000418",
        en={
            3: "climate change|global warming|greenhouse gas*|net zero|decarboni*|paris agreement|climate policy|"
                "climate policies|climate target*|emissions reduction|carbon emissions|climate crisis|climate action|"
                "climate treaty|cop2*|cop3*|emissions target*|sea level*|climate activist*|climate protest*|"
                "pre industrial|global temperature*|hottest year*|warmest year*|fossil fuel*",
            2: "climate|emissions|carbon|warming|ice sheet*|glacier*|melting|arctic|antarctic*|permafrost",
        },
        de={
            3: "klimawandel|klimaschutz*|klimakrise|erderwarmung|treibhausgas*|klimaziel*|klimaneutral*|"
                "co2 emission*|klimapolitik|letzte generation|klimaaktivist*",
            2: "klima*|emission*|co2|gletscher*",
        },
    ),
    _Spec(  # environmental pollution
        "medtop:20000424",
        en={
            3: "pollution|pollutant*|air quality|smog|oil spill*|plastic waste|toxic waste|sewage",
            2: "contaminat*|polluted|polluting|toxic|waste|plastics|microplastic*|pesticide*",
        },
        de={
            3: "verschmutz*|luftqualitat|feinstaub|smog|plastikmull",
            2: "mull|abfall*|giftig*|schadstoff*",
        },
    ),
    _Spec(  # conservation
        "medtop:20000420",
        en={
            3: "wildlife|endangered|biodiversity|deforestation|protected area*|marine protected|nature reserve*|"
                "conservationist*|national park*|poaching|extinction",
            2: "conservation|species|habitat*|forests|rainforest*|coral reef*|animals and plants|wetland*",
        },
        de={
            3: "artenschutz|artensterben|biodiversitat|naturschutzgebiet*|nationalpark*|wilderei",
            2: "tierart*|wald|walder|arten",
        },
    ),
    # health
    _Spec(
        "medtop:07000000",
        en={
            3: "healthcare|health care|health benefits|health risks|health problems",
            2: "health|medical|weight loss|lost weight|nutrition*|immune|immunity",
            1: "healthy|diet|diets|calories|body|wellbeing",
        },
        de={
            3: "gesundheitswesen|gesundheitssystem",
            2: "gesundheit*|medizinisch*|ernahrung|abnehmen",
            1: "gesund*",
        },
    ),
    _Spec(  # disease and condition
        "medtop:20000446",
        en={
            3: "disease*|cancer*|covid*|coronavirus|diabetes|obesity|dementia|alzheimer*|heart disease|tuberculosis|"
                "hiv|malaria|measles|influenza|mental health|opioid*|fentanyl|overdose*|methamphetamine|meth|"
                "drug abuse|drug addiction|chronic illness|cardiovascular|heart attack*",
            2: "infection*|infected|pandemic|epidemic|illness*|symptom*|virus|viruses|flu|autism|addiction|"
                "disorder*|chronic|depression|anxiety|neurological|syndrome|tumour*|tumor*",
            1: "outbreak*|aids|sick|ill|deficiency|stroke|strokes",
        },
        de={
            3: "krankheit*|erkrank*|krebs*|pandemie|corona*|covid*|demenz|diabetes|infektion*|suchtkrank*|"
                "drogensucht|alkoholsucht|spielsucht|abhangigkeit",
            2: "virus|viren|symptom*|depression*|psychisch*|drogen|ubergewicht",
        },
    ),
    _Spec(  # public health
        "medtop:20001358",
        en={
            3: "public health|vaccin*|immunisation*|immunization*|world health organization|health officials|"
                "health authorities|cdc|anti drug campaign|drug crisis",
            2: "nhs|quarantine|smoking|vapes|vaping|tobacco|health campaign*|health ministry|health minister",
            1: "alcohol",
        },
        de={
            3: "impf*|gesundheitsminister*|gesundheitsamt|krankenkasse*|krankenversicherung",
            2: "rauchen|tabak",
        },
    ),
    _Spec(  # health treatment and procedure
        "medtop:20000464",
        en={
            3: "surgery|surgeries|surgeon*|medication*|clinical trial*|diagnos*|bariatric|transplant*|patients|"
                "therapy|therapies|chemotherapy|prescription*|antioxidant*|detoxif*",
            2: "treatment*|treat|treated|hospital|hospitals|doctor*|nurse|nurses|nursing|clinic|clinics|medicine*|"
                "pharmac*|patient|supplement|supplements|physician*|vitamin*",
            1: "drugs|cure|dose",
        },
        de={
            3: "patient*|arzt|arzte|arztin|krankenhaus*|klinik*|medikament*|therapie*|diagnose*|operiert|chirurg*",
            2: "medizin*|behandlung*|praxis",
            1.5: "pflege*|operation",
        },
    ),
    # human interest
    _Spec(
        "medtop:08000000",
        en={
            3: "heartwarming|obituary|life story",
            2: "bizarre|quirky|viral|collectors|collectible*|childhood|recounts|tribute*|passed away|funeral|"
                "memories|grandmother|grandfather|journey|resilience|rare|unusual|mourn*",
            0.5: "incredible|personal|inspir*|hope|dream|dreams|story",
        },
        de={
            3: "kurios*",
            2: "erinnerung*|trauer*|beerdigung|schicksal*|rekord*",
            1: "geschichte",
        },
    ),
    _Spec(  # celebrity
        "medtop:20000505",
        en={
            3: "celebrit*|red carpet|paparazzi|royal family|the royals|socialite*|royal commentator*",
            2: "royal|royals|prince|princess|duchess|duke|influencer*|girlfriend|boyfriend|dating|famous|superstar*|"
                "heartthrob",
            1: "star|stars|instagram|tiktok|couple|wedding|pregnant|engaged|hollywood|fans|king|queen|billionaire*|"
                "millionaire",
        },
        de={
            3: "promi|promis|prominente*|royals|konigshaus|adelig*",
            2: "prinz|prinzessin|konigin|herzogin|hochzeit*|freundin|verlobt*",
            1: "star|stars|konig",
        },
    ),
    _Spec(  # award and prize
        "medtop:20000498",
        en={
            3: "nobel|award winning|accolade*|prize winner*|honoured with|honored with",
            2: "award|awards|prize|prizes|nominated",
            1: "honour|honor|winner*",
        },
        de={
            3: "preistrager*|auszeichnung*|preisverleihung",
            2: "ausgezeichnet|verliehen|nominiert",
        },
    ),
    _Spec(  # anniversary
        "medtop:20001237",
        en={
            3: "anniversary|centenary|centennial|jubilee|100 years|one hundred years",
            2: "commemorat*|birthday|plaque*|years ago",
            1: "celebrat*|milestone|memorial|decades",
        },
        de={
            3: "jubilaum|jahrestag|geburtstag*",
            2: "gedenk*",
            1: "feier*",
        },
    ),
    # labour
    _Spec(
        "medtop:09000000",
        en={
            3: "working conditions|labour rights|labor rights|workers' rights|occupational",
            2: "pension*|retirement|retire|retired|retirees",
            0.5: "labour|labor",
        },
        de={
            3: "arbeitsbedingung*|rente|renten|rentner*|ruhestand",
            1: "arbeit",
        },
    ),
    _Spec(  # employment
        "medtop:20000509",
        en={
            3: "employment|employees|employee|workforce|wages|minimum wage|pay rise|layoff*|laid off|job cuts|"
                "labour force|labor force|job market|labour market|labor market|payroll*|return to office|"
                "remote work*|work from home|working from home|public servants|civil servants|hiring|jobs report|"
                "job creation|job losses|staff shortage*|workplace*",
            2: "jobs|job|workers|worker|employer*|employed|salary|salaries|wage|staff|staffers|recruit*|career*|"
                "colleagues|office space|office workers|working hours|full time|part time|hire",
            1: "hired|work|working|positions",
        },
        de={
            3: "arbeitsmarkt*|arbeitnehmer*|arbeitgeber*|beschaftigung|beschaftigte*|stellenabbau|mindestlohn|"
                "fachkrafte*|fachkraftemangel|belegschaft|kurzarbeit|homeoffice|arbeitszeit*|entlassung*|"
                "mitarbeitende",
            2: "mitarbeiter*|lohn|lohne|gehalt|gehalter|jobs|job|stellen|arbeitsplatz*|arbeitsplatze|personal",
        },
    ),
    _Spec(  # unions
        "medtop:20000536",
        en={
            3: "trade union*|labor union*|labour union*|union members|union leader*|union local|teamster*|"
                "strike action|on strike|went on strike|general strike|walkout*|picket*|collective bargaining|"
                "industrial action|rank and file|strike vote",
            2: "unions|unionized|bargaining|contract negotiations|strike against",
            1: "union",
        },
        de={
            3: "gewerkschaft*|streik*|warnstreik*|tarifvertrag*|tarifverhandlung*|tarifabschluss|betriebsrat*|verdi|"
                "ig metall",
        },
    ),
    _Spec(  # unemployment
        "medtop:20000533",
        en={
            3: "unemploy*|jobless*|job seekers|jobseekers|out of work",
            2: "benefits claimants",
        },
        de={
            3: "arbeitslos*|erwerbslos*|jobcenter",
        },
    ),
    # lifestyle and leisure
    _Spec(
        "medtop:10000000",
        en={
            3: "lifestyle*|leisure|buying guide*|we tested|best buys|how to save money|life hack*",
            2: "relax*|cosy|cozy|tips|hacks|save money|family friendly|budget friendly|your home|at home",
            1: "fun|enjoy*|enjoyable|weekend",
        },
        de={
            3: "freizeit*|lifestyle",
            2: "tipps|entspann*|genuss",
            1: "wochenende",
        },
    ),
    _Spec(  # leisure
        "medtop:20000538",
        en={
            3: "theme park*|camping|campers|hiking|sightseeing|getaway*|vacation*|holidaymaker*|sleeping bag*|"
                "backpacking|backcountry|gardening|board game*|video game*|gaming|skiing|skiers|cruise ship*|"
                "travellers|travelers|hotel rooms|guest rooms|itinerar*",
            2: "holiday|holidays|travel|travels|travelling|traveling|tourist*|tourism|resort|resorts|hotel*|cruise|"
                "hike|hikers|beach*|spa|outdoors|hobby|hobbies|destination*|booking|book your|fishing|puzzle|puzzles|"
                "gamers|console|consoles|ski|trekking|trail|lodge",
            1.5: "trip|trips",
            1: "flights|park|visitors|adventure|games",
        },
        de={
            3: "urlaub*|ferien*|reiseziel*|kreuzfahrt*|wandern|wanderung*|camping|freizeitpark*",
            2: "reise|reisen|reisende*|tourist*|tourismus|hotel*|strand*|ausflug*|spiel|spiele|gaming",
        },
    ),
    _Spec(  # lifestyle
        "medtop:20000565",
        en={
            3: "recipe*|houseplant*|home decor|interior design|declutter*|sommelier*|rose wine|cocktail*",
            2: "cooking|chef|chefs|restaurant*|dining|wine|wines|beer|beers|coffee|kitchen*|furniture|interiors|"
                "cleaning|laundry|plants|shopping|gadget*|bottle|bottles|aromatic|sip|sipping|bargain|bargains|deals|"
                "discount*|black friday|pets|dog|dogs",
            1: "food|dish|dishes|cook|style|garden|gardens|drink|drinks|flavour*|flavor*|taste|tasting|price drop|"
                "cat|cats|review",
            0.5: "home|homes",
        },
        de={
            3: "rezept*|kochen|haushaltstipp*|schnappchen",
            2: "kuche|restaurant*|wein|weine|bier|kaffee|garten|mobel|einrichtung|shopping|haustier*|hund|hunde|"
                "katze*|essen",
        },
    ),
    _Spec(  # wellness
        "medtop:20001339",
        en={
            3: "wellness|well being|workout*|yoga|meditation|mindfulness|self care|fitness app*",
            2: "fitness|gym|exercise|exercising|sleep|sleeping",
            1: "running|cycling",
        },
        de={
            3: "wellness|fitness|yoga|meditation|achtsamkeit",
            2: "schlaf*|training",
        },
    ),
    # politics and government
    _Spec(
        "medtop:11000000",
        en={
            3: "politics|political|politician*|ruling party|opposition party|gop|impeach*|far right|far left|"
                "right wing|left wing|populis*|authoritarian*|partisan",
            2: "democrat|democrats|democratic|democracy|republican*|conservative*|socialist*|liberal*|opposition|"
                "coalition|donor*|lobby*|citizenship|national security|regime|dictator*|parties|party's|the party|"
                "his party|her party|party leader*|culture war*",
            1: "party|scandal|activist*|rights|power",
        },
        de={
            3: "politik|politisch*|politiker*|partei*|koalition*|fraktion*|opposition|spd|cdu|csu|fdp|afd|grune|"
                "grunen|linke|linken|bsw|ovp|spo|fpo|neos|rechtsextrem*|rechtspopul*|populis*",
            2: "demokrat*|konservativ*|liberal*|sozialdemokrat*",
        },
    ),
    _Spec(  # election
        "medtop:20000574",
        en={
            3: "election*|electoral|voters|voter|ballot*|referendum*|polling station*|opinion poll*|"
                "presidential race|presidential campaign*|campaign trail|swing state*|runoff|turnout|polling lead|"
                "primaries|caucus*|votes cast|election day|general election|by election|candidacy|presidential bid",
            2: "vote|votes|voted|voting|candidate*|polls|poll|elected|re election|constituency|constituencies|"
                "incumbent|bid for|nomination",
            1.5: "campaign|campaigns|campaigning",
            1: "race|win|won|victory|debate|debates",
        },
        de={
            3: "wahl|wahlen|wahlkampf*|wahler*|wahlerin*|wahlergebnis*|bundestagswahl|landtagswahl*|kommunalwahl*|"
                "europawahl|prasidentschaftswahl*|nationalratswahl*|parlamentswahl*|neuwahl*|stichwahl|"
                "wahlbeteiligung|volksabstimmung|referendum|spitzenkandidat*|kanzlerkandidat*",
            2: "umfrage*|kandidat*|abstimmung*|gewahlt",
            1: "stimmen",
        },
    ),
    _Spec(  # government
        "medtop:20000593",
        en={
            3: "prime minister|parliament*|lawmaker*|legislat*|senate|senator*|congress|congressional|cabinet|"
                "house of representatives|white house|downing street|kremlin|federal government|executive order*|"
                "state opening|king's speech|house speaker|state legislature|governor*|mps|government department*|"
                "civil service|public service|ministry|ministries|finance minister|presidential|presidency|espionage|"
                "intelligence agenc*|intelligence service*",
            2: "government*|minister*|mayor*|mp|policy|policies|administration|officials|bureaucra*|constitution*|"
                "state department|federal|councillor*|premier",
            1.5: "president|president's|commission|committee|council",
            1: "reform*|official|department|authorities|leaders",
            0.5: "state",
        },
        de={
            3: "regierung*|bundesregierung|kanzler*|bundeskanzler*|bundestag*|bundesrat|landtag*|parlament*|"
                "abgeordnete*|minister*|ministerin|ministerium|ministerprasident*|bundesprasident*|burgermeister*|"
                "gesetzentwurf|innenminister*|finanzminister*|senat|spionage|spion|spione|geheimdienst*|"
                "nachrichtendienst*|verfassungsschutz",
            2: "prasident*|behorde*|verwaltung*|staat|staatlich*|gemeinderat|stadtrat",
        },
    ),
    _Spec(  # international relations
        "medtop:20000638",
        en={
            3: "diplomat*|foreign minister*|foreign policy|foreign affairs|foreign ministry|ambassador*|embassy|"
                "embassies|bilateral|general assembly|security council|united nations|state visit|diplomatic ties|"
                "foreign trip*|sanctions|envoy*|nato|g7|g20|treaty|treaties|international support|world leaders|"
                "foreign leaders|international law|sovereignty",
            2: "allies|ally|alliance|negotiation*|delegation*|european union|eu|un|geopolitic*|refugee camp*|"
                "humanitarian aid|summit",
            1.5: "foreign",
            1: "talks|agreement*|cooperation|partners|international|aid",
        },
        de={
            3: "aussenminister*|aussenpolitik*|diplomat*|botschafter*|vereinte nationen|uno|nato|gipfel*|sanktion*|"
                "staatsbesuch|bilateral*|sicherheitsrat",
            2: "verhandlung*|verbundete*|eu|international*|ausland*",
        },
    ),
    # religion
    _Spec(
        "medtop:12000000",
        en={
            3: "religio*|pope|vatican|mosque*|synagogue*|church|churches|clergy|imam*|rabbi|rabbis|bible|quran|"
                "koran|ramadan|sermon*|theolog*|catholic*|protestant*|diocese*|blasphem*|buddhis*|hindu*|judaism|"
                "priest*|bishop*|worship*|congregation*",
            2: "faith|muslim*|christian*|islam|islamic|jewish|prayer*|prayed|god|spiritual*|pilgrim*|easter|"
                "evangelical*|temple*|holy|sacred|atheis*|sect|cult",
            1: "christmas|saint|believers",
        },
        de={
            3: "kirche*|religi*|papst|vatikan|bischof*|pfarrer*|priester*|moschee*|synagoge*|gottesdienst*|"
                "katholisch*|evangelisch*|theolog*|ramadan|islam|islamisch*|judentum|christentum",
            2: "glaube|gebet*|gott|muslim*|christen|christlich*|judisch*|juden|ostern",
        },
    ),
    # science and technology
    _Spec(
        "medtop:13000000",
        en={
            3: "science|sciences|scientific",
            2: "innovation*|invent*|laboratory|laboratories",
        },
        de={
            3: "wissenschaft*|forschung*|forscher*|wissenschaftler*",
            2: "innovation*|erfindung*|labor",
        },
    ),
    _Spec(  # technology and engineering
        "medtop:20000756",
        en={
            3: "technology|technologies|technological|software|smartphone*|artificial intelligence|machine learning|"
                "chatbot*|chatgpt|generative ai|ai|semiconductor*|chipmaker*|processor*|search engine*|"
                "operating system*|laptop*|macbook*|iphone*|ipad*|spaceport*|satellite*|rocket*|space agency|"
                "spacecraft|robot*|automation|cloud computing|cybersecurity|electric vehicle*|ev|evs|app store|"
                "silicon valley|tech giant*|open source|data center*|data centre*|smartwatch*|tablet|tablets|"
                "wearable*|foldable*|earbuds|headphones",
            2: "tech|app|apps|computer*|computing|internet|online platform*|digital|algorithm*|engineer*|"
                "engineering|device*|hardware|browser*|programming|coding|developer*|keyboard*|battery|batteries|"
                "features|feature|users|5g|wifi|wi fi|launch pad*|launchpad*|rocket launch*|space industry",
            1.5: "platform*",
            1: "data|online|update*|upgrade*|model|models|launch|display|space|google|microsoft|openai|nvidia",
        },
        de={
            3: "technologie*|technik*|kunstliche intelligenz|ki|software|smartphone*|roboter*|halbleiter*|chip*|"
                "elektroauto*|e auto*|raumfahrt*|satellit*|tragerrakete*|digitalisierung|internet|app|apps|handy|"
                "handys|smartwatch*|tablet|tablets|prozessor*|foldable*|wearable*",
            2: "digital*|computer*|ingenieur*|daten|online|plattform*|akku*|cyber*|nutzer*",
            1.5: "gerat|gerate|upgrade*|update*|launch",
        },
    ),
    _Spec(  # scientific research
        "medtop:20000735",
        en={
            3: "scientist*|researcher*|peer review*|published in the journal|study published|research team*",
            2: "research|experiment*|findings|discover*|hypothes*|journal|study|studies|lab|labs|analysis",
            1: "evidence|data",
        },
        de={
            3: "studie|studien|forscherteam*|experiment*",
            2: "fachzeitschrift*|erkenntnis*|entdeck*",
        },
    ),
    _Spec(  # natural science
        "medtop:20000717",
        en={
            3: "physics|chemistry|biology|astronom*|galaxy|galaxies|telescope*|cosmolog*|big bang|universe|jupiter|"
                "saturn|planetary|extraterrestrial|geolog*|quantum|molecul*|nasa",
            2: "planet|planets|moon|moons|mars|genetic*|evolution*|particle*|atom*|dna|fossil|organic|methane|"
                "water vapour|water vapor|orbit|solar system|spaceflight|physicist*|chemist*|biologist*",
            1: "species|ice",
        },
        de={
            3: "physik|chemie|biologie|astronom*|weltall|weltraum*|teleskop*|galaxie*|universum|nasa|esa",
            2: "planet*|mond|gene|genetisch*",
        },
    ),
    # society
    _Spec(
        "medtop:14000000",
        en={
            3: "poverty|homeless*|social services|social welfare|welfare state|inequality|marginali*|charity|"
                "charities|social issues",
            2: "society|societal|social|communities|community|welfare|volunteer*|livelihood*|elderly|demograph*|"
                "population|slum*|vulnerable|housing|rights activist*|civil rights|human rights",
            1: "residents|citizens|youth|informal|households",
        },
        de={
            3: "armut|obdachlos*|sozialhilfe|burgergeld|wohnungsnot|ehrenamt*",
            2: "gesellschaft*|sozial*|senioren|jugend*|miete|mieten|wohnungen",
        },
    ),
    _Spec(  # immigration
        "medtop:20000771",
        en={
            3: "immigra*|migrant*|asylum|deport*|undocumented|refugees|birthright citizenship|border crossing*",
            2: "migration|refugee|visa|visas|border|borders|displaced|anti migrant|exile",
        },
        de={
            3: "migration|migrant*|fluchtling*|gefluchtete*|asyl*|abschiebung*|einwander*|zuwander*",
            2: "grenze*|integration",
        },
    ),
    _Spec(  # discrimination
        "medtop:20000775",
        en={
            3: "discriminat*|racism|racist|sexism|homophob*|transphob*|antisemit*|islamophob*|xenophob*|hate speech|"
                "hate crime*|racially motivated|transgender|lgbt*|equal rights|women's rights",
            2: "racial*|queer|gay|gender|diversity|inclusion|equality|prejudice|segregat*|minorit*|indigenous|"
                "native american*|trans",
        },
        de={
            3: "rassismus|rassist*|diskriminier*|antisemit*|gleichstellung|gleichberechtigung|transgender|homophob*|"
                "queer",
            2: "gender|vielfalt|minderheit*",
        },
    ),
    _Spec(  # family
        "medtop:20000780",
        en={
            3: "parenting|childcare|child care|divorce*|single mother*|single parent*|maternity|paternity|newborns|"
                "stay at home mom*|working mothers",
            2: "parents|newborn|infant|infants|infancy|marriage|adoption|foster care|foster parent*|foster famil*|"
                "foster child*|moms|mums|dads|mothers|fathers|grandparent*|orphan*|daughters|sons|babies",
            1: "family|families|children|child|mother|father|mom|mum|dad|baby|kids",
        },
        de={
            3: "kinderbetreuung|scheidung*|elternzeit|kindergeld",
            2: "eltern|familie*|mutter|vater|kinder|kind|baby*",
        },
    ),
    # sport
    _Spec(
        "medtop:15000000",
        en={
            3: "sport|sports|olympic*|world cup|playoff*|semi final*|quarter final*|halftime|half time|athlete*|"
                "teammate*|transfer window|championship*|tournament*|stadium*|league|leagues|first round|"
                "second round|head coach",
            2: "match|matches|season|coach|coaches|coaching|player|players|squad|referee*|medal*|scored|score|"
                "scoring|defeat|defeated|beating|victory over|win over|fans|champion|champions|club|clubs|seeded|"
                "ranked|venue",
            1.5: "team|teams",
            1: "game|games|win|won|wins|points|final|record|captain|sprint|race|arena|loss|title|injury|injuries",
        },
        de={
            3: "sport*|olympia*|olympisch*|weltmeister*|europameister*|meisterschaft*|spieltag|stadion|trainer|"
                "trainerin|mannschaft*|saison|pokal*|liga",
            2: "spieler*|spielerin*|sieg|siege|niederlage*|tabelle|verein|vereine|fans|athlet*|wm|em|turnier*|"
                "finale|halbfinale|viertelfinale",
            1: "spiel|punkte|meister",
        },
    ),
    _Spec(  # football (soccer), level 3 like the other sport disciplines
        "medtop:20001065",
        en={
            3: "soccer|premier league|champions league|europa league|la liga|bundesliga|serie a|midfielder*|"
                "goalkeeper*|footballer*|fifa|uefa|clean sheet|striker|strikers|penalty kick|free kick|stoppage time|"
                "own goal",
            2: "football|keeper|relegation",
            1.5: "goal|goals|winger|defender*|penalty",
            1: "manager",
        },
        de={
            3: "fussball*|bundesliga|torwart|torhuter|elfmeter|sturmer|mittelfeld*|dfb|fifa|uefa|champions league",
            2: "tor|tore|abwehr|abstieg*",
        },
    ),
    _Spec(  # American football
        "medtop:20000823",
        en={
            3: "nfl|quarterback*|touchdown*|super bowl|linebacker*|pass rusher*|wide receiver*|running back*|"
                "end zone|gridiron",
            2: "interception*",
        },
        de={
            3: "nfl|quarterback*|touchdown*|super bowl",
        },
    ),
    _Spec(  # basketball
        "medtop:20000851",
        en={
            3: "basketball|nba|wnba|three pointer*|point guard|slam dunk*",
            2: "rebounds|dunk|dunks|dunked",
        },
        de={
            3: "basketball|nba",
        },
    ),
    _Spec(  # tennis
        "medtop:20001085",
        en={
            3: "tennis|wimbledon|davis cup|atp|wta|straight sets|tiebreak*|grand slam|us open|french open|"
                "australian open|roland garros",
            1: "doubles|singles|sets",
            0.5: "set|serve|baseline",
        },
        de={
            3: "tennis|wimbledon|atp|wta|grand slam",
            2: "satz|satze",
        },
    ),
    _Spec(  # cricket
        "medtop:20000888",
        en={
            3: "cricket|wicket*|test match|odi|ipl|t20|batsman|batsmen|bowler*",
            2: "innings|batter|batters",
        },
        de={
            3: "cricket",
        },
    ),
    _Spec(  # baseball
        "medtop:20000849",
        en={
            3: "baseball|mlb|pitcher*|home run*|world series|shortstop|dugout",
            2: "inning|innings|bullpen",
        },
        de={
            3: "baseball",
        },
    ),
    _Spec(  # ice hockey
        "medtop:20000965",
        en={
            3: "hockey|nhl|puck|goaltender*|stanley cup|power play",
            2: "overtime|winger",
        },
        de={
            3: "eishockey|nhl|del",
        },
    ),
    _Spec(  # golf
        "medtop:20000940",
        en={
            3: "golf|golfer*|pga|birdie*|bogey*|fairway*|ryder cup",
            2: "putt|putts|masters",
        },
        de={
            3: "golfer*|golfplatz*|golfturnier*|pga",
            1: "golf",
        },
    ),
    _Spec(  # motor car racing
        "medtop:20000991",
        en={
            3: "formula one|formula 1|f1|grand prix|nascar|pole position|motorsport*|pit stop*|indycar",
            2: "racing|laps|race car*",
        },
        de={
            3: "formel 1|formel eins|grand prix|motorsport*|boxenstopp*",
            2: "rennen|rennfahrer*",
        },
    ),
    _Spec(  # athletics
        "medtop:20000827",
        en={
            3: "athletics|track and field|marathon*|high jump|long jump|pole vault|hurdles|100m|200m",
            2: "relay|sprinter*",
        },
        de={
            3: "leichtathletik|marathon*|hochsprung|weitsprung",
        },
    ),
    _Spec(  # cycling
        "medtop:20000892",
        en={
            3: "tour de france|peloton|giro d'italia|vuelta|stage win",
            2: "cyclist*|cycling|bike race",
        },
        de={
            3: "tour de france|radsport*|radrennen",
            2: "radprofi*",
        },
    ),
    _Spec(  # rugby
        "medtop:20001176",
        en={
            3: "rugby|six nations|scrum*|all blacks",
            2: "fly half|try line",
        },
        de={
            3: "rugby",
        },
    ),
    _Spec(  # boxing
        "medtop:20000856",
        en={
            3: "boxing|boxer*|ufc|mma|heavyweight title",
            2: "heavyweight*|knockout|bout",
        },
        de={
            3: "boxen|boxer*|boxkampf*",
            2: "schwergewicht*",
        },
    ),
    # conflict, war and peace
    _Spec(
        "medtop:16000000",
        en={
            3: "military|militaries|troops|soldier*|armed forces|air defence|air defense|air defences|air defenses|"
                "defence minister*|defense minister*|defense secretary|defence secretary|pentagon|war games|"
                "military exercises|military drills|warship*|navy|naval|army|armies|weapon*|arms supplies|militia*|"
                "air force|general staff|commander in chief",
            2: "defence|defense|drills|marines|commander*|security forces|servicemen|service member*|veterans|"
                "nuclear weapon*",
            1: "security|forces|threat*|tensions|aggression",
        },
        de={
            3: "militar*|soldat*|truppen|armee*|streitkrafte|bundeswehr|luftabwehr|verteidigungsminister*|waffe|"
                "waffen|waffenlieferung*|marine|kriegsschiff*|nato manover|manover",
            2: "kommandeur*|general|generale",
            1.5: "verteidigung*",
            1: "sicherheit*|bedrohung*|spannungen",
        },
    ),
    _Spec(  # armed conflict
        "medtop:20000056",
        en={
            3: "war|wars|wartime|warfare|invasion|invaded|shelling|airstrike*|air strike*|missile strike*|"
                "drone strike*|missile*|artillery|battlefield*|front line*|frontline*|warplane*|fighter jet*|"
                "air raid*|ballistic|hypersonic|war crime*|genocide|occupied territory|occupying power|"
                "military offensive|counteroffensive|combat|bombardment|drone attack*|drone and missile|"
                "strike drones|insurgen*|armed conflict|act of war|world war*|wwiii|hostilities",
            2: "mortar|mortars|drone|drones|assault*|bombing*|bombs|tank|tanks|offensive|occupation|casualt*|"
                "hostage*|rebels|rebel|shot down|shoot down|attacks|attack|strikes|conflict|conflicts|killed in|"
                "fighting|fighters|besieged|siege|retaliat*",
            1: "struck|fired|destroyed",
        },
        de={
            3: "krieg|kriege|krieges|kriegs*|*krieg|angriffskrieg|luftangriff*|drohnenangriff*|raketenangriff*|"
                "beschuss|gefecht*|kampfe|frontlinie|invasion|rakete|raketen|marschflugkorper|artillerie|panzer*|"
                "kampfjet*|bombardier*|besatzungsmacht|gegenoffensive|kriegsverbrech*",
            2: "angriff*|angegriffen|drohne|drohnen|bomben|geisel*|offensive|konflikt*|getotet|front",
        },
    ),
    _Spec(  # act of terror
        "medtop:20000053",
        en={
            3: "terror*|suicide bomb*|jihadist*|counterterror*|anti terror",
            2: "extremist*|militant*|militancy|radicali*|assassinat*",
        },
        de={
            3: "terror*|attentat*|dschihadist*|islamist*|selbstmordanschlag*",
            2: "anschlag|anschlage|extremist*|militant*",
        },
    ),
    _Spec(  # civil unrest
        "medtop:20000065",
        en={
            3: "riot*|unrest|protesters|tear gas|looting|uprising|counter protest*|demonstrators|clashes",
            2: "protest|protests|protested|demonstration*|clashed|rally|rallies|march",
            1: "violent clashes|chanting",
        },
        de={
            3: "unruhen|krawall*|ausschreitung*|demonstrant*|tranengas",
            2: "protest*|demonstration*|demo|demos|kundgebung*",
        },
    ),
    _Spec(  # peace process
        "medtop:20000073",
        en={
            3: "ceasefire*|cease fire|truce|peace talks|peace deal|peace agreement|peace plan|peace process|"
                "peace negotiations|peacemaking|peace making|armistice",
            2: "peace|mediat*|compromise",
        },
        de={
            3: "waffenruhe|waffenstillstand*|friedensverhandlung*|friedensplan*|friedensgesprach*|friedensabkommen|"
                "frieden",
            2: "friedens*",
            1: "vermittl*",
        },
    ),
    # weather
    _Spec(
        "medtop:17000000",
        en={
            3: "weather|meteorolog*|forecasters|met office|national weather service|weather service",
            2: "temperatures|celsius|fahrenheit|la nina|el nino",
            1: "temperature|degrees|mild|chilly|sunny|cloudy",
        },
        de={
            3: "wetter*|unwetter*|meteorolog*|wetterdienst|dwd",
            2: "temperatur*|grad celsius",
            1: "sonnig|bewolkt",
        },
    ),
    _Spec(  # weather forecast
        "medtop:20001128",
        en={
            3: "weather forecast*|rainfall|showers and thunderstorms|cold front|warm front|high pressure system|"
                "low pressure system|drizzle",
            2: "forecast|rain|snow|snowfall|frost|winds|gusts|humid*|fog|sunshine",
            1: "showers|outlook",
        },
        de={
            3: "wettervorhersage*|niederschlag*|regen|schnee*|frost|boen|glatte",
            2: "vorhersage*|prognose*|wind",
        },
    ),
    _Spec(  # weather warning
        "medtop:20001131",
        en={
            3: "weather warning*|severe weather|storm warning*|tornado warning*|flood warning*|weather alert*|"
                "amber warning|yellow warning|heat warning*|tornado watch",
            2: "red warning|urged to avoid",
            1.5: "warnings|alerts",
            1: "advisory",
        },
        de={
            3: "unwetterwarnung*|wetterwarnung*|sturmwarnung*|warnstufe",
            1: "warnung*",
        },
    ),
    _Spec(  # weather phenomena
        "medtop:20001129",
        en={
            3: "thunderstorm*|supercell*|tornado|tornadoes|heatwave*|heat wave*|cold snap|blizzard*|monsoon*|"
                "downpour*|hailstorm*|hail|storm system*",
            2: "storm|storms|hurricane|lightning|thunder|squall*|stormy|heavy rain",
        },
        de={
            3: "gewitter*|sturm|sturme|sturmtief*|orkan*|hitzewelle*|hitze|starkregen|hagel|blitzeinschlag*",
            2: "donner|blitz|blitze",
        },
    ),
)
# ---------------------------------------------------------------------------------------------------------------
# Taxonomy
# ---------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _taxonomy_frame() -> pd.DataFrame:
    path = resources.files("newsdesk") / "data" / "iptc_mediatopics.csv"
    with path.open("r", encoding="utf-8") as f:
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
    df["parent"] = df["parent"].where(df["parent"] != "", None)
    df["level"] = df["level"].astype(int)
    return df[["code", "label", "parent", "level"]]


def taxonomy() -> pd.DataFrame:
    """All active IPTC Media Topics: columns code, label, parent (missing for level 1), level."""
    return _taxonomy_frame().copy()  # copy: callers may mutate, the cache must not change


# ---------------------------------------------------------------------------------------------------------------
# Text normalisation and matching
# ---------------------------------------------------------------------------------------------------------------
_GAP = re.compile(r"[\s\-\u2010-\u2015_/]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def _fold(text: str) -> str:
    """Lowercase, strip accents (ß -> ss), unify apostrophes, turn hyphens/slashes/whitespace runs into one space."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().translate(_QUOTES)
    return _GAP.sub(" ", s)


def _trie_regex(terms: list[str], suffix: bool) -> re.Pattern[str]:
    """One alternation shaped as a character trie, so the engine tests each position against few branches."""
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts: list[str] = []
        end = star = False
        for ch in sorted(node):
            if ch == "":
                end = True
            elif ch == "*":
                star = True
            else:
                alts.append((r"\ " if ch == " " else re.escape(ch)) + emit(node[ch]))
        # Literal continuations first, then a stem's open tail: Python takes the first alternative that succeeds,
        # so trying the longer literal terms first makes the longest term win.
        if star:
            alts.append(r"\w*")
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    lead = r"\b\w*?" if suffix else r"\b"  # suffix terms may start anywhere inside a word
    return re.compile(lead + emit(root) + r"\b")


Hits = dict[int, tuple[str, float]]  # node index -> (term key, weight): what one matched word/phrase counts for


@dataclass
class _LangIndex:
    """Compiled terms of one language: term -> [(node index, weight)] for exact terms, stems and suffixes."""

    exact: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    stems: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    suffixes: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    prefix_rx: re.Pattern[str] | None = None
    suffix_rx: re.Pattern[str] | None = None
    max_stem: int = 0
    max_suffix: int = 0

    def add(self, raw_term: str, node: int, weight: float) -> None:
        term = _fold(raw_term.strip())
        if term.startswith("*"):
            self.suffixes.setdefault(term[1:], []).append((node, weight))
        elif term.endswith("*"):
            self.stems.setdefault(term[:-1], []).append((node, weight))
        elif term:
            self.exact.setdefault(term, []).append((node, weight))

    def compile(self) -> None:
        prefix_terms = list(self.exact) + [s + "*" for s in self.stems]
        self.prefix_rx = _trie_regex(prefix_terms, suffix=False) if prefix_terms else None
        self.suffix_rx = _trie_regex(list(self.suffixes), suffix=True) if self.suffixes else None
        self.max_stem = max((len(s) for s in self.stems), default=0)
        self.max_suffix = max((len(s) for s in self.suffixes), default=0)

    def _resolve(self, m: str) -> Hits:
        """The best term per node among all terms that match the string m (exact, stem prefixes, suffixes)."""
        out: Hits = {}

        def take(key: str, hits: list[tuple[int, float]]) -> None:
            for node, w in hits:
                if node not in out or out[node][1] < w:
                    out[node] = (key, w)

        if m in self.exact:
            take(m, self.exact[m])
        for k in range(min(len(m), self.max_stem), 0, -1):
            if m[:k] in self.stems:
                take(m[:k] + "*", self.stems[m[:k]])
        for k in range(max(0, len(m) - self.max_suffix), len(m)):
            if m[k:] in self.suffixes:
                take("*" + m[k:], self.suffixes[m[k:]])
        return out

    def matches(self, text: str) -> list[Hits]:
        """One entry per matched position in folded text; a word found by both scans is merged, best term per node."""
        by_start: dict[int, Hits] = {}
        for rx in (self.prefix_rx, self.suffix_rx):
            if rx is None:
                continue
            for m in rx.finditer(text):
                slot = by_start.setdefault(m.start(), {})
                for node, (key, w) in self._resolve(m.group()).items():
                    if node not in slot or slot[node][1] < w:
                        slot[node] = (key, w)
        return [slot for slot in by_start.values() if slot]


@dataclass(frozen=True)
class _Model:
    codes: tuple[str, ...]  # lexicon node -> topic code
    level1: dict[str, str]  # topic code -> its level-1 ancestor
    labels: dict[str, str]
    index: dict[str, _LangIndex]


@lru_cache(maxsize=1)
def _model() -> _Model:
    tax = _taxonomy_frame()
    parent = {c: p for c, p in zip(tax["code"], tax["parent"]) if isinstance(p, str) and p}  # level 1: missing
    labels = dict(zip(tax["code"], tax["label"]))

    def ancestor(code: str) -> str:
        while parent.get(code):
            code = parent[code]
        return code

    index = {"en": _LangIndex(), "de": _LangIndex()}
    for i, spec in enumerate(_SPECS):
        if spec.code not in labels:
            raise ValueError(f"lexicon topic {spec.code} is not an active IPTC Media Topic")
        for lang, lex in (("en", spec.en), ("de", spec.de)):
            for weight, terms in lex.items():
                for term in terms.split("|"):
                    index[lang].add(term, i, float(weight))
    for idx in index.values():
        idx.compile()
    codes = tuple(spec.code for spec in _SPECS)
    return _Model(codes, {c: ancestor(c) for c in codes}, labels, index)


# Function words that tell English from German when the caller does not know the language.
_EN_STOP = frozenset("the and of to is was for that with on are this have from by".split())
_DE_STOP = frozenset("der die das und ist nicht mit den dem ein eine sich auf auch wird von zu".split())


def _lexicon_language(language: str | None, folded: str) -> str:
    """Which lexicon to use: 'de' for German, 'en' for everything else; guessed from stop words when unknown."""
    if language:
        return "de" if language.lower().startswith("de") else "en"
    words = folded.split()[:400]
    de = sum(1 for w in words if w in _DE_STOP)
    en = sum(1 for w in words if w in _EN_STOP)
    return "de" if de > en else "en"


def _evidence(title: str, text: str, language: str | None = None) -> dict[str, float]:
    """Raw evidence per lexicon topic code; a level-1 topic also collects its sub-topics' matches."""
    model = _model()
    ftitle, ftext = _fold(title), _fold(text)
    idx = model.index[_lexicon_language(language, ftitle + " " + ftext)]
    # (topic code, term key) -> [weight, body hits, title hits]. At each matched position a level-1 topic counts
    # only its best term, so a word listed under both a sub-topic and its parent is not counted twice.
    tally: dict[tuple[str, str], list[float]] = {}
    for field_index, folded in ((1, ftext), (2, ftitle)):
        for hits in idx.matches(folded):
            best_top: dict[str, tuple[str, float]] = {}
            for node, (key, w) in hits.items():
                code = model.codes[node]
                top = model.level1[code]
                if top != code:
                    entry = tally.setdefault((code, key), [w, 0.0, 0.0])
                    entry[field_index] += 1
                if top not in best_top or best_top[top][1] < w:
                    best_top[top] = (key, w)
            for top, (key, w) in best_top.items():
                entry = tally.setdefault((top, key), [w, 0.0, 0.0])
                entry[0] = max(entry[0], w)
                entry[field_index] += 1
    out: dict[str, float] = {}
    for (code, _key), (w, n_body, n_title) in tally.items():
        out[code] = out.get(code, 0.0) + w * math.log2(1.0 + n_body + TITLE_WEIGHT * n_title)
    return out


def _scale(n_words: int) -> float:
    return SCALE_BASE * (1.0 + math.log1p(n_words / SCALE_WORDS))


def classify(title: str, text: str, language: str | None = None, top_k: int = 5) -> list[TopicScore]:
    """IPTC Media Topics for an article: ranked level-1 topics plus strongly supported sub-topics, scores in (0, 1]."""
    title, text = title or "", text or ""
    if top_k <= 0 or not (title.strip() or text.strip()):
        return []
    model = _model()
    raw = _evidence(title, text, language)
    scale = _scale(len(title.split()) + len(text.split()))

    def score(r: float) -> float:
        return max(1e-6, 1.0 - math.exp(-r / scale))  # strictly positive for any reported topic

    ranked = sorted(
        ((c, r) for c, r in raw.items() if model.level1[c] == c and r >= MIN_EVIDENCE), key=lambda cr: (-cr[1], cr[0])
    )
    if not ranked:
        return []
    best = ranked[0][1]
    out: list[TopicScore] = []
    for code, r in [(c, r) for c, r in ranked if r >= REL_MIN * best][:top_k]:
        parent_score = score(r)
        out.append(TopicScore(code, model.labels[code], parent_score, METHOD))
        if r < SUB_PARENT_REL * best:
            continue  # sub-topics only for the article's main topics
        subs = sorted(
            (
                (c, sr)
                for c, sr in raw.items()
                if c != code and model.level1[c] == code and sr >= SUB_MIN and sr >= SUB_SHARE * r
            ),
            key=lambda cr: (-cr[1], cr[0]),
        )[:MAX_SUB]
        out.extend(TopicScore(c, model.labels[c], min(score(sr), parent_score), METHOD) for c, sr in subs)
    out.sort(key=lambda t: (-t.score, t.code))
    return out
