-- CreateTable
CREATE TABLE "daily_summary" (
    "employee_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "calls_made" INTEGER NOT NULL,
    "calls_connected" INTEGER NOT NULL,
    "questionnaires_completed" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "customer_issues" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "daily_summary_pkey" PRIMARY KEY ("employee_id","date")
);

-- CreateIndex
CREATE INDEX "daily_summary_date_idx" ON "daily_summary"("date");
