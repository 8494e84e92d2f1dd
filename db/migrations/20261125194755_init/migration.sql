CREATE TYPE "actor_kind" AS ENUM('PERSON', 'SERVICE_ACCOUNT', 'SYSTEM');--> statement-breakpoint
CREATE TYPE "appeal_state" AS ENUM('FILED', 'ADMITTED', 'INADMISSIBLE', 'UPHELD', 'VARIED', 'REMITTED');--> statement-breakpoint
CREATE TYPE "assessment_state" AS ENUM('INVITED', 'ACCEPTED', 'DECLINED', 'SUBMITTED', 'ENDORSED', 'RETURNED');--> statement-breakpoint
CREATE TYPE "calendar_day_kind" AS ENUM('HOLIDAY', 'MAKEUP_WORKDAY');--> statement-breakpoint
CREATE TYPE "capability" AS ENUM('INNOVATION', 'MANUFACTURING', 'SUPPORT', 'REGULATORY');--> statement-breakpoint
CREATE TYPE "case_origin" AS ENUM('FIRM_FILING', 'DEPARTMENT_REFERRAL', 'EX_OFFICIO', 'MONITORING');--> statement-breakpoint
CREATE TYPE "case_state" AS ENUM('DRAFT', 'SUBMITTED', 'RETURNED', 'SCREENING', 'REVIEW', 'IN_DEPTH', 'DECISION_PROPOSED', 'DECIDED', 'APPEALED', 'MONITORING', 'WITHDRAWN', 'CLOSED');--> statement-breakpoint
CREATE TYPE "case_subject" AS ENUM('RELOCATION', 'ACQUISITION', 'SUPPLY_DISRUPTION', 'TECHNOLOGY_ROUTE', 'TECHNOLOGY_TRANSFER', 'DISRUPTION_EVENT');--> statement-breakpoint
CREATE TYPE "clearance_level" AS ENUM('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET');--> statement-breakpoint
CREATE TYPE "clock_owner_kind" AS ENUM('CASE', 'CONSULTATION', 'ASSESSMENT', 'INFORMATION_REQUEST', 'REPRESENTATION_REQUEST', 'APPEAL', 'CONDITION');--> statement-breakpoint
CREATE TYPE "clock_phase" AS ENUM('ACCEPTANCE', 'RESUBMISSION', 'SCREENING', 'REVIEW', 'IN_DEPTH', 'CONSULTATION', 'ASSESSMENT', 'INFORMATION_REQUEST', 'REPRESENTATIONS', 'APPEAL_WINDOW', 'APPEAL_DECISION', 'CONDITION');--> statement-breakpoint
CREATE TYPE "compliance_verdict" AS ENUM('COMPLIANT', 'NON_COMPLIANT', 'PENDING_REVIEW');--> statement-breakpoint
CREATE TYPE "condition_state" AS ENUM('OPEN', 'MET', 'BREACHED', 'WAIVED');--> statement-breakpoint
CREATE TYPE "consultation_opinion" AS ENUM('CONCUR', 'CONCUR_WITH_CONDITIONS', 'OBJECT', 'NO_VIEW');--> statement-breakpoint
CREATE TYPE "consultation_state" AS ENUM('REQUESTED', 'RESPONDED', 'OVERDUE');--> statement-breakpoint
CREATE TYPE "day_unit" AS ENUM('WORKING_DAYS', 'CALENDAR_DAYS');--> statement-breakpoint
CREATE TYPE "decision_outcome" AS ENUM('CLEARED', 'CLEARED_WITH_CONDITIONS', 'PROHIBITED', 'NO_ACTION');--> statement-breakpoint
CREATE TYPE "decision_state" AS ENUM('PROPOSED', 'APPROVED', 'SENT_BACK');--> statement-breakpoint
CREATE TYPE "delivery_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED');--> statement-breakpoint
CREATE TYPE "information_request_state" AS ENUM('OPEN', 'ANSWERED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "key_dimension" AS ENUM('DIVISION_OF_LABOUR_LOCK_IN', 'WEAK_BASIC_RESEARCH', 'UNECONOMICAL_ENTRY', 'INDUSTRY_TRANSFER', 'TECHNOLOGY_ROUTE_SWITCH', 'SUPPORT_CAPACITY', 'MANAGEMENT_SYSTEM');--> statement-breakpoint
CREATE TYPE "notification_channel" AS ENUM('IN_APP', 'EMAIL', 'WEBHOOK');--> statement-breakpoint
CREATE TYPE "one_time_token_purpose" AS ENUM('ACTIVATION', 'PASSWORD_RESET');--> statement-breakpoint
CREATE TYPE "organization_kind" AS ENUM('REVIEW_OFFICE', 'DEPARTMENT', 'FIRM', 'INSTITUTE');--> statement-breakpoint
CREATE TYPE "outbox_status" AS ENUM('PENDING', 'RELAYED', 'DONE', 'DEAD');--> statement-breakpoint
CREATE TYPE "party_role" AS ENUM('FILER', 'SUBJECT', 'ACQUIRER', 'TARGET', 'SUPPLIER', 'CUSTOMER');--> statement-breakpoint
CREATE TYPE "person_status" AS ENUM('INVITED', 'ACTIVE', 'DEACTIVATED');--> statement-breakpoint
CREATE TYPE "representation_request_state" AS ENUM('OPEN', 'SUBMITTED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "risk_grade" AS ENUM('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');--> statement-breakpoint
CREATE TYPE "role" AS ENUM('CASE_OFFICER', 'LEAD_REVIEWER', 'APPEALS_PANEL', 'AUDITOR', 'ADMIN', 'LIAISON', 'FIRM_REPRESENTATIVE', 'ASSESSOR');--> statement-breakpoint
CREATE TYPE "security_type" AS ENUM('CAPABILITY_DEFICIT', 'CAPABILITY_DESTRUCTION', 'CAPABILITY_RESPONSE');--> statement-breakpoint
CREATE TYPE "strategy" AS ENUM('GRADIENT_CULTIVATION', 'DEFENCE', 'RECONSTRUCTION');--> statement-breakpoint
CREATE TYPE "sub_strategy" AS ENUM('LEADERSHIP', 'DOMESTIC_SUBSTITUTION', 'ASYMMETRIC_ADVANTAGE', 'INDUSTRIAL_COMMONS', 'STANDARDS_LEADERSHIP', 'MOTHER_FACTORY', 'RESILIENCE', 'MANAGEMENT_SYSTEM_REFORM');--> statement-breakpoint
CREATE TYPE "technology_maturity" AS ENUM('MATURE', 'EMERGING');--> statement-breakpoint
CREATE TYPE "technology_strategy_class" AS ENUM('LEADERSHIP', 'DOMESTIC_SUBSTITUTION', 'ASYMMETRIC_ADVANTAGE');--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"chain" text PRIMARY KEY,
	"last_sequence" integer NOT NULL,
	"last_hash" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"chain" text NOT NULL,
	"sequence" integer NOT NULL,
	"case_id" uuid,
	"actor_kind" "actor_kind" NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"previous_hash" text,
	"hash" text NOT NULL,
	CONSTRAINT "audit_entries_chain_format" CHECK ("chain" = 'admin' or "chain" ~ '^case:[0-9a-f-]{36}$'),
	CONSTRAINT "audit_entries_hash_format" CHECK ("hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "audit_entries_first_has_no_previous" CHECK (("sequence" = 1) = ("previous_hash" is null))
);
--> statement-breakpoint
CREATE TABLE "case_nodes" (
	"case_id" uuid,
	"node_id" uuid,
	CONSTRAINT "case_nodes_pkey" PRIMARY KEY("case_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notes_body_not_empty" CHECK (length(trim("body")) > 0)
);
--> statement-breakpoint
CREATE TABLE "case_parties" (
	"case_id" uuid,
	"organization_id" uuid,
	"role" "party_role",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_parties_pkey" PRIMARY KEY("case_id","organization_id","role")
);
--> statement-breakpoint
CREATE TABLE "case_reference_counters" (
	"year" integer PRIMARY KEY,
	"last_number" integer NOT NULL,
	CONSTRAINT "case_reference_counters_range" CHECK ("last_number" between 1 and 999999)
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"reference" text,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"origin" "case_origin" NOT NULL,
	"subject" "case_subject" NOT NULL,
	"state" "case_state" NOT NULL,
	"confidentiality" "clearance_level" DEFAULT 'CONFIDENTIAL'::"clearance_level" NOT NULL,
	"filer_organization_id" uuid,
	"case_officer_id" uuid,
	"lead_reviewer_id" uuid,
	"created_by_id" uuid,
	"security_type" "security_type",
	"key_dimension" "key_dimension",
	"capabilities" "capability"[] DEFAULT '{}'::"capability"[] NOT NULL,
	"maturity" "technology_maturity",
	"strategy" "strategy",
	"sub_strategy" "sub_strategy",
	"classification_reason" text,
	"risk_score" numeric(5,2),
	"risk_grade" "risk_grade",
	"risk_explanation" jsonb,
	"risk_policy_version" text,
	"risk_override_reason" text,
	"workflow_version" integer NOT NULL,
	"regime_id" uuid NOT NULL,
	"refiled_from_case_id" uuid,
	"current_clock_id" uuid,
	"next_due_at" timestamp with time zone,
	"overdue" boolean DEFAULT false NOT NULL,
	"discarded_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_reference_format" CHECK ("reference" is null or "reference" ~ '^ICSR-[0-9]{4}-[0-9]{6}$'),
	CONSTRAINT "cases_draft_has_no_reference" CHECK ("state" <> 'DRAFT' or "reference" is null),
	CONSTRAINT "cases_reference_after_draft" CHECK ("reference" is not null or "state" = 'DRAFT' or "discarded_at" is not null),
	CONSTRAINT "cases_filing_has_filer" CHECK ("origin" <> 'FIRM_FILING' or "filer_organization_id" is not null),
	CONSTRAINT "cases_dimension_matches_type" CHECK ("key_dimension" is null or "security_type" = case
        when "key_dimension" in ('DIVISION_OF_LABOUR_LOCK_IN', 'WEAK_BASIC_RESEARCH', 'UNECONOMICAL_ENTRY') then 'CAPABILITY_DEFICIT'::security_type
        when "key_dimension" in ('INDUSTRY_TRANSFER', 'TECHNOLOGY_ROUTE_SWITCH') then 'CAPABILITY_DESTRUCTION'::security_type
        else 'CAPABILITY_RESPONSE'::security_type end),
	CONSTRAINT "cases_sub_strategy_matches_strategy" CHECK ("sub_strategy" is null or "strategy" = case
        when "sub_strategy" in ('LEADERSHIP', 'DOMESTIC_SUBSTITUTION', 'ASYMMETRIC_ADVANTAGE') then 'GRADIENT_CULTIVATION'::strategy
        when "sub_strategy" in ('INDUSTRIAL_COMMONS', 'STANDARDS_LEADERSHIP', 'MOTHER_FACTORY') then 'DEFENCE'::strategy
        else 'RECONSTRUCTION'::strategy end),
	CONSTRAINT "cases_risk_score_range" CHECK ("risk_score" is null or "risk_score" between 0 and 100),
	CONSTRAINT "cases_risk_grade_with_score" CHECK (("risk_grade" is null) = ("risk_score" is null)),
	CONSTRAINT "cases_version_positive" CHECK ("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"calendar_id" uuid,
	"date" date,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "calendar_days_pkey" PRIMARY KEY("calendar_id","date")
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"calendar_id" uuid,
	"year" integer,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_pkey" PRIMARY KEY("calendar_id","year"),
	CONSTRAINT "calendar_years_range" CHECK ("year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekend_days" smallint[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clock_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"clock_id" uuid NOT NULL,
	"paused_at" timestamp with time zone NOT NULL,
	"resumed_at" timestamp with time zone,
	"cause_id" uuid,
	"reason" text NOT NULL,
	CONSTRAINT "clock_pauses_order" CHECK ("resumed_at" is null or "resumed_at" >= "paused_at")
);
--> statement-breakpoint
CREATE TABLE "clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"owner_kind" "clock_owner_kind" NOT NULL,
	"owner_id" uuid NOT NULL,
	"phase" "clock_phase" NOT NULL,
	"regime_id" uuid NOT NULL,
	"unit" "day_unit" NOT NULL,
	"length" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"extended_days" integer DEFAULT 0 NOT NULL,
	"extension_reason" text,
	"extended_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"reminders_sent" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"next_wake_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "clocks_length_positive" CHECK ("length" > 0),
	CONSTRAINT "clocks_extension" CHECK ("extended_days" >= 0 and ("extended_days" = 0) = ("extended_at" is null)),
	CONSTRAINT "clocks_extension_reason" CHECK ("extended_at" is null or "extension_reason" is not null),
	CONSTRAINT "clocks_stopped_after_start" CHECK ("stopped_at" is null or "stopped_at" >= "started_at")
);
--> statement-breakpoint
CREATE TABLE "regimes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"calendar_id" uuid NOT NULL,
	"definition" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regimes_version_positive" CHECK ("version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "appeal_panel_members" (
	"appeal_id" uuid,
	"person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeal_panel_members_pkey" PRIMARY KEY("appeal_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"appellant_organization_id" uuid NOT NULL,
	"filed_by_id" uuid NOT NULL,
	"grounds" text NOT NULL,
	"state" "appeal_state" DEFAULT 'FILED'::"appeal_state" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"admitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"panel_reasons" text,
	"varied_decision_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "appeals_grounds_not_empty" CHECK (length(trim("grounds")) > 0),
	CONSTRAINT "appeals_varied_has_decision" CHECK ("state" <> 'VARIED' or "varied_decision_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "compliance_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"condition_id" uuid NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"body" text NOT NULL,
	"verdict" "compliance_verdict" DEFAULT 'PENDING_REVIEW'::"compliance_verdict" NOT NULL,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"state" "condition_state" DEFAULT 'OPEN'::"condition_state" NOT NULL,
	"due_on" date,
	"report_every_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "conditions_report_every_positive" CHECK ("report_every_days" is null or "report_every_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"state" "decision_state" DEFAULT 'PROPOSED'::"decision_state" NOT NULL,
	"outcome" "decision_outcome" NOT NULL,
	"strategy" "strategy",
	"sub_strategy" "sub_strategy",
	"reasons" text NOT NULL,
	"notice_text" text NOT NULL,
	"open_work_reason" text,
	"proposed_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by_id" uuid,
	"approved_at" timestamp with time zone,
	"sent_back_reason" text,
	"varies_decision_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "decisions_four_eyes" CHECK ("approved_by_id" is null or "approved_by_id" <> "proposed_by_id"),
	CONSTRAINT "decisions_approved" CHECK (("state" = 'APPROVED') = ("approved_by_id" is not null and "approved_at" is not null)),
	CONSTRAINT "decisions_sent_back_reason" CHECK ("state" <> 'SENT_BACK' or "sent_back_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "document_shares" (
	"document_id" uuid,
	"organization_id" uuid,
	"shared_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_shares_pkey" PRIMARY KEY("document_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"classification" "clearance_level" NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"content" bytea NOT NULL,
	CONSTRAINT "documents_sha256_format" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "documents_size_matches" CHECK ("size_bytes" = octet_length("content"))
);
--> statement-breakpoint
CREATE TABLE "chain_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"chain_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"description" text,
	"depth" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "chain_nodes_not_own_parent" CHECK ("parent_id" is null or "parent_id" <> "id"),
	CONSTRAINT "chain_nodes_depth_positive" CHECK ("depth" >= 1)
);
--> statement-breakpoint
CREATE TABLE "industry_chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "industry_committees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"lead_department_id" uuid NOT NULL,
	"chain_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_technologies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"node_id" uuid NOT NULL,
	"committee_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"maturity" "technology_maturity" NOT NULL,
	"generality" integer NOT NULL,
	"strategic_value" integer NOT NULL,
	"priority" integer NOT NULL,
	"strategy_class" "technology_strategy_class" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "key_technologies_generality_range" CHECK ("generality" between 1 and 5),
	CONSTRAINT "key_technologies_strategic_value_range" CHECK ("strategic_value" between 1 and 5),
	CONSTRAINT "key_technologies_priority_positive" CHECK ("priority" >= 1)
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"name" text NOT NULL,
	"country" char(2) NOT NULL,
	"organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "suppliers_country_format" CHECK ("country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "supply_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"node_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"share" numeric(5,2) NOT NULL,
	"since" date,
	"until" date,
	"reported_by_organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "supply_links_share_range" CHECK ("share" > 0 and "share" <= 100),
	CONSTRAINT "supply_links_period" CHECK ("until" is null or "since" is null or "until" >= "since")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_id" uuid,
	"key" text,
	"operation" text NOT NULL,
	"input_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("actor_id","key"),
	CONSTRAINT "idempotency_keys_key_length" CHECK (length("key") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"delivery_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"notification_id" uuid,
	"webhook_endpoint_id" uuid,
	"source_outbox_id" uuid,
	"recipient" text NOT NULL,
	"status" "delivery_status" DEFAULT 'PENDING'::"delivery_status" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"source_outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"case_id" uuid,
	"status" "outbox_status" DEFAULT 'PENDING'::"outbox_status" NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "outbox_attempts_non_negative" CHECK ("attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "seed_steps" (
	"id" text PRIMARY KEY,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"organization_id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "webhook_endpoints_url_scheme" CHECK ("url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"email" text NOT NULL,
	"ip" text,
	"succeeded" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "one_time_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"purpose" "one_time_token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"kind" "organization_kind" NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"country" char(2) NOT NULL,
	"is_chain_leader" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "organizations_country_format" CHECK ("country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organizations_chain_leader_is_firm" CHECK (not "is_chain_leader" or "kind" = 'FIRM')
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"clearance" "clearance_level" DEFAULT 'INTERNAL'::"clearance_level" NOT NULL,
	"status" "person_status" DEFAULT 'ACTIVE'::"person_status" NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"tokens_valid_after" timestamp with time zone DEFAULT now() NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "people_email_format" CHECK ("email" ~ '^[^@\s]+@[^@\s]+$'),
	CONSTRAINT "people_active_has_password" CHECK ("status" <> 'ACTIVE' or "password_hash" is not null)
);
--> statement-breakpoint
CREATE TABLE "person_roles" (
	"person_id" uuid,
	"role" "role",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_roles_pkey" PRIMARY KEY("person_id","role")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"person_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"roles" "role"[] NOT NULL,
	"clearance" "clearance_level" DEFAULT 'INTERNAL'::"clearance_level" NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"institute_id" uuid NOT NULL,
	"state" "assessment_state" DEFAULT 'INVITED'::"assessment_state" NOT NULL,
	"terms_of_reference" text NOT NULL,
	"invited_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"report" text,
	"capability_scores" jsonb,
	"recommended_strategy" "strategy",
	"recommended_sub_strategy" "sub_strategy",
	"submitted_by_id" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone,
	"return_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessments_submitted_has_report" CHECK ("state" not in ('SUBMITTED', 'ENDORSED') or ("report" is not null and "submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "conflict_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"assessment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"has_conflict" boolean NOT NULL,
	"statement" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"state" "consultation_state" DEFAULT 'REQUESTED'::"consultation_state" NOT NULL,
	"question" text NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opinion" "consultation_opinion",
	"rationale" text,
	"responded_by_id" uuid,
	"responded_at" timestamp with time zone,
	"deemed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "consultations_round_positive" CHECK ("round" >= 1),
	CONSTRAINT "consultations_responded_has_opinion" CHECK ("state" <> 'RESPONDED' or "opinion" is not null),
	CONSTRAINT "consultations_opinion_has_rationale" CHECK ("opinion" is null or "rationale" is not null)
);
--> statement-breakpoint
CREATE TABLE "information_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"addressed_to_organization_id" uuid NOT NULL,
	"state" "information_request_state" DEFAULT 'OPEN'::"information_request_state" NOT NULL,
	"questions" text NOT NULL,
	"answer" text,
	"pauses_phase_clock" boolean NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by_id" uuid,
	"answered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "information_requests_answered" CHECK ("state" <> 'ANSWERED' or ("answer" is not null and "answered_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "representation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"case_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"addressed_to_organization_id" uuid NOT NULL,
	"state" "representation_request_state" DEFAULT 'OPEN'::"representation_request_state" NOT NULL,
	"disclosed_text" text NOT NULL,
	"representation" text,
	"requested_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by_id" uuid,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "representation_requests_submitted" CHECK ("state" <> 'SUBMITTED' or ("representation" is not null and "submitted_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_entries_chain_sequence_key" ON "audit_entries" ("chain","sequence");--> statement-breakpoint
CREATE INDEX "audit_entries_case_idx" ON "audit_entries" ("case_id","sequence");--> statement-breakpoint
CREATE INDEX "case_nodes_node_idx" ON "case_nodes" ("node_id");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_notes_author_idx" ON "case_notes" ("author_id");--> statement-breakpoint
CREATE INDEX "case_parties_organization_idx" ON "case_parties" ("organization_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_reference_key" ON "cases" ("reference");--> statement-breakpoint
CREATE INDEX "cases_state_idx" ON "cases" ("state","last_activity_at");--> statement-breakpoint
CREATE INDEX "cases_case_officer_idx" ON "cases" ("case_officer_id");--> statement-breakpoint
CREATE INDEX "cases_lead_reviewer_idx" ON "cases" ("lead_reviewer_id");--> statement-breakpoint
CREATE INDEX "cases_filer_idx" ON "cases" ("filer_organization_id");--> statement-breakpoint
CREATE INDEX "cases_created_by_idx" ON "cases" ("created_by_id");--> statement-breakpoint
CREATE INDEX "cases_regime_idx" ON "cases" ("regime_id");--> statement-breakpoint
CREATE INDEX "cases_refiled_from_idx" ON "cases" ("refiled_from_case_id");--> statement-breakpoint
CREATE INDEX "cases_current_clock_idx" ON "cases" ("current_clock_id");--> statement-breakpoint
CREATE INDEX "cases_next_due_idx" ON "cases" ("next_due_at");--> statement-breakpoint
CREATE INDEX "cases_classification_idx" ON "cases" ("security_type","strategy");--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_code_key" ON "calendars" ("code");--> statement-breakpoint
CREATE INDEX "clock_pauses_clock_idx" ON "clock_pauses" ("clock_id");--> statement-breakpoint
CREATE INDEX "clocks_case_idx" ON "clocks" ("case_id");--> statement-breakpoint
CREATE INDEX "clocks_owner_idx" ON "clocks" ("owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "clocks_regime_idx" ON "clocks" ("regime_id");--> statement-breakpoint
CREATE INDEX "clocks_running_next_wake_idx" ON "clocks" ("next_wake_at") WHERE "stopped_at" is null;--> statement-breakpoint
CREATE INDEX "clocks_running_due_idx" ON "clocks" ("due_at") WHERE "stopped_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "regimes_code_version_key" ON "regimes" ("code","version");--> statement-breakpoint
CREATE INDEX "regimes_calendar_idx" ON "regimes" ("calendar_id");--> statement-breakpoint
CREATE INDEX "appeal_panel_members_person_idx" ON "appeal_panel_members" ("person_id");--> statement-breakpoint
CREATE INDEX "appeals_case_idx" ON "appeals" ("case_id");--> statement-breakpoint
CREATE INDEX "appeals_decision_idx" ON "appeals" ("decision_id");--> statement-breakpoint
CREATE INDEX "appeals_appellant_idx" ON "appeals" ("appellant_organization_id");--> statement-breakpoint
CREATE INDEX "appeals_filed_by_idx" ON "appeals" ("filed_by_id");--> statement-breakpoint
CREATE INDEX "appeals_varied_decision_idx" ON "appeals" ("varied_decision_id");--> statement-breakpoint
CREATE INDEX "compliance_reports_condition_idx" ON "compliance_reports" ("condition_id","created_at");--> statement-breakpoint
CREATE INDEX "compliance_reports_submitted_by_idx" ON "compliance_reports" ("submitted_by_id");--> statement-breakpoint
CREATE INDEX "compliance_reports_reviewed_by_idx" ON "compliance_reports" ("reviewed_by_id");--> statement-breakpoint
CREATE INDEX "conditions_case_idx" ON "conditions" ("case_id");--> statement-breakpoint
CREATE INDEX "conditions_decision_idx" ON "conditions" ("decision_id");--> statement-breakpoint
CREATE INDEX "conditions_owner_state_idx" ON "conditions" ("owner_organization_id","state");--> statement-breakpoint
CREATE INDEX "decisions_case_idx" ON "decisions" ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "decisions_proposed_by_idx" ON "decisions" ("proposed_by_id");--> statement-breakpoint
CREATE INDEX "decisions_approved_by_idx" ON "decisions" ("approved_by_id");--> statement-breakpoint
CREATE INDEX "decisions_varies_idx" ON "decisions" ("varies_decision_id");--> statement-breakpoint
CREATE INDEX "document_shares_organization_idx" ON "document_shares" ("organization_id");--> statement-breakpoint
CREATE INDEX "document_shares_shared_by_idx" ON "document_shares" ("shared_by_id");--> statement-breakpoint
CREATE INDEX "documents_case_idx" ON "documents" ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_uploaded_by_idx" ON "documents" ("uploaded_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chain_nodes_chain_code_key" ON "chain_nodes" ("chain_id","code");--> statement-breakpoint
CREATE INDEX "chain_nodes_parent_idx" ON "chain_nodes" ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "industry_chains_code_key" ON "industry_chains" ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "industry_committees_code_key" ON "industry_committees" ("code");--> statement-breakpoint
CREATE INDEX "industry_committees_lead_department_idx" ON "industry_committees" ("lead_department_id");--> statement-breakpoint
CREATE INDEX "industry_committees_chain_idx" ON "industry_committees" ("chain_id");--> statement-breakpoint
CREATE UNIQUE INDEX "key_technologies_node_name_key" ON "key_technologies" ("node_id","name");--> statement-breakpoint
CREATE INDEX "key_technologies_committee_idx" ON "key_technologies" ("committee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_name_country_key" ON "suppliers" (lower("name"),"country");--> statement-breakpoint
CREATE INDEX "suppliers_organization_idx" ON "suppliers" ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supply_links_reporter_node_supplier_key" ON "supply_links" ("reported_by_organization_id","node_id","supplier_id");--> statement-breakpoint
CREATE INDEX "supply_links_node_idx" ON "supply_links" ("node_id");--> statement-breakpoint
CREATE INDEX "supply_links_supplier_idx" ON "supply_links" ("supplier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_delivery_id_key" ON "notification_deliveries" ("delivery_id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_notification_idx" ON "notification_deliveries" ("notification_id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_webhook_idx" ON "notification_deliveries" ("webhook_endpoint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_source_channel_recipient_key" ON "notification_deliveries" ("source_outbox_id","channel","recipient");--> statement-breakpoint
CREATE INDEX "notifications_person_unread_idx" ON "notifications" ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_case_idx" ON "notifications" ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_source_person_key" ON "notifications" ("source_outbox_id","person_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" ("available_at") WHERE "status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "outbox_case_idx" ON "outbox" ("case_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organization_idx" ON "webhook_endpoints" ("organization_id");--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" (lower("email"),"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "one_time_tokens_hash_key" ON "one_time_tokens" ("token_hash");--> statement-breakpoint
CREATE INDEX "one_time_tokens_person_idx" ON "one_time_tokens" ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_code_key" ON "organizations" ("code");--> statement-breakpoint
CREATE INDEX "organizations_kind_idx" ON "organizations" ("kind");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_one_review_office" ON "organizations" ("kind") WHERE "kind" = 'REVIEW_OFFICE';--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_key" ON "people" (lower("email"));--> statement-breakpoint
CREATE INDEX "people_organization_idx" ON "people" ("organization_id");--> statement-breakpoint
CREATE INDEX "person_roles_role_idx" ON "person_roles" ("role");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_hash_key" ON "refresh_tokens" ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_person_idx" ON "refresh_tokens" ("person_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" ("family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_accounts_token_hash_key" ON "service_accounts" ("token_hash");--> statement-breakpoint
CREATE INDEX "service_accounts_organization_idx" ON "service_accounts" ("organization_id");--> statement-breakpoint
CREATE INDEX "service_accounts_created_by_idx" ON "service_accounts" ("created_by_id");--> statement-breakpoint
CREATE INDEX "assessments_case_idx" ON "assessments" ("case_id");--> statement-breakpoint
CREATE INDEX "assessments_institute_state_idx" ON "assessments" ("institute_id","state");--> statement-breakpoint
CREATE INDEX "assessments_invited_by_idx" ON "assessments" ("invited_by_id");--> statement-breakpoint
CREATE INDEX "assessments_submitted_by_idx" ON "assessments" ("submitted_by_id");--> statement-breakpoint
CREATE INDEX "assessments_reviewed_by_idx" ON "assessments" ("reviewed_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conflict_declarations_assessment_person_key" ON "conflict_declarations" ("assessment_id","person_id");--> statement-breakpoint
CREATE INDEX "conflict_declarations_person_idx" ON "conflict_declarations" ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_case_department_round_key" ON "consultations" ("case_id","department_id","round");--> statement-breakpoint
CREATE INDEX "consultations_department_state_idx" ON "consultations" ("department_id","state");--> statement-breakpoint
CREATE INDEX "consultations_requested_by_idx" ON "consultations" ("requested_by_id");--> statement-breakpoint
CREATE INDEX "consultations_responded_by_idx" ON "consultations" ("responded_by_id");--> statement-breakpoint
CREATE INDEX "information_requests_case_idx" ON "information_requests" ("case_id");--> statement-breakpoint
CREATE INDEX "information_requests_addressee_state_idx" ON "information_requests" ("addressed_to_organization_id","state");--> statement-breakpoint
CREATE INDEX "information_requests_requested_by_idx" ON "information_requests" ("requested_by_id");--> statement-breakpoint
CREATE INDEX "information_requests_answered_by_idx" ON "information_requests" ("answered_by_id");--> statement-breakpoint
CREATE INDEX "representation_requests_case_idx" ON "representation_requests" ("case_id");--> statement-breakpoint
CREATE INDEX "representation_requests_decision_idx" ON "representation_requests" ("decision_id");--> statement-breakpoint
CREATE INDEX "representation_requests_addressee_state_idx" ON "representation_requests" ("addressed_to_organization_id","state");--> statement-breakpoint
CREATE INDEX "representation_requests_requested_by_idx" ON "representation_requests" ("requested_by_id");--> statement-breakpoint
CREATE INDEX "representation_requests_submitted_by_idx" ON "representation_requests" ("submitted_by_id");--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "case_nodes" ADD CONSTRAINT "case_nodes_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "case_nodes" ADD CONSTRAINT "case_nodes_node_id_chain_nodes_id_fkey" FOREIGN KEY ("node_id") REFERENCES "chain_nodes"("id");--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_people_id_fkey" FOREIGN KEY ("author_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_organization_id_organizations_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_filer_organization_id_organizations_id_fkey" FOREIGN KEY ("filer_organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_case_officer_id_people_id_fkey" FOREIGN KEY ("case_officer_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_reviewer_id_people_id_fkey" FOREIGN KEY ("lead_reviewer_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_id_people_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_regime_id_regimes_id_fkey" FOREIGN KEY ("regime_id") REFERENCES "regimes"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_refiled_from_case_id_cases_id_fkey" FOREIGN KEY ("refiled_from_case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_current_clock_id_clocks_id_fkey" FOREIGN KEY ("current_clock_id") REFERENCES "clocks"("id");--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_calendar_id_calendars_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "calendars"("id");--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_calendar_id_calendars_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "calendars"("id");--> statement-breakpoint
ALTER TABLE "clock_pauses" ADD CONSTRAINT "clock_pauses_clock_id_clocks_id_fkey" FOREIGN KEY ("clock_id") REFERENCES "clocks"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "clocks" ADD CONSTRAINT "clocks_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "clocks" ADD CONSTRAINT "clocks_regime_id_regimes_id_fkey" FOREIGN KEY ("regime_id") REFERENCES "regimes"("id");--> statement-breakpoint
ALTER TABLE "regimes" ADD CONSTRAINT "regimes_calendar_id_calendars_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "calendars"("id");--> statement-breakpoint
ALTER TABLE "appeal_panel_members" ADD CONSTRAINT "appeal_panel_members_appeal_id_appeals_id_fkey" FOREIGN KEY ("appeal_id") REFERENCES "appeals"("id");--> statement-breakpoint
ALTER TABLE "appeal_panel_members" ADD CONSTRAINT "appeal_panel_members_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decision_id_decisions_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id");--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_appellant_organization_id_organizations_id_fkey" FOREIGN KEY ("appellant_organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_filed_by_id_people_id_fkey" FOREIGN KEY ("filed_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_varied_decision_id_decisions_id_fkey" FOREIGN KEY ("varied_decision_id") REFERENCES "decisions"("id");--> statement-breakpoint
ALTER TABLE "compliance_reports" ADD CONSTRAINT "compliance_reports_condition_id_conditions_id_fkey" FOREIGN KEY ("condition_id") REFERENCES "conditions"("id");--> statement-breakpoint
ALTER TABLE "compliance_reports" ADD CONSTRAINT "compliance_reports_submitted_by_id_people_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "compliance_reports" ADD CONSTRAINT "compliance_reports_reviewed_by_id_people_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "conditions" ADD CONSTRAINT "conditions_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "conditions" ADD CONSTRAINT "conditions_decision_id_decisions_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id");--> statement-breakpoint
ALTER TABLE "conditions" ADD CONSTRAINT "conditions_owner_organization_id_organizations_id_fkey" FOREIGN KEY ("owner_organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_proposed_by_id_people_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_approved_by_id_people_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_varies_decision_id_decisions_id_fkey" FOREIGN KEY ("varies_decision_id") REFERENCES "decisions"("id");--> statement-breakpoint
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_document_id_documents_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_organization_id_organizations_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "document_shares" ADD CONSTRAINT "document_shares_shared_by_id_people_id_fkey" FOREIGN KEY ("shared_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_id_people_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "chain_nodes" ADD CONSTRAINT "chain_nodes_chain_id_industry_chains_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "industry_chains"("id");--> statement-breakpoint
ALTER TABLE "chain_nodes" ADD CONSTRAINT "chain_nodes_parent_id_chain_nodes_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "chain_nodes"("id");--> statement-breakpoint
ALTER TABLE "industry_committees" ADD CONSTRAINT "industry_committees_lead_department_id_organizations_id_fkey" FOREIGN KEY ("lead_department_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "industry_committees" ADD CONSTRAINT "industry_committees_chain_id_industry_chains_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "industry_chains"("id");--> statement-breakpoint
ALTER TABLE "key_technologies" ADD CONSTRAINT "key_technologies_node_id_chain_nodes_id_fkey" FOREIGN KEY ("node_id") REFERENCES "chain_nodes"("id");--> statement-breakpoint
ALTER TABLE "key_technologies" ADD CONSTRAINT "key_technologies_committee_id_industry_committees_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "industry_committees"("id");--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_organization_id_organizations_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_node_id_chain_nodes_id_fkey" FOREIGN KEY ("node_id") REFERENCES "chain_nodes"("id");--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_supplier_id_suppliers_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id");--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_reported_by_organization_id_organizations_id_fkey" FOREIGN KEY ("reported_by_organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_notifications_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id");--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_FGvwpgJWXNUn_fkey" FOREIGN KEY ("webhook_endpoint_id") REFERENCES "webhook_endpoints"("id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organization_id_organizations_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organization_id_organizations_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "person_roles" ADD CONSTRAINT "person_roles_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "service_accounts" ADD CONSTRAINT "service_accounts_organization_id_organizations_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "service_accounts" ADD CONSTRAINT "service_accounts_created_by_id_people_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_institute_id_organizations_id_fkey" FOREIGN KEY ("institute_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_invited_by_id_people_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_submitted_by_id_people_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_reviewed_by_id_people_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_assessment_id_assessments_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id");--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_person_id_people_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_department_id_organizations_id_fkey" FOREIGN KEY ("department_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_requested_by_id_people_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_responded_by_id_people_id_fkey" FOREIGN KEY ("responded_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_2UkFRWdAxuXo_fkey" FOREIGN KEY ("addressed_to_organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_requested_by_id_people_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_answered_by_id_people_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "representation_requests" ADD CONSTRAINT "representation_requests_case_id_cases_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id");--> statement-breakpoint
ALTER TABLE "representation_requests" ADD CONSTRAINT "representation_requests_decision_id_decisions_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id");--> statement-breakpoint
ALTER TABLE "representation_requests" ADD CONSTRAINT "representation_requests_girZBHCJe8lR_fkey" FOREIGN KEY ("addressed_to_organization_id") REFERENCES "organizations"("id");--> statement-breakpoint
ALTER TABLE "representation_requests" ADD CONSTRAINT "representation_requests_requested_by_id_people_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "people"("id");--> statement-breakpoint
ALTER TABLE "representation_requests" ADD CONSTRAINT "representation_requests_submitted_by_id_people_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "people"("id");