import type { Kysely } from 'kysely';
import { lockForWrite } from '../lock-for-write.js';
import type { Database } from '../schema/index.js';

/** A 31-bit key for the owner's advisory lock (FNV-1a of the owner's name). */
function ownerKey(owner: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < owner.length; i++) hash = Math.imul(hash ^ owner.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & 0x7fffffff;
}

/**
 * Takes a slot for the owner's new job unless `limit` of theirs already run on any instance:
 * the owner's rows are counted and the new one inserted under the owner's lock, so two
 * instances starting jobs at once cannot both pass. Rows not refreshed since `staleBefore`
 * belong to a stopped instance and are removed first. Returns the owner's running jobs when
 * refused, null when the slot was taken.
 */
export async function claimImportJobSlot(
  db: Kysely<Database>,
  slot: { slotId: string; owner: string; instanceId: string; at: string },
  limit: number,
  staleBefore: string,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'importJobOwner', ownerKey(slot.owner));
    await trx
      .deleteFrom('import_job_slot')
      .where('owner', '=', slot.owner)
      .where('heartbeat_at', '<', staleBefore)
      .execute();
    const { n } = await trx
      .selectFrom('import_job_slot')
      .select((e) => e.fn.countAll<number | string>().as('n'))
      .where('owner', '=', slot.owner)
      .executeTakeFirstOrThrow();
    if (Number(n) >= limit) return Number(n);
    await trx
      .insertInto('import_job_slot')
      .values({
        slot_id: slot.slotId,
        owner: slot.owner,
        instance_id: slot.instanceId,
        started_at: slot.at,
        heartbeat_at: slot.at,
      })
      .execute();
    return null;
  });
}

export async function releaseImportJobSlot(db: Kysely<Database>, slotId: string): Promise<void> {
  await db.deleteFrom('import_job_slot').where('slot_id', '=', slotId).execute();
}

/** Marks the instance's running jobs as alive. */
export async function refreshImportJobSlots(
  db: Kysely<Database>,
  instanceId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('import_job_slot')
    .set({ heartbeat_at: at })
    .where('instance_id', '=', instanceId)
    .execute();
}
