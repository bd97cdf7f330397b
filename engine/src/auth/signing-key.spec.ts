import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { exportPKCS8, generateKeyPair, SignJWT, jwtVerify } from 'jose';
import { loadConfig } from '../config/liquide-config';
import { GENERATED_KEY_PATH, loadSigningKey } from './signing-key';

describe(loadSigningKey.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['error', 'warn', 'log']);
  });

  const dataDir = () => mkdtempSync(join(tmpdir(), 'liquide-key-'));

  it('generates a key at first start, keeps it readable by its owner only, and reuses it', async () => {
    const dir = dataDir();
    const config = loadConfig({ NODE_ENV: 'production', LIQUIDE_DATA_DIR: dir });

    const first = await loadSigningKey(config);
    const file = join(dir, GENERATED_KEY_PATH);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      d: expect.any(String),
    });

    const second = await loadSigningKey(config);
    expect(second.kid).toBe(first.kid);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(first.privateKey);
    await expect(jwtVerify(token, second.publicKey)).resolves.toBeDefined();
  });

  it('reads a PEM PKCS#8 key file when JWT_PRIVATE_KEY_FILE is set', async () => {
    const dir = dataDir();
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const path = join(dir, 'key.pem');
    writeFileSync(path, await exportPKCS8(privateKey), { mode: 0o600 });
    const config = loadConfig({ NODE_ENV: 'production', LIQUIDE_DATA_DIR: dir, JWT_PRIVATE_KEY_FILE: path });

    const sut = await loadSigningKey(config);
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    await expect(jwtVerify(token, sut.publicKey)).resolves.toBeDefined();
    expect(sut.publicJwk).not.toHaveProperty('d');
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('refuses a key that is not ES256', async () => {
    const dir = dataDir();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const path = join(dir, 'rsa.pem');
    writeFileSync(path, await exportPKCS8(privateKey));
    const config = loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY_FILE: path });
    await expect(loadSigningKey(config)).rejects.toThrow();
  });

  it('uses a fresh in-memory key in tests', async () => {
    const dir = dataDir();
    const config = loadConfig({ NODE_ENV: 'test', LIQUIDE_DATA_DIR: dir });
    const a = await loadSigningKey(config);
    const b = await loadSigningKey(config);
    expect(a.kid).not.toBe(b.kid);
  });
});
