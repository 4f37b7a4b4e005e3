import { describe, expect, it } from 'vitest';
import { fieldErrorsAnswer } from '../../../src/channels/slack/handlers/modal-errors.ts';
import { t } from '../../../src/shared/i18n/index.ts';

describe('fieldErrorsAnswer (a refused form in a Slack modal)', () => {
  const blocks = { callsMade: 'b_made', callsConnected: 'b_connected' };

  it('puts each error on its field\'s block in the reader\'s locale with its params; two on one block are joined; an unmapped field falls back', () => {
    const answer = fieldErrorsAnswer(
      'en',
      [
        { field: 'callsMade', messageKey: 'performance.error.whole_number', params: { value: 'x' } },
        { field: 'callsConnected', messageKey: 'performance.error.connected_over_made', params: { connected: 5, made: 3 } },
        { field: 'callsConnected', messageKey: 'performance.error.whole_number', params: { value: '-1' } },
        { field: 'other', messageKey: 'leave.error.invalid' },
      ],
      blocks,
      'b_date',
    );
    expect(answer).toEqual({
      response_action: 'errors',
      errors: {
        b_made: 'Enter a whole number of 0 or more (got "x").',
        b_connected: 'Connected (5) cannot exceed calls made (3). Enter a whole number of 0 or more (got "-1").',
        b_date: 'The leave request has problems; see the form.',
      },
    });
    const zh = fieldErrorsAnswer('zh-CN', [{ field: 'callsMade', messageKey: 'performance.error.whole_number', params: { value: 'x' } }], blocks, 'b_date');
    expect(zh.errors).toEqual({ b_made: t('zh-CN', 'performance.error.whole_number', { value: 'x' }) });
    expect(zh.errors.b_made).not.toBe(answer.errors.b_made);
  });
});
