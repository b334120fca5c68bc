import { userInfo } from 'node:os';
import type { AuditContext } from '../server/features/access/audit.js';

/** The operating-system user who ran the command, as the audit trail names them. */
export function cliUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return 'неизвестно';
  }
}

/** The CLI acts as the system; its audit events name the operating-system user who ran it. */
export const cliAuditContext = (): AuditContext => ({
  actor: { kind: 'system', label: `CLI (${cliUsername()})` },
  ip: null,
  userAgent: 'munirank CLI',
  at: new Date(),
});
