/** Display helpers: money is integer fen until here, where it becomes yuan text. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function formatDates(start: string, end: string): string {
  return start === end ? start : `${start} – ${end}`;
}
