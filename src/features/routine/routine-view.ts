/**
 * What the routine's messages show, and the renderer a channel gives for them
 * (Slack blocks, Teams cards). Use cases build the views; channels render.
 */
import type { Locale } from '../../shared/i18n/index.ts';
import type { OutboxPayload } from '../../shared/outbox/transport.ts';
import type { OutboxPlatform } from '../../shared/outbox/outbox.ts';
import type { BriefContent, IncidentFact, OpenTicket, TeamFigures } from '../../policy/routine/index.ts';
import type { QaScoreFact, SuggestionFact } from './routine-facts.ts';

/** MEET-1: the brief posted to a team's channel (its check-in button carries team and date). */
export interface BriefView extends BriefContent {
  teamId: string;
  teamName: string;
}

/** The post-shift report's content (stored as the report's `figures`). */
export interface ShiftReportFigures {
  teamName: string;
  date: string;
  figures: TeamFigures;
  /** PERF-9 QA scores of the day (each agent's average of the samples scored). */
  qa: QaScoreFact[];
  late: Array<{ name: string; minutes: number }>;
  absent: string[];
  incidents: IncidentFact[];
  suggestions: SuggestionFact[];
}

export interface ShiftReportView extends ShiftReportFigures {
  teamId: string;
  leaderName: string;
  problems: string;
  measures: string;
}

export interface HandoverView {
  id: number;
  fromName: string;
  toName: string | null;
  /** "yyyy-MM-dd HH:mm", center time. */
  filedAt: string;
  incomingStartsAt: string | null;
  ticketsReceived: number;
  ticketsHandled: number;
  openTickets: OpenTicket[];
  notes: string;
}

export interface RoutineRenderer {
  brief(locale: Locale, view: BriefView): OutboxPayload;
  reportDraft(locale: Locale, view: ShiftReportView): OutboxPayload;
  reportSent(locale: Locale, view: ShiftReportView): OutboxPayload;
  handoverIncoming(locale: Locale, view: HandoverView): OutboxPayload;
  handoverFlag(locale: Locale, view: HandoverView & { graceMinutes: number }): OutboxPayload;
}

export type RoutineRenderers = Record<OutboxPlatform, RoutineRenderer>;
