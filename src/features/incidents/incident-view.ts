/**
 * View-models of the incidents feature: plain data every channel renders
 * (Slack Block Kit in src/channels/slack/blocks/incident-blocks.ts).
 * Times are center-local `yyyy-MM-dd HH:mm`.
 */
import type { IncidentStatus, IncidentType, OutageClassification } from '../../policy/incidents/index.ts';

export type TimelineKind = 'filed' | 'acknowledged' | 'classified' | 'note' | 'resolved' | 'escalated' | 'safe' | 'sick-leave' | 'excused';

export interface TimelineEntry {
  at: string;
  actor: string;
  kind: TimelineKind;
  /** The note's text (note, resolved). */
  text: string;
  classification?: OutageClassification;
  recoveryAt?: string;
  leaveId?: number;
}

export interface IncidentView {
  id: number;
  type: IncidentType;
  status: IncidentStatus;
  outage: boolean;
  occurredAt: string;
  filedAt: string;
  description: string;
  actionsTaken: string;
  recoveryAt: string | null;
  /** INC-3: minutes from the time it happened to the recovery. */
  durationMinutes: number | null;
  recorder: { id: string; name: string };
  subject: { id: string; name: string } | null;
  acknowledged: { name: string; at: string } | null;
  /** INC-4: when the center managers were alerted, and after how many minutes without an answer. */
  escalated: { at: string; afterMinutes: number } | null;
  classification: OutageClassification | null;
  resolved: { name: string; at: string } | null;
  /** INC-2: the type's checklist, as i18n keys. */
  checklist: string[];
  /** INC-3: every update, oldest first. */
  timeline: TimelineEntry[];
  /** Fire: everyone clocked in when it happened, and whether they said they are safe. */
  rollCall: Array<{ employeeId: string; name: string; safeAt: string | null }> | null;
  /** Illness: the subject's team for each segment of the day not yet ended when it happened. */
  staffing: Array<{ segment: string; start: string; end: string; scheduled: number; remaining: number }> | null;
  /** Illness: the sick leave filed from here, with whom it waits on. */
  sickLeave: { id: number; approver: string; status: string } | null;
  /** Outage: the LATE-7 excuse of the window was made. */
  excused: boolean;
}

export interface Rendered {
  text: string;
  blocks?: unknown[];
}

/** Who a card is for: the incidents channel, a team leader, or a center manager after INC-4. */
export type CardAudience = 'channel' | 'leader' | 'manager';

export interface IncidentRenderer {
  card(view: IncidentView, locale: string, audience: CardAudience): Rendered;
}
