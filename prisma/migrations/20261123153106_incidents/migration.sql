-- CreateTable
CREATE TABLE "incident" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "description" TEXT NOT NULL,
    "actions_taken" TEXT NOT NULL DEFAULT '',
    "recovery_at" TIMESTAMPTZ(3),
    "recorder_id" TEXT NOT NULL,
    "filed_at" TIMESTAMPTZ(3) NOT NULL,
    "subject_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "acknowledged_by_id" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),
    "escalated_at" TIMESTAMPTZ(3),
    "classification" TEXT,
    "resolved_by_id" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "sick_leave_id" INTEGER,
    "excuse_id" INTEGER,
    "cards" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 0,
    "channel" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_update" (
    "id" SERIAL NOT NULL,
    "incident_id" INTEGER NOT NULL,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "incident_update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_roll_call" (
    "incident_id" INTEGER NOT NULL,
    "employee_id" TEXT NOT NULL,
    "safe_at" TIMESTAMPTZ(3),

    CONSTRAINT "incident_roll_call_pkey" PRIMARY KEY ("incident_id","employee_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incident_sick_leave_id_key" ON "incident"("sick_leave_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_excuse_id_key" ON "incident"("excuse_id");

-- CreateIndex
CREATE INDEX "incident_status_escalated_at_idx" ON "incident"("status", "escalated_at");

-- CreateIndex
CREATE INDEX "incident_occurred_at_idx" ON "incident"("occurred_at");

-- CreateIndex
CREATE INDEX "incident_update_incident_id_at_idx" ON "incident_update"("incident_id", "at");

-- AddForeignKey
ALTER TABLE "incident_update" ADD CONSTRAINT "incident_update_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_roll_call" ADD CONSTRAINT "incident_roll_call_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
