-- CreateIndex
CREATE INDEX "outbox_message_platform_target_status_idx" ON "outbox_message"("platform", "target", "status");
