-- AlterTable
ALTER TABLE "outbox_message" ADD COLUMN     "platform_channel" TEXT,
ADD COLUMN     "update_of" TEXT;

-- CreateTable
CREATE TABLE "leave_request" (
    "id" SERIAL NOT NULL,
    "employee_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "part" TEXT NOT NULL DEFAULT 'full',
    "reason" TEXT NOT NULL DEFAULT '',
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "proof" TEXT NOT NULL DEFAULT 'none',
    "proof_file_id" TEXT,
    "proof_received_at" TIMESTAMPTZ(3),
    "flags" TEXT[],
    "approver_id" TEXT NOT NULL,
    "route_reason" TEXT NOT NULL,
    "escalated_from_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "cost_fen" INTEGER NOT NULL,
    "loses_full_attendance" BOOLEAN NOT NULL,
    "cost_lines" JSONB NOT NULL,
    "returned_on" DATE,
    "effective_end_date" DATE,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leave_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "leave_request_employee_id_start_date_idx" ON "leave_request"("employee_id", "start_date");

-- CreateIndex
CREATE INDEX "leave_request_approver_id_status_idx" ON "leave_request"("approver_id", "status");

-- CreateIndex
CREATE INDEX "leave_request_start_date_end_date_idx" ON "leave_request"("start_date", "end_date");

-- AddForeignKey
ALTER TABLE "leave_request" ADD CONSTRAINT "leave_request_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leave_request" ADD CONSTRAINT "leave_request_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
