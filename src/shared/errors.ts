/**
 * The one error type of banzhang (design.md habit 5): a machine code, the i18n key
 * of the message a user reads, and details for logs and CLI output. Handlers turn
 * it into an answer in the user's locale; nothing is swallowed.
 */
export type ErrorCode =
  | 'bad_input'
  | 'bad_file'
  | 'not_found'
  | 'not_in_org'
  | 'forbidden'
  | 'conflict'
  | 'database_locked'
  | 'internal';

export interface RowProblem {
  /** 1-based line number in the file, when known. */
  line?: number;
  /** The field (column or key path) at fault. */
  field?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly details: Record<string, unknown>;
  readonly problems: RowProblem[];

  constructor(
    code: ErrorCode,
    messageKey: string,
    message: string,
    options: { details?: Record<string, unknown>; problems?: RowProblem[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.details = options.details ?? {};
    this.problems = options.problems ?? [];
  }
}

/** Formats row problems as `FILE:LINE field: message` lines (CLI output). */
export function formatProblems(file: string, problems: RowProblem[]): string {
  return problems
    .map((p) => `${file}${p.line !== undefined ? `:${p.line}` : ''}${p.field ? ` ${p.field}` : ''}: ${p.message}`)
    .join('\n');
}

/** A file refused whole (interfaces.md section 5): every bad row listed, nothing stored. */
export function fileRefused(file: string, problems: RowProblem[]): AppError {
  return new AppError('bad_file', 'cli.file_refused', `${file} was refused: ${problems.length} problem(s)`, {
    details: { file, count: problems.length },
    problems,
  });
}
