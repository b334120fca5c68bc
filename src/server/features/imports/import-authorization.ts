import type { Actor } from '../access/actor.js';
import { authorize, isAllowed } from '../access/authorize.js';

/**
 * Whether an actor may import at all: region-wide importers (analysts, administrators,
 * import tokens) and officials for at least one own municipality. Checked before reading the
 * file, so that a refused caller learns nothing from the file's analysis.
 */
export function authorizeImportAtAll(actor: Actor): void {
  const ownMunicipalities = actor.kind === 'user' ? actor.municipalityIds : [];
  if (ownMunicipalities.some((id) => isAllowed(actor, 'import.write', { municipalityId: id })))
    return;
  authorize(actor, 'import.write', { entityType: 'import' });
}

/** Every municipality an import touches must be the caller's to write: one foreign row refuses it all. */
export function authorizeImportRows(actor: Actor, municipalityIds: Iterable<number>): void {
  for (const municipalityId of new Set(municipalityIds)) {
    authorize(actor, 'import.write', {
      municipalityId,
      entityType: 'municipality',
      entityId: municipalityId,
    });
  }
}
