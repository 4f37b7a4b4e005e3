/**
 * Block Kit → HTML for the playground page (docs/playground.md): the block
 * and element types banzhang sends (section, context, actions, input,
 * divider, header, image; buttons, selects, date and time pickers, text and
 * number inputs, checkboxes, radio buttons, user and conversation selects,
 * file inputs). Pure: strings in, a string out, so that it runs in the
 * browser and in the unit tests alike (test/playground/render.test.ts).
 *
 * Interactive elements carry what the page needs to send Slack's payloads:
 * `data-action` (the action as Slack sends it in block_actions) on buttons
 * and live selects; `.pg-input` wrappers with data-block-id / data-action-id
 * / data-type around the inputs of input blocks, read by `collectState`.
 */

const EMOJI = {
  white_check_mark: '✅', x: '❌', rotating_light: '🚨', arrow_right: '➡️', warning: '⚠️', tada: '🎉',
  pushpin: '📌', leftwards_arrow_with_hook: '↩️', grey_question: '❔', calendar: '📅', clock1: '🕐',
  bell: '🔔', memo: '📝', trophy: '🏆', bar_chart: '📊', hourglass: '⏳', bulb: '💡', fire: '🔥',
};

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
}

const attr = (value) => escapeHtml(typeof value === 'string' ? value : JSON.stringify(value));
const emoji = (html) => html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);

/** Inline mrkdwn of already escaped text: *bold*, _italic_, ~strike~, `code`. */
function inline(html) {
  return html
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s).,:;!?<])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s).,:;!?<])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s).,:;!?<])/g, '$1<s>$2</s>');
}

/**
 * Slack's mrkdwn as HTML: links `<url|text>`, mentions `<@U…>` (by name when
 * `people` knows them), channels `<#C…|name>`, emphasis, code, ```blocks```,
 * `>` quotes, emoji shortcodes, line breaks. Everything else is escaped.
 */
export function mrkdwn(text, ctx = {}) {
  const names = new Map((ctx.people ?? []).map((p) => [p.user, p.name]));
  const parts = [];
  let last = 0;
  const source = String(text ?? '');
  for (const match of source.matchAll(/<([^<>|]+)(?:\|([^<>]*))?>/g)) {
    parts.push(inline(escapeHtml(source.slice(last, match.index))));
    const [, target, label] = match;
    if (target.startsWith('@')) parts.push(`<span class="pg-mention">@${escapeHtml(names.get(target.slice(1)) ?? label ?? target.slice(1))}</span>`);
    else if (target.startsWith('#')) parts.push(`<span class="pg-mention">#${escapeHtml(label ?? target.slice(1))}</span>`);
    else if (target.startsWith('!')) parts.push(`<span class="pg-mention">${escapeHtml(label ?? target.slice(1))}</span>`);
    else if (/^(https?:|mailto:)/.test(target)) parts.push(`<a href="${escapeHtml(target)}" target="_blank" rel="noopener">${escapeHtml(label ?? target)}</a>`);
    else parts.push(escapeHtml(match[0]));
    last = match.index + match[0].length;
  }
  parts.push(inline(escapeHtml(source.slice(last))));
  let html = parts.join('');
  html = html.replace(/```([\s\S]*?)```/g, (_, code) => `<pre>${code}</pre>`);
  html = html
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') || line === '&gt;' ? `<blockquote>${line.replace(/^&gt; ?/, '')}</blockquote>` : line))
    .join('\n')
    .replace(/<\/blockquote>\n<blockquote>/g, '<br>')
    .replace(/\n/g, '<br>');
  return emoji(html);
}

/** A text object (plain_text or mrkdwn). */
export function text(object, ctx = {}) {
  if (!object) return '';
  if (typeof object === 'string') return escapeHtml(object);
  return object.type === 'mrkdwn' ? mrkdwn(object.text, ctx) : emoji(escapeHtml(object.text)).replace(/\n/g, '<br>');
}

