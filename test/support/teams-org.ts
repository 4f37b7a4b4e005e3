/**
 * A Slack org fixture (test/fixtures/*.yaml) on Teams, for the Teams versions
 * of the Slack scenarios: every `slack:` identity becomes a `teams:` AAD object
 * id derived from the employee id, every Slack channel a Teams channel id, and
 * the center's channels move under `channels.teams`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** The AAD object id an employee gets in the converted org (a UUID from the id's bytes). */
export const aadOf = (employeeId: string) => `00000000-0000-4000-8000-${Buffer.from(employeeId).toString('hex').padStart(12, '0').slice(-12)}`;

/** The Teams channel id a Slack channel id becomes. */
export const teamsChannelOf = (slackChannel: string) => `19:${slackChannel.toLowerCase()}@thread.tacv2`;

/** Writes the Teams version of `slackOrgFile` to `outFile`. */
export function writeTeamsOrg(slackOrgFile: string, outFile: string): void {
  const text = readFileSync(slackOrgFile, 'utf8')
    .split('\n')
    .map((line) => {
      const center = /^channels: \{(.*)\}\s*$/.exec(line);
      if (center) {
        const pairs = center[1]!.split(',').map((p) => p.trim().split(/:\s*/) as [string, string]);
        return `channels: { teams: { ${pairs.map(([name, id]) => `${name}: "${teamsChannelOf(id)}"`).join(', ')} } }`;
      }
      const id = /\bid: ([\w-]+)/.exec(line)?.[1];
      return line.replace(/\bslack: (\w+)/, () => `teams: ${aadOf(id!)}`).replace(/\bchannel: (C\w+)/, (_, c: string) => `channel: "${teamsChannelOf(c)}"`);
    })
    .join('\n');
  writeFileSync(outFile, text);
}
