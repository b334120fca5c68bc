import { accessDenied } from '../access/access-errors.js';
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

/**
 * Reference data (population, targets, start values) in a file: only the department and import tokens write
 * it, whatever municipality it is for. Refused with a message that says why.
 */
export function authorizeReferenceImport(actor: Actor, fileName: string): void {
  if (isAllowed(actor, 'reference.write')) return;
  throw accessDenied(
    'reference.write',
    `В файле «${fileName}» есть справочные данные (численность населения или целевые значения): ` +
      'их загружают аналитик или администратор департамента, так как по ним рассчитывается рейтинг. ' +
      'Уберите эти графы или передайте файл в департамент.',
    { entityType: 'import', entityId: fileName },
  );
}
