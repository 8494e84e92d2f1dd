ALTER TYPE "decision_state" ADD VALUE 'SET_ASIDE';--> statement-breakpoint
ALTER TYPE "decision_state" ADD VALUE 'SUPERSEDED';--> statement-breakpoint
ALTER TYPE "representation_request_state" ADD VALUE 'CANCELLED';--> statement-breakpoint
ALTER TABLE "decisions" DROP CONSTRAINT "decisions_approved", ADD CONSTRAINT "decisions_approved" CHECK ("varies_decision_id" is not null or ("state"::text in ('APPROVED', 'SET_ASIDE', 'SUPERSEDED')) = ("approved_by_id" is not null and "approved_at" is not null));