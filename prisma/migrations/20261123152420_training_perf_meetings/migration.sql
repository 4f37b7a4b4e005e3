-- AlterTable
ALTER TABLE "daily_summary" ADD COLUMN     "call_type" TEXT;

-- CreateTable
CREATE TABLE "training_session" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "topic" TEXT,
    "topic_set_by_id" TEXT,
    "topic_set_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_attendance" (
    "session_id" INTEGER NOT NULL,
    "employee_id" TEXT NOT NULL,
    "checked_in_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "training_attendance_pkey" PRIMARY KEY ("session_id","employee_id")
);

-- CreateTable
CREATE TABLE "training_plan" (
    "week_start" DATE NOT NULL,
    "employee_id" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_plan_pkey" PRIMARY KEY ("week_start","employee_id")
);

-- CreateTable
CREATE TABLE "exam_score" (
    "month" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exam_score_pkey" PRIMARY KEY ("month","employee_id")
);

-- CreateTable
CREATE TABLE "complaint_kpi" (
    "month" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "delay_rate" DOUBLE PRECISION NOT NULL,
    "feedback_timeliness" DOUBLE PRECISION NOT NULL,
    "satisfaction" DOUBLE PRECISION NOT NULL,
    "repeat_rate" DOUBLE PRECISION NOT NULL,
    "redispatch_rate" DOUBLE PRECISION NOT NULL,
    "misses" JSONB NOT NULL DEFAULT '[]',
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_kpi_pkey" PRIMARY KEY ("month","employee_id")
);

-- CreateTable
CREATE TABLE "report_deadline" (
    "id" SERIAL NOT NULL,
    "employee_id" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "late_flagged_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_deadline_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "training_session_date_key" ON "training_session"("date");

-- CreateIndex
CREATE INDEX "training_attendance_employee_id_idx" ON "training_attendance"("employee_id");

-- CreateIndex
CREATE INDEX "exam_score_employee_id_idx" ON "exam_score"("employee_id");

-- CreateIndex
CREATE INDEX "report_deadline_due_at_idx" ON "report_deadline"("due_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_deadline_employee_id_due_at_key" ON "report_deadline"("employee_id", "due_at");

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
