/** November 2026 of the pay scenario (test/fixtures/pay-org.yaml), shared by the Slack and Teams pay tests. */
import { DateTime } from 'luxon';

export const PAY_ZONE = 'Asia/Shanghai';
export const PAY_EMPLOYEES = ['P001', 'P002', 'P100', 'P200'];

/** Every working day of November for everyone, on time, but P001: 12 minutes late on 11-05 and off sick on 11-10. */
export function punchCsv(): string {
  const rows = ['employee_id,timestamp,direction'];
  for (let d = 1; d <= 30; d++) {
    const date = `2026-11-${String(d).padStart(2, '0')}`;
    if (DateTime.fromISO(date, { zone: PAY_ZONE }).weekday > 5) continue;
    for (const id of PAY_EMPLOYEES) {
      if (id === 'P001' && date === '2026-11-10') continue;
      rows.push(`${id},${date} ${id === 'P001' && date === '2026-11-05' ? '08:12:40' : '07:57:00'},in`, `${id},${date} 14:25:00,in`, `${id},${date} 17:30:00,out`);
    }
  }
  return rows.join('\n');
}

export const PAY_SUMMARIES = 'employee_id,date,calls_made,calls_connected,questionnaires_completed,orders\nP001,2026-11-02,900,600,400,450\nP002,2026-11-02,900,600,400,420\n';
