-- Producer photos (issue 12): an editor uploads a photo of the workshop or its people, with alt text in both
-- languages, as for products. Published with the producer's draft; the producer page shows it.
ALTER TABLE `producers` ADD `image` text;--> statement-breakpoint
ALTER TABLE `producers` ADD `image_alt_vi` text;--> statement-breakpoint
ALTER TABLE `producers` ADD `image_alt_en` text;
