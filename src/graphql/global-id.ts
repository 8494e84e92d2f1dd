/** Global IDs (Relay) in mutation inputs: decoded once, with a field error for a malformed one. */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../domain/errors.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The database id inside a global ID of `typename`, or null if it is not one. */
export function decodeIdOrNull(globalId: string, typename: string): string | null {
  try {
    const { typename: actual, id } = decodeGlobalID(globalId);
    return actual === typename && uuid.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The database id inside a global ID of `typename`. @throws ValidationError naming `field`. */
export function decodeId(globalId: string, typename: string, field: string): string {
  const id = decodeIdOrNull(globalId, typename);
  if (!id) throw ValidationError.single(field, `is not the ID of a ${typename}`);
  return id;
}
