/** Small helpers of the scenarios (platform-neutral reading of what a driver returns). */
import { endsWithName } from '../../support/driver.ts';

/** The value of the form's input named `name` (the end of its id), or undefined. */
export const field = (form: Record<string, string>, name: string): string | undefined => Object.entries(form).find(([id]) => endsWithName(id, name))?.[1];
