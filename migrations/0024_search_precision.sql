CREATE TABLE `search_misses` (
	`day` text NOT NULL,
	`query` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`zero` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `query`)
);
--> statement-breakpoint
CREATE TABLE `search_reindex` (
	`id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_synonyms` (
	`id` integer PRIMARY KEY NOT NULL,
	`term` text NOT NULL,
	`synonym` text NOT NULL,
	`term_key` text NOT NULL,
	`synonym_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_synonyms_pair_uq` ON `search_synonyms` (`term_key`,`synonym_key`);--> statement-breakpoint
CREATE INDEX `search_synonyms_synonym_idx` ON `search_synonyms` (`synonym_key`);--> statement-breakpoint
CREATE TABLE `search_words` (
	`word` text PRIMARY KEY NOT NULL,
	`length` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_words_length_idx` ON `search_words` (`length`,`word`);--> statement-breakpoint
DROP INDEX `products_tier_sort_vi_idx`;--> statement-breakpoint
DROP INDEX `products_tier_sort_en_idx`;--> statement-breakpoint
DROP INDEX `products_real_tier_vi_idx`;--> statement-breakpoint
DROP INDEX `products_real_tier_en_idx`;--> statement-breakpoint
ALTER TABLE `products` ADD `recognition_rank` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `products_recognition_sort_vi_idx` ON `products` ("recognition_rank" DESC,`sort_vi`,`id`);--> statement-breakpoint
CREATE INDEX `products_recognition_sort_en_idx` ON `products` ("recognition_rank" DESC,`sort_en`,`id`);--> statement-breakpoint
CREATE INDEX `products_real_recognition_vi_idx` ON `products` (("provenance" = 'illustrative'),"recognition_rank" DESC,`sort_vi`,`id`);--> statement-breakpoint
CREATE INDEX `products_real_recognition_en_idx` ON `products` (("provenance" = 'illustrative'),"recognition_rank" DESC,`sort_en`,`id`);--> statement-breakpoint
-- Search that finds what a shopper means (issue 26). The index had one text column holding the descriptions, so
-- "tra" found bún through "traditional" and "quoc gia" a product through a remark on its producer's funding. It now
-- holds, per product, its names (both languages), its kind (category and the kind's names, migration 0017), the
-- other side of every synonym its names or kind name (alias), its producer, its place (district, commune) and its
-- recognitions' words (OCOP, stars, levels, titles — never notes), each a column so that bm25() ranks a name match
-- first; the descriptions are a column of their own that the search reads only when nothing else matches. The text
-- comes from products_fts_doc, one view joining what a product's page shows, kept in the index by the triggers below
-- whatever writes (editors, imports, seed, restore). Accents are folded by the tokenizer; đ is not (unicode61 keeps
-- it a letter of its own), so the view writes it d. Synonyms are applied here, when a product is indexed, not when
-- a shopper searches: a search's statement stays small and quick (SQLite plans every use of a WITH table anew, and
-- a query-time expansion read in several places took 100–500 ms to plan).
DROP TRIGGER `products_fts_ai`;--> statement-breakpoint
DROP TRIGGER `products_fts_ad`;--> statement-breakpoint
DROP TRIGGER `products_fts_au`;--> statement-breakpoint
DROP TABLE `products_fts`;--> statement-breakpoint
CREATE VIRTUAL TABLE `products_fts` USING fts5(
  name, kind, alias, producer, place, award, description,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);--> statement-breakpoint
-- How often each word is held (documents per column), for the typo search's choice among corrections.
CREATE VIRTUAL TABLE `products_fts_vocab` USING fts5vocab(`products_fts`, 'col');--> statement-breakpoint
-- The words of the searched columns (not descriptions) go to search_words, the vocabulary a typo is corrected
-- against, read by length (fts5vocab reads every word's postings: scanning it grows with the catalogue). The
-- triggers fold a changed product's text with the index's own tokenizer through search_fold, an index holding one
-- write's documents at a time (emptied before each).
CREATE VIRTUAL TABLE `search_fold` USING fts5(words, tokenize='unicode61 remove_diacritics 2');--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fold_vocab` USING fts5vocab(`search_fold`, 'row');--> statement-breakpoint
CREATE VIEW `products_fts_doc` AS
SELECT p.id AS id,
  replace(replace(p.name_vi || ' ' || p.name_en, 'đ', 'd'), 'Đ', 'D') AS name,
  replace(replace(p.category_vi || ' ' || p.category_en || coalesce(' ' || (SELECT group_concat(k.name_vi || ' ' || k.name_en || ' ' || (SELECT group_concat(n.value, ' ') FROM json_each(k.search_names) n), ' ') FROM kinds k WHERE k.provenance <> 'illustrative' AND EXISTS (SELECT 1 FROM json_each(k.categories) c WHERE c.value = p.category_vi)), ''), 'đ', 'd'), 'Đ', 'D') AS kind,
  -- The other side of each synonym (both ways) whose words the product's folded names or kind names hold in a row.
  coalesce((SELECT group_concat(a, ' ') FROM (
      SELECT y.synonym_key AS a FROM search_synonyms y WHERE ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(p.sort_vi || ' ' || p.sort_en || ' ' || coalesce((SELECT group_concat((SELECT group_concat(n.value, ' ') FROM json_each(k.search_names) n), ' ') FROM kinds k WHERE k.provenance <> 'illustrative' AND EXISTS (SELECT 1 FROM json_each(k.categories) c WHERE c.value = p.category_vi)), ''), ',', ' '), '.', ' '), '(', ' '), ')', ' '), '-', ' '), '/', ' '), '&', ' '), ':', ' '), ';', ' '), '+', ' '), '''', ' ') || ' ' LIKE '% ' || y.term_key || ' %'
      UNION SELECT y.term_key FROM search_synonyms y WHERE ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(p.sort_vi || ' ' || p.sort_en || ' ' || coalesce((SELECT group_concat((SELECT group_concat(n.value, ' ') FROM json_each(k.search_names) n), ' ') FROM kinds k WHERE k.provenance <> 'illustrative' AND EXISTS (SELECT 1 FROM json_each(k.categories) c WHERE c.value = p.category_vi)), ''), ',', ' '), '.', ' '), '(', ' '), ')', ' '), '-', ' '), '/', ' '), '&', ' '), ':', ' '), ';', ' '), '+', ' '), '''', ' ') || ' ' LIKE '% ' || y.synonym_key || ' %')), '') AS alias,
  replace(replace(coalesce(pr.name, ''), 'đ', 'd'), 'Đ', 'D') AS producer,
  replace(replace(coalesce(pr.district, '') || ' ' || coalesce(pr.commune, ''), 'đ', 'd'), 'Đ', 'D') AS place,
  replace(replace(coalesce((SELECT group_concat(
      CASE r.scheme
        WHEN 'ocop' THEN 'OCOP ' || coalesce(r.stars || ' sao ' || r.stars || ' stars', '')
        WHEN 'cnnt' THEN 'CNNT ' || CASE r.level WHEN 'national' THEN 'quốc gia national' WHEN 'regional' THEN 'khu vực regional' WHEN 'provincial' THEN 'tỉnh provincial' WHEN 'district' THEN 'huyện district' ELSE '' END
        WHEN 'geographical_indication' THEN 'chỉ dẫn địa lý geographical indication'
        WHEN 'collective_mark' THEN 'nhãn hiệu tập thể collective mark'
        ELSE '' END || ' ' || r.title_vi || ' ' || r.title_en, ' ')
    FROM recognitions r WHERE r.product_id = p.id), ''), 'đ', 'd'), 'Đ', 'D') AS award,
  replace(replace(p.description_vi || ' ' || p.description_en, 'đ', 'd'), 'Đ', 'D') AS description