const plainOf = (object) => (object && typeof object === 'object' ? object.text ?? '' : String(object ?? ''));

function optionsOf(element) {
  if (Array.isArray(element.options)) return element.options;
  if (Array.isArray(element.option_groups)) return element.option_groups.flatMap((g) => g.options ?? []);
  return [];
}

/** An element's action as block_actions carries it (without the state a select adds on change). */
function actionData(element, blockId) {
  return { type: element.type, action_id: element.action_id ?? '', block_id: blockId ?? '', ...(element.value !== undefined ? { value: element.value } : {}) };
}

function button(element, blockId) {
  const style = element.style === 'primary' || element.style === 'danger' ? ` pg-${element.style}` : '';
  if (element.url) return `<a class="pg-button${style}" href="${escapeHtml(element.url)}" target="_blank" rel="noopener">${text(element.text)}</a>`;
  const confirm = element.confirm ? ` data-confirm="${attr(plainOf(element.confirm.text))}"` : '';
  return `<button type="button" class="pg-button${style}" data-action="${attr(actionData(element, blockId))}"${confirm}>${text(element.text)}</button>`;
}

function selectOptions(options, selected, ctx) {
  const chosen = new Set(selected);
  return [`<option value="">${escapeHtml(ctx.texts?.choose ?? '…')}</option>`]
    .concat(options.map((o) => `<option value="${escapeHtml(o.value)}"${chosen.has(o.value) ? ' selected' : ''}>${escapeHtml(plainOf(o.text))}</option>`))
    .join('');
}

/** The control of one element (inputs, selects, buttons …). `live`: a change sends block_actions. */
export function element(el, blockId, ctx = {}, live = false) {
  const data = live ? ` data-action="${attr(actionData(el, blockId))}"` : '';
  const placeholder = el.placeholder ? ` placeholder="${attr(plainOf(el.placeholder))}"` : '';
  const name = `${blockId ?? ''}.${el.action_id ?? ''}`;
  switch (el.type) {
    case 'button':
      return button(el, blockId);
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'rich_text_input': {
      const max = el.max_length ? ` maxlength="${Number(el.max_length)}"` : '';
      if (el.multiline || el.type === 'rich_text_input') return `<textarea name="${attr(name)}" rows="3"${max}${placeholder}${data}>${escapeHtml(el.initial_value ?? '')}</textarea>`;
      const type = el.type === 'email_text_input' ? 'email' : el.type === 'url_text_input' ? 'url' : 'text';
      return `<input type="${type}" name="${attr(name)}" value="${attr(el.initial_value ?? '')}"${max}${placeholder}${data}>`;
    }
    case 'number_input': {
      const step = el.is_decimal_allowed ? 'any' : '1';
      const bounds = `${el.min_value !== undefined ? ` min="${attr(el.min_value)}"` : ''}${el.max_value !== undefined ? ` max="${attr(el.max_value)}"` : ''}`;
      return `<input type="number" step="${step}"${bounds} name="${attr(name)}" value="${attr(el.initial_value ?? '')}"${placeholder}${data}>`;
    }
    case 'datepicker':
      return `<input type="date" name="${attr(name)}" value="${attr(el.initial_date ?? '')}"${data}>`;
    case 'timepicker':
      return `<input type="time" name="${attr(name)}" value="${attr(el.initial_time ?? '')}"${data}>`;
    case 'datetimepicker': {
      const initial = el.initial_date_time ? new Date(el.initial_date_time * 1000).toISOString().slice(0, 16) : '';
      return `<input type="datetime-local" name="${attr(name)}" value="${attr(initial)}"${data}>`;
    }
    case 'static_select':
    case 'external_select':
      return `<select name="${attr(name)}"${data}>${selectOptions(optionsOf(el), el.initial_option ? [el.initial_option.value] : [], ctx)}</select>`;
    case 'multi_static_select':
      return `<select multiple name="${attr(name)}"${data}>${selectOptions(optionsOf(el), (el.initial_options ?? []).map((o) => o.value), ctx)}</select>`;
    case 'users_select':
    case 'multi_users_select': {
      const people = (ctx.people ?? []).map((p) => ({ value: p.user, text: { type: 'plain_text', text: p.name } }));
      const initial = el.type === 'users_select' ? (el.initial_user ? [el.initial_user] : []) : el.initial_users ?? [];
      return `<select${el.type === 'multi_users_select' ? ' multiple' : ''} name="${attr(name)}"${data}>${selectOptions(people, initial, ctx)}</select>`;
    }
    case 'conversations_select':
    case 'channels_select': {
      const channels = (ctx.conversations ?? []).map((c) => ({ value: c.id, text: { type: 'plain_text', text: c.name } }));
      const initial = el.initial_conversation ?? el.initial_channel;
      return `<select name="${attr(name)}"${data}>${selectOptions(channels, initial ? [initial] : [], ctx)}</select>`;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const kind = el.type === 'radio_buttons' ? 'radio' : 'checkbox';
      const chosen = new Set(el.type === 'radio_buttons' ? (el.initial_option ? [el.initial_option.value] : []) : (el.initial_options ?? []).map((o) => o.value));
      return `<div class="pg-choices"${data}>${optionsOf(el)
        .map((o) => `<label><input type="${kind}" name="${attr(name)}" value="${attr(o.value)}"${chosen.has(o.value) ? ' checked' : ''}> ${text(o.text, ctx)}${o.description ? `<small>${text(o.description, ctx)}</small>` : ''}</label>`)
        .join('')}</div>`;
    }
    case 'file_input':
      return `<div class="pg-note">${escapeHtml(ctx.texts?.no_files ?? 'File uploads are not available here.')}</div>`;
    case 'image':
      return `<img class="pg-thumb" src="${attr(el.image_url ?? '')}" alt="${attr(el.alt_text ?? '')}">`;
    case 'overflow':
      return `<select name="${attr(name)}" data-action="${attr(actionData(el, blockId))}">${selectOptions(optionsOf(el), [], ctx)}</select>`;
    default:
      return `<span class="pg-unknown">[${escapeHtml(el.type)}]</span>`;
  }
}

