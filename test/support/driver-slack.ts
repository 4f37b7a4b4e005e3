/**
 * The channel driver (driver.ts) on Slack: slash commands, modals and buttons
 * through the Slack harness (signed requests to banzhang's real server), read
 * back from the fake Slack Web API: a DM is a chat.postMessage to `D<user>`
 * with its chat.update calls applied; what only the clicker sees is their
 * ephemeral message.
 */
import type { DbKind } from './databases.ts';
import { endsWithName, identityOf, plainText, until, type Answer, type ChannelDriver } from './driver.ts';
import type { FakeSlackCall } from './fake-slack.ts';
import { startSlackHarness } from './slack-harness.ts';

type Element = { type: string; initial_option?: { value: string }; initial_date?: string; initial_time?: string; initial_value?: string; initial_options?: Array<{ value: string }> };
type View = { callback_id: string; private_metadata?: string; title?: { text: string }; blocks: Array<{ type: string; block_id?: string; element?: Element }> };
type Button = { action_id: string; value?: string };

/** A modal input's value as Slack posts it in view.state.values, by element type. */
function stateValue(element: Element, value: string): Record<string, unknown> {
  const v = value === '' ? null : value;
  switch (element.type) {
    case 'static_select':
    case 'radio_buttons':
      return { type: element.type, selected_option: v === null ? null : { value: v } };
    case 'datepicker':
      return { type: element.type, selected_date: v };
    case 'timepicker':
      return { type: element.type, selected_time: v };
    case 'checkboxes':
      return { type: element.type, selected_options: v === null || v === 'no' || v === 'false' ? [] : [{ value: v === 'true' ? 'yes' : v }] };
    case 'users_select':
      return { type: element.type, selected_user: v };
    case 'file_input':
      return { type: element.type, files: [] };
    default:
      return { type: element.type, value: v };
  }
}

/** The value a modal input starts with. */
function initialOf(element: Element): string {
  return element.initial_option?.value ?? element.initial_date ?? element.initial_time ?? element.initial_value ?? element.initial_options?.[0]?.value ?? '';
}

/** Every button of a message's blocks (section accessories and actions blocks). */
function buttonsOf(blocks: unknown): Button[] {
  const out: Button[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'button' && typeof o.action_id === 'string') out.push({ action_id: o.action_id, ...(typeof o.value === 'string' ? { value: o.value } : {}) });
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

export async function startSlackDriver(kind: DbKind, options: { clock: string; orgFile: string }): Promise<ChannelDriver> {
  const h = await startSlackHarness(kind, options);
  const forms = new Map<string, View>();
  const user = (who: string) => identityOf(h.db, 'slack', who);

  /** The DMs of a Slack user as they read now: each chat.postMessage to `D<user>` with its last chat.update. */
  const messagesOf = (slackUser: string): Array<{ ts: string; body: Record<string, unknown> }> => {
    const channel = `D${slackUser}`;
    const updates = h.fake.calls('chat.update').filter((c) => c.ok && c.body.channel === channel);
    return h.fake
      .calls('chat.postMessage')
      .filter((c) => c.ok && c.body.channel === channel)
      .map((c) => {
        const ts = String(c.response.ts);
        return { ts, body: updates.filter((u) => u.body.ts === ts).at(-1)?.body ?? c.body };
      });
  };
  const read = (m: { body: Record<string, unknown> }) => plainText({ text: m.body.text, blocks: m.body.blocks });
  const opened = (since: number): View | undefined => (h.fake.calls('views.open').slice(since).at(-1)?.body.view as View | undefined);

  const driver: ChannelDriver = {
    platform: 'slack',
    app: h.app,
    db: h.db,
    async command(who, text) {
      const [word = 'help', ...rest] = text.trim().split(/\s+/);
      const before = h.fake.calls('views.open').length;
      const answer = await (await h.command(await user(who), `/${word}`, rest.join(' '))).text();
      const view = opened(before);
      if (view) forms.set(who, view);
      return { text: view ? plainText(view) : answer, form: view !== undefined };
    },
    async openForm(who) {
      const view = forms.get(who);
      if (!view) throw new Error(`no form open for ${who}`);
      return Object.fromEntries(view.blocks.filter((b) => b.type === 'input' && b.block_id && b.element).map((b) => [b.block_id!, initialOf(b.element!)]));
    },
    async submit(who, values) {
      const view = forms.get(who);
      if (!view) throw new Error(`no form open for ${who}`);
      const state: Record<string, Record<string, unknown>> = {};
      for (const b of view.blocks) {
        if (b.type !== 'input' || !b.block_id || !b.element) continue;
        const given = Object.entries(values).find(([name]) => endsWithName(b.block_id!, name));
        state[b.block_id] = { value: stateValue(b.element, given ? given[1] : initialOf(b.element)) };
      }
      const res = await h.submitView(await user(who), view.callback_id, state, view.private_metadata ? { private_metadata: view.private_metadata } : {});
      const body = await res.text();
      if (body === '') return { text: '', form: false };
      const errors = (JSON.parse(body) as { errors?: Record<string, string> }).errors ?? {};
      return { text: Object.values(errors).join('\n'), form: true };
    },
    async click(who, action, owner = who) {
      const clicker = await user(who);
      const card = [...messagesOf(await user(owner))].reverse().find((m) => buttonsOf(m.body.blocks).some((b) => endsWithName(b.action_id, action)));
      if (!card) throw new Error(`no message of ${owner} has a button "${action}"`);
      const button = buttonsOf(card.body.blocks).find((b) => endsWithName(b.action_id, action))!;
      const seen = (c: FakeSlackCall) => c.body.user === clicker;
      const ephemeralsBefore = h.fake.calls('chat.postEphemeral').filter(seen).length;
      const modalsBefore = h.fake.calls('views.open').length;
      const updatesBefore = h.fake.calls('chat.update').length;
      await h.click(clicker, button.action_id, button.value ?? '');
      const ephemeral = h.fake.calls('chat.postEphemeral').filter(seen).slice(ephemeralsBefore).at(-1);
      if (ephemeral) return { text: String(ephemeral.body.text), form: false };
      const view = opened(modalsBefore);
      if (view) {
        forms.set(who, view);
        return { text: plainText(view), form: true };
      }
      // The clicked card, once the outbox has updated it (what the clicker sees replaced).
      const channel = `D${await user(owner)}`;
      const update = await until(() => h.fake.calls('chat.update').slice(updatesBefore).find((c) => c.ok && c.body.channel === channel && c.body.ts === card.ts), `the update of ${owner}'s card`).catch(() => undefined);
      return { text: update ? plainText({ text: update.body.text, blocks: update.body.blocks }) : '', form: false };
    },
    async inbox(who) {
      return messagesOf(await user(who)).map(read);
    },
    async waitFor(who, text, timeoutMs) {
      const slackUser = await user(who);
      return until(() => messagesOf(slackUser).map(read).find((m) => m.includes(text)), `a DM of ${who} with "${text}"`, timeoutMs);
    },
    close: () => h.close(),
  };
  return driver;
}