FROM products p LEFT JOIN producers pr ON pr.id = p.producer_id;--> statement-breakpoint
INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc;--> statement-breakpoint
INSERT INTO search_words (word, length) SELECT term, length(term) FROM products_fts_vocab
  WHERE term >= 'a' AND term < '{' AND col <> 'description' GROUP BY term;--> statement-breakpoint
CREATE TRIGGER `products_fts_ai` AFTER INSERT ON `products` BEGIN
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (new.id);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (new.id);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_ad` AFTER DELETE ON `products` BEGIN
  DELETE FROM products_fts WHERE rowid = old.id;
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_au` AFTER UPDATE OF name_vi, name_en, category_vi, category_en, producer_id, description_vi, description_en, sort_vi, sort_en ON `products` BEGIN
  DELETE FROM products_fts WHERE rowid = old.id;
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (new.id);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (new.id);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_producers_au` AFTER UPDATE OF name, district, commune ON `producers` BEGIN
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM products WHERE producer_id = new.id);
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE producer_id = new.id);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE producer_id = new.id);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_recognitions_ai` AFTER INSERT ON `recognitions` BEGIN
  DELETE FROM products_fts WHERE rowid = new.product_id;
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (new.product_id);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (new.product_id);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_recognitions_ad` AFTER DELETE ON `recognitions` BEGIN
  DELETE FROM products_fts WHERE rowid = old.product_id;
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (old.product_id);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (old.product_id);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_recognitions_au` AFTER UPDATE ON `recognitions` BEGIN
  DELETE FROM products_fts WHERE rowid IN (old.product_id, new.product_id);
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (old.product_id, new.product_id);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (old.product_id, new.product_id);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_kinds_ai` AFTER INSERT ON `kinds` BEGIN
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(new.categories)));
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(new.categories)));
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(new.categories)));
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_kinds_ad` AFTER DELETE ON `kinds` BEGIN
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(old.categories)));
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(old.categories)));
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(old.categories)));
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `products_fts_kinds_au` AFTER UPDATE OF name_vi, name_en, categories, search_names, provenance ON `kinds` BEGIN
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(old.categories)) OR category_vi IN (SELECT value FROM json_each(new.categories)));
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(old.categories)) OR category_vi IN (SELECT value FROM json_each(new.categories)));
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (SELECT id FROM products WHERE category_vi IN (SELECT value FROM json_each(old.categories)) OR category_vi IN (SELECT value FROM json_each(new.categories)));
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
END;--> statement-breakpoint
CREATE TRIGGER `search_synonyms_ai` AFTER INSERT ON `search_synonyms` BEGIN
  DELETE FROM search_reindex;
  INSERT INTO search_reindex (id) SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || new.term_key || '"' UNION SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || new.synonym_key || '"';
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM search_reindex);
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (SELECT id FROM search_reindex);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (SELECT id FROM search_reindex);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) VALUES (1, new.term_key || ' ' || new.synonym_key);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
  DELETE FROM search_reindex;
