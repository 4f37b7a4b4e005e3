/**
 * A modal's private_metadata (or a button's JSON value) as banzhang wrote it,
 * or {} when it is not a JSON object: a forged or garbled payload is answered
 * like a missing one, never with a crash before the ack.
 */
export function parseMetadata<T extends object>(text: string | undefined | null): Partial<T> {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Partial<T>) : {};
  } catch {
    return {};
  }
}
