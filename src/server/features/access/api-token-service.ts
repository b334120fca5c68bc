import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type ApiTokenRow,
  findApiToken,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../../db/repositories/api-token-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { ApiTokenView, TokenScope } from '../../../domain/access.js';
import { RequestError } from './access-errors.js';
import { TOKEN_PREFIX } from './access-hooks.js';
import { actorUserId } from './actor.js';
import { type AuditContext, recordAudit } from './audit.js';
import { authorize } from './authorize.js';
import { sha256 } from './session-service.js';

function toView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    createdBy: row.created_by_username,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listTokens(
  db: Kysely<Database>,
  context: AuditContext,
): Promise<ApiTokenView[]> {
  authorize(context.actor, 'tokens.manage', { entityType: 'api_token' });
  return (await listApiTokens(db)).map(toView);
}

/** Creates a token; the secret is in the answer once and only its SHA-256 is stored. */
export async function createToken(
  db: Kysely<Database>,
  input: { name: string; scopes: TokenScope[] },
  context: AuditContext,
): Promise<{ token: ApiTokenView; secret: string }> {
  authorize(context.actor, 'tokens.manage', { entityType: 'api_token' });
  const scopes = [...new Set(input.scopes)].sort();
  if (scopes.length === 0)
    throw new RequestError(400, 'invalid_request', 'Укажите хотя бы одну область действия токена.');
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    const id = await insertApiToken(trx, {
      name: input.name.trim(),
      token_hash: sha256(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      scopes: JSON.stringify(scopes),
      created_by: actorUserId(context.actor),
      created_at: context.at.toISOString(),
      last_used_at: null,
      revoked_at: null,
    });
    const token = toView((await findApiToken(trx, id)) as ApiTokenRow);
    await recordAudit(trx, {
      context,
      action: 'token.create',
      entityType: 'api_token',
      entityId: id,
      after: token,
    });
    return { token, secret };
  });
}

export async function revokeToken(
  db: Kysely<Database>,
  id: number,
  context: AuditContext,
): Promise<ApiTokenView> {
  authorize(context.actor, 'tokens.manage', { entityType: 'api_token', entityId: id });
  return db.transaction().execute(async (trx) => {
    const before = await findApiToken(trx, id);
    if (!before) throw new RequestError(404, 'not_found', `Токен №${id} не найден`);
    await revokeApiToken(trx, id, context.at.toISOString());
    const after = toView((await findApiToken(trx, id)) as ApiTokenRow);
    await recordAudit(trx, {
      context,
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: id,
      before: { revokedAt: before.revoked_at },
      after: { revokedAt: after.revokedAt },
    });
    return after;
  });
}