END;--> statement-breakpoint
CREATE TRIGGER `search_synonyms_ad` AFTER DELETE ON `search_synonyms` BEGIN
  DELETE FROM search_reindex;
  INSERT INTO search_reindex (id) SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || old.term_key || '"' UNION SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || old.synonym_key || '"';
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM search_reindex);
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (SELECT id FROM search_reindex);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (SELECT id FROM search_reindex);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
  DELETE FROM search_reindex;
END;--> statement-breakpoint
CREATE TRIGGER `search_synonyms_au` AFTER UPDATE OF term_key, synonym_key ON `search_synonyms` BEGIN
  DELETE FROM search_reindex;
  INSERT INTO search_reindex (id) SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || old.term_key || '"' UNION SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || old.synonym_key || '"' UNION SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || new.term_key || '"' UNION SELECT rowid FROM products_fts WHERE products_fts MATCH '{name kind alias} : "' || new.synonym_key || '"';
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM search_reindex);
  INSERT INTO products_fts (rowid, name, kind, alias, producer, place, award, description) SELECT * FROM products_fts_doc WHERE id IN (SELECT id FROM search_reindex);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) SELECT id, name || ' ' || kind || ' ' || producer || ' ' || place || ' ' || award FROM products_fts_doc WHERE id IN (SELECT id FROM search_reindex);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
  DELETE FROM search_fold;
  INSERT INTO search_fold (rowid, words) VALUES (1, new.term_key || ' ' || new.synonym_key);
  INSERT INTO search_words (word, length) SELECT term, length(term) FROM search_fold_vocab WHERE term >= 'a' AND term < '{' AND term NOT IN (SELECT word FROM search_words);
  DELETE FROM search_reindex;
