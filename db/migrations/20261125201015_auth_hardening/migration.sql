ALTER TABLE "people" ADD COLUMN "totp_last_used_step" integer;--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" ("ip","created_at");