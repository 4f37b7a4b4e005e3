-- CreateTable
CREATE TABLE "conversation_reference" (
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "service_url" TEXT NOT NULL,
    "tenant_id" TEXT,
    "reference" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_reference_pkey" PRIMARY KEY ("platform","key")
);

-- CreateIndex
CREATE INDEX "conversation_reference_platform_conversation_id_idx" ON "conversation_reference"("platform", "conversation_id");
