-- CreateTable
CREATE TABLE "brief_note" (
    "id" SERIAL NOT NULL,
    "team_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "author_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brief_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "brief_check_in" (
    "team_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "employee_id" TEXT NOT NULL,
    "checked_in_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "brief_check_in_pkey" PRIMARY KEY ("team_id","date","employee_id")
);

-- CreateTable
CREATE TABLE "shift_report" (
    "team_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "leader_id" TEXT NOT NULL,
    "figures" JSONB NOT NULL DEFAULT '{}',
    "problems" TEXT NOT NULL DEFAULT '',
    "measures" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "sent_at" TIMESTAMPTZ(3),
    "sent_by_id" TEXT,
    "sent_to" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shift_report_pkey" PRIMARY KEY ("team_id","date")
);

-- CreateTable
CREATE TABLE "shift_handover" (
    "id" SERIAL NOT NULL,
    "from_id" TEXT NOT NULL,
    "to_id" TEXT,
    "date" DATE NOT NULL,
    "incoming_starts_at" TIMESTAMPTZ(3),
    "tickets_received" INTEGER NOT NULL,
    "tickets_handled" INTEGER NOT NULL,
    "open_tickets" JSONB NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '',
    "filed_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "flagged_at" TIMESTAMPTZ(3),
    "channel" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shift_handover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "brief_note_team_id_date_idx" ON "brief_note"("team_id", "date");

-- CreateIndex
CREATE INDEX "shift_report_date_idx" ON "shift_report"("date");

-- CreateIndex
CREATE INDEX "shift_handover_acknowledged_at_flagged_at_idx" ON "shift_handover"("acknowledged_at", "flagged_at");

-- CreateIndex
CREATE INDEX "shift_handover_from_id_date_idx" ON "shift_handover"("from_id", "date");
