/**
 * Where banzhang reaches a person or a channel, whatever the platform
 * (docs/teams.md "Who gets what where"). A use case asks for the addresses of
 * a person or channel, renders its message once per platform and enqueues one
 * outbox row per address; it never picks Slack or Teams itself.
 *
 * - A person: every platform that is on AND on which they have an identity of
 *   the org file (`slack:` → a Slack user id, `teams:` → their AAD object id),
 *   Slack first. Someone with both gets both. Someone with none gets no
 *   address: the caller reports them as before (nothing is dropped silently).
 * - A team's channel: `team.channel` of the org file is a Slack channel id, or
 *   a Teams channel id (those always start `19:`, e.g. `19:…@thread.tacv2`).
 * - A center channel (incidents, rankings, training): `channels.<name>` is the
 *   Slack id; `channels.teams.<name>` the Teams one (stored flat in
 *   center.channels as `teams:<name>`).
 *
 * Which platforms are on: those the process has settings for (JobContext.chat);
 * a process with neither (the CLI or a test without chat settings) addresses
 * every platform, and the server's sender delivers.
 *
 * Dedupe keys: a Slack row keeps the caller's key (as it always had); any other
 * platform's row appends `:<platform>`, so a person on both gets each once.
 */
import type { Tx } from '../../shared/db/types.ts';
import type { OutboxInput, OutboxKind, OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';

export type PlatformsOn = { slack: boolean; teams: boolean };

export const ALL_PLATFORMS: PlatformsOn = { slack: true, teams: true };

/** The platforms to address: those on, or every one when none is (a process without chat settings). */
export function platformsOn(chat?: PlatformsOn): PlatformsOn {
  return chat && (chat.slack || chat.teams) ? chat : ALL_PLATFORMS;
}

export interface Address {
  platform: OutboxPlatform;
  /** The Slack user or channel id; the AAD object id or the Teams channel id. */
  target: string;
}

const ORDER: OutboxPlatform[] = ['slack', 'teams'];

/** A person's addresses from their chat identities (any order), Slack first. */
export function personAddresses(identities: ReadonlyArray<{ platform: string; externalId: string }>, on: PlatformsOn = ALL_PLATFORMS): Address[] {
  return ORDER.filter((p) => on[p]).flatMap((platform) => {
    const id = identities.find((i) => i.platform === platform)?.externalId;
    return id ? [{ platform, target: id }] : [];
  });
}

/** Whether a channel id of the org file is a Teams channel (`19:…`). */
export const isTeamsChannel = (channel: string) => channel.startsWith('19:');

/** A team's channel (`team.channel`) as an address, when it has one on a platform that is on. */
export function teamChannelAddress(channel: string | null | undefined, on: PlatformsOn = ALL_PLATFORMS): Address | null {
  if (!channel) return null;
  const platform: OutboxPlatform = isTeamsChannel(channel) ? 'teams' : 'slack';
  return on[platform] ? { platform, target: channel } : null;
}

export type CenterChannel = 'incidents' | 'rankings' | 'training';

/** The center channel's addresses (center.channels: `<name>` for Slack, `teams:<name>` for Teams). */
export function centerChannelAddresses(channels: unknown, name: CenterChannel, on: PlatformsOn = ALL_PLATFORMS): Address[] {
  const stored = (channels ?? {}) as Record<string, unknown>;
  const of = (key: string) => (typeof stored[key] === 'string' && stored[key] !== '' ? (stored[key] as string) : undefined);
  const out: Address[] = [];
  const slack = of(name);
  // A Teams id put in the plain key (a Teams-only center) counts as Teams.
  if (slack) out.push({ platform: isTeamsChannel(slack) ? 'teams' : 'slack', target: slack });
  const teams = of(`teams:${name}`);
  if (teams) out.push({ platform: 'teams', target: teams });
  return out.filter((a, i) => on[a.platform] && out.findIndex((b) => b.platform === a.platform) === i);
}

/** Reads the center channel's addresses. */
export async function centerChannel(tx: Tx, name: CenterChannel, on: PlatformsOn = ALL_PLATFORMS): Promise<Address[]> {
  const center = await tx.center.findUnique({ where: { id: 1 } });
  return centerChannelAddresses(center?.channels, name, on);
}

/** The addresses of employees by id (every chat identity, filtered by `on`). */
export async function peopleAddresses(tx: Tx, employeeIds: readonly string[], on: PlatformsOn = ALL_PLATFORMS): Promise<Map<string, Address[]>> {
  const rows = await tx.chatIdentity.findMany({ where: { employeeId: { in: [...employeeIds] } } });
  return new Map(employeeIds.map((id) => [id, personAddresses(rows.filter((r) => r.employeeId === id), on)]));
}

/** A dedupe key on a platform: Slack keeps the key, others append `:<platform>`. */
export const keyOn = (dedupeKey: string, platform: OutboxPlatform) => (platform === 'slack' ? dedupeKey : `${dedupeKey}:${platform}`);

/** One message per platform: how it reads on each. */
export type PerPlatform<V> = Record<OutboxPlatform, (view: V) => OutboxPayload>;

/** The outbox rows of one message to some addresses, rendered per platform. */
export function addressed(addresses: readonly Address[], kind: Exclude<OutboxKind, 'update' | 'ephemeral'>, payloadOn: (platform: OutboxPlatform) => OutboxPayload, dedupeKey: string): OutboxInput[] {
  return addresses.map((a) => ({ platform: a.platform, kind, target: a.target, payload: payloadOn(a.platform), dedupeKey: keyOn(dedupeKey, a.platform) }));
}
