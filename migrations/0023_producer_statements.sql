ALTER TABLE `producers` ADD `public_contact` text;--> statement-breakpoint
ALTER TABLE `producers` ADD `producer_stated_on` text;--> statement-breakpoint
ALTER TABLE `products` ADD `producer_stated_on` text;