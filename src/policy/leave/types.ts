/**
 * Leave (policy.md LEAVE): the plain data the pure leave rules work on.
 *
 * Dates are local calendar dates "YYYY-MM-DD" in the center's time zone
 * (`policy.center.timeZone`); money is integer fen.
 */
import type { RoleKey } from '../config/schema.ts';

export { LEAVE_TYPES, type LeaveType, type RoleKey } from '../config/schema.ts';
import type { LeaveType } from '../config/schema.ts';

/** LEAVE-1: a whole day, or the morning or afternoon segment of one day. */
export const DAY_PARTS = ['full', 'morning', 'afternoon'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** LEAVE-3: the medical proof of a sick leave: attached now, to follow, or none. */
export const PROOF_STATES = ['attached', 'follows', 'none'] as const;
export type ProofState = (typeof PROOF_STATES)[number];

/** A leave request as the employee fills it in (after the chat payload's own zod check). */
export interface LeaveRequestInput {
  employeeId: string;
  type: LeaveType;
  startDate: string;
  endDate: string;
  /** Half days (`morning`, `afternoon`) only when startDate = endDate. */
  part: DayPart;
  reason?: string | undefined;
  /** LEAVE-2: 意外或突发情况 — lets a personal leave be filed after it started. */
  emergency: boolean;
  proof: ProofState;
}

/** One employee as the leave rules see the org (ORG-1). */
export interface OrgPerson {
  id: string;
  role: RoleKey;
  managerId: string | null;
  teamId: string;
  active: boolean;
  /** "YYYY-MM-DD" */
  hireDate: string;
  /** Monthly base pay in fen; null: the policy's default (see cost.ts). */
  basePayFen: number | null;
}

/** A day of leave that counts: a working day of the person, whole or half. */
export interface LeaveDay {
  date: string;
  fraction: 1 | 0.5;
}

/** The dates and part of a leave, as stored. */
export interface LeaveSpan {
  startDate: string;
  endDate: string;
  part: DayPart;
}

export type LeaveStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';
