import { hash, verify } from '@node-rs/argon2';

/** Shortest password accepted at registration. */
export const PASSWORD_MIN_LENGTH = 10;

/** Hashes a password with argon2id and the library's default costs. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when the password matches the stored argon2 hash; false on any mismatch or bad hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends as long as a real check when there is no hash to check against (unknown email, account
 * without a password), so that response time does not reveal which emails have an account.
 */
export async function spendPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword('liquide-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
