/**
 * Checks an Adaptive Card against the rules banzhang's cards live by (the
 * subset of the Adaptive Card 1.5 schema they use, which Teams renders):
 * `type: AdaptiveCard`, a version Teams supports (1.0–1.5; Action.Execute
 * needs 1.4+), only the allowed element and action types, inputs with ids,
 * ids unique in the card, choices and facts with text. Returns the problems
 * (empty: valid). Pure; the card tests run every builder through it.
 */
export const ALLOWED_ELEMENTS = new Set([
  'TextBlock',
  'FactSet',
  'Input.Text',
  'Input.Date',
  'Input.Time',
  'Input.ChoiceSet',
  'Input.Toggle',
  'ActionSet',
  'Container',
  'ColumnSet',
  'Image',
]);
export const ALLOWED_ACTIONS = new Set(['Action.Submit', 'Action.Execute']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function validateCard(card: unknown): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  if (!isObject(card)) return ['the card is not an object'];
  if (card.type !== 'AdaptiveCard') problems.push(`type must be AdaptiveCard (got ${JSON.stringify(card.type)})`);
  const version = typeof card.version === 'string' ? /^1\.(\d)$/.exec(card.version) : null;
  const minor = version ? Number(version[1]) : -1;
  if (!version || minor > 5) problems.push(`version must be 1.0 to 1.5, which Teams renders (got ${JSON.stringify(card.version)})`);
  if (!Array.isArray(card.body)) problems.push('body must be an array');

  const claimId = (id: unknown, where: string) => {
    if (id === undefined) return;
    if (!isText(id)) return problems.push(`${where}: id must be a non-empty string`);
    const first = ids.get(id);
    if (first) problems.push(`${where}: id ${JSON.stringify(id)} is already used at ${first}`);
    else ids.set(id, where);
  };

  const action = (a: unknown, where: string) => {
    if (!isObject(a)) return problems.push(`${where}: not an object`);
    if (!ALLOWED_ACTIONS.has(String(a.type))) return problems.push(`${where}: action type ${JSON.stringify(a.type)} is not allowed`);
    claimId(a.id, where);
    if (!isText(a.title)) problems.push(`${where}: ${String(a.type)} needs a title`);
    if (a.type === 'Action.Execute') {
      if (!isText(a.verb)) problems.push(`${where}: Action.Execute needs a verb`);
      if (minor < 4) problems.push(`${where}: Action.Execute needs version 1.4 or later`);
    }
    if (a.data !== undefined && !isObject(a.data)) problems.push(`${where}: data must be an object`);
  };

  const element = (e: unknown, where: string) => {
    if (!isObject(e)) return problems.push(`${where}: not an object`);
    const type = String(e.type);
    if (!ALLOWED_ELEMENTS.has(type)) return problems.push(`${where}: element type ${JSON.stringify(e.type)} is not allowed`);
    const at = `${where} (${type})`;
    if (type.startsWith('Input.')) {
      if (!isText(e.id)) problems.push(`${at}: an input needs an id`);
    }
    claimId(e.id, at);
    switch (type) {
      case 'TextBlock':
        if (!isText(e.text)) problems.push(`${at}: text must be a non-empty string`);
        break;
      case 'FactSet':
        if (!Array.isArray(e.facts) || e.facts.length === 0) problems.push(`${at}: facts must be a non-empty array`);
        else e.facts.forEach((f, i) => { if (!isObject(f) || typeof f.title !== 'string' || !isText(f.value)) problems.push(`${at}.facts[${i}]: needs a title and a value`); });
        break;
      case 'Input.ChoiceSet':
        if (!Array.isArray(e.choices) || e.choices.length === 0) problems.push(`${at}: choices must be a non-empty array`);
        else e.choices.forEach((c, i) => { if (!isObject(c) || !isText(c.title) || !isText(c.value)) problems.push(`${at}.choices[${i}]: needs a title and a value`); });
        break;
      case 'Image':
        if (typeof e.url !== 'string' || !/^(https:\/\/|data:image\/(png|jpeg);base64,)/.test(e.url)) problems.push(`${at}: url must be https or a PNG/JPEG data URI`);
        if (!isText(e.altText)) problems.push(`${at}: an image needs altText`);
        break;
      case 'Input.Toggle':
        if (!isText(e.title)) problems.push(`${at}: a toggle needs a title`);
        break;
      case 'ActionSet':
        if (!Array.isArray(e.actions) || e.actions.length === 0) problems.push(`${at}: actions must be a non-empty array`);
        else e.actions.forEach((a, i) => action(a, `${at}.actions[${i}]`));
        break;
      case 'Container':
        if (!Array.isArray(e.items)) problems.push(`${at}: items must be an array`);
        else e.items.forEach((x, i) => element(x, `${at}.items[${i}]`));
        break;
      case 'ColumnSet':
        if (!Array.isArray(e.columns)) problems.push(`${at}: columns must be an array`);
        else
          e.columns.forEach((c, i) => {
            const cw = `${at}.columns[${i}]`;
            if (!isObject(c) || c.type !== 'Column') return problems.push(`${cw}: must be a Column`);
            claimId(c.id, cw);
            if (!Array.isArray(c.items)) return problems.push(`${cw}: items must be an array`);
            c.items.forEach((x, j) => element(x, `${cw}.items[${j}]`));
          });
        break;
    }
  };

  if (Array.isArray(card.body)) card.body.forEach((e, i) => element(e, `body[${i}]`));
  if (card.actions !== undefined) {
    if (!Array.isArray(card.actions)) problems.push('actions must be an array');
    else card.actions.forEach((a, i) => action(a, `actions[${i}]`));
  }
  return problems;
}
