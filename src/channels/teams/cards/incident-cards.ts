/**
 * INC-4 on Teams: the escalation to a center manager by DM: the incident's
 * facts, what happened and its status, and that acknowledging, updating and
 * resolving are done on Slack (those steps are not on Teams yet: no buttons). Pure.
 */
import type { IncidentView } from '../../../features/incidents/incident-view.ts';
import { isLocale, t, type Locale, type MessageKey } from '../../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../../shared/outbox/transport.ts';
import { typeLabel } from '../../slack/blocks/incident-blocks.ts';
import { adaptiveCard, factSet, heading, textBlock } from './adaptive.ts';

export function teamsIncidentEscalation(v: IncidentView, locale: string): OutboxPayload {
  const l: Locale = isLocale(locale) ? locale : 'zh-CN';
  const title = t(l, 'incidents.card.title', { id: v.id, type: typeLabel(l, v.type) });
  const escalated = v.escalated ? t(l, 'incidents.card.escalated', { minutes: v.escalated.afterMinutes, at: v.escalated.at }).replace(/^:rotating_light:\s*/, '🚨 ') : null;
  const status = t(l, `incidents.status.${v.status}` as MessageKey);
  const facts: Array<[string, string]> = [
    [t(l, 'incidents.card.occurred'), v.occurredAt],
    [t(l, 'incidents.card.status'), status],
    [t(l, 'incidents.card.recorder'), v.recorder.name],
    ...(v.subject ? [[t(l, 'incidents.card.subject'), v.subject.name] as [string, string]] : []),
  ];
  const note = t(l, 'incidents.teams.act_on_slack');
  return {
    text: [title, ...(escalated ? [escalated] : []), v.description, note].join('\n'),
    card: adaptiveCard([
      heading(title),
      ...(escalated ? [textBlock(escalated, { color: 'Attention', weight: 'Bolder' })] : []),
      factSet(facts),
      textBlock(`**${t(l, 'incidents.card.description')}**`),
      textBlock(v.description),
      textBlock(note, { isSubtle: true, size: 'Small' }),
    ]),
  };
}
