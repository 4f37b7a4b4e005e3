/**
 * View-models of the leave feature: plain data that every channel renders
 * (Slack Block Kit in src/channels/slack/blocks/, Adaptive Cards in src/channels/teams/cards/).
 */
import type { DayPart, LeaveType } from '../../policy/leave/types.ts';

export interface LeaveCardView {
  requestId: number;
  employee: { id: string; name: string };
  /** Who the request is routed to. */
  approverName?: string;
  type: LeaveType;
  startDate: string;
  endDate: string;
  part: DayPart;
  reason: string;
  emergency: boolean;
  proof: 'attached' | 'follows' | 'none';
  flags: string[];
  /** LEAVE-8 */
  cost: { totalFen: number; losesFullAttendance: boolean; fullAttendanceFen: number; lines: Array<{ ruleId: string; date: string; kind: string; amountFen: number }> };
  /** Who else in the team is off on the first day, and how many remain per segment. */
  coverage: { date: string; othersOff: Array<{ name: string; why: 'leave' | 'rest' }>; remaining: Array<{ segment: string; working: number; scheduled: number }> };
  /** LEAVE-4: set when the first approver was absent and the request went one level up. */
  escalatedFrom: { name: string } | null;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: { name: string; at: string } | null;
  decisionNote: string | null;
}

export interface Rendered {
  text: string;
  blocks?: unknown[];
  /** Teams: the Adaptive Card (sent as the message's attachment). */
  card?: Record<string, unknown>;
}

/** What a channel provides to turn leave view-models into messages. */
export interface LeaveRenderer {
  approvalCard(view: LeaveCardView, locale: string): Rendered;
  filedNotice(view: LeaveCardView, locale: string): Rendered;
  decidedNotice(view: LeaveCardView, locale: string): Rendered;
  hrNotice(view: LeaveCardView, locale: string): Rendered;
  returnOverdueNotice(view: LeaveCardView, locale: string): Rendered;
  proofOverdueNotice(view: LeaveCardView, locale: string): Rendered;
}
