CREATE TABLE `catalogue_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX `products_tier_idx`;--> statement-breakpoint
CREATE INDEX `products_tier_sort_vi_idx` ON `products` ("tier_rank" DESC,`sort_vi`,`id`);--> statement-breakpoint
CREATE INDEX `products_tier_sort_en_idx` ON `products` ("tier_rank" DESC,`sort_en`,`id`);--> statement-breakpoint
CREATE INDEX `products_tier_group_idx` ON `products` (`tier_rank`,`product_group`,`producer_id`);--> statement-breakpoint
CREATE INDEX `products_group_tier_idx` ON `products` (`product_group`,`tier_rank`,`producer_id`);--> statement-breakpoint
CREATE INDEX `products_category_tier_idx` ON `products` (`category_vi`,"tier_rank" DESC,`sort_vi`);--> statement-breakpoint
CREATE INDEX `recognitions_scheme_product_idx` ON `recognitions` (`scheme`,`product_id`);