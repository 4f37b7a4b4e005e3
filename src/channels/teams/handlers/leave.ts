/**
 * Teams handlers of the leave feature (LEAVE-1..8): `leave [type|list|return]`,
 * the form card's Submit, the approver's Approve / Reject. The same use case as
 * on Slack (src/features/leave/leave-service.ts) with a Teams messenger.
 */
import { z } from 'zod';
import { decideLeave, fileLeave, listLeave, LeaveValidationError, reportReturn, type LeaveDeps } from '../../../features/leave/leave-service.ts';
import { DAY_PARTS, LEAVE_TYPES, type DayPart, type LeaveRequestInput, type LeaveType } from '../../../policy/leave/types.ts';
import { formatDates } from '../../../shared/format.ts';
import { t, type MessageKey } from '../../../shared/i18n/index.ts';
import { approvalCard, leaveFormCard, leaveSubmittedCard, teamsLeaveRenderer, type LeaveFormErrors, type LeaveFormValues } from '../cards/leave-cards.ts';
import { LEAVE_INPUTS, TEAMS_COMMANDS, VERBS } from '../ids.ts';
import { replyCard, replyText, type InvokeAnswer, type TeamsContext, type Who } from './context.ts';

const USAGE = 'leave [sick|personal|rest|meeting|list|return]';

/** The form's inputs as Teams sends them (strings; an empty input may be missing). */
const formData = z.object({
  [LEAVE_INPUTS.type]: z.string().optional(),
  [LEAVE_INPUTS.start]: z.string().optional(),
  [LEAVE_INPUTS.end]: z.string().optional(),
  [LEAVE_INPUTS.part]: z.string().optional(),
  [LEAVE_INPUTS.reason]: z.string().optional(),
  [LEAVE_INPUTS.emergency]: z.string().optional(),
});

const requestIdOf = (data: Record<string, unknown>): number | null => {
  const id = Number(data.requestId);
  return Number.isInteger(id) && id > 0 ? id : null;
};

/** How the leave use case sends its messages on Teams. */
export function teamsLeaveDeps(ctx: Pick<TeamsContext, 'prisma' | 'policy' | 'clock'>): LeaveDeps {
  return {
    prisma: ctx.prisma(),
    policy: ctx.policy,
    clock: ctx.clock,
    source: 'teams',
    messenger: { platform: 'teams', render: teamsLeaveRenderer, targetOf: (p) => p.teamsId },
  };
}

