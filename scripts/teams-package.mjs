#!/usr/bin/env node
/**
 * `npm run package:teams`: the Teams app package to upload (docs/teams.md):
 * manifests/teams/manifest.json with its placeholders filled from the
 * environment, and the two icons, zipped.
 *
 *   MICROSOFT_APP_ID=<bot's app id> BANZHANG_DOMAIN=banzhang.example.com \
 *     [TEAMS_APP_ID=<Teams app id, default the bot's>] npm run package:teams [-- --out FILE]
 *
 * The zip is written here in a few lines (node:zlib deflateRaw, CRC-32 from
 * teams-icons.mjs) rather than with a dependency: three small files, stored
 * with a fixed date so that the same input gives the same bytes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './teams-icons.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'manifests', 'teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message) {
  console.error(`package:teams: ${message}`);
  process.exit(2);
}

/** A zip archive of `files` ({ name, data }), deflated, every entry dated 1980-01-01 00:00. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** manifest.json with `${{NAME}}` filled from `values`; throws on a placeholder without a value. */
export function fillManifest(text, values) {
  const missing = new Set();
  const filled = text.replace(/\$\{\{(\w+)\}\}/g, (_, name) => {
    if (values[name] === undefined) missing.add(name);
    return values[name] ?? '';
  });
  if (missing.size > 0) throw new Error(`no value for ${[...missing].join(', ')}`);
  return filled;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : path.join(ROOT, 'dist', 'banzhang-teams.zip');
  const appId = process.env.MICROSOFT_APP_ID?.trim();
  const teamsAppId = process.env.TEAMS_APP_ID?.trim() || appId;
  const domain = process.env.BANZHANG_DOMAIN?.trim();
  if (!appId || !GUID.test(appId)) fail('MICROSOFT_APP_ID must be the bot\'s Microsoft app id (a GUID)');
  if (!GUID.test(teamsAppId)) fail('TEAMS_APP_ID must be a GUID');
  if (!domain || !/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) fail('BANZHANG_DOMAIN must be the host name banzhang is reached at, e.g. banzhang.example.com');
  let manifest;
  try {
    manifest = fillManifest(readFileSync(path.join(DIR, 'manifest.json'), 'utf8'), { MICROSOFT_APP_ID: appId, TEAMS_APP_ID: teamsAppId, BANZHANG_DOMAIN: domain });
    JSON.parse(manifest);
  } catch (error) {
    fail(`manifests/teams/manifest.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const files = [
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(path.join(DIR, 'color.png')) },
    { name: 'outline.png', data: readFileSync(path.join(DIR, 'outline.png')) },
  ];
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip(files));
  console.log(`wrote ${out}: ${files.map((f) => f.name).join(', ')}`);
}