/** One input-block element wrapped for `collectState`. */
function inputControl(el, blockId, ctx) {
  return `<div class="pg-input" data-block-id="${attr(blockId ?? '')}" data-action-id="${attr(el.action_id ?? '')}" data-type="${attr(el.type)}">${element(el, blockId, ctx, Boolean(el.dispatch_action))}</div>`;
}

export function block(b, ctx = {}) {
  const id = b.block_id;
  switch (b.type) {
    case 'header':
      return `<div class="pg-block pg-header">${text(b.text, ctx)}</div>`;
    case 'divider':
      return '<hr class="pg-block pg-divider">';
    case 'section': {
      const fields = Array.isArray(b.fields) ? `<div class="pg-fields">${b.fields.map((f) => `<div>${text(f, ctx)}</div>`).join('')}</div>` : '';
      const accessory = b.accessory ? `<div class="pg-accessory">${element(b.accessory, id, ctx, b.accessory.type !== 'button' && b.accessory.type !== 'image')}</div>` : '';
      return `<div class="pg-block pg-section"><div class="pg-section-body">${b.text ? `<div>${text(b.text, ctx)}</div>` : ''}${fields}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="pg-block pg-context">${(b.elements ?? []).map((e) => (e.type === 'image' ? element(e, id, ctx) : `<span>${text(e, ctx)}</span>`)).join(' ')}</div>`;
    case 'actions':
      return `<div class="pg-block pg-actions">${(b.elements ?? []).map((e) => element(e, id, ctx, e.type !== 'button')).join('')}</div>`;
    case 'input': {
      const error = ctx.errors?.[id];
      const optional = b.optional ? ` <span class="pg-optional">${escapeHtml(ctx.texts?.optional ?? '(optional)')}</span>` : '';
      return `<div class="pg-block pg-field${error ? ' pg-has-error' : ''}" data-block-id="${attr(id ?? '')}"><label class="pg-label">${text(b.label, ctx)}${optional}</label>${inputControl(b.element, id, ctx)}${b.hint ? `<div class="pg-hint">${text(b.hint, ctx)}</div>` : ''}${error ? `<div class="pg-error" role="alert">${escapeHtml(error)}</div>` : ''}</div>`;
    }
    case 'image':
      return `<div class="pg-block pg-image">${b.title ? `<div>${text(b.title, ctx)}</div>` : ''}<img src="${attr(b.image_url ?? '')}" alt="${attr(b.alt_text ?? '')}"></div>`;
    case 'rich_text':
      return `<div class="pg-block">${escapeHtml(JSON.stringify(b.elements ?? []))}</div>`;
    default:
      return `<div class="pg-block pg-unknown">[${escapeHtml(b.type)}]</div>`;
  }
}

/** Blocks as HTML; a message without blocks shows its text as mrkdwn. */
export function renderBlocks(blocks, ctx = {}, fallbackText = '') {
  if (!Array.isArray(blocks) || blocks.length === 0) return `<div class="pg-block pg-section">${mrkdwn(fallbackText, ctx)}</div>`;
  return blocks.map((b) => block(b, ctx)).join('');
}

/** A modal: title, blocks (with field errors), Cancel and Submit. */
export function renderModal(view, ctx = {}) {
  const errors = view.errors ?? {};
  const submit = view.submit ? `<button type="submit" class="pg-button pg-primary">${text(view.submit)}</button>` : '';
  return `<form class="pg-modal" data-view-id="${attr(view.id)}"><div class="pg-modal-title">${text(view.title)}</div><div class="pg-modal-body">${renderBlocks(view.blocks, { ...ctx, errors })}</div><div class="pg-modal-footer"><button type="button" class="pg-button pg-cancel">${view.close ? text(view.close) : escapeHtml(ctx.texts?.cancel ?? 'Cancel')}</button>${submit}</div></form>`;
}

/** Slack's `view.state.values` from the `.pg-input` controls under `root` (browser only). */
export function collectState(root) {
  const values = {};
  for (const wrapper of root.querySelectorAll('.pg-input')) {
    const blockId = wrapper.dataset.blockId;
    const actionId = wrapper.dataset.actionId;
    const type = wrapper.dataset.type;
    const control = wrapper.querySelector('input, textarea, select');
    const option = (value) => (value ? { value, text: { type: 'plain_text', text: value } } : null);
    const checked = [...wrapper.querySelectorAll('input:checked')].map((i) => i.value);
    const selected = control && control.tagName === 'SELECT' ? [...control.selectedOptions].map((o) => o.value).filter(Boolean) : [];
    let state;
    switch (type) {
      case 'datepicker': state = { selected_date: control.value || null }; break;
      case 'timepicker': state = { selected_time: control.value || null }; break;
      case 'static_select': case 'external_select': state = { selected_option: option(control.value) }; break;
      case 'multi_static_select': state = { selected_options: selected.map(option) }; break;
      case 'users_select': state = { selected_user: control.value || null }; break;
      case 'multi_users_select': state = { selected_users: selected }; break;
      case 'conversations_select': state = { selected_conversation: control.value || null }; break;
      case 'channels_select': state = { selected_channel: control.value || null }; break;
      case 'radio_buttons': state = { selected_option: option(checked[0]) }; break;
      case 'checkboxes': state = { selected_options: checked.map(option) }; break;
      case 'file_input': state = { files: [] }; break;
      default: state = { value: control && control.value !== '' ? control.value : null };
    }
    values[blockId] = { ...(values[blockId] ?? {}), [actionId]: { type, ...state } };
  }
  return values;
}
