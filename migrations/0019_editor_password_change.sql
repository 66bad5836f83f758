-- Issue 23: an invited account signs in with a password its inviter chose; it must choose its own at first sign-in.
ALTER TABLE `editors` ADD `must_change_password` integer DEFAULT 0 NOT NULL;