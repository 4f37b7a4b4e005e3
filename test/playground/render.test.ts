/**
 * The playground's Block Kit renderer (src/channels/playground/static/render.js)
 * on the very blocks banzhang's builders produce: pure, no browser.
 */
import { describe, expect, it } from 'vitest';
import { leaveModal, rejectModal } from '../../src/channels/slack/blocks/leave-blocks.ts';
import { INPUT, LEAVE_BLOCKS } from '../../src/channels/slack/ids.ts';
import { block, element, escapeHtml, mrkdwn, renderBlocks, renderModal } from '../../src/channels/playground/static/render.js';

const people = [{ user: 'UDEMO100', name: 'Dept Head Han' }];

/** The data-action JSON of every button in some HTML. */
function buttonActions(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<button[^>]*data-action="([^"]*)"/g)].map((m) => JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<string, unknown>);
}

describe('playground renderer', () => {
  it('escapes HTML everywhere text comes from the bot', () => {
    expect(escapeHtml('<script>"x" & \'y\'</script>')).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    const html = renderBlocks([{ type: 'section', text: { type: 'mrkdwn', text: '<img src=x onerror=alert(1)> *bold*' } }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<b>bold</b>');
  });

  it('mrkdwn: emphasis, code, links, mentions by name, quotes, emoji, line breaks', () => {
    const html = mrkdwn('*Who*\n_note_ ~old~ `E001`\n<@UDEMO100> see <https://example.org/x|the page>\n> quoted\n:white_check_mark: done', { people });
    expect(html).toBe(
      '<b>Who</b><br><i>note</i> <s>old</s> <code>E001</code><br><span class="pg-mention">@Dept Head Han</span> see <a href="https://example.org/x" target="_blank" rel="noopener">the page</a><br><blockquote>quoted</blockquote><br>✅ done',
    );
  });

  it('the leave modal as banzhang builds it: every input wrapped with its block and action id, presets shown', () => {
    const view = { id: 'V1', ...leaveModal({ locale: 'en', type: 'sick', proofGraceDays: 3, today: '2026-11-24' }), errors: {} };
    const html = renderModal(view, { people, texts: { optional: '(optional)', no_files: 'No files here.' } });
    const inputs = [...html.matchAll(/class="pg-input" data-block-id="([^"]+)" data-action-id="([^"]+)" data-type="([^"]+)"/g)].map((m) => `${m[1]}/${m[3]}`);
    expect(inputs).toEqual([
      'leave_type/static_select',
      'leave_start/datepicker',
      'leave_end/datepicker',
      'leave_part/radio_buttons',
      'leave_reason/plain_text_input',
      'leave_emergency/checkboxes',
      'leave_proof/file_input',
    ]);
    expect(html).toContain('<option value="sick" selected>');
    expect(html).toContain(`<input type="date" name="leave_start.${INPUT}" value="2026-11-24">`);
    expect(html).toContain('value="full" checked');
    expect(html).toContain('maxlength="500"');
    expect(html).toContain('No files here.');
    expect(html).toMatchSnapshot();
  });

  it('a modal with response_action errors shows each error under its field', () => {
    const view = { id: 'V2', ...rejectModal({ locale: 'zh-CN', requestId: 7 }), errors: { [LEAVE_BLOCKS.rejectReason]: 'Write a reason' } };
    const html = renderModal(view);
    const field = /<div class="pg-block pg-field pg-has-error" data-block-id="([^"]+)">.*?<div class="pg-error" role="alert">([^<]+)<\/div>/.exec(html);
    expect(field?.[1]).toBe(Object.keys(view.errors)[0]);
    expect(field?.[2]).toBe('Write a reason');
  });

  it('buttons carry the action Slack sends in block_actions (type, action_id, block_id, value); styles kept', () => {
    const html = block({
      type: 'actions',
      block_id: 'leave_1',
      elements: [
        { type: 'button', action_id: 'leave_approve', value: '1', style: 'primary', text: { type: 'plain_text', text: 'Approve' } },
        { type: 'button', action_id: 'leave_reject', value: '1', style: 'danger', text: { type: 'plain_text', text: 'Reject' } },
      ],
    });
    expect(buttonActions(html)).toEqual([
      { type: 'button', action_id: 'leave_approve', block_id: 'leave_1', value: '1' },
      { type: 'button', action_id: 'leave_reject', block_id: 'leave_1', value: '1' },
    ]);
    expect(html).toContain('class="pg-button pg-primary"');
    expect(html).toContain('class="pg-button pg-danger"');
  });

  it('header, divider, section fields and accessory, context, timepicker, users select, number input', () => {
    const html = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Leave request #1' } },
        { type: 'divider' },
        { type: 'section', block_id: 's', fields: [{ type: 'mrkdwn', text: '*Who*\n张三' }], accessory: { type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open' } } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: ':warning: proof follows' }] },
        { type: 'input', block_id: 't', label: { type: 'plain_text', text: 'Time' }, element: { type: 'timepicker', action_id: 'INPUT', initial_time: '16:30' } },
        { type: 'input', block_id: 'u', label: { type: 'plain_text', text: 'Owner' }, element: { type: 'users_select', action_id: 'INPUT', initial_user: 'UDEMO100' } },
        { type: 'input', block_id: 'n', label: { type: 'plain_text', text: 'Score' }, element: { type: 'number_input', action_id: 'INPUT', is_decimal_allowed: true } },
      ],
      { people },
    );
    expect(html).toMatchSnapshot();
    expect(html).toContain('<div class="pg-block pg-header">Leave request #1</div>');
    expect(html).toContain('<div class="pg-fields"><div><b>Who</b><br>张三</div></div>');
    expect(html).toContain('⚠️ proof follows');
    expect(html).toContain('value="16:30"');
    expect(html).toContain('<option value="UDEMO100" selected>Dept Head Han</option>');
    expect(html).toContain('step="any"');
  });

  it('a message without blocks shows its text; an unknown element type is named, not dropped', () => {
    expect(renderBlocks(undefined, {}, 'plain *text*')).toBe('<div class="pg-block pg-section">plain <b>text</b></div>');
    expect(element({ type: 'workflow_button' }, 'b')).toBe('<span class="pg-unknown">[workflow_button]</span>');
  });
});
