-- CreateTable
CREATE TABLE "suggestion" (
    "id" SERIAL NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "current_practice" TEXT NOT NULL,
    "proposal" TEXT NOT NULL,
    "remarks" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "submitted_on" DATE NOT NULL,
    "submitter_name" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "reviewer_id" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "review_comment" TEXT,
    "rater_id" TEXT,
    "rated_at" TIMESTAMPTZ(3),
    "grade" TEXT,
    "adopted" BOOLEAN,
    "rating_comment" TEXT,
    "owner_id" TEXT,
    "deadline" DATE,
    "done_at" TIMESTAMPTZ(3),
    "done_note" TEXT,
    "owner_reminded_at" TIMESTAMPTZ(3),
    "overdue_notified_at" TIMESTAMPTZ(3),
    "channel" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "suggestion_submitter_id_idx" ON "suggestion"("submitter_id");

-- CreateIndex
CREATE INDEX "suggestion_reviewer_id_status_idx" ON "suggestion"("reviewer_id", "status");

-- CreateIndex
CREATE INDEX "suggestion_rater_id_status_idx" ON "suggestion"("rater_id", "status");

-- CreateIndex
CREATE INDEX "suggestion_owner_id_status_idx" ON "suggestion"("owner_id", "status");

-- CreateIndex
CREATE INDEX "suggestion_status_deadline_idx" ON "suggestion"("status", "deadline");

-- CreateIndex
CREATE INDEX "suggestion_rated_at_idx" ON "suggestion"("rated_at");
