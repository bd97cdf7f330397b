import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { LiquideConfig } from '../config/liquide-config';

/** Injection token of the server's {@link SigningKey}. */
export const SIGNING_KEY = Symbol('SIGNING_KEY');

/** The only algorithm Liquide signs its own access tokens with. */
export const SIGNING_ALGORITHM = 'ES256';

/** The ES256 key pair that signs Liquide's access tokens. */
export interface SigningKey {
  /** JWK SHA-256 thumbprint of the public key; sent as the tokens' `kid` header. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** Public JWK with `kid`, `alg` and `use`, as served at `/api/auth/jwks`. */
  readonly publicJwk: JWK;
}

/** Where a generated key is kept, relative to the data directory. */
export const GENERATED_KEY_PATH = join('keys', 'jwt-es256.jwk.json');

const logger = new Logger('SigningKey');

/**
 * Loads the signing key: from `JWT_PRIVATE_KEY_FILE` (PEM PKCS#8) when set; otherwise the key
 * generated at first start and kept in `<data dir>/keys/jwt-es256.jwk.json` (mode 0600). In tests a
 * fresh in-memory key is enough.
 */
export async function loadSigningKey(config: LiquideConfig): Promise<SigningKey> {
  if (config.jwt.privateKeyFile) {
    const pem = await readFile(config.jwt.privateKeyFile, 'utf8');
    const privateKey = await importPKCS8(pem, SIGNING_ALGORITHM, { extractable: true });
    return fromPrivateJwk(await exportJWK(privateKey));
  }
  if (config.env === 'test') {
    const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    return fromPrivateJwk(await exportJWK(privateKey));
  }
  return fromPrivateJwk(await generatedKeyJwk(join(config.database.dataDir, GENERATED_KEY_PATH)));
}

/** Builds the key pair, `kid` and public JWK from a private EC P-256 JWK. */
export async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y) {
    throw new Error('The JWT signing key must be an EC P-256 private key (ES256)');
  }
  const bare: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const kid = await calculateJwkThumbprint(bare, 'sha256');
  const publicJwk: JWK = { ...bare, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  const privateKey = (await importJWK({ ...bare, d: jwk.d }, SIGNING_ALGORITHM)) as CryptoKey;
  const publicKey = (await importJWK(bare, SIGNING_ALGORITHM)) as CryptoKey;
  return { kid, privateKey, publicKey, publicJwk };
}

async function generatedKeyJwk(path: string): Promise<JWK> {
  const existing = await readJwk(path);
  if (existing) {
    return existing;
  }
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  try {
    // 'wx': when two instances share the data directory and start together, one key wins.
    await writeFile(path, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
    logger.log(`Generated a new ES256 signing key in ${path}`);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return (await readJwk(path)) ?? jwk;
    }
    throw error;
  }
}

async function readJwk(path: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    logger.warn(`${path} was readable by others (mode ${mode.toString(8)}): restricting it to 0600`);
    await chmod(path, 0o600);
  }
  return JSON.parse(text) as JWK;
}
