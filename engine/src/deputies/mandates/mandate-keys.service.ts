import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  calculateJwkThumbprint,
  CompactSign,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { Collective } from '../../collectives/collective.entity';
import { LIQUIDE_CONFIG } from '../../config/config.module';
import type { LiquideConfig } from '../../config/liquide-config';
import { MandateKey } from '../entities/mandate-key.entity';
import { MANDATE_TYP, type MandatePayload } from './mandate-format';

/** Where the master key that encrypts the collectives' private keys is kept, under the data directory. */
export const MASTER_KEY_PATH = join('keys', 'mandate-master.key');

/** First key of the per-collective advisory lock taken to create or rotate a key. */
const KEY_LOCK_NAMESPACE = 1_296_385_100;

/**
 * The collectives' instruction-signing keys (ES256): created on first use, rotated on demand, private
 * halves encrypted with AES-256-GCM under a master key (`<data dir>/keys/mandate-master.key`, mode 0600;
 * in tests an in-memory key) and never exported. Every key, retired or not, is published in the JWKS.
 */
@Injectable()
export class MandateKeysService {
  private readonly logger = new Logger('MandateKeys');
  private masterKey: Promise<Buffer> | undefined;

  constructor(
    private readonly em: EntityManager,
    @Inject(LIQUIDE_CONFIG) private readonly config: LiquideConfig,
  ) {}

  /** Signs an instruction with the collective's active key (created if none), inside the caller's transaction. */
  async sign(em: EntityManager, payload: MandatePayload): Promise<{ jws: string; kid: string }> {
    const key = await this.activeKey(em, payload.collectiveId);
    const jwk = JSON.parse(await this.decrypt(key.kid, key.encryptedPrivateKey)) as JWK;
    const privateKey = await importJWK(jwk, 'ES256');
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: MANDATE_TYP })
      .sign(privateKey);
    return { jws, kid: key.kid };
  }

  /** Retires the active key and creates a new one; the retired key stays in the JWKS. */
  async rotate(collectiveId: string): Promise<{ kid: string; retired: string[] }> {
    return this.em.fork().transactional(async (em) => {
      await this.lock(em, collectiveId);
      const active = await em.find(MandateKey, { collective: collectiveId, retiredAt: null });
      const now = new Date();
      active.forEach((key) => (key.retiredAt = now));
      await em.flush();
      const key = await this.create(em, collectiveId);
      return { kid: key.kid, retired: active.map((k) => k.kid) };
    });
  }

  /** The public keys (active and retired) of one collective, or of all when `collectiveId` is undefined. */
  async jwks(collectiveId?: string): Promise<JSONWebKeySet> {
    const keys = await this.em.fork().find(MandateKey, collectiveId ? { collective: collectiveId } : {}, {
      orderBy: { createdAt: 'asc', kid: 'asc' },
    });
    return { keys: keys.map((key) => ({ ...key.publicJwk })) };
  }

  private async activeKey(em: EntityManager, collectiveId: string): Promise<MandateKey> {
    const load = () =>
      em.findOne(
        MandateKey,
        { collective: collectiveId, retiredAt: null },
        { populate: ['encryptedPrivateKey'] },
      );
    const found = await load();
    if (found) {
      return found;
    }
    await this.lock(em, collectiveId);
    return (await load()) ?? this.create(em, collectiveId);
  }

  private async lock(em: EntityManager, collectiveId: string): Promise<void> {
    await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [KEY_LOCK_NAMESPACE, collectiveId]);
  }

  private async create(em: EntityManager, collectiveId: string): Promise<MandateKey> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const bare: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    const kid = `${collectiveId}.${await calculateJwkThumbprint(bare, 'sha256')}`;
    const encrypted = await this.encrypt(kid, JSON.stringify({ ...bare, d: jwk.d }));
    const key = new MandateKey(
      em.getReference(Collective, collectiveId, { wrapped: true }),
      kid,
      { ...bare, kid, alg: 'ES256', use: 'sig' },
      encrypted,
    );
    await em.persist(key).flush();
    this.logger.log(`New instruction-signing key ${kid}`);
    return key;
  }

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url), the kid bound as additional authenticated data. */
  private async encrypt(kid: string, plaintext: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.master(), iv).setAAD(Buffer.from(kid));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  private async decrypt(kid: string, sealed: string): Promise<string> {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !data) {
      throw new Error(`mandate key ${kid}: unknown encryption format`);
    }
    const decipher = createDecipheriv('aes-256-gcm', await this.master(), Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(kid))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  private master(): Promise<Buffer> {
    this.masterKey ??=
      this.config.env === 'test'
        ? Promise.resolve(randomBytes(32))
        : loadMasterKey(join(this.config.database.dataDir, MASTER_KEY_PATH));
    return this.masterKey;
  }
}

/** Reads the 32-byte master key (base64url), creating it (mode 0600) at first start. */
async function loadMasterKey(path: string): Promise<Buffer> {
  try {
    await chmod(path, 0o600);
    return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
}
