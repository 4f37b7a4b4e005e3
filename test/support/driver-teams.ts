/**
 * The channel driver (driver.ts) on Teams: messages and Action.Execute
 * invokes posted to /api/messages through the Teams harness (signed as the Bot
 * Framework signs them), read back from the fake Bot Connector: a person's
 * messages are the activities sent or replied to their personal chat, as they
 * read now (updates applied); what the clicker sees is the invoke's answer.
 */
import type { DbKind } from './databases.ts';
import { endsWithName, identityOf, plainText, type Answer, type ChannelDriver, until } from './driver.ts';
import { personalConversationId as dm, type FakeTeamsCall } from './fake-teams.ts';
import { startTeamsHarness, type InvokeResponseBody } from './teams-harness.ts';

type Card = { body?: unknown[]; actions?: unknown[] };
type Execute = { verb: string; data?: Record<string, unknown> };

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const cardIn = (activity: Record<string, unknown> | undefined): Card | undefined =>
  (activity?.attachments as Array<{ contentType: string; content: Card }> | undefined)?.find((a) => a.contentType === ADAPTIVE)?.content;

/** Every element of a card with a `type` (body, containers, columns, action sets, actions). */
function elements(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string') out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
const inputsOf = (card: unknown) => elements(card).filter((e) => String(e.type).startsWith('Input.') && typeof e.id === 'string');
const executesOf = (card: unknown) => elements(card).filter((e) => e.type === 'Action.Execute') as unknown as Execute[];
const isForm = (card: unknown) => inputsOf(card).length > 0 && executesOf(card).length > 0;
/** The inputs' current values, as Teams merges them into the action's data. */
const inputValues = (card: unknown) => Object.fromEntries(inputsOf(card).map((e) => [String(e.id), e.value === undefined ? '' : String(e.value)]));

export async function startTeamsDriver(kind: DbKind, options: { clock: string; orgFile: string }): Promise<ChannelDriver> {
  const h = await startTeamsHarness(kind, options);
  const forms = new Map<string, Card>();
  const aad = (who: string) => identityOf(h.db, 'teams', who);

  /** What reached a personal chat (sent or replied), as it reads now. */
  const activitiesOf = (conversation: string): Array<{ id: string; activity: Record<string, unknown> }> =>
    h.fake
      .calls()
      .filter((c: FakeTeamsCall) => (c.operation === 'send' || c.operation === 'reply') && c.status < 300 && c.conversationId === conversation)
      .map((c) => {
        const id = String(c.response.id);
        return { id, activity: h.fake.activity(conversation, id) ?? c.body };
      });
  const read = (a: Record<string, unknown>) => plainText({ text: a.text, card: cardIn(a) });
  const answerOf = (who: string, body: InvokeResponseBody): Answer => {
    if (body.type !== ADAPTIVE) return { text: String(body.value), form: false };
    const card = body.value as Card;
    if (isForm(card)) forms.set(who, card);
    return { text: plainText(card), form: isForm(card) };
  };

  return {
    platform: 'teams',
    app: h.app,
    db: h.db,
    async command(who, text) {
      const conversation = dm(await aad(who));
      const before = h.fake.calls('reply').filter((c) => c.conversationId === conversation).length;
      await h.say(await aad(who), text);
      const reply = await until(() => h.fake.calls('reply').filter((c) => c.conversationId === conversation)[before], `the answer to "${text}"`);
      const card = cardIn(reply.body);
      if (card && isForm(card)) forms.set(who, card);
      return { text: read(reply.body), form: card !== undefined && isForm(card) };
    },
    async openForm(who) {
      const card = forms.get(who);
      if (!card) throw new Error(`no form open for ${who}`);
      return inputValues(card);
    },
    async submit(who, values) {
      const card = forms.get(who);
      if (!card) throw new Error(`no form open for ${who}`);
      const action = executesOf(card)[0]!;
      const inputs = inputValues(card);
      for (const id of Object.keys(inputs)) {
        const given = Object.entries(values).find(([name]) => endsWithName(id, name));
        if (given) inputs[id] = given[1] === 'true' ? 'yes' : given[1] === 'false' ? 'no' : given[1];
      }
      const answer = await h.invoke(await aad(who), action.verb, { ...action.data, ...inputs });
      return answerOf(who, answer.body);
    },
    async click(who, action, owner = who) {
      const conversation = dm(await aad(owner));
      const found = [...activitiesOf(conversation)].reverse().find((a) => executesOf(cardIn(a.activity)).some((e) => endsWithName(e.verb, action)));
      if (!found) throw new Error(`no message of ${owner} has a button "${action}"`);
      const card = cardIn(found.activity)!;
      const execute = executesOf(card).find((e) => endsWithName(e.verb, action))!;
      const answer = await h.invoke(await aad(who), execute.verb, { ...inputValues(card), ...execute.data }, found.id);
      return answerOf(who, answer.body);
    },
    async inbox(who) {
      return activitiesOf(dm(await aad(who))).map((a) => read(a.activity));
    },
    async waitFor(who, text, timeoutMs) {
      const conversation = dm(await aad(who));
      return until(() => activitiesOf(conversation).map((a) => read(a.activity)).find((m) => m.includes(text)), `a message to ${who} with "${text}"`, timeoutMs);
    },
    close: () => h.close(),
  };
}
