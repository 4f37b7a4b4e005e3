/**
 * manifests/teams: the app manifest has the fields the v1.17 schema requires,
 * its command list is exactly the commands the Teams channel handles, the icons
 * are what scripts/teams-icons.mjs draws, and `npm run package:teams` zips them
 * with the placeholders filled.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { commandWords } from '../../../src/channels/teams/commands.ts';
import { teamsContext } from '../../../src/channels/teams/handlers/context.ts';
import { NOT_YET_ON_TEAMS, TEAMS_COMMANDS, VERBS } from '../../../src/channels/teams/ids.ts';
import { registerTeamsHandlers } from '../../../src/channels/teams/teams-channel.ts';
import { loadPolicy } from '../../../src/policy/config/load.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { createLogger } from '../../../src/shared/logger.ts';

const ROOT = path.join(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'manifests/teams');
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: Record<string, string>;
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  validDomains: string[];
};

const temp = mkdtempSync(path.join(tmpdir(), 'bz-teams-manifest-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Width, height and RGBA pixels of an 8-bit RGBA PNG without interlace, filter 0 (what the script writes). */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: Array<[number, number, number, number]> = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    for (let x = 0; x < width; x++) {
      const i = y * (width * 4 + 1) + 1 + x * 4;
      pixels.push([raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!]);
    }
  }
  return { width, height, pixels };
}

/** The entries of a zip, read through its central directory, each checked against its CRC-32. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const packedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30);
    const comment = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    expect(archive.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const packed = archive.subarray(dataAt, dataAt + packedSize);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    expect(crc32(data), name).toBe(crc);
    entries.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

describe('Teams app manifest (manifests/teams)', () => {
  it('has the fields the v1.17 schema requires, within its limits; ids come from placeholders', () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    for (const field of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[field], field).toBeTruthy();
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[field], field).toMatch(/^https:\/\//);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]!.botId).toBe('${{MICROSOFT_APP_ID}}');
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team']);
    expect(manifest.validDomains).toEqual(['${{BANZHANG_DOMAIN}}']);
    for (const list of manifest.bots[0]!.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const c of list.commands) {
        expect(c.title.length, c.title).toBeLessThanOrEqual(32);
        expect(c.description.length, c.title).toBeLessThanOrEqual(128);
      }
    }
  });

  it('the command list is exactly what the Teams channel handles: every command\'s first word has a handler, every handler a command', async () => {
    const loaded = await loadPolicy('outbound-basic');
    if (!loaded.ok) throw new Error('policy');
    const ctx = teamsContext({ prisma: () => { throw new Error('no database in this test'); }, policy: loaded.policy, clock: systemClock, logger: createLogger('silent') });
    registerTeamsHandlers(ctx);
    const handled = [...ctx.commands.keys()].sort();
    expect(handled).toEqual(Object.values(TEAMS_COMMANDS).sort());
    const firstWords = new Set(manifest.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => commandWords(c.title)[0])));
    expect([...firstWords].sort()).toEqual(handled);
    for (const word of NOT_YET_ON_TEAMS) expect(firstWords.has(word), word).toBe(false);
    // Card verbs are registered by the same modules.
    expect([...ctx.verbs.keys()].sort()).toEqual(Object.values(VERBS).sort());
  });

  it('the icons are what scripts/teams-icons.mjs draws: color 192×192 opaque, outline 32×32 white on transparent', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/teams-icons.mjs'), '--out-dir', temp]);
    for (const name of ['color.png', 'outline.png']) expect(readFileSync(path.join(temp, name)).equals(readFileSync(path.join(DIR, name))), name).toBe(true);
    const color = decodePng(readFileSync(path.join(DIR, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixels.every((p) => p[3] === 255)).toBe(true);
    expect(color.pixels[0]).toEqual([0xc8, 0x10, 0x2e, 255]);
    expect(color.pixels.some((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    const outline = decodePng(readFileSync(path.join(DIR, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.pixels.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    expect(outline.pixels[0]![3]).toBe(0);
    expect(outline.pixels.filter((p) => p[3] === 255).length).toBeGreaterThan(100);
  });

  it('npm run package:teams zips the manifest with its placeholders filled and the two icons; without an app id it refuses (exit 2)', () => {
    const out = path.join(temp, 'banzhang-teams.zip');
    const appId = '11111111-2222-3333-4444-555555555555';
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/teams-package.mjs'), '--out', out], { env: { ...process.env, MICROSOFT_APP_ID: appId, BANZHANG_DOMAIN: 'banzhang.example.com', TEAMS_APP_ID: '' } });
    const entries = unzip(readFileSync(out));
    expect([...entries.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packed = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as typeof manifest;
    expect(packed.id).toBe(appId);
    expect(packed.bots[0]!.botId).toBe(appId);
    expect(packed.validDomains).toEqual(['banzhang.example.com']);
    expect(packed.developer.privacyUrl).toBe('https://banzhang.example.com/privacy');
    expect(JSON.stringify(packed)).not.toContain('${{');
    expect(entries.get('color.png')!.equals(readFileSync(path.join(DIR, 'color.png')))).toBe(true);
    const refused = spawnSync(process.execPath, [path.join(ROOT, 'scripts/teams-package.mjs'), '--out', path.join(temp, 'x.zip')], { env: { ...process.env, MICROSOFT_APP_ID: 'not-a-guid', BANZHANG_DOMAIN: 'x' }, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('MICROSOFT_APP_ID must be');
  });
});
