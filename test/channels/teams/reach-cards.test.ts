/**
 * The recipient resolver (features/org/reach.ts) and the Teams cards of the
 * messages banzhang sends on its own: pure, valid by the card rules, snapshotted.
 */
import { describe, expect, it } from 'vitest';
import { teamsPayStatement } from '../../../src/channels/teams/cards/pay-cards.ts';
import { teamsRankingRenderer } from '../../../src/channels/teams/cards/ranking-cards.ts';
import { teamsTally } from '../../../src/channels/teams/cards/tally-cards.ts';
import { fromMrkdwn, textCard } from '../../../src/channels/teams/cards/text-card.ts';
import { teamsTrainingReminder } from '../../../src/channels/teams/cards/training-cards.ts';
import { validateCard } from '../../../src/channels/teams/cards/validate.ts';
import { addressed, centerChannelAddresses, keyOn, personAddresses, platformsOn, teamChannelAddress } from '../../../src/features/org/reach.ts';
import type { TeamTally } from '../../../src/features/lateness/daily-tally.ts';

describe('recipient resolver', () => {
  const both = [{ platform: 'teams', externalId: 'aad-1' }, { platform: 'slack', externalId: 'U1' }];
  it('a person: every platform that is on where they have an identity, Slack first; none: no address', () => {
    expect(personAddresses(both, { slack: true, teams: true })).toEqual([{ platform: 'slack', target: 'U1' }, { platform: 'teams', target: 'aad-1' }]);
    expect(personAddresses(both, { slack: false, teams: true })).toEqual([{ platform: 'teams', target: 'aad-1' }]);
    expect(personAddresses([{ platform: 'teams', externalId: 'aad-1' }], { slack: true, teams: false })).toEqual([]);
  });
  it('no chat settings in the process: every platform', () => {
    expect(platformsOn({ slack: false, teams: false })).toEqual({ slack: true, teams: true });
    expect(platformsOn({ slack: true, teams: false })).toEqual({ slack: true, teams: false });
  });
  it('channels: a team channel by its id form; center channels with the teams: block', () => {
    expect(teamChannelAddress('C0OUTA')).toEqual({ platform: 'slack', target: 'C0OUTA' });
    expect(teamChannelAddress('19:a@thread.tacv2')).toEqual({ platform: 'teams', target: '19:a@thread.tacv2' });
    expect(teamChannelAddress('19:a@thread.tacv2', { slack: true, teams: false })).toBeNull();
    const stored = { training: 'C0TRAIN', 'teams:training': '19:t@thread.tacv2' };
    expect(centerChannelAddresses(stored, 'training')).toEqual([{ platform: 'slack', target: 'C0TRAIN' }, { platform: 'teams', target: '19:t@thread.tacv2' }]);
    expect(centerChannelAddresses(stored, 'rankings')).toEqual([]);
  });
  it('dedupe keys: Slack keeps the key, Teams appends :teams', () => {
    expect(keyOn('tally:a:2026-05-08', 'slack')).toBe('tally:a:2026-05-08');
    const rows = addressed([{ platform: 'slack', target: 'U1' }, { platform: 'teams', target: 'aad-1' }], 'dm', (p) => ({ text: p }), 'k');
    expect(rows.map((r) => `${r.platform} ${r.target} ${r.dedupeKey} ${r.payload.text}`)).toEqual(['slack U1 k slack', 'teams aad-1 k:teams teams']);
  });
});

const tally: TeamTally = {
  teamId: 'outbound-a',
  teamName: '外呼一组',
  channel: '19:a@thread.tacv2',
  date: '2026-05-08',
  allowanceMinutes: 60,
  lines: [
    { employeeId: 'E002', name: 'Li Si', late: [{ segment: 'morning', minutes: 4 }], early: [], absent: false, excused: [], pending: [], monthLateMinutes: 4 },
    { employeeId: 'E003', name: '王五', late: [], early: [], absent: true, excused: [], pending: [], monthLateMinutes: 0 },
  ],
};

describe('Teams cards of jobs', () => {
  const cards = {
    'daily tally (zh-CN)': teamsTally(tally).card,
    'training reminder (en)': teamsTrainingReminder({ sessionId: 3, date: '2026-05-08', time: '16:30', topic: '新产品话术', durationMinutes: 120 }, 'en').card,
    'ranking own score (zh-CN)': (teamsRankingRenderer.own({ month: '2026-05', row: { employeeId: 'E003', name: '王五', rank: 2, score: 95, lines: [] } as never, rankedIn: 4, locale: 'zh-CN' }) as { card?: unknown }).card,
    'pay statement (zh-CN)': teamsPayStatement('zh-CN', { month: '2026-05', name: '张三', lines: [], earningsFen: 120000, deductionsFen: 0, netEffectFen: 120000, pendingEvents: 0 } as never).card,
    'text card': textCard('*Title*\nline one &amp; two\n\n• *bold* part').card,
  };
  for (const [name, card] of Object.entries(cards)) {
    it(`${name}: valid by the card rules and as snapshotted`, () => {
      expect(validateCard(card)).toEqual([]);
      expect(card).toMatchSnapshot();
    });
  }
  it('TRAIN-1: the reminder card has Check in as Action.Execute with the session id', () => {
    expect(teamsTrainingReminder({ sessionId: 3, date: '2026-05-08', time: '16:30', topic: null, durationMinutes: 120 }).card!.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', verb: 'training.checkIn', data: { sessionId: 3 } }),
    ]);
  });
  it('LATE-8: the tally card lists the team\'s people and no money', () => {
    const text = JSON.stringify(teamsTally(tally));
    expect(text).toContain('Li Si');
    expect(text).toContain('王五');
    expect(text).not.toContain('¥');
  });
  it('Slack mrkdwn reads as TextBlock Markdown', () => {
    expect(fromMrkdwn('*a* &lt;b&gt; <https://x.y|link>')).toBe('**a** <b> [link](https://x.y)');
  });
});
