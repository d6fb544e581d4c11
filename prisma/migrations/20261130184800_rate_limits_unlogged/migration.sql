-- Rate-limit slots are taken before every Kommo request. As a logged table, each slot's commit
-- waited for a WAL flush, which behind a sync's bulk upserts took up to several hundred
-- milliseconds and sent requests late (and bunched). Unlogged, the commit returns at once; after
-- a crash the table is empty, which only means the next request takes a slot from "now".
ALTER TABLE "kommo_rate_limits" SET UNLOGGED;
