import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MIN_PASSWORD_LENGTH = 12;

/** `security/common-passwords.txt` at the package root: four levels up from src/ and dist/. */
const COMMON_PASSWORDS_FILE = fileURLToPath(
  new URL('../../../../security/common-passwords.txt', import.meta.url),
);

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

/**
 * Why a new password is not acceptable, in Russian, or null when it is. Length and a list of
 * the most common passwords, as NIST SP 800-63B recommends; no composition rules.
 */
export function checkPasswordPolicy(password: string, username?: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов.`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower))
    return 'Этот пароль входит в список самых распространённых паролей: выберите другой.';
  if (username && lower.includes(username.toLowerCase()))
    return 'Пароль не должен содержать имя пользователя.';
  if (new Set(lower).size < 4)
    return 'Пароль слишком однообразен: используйте больше разных символов.';
  return null;
}
