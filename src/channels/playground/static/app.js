/**
 * The playground page (docs/playground.md): reads /playground/api/state,
 * renders it with render.js, sends commands, clicks and submissions to the
 * playground's API, and reloads on each server-sent event.
 */
import { collectState, escapeHtml, renderBlocks, renderModal } from './render.js';

const $ = (id) => document.getElementById(id);
const view = { person: localStorage.getItem('pg.person') ?? '', conversation: localStorage.getItem('pg.conversation') ?? '' };
let state = null;
let shownModal = '';
let loading = null;
let again = false;

async function api(path, body) {
  const res = await fetch(`/playground/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error ?? res.statusText);
  return answer;
}

function ctx() {
  return { people: state.people, conversations: state.conversations, texts: state.texts };
}

function renderStatic(s) {
  const tx = s.texts;
  document.documentElement.lang = s.locale;
  document.title = tx.title;
  $('title').textContent = tx.title;
  $('subtitle').textContent = tx.subtitle;
  $('person-label').textContent = tx.person;
  $('locale-label').textContent = tx.locale;
  $('conversations-label').textContent = tx.conversations;
  $('clock-label').textContent = tx.clock;
  $('set-clock').textContent = tx.set_clock;
  $('jobs-label').textContent = tx.jobs;
  $('job-at-label').textContent = tx.job_at;
  $('run-job').textContent = tx.run_job;
  $('send').textContent = tx.send;
  $('command').placeholder = tx.command_placeholder;
  $('hint').textContent = tx.commands_hint;
  $('home-label').textContent = tx.home;
  const dashboard = $('dashboard');
  dashboard.hidden = !s.dashboard;
  if (s.dashboard) {
    dashboard.href = `${s.dashboard}?lang=${encodeURIComponent(s.locale)}`;
    dashboard.textContent = tx.dashboard;
  }
  $('person').innerHTML = s.people.map((p) => `<option value="${escapeHtml(p.user)}"${p.user === s.person ? ' selected' : ''}>${escapeHtml(p.name)} · ${escapeHtml(p.roleName)} · ${escapeHtml(p.team)}</option>`).join('');
  $('locale').value = s.locale;
  if (document.activeElement !== $('clock')) $('clock').value = s.clock.local;
  $('weekday').textContent = `${s.clock.weekday} (${s.clock.zone})`;
  const chosenJob = $('job').value;
  $('job').innerHTML = s.jobs.map((j) => `<option value="${escapeHtml(j.name)}" data-next="${escapeHtml(j.next ?? '')}">${escapeHtml(j.description)} (${escapeHtml(j.name)})</option>`).join('');
  if (chosenJob) $('job').value = chosenJob;
  if (!$('job-at').value) $('job-at').value = s.jobs.find((j) => j.name === $('job').value)?.next ?? s.clock.local;
}

function renderConversation(s) {
  const tx = s.texts;
  $('conversations').innerHTML = s.conversations
    .map((c) => `<li><button type="button" data-conversation="${escapeHtml(c.id)}" aria-current="${c.id === s.conversation}">${escapeHtml(c.name)}${c.count ? ` <small>${c.count}</small>` : ''}</button></li>`)
    .join('');
  const current = s.conversations.find((c) => c.id === s.conversation);
  $('conversation-title').textContent = current?.name ?? '';
  const c = ctx();
  $('messages').innerHTML = s.messages.length === 0
    ? `<div class="pg-note">${escapeHtml(tx.no_messages)}</div>`
    : s.messages.map((m) => {
        const files = (m.files ?? []).map((f) => `<div class="pg-files"><img src="${escapeHtml(f.url)}" alt="${escapeHtml(f.title)}"></div>`).join('');
        return `<article class="pg-message" data-ts="${escapeHtml(m.ts)}"><div class="pg-sender">班长 banzhang${m.edited ? ` <small>${escapeHtml(tx.edited)}</small>` : ''}</div>${m.blocks || !files ? renderBlocks(m.blocks, c, m.text) : ''}${files}</article>`;
      }).join('');
  $('ephemerals').innerHTML = s.ephemerals
    .map((e) => `<article class="pg-ephemeral" data-ts="${escapeHtml(e.ts)}"><div class="pg-only">${escapeHtml(tx.only_you)}</div>${renderBlocks(e.blocks, c, e.text)}</article>`)
    .join('');
  $('home').hidden = !s.home;
  if (s.home) $('home-body').innerHTML = renderBlocks(s.home.blocks, c);
}

/** Puts values collected by collectState back (a re-render keeps what the user typed). */
function restoreState(root, values) {
  for (const wrapper of root.querySelectorAll('.pg-input')) {
    const v = values[wrapper.dataset.blockId]?.[wrapper.dataset.actionId];
    if (!v) continue;
    const control = wrapper.querySelector('input, textarea, select');
    const single = v.value ?? v.selected_date ?? v.selected_time ?? v.selected_user ?? v.selected_conversation ?? v.selected_channel ?? v.selected_option?.value;
    if (wrapper.dataset.type === 'checkboxes' || wrapper.dataset.type === 'radio_buttons') {
      const chosen = new Set(v.selected_options ? v.selected_options.map((o) => o.value) : [v.selected_option?.value]);
      for (const input of wrapper.querySelectorAll('input')) input.checked = chosen.has(input.value);
    } else if (control && single !== undefined) control.value = single ?? '';
  }
}

function renderModalLayer(s) {
  const overlay = $('overlay');
  if (!s.modal) {
    overlay.hidden = true;
    overlay.innerHTML = '';
    shownModal = '';
    return;
  }
  const key = JSON.stringify([s.modal.id, s.modal.hash, s.modal.errors, s.locale]);
  if (key === shownModal) return;
  const old = overlay.querySelector('form');
  const kept = old && old.dataset.viewId === s.modal.id ? collectState(old) : null;
  overlay.innerHTML = renderModal(s.modal, ctx());
  if (kept) restoreState(overlay, kept);
  overlay.hidden = false;
  shownModal = key;
}

async function load() {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      const params = new URLSearchParams({ user: view.person, conversation: view.conversation });
      const res = await fetch(`/playground/api/state?${params}`);
      if (!res.ok) throw new Error(await res.text());
      state = await res.json();
      view.person = state.person;
      view.conversation = state.conversation;
      renderStatic(state);
      renderConversation(state);
      renderModalLayer(state);
      $('status').textContent = '';
      document.body.dataset.ready = 'true';
    } catch (error) {
      $('status').textContent = state ? String(error.message ?? error) : '…';
      setTimeout(load, 1000);
    }
  })();
  await loading;
  loading = null;
  if (again) {
    again = false;
    await load();
  }
}

async function act(body) {
  try {
    await api('action', { user: view.person, ...body });
  } catch (error) {
    $('status').textContent = String(error.message ?? error);
  }
}

function selectionOf(control) {
  const action = JSON.parse(control.dataset.action);
  if (control.tagName === 'SELECT') {
    const value = control.value;
    if (action.type === 'users_select') return { ...action, selected_user: value };
    if (action.type === 'datepicker') return { ...action, selected_date: value };
    return { ...action, selected_option: { value, text: { type: 'plain_text', text: control.selectedOptions[0]?.textContent ?? value } } };
  }
  if (action.type === 'datepicker') return { ...action, selected_date: control.value };
  if (action.type === 'timepicker') return { ...action, selected_time: control.value };
  return { ...action, value: control.value };
}

document.addEventListener('click', (event) => {
  const target = event.target.closest('button');
  if (!target) return;
  if (target.dataset.conversation) {
    view.conversation = target.dataset.conversation;
    localStorage.setItem('pg.conversation', view.conversation);
    return void load();
  }
  if (target.classList.contains('pg-cancel')) {
    const form = target.closest('form');
    return void api('close', { user: view.person, viewId: form.dataset.viewId }).then(load);
  }
  if (!target.dataset.action) return;
  if (target.dataset.confirm && !window.confirm(target.dataset.confirm)) return;
  const action = JSON.parse(target.dataset.action);
  const form = target.closest('form.pg-modal');
  if (form) return void act({ viewId: form.dataset.viewId, values: collectState(form), action });
  const message = target.closest('[data-ts]');
  return void act({ conversation: view.conversation, ts: message?.dataset.ts, action });
});

document.addEventListener('change', (event) => {
  const control = event.target.closest('[data-action]');
  if (!control || !['SELECT', 'INPUT', 'TEXTAREA'].includes(control.tagName)) return;
  const form = control.closest('form.pg-modal');
  const action = selectionOf(control);
  if (form) return void act({ viewId: form.dataset.viewId, values: collectState(form), action });
  const message = control.closest('[data-ts]');
  return void act({ conversation: view.conversation, ts: message?.dataset.ts, action });
});

document.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    if (form.classList.contains('pg-modal')) {
      await api('submit', { user: view.person, viewId: form.dataset.viewId, values: collectState(form) });
    } else if (form.id === 'command-form') {
      const line = $('command').value.trim();
      if (!line) return;
      await api('command', { user: view.person, conversation: view.conversation, text: line });
      $('command').value = '';
    } else if (form.id === 'clock-form') {
      await api('clock', { local: $('clock').value });
    } else if (form.id === 'job-form') {
      const answer = await api('job', { name: $('job').value, at: $('job-at').value, locale: state?.locale });
      $('job-result').textContent = answer.line;
    }
  } catch (error) {
    $('status').textContent = String(error.message ?? error);
  }
  await load();
});

$('person').addEventListener('change', () => {
  view.person = $('person').value;
  view.conversation = '';
  localStorage.setItem('pg.person', view.person);
  localStorage.removeItem('pg.conversation');
  shownModal = '';
  load();
});
$('locale').addEventListener('change', () => api('locale', { user: view.person, locale: $('locale').value }).then(() => {
  shownModal = '';
  return load();
}));
$('job').addEventListener('change', () => {
  $('job-at').value = $('job').selectedOptions[0]?.dataset.next || state?.clock.local || '';
});

new EventSource('/playground/api/events').onmessage = () => load();
load();
