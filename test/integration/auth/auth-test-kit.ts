import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type CryptoKey } from 'jose';

/** A JSON answer: status, headers and parsed body. */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, asserted field by field
  readonly body: any;
}

/** Sends a request with an optional JSON body and bearer token; reads the JSON answer. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`;
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** An ES256 key written as a PEM PKCS#8 file, for JWT_PRIVATE_KEY_FILE; the test keeps the private key. */
export async function es256KeyFile(): Promise<{ path: string; privateKey: CryptoKey; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const dir = mkdtempSync(join(tmpdir(), 'liquide-jwt-'));
  const path = join(dir, 'jwt-es256.pem');
  writeFileSync(path, await exportPKCS8(privateKey), { mode: 0o600 });
  chmodSync(path, 0o600);
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey), 'sha256');
  return { path, privateKey, kid };
}

let emails = 0;

/** A fresh, valid registration body. */
export function newPerson(name = 'Camille'): { email: string; password: string; displayName: string } {
  emails += 1;
  return {
    email: `${name.toLowerCase()}.${process.pid}.${emails}@example.org`,
    password: 'un mot de passe solide',
    displayName: `${name} ${emails}`,
  };
}
