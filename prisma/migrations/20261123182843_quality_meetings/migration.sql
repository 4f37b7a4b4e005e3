-- CreateTable
CREATE TABLE "qa_sample" (
    "id" SERIAL NOT NULL,
    "agent_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "sample_no" INTEGER NOT NULL,
    "score" INTEGER,
    "points" JSONB,
    "blacklist" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scored_by_id" TEXT,
    "scored_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qa_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting" (
    "id" SERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "reminded_at" TIMESTAMPTZ(3),
    "minutes" TEXT,
    "attendance_recorded_at" TIMESTAMPTZ(3),
    "channel" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_attendee" (
    "meeting_id" INTEGER NOT NULL,
    "employee_id" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT 'invited',
    "leave_request_id" INTEGER,
    "responded_at" TIMESTAMPTZ(3),
    "present" BOOLEAN,

    CONSTRAINT "meeting_attendee_pkey" PRIMARY KEY ("meeting_id","employee_id")
);

-- CreateIndex
CREATE INDEX "qa_sample_date_idx" ON "qa_sample"("date");

-- CreateIndex
CREATE UNIQUE INDEX "qa_sample_agent_id_date_sample_no_key" ON "qa_sample"("agent_id", "date", "sample_no");

-- CreateIndex
CREATE INDEX "meeting_starts_at_idx" ON "meeting"("starts_at");

-- AddForeignKey
ALTER TABLE "meeting_attendee" ADD CONSTRAINT "meeting_attendee_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
