/**
 * Loading the policy: a built-in preset or a YAML file, validated with the
 * schema. Every error is reported with its path (and its line in the file
 * where there is one), so `banzhang policy check` can list them all.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit } from 'yaml';
import type { z } from 'zod';
import { policySchema, type Policy } from './schema.ts';

export const PRESET_NAMES = ['outbound-basic', 'mobile-outbound-center'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
export const DEFAULT_PRESET: PresetName = 'outbound-basic';

export interface PolicyError {
  /** Dotted path of the key at fault (`lateness.allowanceMode`, `schedule.profiles.x.days[0]`); '' for the file itself. */
  path: string;
  message: string;
  /** 1-based line in the YAML file, when known. */
  line?: number;
}

export type PolicyLoadResult =
  | { ok: true; policy: Policy; /** `preset <name>` or the file path */ source: string }
  | { ok: false; errors: PolicyError[] };

export function isPresetName(ref: string): ref is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(ref);
}

/** The YAML file of a built-in preset, found beside this module (not relative to the cwd). */
export function presetPath(name: PresetName): string {
  return fileURLToPath(new URL(`../presets/${name}.yaml`, import.meta.url));
}

/** Loads a preset by name (default `outbound-basic`) or a policy YAML file by path. */
export async function loadPolicy(ref: string = DEFAULT_PRESET): Promise<PolicyLoadResult> {
  const preset = isPresetName(ref);
  const path = preset ? presetPath(ref) : ref;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const looksLikePath = /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
    const message =
      !preset && !looksLikePath && code === 'ENOENT'
        ? `unknown preset "${ref}": expected one of ${PRESET_NAMES.join('|')}, or a path to a YAML file`
        : `cannot read policy file ${path}: ${code}`;
    return { ok: false, errors: [{ path: '', message }] };
  }
  return parsePolicyYaml(text, preset ? `preset ${ref}` : path);
}

/** Parses and validates the text of a policy YAML file. */
export function parsePolicyYaml(text: string, source = '(text)'): PolicyLoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return pos
          ? { path: '', line: pos.line, message: `YAML syntax error at line ${pos.line}, column ${pos.col}: ${first}` }
          : { path: '', message: `YAML syntax error: ${first}` };
      }),
    };
  }
  const result = parsePolicy(doc.toJS() ?? {}, source);
  if (!result.ok)
    for (const error of result.errors) {
      const line = lineOf(doc, lineCounter, error.path);
      if (line !== undefined) error.line = line;
    }
  return result;
}

/** Validates a policy already read into plain data (an empty object gives every default). */
export function parsePolicy(input: unknown, source = '(object)'): PolicyLoadResult {
  const parsed = policySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data, source };
  return { ok: false, errors: parsed.error.issues.flatMap(toErrors) };
}

/** The effective policy as a policy file (money back in yuan), for `banzhang policy check`. */
export function formatPolicy(policy: Policy): string {
  const doc = new Document(toFileForm(policy));
  visit(doc, {
    // Small leaf collections (weekdays, a phase, a clock-in window) on one line, as in the presets.
    Map(_, node) {
      if (node.items.every((pair) => isScalar(pair.value)) && node.items.length <= 4) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    // Quote times, dates and month-days, so no YAML 1.1 reader takes 08:00 for a number.
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string' && /^\d/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

// ------------------------------------------------------------------ helpers

type PathSegment = PropertyKey;

function pathString(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, p) => {
    if (typeof p === 'number') return `${out}[${p}]`;
    return out ? `${out}.${String(p)}` : String(p);
  }, '');
}

function toErrors(issue: z.core.$ZodIssue): PolicyError[] {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ path: pathString([...issue.path, key]), message: 'unknown key' }));
  return [{ path: pathString(issue.path), message: messageOf(issue) }];
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join('|')}`;
    case 'invalid_type':
      return issue.message.endsWith('received undefined')
        ? `required (expected ${issue.expected})`
        : issue.message.replace(/^Invalid input: /, '');
    case 'invalid_union':
      return 'invalid value';
    default:
      return issue.message.replace(/^(Too small|Too big): /, '');
  }
}

/** The line of the deepest node of the YAML document along the error's path. */
function lineOf(doc: Document, lineCounter: LineCounter, path: string): number | undefined {
  const keys = path
    .split(/\.|(?=\[)/)
    .filter((k) => k !== '')
    .map((k) => (k.startsWith('[') ? Number(k.slice(1, -1)) : k));
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0];
  for (const key of keys) {
    const child = isMap(node) || isSeq(node) ? node.get(key, true) : undefined;
    if (child === undefined || child === null) break;
    node = child;
    offset = (child as { range?: [number] }).range?.[0] ?? offset;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/** Inverse of the schema's money transform: `<key>Fen` (integer fen) → `<key>` (yuan). */
function toFileForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toFileForm);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) =>
      k.endsWith('Fen') && typeof v === 'number' ? [k.slice(0, -3), v / 100] : [k, toFileForm(v)],
    ),
  );
}
