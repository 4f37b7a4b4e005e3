-- CreateTable
CREATE TABLE "clock_event" (
    "id" BIGSERIAL NOT NULL,
    "employee_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "direction" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "voids_id" BIGINT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clock_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lateness_explanation" (
    "id" SERIAL NOT NULL,
    "employee_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "segment" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "text" TEXT,
    "approver_id" TEXT,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lateness_explanation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lateness_excuse" (
    "id" SERIAL NOT NULL,
    "employee_id" TEXT,
    "date" DATE,
    "segment" TEXT,
    "kind" TEXT,
    "window_from" TIMESTAMPTZ(3),
    "window_to" TIMESTAMPTZ(3),
    "reason" TEXT NOT NULL,
    "excused_by_id" TEXT NOT NULL,
    "incident_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lateness_excuse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clock_event_dedupe_key_key" ON "clock_event"("dedupe_key");

-- CreateIndex
CREATE INDEX "clock_event_employee_id_at_idx" ON "clock_event"("employee_id", "at");

-- CreateIndex
CREATE INDEX "clock_event_at_idx" ON "clock_event"("at");

-- CreateIndex
CREATE INDEX "lateness_explanation_approver_id_status_idx" ON "lateness_explanation"("approver_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "lateness_explanation_employee_id_date_segment_kind_key" ON "lateness_explanation"("employee_id", "date", "segment", "kind");

-- CreateIndex
CREATE INDEX "lateness_excuse_employee_id_date_idx" ON "lateness_excuse"("employee_id", "date");
