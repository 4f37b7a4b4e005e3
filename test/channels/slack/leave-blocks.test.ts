import { describe, expect, it } from 'vitest';
import { approvalCard, leaveModal, rejectModal } from '../../../src/channels/slack/blocks/leave-blocks.ts';
import type { LeaveCardView } from '../../../src/features/leave/leave-view.ts';

const view: LeaveCardView = {
  requestId: 7,
  employee: { id: 'E001', name: '张三' },
  approverName: '部门负责人',
  type: 'personal',
  startDate: '2026-11-24',
  endDate: '2026-11-25',
  part: 'full',
  reason: 'family matter',
  emergency: true,
  proof: 'none',
  flags: ['emergency-retroactive'],
  cost: { totalFen: 11034, losesFullAttendance: true, fullAttendanceFen: 10000, lines: [] },
  coverage: { date: '2026-11-24', othersOff: [{ name: '王五', why: 'rest' }], remaining: [{ segment: 'morning', working: 2, scheduled: 3 }] },
  escalatedFrom: { name: '副负责人' },
  status: 'pending',
  decidedBy: null,
  decisionNote: null,
};

describe('leave Block Kit builders', () => {
  it('the approval card in English and Chinese', () => {
    expect(approvalCard(view, 'en')).toMatchSnapshot();
    expect(approvalCard(view, 'zh-CN')).toMatchSnapshot();
  });

  it('LEAVE-5: a decided card has no buttons and says who decided, with the note', () => {
    const decided = approvalCard({ ...view, status: 'rejected', decidedBy: { name: '部门负责人', at: '2026-11-23T01:02:03.000Z' }, decisionNote: 'no cover' }, 'en');
    const json = JSON.stringify(decided.blocks);
    expect(json).not.toContain('leave_approve');
    expect(json).toContain('Rejected by 部门负责人 at 2026-11-23 01:02Z — Note: no cover');
  });

  it('the leave modal presets the type and the reject modal carries the request id', () => {
    expect(leaveModal({ locale: 'en', type: 'sick', proofGraceDays: 3, today: '2026-11-23' })).toMatchSnapshot();
    expect(rejectModal({ locale: 'zh-CN', requestId: 7 }).private_metadata).toBe('7');
  });
});
