-- Articles landed before 007 carry credits already: fill `wire_agencies` from their dateline agency ("AP",
-- "dpa/lno") and authors, folded as newsdesk.agencies folds them (tests/integration/test_schema.py keeps the two
-- tables in step). Rows whose content is unchanged are skipped by later loads, so without this their stories would
-- count each outlet as an independent source until re-landed with `ingest --force`.
CREATE TEMP TABLE _nd_wire (k VARCHAR, v VARCHAR);
INSERT INTO _nd_wire VALUES
    ('dpa', 'dpa'), ('deutsche presse-agentur', 'dpa'), ('deutsche presseagentur', 'dpa'), ('dpa-afx', 'dpa-AFX'),
    ('afp', 'AFP'), ('agence france-presse', 'AFP'), ('agence france presse', 'AFP'), ('ap', 'AP'),
    ('associated press', 'AP'), ('the associated press', 'AP'), ('reuters', 'Reuters'),
    ('thomson reuters', 'Reuters'), ('rtr', 'Reuters'), ('epd', 'epd'), ('evangelischer pressedienst', 'epd'),
    ('kna', 'KNA'), ('katholische nachrichten-agentur', 'KNA'), ('apa', 'APA'), ('austria presse agentur', 'APA'),
    ('sda', 'SDA'), ('keystone-sda', 'SDA'), ('ats', 'SDA'), ('efe', 'EFE'), ('agencia efe', 'EFE'),
    ('ansa', 'ANSA'), ('anp', 'ANP'), ('ddp', 'ddp'), ('sid', 'SID'), ('dts', 'dts'), ('upi', 'UPI'), ('pa', 'PA'),
    ('pa media', 'PA'), ('press association', 'PA'), ('bloomberg', 'Bloomberg'), ('xinhua', 'Xinhua'),
    ('tass', 'TASS'), ('ria novosti', 'RIA Novosti'), ('kyodo', 'Kyodo'), ('yonhap', 'Yonhap'), ('aa', 'Anadolu'),
    ('anadolu', 'Anadolu'), ('anadolu agency', 'Anadolu'), ('anadolu ajansı', 'Anadolu'),
    ('europa press', 'Europa Press'), ('belga', 'Belga'), ('ctk', 'ČTK'), ('čtk', 'ČTK'), ('tt', 'TT'),
    ('ntb', 'NTB'), ('ritzau', 'Ritzau'), ('stt', 'STT'), ('pap', 'PAP'), ('mti', 'MTI'), ('cnn wire', 'CNN Wire'),
    ('awp', 'AWP'), ('kathpress', 'Kathpress'), ('idea', 'idea'), ('aps', 'APS'), ('apa-ots', 'APA'),
    ('ots', 'APA');
UPDATE articles SET wire_agencies = coalesce((
    SELECT list(DISTINCT w.v ORDER BY w.v)
    FROM (SELECT unnest(string_split(c, '/')) AS part
          FROM (SELECT unnest(list_append(articles.authors, articles.dateline_agency)) AS c)) AS t
    JOIN _nd_wire AS w ON w.k = lower(trim(t.part))), [])
WHERE wire_agencies IS NULL OR len(wire_agencies) = 0;
DROP TABLE _nd_wire;