END;--> statement-breakpoint
-- search_text (the old index's one column) goes; the change feed's trigger compared it, so it is made again without.
DROP TRIGGER `changes_products_au`;--> statement-breakpoint
ALTER TABLE `products` DROP COLUMN `search_text`;--> statement-breakpoint
CREATE TRIGGER `changes_products_au` AFTER UPDATE ON `products`
  WHEN (old.slug, old.producer_id, old.name_vi, old.name_en, old.description_vi, old.description_en, old.product_group, old.category_vi, old.category_en, old.packaging, old.image, old.image_alt_vi, old.image_alt_en, old.sources, old.sample, old.sample_fields, old.tier_rank, old.ocop_stars, old.sort_vi, old.sort_en, old.created_at)
    IS NOT (new.slug, new.producer_id, new.name_vi, new.name_en, new.description_vi, new.description_en, new.product_group, new.category_vi, new.category_en, new.packaging, new.image, new.image_alt_vi, new.image_alt_en, new.sources, new.sample, new.sample_fields, new.tier_rank, new.ocop_stars, new.sort_vi, new.sort_en, new.created_at)
BEGIN
  INSERT INTO changes (entity, entity_key, op) SELECT 'product', old.slug, 'delete' WHERE old.slug IS NOT new.slug;
  INSERT INTO changes (entity, entity_key, op, key_id) VALUES ('product', new.slug, 'upsert', NULL);
END;--> statement-breakpoint
-- The "highest recognition" order (issue 26): each recognition's grade, then its stated year. An OCOP rating is
-- valid for 36 months from its decision (src/domain/ratings.ts): one decided in year Y is current until the end of
-- Y + 2; from Y + 3 on it may have lapsed, and one whose year is not stated (or only inferred) may have too. Grades,
-- strongest first: a national CNNT-TB title 90; a current OCOP 5★ 80; a regional CNNT-TB title 70; a current OCOP
-- 4★ 60 (the top grade the province certifies: above its provincial CNNT-TB title, below a regional one); a
-- provincial CNNT-TB title 50; a current OCOP 3★ 40, current with stars not stated 35; an OCOP rating that may have
-- lapsed or whose year is not stated below every current one and every CNNT-TB title above the district's: 5★ 30,
-- 4★ 25, 3★ 20, stars not stated 15; a district (commune) CNNT-TB title 10; a geographical indication or
-- collective mark 5. Rank = grade × 10,000 + the year when it is stated, so among equal grades the recent first and
-- the undated last. An illustrative recognition ranks nothing but an illustrative product. The year turns: the
-- cron re-ranks the products whose OCOP ratings reach their 36 months (src/platform/db/recognition-rank.ts).
CREATE VIEW `recognition_ranks` AS
SELECT id, product_id,
  CASE scheme
    WHEN 'cnnt' THEN CASE level WHEN 'national' THEN 90 WHEN 'regional' THEN 70 WHEN 'provincial' THEN 50 WHEN 'district' THEN 10 ELSE 0 END
    WHEN 'ocop' THEN CASE WHEN stated + 3 > CAST(strftime('%Y', 'now') AS INTEGER)
      THEN CASE stars WHEN 5 THEN 80 WHEN 4 THEN 60 WHEN 3 THEN 40 ELSE 35 END
      ELSE CASE stars WHEN 5 THEN 30 WHEN 4 THEN 25 WHEN 3 THEN 20 ELSE 15 END END
    ELSE 5 END * 10000 + coalesce(stated, 0) AS rank
FROM (SELECT r.id, r.product_id, r.scheme, r.level, r.stars,
    CASE WHEN coalesce(json_extract(r.field_provenance, '$.year'), 'sourced') NOT IN ('inferred', 'illustrative') THEN r.year END AS stated
  FROM recognitions r
  WHERE r.provenance <> 'illustrative' OR (SELECT p.provenance FROM products p WHERE p.id = r.product_id) = 'illustrative');--> statement-breakpoint
UPDATE products SET recognition_rank = coalesce((SELECT max(rank) FROM recognition_ranks r WHERE r.product_id = products.id), 0);--> statement-breakpoint
CREATE TRIGGER `recognitions_rank_ai` AFTER INSERT ON `recognitions` BEGIN
  UPDATE products SET recognition_rank = coalesce((SELECT max(rank) FROM recognition_ranks r WHERE r.product_id = new.product_id), 0) WHERE id = new.product_id;
END;--> statement-breakpoint
CREATE TRIGGER `recognitions_rank_ad` AFTER DELETE ON `recognitions` BEGIN
  UPDATE products SET recognition_rank = coalesce((SELECT max(rank) FROM recognition_ranks r WHERE r.product_id = old.product_id), 0) WHERE id = old.product_id;
END;--> statement-breakpoint
CREATE TRIGGER `recognitions_rank_au` AFTER UPDATE ON `recognitions` BEGIN
  UPDATE products SET recognition_rank = coalesce((SELECT max(rank) FROM recognition_ranks r WHERE r.product_id = products.id), 0) WHERE id IN (old.product_id, new.product_id);
END;--> statement-breakpoint
-- Synonyms an editor starts from (each row works both ways). Bún and miến are different noodles: no row joins them.
INSERT INTO `search_synonyms` (`term`, `synonym`, `term_key`, `synonym_key`) VALUES
  ('chè', 'trà', 'che', 'tra'),
  ('tea', 'trà', 'tea', 'tra'),
  ('lạp xưởng', 'lạp sườn', 'lap xuong', 'lap suon'),
  ('sausage', 'lạp sườn', 'sausage', 'lap suon'),
  ('vermicelli', 'miến', 'vermicelli', 'mien'),
  ('honey', 'mật ong', 'honey', 'mat ong'),
  ('jelly', 'thạch đen', 'jelly', 'thach den'),
  ('mushroom', 'nấm', 'mushroom', 'nam'),
  ('mushrooms', 'nấm', 'mushrooms', 'nam'),
  ('bamboo', 'chiếu trúc', 'bamboo', 'chieu truc'),
  ('bamboo', 'trúc mỹ nghệ', 'bamboo', 'truc my nghe'),
  ('knife', 'dao rèn', 'knife', 'dao ren'),
  ('knives', 'dao rèn', 'knives', 'dao ren'),
  ('jiaogulan', 'giảo cổ lam', 'jiaogulan', 'giao co lam'),
  ('gynostemma', 'giảo cổ lam', 'gynostemma', 'giao co lam'),
  ('rice noodles', 'bún', 'rice noodles', 'bun'),
  ('glutinous rice', 'gạo nếp', 'glutinous rice', 'gao nep'),
  ('sticky rice', 'gạo nếp', 'sticky rice', 'gao nep'),
  ('shiitake', 'nấm hương', 'shiitake', 'nam huong'),
  ('candy', 'khẩu sli', 'candy', 'khau sli'),
  ('wine', 'rượu', 'wine', 'ruou'),
  ('liquor', 'rượu', 'liquor', 'ruou');
