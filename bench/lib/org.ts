/**
 * A generated call center of any size: teams with a channel each, their
 * managers, agents and complaint handlers, and the office above them. The same
 * people every run (seeded). Written as an org file (interfaces.md section 5)
 * for `banzhang serve` (BANZHANG_ORG), or as rows for bulk inserts.
 */
import type { RoleKey } from '../../src/policy/config/schema.ts';
import { seeded } from './stats.ts';

export interface GenTeam {
  id: string;
  name: string;
  channel: string;
}

export interface GenEmployee {
  id: string;
  name: string;
  role: RoleKey;
  team: string;
  manager: string | null;
  hireDate: string;
  locale: 'zh-CN' | 'en';
  slack: string;
}

export interface GenOrg {
  teams: GenTeam[];
  employees: GenEmployee[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];

const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/**
 * `staff` people in all, in teams of about `teamSize` (each team: one manager
 * and its agents; every fifth team handles complaints), with one team leader and
 * one department head per ten teams and a general manager, center manager and
 * HR in the office.
 */
export function generateOrg(staff: number, teamSize = 50, seed = 42): GenOrg {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const teamCount = Math.max(1, Math.round(staff / teamSize));
  const groups = Math.ceil(teamCount / 10);
  const office: GenTeam = { id: 'office', name: '中心办公室', channel: 'C0OFFICE' };
  const teams: GenTeam[] = [];
  for (let t = 1; t <= teamCount; t++) teams.push({ id: `t${pad(t, 4)}`, name: `外呼${t}组`, channel: `C${pad(t, 8)}` });

  let n = 0;
  const employees: GenEmployee[] = [];
  const person = (role: RoleKey, team: string, manager: string | null): GenEmployee => {
    n++;
    const year = 2018 + Math.floor(random() * 8);
    const month = 1 + Math.floor(random() * 12);
    const e: GenEmployee = {
      id: `E${pad(n)}`,
      name: `${pick(SURNAMES)}${pick(GIVEN)}${n}`,
      role,
      team,
      manager,
      hireDate: `${year}-${String(month).padStart(2, '0')}-01`,
      locale: random() < 0.8 ? 'zh-CN' : 'en',
      slack: `U${pad(n, 8)}`,
    };
    employees.push(e);
    return e;
  };
  const gm = person('general_manager', office.id, null);
  const cm = person('center_manager', office.id, gm.id);
  person('hr', office.id, gm.id);
  const leaders: string[] = [];
  for (let g = 0; g < groups; g++) {
    leaders.push(person('team_leader', office.id, cm.id).id);
    person('dept_head', office.id, gm.id);
  }
  const remaining = Math.max(teamCount, staff - employees.length);
  teams.forEach((team, i) => {
    const size = Math.floor(remaining / teamCount) + (i < remaining % teamCount ? 1 : 0);
    const complaints = i % 5 === 4;
    const manager = person(complaints ? 'complaint_manager' : 'outbound_manager', team.id, leaders[Math.floor(i / 10)]!);
    for (let k = 1; k < size; k++) person(complaints ? 'complaint_handler' : 'outbound_agent', team.id, manager.id);
  });
  return { teams: [office, ...teams], employees };
}

/** The org file of a generated org. */
export function orgYaml(org: GenOrg, centerName = '基准测试呼叫中心'): string {
  const lines = [
    `center: { name: ${centerName}, timeZone: Asia/Shanghai }`,
    'channels: { incidents: C0INC, rankings: C0RANK, training: C0TRAIN }',
    'teams:',
    ...org.teams.map((t) => `  - { id: ${t.id}, name: ${t.name}, channel: ${t.channel} }`),
    'employees:',
    ...org.employees.map(
      (e) =>
        `  - { id: ${e.id}, name: ${e.name}, role: ${e.role}, team: ${e.team}${e.manager ? `, manager: ${e.manager}` : ''}, hireDate: ${e.hireDate}, locale: ${e.locale}, slack: ${e.slack} }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