export function registerLeaveHandlers(ctx: TeamsContext): void {
  const today = () => ctx.clock.now().setZone(ctx.policy.center.timeZone).toISODate()!;
  const form = (who: Who, extra: { type?: LeaveType; values?: LeaveFormValues; errors?: LeaveFormErrors } = {}) =>
    leaveFormCard({ locale: who.locale, today: today(), proofGraceDays: ctx.policy.leave.sick.proofGraceDays, ...extra });

  ctx.commands.set(TEAMS_COMMANDS.leave, async ({ turn, who, args }) => {
    const [sub, ...extra] = args.map((a) => a.toLowerCase());
    if (extra.length > 0) return replyText(turn, t(who.locale, 'teams.bad_argument', { arg: extra.join(' '), usage: USAGE }));
    if (sub === undefined || (LEAVE_TYPES as readonly string[]).includes(sub)) {
      return replyCard(turn, form(who, sub ? { type: sub as LeaveType } : {}), t(who.locale, 'leave.modal.title'));
    }
    if (sub === 'list') {
      const { mine, waiting } = await listLeave(ctx.prisma(), who.id);
      const line = (l: (typeof mine)[number]) =>
        t(who.locale, 'leave.list.line', {
          id: l.id,
          type: t(who.locale, `leave.type.${l.type}` as MessageKey),
          dates: formatDates(l.startDate.toISOString().slice(0, 10), l.endDate.toISOString().slice(0, 10)),
          status: t(who.locale, `leave.status.${l.status}` as MessageKey),
        });
      const parts = [mine.length ? [t(who.locale, 'leave.list.mine'), ...mine.map(line)].join('\n') : t(who.locale, 'leave.list.none')];
      if (waiting.length) parts.push([t(who.locale, 'leave.list.waiting'), ...waiting.map((l) => `${line(l)} — ${l.employee.name}`)].join('\n'));
      return replyText(turn, parts.join('\n\n'));
    }
    if (sub === 'return') {
      try {
        const done = await reportReturn(teamsLeaveDeps(ctx), who.id);
        return replyText(
          turn,
          done.endsEarly
            ? t(who.locale, 'leave.returned_early', { id: done.request.id, count: done.unusedDays.length })
            : t(who.locale, 'leave.returned', { id: done.request.id }),
        );
      } catch (error) {
        return replyText(turn, ctx.errorText(who.locale, error));
      }
    }
    return replyText(turn, t(who.locale, 'teams.bad_argument', { arg: sub, usage: USAGE }));
  });

  // The form's Submit: the request is filed, or the form comes back with the problems beside the fields (LEAVE-1..3).
  ctx.verbs.set(VERBS.leaveSubmit, async ({ who, data }): Promise<InvokeAnswer> => {
    const v = formData.parse(data);
    const type = v[LEAVE_INPUTS.type] ?? '';
    const startDate = v[LEAVE_INPUTS.start]?.trim() ?? '';
    const part = v[LEAVE_INPUTS.part] ?? 'full';
    const values: LeaveFormValues = {
      type,
      start: startDate,
      end: v[LEAVE_INPUTS.end]?.trim() ?? '',
      part,
      reason: v[LEAVE_INPUTS.reason] ?? '',
      emergency: v[LEAVE_INPUTS.emergency] === 'yes' || v[LEAVE_INPUTS.emergency] === 'true',
    };
    const input: LeaveRequestInput = {
      employeeId: who.id,
      type: ((LEAVE_TYPES as readonly string[]).includes(type) ? type : 'personal') as LeaveType,
      startDate,
      endDate: values.end || startDate,
      part: ((DAY_PARTS as readonly string[]).includes(part) ? part : 'full') as DayPart,
      reason: values.reason?.trim() ?? '',
      emergency: values.emergency ?? false,
      // LEAVE-3: a card cannot carry a file; sick leave's proof follows within the grace days.
      proof: type === 'sick' ? 'follows' : 'none',
    };
    try {
      const filed = await fileLeave(teamsLeaveDeps(ctx), input);
      return { card: leaveSubmittedCard(filed.view, who.locale) };
    } catch (error) {
      if (error instanceof LeaveValidationError) {
        const errors: LeaveFormErrors = {};
        for (const e of error.fieldErrors) {
          const field = (e.field in { type: 1, startDate: 1, endDate: 1, part: 1, reason: 1, emergency: 1, proof: 1 } ? e.field : 'type') as keyof LeaveFormErrors;
          const text = t(who.locale, e.messageKey as MessageKey, Object.fromEntries(Object.entries(e.params ?? {}).map(([k, x]) => [k, String(x)])));
          (errors[field] ??= []).push(text);
        }
        return { card: form(who, { values, errors }) };
      }
      return { message: ctx.errorText(who.locale, error) };
    }
  });

  // LEAVE-5: one decision, by the routed approver only; a second click says who decided.
  const decide = async (who: Who, data: Record<string, unknown>, decision: 'approved' | 'rejected'): Promise<InvokeAnswer> => {
    const requestId = requestIdOf(data);
    if (requestId === null) return { message: t(who.locale, 'teams.card_outdated') };
    const note = typeof data[LEAVE_INPUTS.rejectReason] === 'string' ? (data[LEAVE_INPUTS.rejectReason] as string).trim() : '';
    if (decision === 'rejected' && note === '') return { message: t(who.locale, 'teams.leave.reject_needs_reason') };
    try {
      const view = await decideLeave(teamsLeaveDeps(ctx), { requestId, actorId: who.id, decision, note: decision === 'rejected' ? note : null });
      // The clicker sees the decided card at once; the outbox updates the stored message too.
      return { card: approvalCard(view, who.locale).card };
    } catch (error) {
      return { message: ctx.errorText(who.locale, error) };
    }
  };
  ctx.verbs.set(VERBS.leaveApprove, ({ who, data }) => decide(who, data, 'approved'));
  ctx.verbs.set(VERBS.leaveReject, ({ who, data }) => decide(who, data, 'rejected'));
}
