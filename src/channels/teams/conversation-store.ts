/**
 * Conversation references (the only code that touches `conversation_reference`):
 * where banzhang can reach a Teams person or channel without being spoken to
 * first. Captured from every authenticated activity: the install
 * (conversationUpdate), every message and every card action.
 *
 * - a personal chat is stored under the person's AAD object id (the `teams:` id
 *   of the org file);
 * - a team channel under its channel id (a message in a thread is stored as
 *   the channel itself, so that a post starts a new thread).
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { PrismaClient, Tx } from '../../shared/db/types.ts';

export type ConversationKind = 'personal' | 'channel';

export interface StoredConversation {
  key: string;
  kind: ConversationKind;
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  reference: Partial<ConversationReference>;
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string };
}

/** What an activity says about where to reach its sender (or channel), or null (group chats, no AAD id). */
export function conversationOf(activity: Partial<Activity>): StoredConversation | null {
  const conversation = activity.conversation;
  if (!conversation?.id || !activity.serviceUrl) return null;
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const tenantId = conversation.tenantId ?? channelData.tenant?.id ?? null;
  const base: Partial<ConversationReference> = {
    channelId: activity.channelId ?? 'msteams',
    serviceUrl: activity.serviceUrl,
    // In an incoming activity the bot is the recipient.
    ...(activity.recipient ? { bot: { id: activity.recipient.id, name: activity.recipient.name ?? '' } } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
  const type = conversation.conversationType ?? (conversation.isGroup ? 'groupChat' : 'personal');
  if (type === 'personal') {
    const aad = activity.from?.aadObjectId;
    if (!aad) return null;
    return {
      key: aad,
      kind: 'personal',
      conversationId: conversation.id,
      serviceUrl: activity.serviceUrl,
      tenantId,
      reference: {
        ...base,
        conversation: { id: conversation.id, conversationType: 'personal', isGroup: false, name: conversation.name ?? '', ...(tenantId ? { tenantId } : {}) },
        user: { id: activity.from!.id, name: activity.from!.name ?? '', aadObjectId: aad },
      },
    };
  }
  if (type === 'channel') {
    // A thread's conversation id is `<channel id>;messageid=<root>`; the channel itself is the part before.
    const channelId = channelData.channel?.id ?? conversation.id.split(';')[0]!;
    return {
      key: channelId,
      kind: 'channel',
      conversationId: channelId,
      serviceUrl: activity.serviceUrl,
      tenantId,
      reference: {
        ...base,
        conversation: { id: channelId, conversationType: 'channel', isGroup: true, name: conversation.name ?? '', ...(tenantId ? { tenantId } : {}) },
      },
    };
  }
  return null;
}

/** Over the client, or over a transaction (the embedded database has one connection: never mix both in one unit of work). */
export function conversationStore(prisma: PrismaClient | Tx) {
  const platform = 'teams';
  const row = (r: { key: string; kind: string; conversationId: string; serviceUrl: string; tenantId: string | null; reference: Prisma.JsonValue }): StoredConversation => ({
    key: r.key,
    kind: r.kind as ConversationKind,
    conversationId: r.conversationId,
    serviceUrl: r.serviceUrl,
    tenantId: r.tenantId,
    reference: r.reference as Partial<ConversationReference>,
  });
  return {
    /** Stores (or refreshes) a reference; two concurrent writers of one key both succeed, the last one wins. */
    async save(c: StoredConversation): Promise<void> {
      const data = {
        kind: c.kind,
        conversationId: c.conversationId,
        serviceUrl: c.serviceUrl,
        tenantId: c.tenantId,
        reference: c.reference as Prisma.InputJsonValue,
      };
      for (let attempt = 0; ; attempt++) {
        try {
          await prisma.conversationReference.upsert({
            where: { platform_key: { platform, key: c.key } },
            create: { platform, key: c.key, ...data },
            update: data,
          });
          return;
        } catch (error) {
          // A concurrent first insert of the same key: the update path wins on the next try.
          if ((error as { code?: string }).code !== 'P2002' || attempt >= 2) throw error;
        }
      }
    },
    async byKey(key: string): Promise<StoredConversation | null> {
      const r = await prisma.conversationReference.findUnique({ where: { platform_key: { platform, key } } });
      return r ? row(r) : null;
    },
    async byConversationId(conversationId: string): Promise<StoredConversation | null> {
      const r = await prisma.conversationReference.findFirst({ where: { platform, conversationId }, orderBy: { updatedAt: 'desc' } });
      return r ? row(r) : null;
    },
    /** The latest reference of the tenant (any, when tenantId is null): its service URL and tenant let banzhang open a 1:1 chat. */
    async latestInTenant(tenantId: string | null): Promise<StoredConversation | null> {
      const r = await prisma.conversationReference.findFirst({
        where: { platform, ...(tenantId ? { tenantId } : { tenantId: { not: null } }) },
        orderBy: { updatedAt: 'desc' },
      });
      return r ? row(r) : null;
    },
  };
}

export type ConversationStore = ReturnType<typeof conversationStore>;
